"""Tests of kg.source: reading API JSON, XML exports/dumps and wikitext into Pages."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import FormatError, MissingPageError, NotFoundError, UsageError
from kg.model import Page
from kg.sources import detect_format, iter_pages, read_pages
from kg.titles import normalise_title, redirect_target, spells_title

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "corpus"
EXAMPLE = REPO / "examples" / "leaving-las-vegas.api.json"

WIKITEXT = "{{Infobox film\n| name = Foo\n}}\n'''Foo''' is a 1999 film.\n"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test in its tmp dir, so sources (and messages) are short relative names."""
    monkeypatch.chdir(tmp_path)


def write(name: str, content: str | bytes | dict) -> str:
    if isinstance(content, dict):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode("utf-8")
    Path(name).write_bytes(content)
    return name


def raises(exc_type: type[Exception], message: str, path, **kwargs) -> None:
    with pytest.raises(exc_type) as info:
        read_pages(path, **kwargs)
    assert type(info.value) is exc_type
    assert str(info.value) == message
    assert "\n" not in str(info.value)


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("leaving_las_vegas", "Leaving las vegas"),
        ("  Foo   bar\t baz ", "Foo bar baz"),
        (":Category:Films", "Category:Films"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("Rock &#39;n&#39; Roll", "Rock 'n' Roll"),
        ("Batman (1989 film)#Cast", "Batman (1989 film)"),
        ("éclair_au_chocolat", "Éclair au chocolat"),
        ("ßeta", "ßeta"),
        ("iPod", "IPod"),
        ("#Section", ""),
        ("", ""),
    ],
)
def test_normalise_title(raw: str, expected: str) -> None:
    assert normalise_title(raw) == expected


_TITLE_PIECES = st.lists(
    st.sampled_from([*"&#;:_ ab\u00a0\u1680\u00df\u01c6\x1f", "&amp;", "&#35;", "&#95;", "&lt;", "&#58;", "amp"])
).map("".join)


@given(st.one_of(st.text(), _TITLE_PIECES))
def test_normalise_title_is_idempotent_and_clean(raw: str) -> None:
    once = normalise_title(raw)
    assert normalise_title(once) == once
    assert "_" not in once
    assert once == once.strip()
    assert not once.startswith(" ") and not once.endswith(" ")


@pytest.mark.parametrize(
    ("shown", "title", "expected"),
    [
        ("bell hooks", "Bell hooks", True),
        ("k.d. lang", "K.d. lang (singer)", True),
        ("Bell hooks", "Bell hooks", False),  # the title itself: nothing to keep
        ("the Revolution", "The Revolution (band)", False),  # prose capitalisation
        ("an Englishman", "An Englishman", False),
        ("nic Cage", "Nicolas Cage", False),
        ("", "X", False),
    ],
)
def test_spells_title(shown: str, title: str, expected: bool) -> None:
    assert spells_title(shown, title) is expected


@given(st.text(min_size=1))
def test_a_title_never_spells_itself_differently(title: str) -> None:
    assert not spells_title(normalise_title(title), normalise_title(title))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#REDIRECT [[Target]]", "Target"),
        ("#redirect[[target page#Sec|x]]\n{{R from move}}", "Target page"),
        ("  #Redirect: [[Foo_bar]]", "Foo bar"),
        ("#WEITERLEITUNG [[Ziel]]", "Ziel"),
        ("#REDIRECT [[#Section]]", None),
        ("Some text\n#REDIRECT [[Target]]", None),
        ("{{Infobox film}}", None),
    ],
)
def test_redirect_target(text: str, expected: str | None) -> None:
    assert redirect_target(text) == expected


