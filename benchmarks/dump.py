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
#: the size of English Wikipedia's pages-articles-multistream dump (about 22 GB)
ENGLISH_BZ2_BYTES = 22e9


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
        "timings": {k: sum(r.get("timings", {}).get(k, 0) for r in records)
                    for k in ("decompress", "xml", "scan", "films", "write", "bz2_bytes", "xml_bytes")},
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
        machine = reference(dump, index)
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
    print(f"\nThe English film set ({ENGLISH_FILMS:,} films in about {ENGLISH_PAGES:,} pages) on these 2 cores, at this dump's page rate: "
          f"{per_page * ENGLISH_PAGES / 3600:.1f} h; at its film rate ({films / two[0]:.1f} films/s): {ENGLISH_FILMS / (films / two[0]) / 3600:.1f} h. "
          f"(This dump has 1 film in {pages / max(films, 1):.0f} pages, as the English one about 1 in {ENGLISH_PAGES / ENGLISH_FILMS:.0f}.)")
    where(one[1], films, pages, two[0] and one[0] / two[0])
    bare, rate, count = machine
    t = one[1]["timings"]
    film = (t["films"] + t["write"]) / max(films, 1)
    print(f"\nReference, measured beside the runs: a bare mwparserfromhell.parse of a film page {bare * 1e3:.1f} ms "
          f"({count} pages); Python's bz2 {rate / 1e6:.1f} MB of bz2 per s. kg's work per film is "
          f"{film / bare:.1f}x the bare parse; kg's decompression ran at "
          f"{(t['bz2_bytes'] / max(t['decompress'], 1e-9)) / rate:.2f}x bz2's rate.")


def reference(dump: Path, index: Path) -> tuple[float, float, int]:
    """This machine's speed beside the runs (it varies by a third from hour to hour): the
    seconds of a bare ``mwparserfromhell.parse`` of one of the dump's film pages, Python's
    ``bz2.decompress`` rate in bz2 bytes per second, and how many film pages."""
    import bz2

    import mwparserfromhell

    sys.path.insert(0, str(REPO))
    import kg
    from kg.sources.multistream import read_index, read_stream

    streams = [s for s in read_index(index, dump.stat().st_size) if s.pages]
    texts, squeezed, seconds = [], 0, 0.0
    with open(dump, "rb") as fh:
        for stream in streams[:: max(1, len(streams) // 20)]:  # 20 streams from all over the dump
            fh.seek(stream.offset)
            raw = fh.read(stream.length)
            start = time.perf_counter()
            bz2.decompress(raw)
            seconds += time.perf_counter() - start
            squeezed += len(raw)
    for stream in streams:
        texts += [p.text for p in read_stream(dump, stream) if kg.classify_page(p) is None]
    start = time.perf_counter()
    for text in texts:
        mwparserfromhell.parse(text)
    bare = (time.perf_counter() - start) / max(len(texts), 1)
    return bare, squeezed / seconds, len(texts)


def where(stats: dict, films: int, pages: int, scaling: float) -> None:
    """Where a worker's time goes (from the -j 1 run's records), and the English film set
    extrapolated part by part: the dump's bytes at the measured decompression and XML
    rates, its other pages at the measured cost of refusing one, its films at the
    measured cost of one film. This dump's pages are whole corpus articles, on average
    longer than the English dump's, so its page rate alone would overstate the time."""
    t = stats["timings"]
    others = pages - films
    film_s = (t["films"] + t["write"]) / max(films, 1)
    rows = [
        ("decompress (bz2)", t["decompress"], f"{t['bz2_bytes'] / 1e6 / max(t['decompress'], 1e-9):.1f} MB of bz2 per s"),
        ("XML (pages out of streams)", t["xml"], f"{t['xml_bytes'] / 1e6 / max(t['xml'], 1e-9):.0f} MB of XML per s"),
        ("refusing the other pages", t["scan"], f"{t['scan'] / max(others, 1) * 1e3:.2f} ms per page"),
        ("films: parse … validate", t["films"], f"{t['films'] / max(films, 1) * 1e3:.1f} ms per film"),
        ("films: N-Quads + gzip", t["write"], f"{t['write'] / max(films, 1) * 1e3:.1f} ms per film"),
    ]
    total = sum(r[1] for r in rows)
    print("\nWhere a worker's time goes (-j 1):\n\n| part | CPU s | share | rate |\n|---|---:|---:|---|")
    for name, seconds, rate in rows:
        print(f"| {name} | {seconds:.1f} | {seconds / max(total, 1e-9):.0%} | {rate} |")
    print(f"\nFilms per second per core: {films / max(stats['task_seconds'], 1e-9):.1f} end to end on this dump; "
          f"{1 / max(film_s, 1e-9):.1f} counting only the films' own work (parse, extract, map, validate, write).")
    ratio = t["xml_bytes"] / max(t["bz2_bytes"], 1)
    english = {
        "decompress": ENGLISH_BZ2_BYTES * t["decompress"] / max(t["bz2_bytes"], 1),
        "xml": ENGLISH_BZ2_BYTES * ratio * t["xml"] / max(t["xml_bytes"], 1),
        "other pages": (ENGLISH_PAGES - ENGLISH_FILMS) * t["scan"] / max(others, 1),
        "films": ENGLISH_FILMS * film_s,
    }
    cpu = sum(english.values())
    parts = ", ".join(f"{k} {v / 3600:.2f} h" for k, v in english.items())
    print(f"\nThe English film set, part by part ({ENGLISH_BZ2_BYTES / 1e9:.0f} GB of bz2, XML {ratio:.1f}x that as in this dump, "
          f"{ENGLISH_PAGES - ENGLISH_FILMS:,} other pages, {ENGLISH_FILMS:,} films): {cpu / 3600:.2f} CPU hours ({parts}); "
          f"on 2 cores {cpu / 2 / 3600:.2f} h with perfect scaling, {cpu / max(scaling, 1e-9) / 3600:.2f} h at the measured "
          f"{scaling:.2f}x.")

if __name__ == "__main__":
    main()
