"""kg's fast N-Triples terms (:mod:`kg.ntriples`) are the bytes rdflib's writer gives, and
read back as the same terms."""

from __future__ import annotations

import pyoxigraph
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from kg.ntriples import nt_term, nt_terms

S = URIRef("https://w3id.org/kg-film/resource/S")
P = URIRef("http://schema.org/name")
DATATYPES = [None, "http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/2001/XMLSchema#date",
             "http://www.w3.org/2001/XMLSchema#integer", "http://www.w3.org/2001/XMLSchema#duration"]
# text as kg writes it: any character but the surrogates and NUL (which no parse tree keeps)
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@st.composite
def literals(draw):
    lexical = draw(TEXT)
    if draw(st.booleans()):
        return Literal(lexical, lang=draw(st.sampled_from(["en", "en-GB", "ta", "zh-Hant"])))
    datatype = draw(st.sampled_from(DATATYPES))
    return Literal(lexical, datatype=URIRef(datatype) if datatype else None)


def _rdflib_line(o) -> str:
    g = Graph()
    g.add((S, P, o))
    return g.serialize(format="nt11", encoding="utf-8").decode("utf-8").strip()


@settings(max_examples=300, deadline=None)
@given(literals())
def test_a_literal_is_written_as_rdflib_writes_it_and_reads_back(o):
    (s, p, text), = nt_terms(_one(o))
    line = f"{s} {p} {text} ."
    assert line == _rdflib_line(o)
    (quad,) = pyoxigraph.parse(line.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert quad.object.value == str(o)
    assert (quad.object.language or "").lower() == (o.language or "").lower()  # tags are case-insensitive
    if o.datatype is not None:
        assert quad.object.datatype.value == str(o.datatype)


@settings(max_examples=100, deadline=None)
@given(st.text(st.sampled_from("abcXYZ019_()%-.,'!~"), min_size=1, max_size=30))
def test_an_iri_is_written_in_angle_brackets(tail):
    iri = URIRef("https://w3id.org/kg-film/resource/" + tail)
    assert nt_term(iri) == f"<{iri}>" == iri.n3()


def test_each_distinct_term_is_written_once_and_every_triple_comes_out():
    g = Graph()
    for n in range(5):
        g.add((S, P, Literal(f"name {n}", lang="en")))
    out = nt_terms(g)
    assert sorted(o for _, _, o in out) == [f'"name {n}"@en' for n in range(5)]
    assert {s for s, _, _ in out} == {f"<{S}>"}


def _one(o) -> Graph:
    g = Graph()
    g.add((S, P, o))
    return g
