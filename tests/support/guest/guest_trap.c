/* Dispatch, records and set-up of the guest trap runtime (see guest_trap.h). The entries of
 * guest_trap_entry.S call guest_trap_dispatch for every trap other than the LEAVE and RAISE
 * ECALLs; it builds the guest_trap and hands it to the handler registered for the level. */
#include "guest_trap.h"

#include <stdio.h>

#include "guest_check.h"
#include "memvp/platform.h"
#include "memvp/rt.h"

#define SLOT_WORD 33            /* SLOT in guest_trap_entry.S: the frame's last word */
#define TRAP_STACK_WORDS 1024

volatile struct guest_record guest_mtrap, guest_strap;
volatile int64_t guest_vector_slot = -1;

/* Per hart, per level (0: M, 1: S). The top word of each is the frame's vectored slot, -1
 * while no vectored slot was taken. */
static uint64_t trap_stacks[RT_MAX_HARTS][2][TRAP_STACK_WORDS] __attribute__((aligned(16)));

static guest_exception_fn exception_fns[2];
static guest_interrupt_fn interrupt_fns[2];

static unsigned level_index(uint64_t level)
{
  return level == PRV_M ? 0 : 1;
}

void guest_on_exception(uint64_t level, guest_exception_fn fn)
{
  exception_fns[level_index(level)] = fn;
}

void guest_on_interrupt(uint64_t level, guest_interrupt_fn fn)
{
  interrupt_fns[level_index(level)] = fn;
}

void guest_trap_init(void)
{
  extern char guest_mtrap_entry[], guest_strap_entry[];
  uint64_t (*stacks)[TRAP_STACK_WORDS] = trap_stacks[rt_hart_id()];
  for (unsigned l = 0; l < 2; l++)
    stacks[l][TRAP_STACK_WORDS - 1] = ~0ull;
  CSRW(mscratch, &stacks[0][TRAP_STACK_WORDS]);
  CSRW(sscratch, &stacks[1][TRAP_STACK_WORDS]);
  CSRW(mtvec, guest_mtrap_entry);
  CSRW(stvec, guest_strap_entry);
}

void guest_arm(volatile struct guest_record *r)
{
  r->count = 0;
  r->cause = r->epc = r->tval = r->prev_priv = r->status = ~0ull;
  r->armed = 1;
}

void guest_disarm(volatile struct guest_record *r)
{
  r->armed = 0;
}

static __attribute__((noreturn)) void unexpected(const struct guest_trap *t)
{
  printf("%s: FAIL unexpected %s-mode trap: cause %lu epc 0x%lx tval 0x%lx\n",
         guest_group_name(), t->level == PRV_M ? "M" : "S",
         (unsigned long)(t->cause & ~CAUSE_INTERRUPT), (unsigned long)t->epc,
         (unsigned long)t->tval);
  rt_exit(3);
}

void guest_record(const struct guest_trap *t)
{
  volatile struct guest_record *r = t->level == PRV_M ? &guest_mtrap : &guest_strap;
  if (!r->armed)
    unexpected(t);
  r->count++;
  r->cause = t->cause;
  r->epc = t->epc;
  r->tval = t->tval;
  r->prev_priv = t->prev_priv;
  r->status = t->status;
}

uint64_t guest_record_and_skip(const struct guest_trap *t)
{
  guest_record(t);
  return t->epc + insn_len_at(t->epc);
}

/* Called by the trap entries with the level's xcause, xepc, xtval and xstatus and the saved
 * registers; returns the PC to resume at. */
uint64_t guest_trap_dispatch(uint64_t cause, uint64_t epc, uint64_t tval, uint64_t status,
                             uint64_t *regs, uint64_t level)
{
  const unsigned l = level_index(level);
  /* xPP: mstatus.MPP (bits 12:11) or sstatus.SPP (bit 8), priv. spec 20260120 §3.1.6.1. */
  const uint64_t prev = level == PRV_M ? (status >> 11) & 3 : (status >> 8) & 1;
  const struct guest_trap t = {cause, epc, tval, status, prev, level, regs};
  if (cause & CAUSE_INTERRUPT) {
    guest_vector_slot = (int64_t)regs[SLOT_WORD];
    regs[SLOT_WORD] = ~0ull;
    if (!interrupt_fns[l])
      unexpected(&t);
    interrupt_fns[l](cause);
    return epc;
  }
  return exception_fns[l] ? exception_fns[l](&t) : guest_record_and_skip(&t);
}
