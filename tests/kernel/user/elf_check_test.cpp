// Host tests of the ELF loader's header check (sw/kernel/user_programs/elf_check.cpp): a
// hand-built two-segment executable passes with its entry and end of bss, and every way an
// image can be unfit for load_elf_binary is refused with -ENOEXEC.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "user_programs/elf.h"

namespace {

constexpr unsigned long kUserEnd = 1UL << 38;  // Sv39 TASK_SIZE

// An executable as user.ld lays one out: text R-X at 0x10000, data RW- on the next page with
// 0x60 file bytes and bss up to 0x2a0, plus a non-load header that the check skips.
struct TestImage {
    std::vector<u8> bytes = std::vector<u8>(0x3000, 0);
    Elf64_Ehdr eh{};
    Elf64_Phdr ph[3]{};

    TestImage()
    {
        const u8 ident[] = {0x7f, 'E', 'L', 'F', ELFCLASS64, ELFDATA2LSB, EV_CURRENT};
        std::memcpy(eh.e_ident, ident, sizeof ident);
        eh.e_type = ET_EXEC;
        eh.e_machine = EM_RISCV;
        eh.e_version = EV_CURRENT;
        eh.e_entry = 0x10000;
        eh.e_phoff = sizeof(Elf64_Ehdr);
        eh.e_ehsize = sizeof(Elf64_Ehdr);
        eh.e_phentsize = sizeof(Elf64_Phdr);
        eh.e_phnum = 3;
        ph[0] = {0x70000003, PF_R, 0x2060, 0, 0, 0x49, 0, 1};  // RISCV_ATTRIBUTES
        ph[1] = {PT_LOAD, PF_R | PF_X, 0x1000, 0x10000, 0x10000, 0xc80, 0xc80, 0x1000};
        ph[2] = {PT_LOAD, PF_R | PF_W, 0x2000, 0x11000, 0x11000, 0x60, 0x2a0, 0x1000};
    }

    int check(elf_info* info = nullptr)
    {
        std::memcpy(bytes.data(), &eh, sizeof eh);
        std::memcpy(bytes.data() + sizeof(Elf64_Ehdr), ph, sizeof ph);
        elf_info scratch;
        return elf_check(bytes.data(), bytes.size(), kUserEnd, info ? info : &scratch);
    }
};

TEST(ElfCheck, AcceptsTheUserLinkerScriptLayout)
{
    TestImage img;
    elf_info info;
    ASSERT_EQ(img.check(&info), 0);
    EXPECT_EQ(info.entry, 0x10000u);
    EXPECT_EQ(info.end, 0x112a0u);
    EXPECT_EQ(info.nr_load, 2u);
    Elf64_Phdr ph;
    EXPECT_FALSE(elf_load_segment(img.bytes.data(), info, 0, &ph));
    ASSERT_TRUE(elf_load_segment(img.bytes.data(), info, 2, &ph));
    EXPECT_EQ(ph.p_vaddr, 0x11000u);
    EXPECT_EQ(ph.p_memsz, 0x2a0u);
}

TEST(ElfCheck, RefusesWrongIdentification)
{
    for (int field = 0; field < 7; field++) {
        TestImage img;
        img.eh.e_ident[field] ^= 0x40;
        EXPECT_EQ(img.check(), -ENOEXEC) << "e_ident[" << field << "]";
    }
}

TEST(ElfCheck, RefusesOtherTypesMachinesAndHeaderSizes)
{
    TestImage a;
    a.eh.e_type = 3;  // ET_DYN
    EXPECT_EQ(a.check(), -ENOEXEC);
    TestImage b;
    b.eh.e_machine = 62;  // EM_X86_64
    EXPECT_EQ(b.check(), -ENOEXEC);
    TestImage c;
    c.eh.e_phentsize = 32;
    EXPECT_EQ(c.check(), -ENOEXEC);
    TestImage d;
    d.eh.e_phnum = 0;
    EXPECT_EQ(d.check(), -ENOEXEC);
    TestImage e;
    e.eh.e_phnum = ELF_MAX_PHNUM + 1;
    EXPECT_EQ(e.check(), -ENOEXEC);
}

TEST(ElfCheck, RefusesTruncatedImages)
{
    TestImage img;
    ASSERT_EQ(img.check(), 0);
    elf_info info;
    EXPECT_EQ(elf_check(img.bytes.data(), sizeof(Elf64_Ehdr) - 1, kUserEnd, &info), -ENOEXEC);
    EXPECT_EQ(elf_check(img.bytes.data(), 0x100, kUserEnd, &info), -ENOEXEC);  // program headers cut
    EXPECT_EQ(elf_check(img.bytes.data(), 0x2000 + 0x5f, kUserEnd, &info), -ENOEXEC);  // data bytes cut
    EXPECT_EQ(elf_check(nullptr, 0x3000, kUserEnd, &info), -ENOEXEC);
    TestImage far;
    far.eh.e_phoff = ~0UL - 8;
    EXPECT_EQ(far.check(), -ENOEXEC);
}

TEST(ElfCheck, RefusesSegmentsOutsideUserSpaceOrInconsistent)
{
    TestImage low;
    low.ph[1].p_vaddr = 0;  // page 0 stays unmapped
    low.eh.e_entry = 0;
    EXPECT_EQ(low.check(), -ENOEXEC);
    TestImage high;
    high.ph[2].p_vaddr = kUserEnd - 0x100;
    EXPECT_EQ(high.check(), -ENOEXEC);
    TestImage wrap;
    wrap.ph[2].p_memsz = ~0UL - 0x10000;
    EXPECT_EQ(wrap.check(), -ENOEXEC);
    TestImage kernel;
    kernel.ph[2].p_vaddr = 0xffffffc000000000UL;
    EXPECT_EQ(kernel.check(), -ENOEXEC);
    TestImage sizes;
    sizes.ph[2].p_filesz = sizes.ph[2].p_memsz + 1;
    EXPECT_EQ(sizes.check(), -ENOEXEC);
    TestImage offset;
    offset.ph[2].p_offset = ~0UL - 0x10;
    EXPECT_EQ(offset.check(), -ENOEXEC);
}

TEST(ElfCheck, RefusesSegmentsSharingAPageOrOutOfOrder)
{
    TestImage shared;
    shared.ph[2].p_vaddr = 0x10f00;  // on the text's last page
    EXPECT_EQ(shared.check(), -ENOEXEC);
    TestImage order;
    order.ph[1].p_vaddr = 0x20000;
    order.eh.e_entry = 0x20000;
    EXPECT_EQ(order.check(), -ENOEXEC);
}

TEST(ElfCheck, EntryMustLieInAnExecutableSegment)
{
    TestImage data;
    data.eh.e_entry = 0x11000;
    EXPECT_EQ(data.check(), -ENOEXEC);
    TestImage past;
    past.eh.e_entry = 0x10c80;
    EXPECT_EQ(past.check(), -ENOEXEC);
    TestImage none;
    none.ph[1].p_type = 6;  // PT_PHDR: no executable load segment left
    EXPECT_EQ(none.check(), -ENOEXEC);
    TestImage empty;
    empty.ph[1].p_memsz = 0;
    empty.ph[1].p_filesz = 0;
    EXPECT_EQ(empty.check(), -ENOEXEC);
}

}  // namespace

