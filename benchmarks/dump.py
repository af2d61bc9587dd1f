#!/usr/bin/env python
"""A whole multistream dump on every core and on a Dask LocalCluster.

Usage::

    python benchmarks/dump.py [--pages N] [--big N] [--no-validate]

Builds a synthetic multistream dump with its index from the corpus pages
(``benchmarks/make_multistream.py``: films and other pages mixed about 1 to 50, as in the
English dump, distinct titles and ids), then runs ``kg export DUMP --index INDEX`` with
``-j 1``, ``-j 2`` and ``--dask local -j 2`` (the real CLI, into fresh folders, no store)
and reports pages/s scanned, films/s in all and per core, the scaling from 1 to 2
workers, the LocalCluster's overhead against plain processes, the peak resident memory
of a worker for ``--pages`` and for ``--big`` pages (flat memory: the two should match),
and the time the English film set (142,000 films in about 7 million pages) would take
at the measured rates.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from make_multistream import build  # noqa: E402

ENGLISH_FILMS = 142_000
ENGLISH_PAGES = 7_000_000


def export(dump: Path, index: Path, out: Path, args: list[str]) -> tuple[float, dict]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kg.cli", "export", str(dump), "--index", str(index), "-o", str(out), "--no-store", "-q", *args],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"kg export {' '.join(args)} failed ({done.returncode}): {done.stderr[-800:]}")
    records = [json.loads(p.read_text()) for p in sorted((out / "records").glob("*.json"))]
    return seconds, {
        "pages": sum(r["pages"] for r in records),
        "films": sum(r["films"] for r in records),
        "peak_rss_mib": max(r["peak_rss_kib"] for r in records) / 1024,
        "task_seconds": sum(r["seconds"] for r in records),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--big", type=int, default=40_000, help="pages of the second dump, for the memory comparison (0: skip)")
    ap.add_argument("--no-validate", action="store_true", help="export without SHACL validation")
    args = ap.parse_args()
    extra = ["--no-validate"] if args.no_validate else []
    with tempfile.TemporaryDirectory(prefix="kg-bench-dump-") as tmp:
        work = Path(tmp)
        dump, index = build(work / "small", pages=args.pages)
        runs = {}
        for name, flags in (("-j 1", ["-j", "1"]), ("-j 2", ["-j", "2"]), ("--dask local -j 2", ["--dask", "local", "-j", "2"])):
            seconds, stats = export(dump, index, work / name.replace(" ", "_"), flags + extra)
            runs[name] = (seconds, stats)
            print(f"{name}: {seconds:.1f} s", file=sys.stderr)
        big = None
        if args.big:
            bdump, bindex = build(work / "big", pages=args.big)
            big = export(bdump, bindex, work / "big-out", ["-j", "2", *extra])
    one, two, dask = runs["-j 1"], runs["-j 2"], runs["--dask local -j 2"]
    pages, films = one[1]["pages"], one[1]["films"]
    print(f"Synthetic multistream dump: {pages:,} pages, {films:,} films{' (not validated)' if extra else ' (validated)'}\n")
    print("| run | wall s | pages/s | films/s | films/s per core | peak RSS of a worker (MiB) |\n|---|---:|---:|---:|---:|---:|")
    for name, (seconds, stats) in runs.items():
        cores = 1 if name == "-j 1" else 2
        print(f"| {name} | {seconds:.1f} | {pages / seconds:,.0f} | {films / seconds:.1f} | {films / seconds / cores:.1f} | {stats['peak_rss_mib']:.0f} |")
    print(f"\nScaling from 1 to 2 workers: {one[0] / two[0]:.2f}x. Dask LocalCluster against plain processes: {dask[0] / two[0]:.2f}x the time.")
    if big is not None:
        print(f"Peak RSS of a worker: {one[1]['peak_rss_mib']:.0f} MiB for {pages:,} pages (-j 1), {two[1]['peak_rss_mib']:.0f} MiB (-j 2), "
              f"{big[1]['peak_rss_mib']:.0f} MiB for {big[1]['pages']:,} pages (-j 2).")
    per_page = two[0] / pages
    per_film = (two[1]["task_seconds"] / 2) / max(films, 1)
    print(f"\nThe English film set ({ENGLISH_FILMS:,} films in about {ENGLISH_PAGES:,} pages) on these 2 cores, at this dump's page rate: "
          f"{per_page * ENGLISH_PAGES / 3600:.1f} h; at its film rate ({films / two[0]:.1f} films/s): {ENGLISH_FILMS / (films / two[0]) / 3600:.1f} h. "
          f"(This dump has 1 film in {pages / max(films, 1):.0f} pages, as the English one about 1 in {ENGLISH_PAGES / ENGLISH_FILMS:.0f}.)")


if __name__ == "__main__":
    main()
