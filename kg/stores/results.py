"""Query answers written out: the W3C SPARQL 1.1 result formats (CSV, TSV, JSON), an
aligned table for people, and Turtle for CONSTRUCT / DESCRIBE."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

import pyoxigraph as ox

from kg.stores import QueryResult

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: prefixes a table shortens IRIs with (and Turtle output declares)
PREFIXES = {
    "schema": "http://schema.org/",
    "kg": "https://w3id.org/kg-film/ontology#",
    "wd": "http://www.wikidata.org/entity/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
}

FORMATS = ("table", "csv", "tsv", "json")


def write(result: QueryResult, fmt: str) -> str:
    """The answer in ``fmt`` (``table``, ``csv``, ``tsv`` or ``json``); a graph answer is Turtle whatever ``fmt``."""
    if result.kind == "graph":
        return turtle(result.triples)
    return {"table": table, "csv": to_csv, "tsv": to_tsv, "json": to_json}[fmt](result)


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
    bindings = []
    for row in result.rows:
        binding = {}
        for name, term in zip(result.variables, row):
            if term is not None:
                binding[name] = _json_term(term)
        bindings.append(binding)
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1) + "\n"


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV Format: plain values, CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return out.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else (f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value) for t in row])
    return out.getvalue()


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV Format: terms in SPARQL / N-Triples syntax."""
    if result.kind == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else str(t) for t in row))
    return "\n".join(lines) + "\n"


def table(result: QueryResult) -> str:
    """An aligned table: plain values, IRIs shortened by the usual prefixes, a count line."""
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    header = result.variables
    rows = [[_cell(t) for t in row] for row in result.rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(header, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns) and term.value[len(ns):] and "/" not in term.value[len(ns):]:
                return f"{prefix}:{term.value[len(ns):]}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return " ".join(term.value.split())
    return str(term)


def _width(text: str) -> int:
    """Columns a string takes on a terminal (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def turtle(triples: list[ox.Triple]) -> str:
    """Triples as Turtle with the usual prefixes."""
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode("utf-8")
