"""Print the project's performance and size figures: `python bench/run.py`.

Ratios are measured in one run on this machine, so machine noise cancels;
nothing here is asserted by the tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import (  # noqa: E402
    app_bench,
    browser_bench,
    budget_bench,
    csv_bench,
    engine_bench,
    ops_bench,
)


def main() -> None:
    print("== engine ==")
    engine_bench.run()
    print("== the training loop under the server's malloc settings (ui/ops.py) and glibc's ==")
    ops_bench.run()
    print("== reading CSV files: the largest of nasty shapes ==")
    csv_bench.run()
    print("== the work of a run: largest allowed runs, abandoned runs, neighbours, messages ==")
    budget_bench.run()
    print("== app (AppTest) ==")
    app_bench.run()
    print("== start-up, browser (Chromium) and server memory ==")
    browser_bench.run()
    print("== many students at once (load) ==")
    from bench import load_bench

    load_bench.run()


if __name__ == "__main__":
    main()
