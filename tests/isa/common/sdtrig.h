/* What the Sdtrig tests share (debug spec 1.0 §5): tdata1's type field and mcontrol6's match
 * and mode bits, and programming a trigger through tselect (0x7a0), tdata1 (0x7a1) and tdata2
 * (0x7a2). tdata1 is cleared first so that a half-written trigger never matches. */
#ifndef MEMVP_ISA_SDTRIG_H
#define MEMVP_ISA_SDTRIG_H

#include "isa.h"

#define MCONTROL (2ull << 60)
#define MCONTROL6 (6ull << 60)
#define DISABLED (15ull << 60)
#define T_LOAD 1
#define T_STORE 2
#define T_EXEC 4
#define T_U 8
#define T_S 16
#define T_M 64

static inline void program(uint64_t index, uint64_t tdata1, uint64_t tdata2)
{
  CSRW(0x7a0, index);
  CSRW(0x7a1, 0);
  CSRW(0x7a2, tdata2);
  CSRW(0x7a1, tdata1);
}

static inline void clear_triggers(void)
{
  program(0, 0, 0);
  program(1, 0, 0);
}

static inline uint64_t user_load(uint64_t a) { return *(volatile uint64_t *)a; }

#endif
