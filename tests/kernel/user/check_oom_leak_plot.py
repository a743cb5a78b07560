#!/usr/bin/env python3
"""tools/oom_leak_plot.py on a console memvp produces (docs/kernel.md, experiment 5).

usage: check_oom_leak_plot.py PLOT_SCRIPT MEMVP KERNEL INITRD PLATFORM WORKDIR

Runs init=oom_leak on memvp (the PLATFORM file, 32 MiB), then the plot script on its console: the series must be
the leaker's 22 ticks of 1 MiB more each (1048 KiB, 2072 KiB, ...), the kill after tick 22 at
the anon-rss the kernel's kill line gives, and the PNG a PNG. A missing console and one without
tick lines must give exit status 2 and one line on stderr.
"""

import os
import subprocess
import sys


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def run_plot(script, console, png):
    return subprocess.run([sys.executable, script, console, png], capture_output=True, text=True, timeout=120)


def main(plot_script, memvp, kernel, initrd, platform, workdir):
    os.makedirs(workdir, exist_ok=True)
    console = os.path.join(workdir, "oom_leak.console")
    png = os.path.join(workdir, "oom_leak_rss.png")
    run = subprocess.run([memvp, "run", kernel, "--platform", platform, "--set", "memory.size=32MiB", "--initrd", initrd, "--quiet", "--",
                          "init=oom_leak"], capture_output=True, text=True, timeout=300)
    if run.returncode != 0:
        fail(f"memvp exit status {run.returncode}: {run.stderr}")
    with open(console, "w") as f:
        f.write(run.stdout)
    if os.path.exists(png):
        os.remove(png)
    r = run_plot(plot_script, console, png)
    if r.returncode != 0:
        fail(f"plot exit status {r.returncode}: {r.stderr}")
    want = [f"tick {t} rss {1048 + 1024 * (t - 1)}" for t in range(1, 23)] + ["killed after tick 22 anon-rss 23024"]
    if r.stdout.splitlines() != want:
        fail(f"series:\n{r.stdout}\nexpected:\n" + "\n".join(want))
    with open(png, "rb") as f:
        if f.read(8) != b"\x89PNG\r\n\x1a\n":
            fail(f"{png} is not a PNG")
    empty = os.path.join(workdir, "no_ticks.console")
    with open(empty, "w") as f:
        f.write("oom_leak: 2 workers hold 2048 KiB each\n")
    for bad in (os.path.join(workdir, "missing.console"), empty):
        r = run_plot(plot_script, bad, os.path.join(workdir, "bad.png"))
        if r.returncode != 2 or len(r.stderr.splitlines()) != 1 or r.stdout:
            fail(f"{bad}: exit status {r.returncode}, stderr {r.stderr!r}, stdout {r.stdout!r}")
    print(f"PASS: {png}: 22 ticks and the kill plotted")


if __name__ == "__main__":
    if len(sys.argv) != 7:
        print("usage: check_oom_leak_plot.py PLOT_SCRIPT MEMVP KERNEL INITRD PLATFORM WORKDIR", file=sys.stderr)
        sys.exit(2)
    main(*sys.argv[1:])
