"""The data contract's six questions as named queries with parameters (``kg query cast
--film "Leaving Las Vegas"``).

A parameter is bound as an RDF term, never pasted into the query text. A film or person
is named by its name ("Heat") or by its page title ("Heat (1995 film)"), so a parameter is
answered in two steps: first the nodes it names are looked up, with the value bound as an
``@en`` literal and as the Wikipedia page IRI (the embedded store substitutes them for
variables, SEP-0007; an endpoint gets them in a ``VALUES`` block written by an N-Triples
serialiser, :func:`kg.stores.endpoint.terms_block`); then the question is asked about
exactly those nodes (a ``VALUES`` block of the IRIs found). Every query reads each
article's graph on its own (``GRAPH ?g``), so it answers the same whatever a store makes
its default graph.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg.stores import QueryResult

#: where a named query takes its parameters (a comment to any SPARQL parser); an endpoint
#: (:mod:`kg.stores.endpoint`) puts the parameters' values there
PARAMETERS = "#kg:parameters\n"

PREFIXES = """PREFIX schema: <http://schema.org/>
PREFIX kg: <https://w3id.org/kg-film/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""

#: the nodes a parameter names: a film, or any named node (a person, a company, a film …)
_LOOKUP = {
    "film": "SELECT DISTINCT ?x ?name ?page WHERE {\n  " + PARAMETERS + "  GRAPH ?g { ?x a schema:Movie . { ?x schema:name ?name } UNION { ?x schema:sameAs ?page } }\n} ORDER BY ?x",
    "person": "SELECT DISTINCT ?x ?name ?page WHERE {\n  " + PARAMETERS + "  GRAPH ?g { { ?x schema:name ?name } UNION { ?x schema:sameAs ?page } FILTER NOT EXISTS { ?x a schema:Movie } }\n} ORDER BY ?x",
}


@dataclass(frozen=True)
class NamedQuery:
    """One of the six questions.

    :param name: its name on the command line.
    :param question: the question it answers.
    :param template: the query, with ``{nodes}`` where the nodes the parameter names go
        (a ``VALUES`` block; empty when the parameter is optional and not given).
    :param parameter: ``film`` or ``person``.
    :param node: the variable the parameter names.
    :param required: whether the parameter must be given.
    """

    name: str
    question: str
    template: str
    parameter: str
    node: str
    required: bool


