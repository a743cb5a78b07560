/* fp_switch: each process keeps its own F/D state (f0-f31, fcsr) across context switches.
 * A fresh image starts with them zero; a forked child starts with its parent's; then parent
 * and child take turns with sched_yield, each loading its own values and rounding mode,
 * dividing (which accrues flags in fflags), and checking after every switch that its 32
 * registers and fcsr are exactly what it left. The program is built for RV64IMAC and LP64, so
 * only the assembly here touches the f registers. */
#include "utest.h"

#define ROUNDS 200

struct fp_state {
  unsigned long f[32];
  unsigned long fcsr;
};

#define FOR_F(op) \
  op(0) op(1) op(2) op(3) op(4) op(5) op(6) op(7) op(8) op(9) op(10) op(11) op(12) op(13) op(14) op(15) \
  op(16) op(17) op(18) op(19) op(20) op(21) op(22) op(23) op(24) op(25) op(26) op(27) op(28) op(29)    \
  op(30) op(31)
#define FSD(n) "fsd f" #n ", " #n "*8(%0)\n"
#define FLD(n) "fld f" #n ", " #n "*8(%0)\n"

static void fp_save(struct fp_state *s)
{
  __asm__ volatile(".option push\n.option arch, +d\n" FOR_F(FSD) "frcsr t0\nsd t0, 256(%0)\n.option pop"
                   : : "r"(s) : "t0", "memory");
}

static void fp_load(const struct fp_state *s)
{
  __asm__ volatile(".option push\n.option arch, +d\n" FOR_F(FLD) "ld t0, 256(%0)\nfscsr t0\n.option pop"
                   : : "r"(s) : "t0", "memory");
}

/* f0 = f1 / f2 in the dynamic rounding mode (frm): changes f0 and accrues fflags. */
static void fp_work(void)
{
  __asm__ volatile(".option push\n.option arch, +d\nfdiv.d f0, f1, f2, dyn\n.option pop");
}

/* Process `who`'s values in round r: doubles of 1.x with who and r in the fraction, a rounding
 * mode of the five and some flags already set. */
static void fill(struct fp_state *s, unsigned long who, unsigned long r)
{
  for (unsigned long i = 0; i < 32; i++)
    s->f[i] = 0x3ff0000000000000UL | who << 44 | r << 16 | (i * 0x1234567UL & 0xffff);
  s->fcsr = ((who + r) % 5) << 5 | ((who * r) & 0x1f);
}

static int same(const struct fp_state *a, const struct fp_state *b)
{
  for (int i = 0; i < 32; i++)
    if (a->f[i] != b->f[i])
      return 0;
  return a->fcsr == b->fcsr;
}

/* ROUNDS turns; returns the number of turns whose state changed across the switch. */
static unsigned long run_turns(unsigned long who)
{
  struct fp_state want, got;
  unsigned long bad = 0;
  for (unsigned long r = 0; r < ROUNDS; r++) {
    fill(&want, who, r);
    fp_load(&want);
    fp_work();
    fp_save(&want);
    sched_yield();
    fp_save(&got);
    if (!same(&want, &got))
      bad++;
  }
  return bad;
}

int main(void)
{
  struct fp_state s, zero = {{0}, 0};
  fp_save(&s);
  printf("fp_switch: fresh image: f0-f31 and fcsr zero: %s\n", same(&s, &zero) ? "yes" : "no");
  CHECK(same(&s, &zero));

  struct fp_state parent;
  fill(&parent, 1, 999);
  fp_load(&parent);
  struct memvp_vmstat v1 = vmstat_now();
  pid_t pid = fork();
  if (pid < 0)
    FAIL("fork failed");
  if (pid == 0) {
    fp_save(&s);
    if (!same(&s, &parent))
      _exit(2);
    _exit(run_turns(2) == 0 ? 0 : 1);
  }
  unsigned long bad = run_turns(1);
  int status = 0;
  if (wait(&status) != pid)
    FAIL("wait failed");
  struct memvp_vmstat v2 = vmstat_now();
  printf("fp_switch: child inherits f registers and fcsr: %s\n",
         WIFEXITED(status) && WEXITSTATUS(status) != 2 ? "yes" : "no");
  printf("fp_switch: 2 processes, %d rounds: f registers and fcsr kept across switches: %s\n", ROUNDS,
         bad == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "yes" : "no");
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  CHECK_EQ("parent's rounds with changed state", bad, 0);
  unsigned long switches = v2.context_switches - v1.context_switches;
  printf("fp_switch: context switches >= %d: %s\n", 2 * ROUNDS, switches >= 2 * ROUNDS ? "yes" : "no");
  CHECK(switches >= 2 * ROUNDS);
  printf("fp_switch: PASS\n");
  return 0;
}
