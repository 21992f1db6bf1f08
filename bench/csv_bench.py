"""Reading the largest CSV files of nasty shapes: time and peak memory growth of each read.

`python bench/csv_bench.py` prints, for each shape of tests/csv_corpus/nasty.py
at the largest upload (20 MB), what the read ended with, how much it grew the
process (peak RSS, measured in a child process that does nothing else) against
the budget of DESIGN.md (8 × the file's bytes + 80 MB), and how long it took.
`--before DIR` also measures the ``logreg_core`` of another checkout (say a
``git worktree`` of an older commit), without the memory cap.  Nothing here
is asserted by the tests; tests/test_csv_bounds.py asserts the outcomes and
the memory bound.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.csv_corpus.nasty import SHAPES, UPLOAD_BYTES, bound, measure  # noqa: E402

#: The shapes `run` measures by default: the ones that once took a server down, and plain numbers.
MAIN_SHAPES = ("blank_lead", "wide_quoted_header", "cr_only", "numeric", "one_line", "emoji")


def _line(label: str, r: dict) -> str:
    return (
        f"  {label:28s} {r['bytes'] / 1e6:5.1f} MB: {r['outcome']:18s} "
        f"peak +{r['growth'] / 1e6:7.1f} MB (budget {bound(r['bytes']) / 1e6:4.0f} MB), "
        f"{r['seconds']:6.2f} s"
    )


def run(print_fn=print, shapes=MAIN_SHAPES, before: str | None = None, size=UPLOAD_BYTES) -> dict:
    """Measure each shape (and, with ``before``, the same with that checkout's reader)."""
    print_fn(f"reading the largest CSV files ({size / 1e6:g} MB) of nasty shapes, one child each:")
    out = {}
    for name in shapes:
        out[name] = r = measure(name, size, timeout=600)
        print_fn(_line(name, r))
        if before:
            out[f"{name} (before)"] = b = measure(name, size, root=before, cap=0, timeout=900)
            print_fn(_line(f"{name} (before)", b))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="every shape, not just the main ones")
    parser.add_argument("--before", help="a checkout whose logreg_core to measure as well")
    parser.add_argument("--size", type=int, default=UPLOAD_BYTES, help="file size in bytes")
    args = parser.parse_args()
    run(shapes=tuple(SHAPES) if args.all else MAIN_SHAPES, before=args.before, size=args.size)


if __name__ == "__main__":
    main()
