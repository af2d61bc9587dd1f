"""Hostile and extreme input: extraction never crashes or hangs, whatever it writes
parses back to the same graph, and the CLI never shows a traceback.

The default run keeps hypothesis small; ``pytest --run-slow`` runs the long profile.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.cli import cli
from kg.errors import KgError
from tests.helpers import extraction_of
from kg.mapping import build_graph
from kg.model import Page
from kg.serialize import Format, jsonld_context, serialize

from .conftest import parse_verbatim

BASE = (Path(__file__).parent / "cases" / "Snippet_Film" / "input.wiki").read_text(encoding="utf-8")
ACCOLADES = """
== Accolades ==
{| class="wikitable"
! Award !! Category !! Recipient !! Result
|-
| rowspan="2" | [[Alpha Awards]] || Best Film || || {{won}}
|-
| Best Actor || [[Gina Lead]] || {{nom}}
|}
== Soundtrack ==
{{Track listing
| extra_column = Singer
| title1 = [[Song One]]
| writer1 = [[Jay Composer]]
| extra1 = Gina Lead as Priya
| length1 = 3:21
| title2 = Song Two
| length2 = 4:05
}}
"""
ARTICLE = BASE + ACCOLADES
MAX_SECONDS = 5.0
FRAGMENTS = [
    "{{", "}}", "{|", "|}", "|-", "||", "!!", "|", "[[", "]]", "<ref>", "</ref>", "<!--", "-->", "'''", "''",
    "<br>", "&amp;", "&#0;", "&nbsp;", "* ", "** ", "# ", ":", "==", "\n", "{{Infobox film", "{{won}}",
    "{{Film date|", "{{Track listing|", "| title3 = ", "مرحبا", "שלום", "e\u0301\u0302\u0303", "😀🎬", "\u200d",
    "\x00", "\x07", "\x1f", "\x7f", "\u202e", "\ufeff",
]


def _page(text: str, title: str = "Fuzz Film") -> Page:
    return Page(title=title, text=text, source="fuzz.wiki")


def _reparse(graph: Graph, fmt: Format) -> Graph:
    data = serialize(graph, fmt)
    if fmt in (Format.NQUADS, Format.TRIG):
        ds = Dataset()
        parse_verbatim(ds, data=data, format="nquads" if fmt is Format.NQUADS else "trig")
        out = Graph()
        for s, p, o in ds.graph(URIRef(str(graph.identifier))):
            out.add((s, p, o))
        return out
    if fmt is Format.JSONLD:
        ds = Dataset()
        parse_verbatim(ds, data=data, format="json-ld", context=jsonld_context())
        out = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            out.add((s, p, o))
        return out
    return parse_verbatim(Graph(), data=data, format={Format.TURTLE: "turtle", Format.NTRIPLES: "nt"}[fmt])


def check_article(text: str, title: str = "Fuzz Film") -> Graph | None:
    """Extract, map and round-trip one article; None when kg refuses it (a KgError)."""
    start = time.perf_counter()
    try:
        extraction = extraction_of(_page(text, title))
    except KgError:
        return None
    graph = build_graph(extraction)
    elapsed = time.perf_counter() - start
    assert elapsed < MAX_SECONDS, f"extraction took {elapsed:.1f} s"
    for s, p, o in graph:
        if hasattr(o, "language") and o.language is not None:
            assert not any(m in o for m in ("[[", "{{", "<ref")), o
    for fmt in Format:
        again = _reparse(graph, fmt)
        assert isomorphic(graph, again), fmt
    # an independent parser reads the same number of statements
    for fmt, ox in ((Format.TURTLE, pyoxigraph.RdfFormat.TURTLE), (Format.NTRIPLES, pyoxigraph.RdfFormat.N_TRIPLES)):
        assert len(list(pyoxigraph.parse(serialize(graph, fmt), format=ox))) == len(graph), fmt
    return graph


@st.composite
def mutated(draw) -> str:
    """A valid article with slices inserted, deleted and duplicated, and hostile fragments spliced in."""
    text = ARTICLE
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "fragment", "noise"]))
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 400)))
        if op == "insert":
            text = text[:i] + draw(st.sampled_from(FRAGMENTS)) * draw(st.integers(1, 50)) + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "fragment":
            text = text[:i] + "".join(draw(st.lists(st.sampled_from(FRAGMENTS), max_size=30))) + text[i:]
        else:
            text = text[:i] + draw(st.text(max_size=200)) + text[i:]
    return text


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LONG = settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(mutated())
def test_mutated_articles_never_crash_and_round_trip(text: str) -> None:
    check_article(text)


@pytest.mark.slow
@LONG
@given(mutated())
def test_mutated_articles_long_run(text: str) -> None:
    check_article(text)


@FUZZ
@given(st.text(max_size=2000))
def test_arbitrary_text_inside_an_infobox_value(value: str) -> None:
    check_article("{{Infobox film\n| name = X\n| director = " + value + "\n| starring = " + value + "\n}}\n== Cast ==\n* " + value)


@pytest.mark.parametrize(
    "text",
    [
        "{{Infobox film" + "{{a|" * 200 + "}}" * 10,
        "{{Infobox film\n| name = " + "x" * 100_000 + "\n}}",
        "{{Infobox film\n| starring = " + "[[" * 5000 + "\n}}",
        "{{Infobox film}}\n{|\n" + "| a || b\n|-\n" * 2000,
        "{{Infobox film}}\n== Cast ==\n" + "* <ref>unclosed\n" * 500,
        "{{Infobox film}}\n<!-- never closed " + "== Cast ==\n* [[A]] as B\n" * 200,
        "{{Infobox film}}\n{| class=wikitable\n! Award !! Result\n|-\n| rowspan=999999 | X || {{won}}\n|}",
        "{{Infobox film\n| name = \u202eRTL\u202c ذا فيلم\n| director = [[מנהל]]\n}}",
    ],
    ids=["deep-nesting", "huge-cell", "unclosed-links", "big-table", "unclosed-refs", "unclosed-comment", "huge-rowspan", "rtl"],
)
def test_pathological_articles(text: str) -> None:
    check_article(text)


def test_500_cast_members() -> None:
    cast = "\n".join(f"* [[Actor {n}]] as Character {n}" for n in range(1, 501))
    graph = check_article("{{Infobox film\n| name = Big Cast\n}}\n== Cast ==\n" + cast, "Big Cast")
    q = """SELECT ?pos WHERE { ?f <https://w3id.org/kg-film/ontology#cast> ?r . ?r <http://schema.org/position> ?pos }"""
    assert sorted(int(p) for (p,) in graph.query(q)) == list(range(1, 501))


def test_empty_infobox_exports_with_the_title_as_name() -> None:
    graph = check_article("{{Infobox film}}\nSome text.", "Heat (1995 film)")
    film = URIRef("https://w3id.org/kg-film/resource/Heat_(1995_film)")
    assert str(graph.value(film, URIRef("http://schema.org/name"))) == "Heat"
    from kg.validate import validate

    assert validate(graph).conforms


def test_a_five_megabyte_article(tmp_path: Path) -> None:
    prose = "\n\n".join(f"Paragraph {i} mentions [[Person {i % 2000}]] and ''italics''." for i in range(90_000))
    text = ARTICLE + "\n== Production ==\n" + prose
    assert len(text.encode()) > 5_000_000
    path = tmp_path / "Huge_Film.wiki"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["export", str(path), "-o", str(tmp_path / "out"), "-q"])
    elapsed = time.perf_counter() - start
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (tmp_path / "out" / "Huge_Film.ttl").exists()
    assert elapsed < 120


