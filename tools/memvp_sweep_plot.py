#!/usr/bin/env python3
"""Plots and report.md of a `memvp sweep` output directory (docs/sweep.md, "Plots and report").

usage: memvp_sweep_plot.py DIR

From DIR/results.csv it draws, as PNG and SVG in DIR/plots/: TLB misses per thousand
instructions (one panel per TLB level and for walks) and IPC against the x axis (the first
varying numeric parameter, preferring one whose key names "entries"), one line per value of the
other varying parameters; and, when exactly two parameters vary and both are numeric, heat maps
of IPC and L2 TLB MPKI over them. DIR/report.md lists the plots and tables the points.
`memvp sweep` runs it at its end; without matplotlib it prints one notice and exits 0.
"""

import os
import sys

NOTICE = "memvp: sweep: python3 lacks matplotlib or numpy (Debian: python3-matplotlib python3-numpy); plots and report.md skipped"

TLB_PANELS = [("l1_itlb_mpki", "L1 ITLB"), ("l1_dtlb_mpki", "L1 DTLB"), ("l2_tlb_mpki", "L2 TLB"), ("walk_mpki", "page walks")]
HEATMAPS = [("ipc", "IPC"), ("l2_tlb_mpki", "L2 TLB MPKI")]
TABLE_METRICS = ["ipc", "l1_itlb_mpki", "l1_dtlb_mpki", "l2_tlb_mpki", "walk_mpki", "avg_translation_cycles",
                 "p99_translation_cycles"]


def is_numeric(column):
    return column.dtype.kind in "iuf"


def distinct(column):
    values = []
    for v in column.tolist():
        if v not in values:
            values.append(v)
    return values


def choose_x(table, varying):
    numeric = [k for k in varying if is_numeric(table[k])]
    for k in numeric:
        if "entries" in k:
            return k
    return numeric[0] if numeric else varying[0]


def series(table, others):
    """(label, row mask) per combination of the other varying parameters' values, in row order."""
    if not others:
        return [("", np.ones(len(table), dtype=bool))]
    groups = []
    for i in range(len(table)):
        combo = tuple(table[k][i] for k in others)
        if combo not in [g[0] for g in groups]:
            groups.append((combo, np.all([table[k] == v for k, v in zip(others, combo)], axis=0)))
    return [(", ".join(f"{k}={v}" for k, v in zip(others, combo)), mask) for combo, mask in groups]


def line_axes(ax, table, x, lines, metric):
    xs_numeric = is_numeric(table[x])
    for label, mask in lines:
        rows = table[mask]
        if xs_numeric:
            rows = rows[np.argsort(rows[x], kind="stable")]
        ys = rows[metric].astype(float)
        ax.plot(rows[x] if xs_numeric else rows[x].astype(str), ys, "o-", label=label or None)
    if xs_numeric:
        values = table[x].astype(float)
        if values.min() > 0 and values.max() / values.min() >= 16:
            ax.set_xscale("log", base=2)
        ticks = sorted(distinct(table[x]))
        if len(ticks) <= 12:  # the swept values themselves, not the scale's round numbers
            ax.set_xticks(ticks, [str(v) for v in ticks])
            ax.minorticks_off()
    ax.set_xlabel(x)
    ax.grid(True, alpha=0.3)


def save(fig, plots_dir, name, written):
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(plots_dir, f"{name}.{ext}"), dpi=120, metadata={"Date": None} if ext == "svg" else None)
    plt.close(fig)
    written.append(name)


def has_values(table, metric):
    return metric in table.dtype.names and is_numeric(table[metric]) and np.isfinite(table[metric].astype(float)).any()


def line_plots(table, x, others, plots_dir, written):
    lines = series(table, others)
    panels = [(m, t) for m, t in TLB_PANELS if has_values(table, m)]
    if panels:
        fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 3.6), squeeze=False)
        for ax, (metric, title) in zip(axes[0], panels):
            line_axes(ax, table, x, lines, metric)
            ax.set_title(title)
            ax.set_ylabel("misses per 1000 instructions")
        if others:
            axes[0][-1].legend(fontsize="small")
        fig.tight_layout()
        save(fig, plots_dir, "tlb_mpki", written)
    if has_values(table, "ipc"):
        fig, ax = plt.subplots(figsize=(5.5, 3.8))
        line_axes(ax, table, x, lines, "ipc")
        ax.set_ylabel("IPC")
        if others:
            ax.legend(fontsize="small")
        fig.tight_layout()
        save(fig, plots_dir, "ipc", written)


