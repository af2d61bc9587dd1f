"""Every film article of ../shared/corpus exports and conforms; every other page is
refused with a one-line error. Skipped when the corpus is absent."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.errors import KgError, NotAFilmError, RedirectError
from kg.extract import extract_page
from kg.mapping import build_graph
from kg.source import iter_pages
from kg.validate import validate

from .conftest import CORPUS


def manifest() -> list[dict[str, str]]:
    path = CORPUS / "MANIFEST.tsv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


ROWS = manifest()
FILMS = [r for r in ROWS if r["notes"].startswith("article=film") and r["what"] in ("xml-dump", "wikitext")]
REFUSED = [
    r for r in ROWS
    if r["what"] in ("xml-dump", "wikitext", "api-json", "mediawiki-api-json", "json")
    and not r["notes"].startswith("article=film") and "/" not in r["file"] and not r["file"].endswith(".txt")
]


@pytest.mark.corpus
@pytest.mark.parametrize("row", FILMS, ids=[f"film:{r['file']}" for r in FILMS])
def test_film_exports_and_conforms(corpus: Path, row: dict[str, str]) -> None:
    (page,) = list(iter_pages(str(corpus / row["file"])))
    assert page.title == row["article_title"]
    extraction = extract_page(page)
    graph = build_graph(extraction)
    report = validate(graph)
    assert report.conforms, "\n".join(v.line() for v in report.violations)
    assert extraction.film.name
    assert extraction.film.credits, "an infobox film names at least one person or company"


@pytest.mark.corpus
@pytest.mark.parametrize("row", REFUSED, ids=[f"refused:{r['file']}" for r in REFUSED])
def test_non_film_page_is_refused(corpus: Path, row: dict[str, str]) -> None:
    with pytest.raises(KgError) as info:
        for page in iter_pages(str(corpus / row["file"])):
            extract_page(page)
    message = str(info.value)
    assert "\n" not in message
    if "REDIRECT" in row["notes"]:
        assert isinstance(info.value, RedirectError)
    elif row["notes"].startswith("NEGATIVE") or "FILM SERIES" in row["notes"]:
        assert isinstance(info.value, NotAFilmError)


@pytest.mark.corpus
def test_dumps_export_their_one_film_and_refuse_the_rest(corpus: Path) -> None:
    dump = corpus / "dumps" / "dbpedia_minidump_enwiki_27pages.xml"
    exported, refused = [], []
    for page in iter_pages(str(dump)):
        try:
            extraction = extract_page(page)
        except KgError:
            refused.append(page.title)
            continue
        assert validate(build_graph(extraction)).conforms
        exported.append(page.title)
    assert exported == ["? (film)"]
    assert len(refused) == 26
