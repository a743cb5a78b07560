#!/usr/bin/env python3
"""Random-instruction differential testing of memvp against QEMU.

For each seed: memvp_random_gen.py writes a random RV64GC program, the cross GCC builds it,
QEMU (qemu-system-riscv64 -machine virt -bios none) and memvp run the ELF, and their consoles
(one state hash per block, one line per trap) must agree byte for byte and both exit 0. On a
mismatch the seed is rebuilt with --full (every register printed after each block) and the
report names the first differing block, the values that differ and the block's instructions.

    memvp_random_diff.py --memvp build/memvp --seeds 1000 [--first 1] [--jobs 2]

Exit status: 0 when every seed agrees, 1 on a mismatch, 2 on a usage or setup error.
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import memvp_random_gen  # noqa: E402

NAMES = {**{i: f"x{i}" for i in range(32)}, **{32 + i: f"f{i}" for i in range(32)},
         64: "fflags", 65: "frm", 66: "data-area hash"}


class Setup(Exception):
    pass


def build(args, seed, work, full):
    stem = os.path.join(work, f"seed{seed}{'_full' if full else ''}")
    text = memvp_random_gen.Gen(seed, args.blocks, args.units).program(full)
    with open(stem + ".S", "w") as fh:
        fh.write(text)
    cmd = [args.cc, "-march=rv64gc", "-mabi=lp64d", "-nostdlib", "-nostartfiles", "-static",
           "-T", os.path.join(SRC, "sw", "lib", "memvp.ld"), "-Wl,--no-warn-rwx-segments",
           stem + ".S", "-o", stem + ".elf"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise Setup(f"seed {seed}: the generated program does not assemble:\n{r.stderr[:2000]}")
    return stem, text


def run(cmd, timeout):
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace").replace("\r", "")
        return out, "timeout", (e.stderr or b"").decode(errors="replace")
    return (r.stdout.decode(errors="replace").replace("\r", ""), r.returncode,
            r.stderr.decode(errors="replace"))


def run_both(args, elf):
    qemu = run([args.qemu, "-machine", "virt", "-bios", "none", "-nographic", "-m", "128M",
                "-kernel", elf], args.timeout)
    memvp = run([args.memvp, "run", elf, "--max-cycles", str(args.max_cycles),
                 "--platform", args.platform] + args.memvp_arg, args.timeout)
    return qemu, memvp


def block_source(text, n):
    m = re.search(rf"^# block {n}\n(.*?)^# end block {n}\n", text, re.S | re.M)
    return m.group(1).rstrip("\n").split("\n") if m else []


def first_difference(a, b):
    la, lb = a.split("\n"), b.split("\n")
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else "<end of output>"
        y = lb[i] if i < len(lb) else "<end of output>"
        if x != y:
            return i, x, y
    return None


def failing_block(lines, index):
    """The block whose code produced line `index`: a 'bNNNN' line names it; a trap line
    belongs to the block after the last dump before it."""
    line = lines[index] if index < len(lines) else ""
    if line.startswith("b"):
        return int(line[1:5], 16)
    last = -1
    for ln in lines[:index]:
        if ln.startswith("b"):
            last = int(ln[1:5], 16)
    return last + 1


def explain(args, seed, work, qemu, memvp):
    """Text that locates the first divergence of a seed for a person."""
    out = [f"seed {seed}: MISMATCH (qemu exit {qemu[1]}, memvp exit {memvp[1]})"]
    diff = first_difference(qemu[0], memvp[0])
    if diff is None:
        out.append("  consoles agree but an exit status is wrong")
        out.append("  memvp stderr: " + memvp[2].strip()[:500])
        return "\n".join(out)
    index, q, m = diff
    block = failing_block(qemu[0].split("\n"), index)
    out += [f"  first difference at console line {index + 1}, in block {block}:",
            f"    qemu:  {q}", f"    memvp: {m}"]
    stem, text = build(args, seed, work, True)
    fq, fm = run_both(args, stem + ".elf")
    values = {}
    for who, res in (("qemu", fq), ("memvp", fm)):
        cur = None
        for ln in res[0].split("\n"):
            if ln.startswith("b"):
                cur = int(ln[1:5], 16)
            elif cur == block and ln.startswith(" "):
                k, v = ln.split()
                values.setdefault(int(k, 16), {})[who] = v
    differing = [f"    {NAMES.get(k, k)}: qemu {v.get('qemu')} memvp {v.get('memvp')}"
                 for k, v in sorted(values.items()) if v.get("qemu") != v.get("memvp")]
    if differing:
        out.append(f"  state after block {block} that differs (--full dump):")
        out += differing
    out.append(f"  instructions of block {block}:")
    out += ["    " + ln for ln in block_source(text, block)]
    out.append(f"  reproduce (keeping the programs): {sys.argv[0]} --memvp {args.memvp} "
               f"--first {seed} --seeds 1 --keep" + "".join(f" --memvp-arg={a}" for a in args.memvp_arg))
    return "\n".join(out)


def check_seed(args, seed, work):
    stem, text = build(args, seed, work, False)
    qemu, memvp = run_both(args, stem + ".elf")
    # random instructions generated (pseudo-instructions count once) and, from memvp's summary
    # line, instructions executed in all (dumps and trap handler included)
    insns = sum(len([ln for ln in block_source(text, n) if ln and not ln.startswith(".")
                     and not ln.endswith(":")]) for n in range(args.blocks))
    m = re.search(r"memvp: (\d+) instructions", memvp[2])
    executed = int(m.group(1)) if m else 0
    ok = qemu[1] == 0 and memvp[1] == 0 and qemu[0] == memvp[0] and qemu[0]
    traps = qemu[0].count("\nt ") + qemu[0].startswith("t ")
    return seed, bool(ok), (insns, executed), traps, (None if ok else explain(args, seed, work, qemu, memvp))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--memvp", required=True, help="the memvp executable")
    ap.add_argument("--qemu", default="qemu-system-riscv64")
    ap.add_argument("--cc", default="riscv64-unknown-elf-gcc", help="the cross GCC driver")
    ap.add_argument("--platform", default=os.path.join(SRC, "platforms", "functional.toml"))
    ap.add_argument("--seeds", type=int, default=8, help="how many seeds")
    ap.add_argument("--first", type=int, default=1, help="the first seed")
    ap.add_argument("--blocks", type=int, default=60)
    ap.add_argument("--units", type=int, default=40)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--max-cycles", type=int, default=50_000_000)
    ap.add_argument("--memvp-arg", action="append", default=[],
                    help="one more `memvp run` argument (repeatable), e.g. --memvp-arg=--set ...")
    ap.add_argument("--keep", action="store_true", help="keep the programs (printed directory)")
    args = ap.parse_args()
    for tool in (args.memvp, args.qemu, args.cc):
        if not shutil.which(tool):
            print(f"memvp_random_diff: {tool}: not found", file=sys.stderr)
            return 2
    work = tempfile.mkdtemp(prefix="memvp_random_diff.")
    failures, insns, executed, traps = [], 0, 0, 0
    try:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            seeds = range(args.first, args.first + args.seeds)
            for seed, ok, n, t, report in pool.map(lambda s: check_seed(args, s, work), seeds):
                insns += n[0]
                executed += n[1]
                traps += t
                if not ok:
                    failures.append(seed)
                    print(report, flush=True)
    except Setup as e:
        print(f"memvp_random_diff: {e}", file=sys.stderr)
        return 2
    finally:
        if args.keep:
            print(f"programs kept in {work}")
        else:
            shutil.rmtree(work)
    print(f"{args.seeds} seeds ({args.first}..{args.first + args.seeds - 1}), "
          f"{insns} random instructions, {executed} executed on memvp, {traps} traps: "
          f"{'all agree' if not failures else f'{len(failures)} differ: {failures}'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
