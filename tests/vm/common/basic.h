/* Entry point shared by sv39_basic and sv48_basic (basic.c): the same checks over a
 * three-level (Sv39) or four-level (Sv48) page table. */
#pragma once

int vm_basic_main(int levels);
