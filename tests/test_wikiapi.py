"""The local Wikipedia/Wikidata API server (tests/wikiapi.py) answers in the real formats:
checked against the MediaWiki/Wikibase formats and the real answers kept in the repository
(examples/leaving-las-vegas.api.json) and the corpus (wikidata/Q42_Douglas_Adams.json)."""

from __future__ import annotations

import http.client as http_client
import json
from urllib.parse import urlsplit

import pytest
import requests

from .conftest import CORPUS, EXAMPLE
from .wikiapi import (IMDB_CONTRADICTION, MERGED_QID, TYPE_CONTRADICTION, WikiAPI, item, normalise, sample_wiki,
                      statement)

UA = "kg-tests/1 (https://example.org/kg; kg@example.org)"
Q42_FILE = CORPUS / "wikidata" / "Q42_Douglas_Adams.json"


@pytest.fixture(scope="module")
def wiki():
    with WikiAPI(*sample_wiki()) as server:
        yield server


@pytest.fixture
def http():
    with requests.Session() as s:
        s.headers["User-Agent"] = UA
        yield s


def ask(http, url, fv=2, post=True, **params):
    params = {"format": "json", "formatversion": str(fv), **params}
    r = http.post(url, data=params, timeout=5) if post else http.get(url, params=params, timeout=5)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == "application/json; charset=utf-8"
    return r.json()


def pages_of(answer):
    pages = answer["query"]["pages"]
    return list(pages.values()) if isinstance(pages, dict) else pages


# --------------------------------------------------------------------------- query: titles

REVISIONS = {"action": "query", "prop": "revisions", "rvprop": "content|ids|timestamp", "rvslots": "main"}


def test_revisions_formatversion_2(wiki, http):
    a = ask(http, wiki.url, titles="Leaving_Las_Vegas|Nic Cage|nowhere at all", redirects="1", **REVISIONS)
    assert list(a) == ["batchcomplete", "query"] and a["batchcomplete"] is True
    q = a["query"]
    assert list(q) == ["normalized", "redirects", "pages"]
    assert q["normalized"] == [{"fromencoded": False, "from": "Leaving_Las_Vegas", "to": "Leaving Las Vegas"},
                               {"fromencoded": False, "from": "nowhere at all", "to": "Nowhere at all"}]
    assert q["redirects"] == [{"from": "Nic Cage", "to": "Nicolas Cage"}]
    pages = q["pages"]
    assert isinstance(pages, list)
    assert pages[0] == {"ns": 0, "title": "Nowhere at all", "missing": True}
    assert [p["title"] for p in pages[1:]] == ["Leaving Las Vegas", "Nicolas Cage"]
    llv = pages[1]
    assert list(llv) == ["pageid", "ns", "title", "revisions"]
    assert llv["pageid"] == 54160 and llv["ns"] == 0
    rev = llv["revisions"][0]
    assert list(rev) == ["revid", "parentid", "timestamp", "slots"]
    assert isinstance(rev["revid"], int) and rev["timestamp"].endswith("Z")
    main = rev["slots"]["main"]
    assert list(main) == ["contentmodel", "contentformat", "content"]
    assert main["contentmodel"] == "wikitext" and main["contentformat"] == "text/x-wiki"
    assert "{{Infobox film" in main["content"] and "[[Nicolas Cage]]<br>[[Elisabeth Shue]]" in main["content"]


def test_revisions_formatversion_1(wiki, http):
    a = ask(http, wiki.url, fv=1, titles="nic_cage|Leaving Las Vegas|Nowhere|Neither", **REVISIONS)
    assert a["batchcomplete"] == ""
    q = a["query"]
    assert q["normalized"] == [{"from": "nic_cage", "to": "Nic cage"}]  # fromencoded: false is left out
    assert "redirects" not in q
    pages = q["pages"]
    assert isinstance(pages, dict)
    assert pages["-1"] == {"ns": 0, "title": "Nic cage", "missing": ""}
    assert pages["-2"] == {"ns": 0, "title": "Nowhere", "missing": ""}
    assert pages["-3"] == {"ns": 0, "title": "Neither", "missing": ""}
    assert list(pages)[:3] == ["-1", "-2", "-3"]
    llv = pages["54160"]
    main = llv["revisions"][0]["slots"]["main"]
    assert list(main) == ["contentmodel", "contentformat", "*"]
    assert main["*"].startswith("{{Short description|")


