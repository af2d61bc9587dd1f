"""The Wikidata dump index: building it from dumps in their exact syntax, reading it back."""

from __future__ import annotations

import bz2
import gzip
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kg.link.index as index_module
from kg.errors import InputError, NotFoundError
from kg.link.entry import Entry, entry_from_entity
from kg.link.index import FORMAT, Index, IndexStats, build_index, parse_values

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
WIKIDATA = CORPUS / "wikidata"


# --- samples -----------------------------------------------------------------------------


def statement(prop: str, value: object, rank: str = "normal", datatype: str = "wikibase-item") -> dict:
    return {
        "mainsnak": {"snaktype": "value", "property": prop, "datatype": datatype, "datavalue": {"value": value}},
        "type": "statement",
        "rank": rank,
    }


def item_value(qid: str) -> dict:
    return {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}


HEAT = {
    "type": "item",
    "id": "Q1",
    "modified": "2024-03-01T10:00:00Z",
    "labels": {"en": {"language": "en", "value": "Heat"}},
    "claims": {
        "P31": [statement("P31", item_value("Q11424"))],
        "P57": [statement("P57", item_value("Q2"))],
        "P161": [statement("P161", item_value("Q3")), statement("P161", item_value("Q4"))],
        "P345": [statement("P345", "tt0113277", datatype="external-id")],
        "P2047": [statement("P2047", {"amount": "+170", "unit": "http://www.wikidata.org/entity/Q7727"}, datatype="quantity")],
        "P577": [statement("P577", {"time": "+1995-12-15T00:00:00Z", "precision": 11}, datatype="time")],
    },
    "sitelinks": {"enwiki": {"site": "enwiki", "title": "Heat (1995 film)", "badges": []}},
}
HEAT_ENTRY = Entry(
    qid="Q1",
    title="Heat (1995 film)",
    classes=("Q11424",),
    imdb=("tt0113277",),
    directors=("Q2",),
    cast=("Q3", "Q4"),
    durations=(("170", "Q7727"),),
    dates=(("+1995-12-15T00:00:00Z", 11),),
    modified="2024-03-01T10:00:00Z",
)
FRENCH_ONLY = {
    "type": "item",
    "id": "Q5",
    "modified": "2025-01-01T00:00:00Z",
    "claims": {"P31": [statement("P31", item_value("Q5"))]},
    "sitelinks": {"frwiki": {"site": "frwiki", "title": "Quelqu'un", "badges": []}},
}
DEPRECATED = {
    "type": "item",
    "id": "Q6",
    "modified": "2023-05-05T00:00:00Z",
    "claims": {
        "P31": [statement("P31", item_value("Q11424")), statement("P31", item_value("Q5"), rank="deprecated")],
    },
    "sitelinks": {"enwiki": {"site": "enwiki", "title": "Deprecated Film", "badges": []}},
}
PROPERTY = {"type": "property", "id": "P31", "datatype": "wikibase-item", "labels": {"en": {"language": "en", "value": "instance of"}}}
# A lexeme whose gloss names "enwiki": it passes the pre-check, is parsed, and is no item.
LEXEME = {"type": "lexeme", "id": "L1", "lemmas": {"en": {"language": "en", "value": "film"}}, "senses": [{"glosses": {"en": {"language": "en", "value": "\"enwiki\""}}}]}
BROKEN_ENWIKI = '{"type":"item","id":"Q7","sitelinks":{"enwiki":{"site":"enwiki","title":"Broken"'
BROKEN_PLAIN = '{"type":"item","id":"Q8","sitelinks":{"frwiki":'


def compact(entity: dict) -> str:
    return json.dumps(entity, separators=(",", ":"), ensure_ascii=False)


def dump_text(lines: list[str]) -> str:
    """The dump syntax: ``[``, entity lines ending in ``,`` but the last, ``]``."""
    return "[\n" + ",\n".join(lines) + "\n]\n"


def write_dump(path: Path, lines: list[str], compression: str | None = None) -> Path:
    data = dump_text(lines).encode("utf-8")
    if compression == "gzip":
        data = gzip.compress(data, mtime=0)
    elif compression == "bzip2":
        data = bz2.compress(data)
    path.write_bytes(data)
    return path


