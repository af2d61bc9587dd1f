"""rudof (the export's validator) and pySHACL (the reference) agree on kg's shapes.

``kg export`` validates every graph with rudof and asks pySHACL only for the report of a
graph rudof rejects (:mod:`kg.validate`). That is only sound if the two engines give the
same verdict: these tests compare them on the shape cases under ``tests/shapes``, on
every film graph of the corpus, and on broken copies of each (a triple or a property
deleted, a value added, a literal retyped, an IRI made a literal and back, a class
swapped, markup or a negative number put in), and check that the focus nodes of the
violations are the same ones.
"""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef

import kg
from kg.pipeline import Options, process_page
from kg.validate import ENGINES, rudof_verdict, validate

# a plain Namespace: rdflib's XSD warns when pytest probes module attributes
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SHAPE_CASES = sorted((Path(__file__).resolve().parent / "shapes").glob("*/*.ttl"))
MUTANTS_PER_GRAPH = 8


def _pyshacl(graph: Graph) -> tuple[bool, frozenset[str]]:
    report = validate(graph, engine="pyshacl")
    return report.conforms, frozenset(v.focus for v in report.violations if v.severity == "Violation")


@pytest.mark.parametrize("case", SHAPE_CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_engines_agree_on_shape_cases(case):
    graph = Graph().parse(case, format="turtle")
    expected = _pyshacl(graph)
    assert expected[0] is (case.parent.name == "valid")
    assert rudof_verdict(graph) == expected


def _copy(triples, identifier) -> Graph:
    g = Graph(identifier=identifier)
    for t in triples:
        g.add(t)
    return g


def mutants(graph: Graph, count: int, seed: int):
    """``count`` broken copies of ``graph`` (``(kind, copy)``), chosen by ``seed``."""
    rng = random.Random(seed)
    triples = sorted(graph, key=lambda t: tuple(map(str, t)))
    literals = [t for t in triples if isinstance(t[2], Literal)]
    iris = [t for t in triples if isinstance(t[2], URIRef)]
    typed = [t for t in triples if t[1] == RDF.type]
    classes = sorted(set(graph.objects(None, RDF.type)))
    plain = [t for t in literals if t[2].datatype in (None, XSD.string)]
    numbers = [t for t in literals if t[2].datatype in (XSD.integer, XSD.decimal, XSD.double)]
    kinds = ["delete", "drop_property", "add_value", "retype", "iri_to_literal", "literal_to_iri",
             "swap_class", "markup", "negative"]
    out = []
    while len(out) < count:
        kind = rng.choice(kinds)
        pool = {"add_value": literals, "retype": literals, "iri_to_literal": iris, "literal_to_iri": literals,
                "swap_class": typed, "markup": plain, "negative": numbers}.get(kind, triples)
        if not pool:
            continue
        s, p, o = rng.choice(pool)
        g = _copy(triples, graph.identifier)
        if kind == "delete":
            g.remove((s, p, o))
        elif kind == "drop_property":
            g.remove((s, p, None))
        elif kind == "add_value":
            g.add((s, p, Literal(f"{o} bis", lang=o.language, datatype=o.datatype)))
        elif kind == "retype":
            g.remove((s, p, o))
            g.add((s, p, rng.choice([Literal(str(o)), Literal(str(o), lang="fr"), Literal(str(o), datatype=XSD.integer)])))
        elif kind == "iri_to_literal":
            g.remove((s, p, o))
            g.add((s, p, Literal(str(o))))
        elif kind == "literal_to_iri":
            g.remove((s, p, o))
            g.add((s, p, URIRef("http://example.org/not-a-kg-node")))
        elif kind == "swap_class":
            g.remove((s, p, o))
            g.add((s, p, rng.choice(classes)))
        elif kind == "markup":
            g.remove((s, p, o))
            g.add((s, p, Literal(str(o) + rng.choice([" [[x]]", " {{y}}", " <ref>z</ref>", "'''b'''"]),
                                 lang=o.language, datatype=o.datatype)))
        else:
            g.remove((s, p, o))
            g.add((s, p, Literal("-5", datatype=o.datatype)))
        out.append((kind, g))
    return out


@pytest.fixture(scope="module")
def corpus_graphs(corpus):
    graphs = []
    for path in sorted(corpus.iterdir()):
        if path.suffix not in (".xml", ".json", ".wiki", ".txt") or path.name.startswith("MANIFEST"):
            continue
        try:
            pages = list(kg.read_pages(str(path)))
        except Exception:  # noqa: BLE001 - the corpus holds deliberately unreadable inputs
            continue
        for page in pages:
            result = process_page(page, Options(validate=False))
            if result.graph is not None:
                graphs.append((page.title, result.graph))
    assert len(graphs) >= 60
    return graphs


def test_engines_agree_on_corpus_graphs_and_broken_copies(corpus_graphs):
    compared = rejected = 0
    disagreements = []
    for title, graph in corpus_graphs:
        seed = sum(map(ord, title))
        for kind, g in [("as exported", graph), *mutants(graph, MUTANTS_PER_GRAPH, seed)]:
            expected = _pyshacl(g)
            got = rudof_verdict(g)
            compared += 1
            rejected += not expected[0]
            if got != expected:
                disagreements.append(f"{title} ({kind}): pySHACL {expected}, rudof {got}")
    assert not disagreements, "\n".join(disagreements[:10])
    # the broken copies are mostly rejected, the exported graphs all conform
    assert rejected >= compared * 0.6
    assert all(validate(g).conforms for _, g in corpus_graphs)


def test_each_graph_is_validated_alone():
    """Graphs are read into one session in turn (kg.validate._rudof_session): nothing of
    one may stay for the next, or a conforming graph after a broken one would fail."""
    from kg.validate import _rudof_session

    broken = Graph().parse(next(p for p in SHAPE_CASES if p.parent.name == "invalid"), format="turtle")
    valid = Graph().parse(next(p for p in SHAPE_CASES if p.parent.name == "valid"), format="turtle")
    assert [rudof_verdict(g)[0] for g in (broken, valid, broken, valid)] == [False, True, False, True]
    assert rudof_verdict(Graph()) == (True, frozenset())
    assert list(_rudof_session(None).triples()) == []


def test_ill_typed_literal_is_a_violation_with_either_engine(corpus_graphs):
    duration = URIRef("http://schema.org/duration")
    graph, film = next((g, s) for _, g in corpus_graphs for s in g.subjects(duration, None))
    g = _copy(graph, graph.identifier)
    g.remove((film, duration, None))
    g.add((film, duration, Literal("ninety minutes", datatype=XSD.duration)))
    assert rudof_verdict(g) == (False, frozenset({str(film)}))
    for engine in ENGINES:
        report = validate(g, engine=engine)
        assert not report.conforms, engine
        assert any(v.focus == str(film) and v.component == "DatatypeConstraintComponent" for v in report.violations)


def test_report_of_a_rejected_graph_is_pyshacl_s(corpus_graphs):
    _, graph = corpus_graphs[1]
    kind, broken = next((k, g) for k, g in mutants(graph, 40, 3) if k == "drop_property" and not _pyshacl(g)[0])
    assert validate(broken) == validate(broken, engine="pyshacl")


def test_threads_each_get_their_own_session(corpus_graphs):
    graphs = [g for _, g in corpus_graphs[:12]]
    broken = [next(g for k, g in mutants(graph, 20, 1) if not _pyshacl(g)[0]) for graph in graphs[:4]]
    work = graphs + broken
    expected = [rudof_verdict(g) for g in work]
    got: dict[int, tuple] = {}

    def run(offset: int) -> None:
        for i in range(offset, len(work), 3):
            got[i] = rudof_verdict(work[i])

    threads = [threading.Thread(target=run, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [got[i] for i in range(len(work))] == expected


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown validation engine 'jena'"):
        validate(Graph(), engine="jena")


def test_rudof_reads_its_first_data_without_the_trust_store_and_the_environment_is_restored(monkeypatch):
    import os
    import threading

    from kg.validate import _no_trust_store

    monkeypatch.setenv("SSL_CERT_FILE", "/etc/some-bundle.pem")
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    with _no_trust_store():
        assert os.environ["SSL_CERT_FILE"] == os.environ["SSL_CERT_DIR"] == os.devnull
    assert os.environ["SSL_CERT_FILE"] == "/etc/some-bundle.pem" and "SSL_CERT_DIR" not in os.environ

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:  # another thread could read the environment meanwhile: left alone
        with _no_trust_store():
            assert os.environ["SSL_CERT_FILE"] == "/etc/some-bundle.pem" and "SSL_CERT_DIR" not in os.environ
    finally:
        stop.set()
        other.join()