def test_redirect_page_without_redirects_parameter(wiki, http):
    a = ask(http, wiki.url, action="query", titles="Nic Cage", prop="revisions|info", rvprop="content", rvslots="main")
    (page,) = pages_of(a)
    assert "redirects" not in a["query"]
    assert page["title"] == "Nic Cage" and page["redirect"] is True
    assert page["revisions"][0]["slots"]["main"]["content"] == "#REDIRECT [[Nicolas Cage]]"


def test_redirect_chain_and_fragment(wiki, http):
    a = ask(http, wiki.url, action="query", titles="Nick Cage|Nicolas Cage filmography", redirects="")
    assert a["query"]["redirects"] == [
        {"from": "Nick Cage", "to": "Nic Cage"},
        {"from": "Nicolas Cage filmography", "to": "Nicolas Cage", "tofragment": "Filmography"},
        {"from": "Nic Cage", "to": "Nicolas Cage"},
    ]
    assert [p["title"] for p in pages_of(a)] == ["Nicolas Cage"]


def test_invalid_title_and_namespaces(wiki, http):
    a = ask(http, wiki.url, action="query", titles="category:1995_films|A[b]")
    assert a["query"]["normalized"][0]["to"] == "Category:1995 films"
    pages = pages_of(a)
    assert pages[0] == {"title": "A[b]", "invalidreason": 'The requested page title contains invalid characters: "[".',
                        "invalid": True}
    assert pages[1]["ns"] == 14 and pages[1]["title"] == "Category:1995 films"


def test_legacy_revisions_match_the_real_answer(wiki, http):
    """No rvslots, formatversion=1: the shape of examples/leaving-las-vegas.api.json."""
    real = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    a = ask(http, wiki.url, fv=1, action="query", prop="revisions", rvprop="content", titles="Leaving_Las_Vegas")
    assert list(a) == list(real)
    assert a["warnings"] == real["warnings"]
    assert a["query"]["normalized"] == real["query"]["normalized"]
    (ours,), (theirs,) = a["query"]["pages"].items(), real["query"]["pages"].items()
    assert ours[0] == theirs[0] == "54160"
    assert list(ours[1]) == list(theirs[1])
    assert list(ours[1]["revisions"][0]) == list(theirs[1]["revisions"][0]) == ["contentformat", "contentmodel", "*"]


def test_pageprops_filter(wiki, http):
    titles = "John Smith|Leaving Las Vegas|Vegas Nights"
    a = ask(http, wiki.url, action="query", prop="pageprops", ppprop="wikibase_item|disambiguation", titles=titles)
    props = {p["title"]: p.get("pageprops") for p in pages_of(a)}
    assert props == {"John Smith": {"disambiguation": "", "wikibase_item": "Q900301"},
                     "Leaving Las Vegas": {"wikibase_item": "Q900101"}, "Vegas Nights": None}
    assert "pageprops" not in next(p for p in pages_of(a) if p["title"] == "Vegas Nights")
    a = ask(http, wiki.url, action="query", prop="pageprops", ppprop="disambiguation", titles=titles)
    assert {p["title"]: p.get("pageprops") for p in pages_of(a)} == {
        "John Smith": {"disambiguation": ""}, "Leaving Las Vegas": None, "Vegas Nights": None}
    a = ask(http, wiki.url, fv=1, action="query", prop="pageprops", titles="John Smith")
    assert a["query"]["pages"]["800001"]["pageprops"] == {"disambiguation": "", "wikibase_item": "Q900301"}


