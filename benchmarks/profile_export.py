#!/usr/bin/env python
"""Profile a cold ``kg export`` of the bundled example with cProfile.

Usage::

    python benchmarks/profile_export.py [--repeat N] [--top K] [--all] [--save FILE.prof]

Each repeat runs in a fresh interpreter (so imports are included, as in a real CLI
run): the child enables cProfile, imports ``kg.cli`` and calls
``cli(["export", "-o", TMP])``. The parent prints the top K functions by
cumulative time, as the median over the repeats. Pure dispatch frames (click's
command plumbing, ``importlib._bootstrap``, ``exec``/``__import__``) are hidden
unless ``--all`` is given, so that the list names code that does the work (a
module's import shows as its ``<module>`` frame). Stdlib + kg only.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HIDE = ("/click/", "<frozen importlib", "built-in method builtins.exec",
        "built-in method builtins.__import__", "method 'enable'", "profile_export.py")


def child(prof_path: str, out_dir: str) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        from kg.cli import cli

        cli(["export", "-q", "-o", out_dir])
    except SystemExit as exc:
        code = exc.code
    else:  # pragma: no cover - click always exits
        code = 0
    finally:
        profiler.disable()
        profiler.dump_stats(prof_path)
    if code not in (0, 1, None):
        raise SystemExit(f"kg export exited {code}")


def label(key: tuple[str, int, str]) -> str:
    file, line, name = key
    if file == "~":
        return name
    for marker in ("/site-packages/", "/lib/python3."):
        if marker in file:
            file = file.split(marker, 1)[1]
            if marker.startswith("/lib/python3."):
                file = file.split("/", 1)[1] if "/" in file else file
            break
    else:
        repo = str(Path(__file__).resolve().parent.parent) + "/"
        file = file.removeprefix(repo)
    return f"{file}:{line}({name})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="cold profiled runs (default 3)")
    parser.add_argument("--top", type=int, default=15, help="how many functions to list (default 15)")
    parser.add_argument("--all", action="store_true", help="also list dispatch frames (click, importlib)")
    parser.add_argument("--save", type=Path, default=None, help="keep the last run's .prof here")
    parser.add_argument("--_child", nargs=2, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._child:
        child(*args._child)
        return 0

    cum: dict[tuple, list[float]] = {}
    tot: dict[tuple, list[float]] = {}
    calls: dict[tuple, int] = {}
    totals: list[float] = []
    with tempfile.TemporaryDirectory(prefix="kg-prof-") as tmp:
        for n in range(args.repeat):
            prof = Path(tmp) / f"run{n}.prof"
            subprocess.run([sys.executable, str(Path(__file__).resolve()), "--_child", str(prof), str(Path(tmp) / f"out{n}")],
                           check=True)
            st = pstats.Stats(str(prof))
            totals.append(st.total_tt)
            for key, (cc, nc, tt, ct, _callers) in st.stats.items():  # type: ignore[attr-defined]
                cum.setdefault(key, []).append(ct)
                tot.setdefault(key, []).append(tt)
                calls[key] = nc
            if args.save:
                args.save.write_bytes(prof.read_bytes())
    total = statistics.median(totals)
    rows = []
    for key, values in cum.items():
        values = values + [0.0] * (args.repeat - len(values))
        name = label(key)
        if not args.all and any(h in name or h in key[0] for h in HIDE):
            continue
        rows.append((statistics.median(values), statistics.median(tot[key] + [0.0] * (args.repeat - len(tot[key]))),
                     calls[key], name))
    rows.sort(reverse=True)
    print(f"cold `kg export` of the example under cProfile: median total {total * 1000:.0f} ms over "
          f"{args.repeat} runs (profiling inflates times ~1.5-2x)")
    print()
    print("| # | cumulative ms | % | own ms | calls | function |")
    print("|---:|---:|---:|---:|---:|---|")
    for i, (ct, tt, nc, name) in enumerate(rows[: args.top], 1):
        print(f"| {i} | {ct * 1000:.0f} | {100 * ct / total:.0f} | {tt * 1000:.1f} | {nc} | `{name}` |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
