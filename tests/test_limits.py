"""Inputs at their limits, through the command line (click's CliRunner on ``kg.cli.cli``).

Each case asserts a sensible result or one clear error line — never a traceback: the
run's ``exception`` is ``None`` or the ``SystemExit`` of the exit code. Sizes: a 5 MB
article, 500 cast members, 300-character titles; shapes: an empty infobox, two
infoboxes, a film series, a disambiguated title, another namespace; characters:
titles and names with spaces, quotes, ``<>``, ``{}``, ``|``, ``^``, backticks,
backslashes, ``%``, ``#``, ``?`` and non-ASCII; determinism across input order; and an
interrupt while the files of an article are renamed into place.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

import kg.serialize
from kg.cli import cli
from tests.helpers import extraction_of
from kg.iri import Minter
from kg.mapping import build_graph
from kg.model import Page
from kg.serialize import Format, output_name, write_outputs
from kg.titles import normalise_title

from .conftest import REPO, parse_verbatim

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's ConjunctiveGraph notices

SNIPPET = (REPO / "tests" / "cases" / "Snippet_Film" / "input.wiki").read_text(encoding="utf-8")
TABLED = (REPO / "tests" / "cases" / "Tabled_Film" / "input.wiki").read_text(encoding="utf-8")
SCHEMA = "http://schema.org/"
BASE = "https://w3id.org/kg-film/"
#: Times measured here, printed by the last test (run with -s to see them).
TIMES: dict[str, float] = {}


def run(*args: str):
    """Invoke ``kg`` in-process; it must end by exiting, never by an exception or a traceback."""
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        runner = CliRunner()  # click >= 8.2 keeps stderr apart
    result = runner.invoke(cli, list(args), catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"kg {' '.join(args)[:200]} raised {result.exception!r}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error: ")]


def load_ttl(path: Path) -> Graph:
    return parse_verbatim(Graph(), path, format="turtle")


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


# --------------------------------------------------------------------------- sizes


def test_five_megabyte_article(tmp_path: Path) -> None:
    """Snippet Film padded with 5 MB of prose and 2,000 extra links exports, and as much as without."""
    paragraph = (
        "The production of the film was long and eventful, and critics wrote at length about "
        "its photography, its music, its cast and its place in the history of Indian cinema. "
    ) * 6
    parts, size, n = [], 0, 0
    while size < 5 * 1024 * 1024:
        links = " and ".join(f"[[Linked Page {i}|link {i}]]" for i in range(n, min(n + 4, 2000)))
        n = min(n + 4, 2000)
        chunk = paragraph + (f" See {links}." if links else "") + "\n\n"
        parts.append(chunk)
        size += len(chunk.encode("utf-8"))
    big = SNIPPET.replace("== External links ==", "".join(parts) + "== External links ==")
    assert len(big.encode("utf-8")) >= 5 * 1024 * 1024 and n == 2000
    small = write(tmp_path / "Snippet_Film.wiki", SNIPPET)
    large = write(tmp_path / "Big_Film.wiki", big.replace("Snippet Film", "Big Film"))

    start = time.perf_counter()
    result = run("export", str(large), "-o", str(tmp_path / "out"), "-f", "all")
    TIMES["5 MB article export"] = time.perf_counter() - start
    assert result.exit_code == 0, result.stderr
    assert TIMES["5 MB article export"] < 60
    assert re.match(r"Big Film: \d+ triples; .*; conforms", result.stdout)
    for fmt in Format:
        assert (tmp_path / "out" / f"Big_Film.{fmt.extension}").stat().st_size > 0

    run("export", str(small), "-o", str(tmp_path / "small"))
    graph = load_ttl(tmp_path / "out" / "Big_Film.ttl")
    assert len(graph) == len(load_ttl(tmp_path / "small" / "Snippet_Film.ttl"))
    # the External links section after the 5 MB of prose was read too
    same_as = {str(o) for o in graph.objects(URIRef(BASE + "resource/Big_Film"), URIRef(SCHEMA + "sameAs"))}
    assert any("imdb.com/title/tt0123456" in iri for iri in same_as), same_as


def test_five_hundred_cast_members(tmp_path: Path) -> None:
    cast = "".join(f"* [[Actor {n}]] as Character {n}\n" for n in range(1, 501))
    text = "{{Infobox film\n| name = Big Cast\n| director = Ann Director\n}}\n'''Big Cast''' is a 2001 film.\n\n== Cast ==\n" + cast
    path = write(tmp_path / "Big_Cast.wiki", text)
    start = time.perf_counter()
    result = run("export", str(path), "-o", str(tmp_path / "out"))
    TIMES["500-member cast export"] = time.perf_counter() - start
    assert result.exit_code == 0, result.stderr
    assert "PerformanceRole 500" in result.stdout

    store = pyoxigraph.Store()
    store.load(path=str(tmp_path / "out" / "Big_Cast.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    rows = list(
        store.query(
            """PREFIX schema: <http://schema.org/> PREFIX kg: <https://w3id.org/kg-film/ontology#>
            SELECT ?pos ?actor ?character WHERE {
              ?film a schema:Movie ; kg:cast ?role .
              ?role a schema:PerformanceRole ; schema:position ?pos ;
                    schema:actor/schema:name ?actor ; schema:characterName ?character .
            } ORDER BY ?pos"""
        )
    )
    assert [int(r["pos"].value) for r in rows] == list(range(1, 501))
    assert all(r["actor"].value == f"Actor {i}" and r["character"].value == f"Character {i}" for i, r in enumerate(rows, 1))
    roles = list(store.quads_for_pattern(None, pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), pyoxigraph.NamedNode(SCHEMA + "PerformanceRole")))
    assert len(roles) == 500


# --------------------------------------------------------------------------- page shapes


def test_empty_infobox_exports_with_the_title_as_name(tmp_path: Path) -> None:
    path = write(tmp_path / "Empty_Box.wiki", "{{Infobox film}}\n")
    result = run("export", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert "conforms" in result.stdout and "DOES NOT CONFORM" not in result.stdout
    graph = load_ttl(tmp_path / "out" / "Empty_Box.ttl")
    film = URIRef(BASE + "resource/Empty_Box")
    assert list(graph.objects(film, URIRef(SCHEMA + "name"))) == [Literal("Empty Box", lang="en")]


def test_two_infoboxes_export_the_first_with_a_warning(tmp_path: Path) -> None:
    text = "{{Infobox film\n| name = First Cut\n| director = Ann\n}}\n{{Infobox film\n| name = Second Cut\n| director = Bob\n}}\n'''Two Boxes''' is a film.\n"
    path = write(tmp_path / "Two_Boxes.wiki", text)
    result = run("export", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("[WARN]")]
    assert [w for w in warnings if re.search(r"\b2\b.*infobox", w, re.IGNORECASE)], result.stderr
    graph = load_ttl(tmp_path / "out" / "Two_Boxes.ttl")
    names = {str(o) for o in graph.objects(URIRef(BASE + "resource/Two_Boxes"), URIRef(SCHEMA + "name"))}
    assert names == {"First Cut"}
    people = {str(o) for s in graph.objects(URIRef(BASE + "resource/Two_Boxes"), URIRef(SCHEMA + "director")) for o in graph.objects(s, URIRef(SCHEMA + "name"))}
    assert people == {"Ann"}


@pytest.mark.parametrize("how", ["file-name", "--title"])
def test_a_film_series_is_refused(tmp_path: Path, how: str) -> None:
    text = "{{Infobox film\n| name = Foo\n}}\n'''Foo''' is a film.\n"
    if how == "file-name":
        args = [str(write(tmp_path / "Foo_(film_series).wiki", text))]
    else:
        args = [str(write(tmp_path / "foo.wiki", text)), "--title", "Foo (film series)"]
    result = run("export", *args, "-o", str(tmp_path / "out"))
    assert result.exit_code == 3
    (line,) = error_lines(result)
    assert "film series" in line and "Foo (film series)" in line
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize(
    ("infobox_name", "expected"),
    [(None, "Heat"), ("Heat", "Heat"), ("''Heat''", "Heat"), ("Heat: The Movie", "Heat: The Movie")],
)
def test_the_disambiguator_is_not_part_of_the_name(tmp_path: Path, infobox_name: str | None, expected: str) -> None:
    box = "{{Infobox film\n| director = [[Michael Mann]]\n" + (f"| name = {infobox_name}\n" if infobox_name else "") + "}}\n"
    path = write(tmp_path / "heat.wiki", box + "'''''Heat''''' is a 1995 American crime film.\n")
    result = run("export", str(path), "--title", "Heat (1995 film)", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    graph = load_ttl(tmp_path / "out" / "Heat_(1995_film).ttl")
    film = URIRef(BASE + "resource/Heat_(1995_film)")
    assert [str(o) for o in graph.objects(film, URIRef(SCHEMA + "name"))] == [expected]


def test_a_page_of_another_namespace_is_refused(tmp_path: Path) -> None:
    xml = (
        '<page><title>Category:Heat films</title><ns>14</ns><id>5</id>'
        "<revision><id>7</id><timestamp>2020-01-01T00:00:00Z</timestamp>"
        "<text>{{Infobox film|name=Heat}}\n'''Heat''' films.</text></revision></page>\n"
    )
    path = write(tmp_path / "category.xml", xml)
    result = run("export", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 3
    (line,) = error_lines(result)
    assert "namespace 14" in line
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


# --------------------------------------------------------------------------- characters

TITLES = [
    "Film  With   Spaces",
    'Say "Hello" It\'s',
    "Less <than> More",
    "Curly {Braces} Film",
    "Pipe | Film",
    "Caret ^ Film",
    "Back `tick` Film",
    "Back\\slash\\ Film",
    "100% Film %20 %2F",
    "Number #9 Film",  # a "#fragment" is not part of a title: "Number"
    "What? Film?",
    "Ünïcødé 日本語 Фильм العربية שלום 👨\u200d👩\u200d👧",
    "A" * 300,
]


def _iris(graph: Graph) -> set[str]:
    return {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}


def _check_stem(stem: str) -> None:
    assert stem and not stem.startswith(".") and "/" not in stem and "\\" not in stem
    assert not any(ord(c) < 32 or c in '<>:"|?*' for c in stem), stem
    assert len(f"{stem}.jsonld".encode()) <= 255, f"file name of {len(stem.encode())} bytes"


def test_titles_with_special_characters(tmp_path: Path) -> None:
    src = write(tmp_path / "film.wiki", "{{Infobox film\n| director = [[Ann Director]]\n}}\nA film.\n")
    out = tmp_path / "out"
    stems: dict[str, str] = {}
    for title in TITLES:
        result = run("export", str(src), "--title", title, "-o", str(out), "-f", "nt")
        assert result.exit_code == 0, (title, result.stderr)
        name = normalise_title(title)
        stem = output_name(name)
        _check_stem(stem)
        assert stem not in stems, f"{title!r} and {stems[stem]!r} share the file name {stem!r}"
        stems[stem] = title
        ttl, nt = out / f"{stem}.ttl", out / f"{stem}.nt"
        assert ttl.exists() and nt.exists() and (out / f"{stem}.jsonld").exists(), (title, sorted(p.name for p in out.iterdir()))
        graph = load_ttl(ttl)
        for iri in _iris(graph):
            pyoxigraph.NamedNode(iri)  # raises ValueError for an invalid IRI
        ox = list(pyoxigraph.parse(path=str(ttl), format=pyoxigraph.RdfFormat.TURTLE))
        assert len(ox) == len(graph)
        film = URIRef(Minter().entity(name))
        assert (film, URIRef(SCHEMA + "name"), None) in graph, (title, film)
        assert str(graph.value(film, URIRef(SCHEMA + "name"))) == re.sub(r"\s*\([^()]*\)$", "", name)
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 3 * len(TITLES)
    assert not [f for f in files if f.endswith((".tmp", ".bak"))]


@pytest.mark.parametrize("title", ["é" * 300, "日本" * 150], ids=["latin-300", "cjk-300"])
def test_long_non_ascii_titles_give_file_names_that_fit(tmp_path: Path, title: str) -> None:
    src = write(tmp_path / "film.wiki", "{{Infobox film\n| director = Ann\n}}\nA film.\n")
    result = run("export", str(src), "--title", title, "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    files = list((tmp_path / "out").iterdir())
    assert len(files) == 2 and all(len(f.name.encode()) <= 255 for f in files)


def test_long_titles_that_differ_at_the_end_get_distinct_files(tmp_path: Path) -> None:
    first, second = "A" * 250 + " One", "A" * 250 + " Two"
    pages = "".join(
        f"<page><title>{t}</title><ns>0</ns><id>{i}</id><revision><id>{i}</id>"
        f"<text>{{{{Infobox film|director=Ann}}}}</text></revision></page>"
        for i, t in enumerate([first, second], 1)
    )
    path = write(tmp_path / "two.xml", f"<mediawiki>{pages}</mediawiki>")
    result = run("export", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert len(list((tmp_path / "out").iterdir())) == 4


# name as written in the infobox -> the name literal expected
NAMES = [
    ("Film  With   Spaces", "Film With Spaces"),
    ('Say "Hello" It\'s', 'Say "Hello" It\'s'),
    ('Triple """ quotes', 'Triple """ quotes'),
    ("Less &lt;than&gt; More", "Less <than> More"),
    ("Curly {Braces} Film", "Curly {Braces} Film"),
    ("Pipe {{!}} Film", "Pipe | Film"),
    ("Caret ^ Film", "Caret ^ Film"),
    ("Back `tick` Film", "Back `tick` Film"),
    ("Back\\slash \\n \\\" \\u0041 Film", "Back\\slash \\n \\\" \\u0041 Film"),
    ("100% Film %20", "100% Film %20"),
    ("Number #9 Film", "Number #9 Film"),
    ("What? Film?", "What? Film?"),
    ("Ünïcødé 日本語 Фильм العربية שלום 👨\u200d👩\u200d👧 e\u0301", "Ünïcødé 日本語 Фильм العربية שלום 👨\u200d👩\u200d👧 e\u0301"),
    ("B" * 300, "B" * 300),
]


def test_names_with_special_characters_are_escaped_correctly(tmp_path: Path) -> None:
    pages = "".join(
        f"<page><title>Name Test {i}</title><ns>0</ns><id>{i}</id><revision><id>{i}</id>"
        f"<text>{_xml_escape('{{Infobox film' + chr(10) + '| name = ' + written + chr(10) + '}}' + chr(10) + 'A film.')}</text></revision></page>"
        for i, (written, _) in enumerate(NAMES, 1)
    )
    path = write(tmp_path / "names.xml", f"<mediawiki>{pages}</mediawiki>")
    out = tmp_path / "out"
    result = run("export", str(path), "-o", str(out), "-f", "nt")
    assert result.exit_code == 0, result.stderr
    for i, (written, expected) in enumerate(NAMES, 1):
        film = pyoxigraph.NamedNode(f"{BASE}resource/Name_Test_{i}")
        name = pyoxigraph.NamedNode(SCHEMA + "name")
        for ext, fmt in (("ttl", pyoxigraph.RdfFormat.TURTLE), ("nt", pyoxigraph.RdfFormat.N_TRIPLES)):
            values = [q.object for q in pyoxigraph.parse(path=str(out / f"Name_Test_{i}.{ext}"), format=fmt)
                      if q.subject == film and q.predicate == name]
            assert values == [pyoxigraph.Literal(expected, language="en")], (written, ext, values)


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------- determinism


def test_export_does_not_depend_on_input_order(tmp_path: Path) -> None:
    a = write(tmp_path / "Snippet_Film.wiki", SNIPPET)
    b = write(tmp_path / "Tabled_Film.wiki", TABLED + "\n== Cast ==\n* [[Gina Lead]] as Herself\n")
    ab, ba = tmp_path / "ab", tmp_path / "ba"
    assert run("export", str(a), str(b), "-o", str(ab), "-f", "all", "-q").exit_code == 0
    assert run("export", str(b), str(a), "-o", str(ba), "-f", "all", "-q").exit_code == 0
    names = sorted(p.name for p in ab.iterdir())
    assert names == sorted(p.name for p in ba.iterdir()) and len(names) == 10
    for name in names:
        assert (ab / name).read_bytes() == (ba / name).read_bytes(), name


# --------------------------------------------------------------------------- interrupted writes


def _graph() -> Graph:
    return build_graph(extraction_of(Page(title="Snippet Film", text=SNIPPET, source="x")), Minter())


def _interrupt_second_replace(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    real = os.replace
    calls: list[tuple[str, str]] = []

    def replace(src, dst, *args, **kwargs):
        calls.append((os.fspath(src), os.fspath(dst)))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(kg.serialize.os, "replace", replace)
    return calls


FORMATS = (Format.TURTLE, Format.JSONLD, Format.NTRIPLES)


@pytest.mark.parametrize(
    "existing",
    [
        pytest.param((), id="fresh-dir"),
        pytest.param(("ttl",), id="one-file-there"),
        pytest.param(
            ("ttl", "jsonld", "nt"),
            id="all-files-there",
        ),
    ],
)
def test_an_interrupt_while_writing_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing) -> None:
    graph = _graph()
    out = tmp_path / "out"
    out.mkdir()
    before = {}
    for ext in existing:
        (out / f"Snippet_Film.{ext}").write_bytes(f"previous {ext}\n".encode())
        before[f"Snippet_Film.{ext}"] = f"previous {ext}\n".encode()
    (out / "Other.ttl").write_bytes(b"another article\n")
    before["Other.ttl"] = b"another article\n"
    calls = _interrupt_second_replace(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        write_outputs(graph, out, "Snippet_Film", FORMATS)
    monkeypatch.undo()
    assert len(calls) >= 2
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert not [n for n in after if n.endswith((".tmp", ".bak"))], sorted(after)
    assert after == before  # no partial set; what was there is back, unchanged


def test_writing_after_an_interrupt_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    graph = _graph()
    out = tmp_path / "out"
    _interrupt_second_replace(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        write_outputs(graph, out, "Snippet_Film", FORMATS)
    monkeypatch.undo()
    written = write_outputs(graph, out, "Snippet_Film", FORMATS)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)
    assert len(written) == 3


def test_zz_report_times(capsys) -> None:
    with capsys.disabled():
        for what, seconds in TIMES.items():
            print(f"\n[limits] {what}: {seconds:.2f}s", end="")
        print()
