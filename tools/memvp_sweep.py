"""Load the results.csv of `memvp sweep` (docs/sweep.md) into a numpy structured array.

    import memvp_sweep
    r = memvp_sweep.load("sweep/results.csv")
    ok = r[r["exit_status"] == 0]
    for key in memvp_sweep.parameters(r):
        print(key, np.unique(ok[key]))
    plt.plot(ok["mmu.l2_tlb[0].entries"], ok["l2_tlb_mpki"], "o-")

One record per point, in the CSV's row order, one field per column under the column's name.
A column is int64 when every cell is an integer, float64 when every non-empty cell is a number
(empty cells, a metric that does not apply or a point without results, are NaN), else a
string (empty cells are ""); end_reason and message are always strings. Parameter values such
as "lru" or "true" stay strings.
"""

import csv

import numpy as np

FIRST_COLUMN = "point"
STATUS_COLUMN = "exit_status"
STRING_COLUMNS = ("end_reason", "message")  # text even when every cell is empty


class SweepError(Exception):
    """A file that is not a sweep's results.csv; the message names it."""


def _is_int(text):
    try:
        int(text)
        return True
    except ValueError:
        return False


def _is_float(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def _column(name, cells):
    present = [c for c in cells if c != ""]
    if name in STRING_COLUMNS:
        pass
    elif present and len(present) == len(cells) and all(_is_int(c) for c in cells):
        return np.array([int(c) for c in cells], dtype=np.int64)
    elif all(_is_float(c) for c in present):
        return np.array([float(c) if c != "" else np.nan for c in cells], dtype=np.float64)
    width = max([len(c) for c in cells] + [1])
    return np.array(cells, dtype=f"U{width}")


def load(path):
    """The rows of results.csv at `path` as a structured array (see the module's doc)."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0][:1] != [FIRST_COLUMN] or STATUS_COLUMN not in rows[0]:
        raise SweepError(f"{path}: not the results.csv of memvp sweep (no point and exit_status columns)")
    header, body = rows[0], rows[1:]
    for n, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise SweepError(f"{path}:{n}: {len(row)} fields, the header has {len(header)}")
    columns = [_column(name, [row[i] for row in body]) for i, name in enumerate(header)]
    dtype = np.dtype([(name, col.dtype) for name, col in zip(header, columns)])
    table = np.empty(len(body), dtype=dtype)
    for name, col in zip(header, columns):
        table[name] = col
    return table


def parameters(table):
    """The point's parameter columns (the --grid keys and --grid-file keys), in CSV order."""
    names = table.dtype.names
    return list(names[names.index(FIRST_COLUMN) + 1:names.index(STATUS_COLUMN)])


def succeeded(table):
    """The points whose run exited with status 0."""
    status = table[STATUS_COLUMN]
    return table[status == 0]
