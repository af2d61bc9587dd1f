"""The formal side of the data contract: ontology, JSON-LD context and SHACL shapes.

* every graph under ``tests/shapes/valid`` conforms to ``shapes/kg.shapes.ttl``;
* every graph under ``tests/shapes/invalid`` yields exactly the violations its header
  declares, one ``# expect: FOCUS PATH COMPONENT`` line each. FOCUS and PATH are
  Turtle terms read with the file's own ``@base``/``@prefix`` lines (plus the usual
  prefixes: ``sh``, ``kg``, ``schema`` …); PATH ``-`` means the result has no path
  (a node-level constraint), FOCUS ``_:`` means some blank node;
* the shapes are valid SHACL (they conform to the SHACL-SHACL shapes graph);
* every ``kg:`` term the shapes, the context, the test graphs and the README use is
  defined in ``ontology/kg.ttl``;
* rdflib's JSON-LD serializer, given ``ontology/context.jsonld``, writes compact keys
  and reads back the same graph.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SH

ROOT = Path(__file__).resolve().parent.parent
SHAPES_FILE = ROOT / "shapes" / "kg.shapes.ttl"
ONTOLOGY_FILE = ROOT / "ontology" / "kg.ttl"
CONTEXT_FILE = ROOT / "ontology" / "context.jsonld"
README_FILE = ROOT / "ontology" / "README.md"
CASES = Path(__file__).resolve().parent / "shapes"
VALID = sorted((CASES / "valid").glob("*.ttl"))
INVALID = sorted((CASES / "invalid").glob("*.ttl"))

KG = Namespace("https://w3id.org/kg-film/ontology#")
SCHEMA = Namespace("http://schema.org/")
WD = "http://www.wikidata.org/entity/"
KGSH = Namespace("https://w3id.org/kg-film/shapes#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
# a plain Namespace: rdflib's XSD warns when pytest probes module attributes
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

# Prefixes an expectation may use without the case file declaring them.
DEFAULT_PREFIXES = {
    "sh": str(SH),
    "kg": str(KG),
    "kgsh": str(KGSH),
    "schema": str(SCHEMA),
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "wd": WD,
}

ANY_BNODE = "_:"  # stands for "some blank node" in focus position
NO_PATH = None

Expectation = tuple[object, object, URIRef]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def context() -> dict:
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def shacl_shacl_file() -> Path:
    path = Path(pyshacl.__file__).resolve().parent / "assets" / "shacl-shacl.ttl"
    assert path.is_file(), f"pyshacl ships no {path}"
    return path


def validate(data: Graph, shapes: Graph) -> tuple[bool, Graph, str]:
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=False
    )
    return conforms, report, text


# ------------------------------------------------------------------ expectation parser


def _turtle_header(text: str) -> str:
    """The case file's ``@base`` and ``@prefix`` lines, after the default prefixes."""
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in DEFAULT_PREFIXES.items()]
    lines += [ln for ln in text.splitlines() if re.match(r"\s*@(prefix|base)\b", ln)]
    return "\n".join(lines)


def _term(token: str, header: str):
    if token == "-":
        return NO_PATH
    if token == ANY_BNODE:
        return ANY_BNODE
    g = Graph().parse(data=f"{header}\n<urn:x:s> <urn:x:p> {token} .", format="turtle")
    (obj,) = list(g.objects())
    assert isinstance(obj, URIRef), f"expectation term {token!r} is not an IRI"
    return obj


def expectations(path: Path) -> set[Expectation]:
    text = path.read_text(encoding="utf-8")
    header = _turtle_header(text)
    found: set[Expectation] = set()
    for line in text.splitlines():
        m = re.match(r"#\s*expect:\s*(.+?)\s*$", line)
        if not m:
            continue
        tokens = m.group(1).split()
        assert len(tokens) == 3, f"{path.name}: expect line needs FOCUS PATH COMPONENT: {line!r}"
        focus, result_path, component = (_term(t, header) for t in tokens)
        assert isinstance(component, URIRef), f"{path.name}: no component in {line!r}"
        found.add((focus, result_path, component))
    return found


