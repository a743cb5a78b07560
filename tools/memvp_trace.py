"""Load a memvp translation trace (docs/trace.md) into a numpy structured array.

    import memvp_trace
    t = memvp_trace.load("run.trace.zst")      # plain or zstd-compressed
    walks = t[t["outcome"] == memvp_trace.WALK]
    print(walks["latency_cycles"].mean(), memvp_trace.header("run.trace.zst").clock_period_ps)

The array has the one dtype RECORD_DTYPE, which mirrors the C++ TranslationRecord field for
field (88 bytes, little-endian). A version-2 trace also holds the TLB flushes (sfence.vma, satp
writes) as records of outcome FLUSH; load() leaves them out, load(path, flushes=True) keeps them
in file order. Version-1 traces, which have none, are read as well. The header is validated (magic, version, record size, layout
text, whole records); problems raise TraceError with one line naming the file. Compressed
files are read with the `zstandard` module when it is installed, else through `zstd -dc`.

The guest kernel's events (a run with [event_port] enable = true) are in the companion event
trace, a second array of EVENT_DTYPE on the same cycle base:

    e = memvp_trace.load_events(memvp_trace.events_path("run.trace.zst"))
    faults = e[e["type"] == memvp_trace.EVENT_TYPES["page_fault"]]

With DDR4 memory, the bytes each DRAM channel moved per 1000 hart cycles are in the companion
DRAM trace, an array of DRAM_DTYPE on the same cycle base:

    d = memvp_trace.load_dram(memvp_trace.dram_path("run.trace.zst"))
    read_gbps = d["bytes_read"] / (d["interval_cycles"] * header.clock_period_ps) * 1e3
"""

import collections
import shutil
import struct
import subprocess
import sys

import numpy as np

FORMAT_VERSION = 2
OLDEST_FORMAT_VERSION = 1   # the versions read: 1 (no flush records) to FORMAT_VERSION
MAGIC = b"MVPTRACE"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"

# Values of the outcome field (and of source, which adds SOURCE_NONE).
L1_HIT, L2_HIT, WALK, FAULT = 0, 1, 2, 3
FLUSH = 4                   # a TLB flush record (version 2): its access field is the FLUSH_KINDS index
SOURCE_NONE = 3
FLUSH_KINDS = ("all", "asid", "va", "va_asid")
FLUSH_CAUSES = ("sfence_vma", "satp_write")   # a flush record's priv field
NO_CAUSE = 0xFF
ACCESS_NAMES = ("fetch", "load", "store", "amo")
OUTCOME_NAMES = ("l1_hit", "l2_hit", "walk", "fault", "flush")

RECORD_DTYPE = np.dtype([
    ("cycle", "<u8"),
    ("va", "<u8"),
    ("pa", "<u8"),
    ("pte_addr", "<u8", (4,)),      # [i]: PTE address at page-table level i, 0 if unused
    ("latency_cycles", "<u4"),
    ("walk_cycles", "<u4"),
    ("step_cycles", "<u2", (4,)),   # [i]: cost of the level-i step
    ("ad_cycles", "<u2"),
    ("hart", "<u2"),
    ("asid", "<u2"),
    ("priv", "u1"),
    ("access", "u1"),
    ("outcome", "u1"),
    ("source", "u1"),
    ("fault_cause", "u1"),
    ("page_size_log2", "u1"),
    ("vm_mode", "u1"),
    ("pte_flags", "u1"),
    ("pwc_mask", "u1"),
    ("pte_reads", "u1"),
])
assert RECORD_DTYPE.itemsize == 88

# Fixed part of the file header: magic, version, header_size, record_size, layout_size,
# clock_period_ps, harts, reserved0, reserved1.
_HEADER = struct.Struct("<8sIIIIQIIQ")
Header = collections.namedtuple(
    "Header", "version header_size record_size layout_size clock_period_ps harts layout")