def test_revisions_and_pageprops_together(wiki, http):
    a = ask(http, wiki.url, action="query", prop="revisions|pageprops", rvprop="content|ids|timestamp",
            rvslots="main", ppprop="wikibase_item|disambiguation", redirects="1", titles="Face/Off|Nic Cage")
    pages = {p["title"]: p for p in pages_of(a)}
    assert list(pages["Face/Off"]) == ["pageid", "ns", "title", "revisions", "pageprops"]
    assert pages["Nicolas Cage"]["pageprops"] == {"wikibase_item": "Q900202"}


def test_get_and_post_both_work(wiki, http):
    g = ask(http, wiki.url, post=False, titles="Heat (1995 film)", **REVISIONS)
    p = ask(http, wiki.url, post=True, titles="Heat (1995 film)", **REVISIONS)
    assert g == p


# --------------------------------------------------------------------------- categorymembers

def members(http, url, fv=2, **extra):
    params = {"action": "query", "list": "categorymembers", "cmtitle": "Category:1995 films", "cmnamespace": "0",
              "cmtype": "page", **extra}
    answers = []
    while True:
        a = ask(http, url, fv=fv, **params)
        answers.append(a)
        if "continue" not in a:
            return answers
        params = {**params, **a["continue"]}


@pytest.mark.parametrize("fv", [1, 2])
def test_categorymembers_continuation(wiki, http, fv):
    answers = members(http, wiki.url, fv=fv, cmlimit="2")
    assert len(answers) == 2
    first, last = answers
    assert list(first) == ["batchcomplete", "continue", "query"]
    assert first["batchcomplete"] == ("" if fv == 1 else True)
    cont = first["continue"]
    assert list(cont) == ["cmcontinue", "continue"] and cont["continue"] == "-||"
    kind, sortkey, pageid = cont["cmcontinue"].split("|")
    assert kind == "page" and bytes.fromhex(sortkey) == b"LEAVING LAS VEGAS" and pageid == "54160"
    assert "continue" not in last
    titles = [m["title"] for a in answers for m in a["query"]["categorymembers"]]
    assert titles == ["Casino (1995 film)", "Heat (1995 film)", "Leaving Las Vegas", "Vegas Nights"]
    assert first["query"]["categorymembers"][0] == {"pageid": 1178515, "ns": 0, "title": "Casino (1995 film)"}


def test_categorymembers_max_and_types(wiki, http):
    (a,) = members(http, wiki.url, cmlimit="max")
    assert len(a["query"]["categorymembers"]) == 4
    a = ask(http, wiki.url, action="query", list="categorymembers", cmtitle="Category:1995_films", cmlimit="10")
    assert a["query"]["categorymembers"][-1] == {"pageid": 900006, "ns": 14, "title": "Category:1995 drama films"}
    a = ask(http, wiki.url, action="query", list="categorymembers", cmtitle="Category:1995 films", cmlimit="900")
    assert "cmlimit" in a["warnings"]["categorymembers"]["warnings"]
    a = ask(http, wiki.url, action="query", list="categorymembers", cmtitle="1995 films")
    assert a["error"]["code"] == "invalidcategory"
    a = ask(http, wiki.url, action="query", list="categorymembers", cmtitle="Category:1995 films", cmcontinue="junk")
    assert a["error"]["code"] == "badcontinue"


# --------------------------------------------------------------------------- errors

