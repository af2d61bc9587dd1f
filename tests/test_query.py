"""``kg query``: SPARQL text, files and stdin; the six named questions with parameters bound
as RDF terms; the W3C result formats; exact messages and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from .test_store import EXAMPLE, dump, kg


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("query")
    quoted = root / "quoted.wiki"
    quoted.write_text("{{Infobox film\n| name = Say \"Hi\"\n| director = [[Brace Director]]\n}}\n'''Say \"Hi\"''' is a film.\n\n"
                      "== Cast ==\n* [[Quote Actor]] as Brace } Man\n", encoding="utf-8")
    folder = root / "store"
    done = kg("export", str(EXAMPLE), str(dump(root / "films.xml", range(1, 3), 1)), "--no-files", "--store", str(folder))
    assert done.returncode == 0, done.stderr
    done = kg("export", str(quoted), "--title", 'Say "Hi"', "--no-files", "--store", str(folder))
    assert done.returncode == 0, done.stderr
    return folder


def q(store: Path, *args: str, **kw):
    return kg("query", *args, "--store", str(store), **kw)


def test_cast_as_a_table(store: Path) -> None:
    result = q(store, "cast", "--film", "Store Film 1")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "film          position  actor      character\n"
        "------------  --------  ---------  ---------\n"
        "Store Film 1  1         Actor 1 A  Hero 1\n"
        "Store Film 1  2         Actor 1 B  Villain 1\n"
        "(2 rows)\n"
    )
    assert result.stderr == ""


def test_a_film_by_its_page_title(store: Path) -> None:
    by_name = q(store, "cast", "--film", "Leaving Las Vegas", "-f", "csv")
    by_title = q(store, "cast", "--film", "Leaving_Las_Vegas", "-f", "csv")
    assert by_name.stdout == by_title.stdout
    assert by_name.stdout.splitlines()[1] == "Leaving Las Vegas,1,Nicolas Cage,Ben Sanderson"
    assert len(by_name.stdout.splitlines()) == 29


def test_awards_of_a_person(store: Path) -> None:
    result = q(store, "awards", "--person", "Elisabeth Shue", "-f", "csv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "result,award,ceremony,date,film"
    assert "Nominated,Academy Award for Best Actress,68th Academy Awards,,Leaving Las Vegas" in lines
    assert [line.split(",")[0] for line in lines[1:]] == sorted((line.split(",")[0] for line in lines[1:]), key=lambda r: r != "Won")
    assert len(lines) == 14


@pytest.mark.parametrize(
    ("name", "args", "first"),
    [
        ("roles", ["--film", "Leaving Las Vegas"], ["film", "person", "capacities"]),
        ("songs", ["--film", "Leaving Las Vegas"], ["film", "album", "position", "track", "duration", "writers", "performers"]),
        ("wikidata", [], ["film", "person", "qid"]),
        ("provenance", [], ["article", "revision", "timestamp", "statements"]),
        ("provenance", ["--film", "Store Film 2"], ["revision", "s", "p", "o"]),
    ],
)
def test_every_named_query_answers(store: Path, name: str, args: list[str], first: list[str]) -> None:
    result = q(store, name, *args, "-f", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split(",") == first


def test_roles_and_songs_answer_the_questions(store: Path) -> None:
    roles = q(store, "roles", "--film", "Leaving Las Vegas", "-f", "json")
    (row,) = json.loads(roles.stdout)["results"]["bindings"]
    assert row["person"]["value"] == "Mike Figgis"
    assert set(row["capacities"]["value"].split(", ")) == {"director", "screenwriter", "music", "actor"}
    songs = q(store, "songs", "--film", "Leaving Las Vegas", "-f", "csv").stdout.splitlines()
    assert "Leaving Las Vegas,Leaving Las Vegas soundtrack,2,Angel Eyes,PT4M2S,\"Earl Brent, Matt Dennis\",Sting" in songs


def test_provenance_counts_every_article(store: Path) -> None:
    lines = q(store, "provenance", "-f", "csv").stdout.splitlines()
    assert len(lines) == 5
    assert "https://en.wikipedia.org/wiki/Store_Film_1,https://en.wikipedia.org/w/index.php?oldid=11,2020-01-01T00:00:00Z," in "\n".join(lines)


def test_a_value_with_quotes_and_braces_is_only_a_value(store: Path) -> None:
    """The value is bound as a term: a title with quotes finds its film, and text that
    would close the query and widen it finds nothing instead of everything."""
    found = q(store, "cast", "--film", 'Say "Hi"', "-f", "csv")
    assert found.stdout.splitlines() == ["film,position,actor,character", '"Say ""Hi""",1,Quote Actor,Brace } Man']
    for hostile in ['x"@en } UNION { ?f ?p ?o } #', 'x" . ?f ?p ?o } #', "x'} OPTIONAL {", "\\u0022 }", "}}}}", 'Say "Hi"\n']:
        result = q(store, "cast", "--film", hostile, "-f", "csv")
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[0] == "film,position,actor,character"
        assert len(lines) <= 2, hostile  # nothing widened: at most the film that really has the name
        if len(lines) == 1:
            assert result.stderr.startswith("Note: no film named or titled ")