def actual_results(report: Graph) -> set[Expectation]:
    found: set[Expectation] = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        found.add(
            (
                ANY_BNODE if isinstance(focus, BNode) else focus,
                report.value(result, SH.resultPath),
                report.value(result, SH.sourceConstraintComponent),
            )
        )
    return found


# ------------------------------------------------------------------------ the shapes


def test_shapes_are_valid_shacl(shapes: Graph) -> None:
    shacl_shacl = Graph().parse(shacl_shacl_file(), format="turtle")
    conforms, _, text = pyshacl.validate(shapes, shacl_graph=shacl_shacl, inference="none")
    assert conforms, text


def test_every_constraint_has_a_message(shapes: Graph) -> None:
    """Every shape that holds a core constraint, and every SPARQL constraint, has an
    sh:message. A shape holding a SPARQL constraint has none of its own: pyshacl adds
    the enclosing shape's message to SPARQL results, where it would be wrong."""
    core = {
        SH.minCount, SH.maxCount, SH.datatype, SH.nodeKind, SH["class"], SH.pattern,
        SH["in"], SH["or"], SH["not"], SH.languageIn, SH.minInclusive, SH.hasValue,
        SH.qualifiedValueShape,
    }  # fmt: skip
    inner = {o for p in (SH["or"], SH["not"], SH.qualifiedValueShape) for o in shapes.objects(None, p)}
    inner |= {m for lst in shapes.objects(None, SH["or"]) for m in shapes.items(lst)}
    # and the property shapes inside those alternatives: the enclosing shape's message covers them
    frontier = set(inner)
    while frontier:
        frontier = {o for n in frontier for o in shapes.objects(n, SH.property)} - inner
        inner |= frontier
    missing, mixed = [], []
    for shape in set(shapes.subjects()) - inner:
        has_message = (shape, SH.message, None) in shapes
        if any((shape, p, None) in shapes for p in core) and not has_message:
            missing.append(shape)
        if (shape, SH.sparql, None) in shapes and has_message:
            mixed.append(shape)
    for constraint in shapes.objects(None, SH.sparql):
        if (constraint, SH.message, None) not in shapes:
            missing.append(constraint)
    assert not missing, f"shapes without sh:message: {missing}"
    assert not mixed, f"shapes with both sh:sparql and sh:message: {mixed}"


def test_sparql_results_carry_only_their_own_message(shapes: Graph) -> None:
    data = Graph().parse(CASES / "invalid" / "won-without-award-name.ttl", format="turtle")
    _, report, _ = validate(data, shapes)
    messages = {str(m) for m in report.objects(None, SH.resultMessage)}
    assert len(messages) == 1 and "was won" in messages.pop()


def test_every_model_class_has_a_node_shape(shapes: Graph) -> None:
    targeted = set(shapes.objects(None, SH.targetClass))
    model = {SCHEMA[c] for c in (
        "Movie Person Organization Country Place Book PerformanceRole PublicationEvent "
        "MonetaryAmount ImageObject MusicGroup Event MusicAlbum MusicRecording MusicComposition"
    ).split()} | {KG.Nomination, KG.Award, URIRef("http://www.w3.org/ns/prov#SoftwareAgent")}  # fmt: skip
    assert model <= targeted, f"no node shape targets {sorted(model - targeted)}"


def test_case_files_are_there() -> None:
    assert len(VALID) >= 3
    assert len(INVALID) >= 20
    for path in INVALID:
        assert expectations(path), f"{path.name} declares no expected violation"


@pytest.mark.parametrize("path", VALID, ids=[f"valid:{p.stem}" for p in VALID])
def test_valid_graph_conforms(path: Path, shapes: Graph) -> None:
    conforms, _, text = validate(Graph().parse(path, format="turtle"), shapes)
    assert conforms, text


@pytest.mark.parametrize("path", INVALID, ids=[f"invalid:{p.stem}" for p in INVALID])
def test_invalid_graph_yields_declared_violations(path: Path, shapes: Graph) -> None:
    conforms, report, text = validate(Graph().parse(path, format="turtle"), shapes)
    assert not conforms, f"{path.name} conforms, but should not"
    assert actual_results(report) == expectations(path), text


