"""Prose: sentences with their offsets, plain-text extracts read as pages, and the facts
of sentences in the graph with the sentence each came from (SPARQL over the export)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.classify import PLAIN_NOT_A_FILM, classify
from kg.errors import MissingPageError
from kg.model import Page
from kg.sources import detect_format, read_pages
from kg.wikitext import page_scope, parse
from kg.wikitext.prose import plain_document, split_sentences, wikitext_document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXTRACT = EXAMPLES / "Leaving_Las_Vegas.extract.txt"
API_JSON = EXAMPLES / "leaving-las-vegas.api.json"


# --------------------------------------------------------------------------- sentences


@given(st.lists(st.sampled_from(["The film", "won.", "Dr. Lee", "J. R. Smith", "said", '"It ends. Here."', "(c. 1920.)", "It", "ran.", " ", "!", "?", "Next", "9"]), max_size=30))
def test_sentences_cover_the_paragraph_in_order(words: list[str]) -> None:
    text = " ".join(words).strip()
    spans = split_sentences(text)
    pos = 0
    for start, end in spans:
        assert pos <= start < end <= len(text)
        assert text[pos:start].strip() == ""  # nothing but spaces between two sentences
        pos = end
    assert text[pos:].strip() == ""


def test_sentence_ends() -> None:
    text = 'Dr. Lee directed it. J. R. Smith wrote "It ends. Here." for it. Mamma Mia! Here We Go Again was released.'
    assert [text[a:b] for a, b in split_sentences(text, ("Mamma Mia! Here We Go Again",))] == [
        "Dr. Lee directed it.", 'J. R. Smith wrote "It ends. Here." for it.', "Mamma Mia! Here We Go Again was released.",
    ]
    # a name that is not kept ends the sentence at its "!"
    assert len(split_sentences("Mamma Mia! Here We Go Again was released.")) == 2


def test_plain_document_offsets_and_sections() -> None:
    text = EXTRACT.read_text(encoding="utf-8")
    doc = plain_document(text)
    assert doc.text == text
    assert all(text[s.start : s.end] == s.text for s in doc.sentences)
    sections = {s.section for s in doc.sentences}
    assert {"", "Plot", "Development", "Casting", "Filming", "Box office", "Critical reception", "Soundtrack"} <= sections
    assert "Cast" not in sections  # a heading with nothing under it (its list was dropped)
    assert doc.abstract == text.split("\n")[0]


def test_plain_document_wiki_headings() -> None:
    doc = plain_document("Night Harbour is a 1995 film.\n\n\n== Release ==\nIt opened nationwide on May 2, 1996.\n")
    assert [(s.section, s.text) for s in doc.sentences] == [("", "Night Harbour is a 1995 film."), ("Release", "It opened nationwide on May 2, 1996.")]


def test_wikitext_document_links_and_offsets() -> None:
    code = parse(
        "{{Infobox film|name=X}}\n'''''X''''' is a 1995 [[drama film]] by [[Ann Bee|Ann&nbsp;Bee]].<ref>A [[note]].</ref> "
        "It was shot in [[Rome]].\n* [[Cora Dee]] as Rita\n\n== Reception ==\n{{quote|It is [[good]].}}\nCritics liked it.\n"
    )
    doc = wikitext_document(code)
    assert [s.text for s in doc.sentences] == ["X is a 1995 drama film by Ann Bee.", "It was shot in Rome.", "Critics liked it."]
    first = doc.sentences[0]
    assert [(first.text[link.start : link.end], link.title) for link in first.links] == [("drama film", "Drama film"), ("Ann Bee", "Ann Bee")]
    assert all(doc.text[s.start : s.end] == s.text for s in doc.sentences)
    assert doc.sentences[2].section == "Reception"
    assert doc.abstract == "X is a 1995 drama film by Ann Bee. It was shot in Rome."


@pytest.mark.parametrize("name", ["Rocky.xml", "Cars_2.xml", "Spirited_Away.xml", "Dr._Strangelove.xml"])
def test_wikitext_document_offsets_on_corpus(corpus: Path, name: str) -> None:
    page = read_pages(corpus / name)[0]
    with page_scope():
        doc = wikitext_document(parse(page.text))
    assert len(doc.sentences) > 20
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
        assert all(s.text[link.start : link.end].strip() for link in s.links)
        assert "[[" not in s.text and "{{" not in s.text


# --------------------------------------------------------------------------- reading extracts


def test_a_plain_text_extract_is_recognised() -> None:
    assert detect_format(EXTRACT.read_bytes()) == "plaintext"
    assert detect_format(b"== Plot ==\nA man walks in.\n") == "plaintext"  # exsectionformat=wiki
    assert detect_format(b"'''X''' is a film.") == "wikitext"
    page = read_pages(EXTRACT, title="Leaving Las Vegas")[0]
    assert (page.title, page.format, page.revid) == ("Leaving Las Vegas", "plaintext", None)
    assert classify(page) is None


def test_the_api_extract_response(tmp_path: Path) -> None:
    response = {"batchcomplete": True, "query": {"pages": [{"pageid": 1, "ns": 0, "title": "Night Harbour", "lastrevid": 77,
                "extract": "Night Harbour is a 1995 American drama film directed by Ann Bee.\n\n\n== Release ==\nIt opened nationwide on May 2, 1996."}]}}
    path = tmp_path / "q.json"
    path.write_text(json.dumps(response), encoding="utf-8")
    page = read_pages(path)[0]
    assert (page.title, page.format, page.revid, page.pageid) == ("Night Harbour", "plaintext", 77, 1)
    response["query"]["pages"][0]["extract"] = "<p><b>Night Harbour</b> is a film.</p>"
    path.write_text(json.dumps(response), encoding="utf-8")
    with pytest.raises(MissingPageError, match=r'^q.json: page "Night Harbour" has an HTML extract, which kg does not read; request the plain text with prop=extracts&explaintext'):
        _read_named(path)


def _read_named(path: Path):
    from kg.sources import iter_pages

    return list(iter_pages(path, source="q.json"))


def test_a_plain_text_page_that_is_no_film() -> None:
    page = Page(title="Ann Bee", text="Ann Bee is an American actress. She was born in 1950.", source="a.txt", format="plaintext")
    refusal = classify(page)
    assert refusal is not None and str(refusal) == f"a.txt (Ann Bee): {PLAIN_NOT_A_FILM}"
    series = Page(title="Night", text="Night is an American film series of three films.", source="b.txt", format="plaintext")
    assert "film series" in str(classify(series))


# --------------------------------------------------------------------------- the graph

PREFIXES = """PREFIX schema: <http://schema.org/>
PREFIX kg: <https://w3id.org/kg-film/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""