def test_a_film_that_is_not_there(store: Path) -> None:
    result = q(store, "cast", "--film", "Nope")
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == "(0 rows)"
    assert result.stderr == f'Note: no film named or titled "Nope" in store {store}\n'


def test_sparql_text_with_kg_prefixes(store: Path) -> None:
    result = q(store, "SELECT (COUNT(?f) AS ?films) WHERE { ?f a schema:Movie }", "-f", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "films\n4\n"  # CRLF as the W3C format says, read here in text mode


def test_the_default_graph_is_the_union(store: Path) -> None:
    result = q(store, "ASK { ?f schema:name \"Leaving Las Vegas\"@en }")
    assert result.stdout == "yes\n"


def test_a_query_from_a_file_and_from_stdin(store: Path, tmp_path: Path) -> None:
    text = "SELECT ?n WHERE { ?f a schema:Movie ; schema:name ?n } ORDER BY ?n"
    path = tmp_path / "q.rq"
    path.write_text(text, encoding="utf-8")
    from_file = q(store, "--file", str(path), "-f", "tsv")
    assert from_file.stdout.splitlines() == ["?n", '"Leaving Las Vegas"@en', '"Say \\"Hi\\""@en', '"Store Film 1"@en', '"Store Film 2"@en']
    piped = subprocess.run([sys.executable, "-m", "kg.cli", "query", "-", "--store", str(store), "-f", "tsv"], input=text,
                           capture_output=True, text=True)
    assert piped.stdout == from_file.stdout


def test_json_is_the_w3c_format(store: Path) -> None:
    result = q(store, "cast", "--film", "Store Film 2", "-f", "json")
    parsed = ox.parse_query_results(result.stdout, format=ox.QueryResultsFormat.JSON)
    rows = [[s["actor"].value, s["character"].value] for s in parsed]
    assert rows == [["Actor 2 A", "Hero 2"], ["Actor 2 B", "Villain 2"]]
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["film", "position", "actor", "character"]
    assert data["results"]["bindings"][0]["position"] == {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert data["results"]["bindings"][0]["actor"] == {"type": "literal", "value": "Actor 2 A", "xml:lang": "en"}


def test_tsv_round_trips(store: Path) -> None:
    result = q(store, "awards", "--person", "Nicolas Cage", "-f", "tsv")
    parsed = list(ox.parse_query_results(result.stdout, format=ox.QueryResultsFormat.TSV))
    assert len(parsed) == len(result.stdout.splitlines()) - 1 == 20


def test_ask_in_every_format(store: Path) -> None:
    assert q(store, "ASK { ?s ?p ?o }", "-f", "json").stdout == '{"head": {}, "boolean": true}\n'
    assert q(store, "ASK { ?s a schema:Nothing }", "-f", "csv").stdout == "boolean\nfalse\n"


def test_csv_lines_end_in_crlf() -> None:
    from kg.stores import QueryResult
    from kg.stores.results import to_csv

    result = QueryResult("select", ["a", "b"], [(ox.Literal("x, y"), None), (ox.NamedNode("http://e/1"), ox.Literal("1"))])
    assert to_csv(result) == 'a,b\r\n"x, y",\r\nhttp://e/1,1\r\n'


def test_construct_gives_turtle(store: Path) -> None:
    result = q(store, "CONSTRUCT { ?f schema:name ?n } WHERE { ?f a schema:Movie ; schema:name ?n }")
    assert result.returncode == 0, result.stderr
    assert "@prefix schema: <http://schema.org/> ." in result.stdout
    graph = list(ox.parse(result.stdout, format=ox.RdfFormat.TURTLE))
    assert len(graph) == 4


def test_a_query_that_is_not_sparql(store: Path) -> None:
    result = q(store, "SELECT ?x WHERE { ?x ")
    assert result.returncode == 3
    assert result.stderr.startswith("Error: query: is not valid SPARQL: ")
    assert len(result.stderr.splitlines()) == 1


def test_an_update_is_not_a_query(store: Path) -> None:
    result = q(store, "DROP ALL")
    assert result.returncode == 3
    assert result.stderr.startswith("Error: query: is not valid SPARQL")
    assert q(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "-f", "csv").stdout != "n\r\n0\r\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give a SPARQL query, --file FILE, '-' for standard input, or a named query (cast, awards, roles, songs, wikidata, provenance)"),
        (["cast"], "kg query cast needs --film NAME"),
        (["awards", "--film", "X"], "kg query awards takes --person, not --film"),
        (["SELECT * {}", "--film", "X"], "--film and --person go with a named query (cast, awards, roles, songs, wikidata, provenance)"),
        (["   "], "the query is empty"),
        (["--store", "a", "--endpoint", "http://h/sparql", "roles"], "give --store or --endpoint, not both"),
    ],
)
def test_query_usage_errors(args: list[str], message: str) -> None:
    result = kg("query", *args)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}"


def test_the_default_store(tmp_path: Path) -> None:
    target = tmp_path / "default"
    assert kg("export", str(EXAMPLE), "--no-files", env={"KG_STORE": str(target)}).returncode == 0
    result = kg("query", "cast", "--film", "Leaving Las Vegas", "-f", "csv", env={"KG_STORE": str(target)})
    assert result.stdout.splitlines()[1] == "Leaving Las Vegas,1,Nicolas Cage,Ben Sanderson"
