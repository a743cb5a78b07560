#include "rtl_tlb/rtl_waves.h"

#include <map>
#include <memory>
#include <optional>

#include "rtl_tlb/rtl_fst_file.h"

namespace memvp::rtl {

namespace {

struct RtlWaves {
  std::optional<std::string> path;
  std::map<std::string, std::unique_ptr<RtlFstFile>> files;  // by hart name
};

RtlWaves& waves() {
  static RtlWaves w;
  return w;
}

}  // namespace

std::string rtl_wave_path(const std::string& path, const std::string& hart) {
  const std::string base = hart.substr(hart.rfind('.') + 1);
  if (base == "hart0") return path;
  const std::size_t slash = path.rfind('/');
  const std::size_t dot = path.rfind('.');
  const bool has_ext = dot != std::string::npos && (slash == std::string::npos || dot > slash + 1);
  return has_ext ? path.substr(0, dot) + "." + base + path.substr(dot) : path + "." + base;
}

void enable_rtl_waves(const std::string& path) { waves().path = path; }

RtlFstFile* rtl_wave_file(const mmu::TlbSite& site) {
  RtlWaves& w = waves();
  if (!w.path) return nullptr;
  std::unique_ptr<RtlFstFile>& f = w.files[site.hart];
  if (!f) f = std::make_unique<RtlFstFile>(rtl_wave_path(*w.path, site.hart), site.cycle, site.period_ps);
  return f.get();
}

std::size_t start_rtl_waves() {
  std::size_t arrays = 0;
  for (auto& [hart, f] : waves().files) {
    f->open();
    arrays += f->models();
  }
  return arrays;
}

void close_rtl_waves() {
  for (auto& [hart, f] : waves().files) f->close();
}

}  // namespace memvp::rtl
