/* Mode probing of the ISA tests (see isa.h): an access to a CSR of a higher mode traps as
 * an illegal instruction (priv. spec 20260120 §2.1), recorded by the runtime's armed records. */
#include "isa.h"

uint64_t isa_current_mode(void)
{
  uint64_t m0 = guest_mtrap.count + guest_strap.count;
  uint64_t ma = guest_mtrap.armed, sa = guest_strap.armed;
  uint64_t mode;
  guest_mtrap.armed = guest_strap.armed = 1;
  __asm__ volatile("csrr t0, mscratch" ::: "t0", "memory");
  if (guest_mtrap.count + guest_strap.count == m0) {
    mode = PRV_M;
  } else {
    m0 = guest_mtrap.count + guest_strap.count;
    __asm__ volatile("csrr t0, sscratch" ::: "t0", "memory");
    mode = guest_mtrap.count + guest_strap.count == m0 ? PRV_S : PRV_U;
  }
  guest_mtrap.armed = ma;
  guest_strap.armed = sa;
  return mode;
}
