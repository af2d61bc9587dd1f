"""Several sources of one page merged: one node per entity and per fact across the sources,
each source in its own named graph, the values they disagree on listed (kg.merge)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.merge import compatible, plan
from kg.pipeline import Options, run
from kg.resources import example_files
from kg.sources import read_pages
from kg.vocab import SCHEMA

from tests.test_cli import listing, run as cli

BASE = "https://w3id.org/kg-film/"
FILM = URIRef(BASE + "resource/Merge_Film")
GRAPH, EXTRACT_GRAPH, MERGED_GRAPH = (BASE + "graph/Merge_Film" + s for s in ("", "/extract", "/merged"))

ARTICLE = """{{Infobox film
| name = Merge Film
| director = [[Ann Bee]]
| starring = [[Carl Dee]]<br>Eve Fox
| music = [[John Smith (composer)|John Smith]]
| released = {{Film date|2001|5|4}}
| runtime = 100 minutes
}}
'''Merge Film''' is a 2001 American drama film directed by [[Ann Bee]].

== Cast ==
* [[Carl Dee]] as Joe Smith
* Eve Fox as Mary
* [[John Smith (actor)|John Smith]] as Bob

== Reception ==
On [[Rotten Tomatoes]], the film has an approval rating of 80% based on 20 reviews, with an average rating of 6.5/10.
"""

EXTRACT = """Merge Film is a 2001 American drama film directed by Ann Bee. It stars Carl Dee as Joe, Eve Fox as Mary and John Smith as Bob.

Reception
On Rotten Tomatoes, the film has an approval rating of 80% based on 20 reviews, with an average rating of 6.6/10.
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def merged() -> Dataset:
    Path("Merge_Film.wiki").write_text(ARTICLE, encoding="utf-8")
    Path("Merge_Film.extract.txt").write_text(EXTRACT, encoding="utf-8")
    result = cli("export", "Merge_Film.wiki", "Merge_Film.extract.txt", "-o", "out", "--no-store", "-f", "nquads")
    assert result.exit_code == 0, result.stderr
    assert listing("out") == [
        "Merge_Film.extract.jsonld", "Merge_Film.extract.nq", "Merge_Film.extract.ttl", "Merge_Film.jsonld",
        "Merge_Film.merged.jsonld", "Merge_Film.merged.nq", "Merge_Film.merged.trig", "Merge_Film.nq", "Merge_Film.ttl",
    ]
    ds = Dataset()
    ds.parse("out/Merge_Film.merged.trig", format="trig")
    return ds


def _ask(ds: Dataset, query: str) -> list[tuple]:
    prefixes = "PREFIX schema: <http://schema.org/> PREFIX kg: <https://w3id.org/kg-film/ontology#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    return sorted(tuple(str(v) for v in row) for row in ds.query(prefixes + query))


def test_each_source_keeps_its_own_graph(merged: Dataset) -> None:
    names = {str(g.identifier) for g in merged.graphs() if len(g)}
    assert names == {GRAPH, EXTRACT_GRAPH, MERGED_GRAPH}
    # each source's graph is the file it has alone
    for name, path in ((GRAPH, "out/Merge_Film.ttl"), (EXTRACT_GRAPH, "out/Merge_Film.extract.ttl")):
        assert isomorphic(merged.graph(URIRef(name)), Graph().parse(path))


def test_the_merged_formats_hold_the_same_graphs(merged: Dataset) -> None:
    for path, fmt in (("out/Merge_Film.merged.jsonld", "json-ld"), ("out/Merge_Film.merged.nq", "nquads")):
        other = Dataset()
        other.parse(path, format=fmt)
        for name in (GRAPH, EXTRACT_GRAPH, MERGED_GRAPH):
            assert isomorphic(other.graph(URIRef(name)), merged.graph(URIRef(name))), (path, name)


