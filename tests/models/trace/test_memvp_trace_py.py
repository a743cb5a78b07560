"""The Python loader reads the hand-built trace (plain and zstd) with the same values as the
C++ reader's CSV, and rejects damaged files with one-line TraceErrors like the C++ reader."""

import argparse
import csv
import os
import re
import subprocess
import sys
import unittest

import numpy as np

ARGS = None


def csv_rows(path):
    out = subprocess.run([ARGS.reader, path, "csv"], stdout=subprocess.PIPE, check=True)
    return list(csv.DictReader(out.stdout.decode().splitlines()))


class LoaderTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.plain = os.path.join(ARGS.workdir, "py_fixture.bin")
        cls.zst = os.path.join(ARGS.workdir, "py_fixture.zst")
        for p in (cls.plain, cls.zst):
            subprocess.run([ARGS.fixture, p], check=True)

    def test_dtype_is_the_record(self):
        self.assertEqual(memvp_trace.RECORD_DTYPE.itemsize, 88)
        self.assertEqual(memvp_trace.RECORD_DTYPE.fields["pte_addr"][1], 24)
        self.assertEqual(memvp_trace.RECORD_DTYPE.fields["pte_reads"][1], 87)

    def test_header(self):
        for path in (self.plain, self.zst):
            h = memvp_trace.header(path)
            self.assertEqual((h.version, h.header_size, h.record_size, h.clock_period_ps, h.harts),
                             (2, 360, 88, 500, 2))

    def test_values_equal_the_cpp_reader(self):
        for path in (self.plain, self.zst):
            t = memvp_trace.load(path)
            rows = csv_rows(path)
            self.assertEqual(len(t), 20)
            self.assertEqual(len(rows), 20)
            for rec, row in zip(t, rows):
                self.assertEqual(rec["cycle"], int(row["cycle"]))
                self.assertEqual(rec["hart"], int(row["hart"]))
                self.assertEqual(rec["asid"], int(row["asid"]))
                self.assertEqual(rec["va"], int(row["va"], 16))
                self.assertEqual(rec["pa"], int(row["pa"], 16))
                self.assertEqual(memvp_trace.ACCESS_NAMES[rec["access"]], row["access"])
                self.assertEqual(memvp_trace.OUTCOME_NAMES[rec["outcome"]], row["outcome"])
                cause = rec["fault_cause"]
                self.assertEqual("" if cause == memvp_trace.NO_CAUSE else str(cause),
                                 row["fault_cause"])
                for name in ("page_size_log2", "latency_cycles", "walk_cycles", "pte_reads",
                             "pwc_mask", "ad_cycles", "vm_mode"):
                    self.assertEqual(rec[name], int(row[name]), name)
                self.assertEqual(rec["pte_flags"], int(row["pte_flags"], 16))
                for i in range(4):
                    self.assertEqual(rec["pte_addr"][i], int(row["pte_addr%d" % i], 16))
                    self.assertEqual(rec["step_cycles"][i], int(row["step_cycles%d" % i]))

    def test_known_values(self):
        t = memvp_trace.load(self.plain)
        self.assertEqual(int((t["outcome"] == memvp_trace.WALK).sum()), 4)
        self.assertEqual(int(t["latency_cycles"].sum()), 396)
        w = t[9]
        self.assertEqual(int(w["pwc_mask"]), 4)
        self.assertEqual([int(a) for a in w["pte_addr"]],
                         [0x80102030, 0x80101000, 0x80100008, 0])

    def write(self, name, data):
        path = os.path.join(ARGS.workdir, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def test_flush_records_and_version_one(self):
        with open(self.plain, "rb") as f:
            good = f.read()
        flush = np.zeros(1, dtype=memvp_trace.RECORD_DTYPE)
        flush["outcome"], flush["source"], flush["access"], flush["asid"] = memvp_trace.FLUSH, 3, 1, 5
        path = self.write("py_flush", good + flush.tobytes())
        self.assertEqual(len(memvp_trace.load(path)), 20)        # translations only
        t = memvp_trace.load(path, flushes=True)
        self.assertEqual(len(t), 21)
        self.assertEqual(memvp_trace.FLUSH_KINDS[t[20]["access"]], "asid")
        self.assertEqual(memvp_trace.OUTCOME_NAMES[t[20]["outcome"]], "flush")
        # Version 1, the same layout without flush records, is read as well.
        v1 = self.write("py_v1", good[:8] + b"\x01\0\0\0" + good[12:])
        self.assertEqual(memvp_trace.header(v1).version, 1)
        self.assertEqual(len(memvp_trace.load(v1)), 20)

    def bad(self, name, data, problem):
        path = os.path.join(ARGS.workdir, name)
        with open(path, "wb") as f:
            f.write(data)
        with self.assertRaises(memvp_trace.TraceError) as cm:
            memvp_trace.load(path)
        msg = str(cm.exception)
        self.assertIn(problem, msg)
        self.assertIn("'%s'" % path, msg)
        self.assertNotIn("\n", msg)

    def test_damaged_files(self):
        with open(self.plain, "rb") as f:
            good = f.read()
        self.bad("py_empty", b"", "empty file, not a memvp translation trace")
        self.bad("py_magic", b"X" + good[1:], "bad magic")
        self.bad("py_short", good[:20], "truncated header (20 of 48 bytes)")
        self.bad("py_version", good[:8] + b"\x07\0\0\0" + good[12:],
                 "unsupported trace format version 7 (this reader reads versions 1 to 2)")
        self.bad("py_size", good[:16] + b"\x60\0\0\0" + good[20:],
                 "record size 96 does not match")
        self.bad("py_tail", good[:-5], "truncated record at the end (83 bytes after 19")
        with open(self.zst, "rb") as f:
            packed = f.read()
        self.bad("py_cut.zst", packed[:-6], "zstd")
        with self.assertRaises(memvp_trace.TraceError) as cm:
            memvp_trace.load(os.path.join(ARGS.workdir, "py_no_such_file"))
        self.assertIn("cannot open", str(cm.exception))


class EventLoaderTest(unittest.TestCase):
    """The event trace's dtype, names and companion path agree with the C++ side and the
    guest's uapi header; a file of the other kind is refused."""

    def source(self, *parts):
        with open(os.path.join(ARGS.tools, "..", *parts)) as f:
            return f.read()

    def test_dtype_layout_is_the_cpp_layout(self):
        text = self.source("models", "common", "trace", "event_record.h")
        start = text.index("kEventLayout =")
        literal = "".join(re.findall(r'"([^"]*)\\n"', text[start:text.index(";", start)]))
        self.assertEqual(memvp_trace.layout_text(memvp_trace.EVENT_DTYPE).replace("\n", ""), literal)
        self.assertEqual(memvp_trace.EVENT_DTYPE.itemsize, 48)

    def test_names_follow_the_uapi_header(self):
        text = self.source("sw", "kernel", "include", "uapi", "memvp_event.h")
        numbered = {int(n): name.lower() for name, n in re.findall(r"MEMVP_EV_(\w+) = (\d+)", text)}
        self.assertEqual(tuple(numbered[i] for i in range(len(numbered))), memvp_trace.EVENT_NAMES)

    def test_companion_path(self):
        self.assertEqual(memvp_trace.events_path("run.trace.zst"), "run.trace.events.zst")
        self.assertEqual(memvp_trace.events_path("run.trace"), "run.trace.events")
        self.assertEqual(memvp_trace.dram_path("run.trace.zst"), "run.trace.dram.zst")
        self.assertEqual(memvp_trace.dram_path("run.trace"), "run.trace.dram")

    def test_dram_dtype_layout_is_the_cpp_layout(self):
        text = self.source("models", "common", "trace", "dram_record.h")
        start = text.index("kDramLayout =")
        literal = "".join(re.findall(r'"([^"]*)\\n"', text[start:text.index(";", start)]))
        self.assertEqual(memvp_trace.layout_text(memvp_trace.DRAM_DTYPE).replace("\n", ""), literal)
        self.assertEqual(memvp_trace.DRAM_DTYPE.itemsize, 32)

    def test_a_translation_trace_is_not_an_event_trace(self):
        plain = os.path.join(ARGS.workdir, "py_fixture_for_events.bin")
        subprocess.run([ARGS.fixture, plain], check=True)
        with self.assertRaises(memvp_trace.TraceError) as cm:
            memvp_trace.load_events(plain)
        self.assertIn("event trace file", str(cm.exception))
        self.assertIn("not a memvp event trace (bad magic)", str(cm.exception))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--tools", required=True)
    parser.add_argument("--reader", required=True)
    parser.add_argument("--fixture", required=True)
    parser.add_argument("--workdir", required=True)
    ARGS, rest = parser.parse_known_args()
    sys.path.insert(0, ARGS.tools)
    import memvp_trace  # noqa: E402
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
