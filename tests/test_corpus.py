"""Every film article of ../shared/corpus exports and conforms; every other page is
refused with a one-line error; the dumps export their films and count the rest.
Skipped when the corpus is absent."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from kg.errors import NotAFilmError, RedirectError
from kg.model import Crew
from kg.pipeline import Options, Summary, run

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
    (result,) = run([str(corpus / row["file"])])
    assert result.status == "exported", result.error
    assert result.title == row["article_title"]
    assert result.conforms, "\n".join(v.line() for v in result.report.violations)
    assert result.extraction.film.name
    assert result.extraction.part(Crew).credits, "an infobox film names at least one person or company"


@pytest.mark.corpus
@pytest.mark.parametrize("row", REFUSED, ids=[f"refused:{r['file']}" for r in REFUSED])
def test_non_film_page_is_refused(corpus: Path, row: dict[str, str]) -> None:
    results = list(run([str(corpus / row["file"])], Options(validate=False)))
    refused = [r for r in results if r.error is not None]
    assert refused, "the page must be refused"
    error = refused[0].error
    assert "\n" not in str(error)
    if "REDIRECT" in row["notes"]:
        assert isinstance(error, RedirectError)
    elif row["notes"].startswith("NEGATIVE") or "FILM SERIES" in row["notes"]:
        assert isinstance(error, NotAFilmError)


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("dump", "films", "refused"),
    [
        ("dbpedia_minidump_enwiki_27pages.xml", ["? (film)"], {"another infobox": 18, "no infobox": 5, "redirect": 2, "another namespace": 1}),
        ("enwiki_pages-articles_head_11pages.xml", ["Actrius"], {"redirect": 9, "no infobox": 1}),
    ],
)
def test_dumps_export_their_films_and_count_the_rest(corpus: Path, dump: str, films: list[str], refused: dict[str, int]) -> None:
    summary = Summary()
    exported = []
    for result in run([str(corpus / "dumps" / dump)]):
        summary.add(result)
        assert result.in_collection
        if result.status == "exported":
            assert result.conforms
            exported.append(result.title)
    assert exported == films
    assert dict(summary.refused) == refused
    assert summary.exit_code == 0, "a dump's non-film pages are counted, not errors"


COUNTS_FILE = Path(__file__).resolve().parent / "corpus" / "expected-counts.tsv"
COUNT_COLUMNS = ("people", "cast", "crew", "nominations", "tracks")


def expected_counts() -> dict[str, dict[str, str]]:
    with open(COUNTS_FILE, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return {row["file"]: row for row in csv.DictReader(lines, delimiter="\t")}


EXPECTED = expected_counts()


def counts_of(result) -> dict[str, int]:
    """The report's five figures of one exported article (kg report counts the same way)."""
    from rdflib import RDF

    from kg.model import Accolades, Cast, Soundtrack
    from kg.vocab import SCHEMA

    graph, extraction = result.graph, result.extraction
    return {
        "people": len(set(graph.subjects(RDF.type, SCHEMA.Person)) | set(graph.subjects(RDF.type, SCHEMA.MusicGroup))),
        "cast": len(extraction.part(Cast).credits),
        "crew": sum(1 for c in extraction.part(Crew).credits if c.role != "starring"),
        "nominations": len(extraction.part(Accolades).nominations),
        "tracks": sum(len(a.tracks) for a in extraction.part(Soundtrack).albums),
    }


def test_every_corpus_film_has_its_expected_counts() -> None:
    if not FILMS:
        pytest.skip("corpus not found")
    assert sorted(EXPECTED) == sorted(r["file"] for r in FILMS)


@pytest.mark.corpus
@pytest.mark.parametrize("row", FILMS, ids=[f"counts:{r['file']}" for r in FILMS])
def test_counts_match_the_checked_table(corpus: Path, row: dict[str, str]) -> None:
    """Losing (or inventing) any article's cast, crew, nominations, tracks or people fails here;
    the table's checked_* columns and notes say what a person found in the article."""
    (result,) = run([str(corpus / row["file"])], Options(validate=False))
    expected = EXPECTED[row["file"]]
    assert result.title == expected["title"]
    assert counts_of(result) == {c: int(expected[c]) for c in COUNT_COLUMNS}, expected["notes"]


REJECTED_FILE = Path(__file__).resolve().parent / "corpus" / "rejected-names.tsv"
_REJECTED = re.compile(r'^(?:\[[^\]]*\] )?(\w+): "(.*)" is not a name \((.*?)\); skipped in ')


def _rejected_table() -> list[tuple[str, str, str, str]]:
    with open(REJECTED_FILE, encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return sorted((r["file"], r["part"], r["text"], r["reason"]) for r in rows)


@pytest.mark.corpus
def test_the_names_kg_rejects_are_the_explained_ones(corpus: Path) -> None:
    """Every name kg refuses to mint on the corpus is listed, with why refusing is right,
    in tests/corpus/rejected-names.tsv: a new rejection (a name lost) or a missing one
    (prose minted) fails here until it is checked and explained there."""
    got = []
    for row in FILMS:
        (result,) = run([str(corpus / row["file"])], Options(validate=False))
        for warning in result.warnings:
            m = _REJECTED.match(warning)
            if m:
                got.append((row["file"], *m.groups()))
        assert len([g for g in got if g[0] == row["file"]]) == (result.extraction.rejected_names if result.extraction else 0)
    assert sorted(got) == _rejected_table()