QUERIES: dict[str, NamedQuery] = {
    q.name: q
    for q in (
        NamedQuery(
            "cast",
            "Who plays which character in film F, in credit order?",
            """SELECT ?film ?position ?actor ?character WHERE {{
  GRAPH ?g {{
    {nodes}    ?f a schema:Movie ; schema:name ?film ; kg:cast ?role .
    ?role schema:position ?position ; schema:actor ?a .
    ?a schema:name ?actor .
    OPTIONAL {{ ?role schema:characterName ?character }}
  }}
}} ORDER BY ?film ?position ?character""",
            "film", "f", True,
        ),
        NamedQuery(
            "awards",
            "Which awards did person P win, at which ceremony, for which film — and which were only nominations?",
            """SELECT DISTINCT ?result ?award ?ceremony ?date ?film WHERE {{
  GRAPH ?g {{
    {nodes}    ?n a kg:Nomination ; kg:nominee ?p ; kg:award ?a ; kg:forWork ?f ; kg:result ?r .
    ?a schema:name ?award .
    ?f schema:name ?film .
  }}
  # the ceremony from any graph: a nomination two sources of one page state is one node,
  # of which one may name the ceremony and the other not
  OPTIONAL {{ GRAPH ?h {{ ?n kg:ceremony ?c . ?c schema:name ?ceremony . OPTIONAL {{ ?c schema:startDate ?date }} }} }}
  BIND (STRAFTER(STR(?r), "#") AS ?result)
}} ORDER BY (?r != kg:Won) ?result ?date ?award ?film""",
            "person", "p", True,
        ),
        NamedQuery(
            "roles",
            "Which people worked on film F in more than one capacity?",
            """SELECT ?film ?person (GROUP_CONCAT(DISTINCT ?capacity; separator=", ") AS ?capacities) WHERE {{
  VALUES (?property ?capacity) {{
    (schema:director "director") (schema:producer "producer") (kg:screenwriter "screenwriter")
    (kg:storyBy "story") (schema:musicBy "music") (kg:cinematographer "cinematographer")
    (kg:filmEditor "editor") (kg:narrator "narrator") (schema:actor "actor")
  }}
  GRAPH ?g {{
    {nodes}    ?f a schema:Movie ; schema:name ?film ; ?property ?x .
    ?x schema:name ?person .
  }}
}} GROUP BY ?film ?x ?person HAVING (COUNT(DISTINCT ?property) > 1) ORDER BY ?film ?person""",
            "film", "f", False,
        ),
        NamedQuery(
            "songs",
            "Which tracks on film F's soundtrack were written by someone other than the performer, and how long are they?",
            """SELECT ?film ?album ?position ?track ?duration
       (GROUP_CONCAT(DISTINCT ?writerName; separator=", ") AS ?writers)
       (GROUP_CONCAT(DISTINCT ?performerName; separator=", ") AS ?performers) WHERE {{
  GRAPH ?g {{
    {nodes}    ?f a schema:Movie ; schema:name ?film ; kg:soundtrack ?al .
    ?al schema:name ?album ; schema:track ?t .
    ?t schema:name ?track ; schema:position ?position ; schema:recordingOf ?song .
    ?song schema:composer|schema:lyricist ?w .
    ?w schema:name ?writerName .
    FILTER NOT EXISTS {{ ?t schema:byArtist ?w }}
    OPTIONAL {{ ?t schema:duration ?duration }}
    OPTIONAL {{ ?t schema:byArtist ?performer . ?performer schema:name ?performerName }}
  }}
}} GROUP BY ?film ?album ?position ?track ?duration ORDER BY ?film ?album ?position""",
            "film", "f", False,
        ),
        NamedQuery(
            "wikidata",
            "Which of film F's people are linked to Wikidata, and with which QID?",
            """SELECT ?film ?person ?qid WHERE {{
  GRAPH ?g {{
    {nodes}    ?f a schema:Movie ; schema:name ?film ; ?property ?x .
    ?x a schema:Person ; schema:name ?person ; owl:sameAs ?item .
    FILTER (STRSTARTS(STR(?item), "http://www.wikidata.org/entity/Q"))
  }}
  BIND (STRAFTER(STR(?item), "http://www.wikidata.org/entity/") AS ?qid)
}} GROUP BY ?film ?person ?qid ORDER BY ?film ?person""",
            "film", "f", False,
        ),
        NamedQuery(
            "provenance",
            "Which statements came from which revision of which article? (with --film: that article's statements)",
            """SELECT ?article ?revision ?timestamp (COUNT(*) AS ?statements) WHERE {{
  GRAPH ?g {{
    {nodes}    ?g prov:wasDerivedFrom ?revision ; dcterms:source ?article .
    ?f a schema:Movie ; schema:sameAs ?article .
    OPTIONAL {{ ?revision prov:generatedAtTime ?timestamp }}
    ?s ?p ?o
  }}
}} GROUP BY ?article ?revision ?timestamp ORDER BY ?article""",
            "film", "f", False,
        ),
    )
}

#: with --film, provenance lists the statements themselves
PROVENANCE_STATEMENTS = """SELECT ?revision ?s ?p ?o WHERE {{
  GRAPH ?g {{
    {nodes}?g prov:wasDerivedFrom ?revision ; dcterms:source ?article .
    ?f a schema:Movie ; schema:sameAs ?article .
    ?s ?p ?o
  }}
}} ORDER BY ?s ?p ?o"""


def ask(store, name: str, value: str | None) -> tuple[QueryResult, str | None]:
    """Answer the named query ``name`` about ``value`` (a film's or person's name or title).

    :param store: an embedded store or an endpoint.
    :returns: the answer, and a note when ``value`` names nothing in the store.
    :raises KeyError: no such named query.
    :raises ValueError: a required parameter is missing.
    """
    from kg.iri import wikipedia_url

    query = QUERIES[name]
    template = PROVENANCE_STATEMENTS if name == "provenance" and value else query.template
    if value is None or not value.strip():
        if query.required:
            raise ValueError(f"kg query {name} needs --{query.parameter} NAME")
        return store.query(PREFIXES + template.format(nodes="")), None
    value = value.strip()
    terms = {"name": ox.Literal(value, language="en"), "page": ox.NamedNode(wikipedia_url(value))}
    found = [row[0] for row in store.query(PREFIXES + _LOOKUP[query.parameter], terms).rows if isinstance(row[0], ox.NamedNode)]
    if not found:
        what = "film" if query.parameter == "film" else "person or organisation"
        return store.query(PREFIXES + template.format(nodes=f"VALUES ?{query.node} {{ }}\n    ")), f'no {what} named or titled "{value}" in {store.kind} {store.where}'
    nodes = f"VALUES ?{query.node} {{ {' '.join(str(n) for n in found)} }}\n    "
    return store.query(PREFIXES + template.format(nodes=nodes)), None