def test_two_infoboxes_use_the_first_and_warn(tmp_path: Path) -> None:
    path = tmp_path / "Two_Boxes.wiki"
    path.write_text("{{Infobox film\n| name = First\n}}\n{{Infobox film\n| name = Second\n}}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(path), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0
    assert "[WARN] [Two Boxes] infobox: 2 {{Infobox film}} templates; the first one describes the film" in result.stderr
    assert '"First"@en' in (tmp_path / "out" / "Two_Boxes.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "title",
    ['Quote "Film"', "Less <than> more", "Braces {x}", "Pipe | film", "Caret ^ film", "Back`tick", "Back\\slash",
     "100% Film", "Hash # film", "What? (film)", "Éléphant blanc", "映画", "A" * 300, "AC/DC: Live"],
    ids=lambda t: f"title:{t[:20]}",
)
def test_awkward_titles_give_valid_iris_and_safe_file_names(tmp_path: Path, title: str) -> None:
    path = tmp_path / "input.wiki"
    path.write_text("{{Infobox film\n| director = [[" + title.replace("|", "/").replace("#", "") + " Person]]\n}}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["export", str(path), "--title", title, "-o", str(out), "-f", "nt"])
    assert result.exit_code == 0, result.output
    files = sorted(out.iterdir())
    assert len(files) == 3 and all(f.parent == out for f in files)
    nt = next(f for f in files if f.suffix == ".nt")
    quads = list(pyoxigraph.parse(nt.read_bytes(), format=pyoxigraph.RdfFormat.N_TRIPLES))
    names = {q.object.value for q in quads if q.predicate.value == "http://schema.org/name"}
    assert any(title.split(" (")[0] in n or n in title for n in names)


def test_cli_over_many_mutated_files_never_shows_a_traceback(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    paths = []
    for n in range(20):
        text = ARTICLE
        for _ in range(5):
            i = rng.randrange(len(text))
            text = text[:i] + rng.choice(FRAGMENTS) * rng.randint(1, 20) + text[i + rng.randint(0, 50):]
        p = tmp_path / f"Mutant_{n}.wiki"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "export", *paths, "-o", str(tmp_path / "out"), "-q"],
        capture_output=True, text=True, timeout=600,
    )
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode in (0, 1, 3)


# --------------------------------------------------------------------------- defused markup


@pytest.mark.parametrize(
    ("wikitext", "text"),
    [
        ("Less <than> more", "Less <than> more"),
        ("a < b and c<d", "a < b and c<d"),
        ("x <b>bold</b> y", "x bold y"),
        ("x <!-- hidden --> y", "x y"),
        ("Ann<ref>A source.</ref> Bee", "Ann Bee"),
        ("see [http://example.org the site]", "see the site"),
        ("see [//example.org the site] and [http://a.org more]", "see the site and more"),
        ("[http://a one [http://b two]", "one two"),  # URLs never reach a literal
        ("[http://a unclosed\n[http://b closed]", "[unclosed closed"),
        ("{{sd|film by [{{[Jane Roe (director)|Jane Roe]]}}", ""),
        ("film by [{{[Jane Roe (director)", "film by Jane Roe (director)"),  # "[ [" never joins to "[["
        ("a [ [b] ] c", "a b c"),
        ("poster<ref{{nowrap|Erin Story}}", "poster Erin Story"),  # "<ref" before a template is no tag
        ("poster<refnowrap|Erin Story}}", "poster nowrap|Erin Story"),  # no literal ever holds "<ref"
        ("A <Refuge> B", "A <Refuge> B"),
        ("[[&#91;&#91;Academy Awards]] won", "Academy Awards won"),  # an invalid title links nothing
    ],
)
def test_defused_markup_reads_as_mediawiki_shows_it(wikitext: str, text: str) -> None:
    """A "<" that opens no tag and a "[url" that cannot close are text, as in MediaWiki."""
    from kg.parse import clean_text, parse

    assert clean_text(parse(wikitext)) == text


def test_defusing_keeps_tags_and_links_the_parser_needs() -> None:
    from kg.parse import parse

    code = parse("A<ref name=x>r</ref> <small>(s)</small> [[L|l]] {{nom}} [https://e.org E] <BR/> < br >")
    assert [str(t.tag).lower() for t in code.filter_tags()] == ["ref", "small", "br"]
    assert len(code.filter_external_links()) == 1 and len(code.filter_wikilinks()) == 1
