#!/usr/bin/env python3
"""The leak experiment's RSS over time (docs/kernel.md "OOM killer", experiment 5).

usage: oom_leak_plot.py CONSOLE PNG

CONSOLE is the console of `init=oom_leak` (memvp run's or QEMU's output): the leaker prints
`oom_leak: tick N: leaker rss K KiB` after each 1 MiB step, and the kernel's
`Out of memory: Killed process P (oom_leak) ... anon-rss:A kB ...` line ends it. The script prints
the series, one `tick N rss K` line each and `killed after tick N anon-rss A`, and draws it to PNG
(RSS in MiB against the tick, the kill marked at the anon-rss the kernel reported). A console
without tick lines, or a file that cannot be read, is an error: one line on stderr, exit status 2.
"""

import re
import sys

TICK = re.compile(r"^oom_leak: tick (\d+): leaker rss (\d+) KiB$")
KILL = re.compile(r"^Out of memory: Killed process \d+ \(oom_leak\) .*anon-rss:(\d+)kB")


def parse(lines):
    """The (tick, rss KiB) pairs and the killed process's anon-rss in KiB (None if not killed)."""
    ticks, killed = [], None
    for line in lines:
        line = line.rstrip("\r\n")
        m = TICK.match(line)
        if m:
            ticks.append((int(m.group(1)), int(m.group(2))))
            continue
        m = KILL.match(line)
        if m:
            killed = int(m.group(1))
    return ticks, killed


def plot(ticks, killed, png):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot([t for t, _ in ticks], [k / 1024 for _, k in ticks], marker="o", markersize=3, label="leaker RSS")
    if killed is not None:
        ax.plot([ticks[-1][0] + 1], [killed / 1024], marker="x", color="red", linestyle="none",
                label="OOM kill (anon-rss)")
    ax.set_xlabel("tick (10 ms)")
    ax.set_ylabel("RSS (MiB)")
    ax.set_title("oom_leak: 1 MiB leaked per tick")
    ax.legend()
    fig.tight_layout()
    fig.savefig(png, dpi=100, metadata={"Software": None})
    plt.close(fig)


def main(argv):
    if len(argv) != 3:
        print("usage: oom_leak_plot.py CONSOLE PNG", file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8", errors="replace") as f:
            ticks, killed = parse(f)
    except OSError as e:
        print(f"oom_leak_plot.py: cannot read {argv[1]}: {e.strerror}", file=sys.stderr)
        return 2
    if not ticks:
        print(f"oom_leak_plot.py: {argv[1]}: no 'oom_leak: tick N: leaker rss K KiB' line", file=sys.stderr)
        return 2
    for t, k in ticks:
        print(f"tick {t} rss {k}")
    if killed is not None:
        print(f"killed after tick {ticks[-1][0]} anon-rss {killed}")
    plot(ticks, killed, argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
