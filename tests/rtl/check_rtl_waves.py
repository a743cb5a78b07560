#!/usr/bin/env python3
# memvp run --rtl-waves on a paging guest (tests/vm's vm_ad: A/D updates, sfence.vma) with the
# L1 DTLB's 4 KiB array (32 x 4-way) and the L2 TLB's first array (256 x 8-way) as the RTL:
# - the statistics are those of the same run without waves (waves only watch);
# - the FST holds every signal that waves/rtl_tlb.gtkw shows;
# - the L1 DTLB's 4 KiB array has one rising clock edge per operation: every lookup and flush
#   its level's statistics count, and a fill for some of the level's fills;
# - the waves are on memvp's time base: every lookup of that array is drawn in the hart cycle
#   (time / 1000 ps) of a data translation of the same page in the translation trace;
# - a second run writes the same waves (fst2vcd's text, its date aside);
# - --rtl-waves with no RTL array, and an unwritable file, are one line and status 2.
# usage: check_rtl_waves.py MEMVP ELF PLATFORM GTKW FST2VCD WORKDIR
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys

memvp, elf, platform, gtkw, fst2vcd, work = sys.argv[1:7]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
# Each level keeps every page size among its arrays (docs/mmu.md "RTL TLB in memvp").
sets = []
for key, value in (("l1_dtlb[0].entries", "32"), ("l1_dtlb[0].ways", "4"), ("l1_dtlb[0].replacement", "tree_plru"),
                   ("l1_dtlb[0].impl", "rtl"), ("l1_dtlb[2].page_sizes", '["1G", "512G"]'),
                   ("l2_tlb[0].entries", "256"), ("l2_tlb[0].ways", "8"), ("l2_tlb[0].replacement", "tree_plru"),
                   ("l2_tlb[0].impl", "rtl"), ("l2_tlb[1].page_sizes", '["1G", "512G"]')):
    sets += ["--set", f"mmu.{key}={value}"]
PERIOD_PS = 1000  # the functional platform's 1 GHz harts


def fail(message):
    print("check_rtl_waves: " + message)
    sys.exit(1)


def run(name, *extra):
    stats = os.path.join(work, name + ".json")
    r = subprocess.run([memvp, "run", elf, "--platform", platform, *sets, "--quiet", "--stats", stats, *extra],
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        fail(f"{name}: status {r.returncode}: {r.stderr}")
    with open(stats) as f:
        return json.load(f)


def timing(stats):
    """The statistics without the host's figures."""
    text = json.dumps(stats, indent=1).splitlines()
    return [line for line in text if not re.search(r'"(host_seconds|mips)"', line)]


def read_vcd(fst):
    text = subprocess.run([fst2vcd, fst], capture_output=True, text=True, check=True).stdout
    names, scope, changes, t = {}, [], {}, 0
    for line in text.splitlines():
        w = line.split()
        if not w:
            continue
        if w[0] == "$scope":
            scope.append(w[2])
        elif w[0] == "$upscope":
            scope.pop()
        elif w[0] == "$var":
            name = ".".join(scope + [w[4]]) + (w[5] if w[5].startswith("[") else "")
            names[name] = w[3]
        elif line.startswith("#"):
            t = int(line[1:])
        elif line[0] in "01xz" and len(w) == 1:
            changes.setdefault(line[1:], []).append((t, line[0]))
        elif line[0] == "b":
            changes.setdefault(w[1], []).append((t, w[0][1:]))
    return text, names, changes


def value_at(changes, ident, t):
    v = None
    for ct, cv in changes.get(ident, []):
        if ct > t:
            break
        v = cv
    return v


plain = run("plain")
fst = os.path.join(work, "rtl.fst")
traced = run("waves", "--rtl-waves", fst, "--trace", os.path.join(work, "vm.trace"))
if timing(plain) != timing(traced):
    fail("the statistics differ with --rtl-waves")
text, names, changes = read_vcd(fst)

with open(gtkw) as f:
    shown = [line.strip() for line in f if re.match(r"^[a-z0-9_]+\.tlb\.", line)]
missing = [s for s in shown if s not in names]
if not shown or missing:
    fail(f"{gtkw}: signals not in the waves: {missing or 'none shown'}")

level = traced["harts"][0]["mmu"]["l1_dtlb"]
clk = names["l1_dtlb0.tlb.clk_i"]
edges = [t for t, v in changes[clk] if v == "1"]
drawn = {port: sum(value_at(changes, names[f"l1_dtlb0.tlb.{port}_valid_i"], e - 1) == "1" for e in edges)
         for port in ("lookup", "fill", "flush")}
if drawn["lookup"] != level["lookups"] or drawn["flush"] != level["flushes"]:
    fail(f"l1_dtlb0: {drawn} drawn, the level counts {level}")
if not 0 < drawn["fill"] <= level["fills"] or sum(drawn.values()) != len(edges):
    fail(f"l1_dtlb0: {drawn} drawn in {len(edges)} edges, the level counts {level['fills']} fills")

# Data translations by hart cycle: the pages (VPN in the RTL's 36 bits) translated then.
trace_csv = subprocess.run([memvp, "trace", os.path.join(work, "vm.trace"), "csv"], capture_output=True,
                           text=True, check=True).stdout
pages = {}
for row in csv.DictReader(io.StringIO(trace_csv)):
    if row["access"] != "fetch" and row["hart"] == "0":
        pages.setdefault(int(row["cycle"]), set()).add((int(row["va"], 16) >> 12) & (2**36 - 1))
valid, vpn = names["l1_dtlb0.tlb.lookup_valid_i"], names["l1_dtlb0.tlb.lookup_vpn_i[35:0]"]
lookups = 0
for edge in edges:
    if value_at(changes, valid, edge - 1) != "1":
        continue
    lookups += 1
    cycle = (edge - 1) // PERIOD_PS
    page = int(value_at(changes, vpn, edge - 1), 2)
    if page not in pages.get(cycle, ()):
        fail(f"l1_dtlb0: a lookup of page {page:#x} drawn at cycle {cycle}, where the trace has no such translation")

run("again", "--rtl-waves", os.path.join(work, "again.fst"))
again = read_vcd(os.path.join(work, "again.fst"))[0]
strip = lambda vcd: re.sub(r"\$date.*?\$end", "", vcd, flags=re.S)
if strip(again) != strip(text):
    fail("a second run writes other waves")

for args, pattern in ((["--rtl-waves", os.path.join(work, "none.fst")], r"^memvp: --rtl-waves: no TLB array"),
                      (["--rtl-waves", "/nonexistent/dir/rtl.fst"], r"^memvp: .*rtl.fst: cannot write")):
    r = subprocess.run([memvp, "run", elf, "--platform", platform, "--quiet", *args,
                        *(sets if "nonexistent" in args[1] else [])], capture_output=True, text=True, timeout=120)
    if r.returncode != 2 or len(r.stderr.splitlines()) != 1 or not re.match(pattern, r.stderr):
        fail(f"{args}: status {r.returncode}, stderr {r.stderr!r}")
print(f"check_rtl_waves: ok ({len(edges)} operations, {lookups} lookups of l1_dtlb0)")
