// ELF64 parsing over glibc's <elf.h> structures. Every offset read from the file is checked
// against its size first, so a corrupt or foreign file ends in one message, never a crash.
#include "platforms/elf_loader.h"

#include <elf.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "common/error.h"

namespace memvp {

namespace {

class ElfFile {
 public:
  explicit ElfFile(const std::string& path) : path_(path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) fail("no such file");
    if (!std::filesystem::is_regular_file(path, ec)) fail("not a regular file");
    std::ifstream in(path, std::ios::binary);
    if (!in) fail("cannot be opened");
    bytes_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  [[noreturn]] void fail(const std::string& what) const { throw InputError(path_ + ": " + what); }

  // A copy of the T at `offset`, which must lie inside the file.
  template <class T>
  T read(std::uint64_t offset, const char* what) const {
    if (offset > bytes_.size() || bytes_.size() - offset < sizeof(T)) fail(fmt::format("truncated ({} outside the file)", what));
    T t;
    std::memcpy(&t, bytes_.data() + offset, sizeof(T));
    return t;
  }

  [[nodiscard]] std::vector<std::uint8_t> slice(std::uint64_t offset, std::uint64_t len, const char* what) const {
    if (offset > bytes_.size() || bytes_.size() - offset < len) fail(fmt::format("truncated ({} outside the file)", what));
    return {bytes_.begin() + static_cast<std::ptrdiff_t>(offset), bytes_.begin() + static_cast<std::ptrdiff_t>(offset + len)};
  }
  [[nodiscard]] std::size_t size() const { return bytes_.size(); }
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::vector<std::uint8_t> bytes_;
};

// gABI "ELF Identification": magic, class, data encoding; then e_machine and e_type.
Elf64_Ehdr check_header(const ElfFile& f) {
  if (f.size() < EI_NIDENT) f.fail("not an ELF file (too short)");
  const auto ident = f.read<std::array<unsigned char, EI_NIDENT>>(0, "identification");
  if (std::memcmp(ident.data(), ELFMAG, SELFMAG) != 0) f.fail("not an ELF file (bad magic)");
  if (ident[EI_CLASS] != ELFCLASS64) f.fail("not a 64-bit ELF (memvp runs RV64 ELFCLASS64 executables)");
  if (ident[EI_DATA] != ELFDATA2LSB) f.fail("not a little-endian ELF");
  const auto eh = f.read<Elf64_Ehdr>(0, "ELF header");
  if (eh.e_machine != EM_RISCV) f.fail(fmt::format("not a RISC-V ELF (e_machine {})", eh.e_machine));
  if (eh.e_type != ET_EXEC) f.fail(fmt::format("not an executable ELF (e_type {}, expected ET_EXEC)", eh.e_type));
  if (eh.e_phentsize != sizeof(Elf64_Phdr)) f.fail("corrupt ELF (unexpected program header size)");
  return eh;
}

std::optional<PhysAddr> to_physical(const std::vector<ElfSegment>& segs, std::uint64_t vaddr) {
  for (const auto& s : segs) {
    if (vaddr >= s.vaddr && vaddr - s.vaddr < std::max<std::uint64_t>(s.mem_size, 1)) return s.paddr + (vaddr - s.vaddr);
  }
  return std::nullopt;
}

// Looks up `tohost` and `fromhost` in the symbol table (SHT_SYMTAB and its linked string table).
void find_htif_symbols(const ElfFile& f, const Elf64_Ehdr& eh, ElfImage& image) {
  if (eh.e_shoff == 0 || eh.e_shnum == 0) return;  // stripped of section headers: no symbols
  if (eh.e_shentsize != sizeof(Elf64_Shdr)) f.fail("corrupt ELF (unexpected section header size)");
  for (unsigned i = 0; i < eh.e_shnum; ++i) {
    const auto sh = f.read<Elf64_Shdr>(eh.e_shoff + std::uint64_t{i} * sizeof(Elf64_Shdr), "section header");
    if (sh.sh_type != SHT_SYMTAB || sh.sh_entsize != sizeof(Elf64_Sym)) continue;
    if (sh.sh_link >= eh.e_shnum) f.fail("corrupt ELF (symbol table links no string table)");
    const auto strtab = f.read<Elf64_Shdr>(eh.e_shoff + std::uint64_t{sh.sh_link} * sizeof(Elf64_Shdr), "section header");
    const auto names = f.slice(strtab.sh_offset, strtab.sh_size, "string table");
    for (std::uint64_t off = 0; off + sizeof(Elf64_Sym) <= sh.sh_size; off += sizeof(Elf64_Sym)) {
      const auto sym = f.read<Elf64_Sym>(sh.sh_offset + off, "symbol table");
      if (sym.st_name >= names.size() || sym.st_shndx == SHN_UNDEF) continue;
      const char* name = reinterpret_cast<const char*>(names.data()) + sym.st_name;
      const std::size_t max_len = names.size() - sym.st_name;
      const std::string n(name, strnlen(name, max_len));
      if (n == "tohost") image.tohost = to_physical(image.segments, sym.st_value);
      if (n == "fromhost") image.fromhost = to_physical(image.segments, sym.st_value);
    }
  }
}

}  // namespace

ElfImage read_elf(const std::string& path) {
  const ElfFile f(path);
  const Elf64_Ehdr eh = check_header(f);
  ElfImage image;
  image.path = path;
  image.entry = eh.e_entry;
  for (unsigned i = 0; i < eh.e_phnum; ++i) {
    const auto ph = f.read<Elf64_Phdr>(eh.e_phoff + std::uint64_t{i} * sizeof(Elf64_Phdr), "program header");
    if (ph.p_type != PT_LOAD || ph.p_memsz == 0) continue;
    if (ph.p_filesz > ph.p_memsz) f.fail(fmt::format("corrupt ELF (segment {} has p_filesz > p_memsz)", i));
    if (ph.p_paddr + ph.p_memsz < ph.p_paddr) f.fail(fmt::format("corrupt ELF (segment {} wraps around)", i));
    image.segments.push_back({PhysAddr(ph.p_paddr), ph.p_vaddr, f.slice(ph.p_offset, ph.p_filesz, "segment data"), ph.p_memsz});
  }
  if (image.segments.empty()) f.fail("ELF has no loadable segment");
  find_htif_symbols(f, eh, image);
  return image;
}

void check_elf_fits(const ElfImage& image, PhysAddr base, std::uint64_t size) {
  const std::uint64_t lo = base.value();
  const std::uint64_t hi = lo + size;
  for (const auto& s : image.segments) {
    const std::uint64_t start = s.paddr.value();
    if (start < lo || start > hi || hi - start < s.mem_size) {
      throw InputError(fmt::format("{}: segment [{:#x}, {:#x}) is outside memory [{:#x}, {:#x})", image.path, start,
                                   start + s.mem_size, lo, hi));
    }
  }
  if (image.entry < lo || image.entry >= hi) {
    throw InputError(fmt::format("{}: entry point {:#x} is outside memory [{:#x}, {:#x})", image.path, image.entry, lo, hi));
  }
}

void load_elf(const ElfImage& image, const LoadWriter& write) {
  static const std::vector<std::uint8_t> zeros(64 * 1024, 0);
  for (const auto& s : image.segments) {
    if (!s.data.empty()) write(s.paddr, s.data.data(), s.data.size());
    for (std::uint64_t off = s.data.size(); off < s.mem_size;) {
      const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(zeros.size(), s.mem_size - off));
      write(s.paddr + off, zeros.data(), n);
      off += n;
    }
  }
}

}  // namespace memvp
