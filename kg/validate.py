"""SHACL validation: graph → :class:`Report` of :class:`Violation` lines, by one of two engines.

* ``rudof`` (the default; `pyrudof <https://pypi.org/project/pyrudof/>`_, a SHACL engine
  written in Rust): kg's shapes unchanged, SPARQL-based constraints included, about five
  times faster than pySHACL on kg's graphs; what ``kg export`` runs on every graph.
* ``pyshacl`` (`pySHACL <https://pypi.org/project/pyshacl/>`_): the reference,
  ``kg validate --engine pyshacl``.

The two give the same verdict and the same focus nodes on every corpus graph and on
broken copies of them (``tests/test_validate_engines.py``). pySHACL also reports a
literal whose lexical form does not fit its datatype (``"x"^^xsd:integer``) under
``sh:datatype``; rudof does not, so kg adds that check itself (an ill-typed literal is a
``DatatypeConstraintComponent`` violation whichever the engine). The report of a graph
that does not conform is always pySHACL's, so that its lines (the shapes' own
``sh:message`` s) do not depend on the engine: rudof decides, and only a graph it
rejects (which kg's own graphs never are) costs a pySHACL run.

Each engine is imported only when a graph is validated, and the shapes are read once per
process (rudof: once per thread, a session being not shareable between threads).
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache

from rdflib import RDF, Graph, Literal, Namespace, URIRef

from kg.resources import shapes_file
from kg.staged import triples_of

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


#: the validation engines, the default first
ENGINES = ("rudof", "pyshacl")


def validate(data: Graph, shapes: Graph | None = None, engine: str = "rudof") -> Report:
    """Validate ``data`` against kg's shapes (or ``shapes``).

    :param data: the graph to check.
    :param shapes: another shapes graph (tests use this).
    :param engine: one of :data:`ENGINES`.
    :returns: a :class:`Report`; violations sorted.
    """
    if engine == "rudof":
        return _validate_rudof(data, shapes)
    if engine != "pyshacl":
        raise ValueError(f"unknown validation engine {engine!r} (one of {', '.join(ENGINES)})")
    return _validate_pyshacl(data, shapes)


def _validate_pyshacl(data: Graph, shapes: Graph | None) -> Report:
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


_SESSIONS = threading.local()
#: a triple that is never part of kg's data: rudof's session needs data read once before
#: triples can be staged, and is then emptied of it
_SEED = "<urn:kg:seed> <urn:kg:seed> <urn:kg:seed> ."


def _rudof_session(shapes: Graph | None):
    """This thread's pyrudof session holding kg's shapes (or a new one for ``shapes``)
    and empty data.

    Each graph is read into the session's data inside a staging frame (``begin_staging``,
    ``read_data`` merging, ``validate_shacl``, ``rollback_staging``), so the data is
    empty again after it. Replacing the data instead (``read_data(merge=False)``, or
    ``reset_data``) makes pyrudof 0.3 build its data anew with an HTTP client that loads
    every certificate of the system's trust store, about 70 ms a graph; a merge reads
    into what is there in well under a millisecond. The session's first data (one triple,
    removed at once) pays that cost once.
    """
    import pyrudof

    if shapes is None:
        session = getattr(_SESSIONS, "session", None)
        if session is not None:
            return session
    session = pyrudof.Rudof(pyrudof.RudofConfig())
    if shapes is None:
        with open(shapes_file(), encoding="utf-8") as fh:
            session.read_shacl(fh.read(), pyrudof.ShaclFormat.Turtle)
    else:
        session.read_shacl(shapes.serialize(format="nt11"), pyrudof.ShaclFormat.NTriples)
    with _no_trust_store():
        session.read_data(_SEED, pyrudof.RDFFormat.NTriples)
    session.remove_triple("<urn:kg:seed>", "<urn:kg:seed>", "<urn:kg:seed>")
    if shapes is None:
        _SESSIONS.session = session
    return session


@contextmanager
def _no_trust_store():
    """While rudof reads the session's first data: no certificates for the HTTP client it
    builds then (kg gives rudof only data in memory, it fetches nothing), which saves
    reading the whole system trust store (about 100 ms, a tenth of a cold ``kg export``).

    Done only when the process has this one thread, as the process environment is
    shared: the two variables are restored (or removed) before anything else runs.
    """
    names = ("SSL_CERT_FILE", "SSL_CERT_DIR")
    if threading.active_count() > 1:
        yield
        return
    saved = {name: os.environ.get(name) for name in names}
    for name in names:
        os.environ[name] = os.devnull
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _validate_rudof(data: Graph, shapes: Graph | None) -> Report:
    """rudof's verdict; for a graph that does not conform, pySHACL's report of it."""
    if rudof_verdict(data, shapes)[0]:
        return Report(True, [])
    return _validate_pyshacl(data, shapes)


def rudof_verdict(data: Graph, shapes: Graph | None = None) -> tuple[bool, frozenset[str]]:
    """rudof's verdict on ``data``: whether it conforms, and the focus nodes of its
    violations (an ill-typed literal's subject among them), written as pySHACL's
    :class:`Violation` writes them (a blank node by its bare id)."""
    from kg.ntriples import nt_terms

    import pyrudof

    session = _rudof_session(shapes)
    text = "".join(f"{s} {p} {o} .\n" for s, p, o in nt_terms(data))
    session.begin_staging()
    try:
        if text:
            session.read_data(text, pyrudof.RDFFormat.NTriples, merge=True)
        results = session.validate_shacl()
    finally:
        session.rollback_staging()
    focus = {_rudof_focus(str(entry.focus_node)) for entry in results.violations
             if str(entry.severity).endswith("Violation")}
    focus.update(str(s) for s, o in _ill_typed(data))
    return not focus, frozenset(focus)


def _rudof_focus(text: str) -> str:
    """rudof writes a focus node as ``iri``, ``_:id`` or ``"lexical"…``; pySHACL's
    :class:`Violation` as the IRI, the id, or the lexical form."""
    if text.startswith('"'):
        return text[1:text.rindex('"')].replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")
    return text.removeprefix("_:")


def _ill_typed(data: Graph):
    """``(subject, literal)`` for each literal whose lexical form is not of its datatype
    (``"x"^^xsd:integer``)."""
    for s, _, o in triples_of(data):
        if isinstance(o, Literal) and o.datatype is not None and o.ill_typed:
            yield s, o


def _short(node) -> str:
    if node is None:
        return "-"
    text = str(node)
    for prefix, ns in (("schema:", "http://schema.org/"), ("kg:", "https://w3id.org/kg-film/ontology#"), ("sh:", str(SH)),
                       ("xsd:", "http://www.w3.org/2001/XMLSchema#")):
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
