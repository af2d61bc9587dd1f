#!/usr/bin/env python
"""Build a synthetic Wikimedia *multistream* dump, and its index, from the corpus's real pages.

Usage::

    python benchmarks/make_multistream.py OUT_DIR [--pages N] [--seed S]
                                          [--films-ratio R] [--pages-per-stream K] [--corpus DIR]

Importable too: ``build(out_dir, pages=10000, films_ratio=1/50, seed=7,
pages_per_stream=100) -> (dump_path, index_path)``.

The pages are the ``<page>`` elements of the shared corpus (``<repo>/../shared/corpus``),
byte for byte: the film articles are the ``*.xml`` files whose ``MANIFEST.tsv`` notes
start with ``article=film``; the other pages are every other ``<page>`` of the corpus's
XML files (the non-film ``*.xml`` files, and the pages of ``dumps/*.xml`` that are not
one of the film articles), each title once. ``pages`` pages are drawn (seeded), about
``films_ratio`` of them films, at random places; every source page is used in turn
before any is used again. Each copy gets a distinct title, page id and revision id:

* the first copy of a page keeps its title; copy *k* (k ≥ 2) gets `` k`` before the
  title's parenthesised disambiguator, or at its end without one: ``Heat (1995 film)``
  → ``Heat 2 (1995 film)``, ``Rocky`` → ``Rocky 2``, ``Category:Pininfarina`` →
  ``Category:Pininfarina 2``. Namespaces and disambiguators (and so what kg makes of
  them: a film, a film series, another namespace) are kept;
* page ids increase through the dump (as in Wikimedia's), revision ids are distinct.
  ``<redirect>``, ``<parentid>`` and contributors' ids are left alone.

The files are written the way Wikimedia writes them: ``NAME-multistream.xml.bz2`` is
bzip2 streams concatenated — stream 0 the ``<mediawiki>`` start tag and ``<siteinfo>``
(the header of the corpus's real pages-articles dump), then one stream per
``pages_per_stream`` pages, then a stream holding ``</mediawiki>`` — so it is also one
ordinary bzip2 file of one XML document; ``NAME-multistream-index.txt.bz2`` has one
``offset:page_id:title`` line per page, ``offset`` being where its stream starts.

Deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import bz2
import csv
import random
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape, unescape

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
#: The corpus dump whose <mediawiki> start tag and <siteinfo> head the built dump.
HEADER_DUMP = Path("dumps") / "enwiki_pages-articles_head_11pages.xml"

_PAGE_RE = re.compile(r"<page>.*?</page>", re.S)
_TITLE_RE = re.compile(r"<title>([^<]*)</title>")
_PAGE_ID_RE = re.compile(r"(</ns>\s*<id>)[0-9]+(</id>)")
_REV_ID_RE = re.compile(r"(<revision>\s*<id>)[0-9]+(</id>)")
_DISAMBIGUATOR_RE = re.compile(r"\s*\([^()]*\)$")
_XML_UNESCAPE = {"&quot;": '"', "&apos;": "'"}
_XML_ESCAPE = {'"': "&quot;"}


def _pages_of(path: Path) -> list[str]:
    return _PAGE_RE.findall(path.read_text(encoding="utf-8"))


def _title_of(page: str) -> str:
    match = _TITLE_RE.search(page)
    if match is None:
        raise ValueError(f"a <page> without <title>: {page[:80]!r}")
    return unescape(match.group(1), _XML_UNESCAPE)


def corpus_pages(corpus: Path = CORPUS) -> tuple[list[str], list[str]]:
    """The corpus's film pages and its other pages, as raw ``<page>`` XML, each title once."""
    with open(corpus / "MANIFEST.tsv", encoding="utf-8", newline="") as manifest:
        rows = list(csv.DictReader(manifest, delimiter="\t"))
    film_files = sorted(
        row["file"] for row in rows
        if row["file"].endswith(".xml") and "/" not in row["file"] and row["notes"].startswith("article=film")
    )
    films: list[str] = []
    for name in film_files:
        films += _pages_of(corpus / name)
    seen = {_title_of(p) for p in films}
    others: list[str] = []
    sources = sorted(p.name for p in corpus.glob("*.xml") if p.name not in set(film_files))
    for path in [corpus / name for name in sources] + sorted((corpus / "dumps").glob("*.xml")):
        for page in _pages_of(path):
            title = _title_of(page)
            if title not in seen:
                seen.add(title)
                others.append(page)
    if not films or not others:
        raise SystemExit(f"{corpus}: no film pages or no other pages found (is it the shared corpus?)")
    return films, others


def header(corpus: Path = CORPUS) -> str:
    """The ``<mediawiki …>`` start tag and ``<siteinfo>`` of the corpus's real dump."""
    text = (corpus / HEADER_DUMP).read_text(encoding="utf-8")
    end = text.index("</siteinfo>") + len("</siteinfo>")
    return text[:end] + "\n"


