/* Sv48 basics (priv. spec 20260120 §12.5): sv39_basic's checks over four levels, plus a 512 GiB
 * page (VA 512 GiB -> PA 0, through which DRAM is reached) and a misaligned one; the checks
 * are in common/basic.c. */
#include "basic.h"

int main(void)
{
  return vm_basic_main(4);
}
