"""Any SPARQL 1.1 store over HTTP: real servers started by the tests on loopback (the
Oxigraph server, Virtuoso 7 with a write user and digest authentication), and a server
that misbehaves on purpose for every error path: down, slow, 401, 404, 429, 500."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.stores.endpoint import Endpoint, redact, terms_block

from .servers import ASK_TRUE, EMPTY_SELECT, VIRTUOSO_PASSWORD, VIRTUOSO_USER, FaultServer, start_oxigraph, start_virtuoso
from .test_store import EXAMPLE, GRAPH, dump, kg, triples_of

CREDENTIALS = {"KG_ENDPOINT_USER": VIRTUOSO_USER, "KG_ENDPOINT_PASSWORD": VIRTUOSO_PASSWORD}


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory):
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph-server") / "data")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory):
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


def _stored(endpoint: str) -> dict[str, set[str]]:
    """Every kg graph of an endpoint → its triples, read back with a CONSTRUCT per graph
    (literals as Oxigraph keeps them, as :func:`triples_of` gives them: by value)."""
    e = Endpoint(endpoint)
    memory = ox.Store()
    for graph in e.stamps():
        answer = e.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        memory.extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph)) for t in answer.triples)
    e.close()
    out: dict[str, set[str]] = {}
    for q in memory.quads_for_pattern(None, None, None, None):
        out.setdefault(q.graph_name.value, set()).add(str(q.triple))
    return out


def _clear(server) -> None:
    e = Endpoint(server.query, update_url=server.update)
    for graph in e.stamps():
        e._send("POST", e.update_url, "clear", data={"update": f"DROP SILENT GRAPH <{graph}>"})
    e.close()


# --------------------------------------------------------------------------- the Oxigraph server


@pytest.mark.parametrize("protocol", ["graph-store", "update"])
def test_export_into_an_oxigraph_server(tmp_path: Path, oxigraph, protocol: str) -> None:
    _clear(oxigraph)
    extra = ["--graph-store", oxigraph.graph_store] if protocol == "graph-store" else []
    source = dump(tmp_path / "v1.xml", range(1, 4), 1)
    result = kg("export", str(source), str(EXAMPLE), "-o", str(tmp_path / "out"), "-f", "nquads", "--endpoint", oxigraph.query, *extra)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"endpoint {oxigraph.query}: 4 articles stored, 0 unchanged"
    assert _stored(oxigraph.query) == triples_of(tmp_path / "out")
    again = kg("export", str(source), "--no-files", "--endpoint", oxigraph.query, *extra)
    assert again.stdout.splitlines()[-1] == f"endpoint {oxigraph.query}: 0 articles stored, 3 unchanged"


def test_a_new_revision_replaces_the_graph_on_the_server(tmp_path: Path, oxigraph) -> None:
    _clear(oxigraph)
    assert kg("export", str(dump(tmp_path / "v1.xml", range(1, 3), 1)), "--no-files", "--endpoint", oxigraph.query).returncode == 0
    result = kg("export", str(dump(tmp_path / "v2.xml", range(1, 2), 2)), "-o", str(tmp_path / "v2"), "-f", "nquads",
                "--endpoint", oxigraph.query, "--graph-store", oxigraph.graph_store)
    assert result.returncode == 0, result.stderr
    stored = _stored(oxigraph.query)
    assert stored[GRAPH + "Store_Film_1"] == triples_of(tmp_path / "v2")[GRAPH + "Store_Film_1"]
    assert not any("Villain 1" in t for t in stored[GRAPH + "Store_Film_1"])
    assert GRAPH + "Store_Film_2" in stored


def test_load_files_into_an_oxigraph_server(tmp_path: Path, oxigraph) -> None:
    _clear(oxigraph)
    assert kg("export", str(EXAMPLE), "-o", str(tmp_path / "out"), "-f", "all", "--no-store").returncode == 0
    files = [str(tmp_path / "out" / f"Leaving_Las_Vegas.{ext}") for ext in ("ttl", "jsonld", "nq")]
    result = kg("load", *files, "--endpoint", oxigraph.query, "--graph-store", oxigraph.graph_store)
    assert result.returncode == 0, result.stderr
    assert _stored(oxigraph.query) == triples_of(tmp_path / "out")


def test_query_and_store_info_against_an_oxigraph_server(tmp_path: Path, oxigraph) -> None:
    _clear(oxigraph)
    assert kg("export", str(EXAMPLE), "--no-files", "--endpoint", oxigraph.query).returncode == 0
    cast = kg("query", "cast", "--film", "Leaving Las Vegas", "--endpoint", oxigraph.query, "-f", "csv")
    assert cast.returncode == 0, cast.stderr
    assert cast.stdout.splitlines()[:3] == ["film,position,actor,character", "Leaving Las Vegas,1,Nicolas Cage,Ben Sanderson", "Leaving Las Vegas,2,Elisabeth Shue,Sera"]
    info = kg("store", "info", "--endpoint", oxigraph.query)
    assert info.stdout.splitlines()[-1] == f"endpoint {oxigraph.query}: 1 article, 1,450 triples in their graphs"


def test_listing_a_store_reads_every_page(tmp_path: Path, oxigraph, monkeypatch: pytest.MonkeyPatch) -> None:
    """Servers cap result sizes; kg reads what a store holds page by page."""
    _clear(oxigraph)
    assert kg("export", str(dump(tmp_path / "v1.xml", range(1, 8), 1)), "--no-files", "--endpoint", oxigraph.query).returncode == 0
    monkeypatch.setattr("kg.stores.endpoint.PAGE", 3)
    e = Endpoint(oxigraph.query)
    assert len(e.stamps()) == 7 and len(e.info()) == 7


# --------------------------------------------------------------------------- Virtuoso


def test_export_into_virtuoso_with_its_graph_store(tmp_path: Path, virtuoso) -> None:
    source = dump(tmp_path / "v1.xml", range(1, 4), 1)
    args = ["--endpoint", virtuoso.query, "--update-url", virtuoso.update, "--graph-store", virtuoso.graph_store]
    result = kg("export", str(source), str(EXAMPLE), "-o", str(tmp_path / "out"), "-f", "nquads", *args, env=CREDENTIALS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"endpoint {virtuoso.query}: 4 articles stored, 0 unchanged"
    stored = _stored(virtuoso.query)
    expected = triples_of(tmp_path / "out")
    # Virtuoso keeps an integral xsd:decimal (an amount of money) as an xsd:integer
    integral = {t.replace("#decimal>", "#integer>") for ts in expected.values() for t in ts if '"^^<http://www.w3.org/2001/XMLSchema#decimal>' in t and "." not in t.split('"')[1]}
    assert {g: {t for t in ts if t not in integral} for g, ts in stored.items()} == {
        g: {t for t in ts if t.replace("#decimal>", "#integer>") not in integral} for g, ts in expected.items()}
    assert integral and all(any(t in ts for ts in stored.values()) for t in integral)
    again = kg("export", str(source), "--no-files", *args, env=CREDENTIALS)
    assert again.stdout.splitlines()[-1] == f"endpoint {virtuoso.query}: 0 articles stored, 3 unchanged"
    cast = kg("query", "cast", "--film", "Store Film 2", "--endpoint", virtuoso.query, "-f", "csv")
    assert cast.stdout.splitlines() == ["film,position,actor,character", "Store Film 2,1,Actor 2 A,Hero 2", "Store Film 2,2,Actor 2 B,Villain 2"]


def test_virtuoso_without_credentials(tmp_path: Path, virtuoso) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_ENDPOINT_")}
    result = subprocess.run([sys.executable, "-m", "kg.cli", "export", str(dump(tmp_path / "v.xml", range(30, 31), 1)), "--no-files",
                             "--endpoint", virtuoso.query, "--graph-store", virtuoso.graph_store], env={**env, "NETRC": str(tmp_path / "none")},
                            capture_output=True, text=True)
    assert result.returncode == 6
    assert result.stderr == (f"Error: {tmp_path / 'v.xml'} (Store Film 30): not stored in endpoint {virtuoso.query}: {virtuoso.graph_store}: "
                             "needs credentials (HTTP 401) to store <https://w3id.org/kg-film/graph/Store_Film_30>: set KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD, or add the host to your netrc file\n")


def test_virtuoso_refuses_a_wrong_password_and_kg_never_prints_it(tmp_path: Path, virtuoso) -> None:
    secret = "not-the-password-42"
    result = kg("export", str(dump(tmp_path / "v.xml", range(31, 32), 1)), "--no-files", "--endpoint", virtuoso.query,
                "--graph-store", virtuoso.graph_store, env={"KG_ENDPOINT_USER": VIRTUOSO_USER, "KG_ENDPOINT_PASSWORD": secret})
    assert result.returncode == 6
    assert result.stderr.endswith("refused the credentials (HTTP 401) to store <https://w3id.org/kg-film/graph/Store_Film_31>\n")
    assert secret not in result.stdout + result.stderr


def test_credentials_from_a_netrc_file(tmp_path: Path, virtuoso) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {VIRTUOSO_USER} password {VIRTUOSO_PASSWORD}\n", encoding="utf-8")
    netrc.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_ENDPOINT_")}
    result = subprocess.run([sys.executable, "-m", "kg.cli", "export", str(dump(tmp_path / "v.xml", range(32, 33), 1)), "--no-files",
                             "--endpoint", virtuoso.query, "--graph-store", virtuoso.graph_store], env={**env, "NETRC": str(netrc)},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert VIRTUOSO_PASSWORD not in result.stdout + result.stderr


def test_virtuoso_over_sparql_update(tmp_path: Path, virtuoso) -> None:
    """Without its graph store, articles go in by SPARQL Update, except that Virtuoso 7
    cannot store an xsd:duration that way (its error is shown, the other articles go in)."""
    plain = tmp_path / "Plain_Film.wiki"
    plain.write_text("{{Infobox film\n| name = Plain Film\n| director = [[Plain Director]]\n}}\n'''Plain Film''' is a film.\n", encoding="utf-8")
    timed = tmp_path / "Timed_Film.wiki"
    timed.write_text("{{Infobox film\n| name = Timed Film\n| runtime = 95 minutes\n}}\n'''Timed Film''' is a film.\n", encoding="utf-8")
    result = kg("export", str(timed), str(plain), "--no-files", "--endpoint", virtuoso.query, "--update-url", virtuoso.update, env=CREDENTIALS)
    assert result.returncode == 6
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {timed} (Timed Film): not stored in endpoint {virtuoso.query}: {virtuoso.update}: failed to store <{GRAPH}Timed_Film> (HTTP 500: ")
    assert "xsd:duration" in line
    assert GRAPH + "Plain_Film" in _stored(virtuoso.query)


# --------------------------------------------------------------------------- endpoints that misbehave


def _endpoint_run(tmp_path: Path, url: str, *extra: str, timeout: str = "2") -> subprocess.CompletedProcess:
    return kg("export", str(dump(tmp_path / "v.xml", range(40, 42), 1)), "--no-files", "--endpoint", url, "--timeout", timeout, "--retries", "1", *extra)


def test_an_endpoint_that_is_down(tmp_path: Path) -> None:
    from .servers import free_port

    url = f"http://127.0.0.1:{free_port()}/sparql"
    result = _endpoint_run(tmp_path, url)
    assert result.returncode == 6
    assert result.stderr == f"Error: {url}: cannot be reached (connection refused, 2 tries); is the server running?\n"
    assert result.stdout == ""


def test_an_endpoint_that_is_too_slow(tmp_path: Path) -> None:
    server = FaultServer("slow", slow=3.0)
    try:
        e = Endpoint(server.url + "/sparql", timeout=0.5, retries=1)
        with pytest.raises(StoreError) as caught:
            e.open()
        assert str(caught.value) == f"{server.url}/sparql: did not answer within 0.5 s (query, 2 tries)"
        assert len(server.requests) == 2
    finally:
        server.close()


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (401, "needs credentials (HTTP 401) to answer a query: set KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD, or add the host to your netrc file"),
        (404, "was not found (HTTP 404) to answer a query: check the URL"),
        (500, "failed to answer a query (HTTP 500: boom)"),
    ],
)
def test_an_endpoint_that_refuses_to_answer(tmp_path: Path, status: int, message: str) -> None:
    server = FaultServer([(status, {"Content-Type": "text/plain"}, b"boom")])
    try:
        env = {"NETRC": str(tmp_path / "none"), "KG_ENDPOINT_USER": ""}
        result = kg("export", str(dump(tmp_path / "v.xml", range(40, 42), 1)), "--no-files", "--endpoint", server.url + "/sparql", "--retries", "1", env=env)
        assert result.returncode == 6
        assert result.stderr == f"Error: {server.url}/sparql: {message}\n"
        tries = 2 if status == 500 else 1
        assert len(server.requests) == tries
    finally:
        server.close()


def test_busy_answers_are_tried_again_honouring_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    server = FaultServer([(429, {"Retry-After": "7"}, b""), (503, {}, b""), ASK_TRUE])
    slept: list[float] = []
    try:
        e = Endpoint(server.url + "/sparql")
        e._sleep = slept.append
        e.open()
        assert len(server.requests) == 3
        assert slept[0] >= 7.0 and slept[1] < 7.0
    finally:
        server.close()


def test_one_article_that_fails_does_not_stop_the_others_and_a_rerun_sends_only_it(tmp_path: Path) -> None:
    """An endpoint that fails every PUT of Store_Film_41: the other article goes in; exit 6."""
    puts: dict[str, int] = {}

    def plan(method: str, path: str, body: bytes):
        if method == "PUT":
            puts[path] = puts.get(path, 0) + 1
            if "Store_Film_41" in path and server.broken:
                return [(500, {}, b"disk full")]
            return [(201, {}, b"")]
        if b"ASK" in body:
            return [ASK_TRUE]
        return [EMPTY_SELECT]

    server = FaultServer(plan)
    server.broken = True
    try:
        url = server.url + "/sparql"
        args = ["--graph-store", server.url + "/store"]
        source = dump(tmp_path / "v.xml", range(40, 42), 1)
        result = kg("export", str(source), "--no-files", "--endpoint", url, "--retries", "2", *args)
        assert result.returncode == 6
        assert result.stderr == (f"Error: {source} (Store Film 41): not stored in endpoint {url}: {server.url}/store: "
                                 f"failed to store <{GRAPH}Store_Film_41> (HTTP 500: disk full)\n")
        assert result.stdout.splitlines()[-1] == f"endpoint {url}: 1 article stored, 0 unchanged"
        assert sorted(puts.values()) == [1, 3]  # the failing one was tried three times
    finally:
        server.close()


def test_a_rerun_sends_only_what_is_missing(tmp_path: Path, oxigraph) -> None:
    _clear(oxigraph)
    source = dump(tmp_path / "v.xml", range(50, 54), 1)
    assert kg("export", str(dump(tmp_path / "part.xml", range(50, 52), 1)), "--no-files", "--endpoint", oxigraph.query).returncode == 0
    result = kg("export", str(source), "--no-files", "--endpoint", oxigraph.query)
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == f"endpoint {oxigraph.query}: 2 articles stored, 2 unchanged"


def test_a_url_with_credentials_is_never_shown(tmp_path: Path) -> None:
    from .servers import free_port

    port = free_port()
    result = _endpoint_run(tmp_path, f"http://someone:hunter2@127.0.0.1:{port}/sparql")
    assert result.returncode == 6
    assert "hunter2" not in result.stderr and "someone" not in result.stderr
    assert result.stderr == f"Error: http://127.0.0.1:{port}/sparql: cannot be reached (connection refused, 2 tries); is the server running?\n"


def test_a_graph_store_that_is_none_falls_back_to_update(tmp_path: Path, oxigraph) -> None:
    _clear(oxigraph)
    result = kg("export", str(EXAMPLE), "--no-files", "--endpoint", oxigraph.query, "--graph-store", oxigraph.query.replace("/sparql", "/nothing"))
    assert result.returncode == 0, result.stderr
    notes = "".join(line for line in result.stderr.splitlines(keepends=True) if not line.startswith("[WARN]"))
    assert notes == (f"Note: {oxigraph.query.replace('/sparql', '/nothing')} answered a Graph Store PUT with HTTP 404; "
                             f"articles went to {oxigraph.query} as SPARQL Update instead\n")
    assert list(_stored(oxigraph.query)) == [GRAPH + "Leaving_Las_Vegas"]


@pytest.mark.parametrize("url", ["ftp://h/sparql", "localhost:7878/sparql"])
def test_an_endpoint_url_must_be_http(url: str) -> None:
    result = kg("query", "roles", "--endpoint", url)
    assert result.returncode == 6
    assert result.stderr == f"Error: {url}: is not an http:// or https:// URL\n"


def test_redact() -> None:
    assert redact("https://u:p@example.org:8890/sparql?x=1") == "https://example.org:8890/sparql?x=1"
    assert redact("http://example.org/sparql") == "http://example.org/sparql"


# --------------------------------------------------------------------------- parameters as terms


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_a_parameter_is_one_term_whatever_it_holds(value: str) -> None:
    """Quotes, braces, '}', backslashes, \\u escapes, newlines: the VALUES block binds
    exactly the value and cannot change the query around it."""
    store = ox.Store()
    block = terms_block({"v": ox.Literal(value, language="en"), "w": ox.NamedNode("http://example.org/x")})
    rows = list(store.query(f"SELECT ?v ?w WHERE {{ {block} }}"))
    assert len(rows) == 1
    assert rows[0]["v"] == ox.Literal(value, language="en")