# The event trace (docs/trace.md): the EventRecord of common/trace/event_record.h.
EVENT_FORMAT_VERSION = 1
EVENT_MAGIC = b"MVPEVENT"
EVENT_DTYPE = np.dtype([
    ("cycle", "<u8"),
    ("arg", "<u8", (4,)),
    ("pid", "<u4"),
    ("type", "<u2"),
    ("hart", "<u2"),
])
assert EVENT_DTYPE.itemsize == 48
# memvp_event_type (sw/kernel/include/uapi/memvp_event.h) by name.
EVENT_NAMES = ("none", "page_fault", "page_fault_done", "cow_copy", "zero_page", "thp_alloc",
               "thp_split", "mmap", "munmap", "brk", "context_switch", "shootdown_send",
               "shootdown_recv", "sfence", "fork", "exec", "exit", "kswapd_wake", "kswapd_sleep",
               "direct_reclaim_begin", "direct_reclaim_end", "oom_kill", "zone_free",
               "swap_out", "swap_in")
EVENT_TYPES = {name: i for i, name in enumerate(EVENT_NAMES)}

# The DRAM trace (docs/trace.md): the DramSampleRecord of common/trace/dram_record.h.
DRAM_FORMAT_VERSION = 1
DRAM_MAGIC = b"MVPDRAMS"
DRAM_DTYPE = np.dtype([
    ("cycle", "<u8"),
    ("bytes_read", "<u8"),
    ("bytes_written", "<u8"),
    ("interval_cycles", "<u4"),
    ("node", "<u2"),
    ("channel", "<u2"),
])
assert DRAM_DTYPE.itemsize == 32

# What tells the files apart: (magic, version, dtype, what they are called in messages).
_Format = collections.namedtuple("_Format", "magic version oldest dtype what")
_TRACE = _Format(MAGIC, FORMAT_VERSION, OLDEST_FORMAT_VERSION, RECORD_DTYPE, "translation trace")
_EVENTS = _Format(EVENT_MAGIC, EVENT_FORMAT_VERSION, EVENT_FORMAT_VERSION, EVENT_DTYPE, "event trace")
_DRAM = _Format(DRAM_MAGIC, DRAM_FORMAT_VERSION, DRAM_FORMAT_VERSION, DRAM_DTYPE, "DRAM trace")


class TraceError(Exception):
    """A file that is not a readable memvp translation trace of this version."""


def layout_text(dtype=RECORD_DTYPE):
    """The header's layout text for `dtype`: one "<offset> <type> <name>" line per field."""
    lines = []
    for name in dtype.names:
        field, offset = dtype.fields[name][:2]
        base, shape = (field.base, field.shape) if field.shape else (field, ())
        kind = "u%d" % (8 * base.itemsize)
        if shape:
            kind += "[%d]" % shape[0]
        lines.append("%d %s %s\n" % (offset, kind, name))
    return "".join(lines)


def _versions(fmt):
    if fmt.oldest == fmt.version:
        return "version %d" % fmt.version
    return "versions %d to %d" % (fmt.oldest, fmt.version)


def _file_kind(fmt):
    return "trace" if fmt is _TRACE else fmt.what


def _open_error(path, e, fmt=_TRACE):
    return TraceError("%s file '%s': cannot open: %s" % (_file_kind(fmt), path, e.strerror))


def _is_zstd(path, fmt=_TRACE):
    try:
        with open(path, "rb") as f:
            return f.read(4) == ZSTD_MAGIC
    except OSError as e:
        raise _open_error(path, e, fmt) from None


def _decompress(path):
    """The decompressed bytes of a zstd-compressed trace."""
    try:
        import zstandard
        try:
            with open(path, "rb") as f, zstandard.ZstdDecompressor().stream_reader(
                    f, read_across_frames=True) as r:
                return r.read()
        except zstandard.ZstdError as e:
            raise TraceError("trace file '%s': damaged zstd stream: %s" % (path, e)) from None
    except ImportError:
        pass
    if shutil.which("zstd") is None:
        raise TraceError("trace file '%s': compressed, but neither the zstandard module nor "
                         "the zstd command is available" % path)
    run = subprocess.run(["zstd", "-dcq", "--", path], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, check=False)
    if run.returncode != 0:
        why = run.stderr.decode(errors="replace").strip().splitlines()
        raise TraceError("trace file '%s': damaged zstd stream%s" %
                         (path, (": " + why[-1]) if why else ""))
    return run.stdout


