#!/usr/bin/env python
"""A film's own work, this checkout against another revision, in paired runs.

Usage::

    python benchmarks/paired.py REV [--rounds N] [--corpus DIR]

This machine's speed drifts by a factor of two within an hour, so a time taken now
cannot be set beside one taken in another session. This script checks ``REV`` out into
a temporary git worktree and then, ``--rounds`` times, runs the same measurement on the
revision and on this checkout one right after the other, each in a fresh interpreter:
every film page of the corpus through ``kg.pipeline.process_page`` (classify, parse,
extract, resolve, map, validate with rudof), three passes after a warm-up, CPU time per
film (``time.process_time``), the best pass kept. It also times, per stage and in the
same processes, what the film's time is made of. It prints the medians over the rounds
and the ratio of this checkout to ``REV`` (under 1: faster), and the ratio of each
round's pair, so that the spread is visible. Standard library and kg only.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHILD = r"""
import glob, json, sys, time
sys.path.insert(0, sys.argv[1])
import kg
from kg.iri import Minter
from kg.wikitext import page_scope

pages = []
for path in sorted(glob.glob(sys.argv[2] + "/*")):
    if path.endswith((".xml", ".json", ".wiki")):
        try:
            pages.extend(kg.read_pages(path))
        except Exception:
            pass
films = [p for p in pages if kg.classify_page(p) is None]
clock = time.process_time
stages = dict.fromkeys(("parse", "extract", "map", "validate"), 0.0)
best = None
for n in range(4):
    start = clock()
    for page in films:
        t0 = clock()
        with page_scope():
            code = kg.parse_page(page)
            t1 = clock()
            extraction = kg.resolve_page(kg.extract_page(page, code, None))
        t2 = clock()
        graph = kg.build_graph(kg.link_page(extraction, None), Minter())
        t3 = clock()
        kg.validate_graph(graph)
        t4 = clock()
        if n:
            for name, seconds in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                stages[name] += seconds
    per_film = (clock() - start) / len(films)
    if n and (best is None or per_film < best):
        best = per_film
print(json.dumps({"films": len(films), "ms": best * 1000,
                  "stages": {k: v / 3 / len(films) * 1000 for k, v in stages.items()}}))
"""


def measure(checkout: Path, corpus: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(checkout), str(corpus)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("rev", help="the revision to compare against (a commit, tag or branch)")
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-paired-") as tmp:
        base = Path(tmp) / "base"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(base), args.rev], check=True)
        try:
            pairs = []
            for r in range(args.rounds):
                old, new = measure(base, args.corpus), measure(REPO, args.corpus)
                pairs.append((old, new))
                print(f"round {r + 1}: {args.rev} {old['ms']:.1f} ms, this checkout {new['ms']:.1f} ms a film "
                      f"({new['ms'] / old['ms']:.2f}x)", file=sys.stderr)
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(base)], check=False)
    films = pairs[0][1]["films"]
    old_ms = statistics.median(p[0]["ms"] for p in pairs)
    new_ms = statistics.median(p[1]["ms"] for p in pairs)
    ratios = [p[1]["ms"] / p[0]["ms"] for p in pairs]
    print(f"A film's own work (parse, extract, map, validate), {films} corpus films, best of 3 passes, "
          f"{args.rounds} paired rounds:\n")
    print(f"| | {args.rev} | this checkout | ratio |\n|---|---:|---:|---:|")
    print(f"| ms a film (median of rounds) | {old_ms:.1f} | {new_ms:.1f} | {new_ms / old_ms:.2f} |")
    for stage in pairs[0][0]["stages"]:
        o = statistics.median(p[0]["stages"][stage] for p in pairs)
        n = statistics.median(p[1]["stages"][stage] for p in pairs)
        print(f"| {stage} | {o:.1f} | {n:.1f} | {n / o:.2f} |")
    print(f"\nThe ratio of each round's pair: {', '.join(f'{r:.2f}' for r in ratios)}.")


if __name__ == "__main__":
    main()