// Static glibc's executables: e_flags RVC | double-float ABI, PT_TLS, PT_GNU_STACK and
// PT_GNU_RELRO beside the loads, the program headers inside the text segment (AT_PHDR).
TEST(ElfCheck, AcceptsAStaticGlibcLayoutAndFindsItsProgramHeaders)
{
    TestImage img;
    img.eh.e_flags = EF_RISCV_RVC | 0x4;  // double-float ABI
    img.ph[0] = {PT_TLS, PF_R, 0x2000, 0x11000, 0x11000, 0x18, 0x60, 8};
    img.ph[1].p_offset = 0;  // text from the start of the file, headers included
    img.ph[1].p_filesz = img.ph[1].p_memsz = 0x1c80;
    img.ph[1].p_vaddr = img.ph[1].p_paddr = 0xf000;
    elf_info info;
    ASSERT_EQ(img.check(&info), 0);
    EXPECT_EQ(info.phdr, 0xf000u + sizeof(Elf64_Ehdr));
    EXPECT_EQ(info.phnum, 3u);
    for (u32 type : {PT_GNU_STACK, PT_GNU_RELRO}) {
        img.ph[0].p_type = type;
        EXPECT_EQ(img.check(), 0) << std::hex << type;
    }
}

TEST(ElfCheck, NoAtPhdrWhenNoSegmentMapsTheHeaders)
{
    TestImage img;
    elf_info info;
    ASSERT_EQ(img.check(&info), 0);
    EXPECT_EQ(info.phdr, 0u);
}

TEST(ElfCheck, RefusesQuadFloatRveAndDynamicExecutables)
{
    TestImage quad;
    quad.eh.e_flags = EF_RISCV_RVC | EF_RISCV_FLOAT_ABI_QUAD;
    EXPECT_EQ(quad.check(), -ENOEXEC);
    TestImage rve;
    rve.eh.e_flags = EF_RISCV_RVE;
    EXPECT_EQ(rve.check(), -ENOEXEC);
    TestImage dynamic;
    dynamic.ph[0] = {PT_INTERP, PF_R, 0x2060, 0x11060, 0x11060, 0x20, 0x20, 1};
    EXPECT_EQ(dynamic.check(), -ENOEXEC);
}