def test_full_valid_graph_exercises_every_class(shapes: Graph) -> None:
    data = Graph().parse(CASES / "valid" / "full-film.ttl", format="turtle")
    present = set(data.objects(None, RDF.type))
    targeted = set(shapes.objects(None, SH.targetClass))
    assert targeted <= present, f"full-film.ttl lacks {sorted(targeted - present)}"
    # and the provenance shapes that target by property
    for prop in shapes.objects(None, SH.targetSubjectsOf):
        assert (None, prop, None) in data, prop
    for prop in shapes.objects(None, SH.targetObjectsOf):
        assert (None, prop, None) in data, prop


MARKUP_FREE = ["O'Brien", "Rock 'n' Roll", "Ocean's Eleven", "5 < 6 > 4", "Tom & Jerry", "AT&T", "Less <than> more", "Romeo <3 Juliet"]
MARKUP = [
    "[[Foo]]", "[[Foo|bar]]", "Foo]]", "{{lang|fr|Amélie}}", "<b>x</b>", "x<br/>y", "x<br />",
    "''Foo''", "'''Bold'''", "O''Brien", "x<ref>y</ref>", 'x<ref name="a"/>', "x<ref",
    "a&nbsp;b", "a&#160;b", "[https://example.org link]", '<span class="x">y</span>', "x</small>", "<nowiki>x</nowiki>",
]  # fmt: skip


@pytest.mark.parametrize("text,flagged", [(t, False) for t in MARKUP_FREE] + [(t, True) for t in MARKUP])
def test_markup_pattern(text: str, flagged: bool, shapes: Graph) -> None:
    pattern = str(shapes.value(KGSH.Markup, SH.pattern))
    assert bool(re.search(pattern, text)) is flagged


# ---------------------------------------------------------------------- the ontology


def _kg_terms(graph: Graph) -> set[URIRef]:
    return {
        t
        for triple in graph
        for t in triple
        if isinstance(t, URIRef) and str(t).startswith(str(KG)) and t != KG[""]
    }


def _defined(ontology: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    return {s for k in kinds for s in ontology.subjects(RDF.type, k) if isinstance(s, URIRef)}


def _context_iris(context: dict) -> dict[str, str]:
    """Each context term, expanded to its IRI."""
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("/", "#"))}

    def expand(value: str) -> str:
        prefix, _, local = value.partition(":")
        return prefixes[prefix] + local if prefix in prefixes and not local.startswith("//") else value

    out = {}
    for key, value in context.items():
        if key.startswith("@") or key in prefixes:
            continue
        out[key] = expand(value if isinstance(value, str) else value["@id"])
    return out


def test_ontology_header(ontology: Graph) -> None:
    onto = URIRef("https://w3id.org/kg-film/ontology")
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(onto, OWL.versionInfo) == Literal("0.1.0")
    for p in (RDFS.label, RDFS.comment, URIRef("http://purl.org/dc/terms/license")):
        assert ontology.value(onto, p) is not None, p


def test_ontology_does_not_redefine_schema_org(ontology: Graph) -> None:
    assert not [s for s in ontology.subjects() if str(s).startswith(str(SCHEMA))]


def test_every_kg_term_is_fully_described(ontology: Graph) -> None:
    onto = URIRef("https://w3id.org/kg-film/ontology")
    for term in _defined(ontology):
        for p in (RDFS.label, RDFS.comment):
            value = ontology.value(term, p)
            assert isinstance(value, Literal) and value.language == "en", (term, p)
        assert ontology.value(term, RDFS.isDefinedBy) == onto, term
        if (term, RDF.type, OWL.ObjectProperty) in ontology or (
            term, RDF.type, OWL.DatatypeProperty
        ) in ontology:
            assert ontology.value(term, RDFS.domain) is not None, term
            assert ontology.value(term, RDFS.range) is not None, term
    for term in _kg_terms(ontology):
        assert term in _defined(ontology), f"{term} is used in kg.ttl but not defined"


def test_wikidata_alignments_are_property_or_item_iris(ontology: Graph) -> None:
    for p in (SKOS.closeMatch, SKOS.relatedMatch):
        for o in ontology.objects(None, p):
            if str(o).startswith(WD):
                assert re.fullmatch(r"[PQ][1-9][0-9]*", str(o)[len(WD):]), o


