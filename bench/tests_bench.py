"""The README's test command, timed: ``python bench/tests_bench.py``.

Runs ``bash scripts/run-tests.sh`` (it installs requirements-dev.txt, then
runs every test, spread over pytest-xdist workers) as a newcomer does, and
prints its wall time, pytest's own summary (passed, failed, skipped, its
seconds), the machine's cores and its load average before and after: the
figure of the README comes from here.  Arguments after ``--`` go to pytest
(``python bench/tests_bench.py -- -n 2`` tries two workers); ``--output
FILE`` keeps the command's whole output.  ``CI`` is taken out of the
environment unless ``--ci`` is given, as on a newcomer's machine.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The most the test command may take on the 2-core machine, in seconds.
BUDGET_S = 300.0
#: pytest's closing line: "1,312 passed, 2 skipped in 241.07s (0:04:01)".
_SUMMARY = re.compile(r"^=*\s*((?:\d+ \w+(?:, )?)+) in ([\d.]+)s", re.MULTILINE)


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _workers(env: dict, args: list[str]) -> str:
    """The xdist workers of the run: a -n among the arguments, PYTEST_WORKERS, the default."""
    for i, arg in enumerate(args):
        if arg == "-n" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("-n") and len(arg) > 2:
            return arg[2:]
    if env.get("PYTEST_WORKERS"):
        return env["PYTEST_WORKERS"]
    script = (ROOT / "scripts" / "run-tests.sh").read_text(encoding="utf-8")
    found = re.search(r"PYTEST_WORKERS:-(\w+)", script)
    return found.group(1) if found else "?"


def summary(output: str) -> tuple[dict[str, int], float] | None:
    """pytest's counts ({"passed": 1312, ...}) and its seconds, from its last summary line."""
    found = _SUMMARY.findall(output)
    if not found:
        return None
    counts_text, seconds = found[-1]
    counts = {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", counts_text)}
    return counts, float(seconds)


def run(
    pytest_args: list[str] | None = None,
    *,
    ci: bool = False,
    output: Path | None = None,
    print_fn=print,
) -> dict:
    """Run the test command once; print and return its wall time and pytest's summary.

    ``output``, when given, receives the command's whole output.
    """
    env = dict(os.environ)
    if not ci:
        env.pop("CI", None)
    args = ["-q", "-p", "no:cacheprovider", *(pytest_args or [])]
    print_fn(
        f"bash scripts/run-tests.sh {' '.join(args)}  ({os.cpu_count()} cores, "
        f"CI={'set' if 'CI' in env else 'unset'}, load average before {_load()})"
    )
    start = time.perf_counter()
    proc = subprocess.run(
        ["bash", "scripts/run-tests.sh", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    if output is not None:
        Path(output).write_text(proc.stdout, encoding="utf-8")
    found = summary(proc.stdout)
    counts, pytest_s = found if found else ({}, float("nan"))
    workers = _workers(env, args)
    said = ", ".join(f"{n:,} {word}" for word, n in counts.items()) or "no summary line"
    print_fn(
        f"test command: {said}; {wall:.0f} s wall ({wall / 60:.1f} min, budget "
        f"{BUDGET_S / 60:.0f} min), pytest's own {pytest_s:.0f} s"
        + f", {workers} workers"
        + f"; exit code {proc.returncode}; load average after {_load()}"
    )
    if proc.returncode != 0:
        tail = [line for line in proc.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
        for line in tail[:40]:
            print_fn("  " + line)
    return {"wall_s": wall, "pytest_s": pytest_s, "counts": counts, "code": proc.returncode}


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    ours, theirs = (
        (argv[: argv.index("--")], argv[argv.index("--") + 1 :])
        if "--" in argv
        else (
            argv,
            [],
        )
    )
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ci", action="store_true", help="keep CI from the environment")
    parser.add_argument("--output", type=Path, help="write the command's whole output here")
    args = parser.parse_args(ours)
    result = run(theirs, ci=args.ci, output=args.output)
    sys.exit(0 if result["code"] == 0 else 1)


if __name__ == "__main__":
    main()
