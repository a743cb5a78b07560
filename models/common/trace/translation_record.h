// The translation trace's on-disk format, version 2 (docs/trace.md): a file header with a
// text description of the record layout, then one fixed-size little-endian record for every
// translation the MMUs perform while translation is on and, since version 2, for every TLB
// flush (sfence.vma, a satp write with ASIDs disabled). Version 1 has the same layout and no
// flush records; readers read both. The structs below ARE the format:
// static_asserts pin every offset, so `numpy.fromfile` with one dtype reads what we write.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/trace/record_format.h"

namespace memvp::trace {

static_assert(std::endian::native == std::endian::little,
              "the trace format is little-endian and written by copying structs");

constexpr std::uint32_t kFormatVersion = 2;
constexpr std::uint32_t kOldestFormatVersion = 1;  // the oldest version the readers read
constexpr char kMagic[8] = {'M', 'V', 'P', 'T', 'R', 'A', 'C', 'E'};
constexpr unsigned kPtLevels = 4;   // Sv48 has the most page-table levels (priv spec §12.5)
constexpr std::uint8_t kNoCause = 0xFF;
constexpr std::uint16_t kStepCyclesMax = 0xFFFF;  // step and A/D costs saturate here

// Values of TranslationRecord::outcome and ::source.
enum class Outcome : std::uint8_t { L1Hit = 0, L2Hit = 1, Walk = 2, Fault = 3 };
// Values of TranslationRecord::source beyond the Outcome ones: the fault was raised before any
// TLB lookup (a non-canonical virtual address, priv spec §12.4/§12.5).
constexpr std::uint8_t kSourceNone = 3;
// A record whose outcome is kOutcomeFlush (version 2) is a TLB flush, not a translation: `access`
// holds its kind (mmu::FlushKind: 0 all, 1 ASID, 2 VA, 3 VA and ASID), `va` and `asid` its
// operands, `priv` its cause (kFlushBySfence, kFlushBySatp), `source` kSourceNone, and every
// other field but `cycle` and `hart` 0.
constexpr std::uint8_t kOutcomeFlush = 4;
constexpr std::uint8_t kFlushBySfence = 0;  // sfence.vma (§12.2.1)
constexpr std::uint8_t kFlushBySatp = 1;    // a satp write with ASIDs disabled (§12.1.11)

// One translation. Field order is by size so that every field is naturally aligned and there
// is no padding; `level i` is the page-table level of priv spec §12.3.2 (0 = the level whose
// leaves are 4 KiB pages), the same for Sv39 and Sv48.
struct TranslationRecord {
  std::uint64_t cycle;           // hart-clock cycle at which the translation was issued
  std::uint64_t va;              // virtual address translated
  std::uint64_t pa;              // physical address produced; 0 for a fault
  std::uint64_t pte_addr[kPtLevels];  // [i]: address of the level-i PTE the walk used (read
                                      // from memory or from the page-walk cache); 0 if unused
  std::uint32_t latency_cycles;  // whole translation: TLB lookups plus walk
  std::uint32_t walk_cycles;     // the walk alone (start overhead, PWC probe, reads, A/D); 0 if none
  std::uint16_t step_cycles[kPtLevels];  // [i]: cost of the level-i step (PTE read, or PWC
                                         // latency when pwc_mask bit i is set), saturating
  std::uint16_t ad_cycles;       // cost of the hardware A/D update (re-read + write); 0 if none
  std::uint16_t hart;            // hart id (mhartid)
  std::uint16_t asid;            // ASID the lookup used (0 when ASIDs are disabled)
  std::uint8_t priv;             // effective privilege: 0 U, 1 S (M never translates)
  std::uint8_t access;           // 0 fetch, 1 load, 2 store, 3 AMO
  std::uint8_t outcome;          // Outcome: 0 L1 hit, 1 L2 hit, 2 walk, 3 fault
  std::uint8_t source;           // where the translation (or the faulting PTE) came from:
                                 // 0 L1 TLB, 1 L2 TLB, 2 walk, 3 none (kSourceNone)
  std::uint8_t fault_cause;      // mcause exception code (1, 5, 7, 12, 13, 15); kNoCause if none
  std::uint8_t page_size_log2;   // 12, 21, 30 or 39; 0 for a fault that found no leaf
  std::uint8_t vm_mode;          // satp.MODE: 8 Sv39, 9 Sv48
  std::uint8_t pte_flags;        // leaf PTE bits 7:0 (D A G U X W R V); 0 if no leaf found
  std::uint8_t pwc_mask;         // bit i: the level-i PTE came from the page-walk cache
  std::uint8_t pte_reads;        // PTE reads from memory, including A/D re-reads
};

static_assert(sizeof(TranslationRecord) == 88);
static_assert(offsetof(TranslationRecord, cycle) == 0);
static_assert(offsetof(TranslationRecord, va) == 8);
static_assert(offsetof(TranslationRecord, pa) == 16);
static_assert(offsetof(TranslationRecord, pte_addr) == 24);
static_assert(offsetof(TranslationRecord, latency_cycles) == 56);
static_assert(offsetof(TranslationRecord, walk_cycles) == 60);
static_assert(offsetof(TranslationRecord, step_cycles) == 64);
static_assert(offsetof(TranslationRecord, ad_cycles) == 72);
static_assert(offsetof(TranslationRecord, hart) == 74);
static_assert(offsetof(TranslationRecord, asid) == 76);
static_assert(offsetof(TranslationRecord, priv) == 78);
static_assert(offsetof(TranslationRecord, access) == 79);
static_assert(offsetof(TranslationRecord, outcome) == 80);
static_assert(offsetof(TranslationRecord, source) == 81);
static_assert(offsetof(TranslationRecord, fault_cause) == 82);
static_assert(offsetof(TranslationRecord, page_size_log2) == 83);
static_assert(offsetof(TranslationRecord, vm_mode) == 84);
static_assert(offsetof(TranslationRecord, pte_flags) == 85);
static_assert(offsetof(TranslationRecord, pwc_mask) == 86);
static_assert(offsetof(TranslationRecord, pte_reads) == 87);

// The record layout as stored in the header: one line per field, "<offset> <type> <name>",
// types u8/u16/u32/u64 with "[n]" for arrays. A reader compares it with its own copy.
constexpr std::string_view kRecordLayout =
    "0 u64 cycle\n"
    "8 u64 va\n"
    "16 u64 pa\n"
    "24 u64[4] pte_addr\n"
    "56 u32 latency_cycles\n"
    "60 u32 walk_cycles\n"
    "64 u16[4] step_cycles\n"
    "72 u16 ad_cycles\n"
    "74 u16 hart\n"
    "76 u16 asid\n"
    "78 u8 priv\n"
    "79 u8 access\n"
    "80 u8 outcome\n"
    "81 u8 source\n"
    "82 u8 fault_cause\n"
    "83 u8 page_size_log2\n"
    "84 u8 vm_mode\n"
    "85 u8 pte_flags\n"
    "86 u8 pwc_mask\n"
    "87 u8 pte_reads\n";

// The fixed part of the file header; the layout text follows it, NUL-padded so that
// header_size is a multiple of 8. Records start at byte header_size.
struct FileHeader {
  char magic[8];                 // "MVPTRACE"
  std::uint32_t version;         // kFormatVersion
  std::uint32_t header_size;     // bytes before the first record (this struct + layout text)
  std::uint32_t record_size;     // sizeof(TranslationRecord)
  std::uint32_t layout_size;     // bytes of layout text, without the padding
  std::uint64_t clock_period_ps; // the harts' clock period: cycle × period = simulated time
  std::uint32_t harts;           // number of harts on the platform
  std::uint32_t reserved0;       // 0
  std::uint64_t reserved1;       // 0
};

static_assert(sizeof(FileHeader) == 48);
static_assert(offsetof(FileHeader, version) == 8);
static_assert(offsetof(FileHeader, header_size) == 12);
static_assert(offsetof(FileHeader, record_size) == 16);
static_assert(offsetof(FileHeader, layout_size) == 20);
static_assert(offsetof(FileHeader, clock_period_ps) == 24);
static_assert(offsetof(FileHeader, harts) == 32);

constexpr std::uint32_t padded_header_size(std::size_t layout_size) {
  return static_cast<std::uint32_t>((sizeof(FileHeader) + layout_size + 7) / 8 * 8);
}
constexpr std::uint32_t kHeaderSize = padded_header_size(kRecordLayout.size());
static_assert(kRecordLayout.size() == 305 && kHeaderSize == 360, "docs/trace.md quotes these");

constexpr RecordFormat kTranslationFormat{{kMagic, sizeof kMagic}, kFormatVersion, sizeof(TranslationRecord),
                                          kRecordLayout, "translation trace", kOldestFormatVersion};

// Whether `r` is a TLB flush record (version 2) rather than a translation.
constexpr bool is_flush(const TranslationRecord& r) { return r.outcome == kOutcomeFlush; }

// Names used by the reader's CSV and summaries.
std::string_view outcome_name(std::uint8_t outcome);  // "l1_hit", "l2_hit", "walk", "fault", "flush"
std::string_view source_name(std::uint8_t source);    // "l1", "l2", "walk", "none"
std::string_view access_name(std::uint8_t access);    // "fetch", "load", "store", "amo"
std::string_view priv_name(std::uint8_t priv);        // "U", "S", "M"

}  // namespace memvp::trace
