// ELF64 loading: segments with zero fill, the entry point, the HTIF symbols, and one clear error
// for each way a file can be unusable. The ELF files are built here, byte by byte.
#include "platforms/elf_loader.h"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/error.h"

namespace memvp {
namespace {

// A minimal RISC-V executable: one PT_LOAD segment, and optionally a symbol table.
struct ElfBuilder {
  Elf64_Ehdr eh{};
  Elf64_Phdr ph{};
  std::vector<std::uint8_t> payload{0x13, 0x00, 0x00, 0x00, 0x6f, 0x00, 0x00, 0x00};  // nop; j .
  std::map<std::string, std::uint64_t> symbols;

  ElfBuilder() {
    std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = ET_EXEC;
    eh.e_machine = EM_RISCV;
    eh.e_version = EV_CURRENT;
    eh.e_entry = 0x8000'0000;
    eh.e_phoff = sizeof(Elf64_Ehdr);
    eh.e_ehsize = sizeof(Elf64_Ehdr);
    eh.e_phentsize = sizeof(Elf64_Phdr);
    eh.e_phnum = 1;
    ph.p_type = PT_LOAD;
    ph.p_offset = sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr);
    ph.p_vaddr = ph.p_paddr = 0x8000'0000;
    ph.p_memsz = 0x100;  // 8 bytes of code, then .bss
    ph.p_flags = PF_R | PF_X;
  }

  std::string write(const std::string& name) {
    std::vector<std::uint8_t> out(sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr));
    ph.p_filesz = payload.size();
    out.insert(out.end(), payload.begin(), payload.end());
    if (!symbols.empty()) add_symtab(out);
    std::memcpy(out.data(), &eh, sizeof eh);
    std::memcpy(out.data() + eh.e_phoff, &ph, sizeof ph);
    const std::string path = ::testing::TempDir() + name;
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(out.data()), static_cast<std::streamsize>(out.size()));
    return path;
  }

 private:
  // Sections: [0] null, [1] .symtab linked to [2] .strtab.
  void add_symtab(std::vector<std::uint8_t>& out) {
    std::string strtab(1, '\0');
    std::vector<Elf64_Sym> syms(1);
    for (const auto& [name, value] : symbols) {
      Elf64_Sym s{};
      s.st_name = static_cast<Elf64_Word>(strtab.size());
      s.st_info = ELF64_ST_INFO(STB_GLOBAL, STT_OBJECT);
      s.st_shndx = 1;
      s.st_value = value;
      s.st_size = 8;
      syms.push_back(s);
      strtab += name + '\0';
    }
    const std::uint64_t sym_off = out.size();
    const auto* sp = reinterpret_cast<const std::uint8_t*>(syms.data());
    out.insert(out.end(), sp, sp + syms.size() * sizeof(Elf64_Sym));
    const std::uint64_t str_off = out.size();
    out.insert(out.end(), strtab.begin(), strtab.end());
    Elf64_Shdr sh[3]{};
    sh[1].sh_type = SHT_SYMTAB;
    sh[1].sh_offset = sym_off;
    sh[1].sh_size = syms.size() * sizeof(Elf64_Sym);
    sh[1].sh_link = 2;
    sh[1].sh_entsize = sizeof(Elf64_Sym);
    sh[2].sh_type = SHT_STRTAB;
    sh[2].sh_offset = str_off;
    sh[2].sh_size = strtab.size();
    while (out.size() % 8) out.push_back(0);
    eh.e_shoff = out.size();
    eh.e_shentsize = sizeof(Elf64_Shdr);
    eh.e_shnum = 3;
    const auto* hp = reinterpret_cast<const std::uint8_t*>(sh);
    out.insert(out.end(), hp, hp + sizeof sh);
  }
};