# --------------------------------------------------------------------------- detect_format


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"query": {}}', "api-json"),
        (b'\xef\xbb\xbf  {\n "parse": {}}', "api-json"),
        (b"[1, 2]", "api-json"),
        (b"{{Infobox film}}", "wikitext"),
        (b"{| class=wikitable\n|}", "wikitext"),
        (b"[[File:X.jpg]] text", "wikitext"),
        (b'<?xml version="1.0"?><mediawiki/>', "xml"),
        (b'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/">', "xml"),
        (b"  <page>\n<title>X</title>", "xml"),
        (b"<!-- c --><page>", "xml"),
        (b"<!-- hidden note -->{{Infobox film}}", "wikitext"),
        (b"<noinclude>x</noinclude>", "wikitext"),
        (b"plain text", "plaintext"),
        (b"== Plot ==\nA man walks in.", "plaintext"),
        (b"1995", "wikitext"),
        (bz2.compress(b"<page><title>X</title></page>"), "xml"),
        (gzip.compress(b'{"query": {}}'), "api-json"),
        ("{{x}}".encode("utf-16"), "wikitext"),
        ("<page>".encode("utf-16"), "xml"),
    ],
)
def test_detect_format(data: bytes, expected: str) -> None:
    assert detect_format(data) == expected


# --------------------------------------------------------------------------- query JSON


def legacy_query(**page_extra) -> dict:
    page = {"pageid": 42, "ns": 0, "title": "Foo", **page_extra}
    return {"batchcomplete": "", "query": {"pages": {"42": page}}}


def test_legacy_query_with_revid() -> None:
    data = legacy_query(
        revisions=[{"revid": 1001, "parentid": 1000, "timestamp": "2018-04-22T06:42:19Z",
                    "contentformat": "text/x-wiki", "contentmodel": "wikitext", "*": WIKITEXT}]
    )
    [page] = read_pages(write("foo.json", data))
    assert page == Page(title="Foo", text=WIKITEXT, source="foo.json", revid=1001,
                        timestamp="2018-04-22T06:42:19Z", pageid=42, ns=0)


def test_legacy_query_without_revid_and_with_slots() -> None:
    data = legacy_query(revisions=[{"slots": {"main": {"contentmodel": "wikitext", "*": WIKITEXT}}}])
    [page] = read_pages(write("foo.json", data))
    assert (page.title, page.text, page.revid, page.timestamp, page.pageid) == (
        "Foo", WIKITEXT, None, None, 42)


def test_v2_query_slots() -> None:
    data = {"batchcomplete": True, "query": {"pages": [{
        "pageid": 7, "ns": 0, "title": "Bar",
        "revisions": [{"revid": 9, "timestamp": "2020-01-01T00:00:00Z",
                       "slots": {"main": {"contentmodel": "wikitext", "content": WIKITEXT}}}],
    }]}}
    [page] = read_pages(write("bar.json", data))
    assert page == Page(title="Bar", text=WIKITEXT, source="bar.json", revid=9,
                        timestamp="2020-01-01T00:00:00Z", pageid=7)


def test_v2_query_legacy_content_without_ids() -> None:
    data = {"query": {"pages": [{"title": "Bar", "revisions": [{"content": "x"}]}]}}
    [page] = read_pages(write("bar.json", data))
    assert page == Page(title="Bar", text="x", source="bar.json")


def test_query_normalized_and_redirects_give_final_title() -> None:
    data = {"query": {
        "normalized": [{"from": "foo_bar", "to": "Foo bar"}],
        "redirects": [{"from": "Foo bar", "to": "Foo Bar (film)"}],
        "pages": [{"pageid": 3, "ns": 0, "title": "Foo Bar (film)",
                   "revisions": [{"revid": 5, "slots": {"main": {"content": WIKITEXT}}}]}],
    }}
    [page] = read_pages(write("q.json", data))
    assert page.title == "Foo Bar (film)"
    assert page.redirect is None  # the API followed the redirect: this is the target


def test_query_page_that_is_itself_a_redirect() -> None:
    data = legacy_query(redirect="", revisions=[{"*": "#REDIRECT [[Foo (film)]]"}])
    [page] = read_pages(write("q.json", data))
    assert page.redirect == "Foo (film)"