def copy_title(title: str, k: int) -> str:
    """The title of copy ``k`` of a page (copy 1 keeps it): `` k`` before the disambiguator."""
    if k == 1:
        return title
    match = _DISAMBIGUATOR_RE.search(title)
    if match is None or match.start() == 0:
        return f"{title} {k}"
    return f"{title[:match.start()]} {k}{title[match.start():]}"


class _Cycle:
    """Source pages handed out in a seeded order; every one is used before any is reused."""

    def __init__(self, pages: list[str], rng: random.Random) -> None:
        self._pages = pages
        self._rng = rng
        self._order: list[int] = []

    def next(self) -> int:
        if not self._order:
            self._order = list(range(len(self._pages)))
            self._rng.shuffle(self._order)
            self._order.reverse()
        return self._order.pop()


def _build(out_dir, pages=10000, films_ratio=1 / 50, seed=7, pages_per_stream=100, corpus=CORPUS):
    if pages < 1 or pages_per_stream < 1 or not 0 <= films_ratio <= 1:
        raise ValueError("pages and pages_per_stream must be positive, films_ratio within 0..1")
    corpus = Path(corpus)
    films, others = corpus_pages(corpus)
    rng = random.Random(seed)
    n_films = min(pages, round(pages * films_ratio))
    film_slots = set(rng.sample(range(pages), n_films))
    pools = {True: (films, _Cycle(films, rng)), False: (others, _Cycle(others, rng))}
    copies: dict[tuple[bool, int], int] = {}
    used: set[str] = set()
    page_id = 1000
    chosen: list[tuple[int, str, str]] = []  # (page id, title, page XML)
    for slot in range(pages):
        is_film = slot in film_slots
        pool, cycle = pools[is_film]
        source = cycle.next()
        key = (is_film, source)
        original = pool[source]
        base = _title_of(original)
        k = copies.get(key, 0)
        while True:
            k += 1
            title = copy_title(base, k)
            if title not in used:
                break
        copies[key] = k
        used.add(title)
        page_id += rng.randint(1, 40)
        xml = _TITLE_RE.sub(lambda _m: f"<title>{escape(title, _XML_ESCAPE)}</title>", original, count=1)
        xml, found = _PAGE_ID_RE.subn(lambda m: f"{m.group(1)}{page_id}{m.group(2)}", xml, count=1)
        xml, found_rev = _REV_ID_RE.subn(lambda m: f"{m.group(1)}{700_000_000 + slot}{m.group(2)}", xml, count=1)
        if not (found and found_rev):
            raise ValueError(f"{base}: no page <id> after <ns>, or no revision <id>")
        chosen.append((page_id, title, xml))

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"synthwiki-{pages}p-seed{seed}-pages-articles"
    dump_path = out / f"{stem}-multistream.xml.bz2"
    index_path = out / f"{stem}-multistream-index.txt.bz2"
    index_lines: list[str] = []
    streams = 0
    with open(dump_path, "wb") as dump:
        dump.write(bz2.compress(header(corpus).encode("utf-8"), 9))
        for start in range(0, pages, pages_per_stream):
            offset = dump.tell()
            batch = chosen[start:start + pages_per_stream]
            body = "".join(f"  {xml}\n" for _, _, xml in batch)
            dump.write(bz2.compress(body.encode("utf-8"), 9))
            index_lines += [f"{offset}:{pid}:{title}\n" for pid, title, _ in batch]
            streams += 1
        dump.write(bz2.compress(b"</mediawiki>\n", 9))
    index_path.write_bytes(bz2.compress("".join(index_lines).encode("utf-8"), 9))
    stats = {"pages": pages, "films": n_films, "streams": streams,
             "film_sources": len(films), "other_sources": len(others)}
    return dump_path, index_path, stats


def build(out_dir, pages: int = 10000, films_ratio: float = 1 / 50, seed: int = 7, pages_per_stream: int = 100,
          corpus: Path = CORPUS) -> tuple[Path, Path]:
    """Write a synthetic multistream dump and its index into ``out_dir``; see the module docstring.

    :returns: ``(dump_path, index_path)``.
    :raises SystemExit: the corpus holds no usable pages.
    :raises FileNotFoundError: the corpus is absent.
    """
    dump_path, index_path, _ = _build(out_dir, pages, films_ratio, seed, pages_per_stream, corpus)
    return dump_path, index_path


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--films-ratio", type=float, default=1 / 50)
    ap.add_argument("--pages-per-stream", type=int, default=100)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    if not (args.corpus / "MANIFEST.tsv").is_file():
        sys.exit(f"corpus not found at {args.corpus}")
    dump_path, index_path, stats = _build(
        args.out_dir, args.pages, args.films_ratio, args.seed, args.pages_per_stream, args.corpus
    )
    print(dump_path)
    print(index_path)
    print(f"{stats['pages']} pages, {stats['films']} films, {stats['streams']} streams of pages "
          f"(+ header and closing streams); from {stats['film_sources']} film and "
          f"{stats['other_sources']} other corpus pages")


if __name__ == "__main__":
    main()
