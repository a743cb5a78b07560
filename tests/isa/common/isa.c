/* Check groups, trap bookkeeping and mode probing for the ISA tests (see isa.h). Output is
 * the same on every machine: group names, "ok", and on failure the line, the expression and
 * the expected and actual values. */
#include "isa.h"

volatile struct isa_trap isa_mtrap, isa_strap;
volatile int64_t isa_vector_slot = -1;

static const char *group_name = "";

/* Trap stacks; the slot word below the 32-word frame (FRAME in isa_trap.S) is for the
 * vectored entry, -1 while no vectored slot was taken. */
#define FRAME_WORDS 32
static uint64_t mtrap_stack[512] __attribute__((aligned(16)));
static uint64_t strap_stack[512] __attribute__((aligned(16)));

void isa_init(void)
{
  extern char isa_mtrap_entry[];
  extern char isa_strap_entry[];
  mtrap_stack[512 - FRAME_WORDS - 1] = ~0ull;
  CSRW(mscratch, &mtrap_stack[512]);
  CSRW(sscratch, &strap_stack[512]);
  CSRW(mtvec, isa_mtrap_entry);
  CSRW(stvec, isa_strap_entry);
}

void isa_group(const char *name)
{
  group_name = name;
}

void isa_group_ok(void)
{
  printf("%s: ok\n", group_name);
}

void isa_fail(int line, const char *what)
{
  printf("%s: FAIL line %d: %s\n", group_name, line, what);
  rt_exit(1);
}

void isa_check_at(int line, const char *what, uint64_t got, uint64_t expected)
{
  if (got == expected)
    return;
  printf("%s: FAIL line %d: %s: expected 0x%lx got 0x%lx\n", group_name, line, what,
         (unsigned long)expected, (unsigned long)got);
  rt_exit(1);
}

int isa_pass(void)
{
  printf("PASS\n");
  return 0;
}

void isa_arm(volatile struct isa_trap *t)
{
  t->count = 0;
  t->cause = t->epc = t->tval = t->prev_priv = t->status = ~0ull;
  t->armed = 1;
}

void isa_disarm(volatile struct isa_trap *t)
{
  t->armed = 0;
}

/* Called by the trap entry for every synchronous exception; returns the PC to resume at. */
uint64_t isa_record_exception(uint64_t cause, uint64_t epc, uint64_t tval, uint64_t status,
                              volatile struct isa_trap *t, uint64_t prev)
{
  if (!t->armed) {
    printf("%s: FAIL unexpected %s-mode trap: cause %lu\n", group_name,
           t == &isa_mtrap ? "M" : "S", (unsigned long)cause);
    rt_exit(3);
  }
  t->count++;
  t->cause = cause;
  t->epc = epc;
  t->tval = tval;
  t->prev_priv = prev;
  t->status = status;
  return epc + insn_len_at(epc);
}

void isa_dispatch_interrupt(uint64_t cause, volatile struct isa_trap *t, uint64_t *frame)
{
  isa_vector_slot = (int64_t)frame[-1];
  frame[-1] = ~0ull;
  if (t->on_interrupt == 0) {
    printf("%s: FAIL unexpected interrupt: cause %lu\n", group_name,
           (unsigned long)(cause & ~CAUSE_INTERRUPT));
    rt_exit(3);
  }
  t->on_interrupt(cause);
}

uint64_t isa_current_mode(void)
{
  uint64_t m0 = isa_mtrap.count + isa_strap.count;
  uint64_t ma = isa_mtrap.armed, sa = isa_strap.armed;
  uint64_t mode;
  isa_mtrap.armed = isa_strap.armed = 1;
  __asm__ volatile("csrr t0, mscratch" ::: "t0", "memory");
  if (isa_mtrap.count + isa_strap.count == m0) {
    mode = PRV_M;
  } else {
    m0 = isa_mtrap.count + isa_strap.count;
    __asm__ volatile("csrr t0, sscratch" ::: "t0", "memory");
    mode = isa_mtrap.count + isa_strap.count == m0 ? PRV_S : PRV_U;
  }
  isa_mtrap.armed = ma;
  isa_strap.armed = sa;
  return mode;
}
