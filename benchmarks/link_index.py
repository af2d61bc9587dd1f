#!/usr/bin/env python
"""Building and querying the Wikidata dump index (:mod:`kg.link.index`) on a synthetic dump.

Usage::

    python benchmarks/link_index.py [--lines N] [--repeat N] [--lookups N] [--seed N]

It writes, into a temporary folder (removed at the end; nothing goes into the checkout),
a gzip dump of ``--lines`` entity lines (default 100,000) in the exact syntax of
Wikidata's ``latest-all.json.gz``: ``[``, one entity a line followed by ``,`` (the last
without), ``]``. One line in four has an English Wikipedia sitelink: the City Streets
entity of the shared corpus (``../shared/corpus/wikidata``), about 30 KB of JSON, with
its id, titles and labels changed; the others are the same entity without its
``enwiki`` sitelink and cut to a few labels and statements (about 5 KB), like the many
small items (scholarly articles, stars, genes) that have no English article. Without
the corpus, a hand-made film entity stands in for City Streets.

Then, each ``--repeat`` times (median reported): ``build_index`` of the dump; the same
without the ``"enwiki"`` pre-check (every line parsed); and ``Index.lookup`` of
``--lookups`` random titles (nine in ten indexed) in batches of 50, as a linker asks.
It prints a markdown table and an extrapolation to the whole Wikidata dump.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CITY_STREETS = REPO.parent / "shared" / "corpus" / "wikidata" / "Q2262932_City_Streets.json"

#: Assumptions for the extrapolation (Wikidata's dumps in 2025-2026, rounded).
WIKIDATA_ENTITIES = 115_000_000
WIKIDATA_GZ_BYTES = 140e9
ENWIKI_ITEMS = 7_000_000

LOOKUP_BATCH = 50


def hand_made_entity() -> dict:
    """A film item of about 5 KB, for when the corpus is absent."""

    def claim(prop: str, qid: str) -> dict:
        return {
            "mainsnak": {"snaktype": "value", "property": prop, "datatype": "wikibase-item",
                         "datavalue": {"value": {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid},
                                       "type": "wikibase-entityid"}},
            "type": "statement", "id": f"Q2262932${prop}-{qid}", "rank": "normal",
        }

    languages = ["en", "de", "fr", "it", "nl", "es", "pt", "ru", "ja", "zh", "fi", "ca"]
    return {
        "type": "item", "id": "Q2262932", "modified": "2018-06-09T05:28:44Z",
        "labels": {lang: {"language": lang, "value": "City Streets"} for lang in languages},
        "descriptions": {lang: {"language": lang, "value": "1931 film by Rouben Mamoulian"} for lang in languages},
        "aliases": {},
        "claims": {
            "P31": [claim("P31", "Q11424")],
            "P57": [claim("P57", "Q51472")],
            "P161": [claim("P161", q) for q in ("Q93957", "Q231595", "Q182057", "Q554094", "Q3968233", "Q862090")],
            "P345": [{"mainsnak": {"snaktype": "value", "property": "P345", "datatype": "external-id",
                                   "datavalue": {"value": "tt0021750", "type": "string"}}, "type": "statement", "rank": "normal"}],
        },
        "sitelinks": {f"{lang}wiki": {"site": f"{lang}wiki", "title": "City Streets (1931 film)", "badges": []}
                      for lang in languages},
    }


def templates() -> tuple[list[str], list[str], str]:
    """The two line templates (with and without an English article), as pieces to join
    around an item number, and where the entity came from."""
    if CITY_STREETS.is_file():
        entity = json.loads(CITY_STREETS.read_text(encoding="utf-8"))
        origin = f"the corpus's City Streets entity ({CITY_STREETS.name})"
    else:
        entity = hand_made_entity()
        origin = "a hand-made film entity (corpus not found)"
    for key in ("pageid", "ns", "title", "lastrevid"):
        entity.pop(key, None)
    entity["id"] = "@ID@"
    entity["sitelinks"]["enwiki"]["title"] = "@TITLE@"
    entity["labels"]["en"] = {"language": "en", "value": "@TITLE@"}
    full = json.dumps(entity, separators=(",", ":"), ensure_ascii=False)

    small = dict(entity)
    small["sitelinks"] = {k: v for k, v in entity["sitelinks"].items() if k != "enwiki"}
    small["labels"] = dict(list(entity["labels"].items())[:4])
    small["descriptions"] = dict(list(entity.get("descriptions", {}).items())[:4])
    small["aliases"] = {}
    small["claims"] = dict(list(entity["claims"].items())[:4])
    short = json.dumps(small, separators=(",", ":"), ensure_ascii=False)
    assert '"enwiki"' not in short
    return split(full), split(short), origin


def split(template: str) -> list[str]:
    """``template`` cut at its ``@ID@`` and ``@TITLE@`` marks, keeping them as pieces."""
    pieces: list[str] = []
    rest = template
    while True:
        marks = [(rest.find(m), m) for m in ("@ID@", "@TITLE@") if m in rest]
        if not marks:
            pieces.append(rest)
            return pieces
        at, mark = min(marks)
        pieces += [rest[:at], mark]
        rest = rest[at + len(mark):]


def fill(pieces: list[str], qid: str, title: str) -> str:
    return "".join(qid if p == "@ID@" else title if p == "@TITLE@" else p for p in pieces)


def write_dump(path: Path, lines: int, seed: int) -> tuple[list[str], int, str]:
    """Write the synthetic gzip dump; the indexed titles, the uncompressed size, the template's origin."""
    full, short, origin = templates()
    rng = random.Random(seed)
    titles: list[str] = []
    size = 0
    with gzip.open(path, "wb", compresslevel=6) as out:
        out.write(b"[\n")
        size += 2
        for n in range(lines):
            qid = f"Q{1000 + n * 7 + rng.randrange(7)}"
            if n % 4 == 0:
                title = f"Synthetic film {rng.randrange(10**9):09d} ({1900 + n % 125} film)"
                line = fill(full, qid, title)
                titles.append(title)
            else:
                line = fill(short, qid, f"Item {n} {rng.randrange(10**9)}")
            data = (line + (",\n" if n < lines - 1 else "\n")).encode("utf-8")
            out.write(data)
            size += len(data)
        out.write(b"]\n")
        size += 2
    return titles, size, origin


