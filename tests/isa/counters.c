/* Counters (priv. spec 20260120 §3.1.10-12, §12.1.4; unprivileged spec 20260120 §8): mcycle and
 * minstret count, minstret exactly over a known instruction sequence, writes to them take
 * effect, the time CSR follows CLINT mtime, and mcounteren/scounteren gate rdcycle, rdtime
 * and rdinstret in S and U mode. */
#include "isa.h"

#define CY (1u << 0)
#define TM (1u << 1)
#define IR (1u << 2)

/* One counter read in the calling mode; returns the number of traps it raised (0 or 1). */
static uint64_t try_cycle(uint64_t unused)
{
  (void)unused;
  uint64_t before = guest_mtrap.count;
  __asm__ volatile("rdcycle t0" ::: "t0", "memory");
  return guest_mtrap.count - before;
}

static uint64_t try_time(uint64_t unused)
{
  (void)unused;
  uint64_t before = guest_mtrap.count;
  __asm__ volatile("rdtime t0" ::: "t0", "memory");
  return guest_mtrap.count - before;
}

static uint64_t try_instret(uint64_t unused)
{
  (void)unused;
  uint64_t before = guest_mtrap.count;
  __asm__ volatile("rdinstret t0" ::: "t0", "memory");
  return guest_mtrap.count - before;
}

/* Bit mask of the counters (CY, TM, IR) readable in mode with the given enables. */
static uint64_t readable(uint64_t mode, uint64_t mcounteren, uint64_t scounteren)
{
  CSRW(mcounteren, mcounteren);
  CSRW(scounteren, scounteren);
  guest_arm(&guest_mtrap);
  uint64_t mask = 0;
  if (guest_enter(mode, try_cycle, 0) == 0)
    mask |= CY;
  if (guest_enter(mode, try_time, 0) == 0)
    mask |= TM;
  if (guest_enter(mode, try_instret, 0) == 0)
    mask |= IR;
  guest_disarm(&guest_mtrap);
  return mask;
}

int main(void)
{
  guest_trap_init();
  uint64_t a, b;

  guest_group("minstret exact");
  /* Between the two reads retire the first csrr itself and 100 ADDIs. */
  __asm__ volatile(ISA_NORVC "csrr %0, minstret\n .rept 100\n addi x0, x0, 0\n .endr\n"
                   " csrr %1, minstret\n" ISA_POP : "=&r"(a), "=&r"(b));
  CHECK(b - a, 101);
  __asm__ volatile("csrr %0, minstret\n .rept 40\n c.nop\n addi t0, t0, 1\n .endr\n"
                   " csrr %1, minstret\n" : "=&r"(a), "=&r"(b) : : "t0");
  CHECK(b - a, 81);
  __asm__ volatile(ISA_NORVC "rdinstret %0\n li t0, 50\n1: addi t0, t0, -1\n bnez t0, 1b\n"
                   " rdinstret %1\n" ISA_POP : "=&r"(a), "=&r"(b) : : "t0");
  CHECK(b - a, 102);
  guest_group_ok();

  guest_group("mcycle");
  __asm__ volatile("csrr %0, mcycle\n .rept 100\n nop\n .endr\n csrr %1, mcycle\n"
                   : "=&r"(a), "=&r"(b));
  CHECK_TRUE(b - a >= 100);                          /* at least one cycle per instruction */
  CHECK_TRUE(CSRR(cycle) > 0);
  guest_group_ok();

  guest_group("counter writes");
  CSRW(minstret, 1000000);
  a = CSRR(minstret);
  CHECK_TRUE(a >= 1000000 && a < 1000010);
  CSRW(mcycle, 5000000);
  a = CSRR(mcycle);
  CHECK_TRUE(a >= 5000000 && a < 5010000);
  guest_group_ok();

  guest_group("time");
  volatile uint64_t *mtime = (volatile uint64_t *)CLINT_MTIME;
  uint64_t t1 = *mtime, t2, t3;
  __asm__ volatile("rdtime %0" : "=r"(t2));
  t3 = *mtime;
  CHECK_TRUE(t1 <= t2 && t2 <= t3);
  guest_group_ok();

  guest_group("counteren");
  CHECK(readable(PRV_M, 0, 0), CY | TM | IR);        /* M is never gated */
  CHECK(readable(PRV_S, 0, 0), 0);
  CHECK(readable(PRV_U, 0, 0), 0);
  CHECK(readable(PRV_S, CY | TM | IR, 0), CY | TM | IR);
  CHECK(readable(PRV_U, CY | TM | IR, 0), 0);        /* U also needs scounteren */
  CHECK(readable(PRV_U, CY | TM | IR, CY | TM | IR), CY | TM | IR);
  CHECK(readable(PRV_S, TM, CY | IR), TM);
  CHECK(readable(PRV_U, CY | IR, CY | TM), CY);      /* both must allow */
  CHECK(readable(PRV_U, 0, CY | TM | IR), 0);
  CHECK(guest_mtrap.cause, CAUSE_ILLEGAL);
  guest_group_ok();

  return guest_pass();
}
