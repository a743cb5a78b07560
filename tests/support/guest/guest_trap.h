/* The trap runtime of the bare-metal guest tests (tests/isa, tests/vm, tests/smp): M- and
 * S-mode trap entries on per-hart trap stacks, a dispatch table of the handlers a test
 * registers (one exception and one interrupt handler per level), armed trap records, and
 * running a function in a lower privilege mode. */
#pragma once
#include <stdint.h>

#include "guest_csr.h"

/* ---- one trap, as a handler sees it ----------------------------------------------- */
struct guest_trap {
  uint64_t cause, epc, tval;
  uint64_t status;     /* xstatus right after the trap was taken */
  uint64_t prev_priv;  /* the mode the trap came from (xPP, priv. spec 20260120 §3.1.6.1) */
  uint64_t level;      /* PRV_M or PRV_S: the mode of the handler */
  uint64_t *regs;      /* x0..x31 as saved at entry; changes are restored on return */
};

/* Returns the PC to resume at. */
typedef uint64_t (*guest_exception_fn)(const struct guest_trap *t);
/* Must clear the interrupt's source; the trap returns to the interrupted PC. */
typedef void (*guest_interrupt_fn)(uint64_t cause);

/* The dispatch table, shared by all harts (register before other harts may trap). A null
 * exception handler means guest_record_and_skip; a null interrupt handler fails the test. */
void guest_on_exception(uint64_t level, guest_exception_fn fn);
void guest_on_interrupt(uint64_t level, guest_interrupt_fn fn);

/* ---- trap records ------------------------------------------------------------------ */
struct guest_record {
  uint64_t armed;      /* nonzero: exceptions are expected and recorded */
  uint64_t count;      /* exceptions recorded since the last guest_arm */
  uint64_t cause, epc, tval, prev_priv;
  uint64_t status;
};
extern volatile struct guest_record guest_mtrap, guest_strap;

void guest_arm(volatile struct guest_record *r);
void guest_disarm(volatile struct guest_record *r);
/* Stores t in its level's record; an exception nobody armed for ends the test (exit 3). */
void guest_record(const struct guest_trap *t);
/* The default exception handler: guest_record, then resume after the faulting instruction. */
uint64_t guest_record_and_skip(const struct guest_trap *t);

/* ---- set-up and privilege switching ------------------------------------------------ */
/* On the calling hart: the M and S trap stacks into mscratch/sscratch, mtvec and stvec to
 * the trap entries (direct mode). Every hart that may trap calls it. */
void guest_trap_init(void);

/* An ECALL with a7 == GUEST_ECALL_LEAVE returns from guest_enter / guest_s_enter_user; one
 * with a7 == GUEST_ECALL_RAISE continues after the ECALL in the mode of the handler that
 * takes it (M unless delegated). */
#define GUEST_ECALL_LEAVE 0x1eaf
#define GUEST_ECALL_RAISE 0x1eb0
#define GUEST_RAISE() __asm__ volatile("li a7, 0x1eb0\n ecall" ::: "a7", "memory")

/* From M-mode: runs fn(arg) in mode (PRV_U/S/M) through MRET with MPIE = 0; fn's result
 * comes back and xstatus is restored. One hart at a time (the caller's context is global). */
uint64_t guest_enter(uint64_t mode, uint64_t (*fn)(uint64_t), uint64_t arg);
/* From S-mode: runs fn(arg) in U-mode through SRET; needs ECALL from U delegated (medeleg[8]). */
uint64_t guest_s_enter_user(uint64_t (*fn)(uint64_t), uint64_t arg);

/* The vectored mtvec table (mtvec = table | 1, priv. spec 20260120 §3.1.7) and the slot the last
 * interrupt came through, -1 when it came through the base. */
extern char guest_mvec_table[];
extern volatile int64_t guest_vector_slot;