@pytest.mark.parametrize("fv", [1, 2])
def test_too_many_titles(wiki, http, fv):
    r = http.post(wiki.url, data={"action": "query", "format": "json", "formatversion": str(fv),
                                  "titles": "|".join(f"T{i}" for i in range(51))}, timeout=5)
    assert r.status_code == 200 and r.headers["MediaWiki-API-Error"] == "toomanyvalues"
    a = r.json()
    assert list(a) == ["error", "servedby"]
    e = a["error"]
    assert e["code"] == "toomanyvalues"
    assert e["info"] == 'Too many values supplied for parameter "titles". The limit is 50.'
    assert (e["parameter"], e["limit"], e["lowlimit"], e["highlimit"]) == ("titles", 50, 50, 500)
    assert ("*" in e) == (fv == 1) and ("docref" in e) == (fv == 2)
    ok = ask(http, wiki.url, fv=fv, action="query", titles="|".join(f"T{i}" for i in range(50)))
    assert len(pages_of(ok)) == 50


def test_unknown_action_and_wrong_endpoint(wiki, http):
    a = ask(http, wiki.url, action="frobnicate")
    assert a["error"]["code"] == "badvalue"
    assert a["error"]["info"] == 'Unrecognized value for parameter "action": frobnicate.'
    a = ask(http, wiki.url, action="wbgetentities", ids="Q42")  # enwiki has no Wikibase repository
    assert a["error"]["code"] == "badvalue"
    a = ask(http, wiki.url, fv=1, action="query", titles="X", bogus="1")
    assert a["warnings"]["main"] == {"*": "Unrecognized parameter: bogus."}


def test_no_format_gives_html_and_no_user_agent_is_refused(wiki, http):
    r = http.get(wiki.url, params={"action": "query", "titles": "X"}, timeout=5)
    assert r.headers["Content-Type"].startswith("text/html")
    host, port = urlsplit(wiki.url).netloc.split(":")
    conn = http_client.HTTPConnection(host, int(port), timeout=5)
    conn.request("GET", "/w/api.php?action=query&format=json")  # http.client sends no User-Agent
    assert conn.getresponse().status == 403
    conn.close()


def test_parse_wikitext(wiki, http):
    a = ask(http, wiki.url, action="parse", page="Nic Cage", prop="wikitext", redirects="1")
    assert a["parse"]["title"] == "Nicolas Cage" and a["parse"]["wikitext"].startswith("{{Infobox person")
    a = ask(http, wiki.url, fv=1, action="parse", page="Leaving Las Vegas", prop="wikitext")
    assert "*" in a["parse"]["wikitext"]
    assert ask(http, wiki.url, action="parse", page="Nowhere", prop="wikitext")["error"]["code"] == "missingtitle"


# --------------------------------------------------------------------------- wbgetentities

def test_wbgetentities_matches_the_real_q42_answer(http):
    """Served from the real Q42 entity, the answer is the real answer, in both formatversions."""
    if not Q42_FILE.exists():
        pytest.skip("corpus not found")
    real = json.loads(Q42_FILE.read_text(encoding="utf-8"))
    with WikiAPI({}, {"Q42": real["entities"]["Q42"]}) as server:
        for fv in (1, 2):
            assert ask(http, server.wikidata_url, fv=fv, action="wbgetentities", ids="Q42") == real


