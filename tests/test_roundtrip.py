"""Every serialization round-trips: what kg writes, a parser reads back as the same graph.

For the bundled example and a few small wikitext fixtures (``tests/data/films``), the
article graph is serialized in every :class:`kg.serialize.Format`, parsed back with
rdflib and compared with the original (``rdflib.compare.isomorphic``); every format is
also parsed with pyoxigraph, an independent parser, and must give the same number of
triples. N-Quads, TriG and JSON-LD (whose top-level ``@id`` names the graph) put the
statements into one named graph whose IRI is the graph's identifier.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from tests.helpers import extraction_of
from kg.iri import Minter
from kg.mapping import build_graph
from kg.serialize import Format, serialize
from kg.sources import read_pages

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "leaving-las-vegas.api.json"
FILMS = REPO / "tests" / "data" / "films"

CASES = {
    "example": EXAMPLE,
    "test-film": FILMS / "Test_Film.wiki",
    "les-etoiles": FILMS / "Les_Étoiles_(2003_film).wiki",
    "acdc-live": FILMS / "AC%2FDC_Live_(film).wiki",
}

# format -> (rdflib parser name, pyoxigraph format, holds a named graph)
PARSERS = {
    Format.TURTLE: ("turtle", pyoxigraph.RdfFormat.TURTLE, False),
    Format.NTRIPLES: ("nt", pyoxigraph.RdfFormat.N_TRIPLES, False),
    Format.NQUADS: ("nquads", pyoxigraph.RdfFormat.N_QUADS, True),
    Format.TRIG: ("trig", pyoxigraph.RdfFormat.TRIG, True),
    Format.JSONLD: ("json-ld", pyoxigraph.RdfFormat.JSON_LD, True),
}


def test_every_format_has_a_parser() -> None:
    assert set(PARSERS) == set(Format)


@cache
def article_graph(case: str) -> Graph:
    (page,) = read_pages(str(CASES[case]))
    graph = build_graph(extraction_of(page), Minter())
    assert len(graph) > 20, f"{case}: suspiciously small graph ({len(graph)} triples)"
    return graph


def nt_lines(graph: Graph) -> list[str]:
    return sorted(line for line in graph.serialize(format="nt11").splitlines() if line.strip())


def diff_message(expected: Graph, actual: Graph) -> str:
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = [f"graphs differ: {len(expected)} triples expected, {len(actual)} read back"]
    lines += ["only in expected:"] + [f"  {line}" for line in nt_lines(only_expected)]
    lines += ["only in actual:"] + [f"  {line}" for line in nt_lines(only_actual)]
    return "\n".join(lines)


@contextmanager
def lexical_forms_as_written() -> Iterator[None]:
    """Parse literals as written: rdflib would otherwise rewrite "PT111M" as "PT1H51M".

    Only the parse runs with this: the graph under test is built with rdflib's defaults,
    as ``kg export`` builds it.
    """
    saved = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = saved


def reparse_rdflib(data: bytes, fmt: Format, identifier: URIRef) -> Graph:
    with lexical_forms_as_written():
        return _reparse(data, fmt, identifier)


def _reparse(data: bytes, fmt: Format, identifier: URIRef) -> Graph:
    name, _, named = PARSERS[fmt]
    if not named:
        graph = Graph()
        graph.parse(data=data, format=name)
        return graph
    ds = Dataset()
    ds.parse(data=data, format=name)  # JSON-LD: with the context inlined in the document
    graphs = {g.identifier: g for g in ds.graphs() if len(g)}
    assert list(graphs) == [identifier], f"{fmt.cli_name}: statements are in graphs {sorted(graphs)}, expected only <{identifier}>"
    return graphs[identifier]


CASE_FORMATS = [pytest.param(case, fmt, id=f"roundtrip:{case}:{fmt.cli_name}") for case in CASES for fmt in Format]


@pytest.mark.parametrize(("case", "fmt"), CASE_FORMATS)
def test_rdflib_roundtrip(case: str, fmt: Format) -> None:
    expected = article_graph(case)
    data = serialize(expected, fmt)
    assert isinstance(data, bytes) and data.endswith(b"\n")
    data.decode("utf-8")  # every format is UTF-8
    actual = reparse_rdflib(data, fmt, expected.identifier)
    if not isomorphic(expected, actual):
        pytest.fail(diff_message(expected, actual))


@pytest.mark.parametrize(("case", "fmt"), CASE_FORMATS)
def test_pyoxigraph_reads_the_same_number_of_triples(case: str, fmt: Format) -> None:
    expected = article_graph(case)
    data = serialize(expected, fmt)
    _, ox_format, named = PARSERS[fmt]
    statements = list(pyoxigraph.parse(data, format=ox_format))
    assert len(set(statements)) == len(statements), "duplicate statements"
    assert len(statements) == len(expected)
    if named:
        graph_name = pyoxigraph.NamedNode(str(expected.identifier))
        assert {q.graph_name for q in statements} == {graph_name}
    else:
        assert {q.graph_name for q in statements} == {pyoxigraph.DefaultGraph()}


@pytest.mark.parametrize("case", list(CASES))
def test_pyoxigraph_and_rdflib_agree_on_the_terms(case: str) -> None:
    """Beyond the count: pyoxigraph reads the N-Triples to exactly rdflib's triples."""
    expected = article_graph(case)
    data = serialize(expected, Format.NTRIPLES)
    ox = Graph()
    with lexical_forms_as_written():
        ox.parse(data="".join(f"{q.triple} .\n" for q in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES)), format="nt")
    if not isomorphic(expected, ox):
        pytest.fail(diff_message(expected, ox))


def test_diff_message_names_the_differing_triples() -> None:
    """The failure report itself works (it is what a red round-trip prints)."""
    expected = article_graph("test-film")
    actual = Graph()
    for triple in expected:
        actual.add(triple)
    removed = sorted(expected)[0]
    actual.remove(removed)
    assert not isomorphic(expected, actual)
    message = diff_message(expected, actual)
    only_expected = message.split("only in expected:\n", 1)[1].split("only in actual:", 1)[0]
    assert only_expected.count("\n") == 1 and str(removed[0]) in only_expected
