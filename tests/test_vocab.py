"""The code and the ontology agree: kg uses only terms the ontology defines, the
ontology defines nothing the code does not use (or lists as reserved), the JSON-LD
context knows every term the mapping emits, and extractors never touch rdflib."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph, URIRef

from kg.vocab import KG, KG_IRI, SCHEMA, SCHEMA_IRI

ROOT = Path(__file__).resolve().parents[1]


def ontology_terms() -> set[str]:
    g = Graph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")
    terms = set()
    for s in g.subjects():
        if isinstance(s, URIRef) and str(s).startswith(KG_IRI) and str(s) != KG_IRI:
            terms.add(str(s)[len(KG_IRI):])
    return terms


def kg_terms_in_code() -> set[str]:
    return set(KG.__annotations__)


def test_every_kg_term_the_code_names_is_in_the_ontology():
    missing = kg_terms_in_code() - ontology_terms()
    assert not missing, f"kg.vocab.KG names terms the ontology does not define: {sorted(missing)}"


def test_every_ontology_term_is_in_the_code():
    unused = ontology_terms() - kg_terms_in_code()
    assert not unused, f"ontology/kg.ttl defines terms kg.vocab.KG does not list: {sorted(unused)}"


def test_closed_namespaces_reject_unknown_terms():
    with pytest.raises(AttributeError):
        KG.notATerm  # noqa: B018
    with pytest.raises(AttributeError):
        SCHEMA.notATerm  # noqa: B018


MAPPING = sorted((ROOT / "kg" / "mapping").glob("*.py"))


def _used_vocab_terms(modules: list[Path], name: str) -> set[str]:
    used: set[str] = set()
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        used |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == name}
    return used


def test_context_maps_every_term_the_mapping_emits():
    context = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    mapped = set()
    for key, value in context.items():
        if not isinstance(value, (str, dict)):
            continue
        iri = value if isinstance(value, str) else value.get("@id", "")
        mapped.add(iri)
    used = {f"schema:{t}" for t in _used_vocab_terms(MAPPING, "SCHEMA")}
    missing = sorted(t for t in used if t not in mapped)
    assert not missing, f"ontology/context.jsonld has no term for {missing}"


def test_mapping_uses_only_declared_schema_terms():
    used = _used_vocab_terms(MAPPING, "SCHEMA")
    assert used <= set(SCHEMA.__annotations__)
    assert used, "the mapping must use SCHEMA terms"


def test_schema_namespace_is_http():
    assert SCHEMA_IRI == "http://schema.org/"
    assert str(SCHEMA.name) == "http://schema.org/name"


@pytest.mark.parametrize("module", sorted((ROOT / "kg" / "extractors").glob("*.py")), ids=lambda p: f"no-rdflib:{p.stem}")
def test_extractors_do_not_import_rdflib(module: Path):
    tree = ast.parse(module.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert "rdflib" not in imported


def test_only_iri_module_builds_resource_iris():
    """IRIs are minted in kg/iri.py only: no other module spells the resource paths."""
    for module in (ROOT / "kg").rglob("*.py"):
        if module.name == "iri.py":
            continue
        text = module.read_text(encoding="utf-8")
        assert 'resource/' not in text and '"#name/' not in text, module


def test_ontology_declares_itself():
    g = Graph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")
    assert (URIRef(KG_IRI.rstrip("#")), RDF.type, OWL.Ontology) in g or (URIRef(KG_IRI), RDF.type, OWL.Ontology) in g
