#!/usr/bin/env python
"""What merging several sources of one page costs, against exporting the same sources unmerged.

Usage::

    python benchmarks/merge.py [--rounds N] [--corpus DIR]

The inputs are every article of the corpus that has a plain-text extract beside it
(``X.xml`` or ``X.wiki`` with ``X.txt``) and the bundled examples: each pair is run
through ``kg.pipeline.run`` (classify … validate, nothing written) with merging on and,
right after, off (``Options(merge=False)``: each source exported alone), ``--rounds``
times; it prints the medians, their ratio (merged / unmerged) and the cost per merged
page. The two runs of a round are taken one right after the other, so that this
machine's drift cancels in the ratio. Standard library and kg only.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kg.pipeline import Options, run

REPO = Path(__file__).resolve().parent.parent


def pairs(corpus: Path) -> list[str]:
    inputs: list[str] = []
    for text in sorted(corpus.glob("*.txt")):
        article = next((p for p in (text.with_suffix(".xml"), text.with_suffix(".wiki")) if p.exists()), None)
        if article is not None:
            inputs += [str(article), str(text)]
    examples = REPO / "examples"
    return inputs + [str(examples / "leaving-las-vegas.api.json"), str(examples / "Leaving_Las_Vegas.extract.txt")]


def once(inputs: list[str], merge: bool) -> tuple[float, int]:
    start = time.perf_counter()
    merged = sum(1 for r in run(inputs, Options(merge=merge)) if r.merged is not None)
    return time.perf_counter() - start, merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args()
    inputs = pairs(args.corpus) if args.corpus.is_dir() else pairs(Path("/nonexistent"))
    once(inputs, True), once(inputs, False)  # warm-up: imports, shapes, caches
    merged, alone, pages = [], [], 0
    for _ in range(args.rounds):
        seconds, pages = once(inputs, True)
        merged.append(seconds)
        alone.append(once(inputs, False)[0])
    m, a = statistics.median(merged), statistics.median(alone)
    print(f"{pages} pages of {len(inputs)} sources: unmerged {a:.3f} s, merged {m:.3f} s (median of {args.rounds}); "
          f"ratio {m / a:.3f}; {(m - a) / pages * 1000:.1f} ms per merged page")


if __name__ == "__main__":
    main()
