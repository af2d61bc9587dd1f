"""SHACL validation with pySHACL: graph → :class:`Report` of :class:`Violation` lines.

pySHACL is imported only when a graph is validated (it takes ~0.4 s to import),
and the shapes graph is parsed once per process.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cache

from rdflib import RDF, Graph, Namespace, URIRef

from kg.resources import shapes_file

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, order=True, slots=True)
class Violation:
    """One SHACL result: focus node, path, constraint component, severity and message."""

    focus: str
    path: str
    component: str
    message: str
    severity: str = "Violation"

    def line(self) -> str:
        """The violation as one report line: ``[Violation] <focus> <path>: message (Component)``."""
        return f"[{self.severity}] <{self.focus}> {self.path}: {self.message} ({self.component})"


@dataclass(slots=True)
class Report:
    """The outcome of validating one graph."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)


@cache
def shapes_graph() -> Graph:
    """kg's SHACL shapes (``shapes/kg.shapes.ttl``), parsed once."""
    g = Graph()
    g.parse(shapes_file(), format="turtle")
    return g


def validate(data: Graph, shapes: Graph | None = None) -> Report:
    """Validate ``data`` against kg's shapes (or ``shapes``).

    :param data: the graph to check.
    :param shapes: another shapes graph (tests use this).
    :returns: a :class:`Report`; violations sorted.
    """
    import pyshacl

    _prepare_sparql_once()
    conforms, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes if shapes is not None else shapes_graph(),
        inference="none",
        advanced=False,
        allow_warnings=True,
        abort_on_first=False,
        inplace=True,
    )
    violations = sorted(_violations(results))
    return Report(bool(conforms), violations)


_PREPARED: dict[tuple, object] = {}
_INSTALLED = threading.Lock()
_installed = False


def _prepare_sparql_once() -> None:
    """Parse each SPARQL constraint once, not once per focus node.

    pySHACL hands rdflib the query text of a SPARQL-based constraint for every focus
    node, and rdflib parses it again each time: with a few hundred nodes that parsing
    is most of the validation time. rdflib's SPARQL processor is wrapped, once per
    process, so that it keeps the translated query (what
    ``rdflib.plugins.sparql.prepareQuery`` gives, which is made to be evaluated many
    times with different bindings) and reuses it. The wrapper only caches by query
    text, base and namespaces, so it answers exactly what rdflib would; installing it
    for good (rather than around each validation) keeps validation thread-safe.
    """
    global _installed
    with _INSTALLED:
        if _installed:
            return
        from rdflib.plugins.sparql import processor

        original = processor.SPARQLProcessor.query

        def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
            if isinstance(strOrQuery, str):
                key = (strOrQuery, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
                prepared = _PREPARED.get(key)
                if prepared is None:
                    prepared = _PREPARED[key] = processor.translateQuery(processor.parseQuery(strOrQuery), base, initNs)
                strOrQuery = prepared
            return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

        processor.SPARQLProcessor.query = query
        _installed = True


def _short(node) -> str:
    if node is None:
        return "-"
    text = str(node)
    for prefix, ns in (("schema:", "http://schema.org/"), ("kg:", "https://w3id.org/kg-film/ontology#"), ("sh:", str(SH))):
        if text.startswith(ns):
            return prefix + text[len(ns):]
    return text if isinstance(node, URIRef) else f"[{text}]"


def _violations(results: Graph):
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        component = results.value(r, SH.sourceConstraintComponent)
        message = results.value(r, SH.resultMessage)
        severity = results.value(r, SH.resultSeverity)
        yield Violation(
            str(focus),
            _short(path),
            _short(component).removeprefix("sh:"),
            str(message) if message is not None else "",
            _short(severity).removeprefix("sh:"),
        )