def test_a_plain_name_is_the_entity_the_article_links(merged: Dataset) -> None:
    extract = merged.graph(URIRef(EXTRACT_GRAPH))
    assert (FILM, SCHEMA.director, URIRef(BASE + "resource/Ann_Bee")) in extract
    # an unlinked name is the article's node of that name in both (article-scoped)
    assert (URIRef(BASE + "resource/Merge_Film#name/Eve_Fox"), SCHEMA.name, Literal("Eve Fox", lang="en")) in extract
    # "John Smith" names two linked people of the article (an actor and a composer): neither
    assert (URIRef(BASE + "resource/Merge_Film#name/John_Smith"), SCHEMA.name, Literal("John Smith", lang="en")) in extract
    assert not any(str(s).endswith(("/John_Smith_(actor)", "/John_Smith_(composer)")) for s in extract.subjects())


def test_a_fact_both_state_is_one_statement_in_both_graphs(merged: Dataset) -> None:
    both = _ask(merged, """SELECT ?role ?actor WHERE {
        GRAPH <%s> { ?role a schema:PerformanceRole ; schema:actor ?actor }
        GRAPH <%s> { ?role a schema:PerformanceRole ; schema:actor ?actor } }""" % (GRAPH, EXTRACT_GRAPH))
    assert both == [(BASE + "resource/Merge_Film#cast/1", BASE + "resource/Carl_Dee"),
                    (BASE + "resource/Merge_Film#cast/2", BASE + "resource/Merge_Film#name/Eve_Fox")]
    # the role the article's cast list gives is stated in the extract's sentence too
    said = _ask(merged, """SELECT ?text WHERE { GRAPH <%s> { <%s#cast/1> kg:statedIn ?s . ?s <http://www.w3.org/ns/prov#value> ?text } }"""
                % (EXTRACT_GRAPH, FILM))
    assert said == [("It stars Carl Dee as Joe, Eve Fox as Mary and John Smith as Bob.",)]


def test_conflicts_name_both_values_and_their_sentences(merged: Dataset) -> None:
    rows = _ask(merged, """SELECT ?subject ?property ?value ?graph WHERE { GRAPH <%s> {
        ?c a kg:Conflict ; rdf:subject ?subject ; rdf:predicate ?property ; kg:claim ?k .
        ?k rdf:object ?value ; kg:claimedIn ?graph ; kg:inSentence ?sentence } }""" % MERGED_GRAPH)
    rating = f"{FILM}#rating/Rotten_Tomatoes/average"
    assert rows == [(rating, str(SCHEMA.ratingValue), "6.5", GRAPH), (rating, str(SCHEMA.ratingValue), "6.6", EXTRACT_GRAPH)]


def test_values_that_can_both_be_right_are_no_conflict(merged: Dataset) -> None:
    # "Joe" (extract) and "Joe Smith" (cast list); 2001 (extract's lead) and 2001-05-04 (infobox);
    # the article's one-sentence lead and the extract's longer one
    subjects = _ask(merged, "SELECT ?p WHERE { GRAPH <%s> { ?c rdf:predicate ?p } }" % MERGED_GRAPH)
    assert subjects == [(str(SCHEMA.ratingValue),)]


