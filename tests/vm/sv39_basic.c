/* Sv39 basics (priv. spec 20260120 §12.4): a 4 KiB identity map with aliases, 2 MiB and 1 GiB
 * pages, misaligned superpages and non-canonical addresses; the checks are in
 * common/basic.c. */
#include "basic.h"

int main(void)
{
  return vm_basic_main(3);
}