#: the README's query: which sentence says that Nicolas Cage won the Academy Award for Best Actor?
WHICH_SENTENCE = PREFIXES + """
SELECT ?text ?start ?end WHERE {
  ?nomination kg:nominee ?person ; kg:award ?award ; kg:result kg:Won ; kg:statedIn ?sentence .
  ?person schema:name "Nicolas Cage"@en .
  ?award schema:name "Academy Award for Best Actor"@en .
  ?sentence prov:value ?text ; oa:start ?start ; oa:end ?end .
}"""


def _graph(path: Path, title: str | None = None):
    from kg.pipeline import process_page

    result = process_page(read_pages(path, title=title)[0])
    assert result.error is None, result.error
    assert result.report is not None and result.report.conforms
    return result.graph


def test_which_sentence_says_it_plain_text() -> None:
    g = _graph(EXTRACT, "Leaving Las Vegas")
    rows = list(g.query(WHICH_SENTENCE))
    assert len(rows) == 1
    text, start, end = (r.toPython() for r in rows[0])
    assert text.startswith("Cage received the Golden Globe Award for Best Actor - Motion Picture Drama and the Academy Award for Best Actor")
    assert EXTRACT.read_text(encoding="utf-8")[start:end] == text  # the offsets place it in the extract


def test_which_sentence_says_it_wikitext() -> None:
    """In the wikitext the accolades table has that nomination: the sentence is stated on
    the table's node, no second nomination is minted."""
    g = _graph(API_JSON)
    rows = list(g.query(WHICH_SENTENCE))
    assert len(rows) == 1
    nominations = list(g.query(PREFIXES + """SELECT ?n WHERE { ?n kg:nominee ?p ; kg:award ?a . ?p schema:name "Nicolas Cage"@en .
        ?a schema:name "Academy Award for Best Actor"@en }"""))
    assert len(nominations) == 1 and "#nomination/" in str(nominations[0][0]) and "sentence" not in str(nominations[0][0])


def test_statements_and_ratings_in_the_graph() -> None:
    g = _graph(EXTRACT, "Leaving Las Vegas")
    directors = list(g.query(PREFIXES + """SELECT ?name ?text WHERE {
        ?film schema:director ?d . ?d schema:name ?name .
        ?st rdf:subject ?film ; rdf:predicate schema:director ; rdf:object ?d ; kg:statedIn ?s . ?s prov:value ?text }"""))
    assert [str(r[0]) for r in directors] == ["Mike Figgis"]
    ratings = {(str(r[0]), r[1].toPython(), r[2].toPython(), r[3].toPython()) for r in g.query(PREFIXES + """
        SELECT ?name ?value ?best ?count WHERE { ?film schema:aggregateRating ?r . ?r schema:name ?name ;
        schema:ratingValue ?value ; schema:bestRating ?best ; schema:reviewCount ?count }""")}
    from decimal import Decimal

    assert ratings == {
        ("Rotten Tomatoes approval rating", Decimal("91.0"), 100, 53),
        ("Rotten Tomatoes average rating", Decimal("7.7"), 10, 53),
        ("Metacritic Metascore", Decimal("82.0"), 100, 23),
    }
    from rdflib import RDF

    from kg.vocab import SCHEMA

    film = next(g.subjects(RDF.type, SCHEMA.Movie))
    abstract = g.value(film, SCHEMA.abstract)
    assert str(abstract).startswith("Leaving Las Vegas is a 1995 American drama film written and directed by Mike Figgis")


def test_the_corpus_extracts_export_and_conform(corpus: Path) -> None:
    """Every plain-text extract of the corpus (its README aside) is a film's, exports and conforms."""
    from kg.pipeline import process_page

    paths = sorted(p for p in corpus.glob("*.txt") if p.name != "README.txt")
    assert len(paths) >= 10
    for path in paths:
        page = read_pages(path)[0]
        assert page.format == "plaintext", path
        result = process_page(page)
        assert result.error is None, (path, result.error)
        assert result.report.conforms, (path, result.report.violations[:3])
        sentences = result.extraction.parts["prose"].sentences
        assert sentences and result.extraction.parts["prose"].abstract, path