def test_query_several_pages_in_response_order() -> None:
    data = {"query": {"pages": {
        "20": {"pageid": 20, "ns": 0, "title": "Zeta", "revisions": [{"*": "z"}]},
        "10": {"pageid": 10, "ns": 0, "title": "Alpha", "revisions": [{"*": "a"}]},
    }}}
    pages = read_pages(write("q.json", data))
    assert [(p.title, p.pageid, p.text) for p in pages] == [("Zeta", 20, "z"), ("Alpha", 10, "a")]


def test_query_string_ids_become_ints() -> None:
    data = {"query": {"pages": [{"pageid": "8091", "ns": "0", "title": "X",
                                 "revisions": [{"revid": "77", "content": "x"}]}]}}
    [page] = read_pages(write("q.json", data))
    assert (page.pageid, page.revid, page.ns) == (8091, 77, 0)


def test_query_missing_v2_names_requested_title() -> None:
    data = {"batchcomplete": True, "query": {
        "normalized": [{"fromencoded": False, "from": "no_such_film", "to": "No such film"}],
        "pages": [{"ns": 0, "title": "No such film", "missing": True}],
    }}
    raises(MissingPageError,
           'q.json: page "no_such_film" does not exist on the wiki (the API reports it missing)',
           write("q.json", data))


def test_query_missing_legacy() -> None:
    data = {"batchcomplete": "", "query": {"pages": {"-1": {"ns": 0, "title": "Nope", "missing": ""}}}}
    raises(MissingPageError,
           'q.json: page "Nope" does not exist on the wiki (the API reports it missing)',
           write("q.json", data))


def test_query_invalid() -> None:
    data = {"query": {"pages": {"-1": {
        "title": "Foo[bar", "invalidreason": 'The requested page title contains invalid characters: "[".',
        "invalid": ""}}}}
    raises(MissingPageError,
           'q.json: title "Foo[bar" is invalid (The requested page title contains invalid characters: "[".)',
           write("q.json", data))


def test_api_error() -> None:
    data = {"error": {"code": "missingtitle", "info": "The page you specified doesn't exist.",
                      "*": "See https://en.wikipedia.org/w/api.php for API usage."},
            "servedby": "mw1"}
    raises(FormatError,
           "q.json: is a MediaWiki API error response: \"The page you specified doesn't exist.\" (missingtitle)",
           write("q.json", data))


@pytest.mark.parametrize(
    "data",
    [
        {"batchcomplete": ""},
        {"batchcomplete": True, "query": {"normalized": [{"from": "a", "to": "A"}]}},
        {"query": {"pages": []}},
    ],
)
def test_query_without_pages(data: dict) -> None:
    raises(MissingPageError, "q.json: holds no pages", write("q.json", data))


def test_query_extracts_only() -> None:
    data = {"batchcomplete": True, "query": {"pages": [
        {"pageid": 8091, "ns": 0, "title": "Douglas Adams", "extract": "<p>Douglas Noel Adams …</p>"}]}}
    raises(MissingPageError,
           'q.json: page "Douglas Adams" has an HTML extract, which kg does not read; request the plain text with'
           " prop=extracts&explaintext, or the wikitext with prop=revisions&rvprop=content|ids|timestamp&rvslots=main",
           write("q.json", data))


def test_bundled_example() -> None:
    [page] = read_pages(EXAMPLE)
    assert page.title == "Leaving Las Vegas"
    assert page.pageid == 54160
    assert page.revid is None
    assert page.source == str(EXAMPLE)
    assert "Infobox film" in page.text


# --------------------------------------------------------------------------- parse JSON


def test_parse_legacy() -> None:
    data = {"parse": {"title": "Blue Train (album)", "pageid": 1315380, "revid": 99,
                      "wikitext": {"*": WIKITEXT}}}
    [page] = read_pages(write("p.json", data))
    assert page == Page(title="Blue Train (album)", text=WIKITEXT, source="p.json",
                        revid=99, pageid=1315380)


def test_parse_v2() -> None:
    data = {"parse": {"title": "Foo", "pageid": "12", "wikitext": WIKITEXT}}
    [page] = read_pages(write("p.json", data))
    assert (page.title, page.pageid, page.revid, page.text) == ("Foo", 12, None, WIKITEXT)