def median_time(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lines", type=int, default=100_000, help="entity lines in the synthetic dump (default 100,000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each measure; the median is reported (default 3)")
    ap.add_argument("--lookups", type=int, default=10_000, help="titles looked up per run (default 10,000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed of the dump and the lookups")
    args = ap.parse_args()
    if args.lines < 1 or args.repeat < 1:
        ap.error("--lines and --repeat must be at least 1")

    sys.path.insert(0, str(REPO))
    from kg.link.index import Index, build_index

    with tempfile.TemporaryDirectory(prefix="kg-bench-index-") as tmp:
        folder = Path(tmp)
        dump = folder / "latest-all.json.gz"
        print(f"writing a synthetic dump of {args.lines:,} entity lines …", file=sys.stderr)
        start = time.perf_counter()
        titles, raw_size, origin = write_dump(dump, args.lines, args.seed)
        print(f"  {time.perf_counter() - start:.1f} s", file=sys.stderr)
        gz_size = dump.stat().st_size
        out = folder / "index.sqlite"

        print("building …", file=sys.stderr)
        build_s, stats = median_time(lambda: build_index(dump, out), args.repeat)
        print("building without the pre-check …", file=sys.stderr)
        full_parse_s, _ = median_time(lambda: build_index(dump, folder / "full.sqlite", precheck=False), args.repeat)
        index_size = out.stat().st_size

        rng = random.Random(args.seed)
        absent = [f"Absent title {n}" for n in range(args.lookups // 10)]
        wanted = [rng.choice(titles) for _ in range(args.lookups - len(absent))] + absent
        rng.shuffle(wanted)

        def lookups() -> int:
            found = 0
            with Index(out) as index:
                for at in range(0, len(wanted), LOOKUP_BATCH):
                    found += len(index.lookup(wanted[at:at + LOOKUP_BATCH]))
            return found

        print("looking up …", file=sys.stderr)
        lookup_s, found = median_time(lookups, args.repeat)
        peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rate = stats.entities / build_s
    mb_gz = gz_size / 1e6
    per_item = index_size / stats.items
    print(f"`python benchmarks/link_index.py --lines {args.lines} --repeat {args.repeat}`")
    print()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version}. One core (the build is one thread). Median of {args.repeat} runs.")
    print()
    print(f"Synthetic dump: {stats.entities:,} entity lines, {stats.items:,} with an English article "
          f"(1 in 4), built from {origin}; {raw_size / 1e6:,.0f} MB of JSON "
          f"({raw_size / stats.entities / 1e3:.1f} KB a line), {mb_gz:,.1f} MB gzipped (level 6).")
    print()
    print("| measure | value |")
    print("|---|---:|")
    print(f"| build_index | {build_s:.2f} s |")
    print(f"| build rate | {rate:,.0f} entities/s |")
    print(f"| compressed input read | {mb_gz / build_s:,.1f} MB/s |")
    print(f"| uncompressed JSON read | {raw_size / 1e6 / build_s:,.0f} MB/s |")
    print(f"| build without the \"enwiki\" pre-check | {full_parse_s:.2f} s ({stats.entities / full_parse_s:,.0f} entities/s) |")
    print(f"| time the pre-check saves | {1 - build_s / full_parse_s:.0%} |")
    print(f"| lookup, batches of {LOOKUP_BATCH} | {len(wanted) / lookup_s:,.0f} titles/s "
          f"({len(wanted):,} titles, {found:,} found, {lookup_s * 1e3:.0f} ms) |")
    print(f"| index file | {index_size / 1e6:,.1f} MB, {per_item:,.0f} bytes an item |")
    print(f"| peak memory of the process | {peak_rss_mb:,.0f} MB |")
    print()
    hours = WIKIDATA_ENTITIES / rate / 3600
    hours_gz = WIKIDATA_GZ_BYTES / (gz_size / build_s) / 3600
    print("Extrapolation. Assumptions: the whole Wikidata JSON dump holds about "
          f"{WIKIDATA_ENTITIES / 1e6:,.0f} million entities in about {WIKIDATA_GZ_BYTES / 1e9:,.0f} GB gzipped, "
          f"and about {ENWIKI_ITEMS / 1e6:,.0f} million items have an English Wikipedia article.")
    print()
    print(f"- At {rate:,.0f} entities/s, indexing the whole dump takes about **{hours:,.1f} hours** on one core.")
    print(f"- At {mb_gz / build_s:,.1f} MB/s of gzip input it takes about {hours_gz:,.1f} hours. The synthetic "
          f"dump holds {gz_size / stats.entities / 1e3:.2f} KB gzipped an entity "
          f"({raw_size / gz_size:,.0f}× compression: its lines repeat two templates), the real one about "
          f"{WIKIDATA_GZ_BYTES / WIKIDATA_ENTITIES / 1e3:.1f} KB; where the two estimates differ, the real "
          "dump's share of parsed lines decides (next point).")
    print(f"- Here 1 line in 4 is parsed; in the real dump about 1 in {WIKIDATA_ENTITIES // ENWIKI_ITEMS} is "
          "(the rest is skipped by the pre-check), so the real rate should be no lower.")
    print(f"- At {per_item:,.0f} bytes an item, an index of {ENWIKI_ITEMS / 1e6:,.0f} million items takes about "
          f"**{per_item * ENWIKI_ITEMS / 1e9:,.1f} GB** (without redirects). Every synthetic item is a film with "
          "nine cast members; most real items (people, places, topics) have a class and no cast, so this is "
          "an upper estimate.")


if __name__ == "__main__":
    main()