@pytest.mark.parametrize("fv", [1, 2])
def test_wbgetentities_ids(wiki, http, fv):
    a = ask(http, wiki.wikidata_url, fv=fv, action="wbgetentities", ids="Q900101|Q900202|Q999999999")
    assert list(a) == ["entities", "success"] and a["success"] == 1
    assert list(a["entities"]) == ["Q900101", "Q900202", "Q999999999"]
    assert a["entities"]["Q999999999"] == {"id": "Q999999999", "missing": ""}
    film = a["entities"]["Q900101"]
    if Q42_FILE.exists():
        real = json.loads(Q42_FILE.read_text(encoding="utf-8"))
        q42 = real["entities"]["Q42"]
        assert list(a) == list(real)
        assert list(film) == list(q42)
        real_statement = q42["claims"]["P31"][0]
        ours = film["claims"]["P31"][0]
        assert set(ours) == set(real_statement) - {"references"}
        assert list(ours["mainsnak"]) == list(real_statement["mainsnak"])
        assert ours["mainsnak"]["datavalue"] == {"value": {"entity-type": "item", "numeric-id": 11424, "id": "Q11424"},
                                                 "type": "wikibase-entityid"}
        for ours_p, real_p in (("P577", "P569"), ("P2047", "P2048")):  # time, quantity
            ours_v = film["claims"][ours_p][0]["mainsnak"]["datavalue"]
            real_v = q42["claims"][real_p][0]["mainsnak"]["datavalue"]
            assert ours_v["type"] == real_v["type"] and list(ours_v["value"]) == list(real_v["value"])
        assert film["claims"]["P345"][0]["mainsnak"]["datatype"] == q42["claims"]["P345"][0]["mainsnak"]["datatype"]
        assert list(film["sitelinks"]["enwiki"]) == list(q42["sitelinks"]["enwiki"])
    claims = film["claims"]
    assert claims["P2047"][0]["mainsnak"]["datavalue"]["value"] == {"amount": "+111",
                                                                     "unit": "http://www.wikidata.org/entity/Q7727"}
    when = claims["P577"][0]["mainsnak"]["datavalue"]["value"]
    assert (when["time"], when["precision"]) == ("+1995-10-27T00:00:00Z", 11)
    assert claims["P345"][0]["mainsnak"]["datavalue"] == {"value": "tt0113627", "type": "string"}
    assert [c["mainsnak"]["datavalue"]["value"]["id"] for c in claims["P161"]] == ["Q900202", "Q900203"]


def test_wbgetentities_props_languages_sitefilter(wiki, http):
    url = wiki.wikidata_url
    e = ask(http, url, action="wbgetentities", ids="Q900101", props="claims")["entities"]["Q900101"]
    assert list(e) == ["type", "id", "claims"]
    e = ask(http, url, action="wbgetentities", ids="Q900101", props="info|claims|sitelinks",
            sitefilter="enwiki")["entities"]["Q900101"]
    assert list(e) == ["pageid", "ns", "title", "lastrevid", "modified", "type", "id", "claims", "sitelinks"]
    e = ask(http, url, action="wbgetentities", ids="Q900101", props="")["entities"]["Q900101"]
    assert e == {"id": "Q900101", "type": "item"}
    e = ask(http, url, action="wbgetentities", ids="Q900101", props="labels", languages="de")["entities"]["Q900101"]
    assert e["labels"] == {}
    e = ask(http, url, action="wbgetentities", ids="q900101", props="sitelinks/urls")["entities"]["Q900101"]
    assert e["sitelinks"]["enwiki"]["url"] == "https://en.wikipedia.org/wiki/Leaving_Las_Vegas"


def test_wbgetentities_titles(wiki, http):
    a = ask(http, wiki.wikidata_url, action="wbgetentities", sites="enwiki", props="info|claims|sitelinks",
            titles="Leaving_Las_Vegas|Nowhere|Nic Cage|leaving Las Vegas|Vegas Nights")
    ents = a["entities"]
    assert list(ents) == ["-1", "-2", "-3", "-4", "Q900101"]
    assert ents["-1"] == {"site": "enwiki", "title": "Nowhere", "missing": ""}
    assert ents["-2"] == {"site": "enwiki", "title": "Nic Cage", "missing": ""}  # no Wikipedia redirects
    assert ents["-3"]["title"] == "leaving Las Vegas"  # no first-letter folding without normalize
    assert ents["-4"]["title"] == "Vegas Nights"  # a page without an item
    a = ask(http, wiki.wikidata_url, action="wbgetentities", sites="enwiki", titles="nic_cage", normalize="1")
    assert list(a["entities"]) == ["-1"]
    a = ask(http, wiki.wikidata_url, action="wbgetentities", sites="enwiki", titles="Nic Cage", normalize="1")
    assert a["normalized"] == {"n": {"from": "Nic Cage", "to": "Nicolas Cage"}}
    assert list(a["entities"]) == ["Q900202"]
    a = ask(http, wiki.wikidata_url, action="wbgetentities", sites="enwiki", titles="A|B", normalize="1")
    assert a["error"]["code"] == "params-illegal"


