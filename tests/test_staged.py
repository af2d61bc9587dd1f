"""kg.staged: the map stage's triples, handed to rdflib unindexed until rdflib reads them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.serialize import Format, serialize
from kg.staged import TripleSet, triples_of

S = [URIRef(f"https://example.org/s{i}") for i in range(4)]
P = [URIRef(f"https://example.org/p{i}") for i in range(3)]
O = [Literal("a", lang="en"), Literal(1), URIRef("https://example.org/o"), Literal("b")]
TRIPLES = st.lists(st.tuples(st.sampled_from(S), st.sampled_from(P), st.sampled_from(O)), max_size=30)
PREFIXES = {"ex": "https://example.org/"}


def test_a_triple_set_answers_as_an_rdflib_graph_does():
    ts, g = TripleSet(), Graph()
    for t in [(S[0], P[0], O[0]), (S[0], P[0], O[1]), (S[0], P[0], O[0]), (S[1], P[1], O[2])]:
        ts.add(t)
        g.add(t)
    assert len(ts) == len(g) == 3
    assert ts.value(S[0], P[0]) == g.value(S[0], P[0]) == O[0]  # the first value added
    assert ts.value(S[2], P[0]) is None
    assert (S[1], P[1], None) in ts and (S[1], P[0], None) not in ts
    assert (S[1], P[1], O[2]) in ts and (S[1], P[1], O[0]) not in ts


@settings(max_examples=100, deadline=None)
@given(TRIPLES)
def test_a_built_graph_is_its_triples_read_either_way(triples):
    ts, plain = TripleSet(), Graph(bind_namespaces="none")
    for t in triples:
        ts.add(t)
        plain.add(t)
    g = ts.graph("https://example.org/graph", PREFIXES)
    assert set(triples_of(g)) == set(plain)
    assert g.store.staged is not None  # the writers and the validator read it unindexed
    assert serialize(g, Format.NTRIPLES) == serialize(plain, Format.NTRIPLES)
    assert g.store.staged is not None
    assert set(g) == set(plain) and len(g) == len(plain)  # read through rdflib: indexed once
    assert g.store.staged is None
    assert isomorphic(g, plain)
    assert dict(g.namespaces()) == {"ex": URIRef("https://example.org/")}


def test_a_built_graph_changed_through_rdflib_keeps_what_it_had():
    ts = TripleSet()
    ts.add((S[0], P[0], O[0]))
    g = ts.graph(None, PREFIXES)
    g.add((S[1], P[1], O[1]))
    assert set(g) == {(S[0], P[0], O[0]), (S[1], P[1], O[1])}
    g.remove((S[0], None, None))
    assert set(triples_of(g)) == {(S[1], P[1], O[1])}
    fresh = TripleSet().add((S[0], P[0], O[0])).add((S[1], P[0], O[0])).graph(None, PREFIXES)
    fresh.remove((S[0], None, None))  # the first change through rdflib
    assert set(triples_of(fresh)) == set(fresh) == {(S[1], P[0], O[0])}


def test_any_other_graph_is_read_through_rdflib():
    g = Graph()
    g.add((S[0], P[0], O[0]))
    assert triples_of(g) is g


def _fresh() -> Graph:
    return TripleSet().add((S[0], P[0], O[0])).add((S[1], P[0], O[1])).graph("https://example.org/graph", PREFIXES)


def test_each_first_reading_through_rdflib_sees_the_built_triples():
    assert len(_fresh()) == 2
    assert [c.identifier for c in _fresh().store.contexts()] == [URIRef("https://example.org/graph")]
    assert {row.s for row in _fresh().query("SELECT ?s WHERE { ?s ?p ?o }")} == {S[0], S[1]}
    assert _fresh().value(S[1], P[0]) == O[1]
    g = _fresh()
    g.add((S[2], P[2], O[2]))  # the first change
    assert len(set(triples_of(g))) == len(set(g)) == 3


def test_what_is_derived_from_a_built_graph_is_computed_once_while_it_is_unchanged():
    from kg.ntriples import nt_terms
    from kg.staged import derived

    g = _fresh()
    calls = []
    assert derived(g, "n", lambda graph: calls.append(1) or len(calls)) == 1
    assert derived(g, "n", lambda graph: calls.append(1) or len(calls)) == 1 and calls == [1]
    before = nt_terms(g)
    assert nt_terms(g) == before and len(before) == 2
    g.add((S[2], P[2], O[2]))  # a change through rdflib: what was derived is gone
    assert len(nt_terms(g)) == 3
    assert derived(g, "n", lambda graph: 7) == 7  # an ordinary rdflib graph now: every time
    assert derived(g, "n", lambda graph: 8) == 8