def heatmaps(table, x, y, plots_dir, written):
    xs = sorted(distinct(table[x]))
    ys = sorted(distinct(table[y]))
    for metric, title in HEATMAPS:
        if not has_values(table, metric):
            continue
        grid = np.full((len(ys), len(xs)), np.nan)
        for row in table:
            grid[ys.index(row[y]), xs.index(row[x])] = row[metric]
        fig, ax = plt.subplots(figsize=(1.2 * len(xs) + 2.5, 0.6 * len(ys) + 2))
        image = ax.imshow(np.ma.masked_invalid(grid), origin="lower", aspect="auto", cmap="viridis")
        ax.set_xticks(range(len(xs)), [str(v) for v in xs])
        ax.set_yticks(range(len(ys)), [str(v) for v in ys])
        ax.set_xlabel(x)
        ax.set_ylabel(y)
        for (j, i), v in np.ndenumerate(grid):
            if np.isfinite(v):
                dark = image.norm(v) < 0.6  # light text on viridis' dark end
                ax.text(i, j, f"{v:.3g}", ha="center", va="center", color="white" if dark else "black", fontsize="small")
        fig.colorbar(image, ax=ax, label=title)
        ax.set_title(title)
        fig.tight_layout()
        save(fig, plots_dir, f"heatmap_{metric}", written)


def cell(v):
    if isinstance(v, float):
        return "" if np.isnan(v) else f"{v:.6g}"
    return str(v).replace("|", "\\|")


def write_report(directory, table, params, written, notes):
    columns = ["point"] + params + ["exit_status"] + [m for m in TABLE_METRICS if m in table.dtype.names]
    failed = int(np.sum(table["exit_status"] != 0))
    lines = ["# memvp sweep report", "",
             f"{len(table)} points, {failed} failed; every column in [results.csv](results.csv) (docs/sweep.md).", ""]
    if written:
        lines += ["## Plots", ""]
        for name in written:
            lines += [f"### {name}", "", f"![{name}](plots/{name}.png) ([SVG](plots/{name}.svg))", ""]
    lines += [f"{n}" for n in notes] + ([""] if notes else [])
    lines += ["## Points", "", "| " + " | ".join(columns + ["message"]) + " |",
              "|" + " --- |" * (len(columns) + 1)]
    messages = table["message"] if "message" in table.dtype.names else [""] * len(table)
    for row, message in zip(table, messages):
        lines.append("| " + " | ".join([cell(row[c].item()) for c in columns] + [cell(message)]) + " |")
    with open(os.path.join(directory, "report.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


def main(directory):
    table = memvp_sweep.load(os.path.join(directory, "results.csv"))
    params = memvp_sweep.parameters(table)
    ok = memvp_sweep.succeeded(table) if is_numeric(table["exit_status"]) else table[:0]
    plots_dir = os.path.join(directory, "plots")
    os.makedirs(plots_dir, exist_ok=True)
    written, notes = [], []
    varying = [k for k in params if len(distinct(ok[k])) > 1]
    if not varying:
        notes.append("No parameter takes two values among the successful points: nothing to plot.")
    else:
        x = choose_x(ok, varying)
        others = [k for k in varying if k != x]
        line_plots(ok, x, others, plots_dir, written)
        if len(varying) == 2 and all(is_numeric(ok[k]) for k in varying):
            heatmaps(ok, x, others[0], plots_dir, written)
    write_report(directory, table, params, written, notes)
    print(f"memvp: sweep: {len(written)} plots in {plots_dir}; {os.path.join(directory, 'report.md')}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: memvp_sweep_plot.py DIR")
    try:
        import numpy as np
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print(NOTICE, file=sys.stderr)
        sys.exit(0)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import memvp_sweep
    try:
        main(sys.argv[1])
    except (OSError, memvp_sweep.SweepError) as e:
        sys.exit(f"memvp: sweep: plots: {e}")
