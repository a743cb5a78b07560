/* RV64I control transfer (unprivileged spec 20260120 §2.5): the six conditional branches
 * taken and not taken, signed vs unsigned comparison, backward and long-distance offsets;
 * JAL and JALR link values, JALR clearing bit 0 of the target, and JALR with rd == rs1. */
#include "isa.h"

#define MIN64 0x8000000000000000ull

/* 1 if the branch is taken, 0 if not. */
#define BR(op, a, b) ({ uint64_t r_; __asm__ volatile(ISA_NORVC \
    #op " %1, %2, 1f\n li %0, 0\n j 2f\n1: li %0, 1\n2:\n" ISA_POP \
    : "=&r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b))); r_; })

int main(void)
{
  guest_trap_init();

  guest_group("beq/bne");
  CHECK(BR(beq, 5, 5), 1);
  CHECK(BR(beq, 5, 6), 0);
  CHECK(BR(beq, 0x100000000ull, 0), 0);
  CHECK(BR(bne, 5, 6), 1);
  CHECK(BR(bne, -1, -1), 0);
  CHECK(BR(bne, 0x100000000ull, 0), 1);
  guest_group_ok();

  guest_group("blt/bge");
  CHECK(BR(blt, -1, 0), 1);
  CHECK(BR(blt, 0, -1), 0);
  CHECK(BR(blt, 3, 3), 0);
  CHECK(BR(blt, MIN64, MIN64 - 1), 1);
  CHECK(BR(bge, 3, 3), 1);
  CHECK(BR(bge, -1, 0), 0);
  CHECK(BR(bge, 0, -1), 1);
  guest_group_ok();

  guest_group("bltu/bgeu");
  CHECK(BR(bltu, 0, -1), 1);
  CHECK(BR(bltu, -1, 0), 0);
  CHECK(BR(bltu, 7, 7), 0);
  CHECK(BR(bgeu, -1, 0), 1);
  CHECK(BR(bgeu, 0, -1), 0);
  CHECK(BR(bgeu, 7, 7), 1);
  guest_group_ok();

  guest_group("branch offsets");
  uint64_t r;
  /* A backward loop: bne taken four times, then falls through. */
  __asm__ volatile(ISA_NORVC "li t0, 5\n li %0, 0\n1: addi %0, %0, 1\n addi t0, t0, -1\n"
                   " bne t0, x0, 1b\n" ISA_POP : "=&r"(r) : : "t0");
  CHECK(r, 5);
  /* Near the +4 KiB limit forward, and back over the same distance. */
  __asm__ volatile(ISA_NORVC "li %0, 0\n beq x0, x0, 2f\n"
                   "1: addi %0, %0, 1\n j 3f\n"
                   " .fill 1010, 4, 0\n"
                   "2: addi %0, %0, 10\n bge %0, x0, 1b\n"
                   "3:\n" ISA_POP : "=&r"(r));
  CHECK(r, 11);
  guest_group_ok();

  guest_group("jal");
  uint64_t link, at;
  __asm__ volatile(ISA_NORVC "1: jal %0, 2f\n .word 0\n2: lla %1, 1b\n" ISA_POP
                   : "=&r"(link), "=&r"(at));
  CHECK(link - at, 4);
  /* A long jump forward over 256 KiB and back. */
  __asm__ volatile(ISA_NORVC "li %0, 0\n jal x0, 2f\n"
                   "1: addi %0, %0, 1\n jal x0, 3f\n"
                   " .fill 65536, 4, 0\n"
                   "2: addi %0, %0, 2\n jal x0, 1b\n"
                   "3:\n" ISA_POP : "=&r"(r));
  CHECK(r, 3);
  guest_group_ok();

  guest_group("jalr");
  __asm__ volatile(ISA_NORVC "lla t0, 2f\n 1: jalr %0, 0(t0)\n .word 0\n2: lla %1, 1b\n" ISA_POP
                   : "=&r"(link), "=&r"(at) : : "t0");
  CHECK(link - at, 4);
  /* Offset added to rs1, then bit 0 cleared (an odd sum is not misaligned). */
  __asm__ volatile(ISA_NORVC "lla t0, 2f\n addi t0, t0, -15\n jalr x0, 16(t0)\n"
                   " li %0, 0\n j 3f\n2: li %0, 1\n3:\n" ISA_POP : "=&r"(r) : : "t0");
  CHECK(r, 1);
  __asm__ volatile(ISA_NORVC "lla t0, 2f\n addi t0, t0, 1\n jalr x0, 0(t0)\n"
                   " li %0, 0\n j 3f\n2: li %0, 1\n3:\n" ISA_POP : "=&r"(r) : : "t0");
  CHECK(r, 1);
  /* rd == rs1: the target uses the old value, the link overwrites it. */
  __asm__ volatile(ISA_NORVC "lla %0, 2f\n1: jalr %0, 0(%0)\n .word 0\n2: lla %1, 1b\n" ISA_POP
                   : "=&r"(link), "=&r"(at));
  CHECK(link - at, 4);
  /* Call and return through ra. */
  __asm__ volatile(ISA_NORVC "li %0, 0\n jal ra, 2f\n addi %0, %0, 1\n j 3f\n"
                   "2: addi %0, %0, 4\n jalr x0, 0(ra)\n3:\n" ISA_POP : "=&r"(r) : : "ra");
  CHECK(r, 5);
  guest_group_ok();

  return guest_pass();
}