def _plain_head(path, fmt=_TRACE):
    """The first bytes of a plain trace (enough for any header) and the file's size."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
            f.seek(0, 2)
            return head, f.tell()
    except OSError as e:
        raise _open_error(path, e, fmt) from None


def _parse_header(path, data, total, fmt=_TRACE):
    """Validates the header at the start of `data`; `total` is the trace's length in bytes."""
    def fail(what):
        raise TraceError("%s file '%s': %s" % (_file_kind(fmt), path, what))
    if not data:
        fail("empty file, not a memvp %s" % fmt.what)
    if len(data) >= 8 and data[:8] != fmt.magic:
        fail("not a memvp %s (bad magic)" % fmt.what)
    if len(data) < _HEADER.size:
        fail("truncated header (%d of %d bytes)" % (len(data), _HEADER.size))
    (_, version, header_size, record_size, layout_size, period, harts, _, _) = \
        _HEADER.unpack_from(data)
    if not fmt.oldest <= version <= fmt.version:
        fail("unsupported trace format version %d (this reader reads %s)"
             % (version, _versions(fmt)))
    if record_size != fmt.dtype.itemsize:
        fail("record size %d does not match version %d's %d bytes"
             % (record_size, version, fmt.dtype.itemsize))
    want_layout = layout_text(fmt.dtype)
    want_size = (_HEADER.size + len(want_layout) + 7) // 8 * 8
    if layout_size != len(want_layout) or header_size != want_size:
        fail("header size %d does not match version %d's %d bytes"
             % (header_size, version, want_size))
    if len(data) < header_size:
        fail("truncated header (%d of %d bytes)" % (len(data), header_size))
    layout = data[_HEADER.size:_HEADER.size + layout_size].decode("ascii", errors="replace")
    if layout != want_layout:
        fail("record layout in the header differs from version %d's" % version)
    partial = (total - header_size) % record_size
    if partial:
        fail("truncated record at the end (%d bytes after %d whole records)"
             % (partial, (total - header_size) // record_size))
    return Header(version, header_size, record_size, layout_size, period, harts, layout)


def header(path):
    """The validated header of the trace at `path` (a Header namedtuple)."""
    if _is_zstd(path):
        data = _decompress(path)
        return _parse_header(path, data, len(data))
    return _parse_header(path, *_plain_head(path))


def _load(path, fmt):
    if _is_zstd(path, fmt):
        data = _decompress(path)
        h = _parse_header(path, data, len(data), fmt)
        return np.frombuffer(bytearray(data), dtype=fmt.dtype, offset=h.header_size)
    h = _parse_header(path, *_plain_head(path, fmt), fmt)
    return np.fromfile(path, dtype=fmt.dtype, offset=h.header_size)


def load(path, flushes=False):
    """The translations of the trace at `path` as a numpy array of RECORD_DTYPE; with
    flushes=True, its flush records (outcome FLUSH, version 2) too, in file order.

    Raises TraceError (one line naming the file) for a damaged or foreign file."""
    t = _load(path, _TRACE)
    return t if flushes else t[t["outcome"] != FLUSH]


def _companion(trace_path, suffix):
    if len(trace_path) > 4 and trace_path.endswith(".zst"):
        return trace_path[:-4] + suffix + ".zst"
    return trace_path + suffix


def events_path(trace_path):
    """The companion event trace of a translation trace: run.trace.zst -> run.trace.events.zst."""
    return _companion(trace_path, ".events")


def dram_path(trace_path):
    """The companion DRAM trace of a translation trace: run.trace.zst -> run.trace.dram.zst."""
    return _companion(trace_path, ".dram")


def load_events(path):
    """All events of the event trace at `path` as a numpy array of EVENT_DTYPE (TraceError as
    load() raises it)."""
    return _load(path, _EVENTS)


def load_dram(path):
    """All samples of the DRAM trace at `path` as a numpy array of DRAM_DTYPE (TraceError as
    load() raises it)."""
    return _load(path, _DRAM)


def main(argv):
    """`python3 memvp_trace.py FILE`: prints the header and the number of records."""
    if len(argv) != 2:
        print("usage: memvp_trace.py FILE", file=sys.stderr)
        return 2
    try:
        h = header(argv[1])
        t = load(argv[1])
    except TraceError as e:
        print("memvp_trace.py: %s" % e, file=sys.stderr)
        return 2
    print("version %d, %d harts, clock period %d ps, %d records"
          % (h.version, h.harts, h.clock_period_ps, len(t)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
