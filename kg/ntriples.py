"""RDF terms as N-Triples text, fast: what kg's N-Triples and N-Quads writers
(:mod:`kg.serialize`) and the rudof validator (:mod:`kg.validate`) are given."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef

from kg.staged import derived, triples_of


def nt_terms(graph: Graph) -> list[tuple[str, str, str]]:
    """Each triple of the graph as three N-Triples terms (``<iri>``, ``_:b``, ``"lexical"@lang``,
    ``"lexical"^^<datatype>``), escaped as rdflib's N-Triples writer escapes them, so that
    the lines are the bytes rdflib writes: the N-Triples and N-Quads writers and the rudof
    validator (:mod:`kg.validate`) take them. Each distinct term is written once, and a
    built graph's terms once while it is unchanged (:func:`kg.staged.derived`)."""
    return list(derived(graph, "nt_terms", _nt_terms))


def _nt_terms(graph: Graph) -> tuple[tuple[str, str, str], ...]:
    cache: dict = {}
    out = []
    for triple in triples_of(graph):
        terms = []
        for term in triple:
            text = cache.get(term)
            if text is None:
                text = cache[term] = nt_term(term)
            terms.append(text)
        out.append(tuple(terms))
    return tuple(out)


def nt_term(term) -> str:
    """One RDF term in N-Triples syntax, as rdflib's N-Triples writer writes it."""
    if isinstance(term, Literal):
        text = '"' + str(term).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, (URIRef, BNode)):
        return term.n3()
    raise TypeError(f"not an RDF term: {term!r}")  # pragma: no cover
