#!/usr/bin/env python
"""Linking with Wikidata: requests per 1,000 titles against the API, and the link rate
from a dump index.

Usage::

    python benchmarks/link.py [--films N] [--people N] [--repeat N]

A synthetic wiki is served on loopback by the test suite's API server (tests/wikiapi.py,
the real MediaWiki and Wikidata response formats): ``--people`` person pages (about 5% of
the titles films link are redirects, 2% missing pages, 2% pages without an item) and
``--films`` film articles that each link a director and 20 cast members drawn from them.
The films are exported with ``--link api`` and a fresh cache, so that every title is
asked once: reported are the link requests (``wbgetentities`` and ``pageprops``) per
1,000 distinct titles the films link. Then the same items are written as a Wikidata JSON
dump, indexed with ``kg link index``, and the films' titles are linked from the index by
:class:`kg.link.wikidata.WikidataLinker`: titles per second (median of ``--repeat``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.wikiapi import WikiAPI, _film_article, item  # noqa: E402


def synthetic_wiki(films: int, people: int, seed: int = 7) -> tuple[dict, dict, list[str]]:
    rng = random.Random(seed)
    pages, items = {}, {}
    names = [f"Person {i:05d}" for i in range(people)]
    for i, name in enumerate(names):
        kind = rng.random()
        pageid = 100000 + i
        if kind < 0.02:
            continue  # a missing page
        if kind < 0.07:
            pages[name] = {"pageid": pageid, "ns": 0, "revid": 1, "timestamp": "2024-01-01T00:00:00Z", "redirect": f"Target {i:05d}"}
            target = f"Target {i:05d}"
            pages[target] = {"pageid": 500000 + i, "ns": 0, "revid": 1, "timestamp": "2024-01-01T00:00:00Z", "wikitext": "x",
                             "wikibase_item": f"Q{800000 + i}"}
            items[f"Q{800000 + i}"] = item(f"Q{800000 + i}", target, P31="Q5")
            continue
        pages[name] = {"pageid": pageid, "ns": 0, "revid": 1, "timestamp": "2024-01-01T00:00:00Z", "wikitext": "x"}
        if kind < 0.09:
            continue  # a page without an item
        pages[name]["wikibase_item"] = f"Q{700000 + i}"
        items[f"Q{700000 + i}"] = item(f"Q{700000 + i}", name, P31="Q5", P345=f"nm{1000000 + i}")
    titles = []
    for f in range(films):
        title = f"Film {f:04d}"
        cast = rng.sample(names, 20)
        director = rng.choice(names)
        pages[title] = {"pageid": 900000 + f, "ns": 0, "revid": 2000000 + f, "timestamp": "2024-01-01T00:00:00Z",
                        "wikitext": _film_article(title, director, cast, "1995-10-27", 100, ["1995 films"], f"tt{3000000 + f}"),
                        "wikibase_item": f"Q{600000 + f}"}
        items[f"Q{600000 + f}"] = item(f"Q{600000 + f}", title, P31="Q11424", P345=f"tt{3000000 + f}")
        titles.append(title)
    return pages, items, titles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--films", type=int, default=200)
    ap.add_argument("--people", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from kg.link import titles_of
    from kg.link.wikidata import IndexSource, WikidataLinker
    from kg.pipeline import Options, begin_page
    from kg.sources.fetch import Fetcher
    from kg.sources.mwapi import Client

    pages, items, films = synthetic_wiki(args.films, args.people)
    with tempfile.TemporaryDirectory(prefix="kg-bench-link-") as tmp, WikiAPI(pages, items) as server:
        work = Path(tmp)
        run = subprocess.run([sys.executable, "-m", "kg.cli", "export", "--fetch", *films, "--link", "api", "--wikipedia-api", server.url,
                              "--wikidata-api", server.wikidata_url, "--cache", str(work / "cache.sqlite"), "-o", str(work / "out"), "--no-store",
                              "--no-validate", "-q"], capture_output=True, text=True)
        if run.returncode != 0:
            raise SystemExit(run.stderr[-1000:])
        link_requests = [p for _, p, _ in server.requests if p.get("action") == "wbgetentities" or p.get("prop") == "pageprops"]
        fetch_requests = [p for _, p, _ in server.requests if p.get("prop") == "revisions"]
        fetcher = Fetcher(Client(server.url), films)
        extractions = [begin_page(next(fetcher.pages(t)), Options()).extraction for t in films]
        distinct = sorted({t for x in extractions for t in titles_of(x)})
        # the same items as a dump, indexed
        dump = work / "wikidata-20241104-all.json.gz"
        with gzip.open(dump, "wt", encoding="utf-8") as fh:
            fh.write("[\n" + ",\n".join(json.dumps(e, separators=(",", ":")) for e in items.values() if e.get("type") == "item") + "\n]\n")
        index = work / "wikidata.index"
        subprocess.run([sys.executable, "-m", "kg.cli", "link", "index", str(dump), "-o", str(index), "-q"], check=True, capture_output=True)
        rates = []
        for _ in range(args.repeat):
            linker = WikidataLinker(IndexSource(index))
            start = time.perf_counter()
            linker.prepare([t for x in extractions for t in titles_of(x)])
            for x in extractions:
                linker.link(x)
            rates.append(len(distinct) / (time.perf_counter() - start))
            linker.close()
    per_thousand = len(link_requests) * 1000 / len(distinct)
    print(f"| measure | value |\n|---|---:|")
    print(f"| films exported with --link api | {len(films)} |")
    print(f"| distinct titles linked | {len(distinct):,} |")
    print(f"| link requests (wbgetentities + pageprops) | {len(link_requests)} |")
    print(f"| **link requests per 1,000 titles** | **{per_thousand:.1f}** |")
    by_title = sum(1 for p in link_requests if p.get("action") == "wbgetentities" and "titles" in p)
    by_id = sum(1 for p in link_requests if p.get("action") == "wbgetentities" and "ids" in p)
    pageprops = sum(1 for p in link_requests if p.get("prop") == "pageprops")
    print(f"| of them: items by title / pageprops for the rest / items of redirect targets | {by_title} / {pageprops} / {by_id} |")
    print(f"| the floor at 50 titles a request | {1000 / 50:.0f} |")
    print(f"| article requests (prop=revisions, 50 titles each) | {len(fetch_requests)} |")
    print(f"| link rate from the index, titles/s (median of {args.repeat}) | {statistics.median(rates):,.0f} |")


if __name__ == "__main__":
    main()
