"""Linking with Wikidata from the command line, against a local server that speaks the
real MediaWiki and Wikidata API formats (tests/wikiapi.py) and against an index built
from a dump in exact dump syntax: no test reaches the network."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import OWL, Graph, URIRef

from .wikiapi import WikiAPI, sample_wiki

KG = [sys.executable, "-m", "kg.cli"]
RES = "https://w3id.org/kg-film/resource/"
WD = "http://www.wikidata.org/entity/"
FILMS = ["Leaving Las Vegas", "Face/Off", "Casino (1995 film)", "The Rock (film)", "Vegas Nights"]


def kg(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})})


@pytest.fixture()
def wiki():
    pages, items = sample_wiki()
    server = WikiAPI(pages, items)
    yield server
    server.close()


def api_args(wiki: WikiAPI, cache: Path) -> list[str]:
    return ["--wikipedia-api", wiki.url, "--wikidata-api", wiki.wikidata_url, "--cache", str(cache)]


def same_as(folder: Path, stem: str) -> dict[str, str]:
    g = Graph().parse(folder / f"{stem}.ttl")
    return {str(s).removeprefix(RES): str(o).removeprefix(WD) for s, o in g.subject_objects(OWL.sameAs)}


def test_fetch_and_link_from_the_api_then_again_from_the_cache(tmp_path: Path, wiki: WikiAPI) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache.sqlite"
    first = kg("export", "--fetch", *FILMS, "--link", "api", *api_args(wiki, cache), "-o", str(out), "--no-store")
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[-1].startswith("Wikimedia APIs: ") and " 0 answered from the cache" in first.stdout.splitlines()[-1]
    sent = len(wiki.requests)
    # every request names kg; titles were asked 50 at a time, never one by one
    assert all(h.get("User-Agent", "").startswith("kg/") for _, _, h in wiki.requests)
    assert sent <= 8, [p for _, p, _ in wiki.requests]
    links = same_as(out, "Leaving_Las_Vegas")
    assert links["Leaving_Las_Vegas"] == "Q900101" and links["Nicolas_Cage"] == "Q900202" and links["Mike_Figgis"] == "Q900201"
    # a redirect is its target: Face/Off links [[Nic Cage]], the node is Nicolas Cage's
    assert same_as(out, "Face%2FOff")["Nicolas_Cage"] == "Q900202"
    assert not (Graph().parse(out / "Face%2FOff.ttl").value(URIRef(RES + "Nic_Cage"), None))
    # contradictions are not linked, and say both sides
    assert "Casino_(1995_film)" not in same_as(out, "Casino_(1995_film)")
    assert "[WARN] [Casino (1995 film)] link: Casino (1995 film): Wikidata Q900103 not linked: its IMDb id is tt0112642, the article's tt0112641" in first.stderr
    assert "Ed_Harris" not in same_as(out, "The_Rock_(film)")
    assert "[WARN] [The Rock (film)] link: Ed Harris: Wikidata Q900213 not linked: it is no human (instance of film (Q11424))" in first.stderr
    # a film without an item, a disambiguation page: unlinked
    vegas = same_as(out, "Vegas_Nights")
    assert "Vegas_Nights" not in vegas and "John_Smith" not in vegas
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # a warm cache: no request at all, byte-identical files
    again = kg("export", "--fetch", *FILMS, "--link", "api", *api_args(wiki, cache), "-o", str(out), "--no-store")
    assert again.returncode == 0, again.stderr
    assert len(wiki.requests) == sent
    assert again.stdout.splitlines()[-1].startswith("Wikimedia APIs: 0 requests sent, ")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_the_links_source_is_in_the_provenance(tmp_path: Path, wiki: WikiAPI) -> None:
    out = tmp_path / "out"
    assert kg("export", "--fetch", "Leaving Las Vegas", "--link", "api", *api_args(wiki, tmp_path / "c.sqlite"), "-o", str(out), "--no-store").returncode == 0
    turtle = (out / "Leaving_Las_Vegas.ttl").read_text()
    assert "prov:wasInfluencedBy <https://w3id.org/kg-film/graph/Leaving_Las_Vegas#links>" in turtle
    assert f"dcterms:source <{wiki.wikidata_url}>" in turtle


def test_offline_with_a_cold_cache_fails_with_exit_7(tmp_path: Path, wiki: WikiAPI) -> None:
    done = kg("export", "--fetch", "Leaving Las Vegas", "--link", "api", "--offline", *api_args(wiki, tmp_path / "c.sqlite"), "-o", str(tmp_path / "o"), "--no-store")
    assert done.returncode == 7
    assert done.stderr == f"Error: {wiki.url}: is not in the cache and --offline forbids asking it\n"
    assert not wiki.requests


def test_an_api_that_is_down_stops_the_run_with_one_line(tmp_path: Path) -> None:
    pages, items = sample_wiki()
    server = WikiAPI(pages, items)
    url, wd = server.url, server.wikidata_url
    server.close()
    done = kg("export", "examples/leaving-las-vegas.api.json", "Leaving_Las_Vegas.json", "--link", "api", "--wikipedia-api", url,
              "--wikidata-api", wd, "--cache", str(tmp_path / "c.sqlite"), "--api-retries", "1", "-o", str(tmp_path / "o"), "--no-store")
    assert done.returncode == 7
    lines = done.stderr.splitlines()
    assert lines == [f"Error: {wd}: cannot be reached (connection refused) (2 tries); try again later"]
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").iterdir())  # nothing half-linked was written


def test_a_lagged_api_is_waited_for(tmp_path: Path) -> None:
    pages, items = sample_wiki()
    with WikiAPI(pages, items, faults=[("maxlag", 2), (429, 0), (503, None)]) as server:
        done = kg("export", "--fetch", "Leaving Las Vegas", "--link", "api", *api_args(server, tmp_path / "c.sqlite"), "-o", str(tmp_path / "o"), "--no-store")
        assert done.returncode == 0, done.stderr
        assert same_as(tmp_path / "o", "Leaving_Las_Vegas")["Leaving_Las_Vegas"] == "Q900101"


def test_fetch_a_category_with_continuation(tmp_path: Path, wiki: WikiAPI) -> None:
    from kg.sources.fetch import Fetcher
    from kg.sources.mwapi import Client

    fetcher = Fetcher(Client(wiki.url), ["Category:1995 films"], page_size="2")
    titles = [p.title for p in fetcher.pages("Category:1995 films")]
    assert titles == ["Casino (1995 film)", "Heat (1995 film)", "Leaving Las Vegas", "Vegas Nights"]
    continued = [p for _, p, _ in wiki.requests if p.get("list") == "categorymembers" and "cmcontinue" in p]
    assert continued  # the members came in more than one answer
    done = kg("export", "--fetch", "Category:1995 films", *api_args(wiki, tmp_path / "c.sqlite"), "-o", str(tmp_path / "o"), "--no-store", "-q")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "o").glob("*.ttl")) == ["Casino_(1995_film).ttl", "Heat_(1995_film).ttl", "Leaving_Las_Vegas.ttl", "Vegas_Nights.ttl"]


def test_fetch_a_missing_page(tmp_path: Path, wiki: WikiAPI) -> None:
    done = kg("export", "--fetch", "No Such Film", *api_args(wiki, tmp_path / "c.sqlite"), "-o", str(tmp_path / "o"), "--no-store")
    assert done.returncode == 3
    assert done.stderr == "Error: No Such Film: no such page on English Wikipedia\n"


# --------------------------------------------------------------------------- from a dump index


def write_dump(items: dict[str, dict], path: Path) -> Path:
    entities = [e for e in items.values() if e.get("type") == "item"]
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("[\n" + ",\n".join(json.dumps(e, separators=(",", ":")) for e in entities) + "\n]\n")
    return path


def write_tables(pages: dict[str, dict], folder: Path) -> tuple[Path, Path]:
    def q(text: str) -> str:
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"

    redirects = [(p["pageid"], p["redirect"]) for p in pages.values() if p.get("redirect") and p.get("ns", 0) == 0]
    page_rows = ",".join(f"({p['pageid']},0,{q(t.replace(' ', '_'))},{1 if p.get('redirect') else 0},0,0.5,'20240101000000','20240101000000',1,1,'wikitext',NULL)"
                         for t, p in pages.items() if p.get("ns", 0) == 0)
    rd_rows = ",".join(f"({i},0,{q(target.split('#')[0].replace(' ', '_'))},'','')" for i, target in redirects)
    page_sql, rd_sql = folder / "enwiki-20241101-page.sql.gz", folder / "enwiki-20241101-redirect.sql.gz"
    with gzip.open(page_sql, "wt", encoding="utf-8") as fh:
        fh.write(f"INSERT INTO `page` VALUES {page_rows};\n")
    with gzip.open(rd_sql, "wt", encoding="utf-8") as fh:
        fh.write(f"INSERT INTO `redirect` VALUES {rd_rows};\n")
    return rd_sql, page_sql


@pytest.fixture()
def index(tmp_path: Path) -> Path:
    pages, items = sample_wiki()
    dump = write_dump(items, tmp_path / "wikidata-20241104-all.json.gz")
    redirects, page_table = write_tables(pages, tmp_path)
    out = tmp_path / "wikidata.index"
    done = kg("link", "index", str(dump), "-o", str(out), "--redirects", str(redirects), "--pages", str(page_table), "-q")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{out}: ") and " items with an English article, of " in done.stdout
    return out


def test_the_index_links_as_the_api_does(tmp_path: Path, wiki: WikiAPI, index: Path) -> None:
    api, offline = tmp_path / "api", tmp_path / "index"
    assert kg("export", "--fetch", *FILMS, "--link", "api", *api_args(wiki, tmp_path / "c.sqlite"), "-o", str(api), "--no-store", "-q").returncode == 0
    sent = len(wiki.requests)
    done = kg("export", "--fetch", *FILMS, "--link", str(index), *api_args(wiki, tmp_path / "c.sqlite"), "-o", str(offline), "--no-store", "-q")
    assert done.returncode == 0, done.stderr
    assert len(wiki.requests) == sent  # articles from the cache, links from the index
    for stem in ("Leaving_Las_Vegas", "Face%2FOff", "Casino_(1995_film)", "The_Rock_(film)", "Vegas_Nights"):
        assert same_as(offline, stem) == same_as(api, stem), stem
    turtle = (offline / "Leaving_Las_Vegas.ttl").read_text()
    assert '"2024-11-04"^^xsd:date' in turtle and "wikidata-20241104-all.json.gz" in turtle


def test_report_counts_linked_and_linkable(tmp_path: Path, wiki: WikiAPI, index: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    from kg.sources.fetch import Fetcher
    from kg.sources.mwapi import Client

    fetcher = Fetcher(Client(wiki.url), ["Leaving Las Vegas"])
    (folder / "Leaving_Las_Vegas.wiki").write_text(next(fetcher.pages("Leaving Las Vegas")).text)
    done = kg("report", str(folder / "Leaving_Las_Vegas.wiki"), "--link", str(index), "--no-validate", "--tsv")
    header, row = done.stdout.splitlines()[:2]
    values = dict(zip(header.split("\t"), row.split("\t")))
    assert int(values["linked"]) >= 3 and int(values["linked"]) <= int(values["linkable"])
    plain = kg("report", str(folder / "Leaving_Las_Vegas.wiki"), "--link", str(index), "--no-validate")
    assert " nodes linked to Wikidata (titles unlinked: " in plain.stdout.splitlines()[-1]


def test_compare_sets_wikidata_beside_kg(tmp_path: Path, wiki: WikiAPI, index: Path) -> None:
    done = kg("link", "compare", "--fetch-free", str(index))
    assert done.returncode == 2  # no such option: compare reads files, not the API
    folder = tmp_path / "a"
    folder.mkdir()
    from kg.sources.fetch import Fetcher
    from kg.sources.mwapi import Client

    fetcher = Fetcher(Client(wiki.url), FILMS)
    for title in ("Leaving Las Vegas", "Casino (1995 film)"):
        (folder / f"{title.replace(' ', '_')}.wiki").write_text(next(fetcher.pages(title)).text)
    done = kg("link", "compare", *sorted(map(str, folder.iterdir())), "--link", str(index), "--tsv")
    assert done.returncode == 0, done.stderr
    rows = [line.split("\t") for line in done.stdout.splitlines()]
    assert rows[0] == ["film", "qid", "fact", "kg", "wikidata", "agree"]
    facts = {(r[0], r[2]): r for r in rows[1:]}
    assert facts[("Leaving Las Vegas", "duration")][3:] == ["111 min", "111 min", "True"]
    assert facts[("Leaving Las Vegas", "publication date")][5] == "True"
    assert ("Casino (1995 film)", "director") not in facts  # not linked: its IMDb id contradicts the article
