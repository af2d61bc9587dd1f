"""The whole corpus in one store: one coherent graph. Every film article of
../shared/corpus (files and dumps) exported into one embedded store gives one graph per
article, one rdf:type and one schema:name per entity across articles, a union that
conforms to the shapes, and named questions answered across articles. Skipped when the
corpus is absent."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from .conftest import CORPUS

REPO = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "kg.cli"]
RESOURCE = "https://w3id.org/kg-film/resource/"
GRAPH = "https://w3id.org/kg-film/graph/"
SCHEMA = "http://schema.org/"


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], capture_output=True, text=True, timeout=600, env=dict(os.environ))


def corpus_inputs() -> list[str]:
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in (".xml", ".wiki", ".json"))
    dumps = sorted((CORPUS / "dumps").glob("*.xml"))
    return [str(p) for p in (*files, *dumps)]


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    folder = tmp_path_factory.mktemp("corpus") / "store"
    done = kg("export", *corpus_inputs(), "--no-files", "--store", str(folder), "-q")
    # non-film pages are refused (exit 3), every film is stored
    assert done.returncode == 3, done.stderr[-2000:]
    assert "not stored" not in done.stderr
    return folder


def per_subject(store: ox.Store, predicate: str) -> dict[str, set]:
    out: dict[str, set] = defaultdict(set)
    for s, _, o, _ in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
        if isinstance(s, ox.NamedNode) and s.value.startswith(RESOURCE) and "#" not in s.value:
            out[s.value].add(o)
    return out


@pytest.mark.corpus
def test_the_corpus_is_one_graph_per_article(corpus_store: Path) -> None:
    store = ox.Store.read_only(str(corpus_store))
    graphs = {g.value for g in store.named_graphs()}
    films = {s.value for s, _, _, _ in store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                                               ox.NamedNode(SCHEMA + "Movie"), None)}
    assert all(g.startswith(GRAPH) for g in graphs)
    assert len(graphs) == len(films) >= 60
    assert {f.removeprefix(RESOURCE) for f in films} == {g.removeprefix(GRAPH) for g in graphs}


@pytest.mark.corpus
def test_one_type_and_one_name_per_entity_across_articles(corpus_store: Path) -> None:
    store = ox.Store.read_only(str(corpus_store))
    types = per_subject(store, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    names = per_subject(store, SCHEMA + "name")
    two_types = {s: t for s, t in types.items() if len(t) > 1}
    two_names = {s: n for s, n in names.items() if len(n) > 1}
    assert not two_types
    assert not two_names
    # entities shared by several articles exist, so the check above says something
    shared = defaultdict(set)
    for s, _, _, g in store.quads_for_pattern(None, ox.NamedNode(SCHEMA + "name"), None, None):
        if isinstance(s, ox.NamedNode) and s.value.startswith(RESOURCE) and "#" not in s.value:
            shared[s.value].add(g.value)
    assert sum(len(gs) > 1 for gs in shared.values()) >= 50


@pytest.mark.corpus
def test_the_union_of_the_corpus_conforms(corpus_store: Path) -> None:
    done = kg("validate", "--store", str(corpus_store))
    assert done.returncode == 0, done.stdout[-3000:]
    assert done.stdout.startswith(f"store {corpus_store}: union of ")
    assert "; conforms [" in done.stdout


@pytest.mark.corpus
def test_named_questions_across_articles(corpus_store: Path) -> None:
    info = kg("store", "info", "--store", str(corpus_store), "-f", "csv")
    assert info.returncode == 0
    articles = len(info.stdout.splitlines()) - 1
    provenance = kg("query", "provenance", "--store", str(corpus_store), "-f", "csv")
    assert len(provenance.stdout.splitlines()) - 1 == articles
    roles = kg("query", "roles", "--store", str(corpus_store), "-f", "csv")
    films_with_multi_role_people = {line.split(",")[0] for line in roles.stdout.splitlines()[1:]}
    assert len(films_with_multi_role_people) >= 20