def test_parse_without_wikitext() -> None:
    data = {"parse": {"title": "Foo", "pageid": 12, "text": "<div>html</div>"}}
    raises(MissingPageError,
           'p.json: page "Foo" has no wikitext (request it with action=parse&prop=wikitext)',
           write("p.json", data))


# --------------------------------------------------------------------------- XML

BARE_PAGE = """  <page>
    <title>Actrius</title>
    <ns>0</ns>
    <id>330</id>
    <revision>
      <id>837663731</id>
      <parentid>836351691</parentid>
      <timestamp>2018-04-22T06:42:19Z</timestamp>
      <contributor><username>Someone</username><id>1</id></contributor>
      <model>wikitext</model>
      <format>text/x-wiki</format>
      <text xml:space="preserve" bytes="30">{{Infobox film}} &amp; more</text>
      <sha1>abc</sha1>
    </revision>
  </page>
"""

DUMP = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="en">
  <siteinfo>
    <sitename>Wikipedia</sitename>
    <namespaces><namespace key="0" case="first-letter" /></namespaces>
  </siteinfo>
  <page>
    <title>Old name</title>
    <ns>0</ns>
    <id>10</id>
    <redirect title="New name" />
    <revision>
      <id>111</id>
      <timestamp>2018-08-14T06:47:24Z</timestamp>
      <text xml:space="preserve">#REDIRECT [[New name]] {{R from move}}</text>
    </revision>
  </page>
  <page>
    <title>Category:Films</title>
    <ns>14</ns>
    <id>20</id>
    <revision>
      <id>222</id>
      <timestamp>2019-01-01T00:00:00Z</timestamp>
      <text xml:space="preserve">Films.</text>
    </revision>
  </page>
