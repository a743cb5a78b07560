/* Zifencei and FENCE (unprivileged spec 20260120 §2.7, §6): code written by stores becomes
 * visible to instruction fetch after FENCE.I, both 32-bit and compressed instructions, and
 * every FENCE form (including FENCE.TSO and the I/O bits) executes as an ordinary instruction. */
#include "isa.h"

/* Encodings (unprivileged spec §2.4, §28.5) of the code the test writes into RAM. */
#define ADDI_A0_X0(imm) ((((uint32_t)(imm) & 0xfff) << 20) | (10u << 7) | 0x13u)
#define RET             0x00008067u          /* jalr x0, 0(ra) */
#define C_LI_A0(imm)    ((uint16_t)(0x4001u | ((((imm) >> 5) & 1u) << 12) | (10u << 7) | (((imm) & 0x1f) << 2)))
#define C_JR_RA         ((uint16_t)0x8082u)

static uint32_t code[16] __attribute__((aligned(64)));

static uint64_t run_code(void)
{
  uint64_t (*fn)(void) = (uint64_t (*)(void))(uintptr_t)code;
  return fn();
}

int main(void)
{
  guest_trap_init();

  guest_group("fence.i");
  code[0] = ADDI_A0_X0(1);
  code[1] = RET;
  __asm__ volatile("fence.i" ::: "memory");
  CHECK(run_code(), 1);
  code[0] = ADDI_A0_X0(-7);
  __asm__ volatile("fence.i" ::: "memory");
  CHECK(run_code(), (uint64_t)-7);
  /* Rewrite the same spot many times: each FENCE.I must expose the newest store. */
  for (int i = 0; i < 50; i++) {
    code[0] = ADDI_A0_X0(100 + i);
    __asm__ volatile("fence.i" ::: "memory");
    CHECK(run_code(), 100 + i);
  }
  guest_group_ok();

  guest_group("fence.i compressed");
  volatile uint16_t *half = (volatile uint16_t *)code;
  half[0] = C_LI_A0(-3);
  half[1] = C_JR_RA;
  __asm__ volatile("fence.i" ::: "memory");
  CHECK(run_code(), (uint64_t)-3);
  half[0] = C_LI_A0(12);
  __asm__ volatile("fence.i" ::: "memory");
  CHECK(run_code(), 12);
  guest_group_ok();

  guest_group("fence");
  guest_arm(&guest_mtrap);
  __asm__ volatile("fence\n fence rw, rw\n fence r, r\n fence w, w\n fence r, w\n fence w, r\n"
                   " fence iorw, iorw\n fence io, io\n fence i, o\n fence.tso\n" ::: "memory");
  guest_disarm(&guest_mtrap);
  CHECK(guest_mtrap.count, 0);
  /* A fence orders a store to the UART after a store to memory: just checks it runs. */
  code[2] = 0x1234;
  __asm__ volatile("fence w, o" ::: "memory");
  CHECK(code[2], 0x1234);
  guest_group_ok();

  return guest_pass();
}