def test_kg_terms_used_are_defined(shapes: Graph, ontology: Graph, context: dict) -> None:
    used = _kg_terms(shapes)
    used |= {URIRef(iri) for iri in _context_iris(context).values() if iri.startswith(str(KG))}
    for path in VALID + INVALID:
        used |= _kg_terms(Graph().parse(path, format="turtle")) - {KG.Lost}  # the deliberate unknown
    used |= {KG[m] for m in re.findall(r"\bkg:([A-Za-z]+)", README_FILE.read_text(encoding="utf-8"))}
    missing = used - _defined(ontology)
    assert not missing, f"not defined in ontology/kg.ttl: {sorted(missing)}"


def test_every_kg_property_has_a_context_term(ontology: Graph, context: dict) -> None:
    iris = set(_context_iris(context).values())
    props = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | set(
        ontology.subjects(RDF.type, OWL.DatatypeProperty)
    )
    assert not {str(p) for p in props} - iris


# ------------------------------------------------------------------ the JSON-LD context

# rdflib's own JSON-LD plugins still call its deprecated ConjunctiveGraph API.
RDFLIB_INTERNALS = pytest.mark.filterwarnings("ignore:.*deprecated.*:DeprecationWarning")


def test_context_terms(context: dict) -> None:
    assert "@vocab" not in context
    assert context["@language"] == "en"
    for prefix in ("schema", "kg", "wd", "prov", "dcterms", "owl", "rdfs", "xsd"):
        assert prefix in context, prefix
    assert context["schema"] == "http://schema.org/"
    for key, iri in _context_iris(context).items():
        if ":" in key:  # compact-IRI keys name their own IRI
            prefix, local = key.split(":", 1)
            assert iri == context[prefix] + local, key
        else:  # plain keys are schema.org terms of the same name, never kg ones
            assert iri == str(SCHEMA[key]), key
    # object-valued properties are @id-coerced, typed literals carry their datatype
    for key in ("director", "actor", "sameAs", "kg:cast", "kg:nominee", "kg:result", "image"):
        assert context[key]["@type"] == "@id", key
    expected_types = {
        "position": "xsd:integer", "numTracks": "xsd:integer", "kg:rank": "xsd:integer",
        "duration": "xsd:duration", "value": "xsd:decimal", "minValue": "xsd:decimal",
        "maxValue": "xsd:decimal", "kg:voiceRole": "xsd:boolean",
    }  # fmt: skip
    for key, datatype in expected_types.items():
        assert context[key]["@type"] == datatype, key
    # dates vary between xsd:date, xsd:gYearMonth and xsd:gYear: never coerced
    for key in ("startDate", "datePublished"):
        assert "@type" not in context[key], key
    # plain (xsd:string) literals escape the default language
    for key in ("inLanguage", "currency", "softwareVersion"):
        assert context[key]["@language"] is None, key


def _keys(node) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for v in node.values() for k in _keys(v)}
    if isinstance(node, list):
        return {k for v in node for k in _keys(v)}
    return set()


def _assert_same(expected: Graph, actual: Graph) -> None:
    if not isomorphic(expected, actual):
        _, only_expected, only_actual = graph_diff(expected, actual)
        pytest.fail(
            "JSON-LD round trip changed the graph:\n"
            + "\n".join(f"- {t}" for t in sorted(only_expected))
            + "\n"
            + "\n".join(f"+ {t}" for t in sorted(only_actual))
        )