SAMPLE = [compact(HEAT), compact(FRENCH_ONLY), compact(PROPERTY), compact(LEXEME), compact(DEPRECATED), BROKEN_ENWIKI]


def rows(path: Path, table: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def real_entities() -> list[dict]:
    """Douglas Adams (a wbgetentities response) and City Streets (a bare entity)."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    adams = json.loads((WIKIDATA / "Q42_Douglas_Adams.json").read_text(encoding="utf-8"))["entities"]["Q42"]
    streets = json.loads((WIKIDATA / "Q2262932_City_Streets.json").read_text(encoding="utf-8"))
    return [adams, streets]


# --- building ----------------------------------------------------------------------------


@pytest.mark.parametrize("compression, name", [("gzip", "dump.json.gz"), ("bzip2", "dump.json.bz2"), (None, "dump.json")])
def test_every_compression_gives_the_same_index(tmp_path: Path, compression: str | None, name: str) -> None:
    dump = write_dump(tmp_path / name, SAMPLE, compression)
    stats = build_index(dump, tmp_path / "index.sqlite")
    assert isinstance(stats, IndexStats)
    assert (stats.entities, stats.items, stats.skipped_no_enwiki, stats.bad_lines, stats.first_bad_line, stats.redirects) == (
        6, 2, 3, 1, 7, 0,
    )
    with Index(tmp_path / "index.sqlite") as index:
        found = index.lookup(["Heat (1995 film)", "Deprecated Film", "Quelqu'un", "Nothing"])
        assert found == {"Heat (1995 film)": HEAT_ENTRY, "Deprecated Film": entry_from_entity(DEPRECATED)}
        assert found["Deprecated Film"].classes == ("Q11424",)  # the deprecated Q5 is not a class
        assert index.meta == {
            "format": FORMAT,
            "dump": name,
            "dump_date": "2024-03-01",  # no date in the name: the latest item's modified date
            "entities": "6",
            "items": "2",
            "bad_lines": "1",
            "redirects": "0",
        }
    assert files_in(tmp_path) == sorted([name, "index.sqlite"])


def test_real_entities_from_the_corpus(tmp_path: Path, real_entities: list[dict]) -> None:
    dump = write_dump(tmp_path / "wikidata-20261124-all.json.gz", [compact(e) for e in real_entities], "gzip")
    stats = build_index(dump, tmp_path / "index.sqlite")
    assert (stats.entities, stats.items, stats.bad_lines) == (2, 2, 0)
    with Index(tmp_path / "index.sqlite") as index:
        assert index.dump_date == "2026-11-24"
        found = index.lookup(["Douglas Adams", "City Streets (1931 film)"])
        assert found == {e["sitelinks"]["enwiki"]["title"]: entry_from_entity(e) for e in real_entities}
        assert found["City Streets (1931 film)"].directors == ("Q51472",)
        assert index.by_qid(["Q42", "Q2262932", "Q1"]).keys() == {"Q42", "Q2262932"}


def test_the_items_table_as_written(tmp_path: Path) -> None:
    build_index(write_dump(tmp_path / "d.json", SAMPLE), tmp_path / "i.sqlite")
    assert rows(tmp_path / "i.sqlite", "items")[1] == (
        "Heat (1995 film)", "Q1", '["Q11424"]', '["tt0113277"]', '["Q2"]', '["Q3","Q4"]',
        '[["170","Q7727"]]', '[["+1995-12-15T00:00:00Z",11]]', "2024-03-01T10:00:00Z",
    )
    with sqlite3.connect(tmp_path / "i.sqlite") as db:
        indexes = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "items_qid" in indexes


def test_the_precheck_skips_lines_without_enwiki_unread(tmp_path: Path) -> None:
    """A broken line without "enwiki" is never parsed: skipped, not bad. Without the
    pre-check it is parsed and counted bad; the items are the same either way."""
    dump = write_dump(tmp_path / "d.json", [*SAMPLE, BROKEN_PLAIN])
    with_check = build_index(dump, tmp_path / "a.sqlite")
    without = build_index(dump, tmp_path / "b.sqlite", precheck=False)
    assert (with_check.skipped_no_enwiki, with_check.bad_lines) == (4, 1)
    assert (without.skipped_no_enwiki, without.bad_lines) == (3, 2)
    assert rows(tmp_path / "a.sqlite", "items") == rows(tmp_path / "b.sqlite", "items")


def test_the_precheck_parses_only_enwiki_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[bytes] = []
    real_loads = json.loads

    def loads(data: bytes) -> object:
        parsed.append(data)
        return real_loads(data)

    dump = write_dump(tmp_path / "d.json", [compact(FRENCH_ONLY), compact(HEAT), compact(PROPERTY), compact(FRENCH_ONLY)])
    monkeypatch.setattr(index_module.json, "loads", loads)
    build_index(dump, tmp_path / "i.sqlite")
    # the first line is parsed to recognise a dump; after that only the "enwiki" line
    assert [real_loads(p)["id"] for p in parsed] == ["Q5", "Q1"]


def test_bad_lines_are_counted_not_fatal(tmp_path: Path) -> None:
    lines = [compact(HEAT), "not json at all, but enwiki: \"enwiki\"", "[1, \"enwiki\"]", BROKEN_ENWIKI, compact(DEPRECATED)]
    stats = build_index(write_dump(tmp_path / "d.json", lines), tmp_path / "i.sqlite")
    assert (stats.items, stats.bad_lines, stats.first_bad_line) == (2, 3, 3)
    with Index(tmp_path / "i.sqlite") as index:
        assert index.meta["bad_lines"] == "3"


def test_an_entity_kg_cannot_read_is_a_bad_line(tmp_path: Path) -> None:
    odd = dict(HEAT, id="Q9", sitelinks={"enwiki": {"site": "enwiki", "title": "Odd"}},
               claims={"P577": [statement("P577", {"time": "+1995", "precision": "day"}, datatype="time")]})
    surrogate = compact(dict(HEAT, id="Q10", sitelinks={"enwiki": {"title": "\ud800"}})).replace("\ud800", "\\ud800")
    stats = build_index(write_dump(tmp_path / "d.json", [compact(HEAT), compact(odd), surrogate]), tmp_path / "i.sqlite")
    assert (stats.items, stats.bad_lines, stats.first_bad_line) == (1, 2, 3)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "it is empty"),
        (b"\n\n", "it is empty"),
        (b"hello\n", 'its first line is not "["'),
        (b'{"entities": {"Q42": {}}}\n', 'its first line is not "["'),
        (b'[{"type":"item","id":"Q1"}]\n', 'its first line is not "["'),
        (b"[\n]\n", "it holds no Wikidata entity"),
        (b"[\n" + b"garbage,\n" * 1200 + b"]\n", "no Wikidata entity in its first 1,000 lines"),
    ],
    ids=["empty", "blank", "text", "api-json", "one-line-array", "empty-array", "garbage"],
)
def test_not_a_dump_is_an_input_error(tmp_path: Path, content: bytes, reason: str) -> None:
    dump = tmp_path / "d.json"
    dump.write_bytes(content)
    with pytest.raises(InputError) as info:
        build_index(dump, tmp_path / "i.sqlite")
    assert str(info.value) == f"{dump}: is not a Wikidata JSON dump ({reason})"
    assert info.value.message == f"is not a Wikidata JSON dump ({reason})"
    assert files_in(tmp_path) == ["d.json"]


def test_the_real_api_response_is_not_a_dump(tmp_path: Path, real_entities: list[dict]) -> None:
    with pytest.raises(InputError, match=r'is not a Wikidata JSON dump \(its first line is not "\["\)'):
        build_index(WIKIDATA / "Q42_Douglas_Adams.json", tmp_path / "i.sqlite")


def test_a_garbage_line_first_then_entities_is_a_dump(tmp_path: Path) -> None:
    stats = build_index(write_dump(tmp_path / "d.json", [BROKEN_ENWIKI, compact(HEAT)]), tmp_path / "i.sqlite")
    assert (stats.items, stats.bad_lines, stats.first_bad_line) == (1, 1, 2)


def test_a_missing_dump(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no such file"):
        build_index(tmp_path / "nope.json.gz", tmp_path / "i.sqlite")
    assert files_in(tmp_path) == []


def test_a_truncated_dump_leaves_the_old_index_untouched(tmp_path: Path) -> None:
    out = tmp_path / "index.sqlite"
    build_index(write_dump(tmp_path / "good.json.gz", SAMPLE, "gzip"), out)
    before = out.read_bytes()
    # enough incompressible-ish entities that the cut falls well after the first 64 KB
    many = [compact(dict(HEAT, id=f"Q{n}", sitelinks={"enwiki": {"title": f"Film {n} {n * 7919 % 100003}"}})) for n in range(3000)]
    whole = gzip.compress(dump_text(many).encode(), mtime=0)
    cut = tmp_path / "cut.json.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InputError, match="gzip"):
        build_index(cut, out)
    assert out.read_bytes() == before
    assert files_in(tmp_path) == ["cut.json.gz", "good.json.gz", "index.sqlite"]


def test_an_interrupted_build_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "index.sqlite"
    build_index(write_dump(tmp_path / "good.json", SAMPLE), out)
    before = out.read_bytes()
    seen: list[str] = []

    def interrupt(done: int, entities: int) -> None:
        seen.extend(p.name for p in tmp_path.iterdir() if p.name.endswith(".part"))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_index(write_dump(tmp_path / "other.json", [compact(HEAT)]), out, progress=interrupt)
    assert seen, "the build writes a temporary file next to the index"
    assert out.read_bytes() == before
    assert files_in(tmp_path) == ["good.json", "index.sqlite", "other.json"]
    (tmp_path / "index.sqlite").unlink()
    with pytest.raises(KeyboardInterrupt):
        build_index(tmp_path / "other.json", out, progress=interrupt)
    assert files_in(tmp_path) == ["good.json", "other.json"]


def test_a_build_replaces_an_older_index(tmp_path: Path) -> None:
    out = tmp_path / "index.sqlite"
    build_index(write_dump(tmp_path / "a.json", [compact(DEPRECATED)]), out)
    build_index(write_dump(tmp_path / "b.json", [compact(HEAT)]), out)
    with Index(out) as index:
        assert index.lookup(["Heat (1995 film)", "Deprecated Film"]).keys() == {"Heat (1995 film)"}
        assert index.meta["dump"] == "b.json"


def test_an_unwritable_output_is_an_output_error(tmp_path: Path) -> None:
    from kg.errors import OutputError

    with pytest.raises(OutputError, match="cannot be written"):
        build_index(write_dump(tmp_path / "d.json", SAMPLE), tmp_path / "no" / "such" / "index.sqlite")


def test_progress_reports_bytes_and_entities(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "PROGRESS_EVERY", 2)
    dump = write_dump(tmp_path / "d.json.gz", SAMPLE, "gzip")
    calls: list[tuple[int, int]] = []
    build_index(dump, tmp_path / "i.sqlite", progress=lambda done, n: calls.append((done, n)))
    assert [n for _, n in calls] == [2, 4, 6, 6]
    assert calls[-1] == (dump.stat().st_size, 6)
    assert all(0 < done <= dump.stat().st_size for done, _ in calls)


def test_batches_and_big_lookups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "BATCH", 100)
    lines = [compact(dict(HEAT, id=f"Q{n}", sitelinks={"enwiki": {"title": f"Film {n}"}})) for n in range(1, 1201)]
    stats = build_index(write_dump(tmp_path / "d.json", lines), tmp_path / "i.sqlite")
    assert stats.items == 1200
    with Index(tmp_path / "i.sqlite") as index:
        titles = [f"Film {n}" for n in range(0, 1300)]
        found = index.lookup(titles + titles[:10])
        assert sorted(found) == sorted(f"Film {n}" for n in range(1, 1201))
        assert found["Film 700"].qid == "Q700"
        by_qid = index.by_qid(f"Q{n}" for n in range(1, 1300))
        assert len(by_qid) == 1200 and by_qid["Q1200"].title == "Film 1200"


def test_a_title_given_twice_is_indexed_once(tmp_path: Path) -> None:
    lines = [compact(HEAT), compact(dict(HEAT, id="Q99"))]
    stats = build_index(write_dump(tmp_path / "d.json", lines), tmp_path / "i.sqlite")
    assert stats.items == 1
    with Index(tmp_path / "i.sqlite") as index:
        assert index.lookup(["Heat (1995 film)"])["Heat (1995 film)"].qid == "Q1"


def test_builds_are_deterministic(tmp_path: Path) -> None:
    dump = write_dump(tmp_path / "wikidata-20240301-all.json.bz2", SAMPLE, "bzip2")
    redirects, pages = write_sql(tmp_path)
    build_index(dump, tmp_path / "a.sqlite", redirects, pages)
    build_index(dump, tmp_path / "b.sqlite", redirects, pages)
    for table in ("items", "meta", "redirects"):
        assert rows(tmp_path / "a.sqlite", table) == rows(tmp_path / "b.sqlite", table)
    assert (tmp_path / "a.sqlite").read_bytes() == (tmp_path / "b.sqlite").read_bytes()


# --- redirects ---------------------------------------------------------------------------

PAGE_HEADER = "-- MySQL dump 10.19\n/*!40101 SET NAMES binary*/;\nCREATE TABLE `page` (\n  `page_id` int unsigned NOT NULL\n);\n"
REDIRECT_HEADER = "-- MySQL dump 10.19\nCREATE TABLE `redirect` (\n  `rd_from` int unsigned NOT NULL\n);\n"


def page_row(page_id: int, ns: int, title: str, is_redirect: int = 1, restrictions: bool = True) -> str:
    middle = "''," if restrictions else ""
    return f"({page_id},{ns},'{title}',{middle}{is_redirect},0,0.331671126495,'20240101000000','20240101000000',1219062925,111,'wikitext',NULL)"


def write_sql(tmp_path: Path, restrictions: bool = True) -> tuple[Path, Path]:
    """A redirect and a page table dump (gzip), in mysqldump's syntax, with:
    Nic_Cage → Nicolas_Cage; Ocean\\'s_11 → Ocean\\'s_Eleven; Nicholas_Cage → Nic_Cage (a
    chain); a talk page (namespace 1) and a target in namespace 1 (both ignored); a
    self-loop; a two-redirect cycle; an interwiki redirect; a page no longer a redirect;
    a backslash in a title; a fragment; a seven-hop chain R0 → … → R7."""
    redirects = [
        "(10,0,'Nicolas_Cage','','')", "(11,0,'Ocean\\'s_Eleven','','')", "(12,0,'Nic_Cage','','')",
        "(13,1,'Nicolas_Cage','','')", "(14,0,'Nicolas_Cage','','')", "(15,0,'Loop','','')",
        "(16,0,'Cycle_B','',''),(17,0,'Cycle_A','','')", "(18,0,'Film','wikt','')",
        "(19,0,'Nicolas_Cage','','')", "(20,0,'Back\\\\slash_film','','')", "(21,0,'Nicolas_Cage','','Career')",
        *(f"({30 + n},0,'R{n + 1}','','')" for n in range(7)),
    ]
    pages = [
        page_row(10, 0, "Nic_Cage", restrictions=restrictions),
        page_row(11, 0, "Ocean\\'s_11", restrictions=restrictions),
        page_row(12, 0, "Nicholas_Cage", restrictions=restrictions),
        page_row(13, 0, "Nic_Cage_(talk_target)", restrictions=restrictions),
        page_row(14, 1, "Nic_Cage", restrictions=restrictions),
        page_row(15, 0, "Loop", restrictions=restrictions),
        page_row(16, 0, "Cycle_A", restrictions=restrictions),
        page_row(17, 0, "Cycle_B", restrictions=restrictions),
        page_row(18, 0, "Wiktionary_film", restrictions=restrictions),
        page_row(19, 0, "Not_a_redirect_any_more", is_redirect=0, restrictions=restrictions),
        page_row(20, 0, "Back\\\\slash", restrictions=restrictions),
        page_row(21, 0, "Cage's_career", restrictions=restrictions).replace("Cage's", "Cage\\'s"),
        page_row(22, 0, "Nicolas_Cage", is_redirect=0, restrictions=restrictions),
        *(page_row(30 + n, 0, f"R{n}", restrictions=restrictions) for n in range(7)),
    ]
    redirect_sql = REDIRECT_HEADER + "".join(
        f"INSERT INTO `redirect` VALUES {','.join(part)};\n" for part in (redirects[:6], redirects[6:])
    ) + "/*!40000 ALTER TABLE `redirect` ENABLE KEYS */;\n"
    page_sql = PAGE_HEADER + "".join(
        f"INSERT INTO `page` VALUES {','.join(part)};\n" for part in (pages[:9], pages[9:])
    )
    redirect_path = tmp_path / "enwiki-20240101-redirect.sql.gz"
    page_path = tmp_path / "enwiki-20240101-page.sql.gz"
    redirect_path.write_bytes(gzip.compress(redirect_sql.encode(), mtime=0))
    page_path.write_bytes(gzip.compress(page_sql.encode(), mtime=0))
    return redirect_path, page_path


EXPECTED_REDIRECTS = [
    ("Back\\slash", "Back\\slash film"),
    ("Cage's career", "Nicolas Cage"),
    ("Cycle A", "Cycle B"),
    ("Cycle B", "Cycle A"),
    ("Nic Cage", "Nicolas Cage"),
    ("Nicholas Cage", "Nic Cage"),
    ("Ocean's 11", "Ocean's Eleven"),
    *((f"R{n}", f"R{n + 1}") for n in range(7)),
]


@pytest.mark.parametrize("restrictions", [True, False], ids=["with-page_restrictions", "without"])
def test_redirects_from_the_sql_dumps(tmp_path: Path, restrictions: bool) -> None:
    redirects, pages = write_sql(tmp_path, restrictions)
    dump = write_dump(tmp_path / "d.json.gz", SAMPLE, "gzip")
    stats = build_index(dump, tmp_path / "i.sqlite", redirects, pages)
    assert stats.redirects == len(EXPECTED_REDIRECTS)
    assert rows(tmp_path / "i.sqlite", "redirects") == EXPECTED_REDIRECTS
    with Index(tmp_path / "i.sqlite") as index:
        assert index.meta["redirects"] == str(len(EXPECTED_REDIRECTS))
        assert index.meta["redirect_dump"] == "enwiki-20240101-redirect.sql.gz"
        assert index.meta["page_dump"] == "enwiki-20240101-page.sql.gz"
        assert index.redirect(["Nic Cage", "Nicholas Cage", "Ocean's 11", "Nicolas Cage", "Loop", "Cycle A", "R0", "R3", "Back\\slash"]) == {
            "Nic Cage": "Nicolas Cage",
            "Nicholas Cage": "Nicolas Cage",  # the chain, followed
            "Ocean's 11": "Ocean's Eleven",
            "R0": "R5",  # at most five hops
            "R3": "R7",
            "Back\\slash": "Back\\slash film",
        }
        assert index.redirect([]) == {}


def test_redirects_need_pages(tmp_path: Path) -> None:
    redirects, pages = write_sql(tmp_path)
    dump = write_dump(tmp_path / "d.json", SAMPLE)
    message = "--redirects needs --pages: the redirect table names redirect pages by page id, the page table gives their titles"
    with pytest.raises(ValueError) as info:
        build_index(dump, tmp_path / "i.sqlite", redirects=redirects)
    assert str(info.value) == message
    with pytest.raises(ValueError) as info:
        build_index(dump, tmp_path / "i.sqlite", pages=pages)
    assert str(info.value) == message
    assert not (tmp_path / "i.sqlite").exists()


def test_swapped_sql_dumps_are_refused(tmp_path: Path) -> None:
    redirects, pages = write_sql(tmp_path)
    dump = write_dump(tmp_path / "d.json", SAMPLE)
    with pytest.raises(InputError) as info:
        build_index(dump, tmp_path / "i.sqlite", redirects=pages, pages=redirects)
    assert info.value.message == "is not a MySQL dump of the redirect table (no line starts with INSERT INTO `redirect`)"
    assert files_in(tmp_path) == sorted(["d.json", redirects.name, pages.name])


def test_a_broken_insert_line_is_an_input_error(tmp_path: Path) -> None:
    redirects, pages = write_sql(tmp_path)
    broken = tmp_path / "broken-page.sql"
    broken.write_text("INSERT INTO `page` VALUES (1,0,'Unterminated);\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1 is not a MySQL INSERT of the page table"):
        build_index(write_dump(tmp_path / "d.json", SAMPLE), tmp_path / "i.sqlite", redirects, broken)


# --- opening an index --------------------------------------------------------------------


def test_index_refuses_what_is_not_an_index(tmp_path: Path) -> None:
    def message(path: Path) -> str:
        with pytest.raises(InputError) as info:
            Index(path)
        return str(info.value)

    assert message(tmp_path / "none.sqlite") == f"{tmp_path / 'none.sqlite'}: is not a kg Wikidata index (no such file)"
    text = tmp_path / "text.sqlite"
    text.write_text("hello, this is not SQLite" * 100, encoding="utf-8")
    assert message(text).startswith(f"{text}: is not a kg Wikidata index (not an SQLite database")
    empty = tmp_path / "empty.sqlite"
    with sqlite3.connect(empty) as db:
        db.execute("CREATE TABLE t(x)")
    assert message(empty) == f"{empty}: is not a kg Wikidata index (no meta table)"
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('format', 'something else 2')")
    assert message(other) == f"{other}: is not a kg Wikidata index (its format is 'something else 2', kg reads '{FORMAT}')"
    assert message(tmp_path) == f"{tmp_path}: is not a kg Wikidata index (not a file)"


def test_index_is_read_only(tmp_path: Path) -> None:
    build_index(write_dump(tmp_path / "d.json", SAMPLE), tmp_path / "i.sqlite")
    index = Index(tmp_path / "i.sqlite")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        index._db.execute("DELETE FROM items")
    index.close()


def test_a_path_with_uri_characters(tmp_path: Path) -> None:
    folder = tmp_path / "odd ?#% name"
    folder.mkdir()
    build_index(write_dump(folder / "d.json", SAMPLE), folder / "i?.sqlite")
    with Index(folder / "i?.sqlite") as index:
        assert index.lookup(["Heat (1995 film)"])


# --- the SQL VALUES tokenizer ------------------------------------------------------------

_MYSQL_ESCAPES = {"\0": "\\0", "\n": "\\n", "\r": "\\r", "\\": "\\\\", "'": "\\'", '"': '\\"', "\x1a": "\\Z"}


def mysql_literal(value: object) -> str:
    """A value as mysqldump writes it."""
    if value is None:
        return "NULL"
    if isinstance(value, str):
        return "'" + "".join(_MYSQL_ESCAPES.get(c, c) for c in value) + "'"
    return repr(value)


values = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**64),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
    st.text(alphabet="'\\\"\0\n\r\x1a(),; _ab"),
    st.none(),
)
tuples = st.lists(values, min_size=1, max_size=8).map(tuple)


@given(st.lists(tuples, min_size=1, max_size=6), st.booleans())
def test_values_round_trip(rows_: list[tuple], semicolon: bool) -> None:
    text = ",".join("(" + ",".join(mysql_literal(v) for v in row) + ")" for row in rows_) + (";" if semicolon else "")
    assert list(parse_values(text)) == rows_


@given(st.lists(tuples, min_size=1, max_size=6), st.integers(min_value=1, max_value=4))
def test_values_width_reads_a_prefix(rows_: list[tuple], width: int) -> None:
    text = ",".join("(" + ",".join(mysql_literal(v) for v in row) + ")" for row in rows_) + ";"
    assert list(parse_values(text, width)) == [row[:width] for row in rows_]


def test_values_examples() -> None:
    assert list(parse_values("(10,0,'Computer_accessibility','',''),(13,0,'It\\'s \\\\ \\\"x\\\"','',NULL);")) == [
        (10, 0, "Computer_accessibility", "", ""),
        (13, 0, "It's \\ \"x\"", "", None),
    ]
    assert list(parse_values("(1,'a''b',-2.5e-3)")) == [(1, "a'b", -0.0025)]
    assert list(parse_values(" ( 1 , 'x' ) , (2,'y') ;\n")) == [(1, "x"), (2, "y")]


@pytest.mark.parametrize("text", ["", "(1,'open)", "(1,2", "1,2", "(1,2) garbage", "(1,zz)", "(1,2)(3,4)"])
def test_values_refuse_broken_lists(text: str) -> None:
    with pytest.raises(ValueError):
        list(parse_values(text))