def test_wbgetentities_errors_and_redirects(wiki, http):
    url = wiki.wikidata_url
    a = ask(http, url, action="wbgetentities", ids="|".join(f"Q{i}" for i in range(1, 52)))
    assert a["error"]["code"] == "toomanyvalues" and a["error"]["parameter"] == "ids" and "docref" in a["error"]
    a = ask(http, url, fv=1, action="wbgetentities", sites="enwiki", titles="|".join(f"T{i}" for i in range(51)))
    assert a["error"]["code"] == "toomanyvalues" and "*" in a["error"]
    a = ask(http, url, action="wbgetentities", ids="Q42|banana")
    assert a["error"]["code"] == "no-such-entity" and a["error"]["id"] == "banana"
    assert ask(http, url, action="wbgetentities")["error"]["code"] == "param-missing"
    a = ask(http, url, action="wbgetentities", ids=MERGED_QID, props="info")
    assert a["entities"][MERGED_QID]["redirects"] == {"from": MERGED_QID, "to": "Q900202"}
    assert a["entities"][MERGED_QID]["id"] == "Q900202"
    a = ask(http, url, action="wbgetentities", ids=MERGED_QID, redirects="no")
    assert a["entities"][MERGED_QID] == {"id": MERGED_QID, "missing": ""}
    r = http.post(url, data={"action": "query", "titles": "X", "format": "json"}, timeout=5)
    assert r.status_code == 501  # a real Wikidata action this server does not implement


# --------------------------------------------------------------------------- sample data

def test_sample_wiki_contradictions():
    pages, items = sample_wiki()
    casino = pages[IMDB_CONTRADICTION]
    assert "{{IMDb title|tt0112641|" in casino["wikitext"]
    casino_item = items[casino["wikibase_item"]]
    assert casino_item["claims"]["P345"][0]["mainsnak"]["datavalue"]["value"] == "tt0112642"
    assert "[[Ed Harris]]" in pages["The Rock (film)"]["wikitext"]
    ed = items[pages[TYPE_CONTRADICTION]["wikibase_item"]]
    assert ed["claims"]["P31"][0]["mainsnak"]["datavalue"]["value"]["id"] == "Q11424"
    assert pages["Nic Cage"]["redirect"] == "Nicolas Cage" and pages["John Smith"]["disambiguation"]
    assert "wikibase_item" not in pages["Vegas Nights"]
    assert sum("Category:1995 films" in p.get("categories", []) for p in pages.values()) >= 4
    for title, page in pages.items():
        assert normalise(title) == title
        qid = page.get("wikibase_item")
        if qid:
            assert items[qid]["sitelinks"]["enwiki"]["title"] == title


def test_item_builder():
    e = item("Q1", "Thing (film)", P31=["Q11424", "Q5"], P577=("+1995-00-00T00:00:00Z", 9), P2047=("90", "Q7727"))
    assert e["labels"]["en"] == {"language": "en", "value": "Thing"}
    assert [s["mainsnak"]["datavalue"]["value"]["id"] for s in e["claims"]["P31"]] == ["Q11424", "Q5"]
    assert e["claims"]["P577"][0]["mainsnak"]["datavalue"]["value"]["precision"] == 9
    assert e["claims"]["P2047"][0]["mainsnak"]["datavalue"]["value"]["amount"] == "+90"
    s = statement("Q1", "P345", "tt1", rank="deprecated")
    assert s["rank"] == "deprecated" and s["id"].startswith("Q1$")
    assert item("Q2", None)["sitelinks"] == {}


# --------------------------------------------------------------------------- faults