@RDFLIB_INTERNALS
def test_jsonld_round_trip(context: dict) -> None:
    graph = Graph().parse(CASES / "valid" / "full-film.ttl", format="turtle")
    text = graph.serialize(format="json-ld", context=context, auto_compact=True)
    doc = json.loads(text)
    assert "@context" not in doc["@context"], "pass the context's inner object, not the document"
    keys = _keys({k: v for k, v in doc.items() if k != "@context"})
    assert not [k for k in keys if k.startswith("http")], "a key was not compacted"
    assert {"name", "actor", "position", "startDate", "datePublished", "kg:cast", "kg:result"} <= keys
    nodes = {n["@id"]: n for n in doc["@graph"]}
    film = nodes["https://w3id.org/kg-film/resource/Leaving_Las_Vegas"]
    assert film["@type"] == "Movie"
    assert film["name"] == "Leaving Las Vegas"  # @en is the default language
    assert film["inLanguage"] == ["en", "fr-CA"] or sorted(film["inLanguage"]) == ["en", "fr-CA"]
    assert film["datePublished"] == {"@type": "xsd:date", "@value": "1995-10-27"}
    dates = {
        nodes[f"https://w3id.org/kg-film/resource/Leaving_Las_Vegas#release/{n}"]["startDate"]["@type"]
        for n in (1, 2, 3)
    }
    assert dates == {"xsd:date", "xsd:gYearMonth", "xsd:gYear"}
    _assert_same(graph, Graph().parse(data=text, format="json-ld"))
    # and with the context supplied separately, as a consumer holding the file would
    bare = json.dumps({k: v for k, v in doc.items() if k != "@context"})
    _assert_same(graph, Graph().parse(data=bare, format="json-ld", context=context))


@RDFLIB_INTERNALS
def test_jsonld_round_trip_literals(context: dict) -> None:
    """Literal forms the context must not lose: integers, decimals, booleans, partial
    dates on one property, plain strings next to @en ones, dateTimes."""
    s = URIRef("https://w3id.org/kg-film/resource/X")
    g = Graph()
    g.add((s, SCHEMA.startDate, Literal("1995-10-27", datatype=XSD.date)))
    g.add((s, SCHEMA.startDate, Literal("1995", datatype=XSD.gYear)))
    g.add((s, SCHEMA.startDate, Literal("1995-10", datatype=XSD.gYearMonth)))
    g.add((s, SCHEMA.position, Literal(3)))
    g.add((s, KG.rank, Literal(2)))
    g.add((s, SCHEMA.value, Literal("3600000", datatype=XSD.decimal)))
    g.add((s, KG.voiceRole, Literal(True)))
    g.add((s, SCHEMA.name, Literal("Sera", lang="en")))
    g.add((s, SCHEMA.inLanguage, Literal("en")))
    g.add((s, SCHEMA.currency, Literal("USD")))
    g.add((s, SCHEMA.duration, Literal("PT111M", datatype=XSD.duration)))
    g.add((s, URIRef("http://www.w3.org/ns/prov#generatedAtTime"),
           Literal("2024-05-01T12:34:56Z", datatype=XSD.dateTime)))  # fmt: skip
    g.add((s, KG.result, KG.Placed))
    g.add((s, SCHEMA.albumProductionType, SCHEMA.SoundtrackAlbum))
    text = g.serialize(format="json-ld", context=context, auto_compact=True)
    doc = json.loads(text)
    assert doc["albumProductionType"] == "SoundtrackAlbum"
    assert doc["kg:result"] == "kg:Placed"
    assert doc["currency"] == "USD" and doc["inLanguage"] == "en"
    _assert_same(g, Graph().parse(data=text, format="json-ld"))


@RDFLIB_INTERNALS
def test_jsonld_round_trip_named_graph(context: dict) -> None:
    ds = Dataset()
    name = URIRef("https://w3id.org/kg-film/graph/Leaving_Las_Vegas")
    inner = ds.graph(name)
    inner.parse(CASES / "valid" / "film-wins-no-revision.ttl", format="turtle")
    text = ds.serialize(format="json-ld", context=context, auto_compact=True)
    back = Dataset().parse(data=text, format="json-ld")
    _assert_same(inner, back.graph(name))


def test_jsonld_output_reads_in_another_processor(context: dict) -> None:
    """The context is standard JSON-LD 1.1, not just rdflib's reading of it."""
    ox = pytest.importorskip("pyoxigraph")
    graph = Graph().parse(CASES / "valid" / "full-film.ttl", format="turtle")
    text = graph.serialize(format="json-ld", context=context, auto_compact=True)

    def triples(data: str, fmt) -> set[str]:
        return {str(q.triple) for q in ox.parse(data.encode("utf-8"), format=fmt)}

    expected = triples(graph.serialize(format="nt"), ox.RdfFormat.N_TRIPLES)
    assert triples(text, ox.RdfFormat.JSON_LD) == expected