</mediawiki>
"""

DUMP_PAGES = [
    Page(title="Old name", text="#REDIRECT [[New name]] {{R from move}}", source="dump.xml",
         revid=111, timestamp="2018-08-14T06:47:24Z", pageid=10, ns=0, redirect="New name"),
    Page(title="Category:Films", text="Films.", source="dump.xml",
         revid=222, timestamp="2019-01-01T00:00:00Z", pageid=20, ns=14),
]


def test_bare_page() -> None:
    [page] = read_pages(write("Actrius.xml", BARE_PAGE))
    assert page == Page(title="Actrius", text="{{Infobox film}} & more", source="Actrius.xml",
                        revid=837663731, timestamp="2018-04-22T06:42:19Z", pageid=330, ns=0)


def test_dump_with_namespace_two_pages() -> None:
    assert read_pages(write("dump.xml", DUMP)) == DUMP_PAGES


def test_dump_other_schema_version_and_declaration() -> None:
    text = '<?xml version="1.0" encoding="utf-8"?>\n' + DUMP.replace("export-0.10", "export-0.11")
    assert read_pages(write("dump.xml", text)) == DUMP_PAGES


@pytest.mark.parametrize("compress", [bz2.compress, gzip.compress, lzma.compress])
def test_compressed_dump(compress) -> None:
    name = write("dump.xml", compress(DUMP.encode()))  # detected by content, not name
    assert read_pages(name) == DUMP_PAGES


def test_history_dump_keeps_latest_revision() -> None:
    text = BARE_PAGE.replace(
        "    <revision>",
        "    <revision><id>1</id><timestamp>2001-01-01T00:00:00Z</timestamp><text>old</text></revision>\n"
        "    <revision>", 1)
    [page] = read_pages(write("h.xml", text))
    assert (page.revid, page.text) == (837663731, "{{Infobox film}} & more")


def test_iter_pages_streams_from_a_stream() -> None:
    stream = io.BytesIO(bz2.compress(DUMP.encode()))
    pages = iter_pages(stream, source="dump.xml")
    assert next(pages) == DUMP_PAGES[0]
    assert next(pages) == DUMP_PAGES[1]
    with pytest.raises(StopIteration):
        next(pages)


def test_iter_pages_is_lazy() -> None:
    pages = iter_pages("nothing-here.xml")  # nothing is opened yet
    with pytest.raises(NotFoundError):
        next(pages)


def test_malformed_xml() -> None:
    raises(FormatError,
           "bad.xml: is not well-formed XML (line 3 column 3: mismatched tag)",
           write("bad.xml", "<page>\n  <title>X</title>\n</pag>\n"))


def test_truncated_dump() -> None:
    raises(FormatError,
           "cut.xml: is not well-formed XML (line 4 column 1: no element found)",
           write("cut.xml", "<mediawiki>\n<page>\n<title>X</title>\n"))


def test_damaged_bz2() -> None:
    data = bz2.compress(DUMP.encode())
    raises(FormatError,
           "d.xml.bz2: is not a valid bzip2 file (Compressed file ended before the "
           "end-of-stream marker was reached)",
           write("d.xml.bz2", data[: len(data) // 2]))


def test_xml_of_another_kind() -> None:
    raises(FormatError,
           "x.xml: is XML but not a MediaWiki export (root element <rss>, expected <mediawiki> or <page>)",
           write("x.xml", '<?xml version="1.0"?><rss><channel/></rss>'))


def test_dump_without_pages() -> None:
    raises(MissingPageError, "d.xml: holds no pages",
           write("d.xml", '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/"><siteinfo/></mediawiki>'))


def test_page_without_text() -> None:
    raises(MissingPageError, 'p.xml: page "X" has no revision text',
           write("p.xml", "<page><title>X</title><ns>0</ns><id>1</id></page>"))


def test_xml_invalid_utf8() -> None:
    raises(FormatError, "p.xml: is not UTF-8 text (invalid byte 0xe9 at offset 16)",
           write("p.xml", b"<page><title>Caf\xe9</title></page>"))


# --------------------------------------------------------------------------- wikitext


def test_wikitext_title_from_file_name() -> None:
    [page] = read_pages(write("X-Men%3A_First_Class.wiki", WIKITEXT))
    assert page == Page(title="X-Men: First Class", text=WIKITEXT, source="X-Men%3A_First_Class.wiki")


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Batman_(1989_film).txt", "Batman (1989 film)"),
        ("Dr._Strangelove", "Dr. Strangelove"),
        ("Dr._No.wiki.gz", "Dr. No"),
        ("%3F_(film).wikitext", "? (film)"),
    ],
)
def test_wikitext_titles_from_names(name: str, title: str) -> None:
    data = gzip.compress(WIKITEXT.encode()) if name.endswith(".gz") else WIKITEXT
    [page] = read_pages(write(name, data))
    assert page.title == title
    assert page.text == WIKITEXT


def test_wikitext_title_argument_wins() -> None:
    [page] = read_pages(write("whatever.wiki", WIKITEXT), title="foo_(film)")
    assert page.title == "Foo (film)"


def test_wikitext_redirect() -> None:
    [page] = read_pages(write("Old.wiki", "#redirect [[New_title#History|x]]\n"))
    assert page.redirect == "New title"


def test_wikitext_crlf_and_bom() -> None:
    [page] = read_pages(write("A.wiki", b"\xef\xbb\xbfline one\r\nline two\r\n"))
    assert page.text == "line one\nline two\n"


def test_wikitext_utf16() -> None:
    [page] = read_pages(write("A.wiki", "Caf\u00e9 {{x}}".encode("utf-16")))
    assert page.text == "Caf\u00e9 {{x}}"


def test_stdin_with_title() -> None:
    [page] = read_pages("-", title="some film", stdin=io.BytesIO(WIKITEXT.encode()))
    assert page == Page(title="Some film", text=WIKITEXT, source="-")


def test_stdin_none_path_is_stdin() -> None:
    [page] = read_pages(None, stdin=io.BytesIO(BARE_PAGE.encode()))
    assert (page.title, page.source) == ("Actrius", "-")


def test_stdin_without_title() -> None:
    raises(UsageError, "-: standard input holds wikitext, which has no title: pass --title", "-", stdin=io.BytesIO(b"{{x}}"))


def test_stdin_json_needs_no_title() -> None:
    data = json.dumps({"parse": {"title": "Foo", "wikitext": "x"}}).encode()
    [page] = read_pages("-", stdin=io.BytesIO(data))
    assert (page.title, page.source) == ("Foo", "-")


# --------------------------------------------------------------------------- errors


def test_empty_file() -> None:
    raises(MissingPageError, "e.wiki: is empty", write("e.wiki", b""))


def test_blank_file() -> None:
    raises(MissingPageError, "e.wiki: is empty", write("e.wiki", b" \n\t\n"))


def test_empty_stdin() -> None:
    raises(MissingPageError, "-: is empty", "-", stdin=io.BytesIO(b""))


def test_not_utf8() -> None:
    raises(FormatError, "l.wiki: is not UTF-8 text (invalid byte 0xe9 at offset 3)",
           write("l.wiki", b"Caf\xe9 au lait"))


def test_not_utf8_offset_counts_the_bom() -> None:
    raises(FormatError, "l.wiki: is not UTF-8 text (invalid byte 0xff at offset 5)",
           write("l.wiki", b"\xef\xbb\xbfab\xff"))


def test_directory(tmp_path: Path) -> None:
    Path("films").mkdir()
    raises(NotFoundError, "films: is a directory, not a file", "films")


def test_missing_file() -> None:
    raises(NotFoundError, "nope.json: no such file", "nope.json")
    raises(NotFoundError, "nope.json: no such file", Path("nope.json"))


def test_malformed_json() -> None:
    raises(FormatError,
           "m.json: is not valid JSON (line 2 column 19: Expecting value)",
           write("m.json", '{"query":\n  {"pages": {"1": }}}'))


def test_wikidata_json() -> None:
    data = {"entities": {"Q42": {"pageid": 138, "ns": 0, "title": "Q42", "type": "item",
                                 "id": "Q42", "labels": {"en": {"language": "en", "value": "Douglas Adams"}}}},
            "success": 1}
    raises(FormatError,
           "Q42.json: is JSON but not a MediaWiki API response (expected query.pages or parse.wikitext)",
           write("Q42.json", data))


def test_json_array() -> None:
    raises(FormatError,
           "a.json: is JSON but not a MediaWiki API response (expected query.pages or parse.wikitext)",
           write("a.json", "[1, 2, 3]"))


# --------------------------------------------------------------------------- corpus


@pytest.mark.corpus
def test_corpus() -> None:
    corpus = CORPUS.resolve()
    if not corpus.is_dir():
        pytest.skip(f"{CORPUS} is absent")
    seen = 0
    for path in sorted(corpus.iterdir()):
        if path.suffix in (".xml", ".wiki", ".txt"):
            pages = read_pages(path)
            assert pages, path
            assert all(p.title for p in pages), path
            assert all(p.text or p.redirect for p in pages), path
            assert all(p.source == str(path) for p in pages)
            seen += 1
        elif path.suffix == ".json" and path.name.endswith(".query.json"):
            with pytest.raises(MissingPageError, match="has an HTML extract"):
                read_pages(path)
        elif path.suffix == ".json":
            [page] = read_pages(path)
            assert page.title and page.text and page.pageid
    assert seen > 50
    dumps = corpus / "dumps"
    counts = {p.name: len(read_pages(p)) for p in sorted(dumps.glob("*.xml"))}
    assert sorted(counts.values()) == [11, 27], counts
    for path in sorted((corpus / "wikidata").glob("*.json")):
        with pytest.raises(FormatError, match="is JSON but not a MediaWiki API response"):
            read_pages(path)
    [page] = read_pages(corpus / "X-Men%3A_First_Class.txt")
    assert page.title == "X-Men: First Class"
    [page] = read_pages(corpus / "(Baazi_(1968_film).xml")
    assert page.redirect == "Baazi (1968 film)"