def test_maxlag_only_for_requests_that_carry_maxlag(http):
    with WikiAPI(*sample_wiki(), faults=[("maxlag", 2)]) as server:
        plain = ask(http, server.url, action="query", titles="Heat (1995 film)")
        assert "error" not in plain
        for fv in (2, 1):
            r = http.post(server.url, data={"action": "query", "titles": "X", "format": "json",
                                            "formatversion": str(fv), "maxlag": "5"}, timeout=5)
            assert r.status_code == 200
            assert r.headers["Retry-After"] == "0" and r.headers["X-Database-Lag"] == "7"
            assert r.headers["MediaWiki-API-Error"] == "maxlag"
            a = r.json()
            assert list(a) == ["error", "servedby"]
            e = a["error"]
            assert (e["code"], e["info"], e["host"], e["lag"], e["type"]) == (
                "maxlag", "Waiting for 10.64.0.1: 7 seconds lagged.", "10.64.0.1", 7, "db")
            assert list(e)[-1] == ("*" if fv == 1 else "docref")
            assert e[list(e)[-1]].startswith("See https://en.wikipedia.org/w/api.php for API usage.")
        assert "error" not in ask(http, server.url, action="query", titles="X", maxlag="5")
        assert server.faults == []


def test_maxlag_options(http):
    with WikiAPI(*sample_wiki(), faults=[("maxlag", 1, 2, 3.5), ("maxlag", 1, 0, 9)]) as server:
        r = http.post(server.wikidata_url, data={"action": "wbgetentities", "ids": "Q900101", "format": "json",
                                                 "maxlag": "1"}, timeout=5)
        assert r.headers["Retry-After"] == "2" and r.headers["X-Database-Lag"] == "3"
        assert r.json()["error"]["lag"] == 3.5 and "wikidata.org" in r.json()["error"]["*"]
        # a lag within the client's maxlag: answered normally
        assert "error" not in ask(http, server.url, action="query", titles="X", maxlag="10")


def test_http_faults(http):
    faults = [(429, 3), (500, None), (503, "Wed, 21 Oct 2015 07:28:00 GMT"), ("slow", 0.6), ("drop", None)]
    with WikiAPI(*sample_wiki(), faults=faults) as server:
        data = {"action": "query", "titles": "X", "format": "json", "formatversion": "2"}
        r = http.post(server.url, data=data, timeout=5)
        assert r.status_code == 429 and r.headers["Retry-After"] == "3"
        assert r.headers["Content-Type"].startswith("text/html") and "Wikimedia Error" in r.text
        r = http.post(server.url, data=data, timeout=5)
        assert r.status_code == 500 and "Retry-After" not in r.headers
        r = http.post(server.url, data=data, timeout=5)
        assert r.status_code == 503 and r.headers["Retry-After"] == "Wed, 21 Oct 2015 07:28:00 GMT"
        with pytest.raises(requests.Timeout):
            http.post(server.url, data=data, timeout=0.2)
        with pytest.raises(requests.ConnectionError):
            requests.post(server.url, data=data, headers={"User-Agent": UA}, timeout=5)
        assert "error" not in http.post(server.url, data=data, timeout=5).json()


def test_requests_are_recorded(http):
    with WikiAPI(*sample_wiki()) as server:
        http.post(server.url, data={"action": "query", "titles": "X", "format": "json"}, params={"maxlag": "5"},
                  timeout=5)
        http.get(server.wikidata_url, params={"action": "wbgetentities", "ids": "Q1", "format": "json"}, timeout=5)
        (p1, params1, h1), (p2, params2, h2) = server.requests
        assert p1 == "/w/api.php" and params1 == {"maxlag": "5", "action": "query", "titles": "X", "format": "json"}
        assert p2 == "/wikidata/w/api.php" and params2["ids"] == "Q1"
        assert h1["User-Agent"] == h2["User-Agent"] == UA
        assert [r[0] for r in server.requests_to("wikidata")] == ["/wikidata/w/api.php"]