@pytest.mark.parametrize(("a", "b", "expected"), [
    (Literal("1989", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear")),
     Literal("1989-06-19", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")), True),
    (Literal("1988", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear")),
     Literal("1989-06-19", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")), False),
    (Literal("Stallworth", lang="en"), Literal("Detective Ron Stallworth", lang="en"), True),
    (Literal("Stall", lang="en"), Literal("Detective Ron Stallworth", lang="en"), False),
    (Literal("7.6", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")),
     Literal("7.7", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")), False),
    (URIRef("https://example.org/a"), URIRef("https://example.org/b"), False),
    (URIRef("https://example.org/a"), URIRef("https://example.org/a"), True),
])
def test_compatible_values(a, b, expected: bool) -> None:
    assert compatible(a, b) is expected
    assert compatible(b, a) is expected


# --------------------------------------------------------------------------- the bundled examples


def test_the_bundled_examples_merge() -> None:
    results = list(run([str(p) for p in example_files()], Options()))
    assert [r.status for r in results] == ["exported"] * 3
    article, extract, merge = results
    assert [str(r.graph.identifier) for r in results] == [
        BASE + "graph/Leaving_Las_Vegas", BASE + "graph/Leaving_Las_Vegas/extract", BASE + "graph/Leaving_Las_Vegas/merged"]
    assert all(r.report.conforms for r in results)
    film = URIRef(BASE + "resource/Leaving_Las_Vegas")
    cage = URIRef(BASE + "resource/Nicolas_Cage")
    # the extract's Cage is the article's, and so are his role and his Academy Award
    assert (URIRef(f"{film}#cast/1"), SCHEMA.actor, cage) in extract.graph
    assert (URIRef(f"{film}#cast/1"), SCHEMA.actor, cage) in article.graph
    won = {s for s, _, _ in extract.graph.triples((None, URIRef("https://w3id.org/kg-film/ontology#nominee"), cage))}
    assert won and won <= set(article.graph.subjects())
    assert not any("#name/" in str(s) for s in extract.graph.subjects(None, SCHEMA.Person))
    conflicts = {(str(c.subject), str(c.predicate)): [str(claim.value) for claim in c.claims] for c in merge.merged.conflicts}
    assert set(conflicts) == {(str(film), str(SCHEMA.abstract)), (f"{film}#rating/Rotten_Tomatoes/average", str(SCHEMA.ratingValue))}
    assert conflicts[(f"{film}#rating/Rotten_Tomatoes/average", str(SCHEMA.ratingValue))] == ["7.6", "7.7"]
    assert merge.merged.agreements > 50


# --------------------------------------------------------------------------- which inputs are one page


def _api(path: str, pageid: int, title: str, **page) -> str:
    Path(path).write_text(json.dumps({"batchcomplete": True, "query": {"pages": [{"pageid": pageid, "ns": 0, "title": title, **page}]}}),
                          encoding="utf-8")
    return path


def _wikitext_api(path: str, pageid: int, title: str) -> str:
    return _api(path, pageid, title, revisions=[{"revid": 5, "slots": {"main": {"contentformat": "text/x-wiki", "content": ARTICLE}}}])


def _extract_api(path: str, pageid: int, title: str) -> str:
    return _api(path, pageid, title, lastrevid=6, extract=EXTRACT)


def _read(inp: str):
    return iter(read_pages(inp))


def test_inputs_are_one_page_by_page_id_else_title() -> None:
    a = _wikitext_api("a.json", 7, "Merge Film")
    b = _extract_api("b.json", 7, "Merge Film (2001 film)")  # the page moved: one page id
    c = _extract_api("c.json", 8, "Merge Film")  # another page of that title (another time)
    Path("Merge_Film.extract.txt").write_text(EXTRACT, encoding="utf-8")  # no page id: by title
    assert plan([a, b, c, "Merge_Film.extract.txt"], _read) == [[0, 1, 3]]


def test_a_moved_page_is_merged_under_the_articles_title() -> None:
    a = _wikitext_api("a.json", 7, "Merge Film")
    b = _extract_api("b.json", 7, "Merge Film (2001 film)")
    results = list(run([a, b], Options()))
    assert [str(r.graph.identifier) for r in results] == [GRAPH, EXTRACT_GRAPH, MERGED_GRAPH]
    assert 'merge: page id 7 is "Merge Film (2001 film)" here and "Merge Film" in the other source: merged as "Merge Film"' in results[1].warnings


def test_a_dump_is_not_merged_with_a_file(corpus: Path) -> None:
    dump = corpus / "dumps" / "dbpedia_minidump_enwiki_27pages.xml"
    assert plan([str(dump), str(dump)], _read) == []


def test_the_same_kind_of_source_twice_is_not_merged() -> None:
    Path("Merge_Film.wiki").write_text(ARTICLE, encoding="utf-8")
    Path("Copy.wiki").write_text(ARTICLE, encoding="utf-8")
    result = cli("export", "Merge_Film.wiki", "Copy.wiki", "--title", "Merge Film", "-o", "out", "--no-store")
    assert result.exit_code == 0, result.stderr
    assert listing("out") == ["Merge_Film.jsonld", "Merge_Film.ttl"]
    assert ("[WARN] [Merge Film] merge: the same page as Merge_Film.wiki, from the same kind of source (wikitext): "
            "it replaces that one, which is not merged") in result.stderr.splitlines()


# --------------------------------------------------------------------------- report and store


def test_report_lists_the_merge_and_its_conflicts() -> None:
    Path("Merge_Film.wiki").write_text(ARTICLE, encoding="utf-8")
    Path("Merge_Film.extract.txt").write_text(EXTRACT, encoding="utf-8")
    result = cli("report", "Merge_Film.wiki", "Merge_Film.extract.txt")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1].startswith("Merge Film  ") and lines[2].startswith("Merge Film (extract)  ")
    assert lines[3].startswith("Merge Film                             merged: 2 sources, ")
    assert lines[3].endswith(" statements stated by more than one, 1 conflict; conforms yes")
    assert lines[4] == ('  conflict: "Rotten Tomatoes average rating" schema:ratingValue: "6.5" (Merge_Film.wiki, "On Rotten Tomatoes, '
                        'the film has an approval rating of 80% based on 20 reviews, with an average rating of 6.5/10.") / "6.6" '
                        '(Merge_Film.extract.txt, "On Rotten Tomatoes, the film has an approval rating of 80% based on 20 reviews, '
                        'with an average rating of 6.6/10.")')
    assert lines[5].startswith("1 article exported from 2 sources (2 conform), 0 refused, 1 merge of sources of one page (1 conflict); ")


def test_the_store_holds_every_source_and_the_merge() -> None:
    import pyoxigraph as ox

    Path("Merge_Film.wiki").write_text(ARTICLE, encoding="utf-8")
    Path("Merge_Film.extract.txt").write_text(EXTRACT, encoding="utf-8")
    result = cli("export", "Merge_Film.wiki", "Merge_Film.extract.txt", "--no-files", "--store", "store")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "store store: 1 article and 1 plain-text extract stored, 0 unchanged"
    store = ox.Store.read_only("store") if hasattr(ox.Store, "read_only") else ox.Store("store")
    names = sorted(str(g.value) for g in store.named_graphs())
    assert names == [GRAPH, EXTRACT_GRAPH, MERGED_GRAPH]
    del store


def test_the_corpus_extracts_merge_with_their_articles(corpus: Path) -> None:
    pairs = []
    for text in sorted(corpus.glob("*.txt")):
        article = next((p for p in (text.with_suffix(".xml"), text.with_suffix(".wiki")) if p.exists()), None)
        if article is not None:
            pairs.append([str(article), str(text)])
    assert len(pairs) == 8
    for pair in pairs:
        results = list(run(pair, Options()))
        assert [r.status for r in results] == ["exported"] * 3, pair
        assert all(r.report.conforms for r in results), pair
        merge = results[-1].merged
        # the two revisions' leads differ (1 conflict: the abstract) and nothing else does
        assert [str(c.predicate) for c in merge.conflicts] == [str(SCHEMA.abstract)], (pair, [c.line() for c in merge.conflicts])
        assert merge.agreements > 5, pair


def test_named_queries_give_a_fact_both_sources_state_once() -> None:
    """The awards of Nicolas Cage over the merged examples are the article's alone: the extract's
    nominations are the article's nodes (one without the ceremony is no second row)."""
    from kg.resources import example_file

    assert cli("export", "--no-files", "--store", "merged").exit_code == 0
    assert cli("export", str(example_file()), "--no-files", "--store", "alone").exit_code == 0
    rows = [cli("query", "awards", "--person", "Nicolas Cage", "--store", store).stdout for store in ("merged", "alone")]
    assert rows[0] == rows[1] and rows[0].endswith("(20 rows)\n")
    cast = [cli("query", "cast", "--film", "Leaving Las Vegas", "--store", store).stdout for store in ("merged", "alone")]
    assert cast[0] == cast[1]


def test_validating_a_store_tells_listed_conflicts_from_violations() -> None:
    assert cli("export", "--no-files", "--store", "merged").exit_code == 0
    result = cli("validate", "--store", "merged")
    assert result.exit_code == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "store merged: [Conflict] <https://w3id.org/kg-film/resource/Leaving_Las_Vegas> schema:abstract: the sources of one page give different values (a kg:Conflict of their merge)",
        "store merged: [Conflict] <https://w3id.org/kg-film/resource/Leaving_Las_Vegas#rating/Rotten_Tomatoes/average> schema:ratingValue: the sources of one page give different values (a kg:Conflict of their merge)",
    ]
    assert lines[2].startswith("store merged: union of 1 article and 1 plain-text extract, ")
    assert "; conforms; 2 conflicts between sources of one page, listed in their merge graphs [" in lines[2]
