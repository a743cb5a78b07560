/* memset and memcpy for the guest kernel and the user library (Linux arch/riscv/lib/memset.S,
 * memcpy.S play this role): 64-byte blocks of doubleword accesses once the destination is
 * 8-byte aligned. picolibc's riscv64 versions move one byte per loop iteration, which made
 * clearing and copying pages (demand-zero faults, COW copies, huge pages) the bulk of the
 * kernel's instructions. Plain RV64I and position-independent, so the kernel's boot code may
 * call them before the MMU is on. */

    .text
    .globl memset
    .type memset, @function
/* void *memset(void *s, int c, size_t n) */
memset:
    mv      t0, a0
    li      t1, 32
    bltu    a2, t1, .Lset_bytes
    andi    a1, a1, 0xff            /* replicate the byte into all eight lanes */
    slli    t2, a1, 8
    or      a1, a1, t2
    slli    t2, a1, 16
    or      a1, a1, t2
    slli    t2, a1, 32
    or      a1, a1, t2
.Lset_align:
    andi    t2, t0, 7
    beqz    t2, .Lset_blocks
    sb      a1, 0(t0)
    addi    t0, t0, 1
    addi    a2, a2, -1
    j       .Lset_align
.Lset_blocks:
    li      t1, 64
    bltu    a2, t1, .Lset_words
1:  sd      a1, 0(t0)
    sd      a1, 8(t0)
    sd      a1, 16(t0)
    sd      a1, 24(t0)
    sd      a1, 32(t0)
    sd      a1, 40(t0)
    sd      a1, 48(t0)
    sd      a1, 56(t0)
    addi    t0, t0, 64
    addi    a2, a2, -64
    bgeu    a2, t1, 1b
.Lset_words:
    li      t1, 8
    bltu    a2, t1, .Lset_bytes
2:  sd      a1, 0(t0)
    addi    t0, t0, 8
    addi    a2, a2, -8
    bgeu    a2, t1, 2b
.Lset_bytes:
    beqz    a2, 3f
    sb      a1, 0(t0)
    addi    t0, t0, 1
    addi    a2, a2, -1
    j       .Lset_bytes
3:  ret
    .size memset, . - memset

    .globl memcpy
    .type memcpy, @function
/* void *memcpy(void *dst, const void *src, size_t n): word copies when dst and src share
 * their alignment modulo 8 (pages always do), bytes otherwise. */
memcpy:
    mv      t6, a0
    xor     t0, a0, a1
    andi    t0, t0, 7
    bnez    t0, .Lcpy_bytes
    li      t1, 16
    bltu    a2, t1, .Lcpy_bytes
.Lcpy_align:
    andi    t0, t6, 7
    beqz    t0, .Lcpy_blocks
    lbu     t2, 0(a1)
    sb      t2, 0(t6)
    addi    a1, a1, 1
    addi    t6, t6, 1
    addi    a2, a2, -1
    j       .Lcpy_align
.Lcpy_blocks:
    li      t1, 64
    bltu    a2, t1, .Lcpy_words
1:  ld      a3, 0(a1)
    ld      a4, 8(a1)
    ld      a5, 16(a1)
    ld      a6, 24(a1)
    ld      a7, 32(a1)
    ld      t2, 40(a1)
    ld      t3, 48(a1)
    ld      t4, 56(a1)
    sd      a3, 0(t6)
    sd      a4, 8(t6)
    sd      a5, 16(t6)
    sd      a6, 24(t6)
    sd      a7, 32(t6)
    sd      t2, 40(t6)
    sd      t3, 48(t6)
    sd      t4, 56(t6)
    addi    a1, a1, 64
    addi    t6, t6, 64
    addi    a2, a2, -64
    bgeu    a2, t1, 1b
.Lcpy_words:
    li      t1, 8
    bltu    a2, t1, .Lcpy_bytes
2:  ld      t2, 0(a1)
    sd      t2, 0(t6)
    addi    a1, a1, 8
    addi    t6, t6, 8
    addi    a2, a2, -8
    bgeu    a2, t1, 2b
.Lcpy_bytes:
    beqz    a2, 3f
    lbu     t2, 0(a1)
    sb      t2, 0(t6)
    addi    a1, a1, 1
    addi    t6, t6, 1
    addi    a2, a2, -1
    j       .Lcpy_bytes
3:  ret
    .size memcpy, . - memcpy