std::string error_of(const std::string& path) {
  try {
    read_elf(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(ElfLoader, LoadsSegmentsWithZeroFillAndTheEntry) {
  ElfBuilder b;
  const ElfImage img = read_elf(b.write("ok.elf"));
  EXPECT_EQ(img.entry, 0x8000'0000u);
  ASSERT_EQ(img.segments.size(), 1u);
  EXPECT_FALSE(img.tohost.has_value());
  std::map<std::uint64_t, std::uint8_t> mem;
  load_elf(img, [&](PhysAddr a, const std::uint8_t* d, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) mem[a.value() + i] = d[i];
  });
  EXPECT_EQ(mem.size(), 0x100u);
  EXPECT_EQ(mem[0x8000'0000], 0x13);
  EXPECT_EQ(mem[0x8000'0004], 0x6f);
  EXPECT_EQ(mem[0x8000'00FF], 0);
  EXPECT_NO_THROW(check_elf_fits(img, PhysAddr(0x8000'0000), 1 << 20));
}

TEST(ElfLoader, FindsTohostAndFromhost) {
  ElfBuilder b;
  b.symbols = {{"tohost", 0x8000'0040}, {"fromhost", 0x8000'0080}, {"other", 0x8000'0000}};
  const ElfImage img = read_elf(b.write("htif.elf"));
  ASSERT_TRUE(img.tohost.has_value());
  ASSERT_TRUE(img.fromhost.has_value());
  EXPECT_EQ(*img.tohost, PhysAddr(0x8000'0040));
  EXPECT_EQ(*img.fromhost, PhysAddr(0x8000'0080));
}

TEST(ElfLoader, SymbolsTranslateFromVirtualToPhysical) {
  ElfBuilder b;
  b.ph.p_vaddr = 0xFFFF'FFFF'8000'0000;
  b.symbols = {{"tohost", 0xFFFF'FFFF'8000'0010}};
  const ElfImage img = read_elf(b.write("high.elf"));
  ASSERT_TRUE(img.tohost.has_value());
  EXPECT_EQ(*img.tohost, PhysAddr(0x8000'0010));
}

TEST(ElfLoader, EachUnusableFileIsOneLine) {
  const std::string dir = ::testing::TempDir();
  EXPECT_EQ(error_of(dir + "does-not-exist.elf"), dir + "does-not-exist.elf: no such file");
  {
    const std::string p = dir + "text.elf";
    std::ofstream(p) << "[platform]\nname = \"not an elf\"\n";
    EXPECT_EQ(error_of(p), p + ": not an ELF file (bad magic)");
  }
  {
    ElfBuilder b;
    b.eh.e_ident[EI_CLASS] = ELFCLASS32;
    const std::string p = b.write("32.elf");
    EXPECT_EQ(error_of(p), p + ": not a 64-bit ELF (memvp runs RV64 ELFCLASS64 executables)");
  }
  {
    ElfBuilder b;
    b.eh.e_ident[EI_DATA] = ELFDATA2MSB;
    const std::string p = b.write("be.elf");
    EXPECT_EQ(error_of(p), p + ": not a little-endian ELF");
  }
  {
    ElfBuilder b;
    b.eh.e_machine = EM_X86_64;
    const std::string p = b.write("x86.elf");
    EXPECT_EQ(error_of(p), p + ": not a RISC-V ELF (e_machine 62)");
  }
  {
    ElfBuilder b;
    b.eh.e_type = ET_DYN;
    const std::string p = b.write("dyn.elf");
    EXPECT_EQ(error_of(p), p + ": not an executable ELF (e_type 3, expected ET_EXEC)");
  }
  {
    ElfBuilder b;
    b.ph.p_offset = 1 << 20;
    const std::string p = b.write("trunc.elf");
    EXPECT_EQ(error_of(p), p + ": truncated (segment data outside the file)");
  }
  {
    ElfBuilder b;
    b.ph.p_type = PT_NOTE;
    const std::string p = b.write("noload.elf");
    EXPECT_EQ(error_of(p), p + ": ELF has no loadable segment");
  }
}

TEST(ElfLoader, SegmentsAndEntryMustLieInMemory) {
  ElfBuilder b;
  b.ph.p_paddr = 0x7FFF'FF00;  // just below DRAM
  const std::string p = b.write("low.elf");
  const ElfImage img = read_elf(p);
  try {
    check_elf_fits(img, PhysAddr(0x8000'0000), 1 << 20);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              p + ": segment [0x7fffff00, 0x80000000) is outside memory [0x80000000, 0x80100000)");
  }
  ElfBuilder c;
  c.eh.e_entry = 0x1000;
  const ElfImage img2 = read_elf(c.write("entry.elf"));
  EXPECT_THROW(check_elf_fits(img2, PhysAddr(0x8000'0000), 1 << 20), InputError);
}

}  // namespace
}  // namespace memvp
