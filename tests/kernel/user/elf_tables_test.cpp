// Host tests of the initial stack (sw/kernel/user_programs/elf_tables.cpp): the block is
// written into a model of the stack's top pages and read back as glibc's _start and
// _dl_aux_init read it: argc, argv and envp pointing at their strings, the auxiliary vector in
// Linux's order with AT_RANDOM pointing at the 16 bytes, sp 16-byte aligned; and the limits.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "user_programs/elf_tables.h"

namespace {

constexpr unsigned long kTop = 1UL << 38;              // Sv39 TASK_SIZE: the stack VMA's end
constexpr unsigned long kFloor = kTop - (8UL << 20);   // its 8 MiB

// The top 64 KiB of the stack; writes outside it fail as a fault would.
struct StackModel {
    static constexpr unsigned long kSize = 64 * 1024;
    std::vector<unsigned char> bytes = std::vector<unsigned char>(kSize, 0xa5);
    unsigned long lowest = kTop;

    static bool put(void* ctx, unsigned long addr, const void* src, unsigned long len)
    {
        auto* m = static_cast<StackModel*>(ctx);
        if (addr < kTop - kSize || addr + len > kTop) return false;
        std::memcpy(m->bytes.data() + (addr - (kTop - kSize)), src, len);
        m->lowest = std::min(m->lowest, addr);
        return true;
    }
    unsigned long word(unsigned long addr) const
    {
        unsigned long w;
        std::memcpy(&w, bytes.data() + (addr - (kTop - kSize)), sizeof(w));
        return w;
    }
    std::string string(unsigned long addr) const
    {
        return std::string(reinterpret_cast<const char*>(bytes.data() + (addr - (kTop - kSize))));
    }
};

exec_aux test_aux()
{
    exec_aux aux{0x10570, 0x10040, 7, 0x112d, {}};
    for (unsigned i = 0; i < sizeof(aux.random); i++) aux.random[i] = static_cast<u8>(0xf0 + i);
    return aux;
}

TEST(ElfTables, LaysOutArgvEnvpAndTheAuxiliaryVectorAsGlibcReadsThem)
{
    const char* const argv[] = {"glibc_hello", "one", "two", nullptr};
    const char* const envp[] = {"HOME=/", "TERM=linux", nullptr};
    StackModel m;
    unsigned long sp = 0;
    ASSERT_EQ(create_elf_tables(kTop, kFloor, argv, envp, test_aux(), StackModel::put, &m, &sp), 0);
    EXPECT_EQ(sp % 16, 0u);
    EXPECT_EQ(m.lowest, sp);
    unsigned long p = sp;
    ASSERT_EQ(m.word(p), 3u);
    p += 8;
    for (int i = 0; i < 3; i++, p += 8) EXPECT_EQ(m.string(m.word(p)), argv[i]);
    EXPECT_EQ(m.word(p), 0u);
    p += 8;
    for (int i = 0; i < 2; i++, p += 8) EXPECT_EQ(m.string(m.word(p)), envp[i]);
    EXPECT_EQ(m.word(p), 0u);
    p += 8;
    std::vector<unsigned long> types;
    std::map<unsigned long, unsigned long> aux;
    for (;; p += 16) {
        types.push_back(m.word(p));
        aux[m.word(p)] = m.word(p + 8);
        if (m.word(p) == AT_NULL) break;
    }
    const std::vector<unsigned long> linux_order = {AT_HWCAP, AT_PAGESZ, AT_CLKTCK, AT_PHDR,  AT_PHENT, AT_PHNUM,
                                                    AT_BASE,  AT_FLAGS,  AT_ENTRY,  AT_UID,   AT_EUID,  AT_GID,
                                                    AT_EGID,  AT_SECURE, AT_RANDOM, AT_NULL};
    EXPECT_EQ(types, linux_order);
    EXPECT_EQ(aux[AT_HWCAP], 0x112du);
    EXPECT_EQ(aux[AT_PAGESZ], 4096u);
    EXPECT_EQ(aux[AT_CLKTCK], 100u);
    EXPECT_EQ(aux[AT_PHDR], 0x10040u);
    EXPECT_EQ(aux[AT_PHENT], 56u);
    EXPECT_EQ(aux[AT_PHNUM], 7u);
    EXPECT_EQ(aux[AT_ENTRY], 0x10570u);
    EXPECT_EQ(aux[AT_BASE] | aux[AT_FLAGS] | aux[AT_UID] | aux[AT_EUID] | aux[AT_GID] | aux[AT_EGID] | aux[AT_SECURE],
              0u);
    EXPECT_EQ(aux[AT_NULL], 0u);
    const unsigned long random = aux[AT_RANDOM];
    EXPECT_EQ(random % 16, 0u);
    EXPECT_GT(random, p);  // above the table, below the strings
    for (unsigned i = 0; i < 16; i++)
        EXPECT_EQ(m.bytes[random - (kTop - StackModel::kSize) + i], 0xf0 + i) << i;
    // argv[0]'s string is the lowest, the last environment string ends at the top.
    EXPECT_GE(m.word(sp + 8), random + 16);
    EXPECT_EQ(m.word(sp + 8 * 6) + std::strlen(envp[1]) + 1, kTop);
}

TEST(ElfTables, NoEnvironmentGivesAnEmptyEnvp)
{
    const char* const argv[] = {"init", nullptr};
    StackModel m;
    unsigned long sp = 0;
    ASSERT_EQ(create_elf_tables(kTop, kFloor, argv, nullptr, test_aux(), StackModel::put, &m, &sp), 0);
    EXPECT_EQ(m.word(sp), 1u);
    EXPECT_EQ(m.string(m.word(sp + 8)), "init");
    EXPECT_EQ(m.word(sp + 16), 0u);  // argv's NULL
    EXPECT_EQ(m.word(sp + 24), 0u);  // envp's NULL
    EXPECT_EQ(m.word(sp + 32), AT_HWCAP);
}

TEST(ElfTables, RefusesTooManyOrTooLongStringsAndAFaultingStack)
{
    std::vector<const char*> many(MAX_ARGS + 2, "x");
    many.back() = nullptr;
    StackModel m;
    unsigned long sp = 0;
    EXPECT_EQ(create_elf_tables(kTop, kFloor, many.data(), nullptr, test_aux(), StackModel::put, &m, &sp), -E2BIG);
    const std::string big(MAX_STRINGS_BYTES, 'y');
    const char* const argv[] = {big.c_str(), nullptr};
    EXPECT_EQ(create_elf_tables(kTop, kFloor, argv, nullptr, test_aux(), StackModel::put, &m, &sp), -E2BIG);
    const char* const small[] = {"a", nullptr};
    // A stack VMA too small for the block, and one whose pages cannot be written.
    EXPECT_EQ(create_elf_tables(kTop, kTop - 64, small, nullptr, test_aux(), StackModel::put, &m, &sp), -E2BIG);
    EXPECT_EQ(create_elf_tables(kTop + StackModel::kSize, kFloor, small, nullptr, test_aux(), StackModel::put, &m, &sp),
              -EFAULT);
    EXPECT_EQ(sp, 0u);
}

}  // namespace
