#!/usr/bin/env python
"""The classifier's effect: refusing a dump's non-film pages before parsing them.

Usage::

    python benchmarks/prefilter.py [--corpus DIR] [--repeat N]

For every page of each dump in ``DIR/dumps`` it times, in CPU seconds (``time.process_time``,
best of N passes so that a busy machine counts less):

- ``classify``: :func:`kg.classify.classify`, the regular-expression pre-filter kg runs;
- ``parse``: what refusing cost before the pre-filter: :func:`kg.wikitext.parse` of the whole
  page and the search of its tree for a film infobox.

and checks that both refuse the same pages. Pages the pre-filter lets through (films, and
pages that name a film infobox without being one) are parsed either way and not counted.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    from kg.classify import FILM_INFOBOXES, classify
    from kg.wikitext import find_templates, parse
    from kg.sources import iter_pages

    print("| dump | pages | refused by the pre-filter (of them parsed before) | classify (CPU ms, all pages) | parse + infobox search (CPU ms, refused pages) | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for dump in sorted((args.corpus / "dumps").glob("*.xml*")):
        pages = list(iter_pages(str(dump)))
        refused = [p for p in pages if classify(p) is not None]
        # before the pre-filter every namespace-0 page that is no redirect was parsed whole
        parsed_before = [p for p in refused if p.ns == 0 and not p.redirect and p.text.strip()]
        for p in parsed_before:  # the pre-filter only refuses what parsing refuses too
            assert not find_templates(parse(p.text), FILM_INFOBOXES, recursive=True), p.title
        t_classify = best(lambda: [classify(p) for p in pages], args.repeat)
        t_parse = best(lambda: [find_templates(parse(p.text), FILM_INFOBOXES, recursive=True) for p in parsed_before], args.repeat)
        ratio = t_parse / t_classify if t_classify else float("inf")
        print(
            f"| {dump.name} | {len(pages)} | {len(refused)} ({len(parsed_before)}) "
            f"| {t_classify * 1000:.1f} | {t_parse * 1000:.1f} | {ratio:,.0f}× |"
        )


if __name__ == "__main__":
    main()
