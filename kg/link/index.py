"""A local index of Wikidata, built once from its JSON dump, for linking offline.

:func:`build_index` streams Wikidata's JSON dump (``latest-all.json.gz`` or ``.bz2``) and
writes, into one SQLite file, the :class:`~kg.link.entry.Entry` of every item with an
English Wikipedia article, and optionally English Wikipedia's redirects (from the
``redirect`` and ``page`` table SQL dumps), so that a linker that meets a redirect's
title finds the article's item. :class:`Index` reads such a file.

The dump is one JSON array written one entity a line: ``[``, then one entity per line
followed by ``,`` (the last one without), then ``]``. Most entities have no English
article, so a line without the text ``"enwiki"`` is skipped without being parsed (the
dumps never escape that key). Memory stays flat whatever the dump's size: the dump is
read line by line and rows go to SQLite in batches.

The index file (format ``kg-wikidata-index 1``) holds three tables:

* ``items(title TEXT PRIMARY KEY, qid, classes, imdb, directors, "cast", durations,
  dates, modified)``: ``title`` is the sitelink title as Wikidata gives it (spaces), the
  multi-valued fields are compact JSON arrays (``[]`` when empty; durations as
  ``[amount, unit]`` pairs, dates as ``[time, precision]`` pairs), indexed on ``qid``;
* ``redirects(title TEXT PRIMARY KEY, target)``: namespace-0 redirect titles and their
  targets, both normalised with :func:`kg.titles.normalise_title`;
* ``meta(key TEXT PRIMARY KEY, value)``: ``format``, ``dump`` (the dump's file name),
  ``dump_date`` (``YYYY-MM-DD``), the counts ``entities``, ``items``, ``bad_lines`` and
  ``redirects``, and ``redirect_dump`` / ``page_dump`` when redirects were indexed.

The tables are ``WITHOUT ROWID``: each is one B-tree keyed by its title, so a lookup is
one search. The same inputs give the same rows (and, with the same SQLite, the same
bytes): nothing depends on the clock or the machine.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kg.errors import InputError, MissingPageError, OutputError
from kg.link.entry import Entry, entry_from_entity
from kg.sources.input import IO_ERRORS, open_path, open_input
from kg.titles import normalise_title

__all__ = [
    "FORMAT",
    "Index",
    "IndexStats",
    "build_index",
    "parse_values",
]

#: The value of the ``format`` meta key; :class:`Index` reads no other.
FORMAT = "kg-wikidata-index 1"
#: Rows sent to SQLite per ``executemany``.
BATCH = 10_000
#: ``progress`` is called every this many entities.
PROGRESS_EVERY = 10_000
#: A file with no readable Wikidata entity in this many first lines is not a dump.
PROBE_LINES = 1_000
#: The most titles (or ids) in one ``IN (…)`` query.
QUERY_BATCH = 500
#: The most redirect hops :meth:`Index.redirect` follows.
MAX_HOPS = 5
#: What a line must contain to be parsed: the key of the English Wikipedia sitelink.
ENWIKI = b'"enwiki"'
#: Buffer of the line reader over the decompressed dump.
READ_BUFFER = 1 << 20

_FRAME = (b"", b"[", b"]", b",")
_ITEM_COLUMNS = 'title, qid, classes, imdb, directors, "cast", durations, dates, modified'
_SCHEMA = """
CREATE TABLE items(
    title TEXT PRIMARY KEY, qid TEXT NOT NULL, classes TEXT, imdb TEXT, directors TEXT,
    "cast" TEXT, durations TEXT, dates TEXT, modified TEXT
) WITHOUT ROWID;
CREATE TABLE redirects(title TEXT PRIMARY KEY, target TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
"""
_INSERT_ITEM = f"INSERT OR IGNORE INTO items({_ITEM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
_ENTITY_ERRORS = (ValueError, TypeError, KeyError, AttributeError, IndexError)
_json = json.JSONEncoder(separators=(",", ":")).encode
_DATE_IN_NAME = re.compile(r"(?<![0-9])([0-9]{4})([0-9]{2})([0-9]{2})(?![0-9])")

REDIRECTS_NEED_PAGES = (
    "--redirects needs --pages: the redirect table names redirect pages by page id, "
    "the page table gives their titles"
)


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What :func:`build_index` read and wrote.

    :param entities: entity lines of the dump (every line but ``[``, ``]`` and blank ones).
    :param items: items written to the index (with an English Wikipedia article; a title
        given by two items is indexed once, for the first).
    :param skipped_no_enwiki: entities without an English Wikipedia article: lines
        without ``"enwiki"`` (not parsed), properties, lexemes, items linked to other sites only.
    :param bad_lines: lines that are not JSON or not an entity kg can read.
    :param first_bad_line: the (1-based) line number of the first of them, if any.
    :param redirects: redirects written to the index.
    :param seconds: how long the build took (never stored in the index).
    """

    entities: int
    items: int
    skipped_no_enwiki: int
    bad_lines: int
    first_bad_line: int | None
    redirects: int
    seconds: float


# --- MySQL dump VALUES -------------------------------------------------------------------

_STRING = r"'(?:[^'\\]|\\.|'')*+'"
_ROW = re.compile(r"\s*+\(((?:%s|[^'()])*+)\)\s*+([,;]?)" % _STRING, re.S)
_FIELD = re.compile(r"\s*+(?:'((?:[^'\\]|\\.|'')*+)'|([^,'\s]++))\s*+(?:,|\Z)", re.S)
_INT = re.compile(r"[-+]?[0-9]+\Z")
_ESCAPE = re.compile(r"\\(.)|''", re.S)
_ESCAPES = {"0": "\0", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a"}

SqlValue = int | float | str | None


def _unescape_match(match: re.Match[str]) -> str:
    char = match.group(1)
    return "'" if char is None else _ESCAPES.get(char, char)


def _unescape(text: str) -> str:
    if "\\" not in text and "''" not in text:
        return text
    return _ESCAPE.sub(_unescape_match, text)


def _bare(token: str) -> SqlValue:
    if token == "NULL":
        return None
    if _INT.match(token):
        return int(token)
    return float(token)


def _fields(body: str, width: int | None) -> tuple[SqlValue, ...]:
    values: list[SqlValue] = []
    pos, end = 0, len(body)
    while pos < end and (width is None or len(values) < width):
        match = _FIELD.match(body, pos)
        if match is None:
            raise ValueError(f"not a value: {body[pos:pos + 40]!r}")
        string, bare = match.groups()
        values.append(_unescape(string) if bare is None else _bare(bare))
        pos = match.end()
    return tuple(values)


def parse_values(text: str, width: int | None = None) -> Iterator[tuple[SqlValue, ...]]:
    """The rows of a MySQL ``INSERT … VALUES`` list, as mysqldump writes them.

    Strings are single-quoted with backslash escapes (``\\'``, ``\\\\``, ``\\n``, ``\\0``,
    ``\\Z`` …; a doubled ``''`` is read as a quote too), ``NULL`` is unquoted, numbers are
    unquoted.

    :param text: what follows ``VALUES``: ``(1,0,'A'),(2,0,'B\\'s');`` (the final ``;``
        and surrounding whitespace are optional).
    :param width: read only the first ``width`` values of each row (the rest is skipped
        unread, which is faster); every value with ``None``.
    :returns: an iterator of tuples of ``int``, ``float``, ``str`` and ``None``.
    :raises ValueError: ``text`` is not such a list (the message quotes where it breaks).
    """
    pos = 0
    while True:
        match = _ROW.match(text, pos)
        if match is None:
            raise ValueError(f"not a row at offset {pos}: {text[pos:pos + 40]!r}")
        yield _fields(match.group(1), width)
        pos = match.end()
        if match.group(2) != ",":
            break
    if text[pos:].strip():
        raise ValueError(f"text after the last row at offset {pos}: {text[pos:pos + 40]!r}")


# --- reading inputs ----------------------------------------------------------------------


def _open_raw(path: str | Path) -> Any:
    """The file, opened as every kg input is (one error line for a missing or unreadable one)."""
    return open_path(str(path), str(path))


def _lines(raw: Any, source: str) -> Iterator[bytes]:
    """The lines of ``raw``'s decompressed content; a damaged file raises :class:`InputError`."""
    try:
        with open_input(raw, source=source) as inp:
            stream = io.BufferedReader(inp.replay(), READ_BUFFER)
            try:
                yield from stream
            except IO_ERRORS as exc:
                raise inp.io_error(exc) from None
    except MissingPageError:
        return


def _not_a_dump(dump: str | Path, reason: str) -> InputError:
    return InputError(str(dump), f"is not a Wikidata JSON dump ({reason})")


def _item_row(entry: Entry) -> tuple[Any, ...]:
    """The ``items`` row of ``entry``; raises ``UnicodeEncodeError``/``TypeError`` for text SQLite cannot store."""
    (entry.title + entry.qid + (entry.modified or "")).encode("utf-8")
    return (
        entry.title,
        entry.qid,
        _json(entry.classes),
        _json(entry.imdb),
        _json(entry.directors),
        _json(entry.cast),
        _json(entry.durations),
        _json(entry.dates),
        entry.modified,
    )


@dataclass(frozen=True, slots=True)
class _Counts:
    entities: int
    skipped: int
    bad: int
    first_bad: int | None


def _index_items(
    db: sqlite3.Connection,
    dump: str | Path,
    progress: Callable[[int, int], None] | None,
    precheck: bool,
) -> _Counts:
    """Write the ``items`` rows of ``dump`` (the hot loop: counters are locals)."""
    entities = skipped = bad = 0
    first_bad: int | None = None
    with _open_raw(dump) as raw, closing(_lines(raw, str(dump))) as lines:
        number = 0
        for first in lines:
            number += 1
            first = first.strip()
            if first:
                if first != b"[":
                    raise _not_a_dump(dump, 'its first line is not "["')
                break
        else:
            raise _not_a_dump(dump, "it is empty")
        probing = True  # no entity read yet: parse every line, pre-check or not
        batch: list[tuple[Any, ...]] = []
        for line in lines:
            number += 1
            if len(line) < 8 and line.strip() in _FRAME:
                continue
            entities += 1
            if probing or not precheck or ENWIKI in line:
                body = line.rstrip()
                if body.endswith(b","):
                    body = body[:-1]
                try:
                    entity = json.loads(body)
                except ValueError:
                    entity = None
                row = None
                if isinstance(entity, dict):
                    if probing and entity.get("id") and entity.get("type"):
                        probing = False
                    try:
                        entry = entry_from_entity(entity)
                        row = () if entry is None else _item_row(entry)
                    except _ENTITY_ERRORS:
                        row = None
                if row is None:
                    bad += 1
                    if first_bad is None:
                        first_bad = number
                elif row:
                    batch.append(row)
                    if len(batch) >= BATCH:
                        db.executemany(_INSERT_ITEM, batch)
                        batch.clear()
                else:
                    skipped += 1
            else:
                skipped += 1
            if probing and number >= PROBE_LINES:
                raise _not_a_dump(dump, f"no Wikidata entity in its first {PROBE_LINES:,} lines")
            if progress is not None and entities % PROGRESS_EVERY == 0:
                progress(raw.tell(), entities)
        if probing:
            raise _not_a_dump(dump, "it holds no Wikidata entity")
        if batch:
            db.executemany(_INSERT_ITEM, batch)
        if progress is not None:
            progress(raw.tell(), entities)
    return _Counts(entities, skipped, bad, first_bad)


def _sql_rows(path: str | Path, table: str, width: int) -> Iterator[tuple[SqlValue, ...]]:
    """The first ``width`` values of every row a MySQL dump inserts into ``table``."""
    source = str(path)
    prefix = f"INSERT INTO `{table}` VALUES ".encode()
    found = False
    with _open_raw(path) as raw, closing(_lines(raw, source)) as lines:
        for number, line in enumerate(lines, 1):
            if not line.startswith(prefix):
                continue
            found = True
            try:
                yield from parse_values(line[len(prefix):].decode("utf-8", "replace"), width)
            except ValueError as exc:
                raise InputError(source, f"line {number} is not a MySQL INSERT of the {table} table ({exc})") from None
    if not found:
        raise InputError(source, f"is not a MySQL dump of the {table} table (no line starts with INSERT INTO `{table}`)")


def _index_redirects(db: sqlite3.Connection, redirects: str | Path, pages: str | Path) -> None:
    db.execute("CREATE TEMP TABLE targets(id INTEGER PRIMARY KEY, target TEXT NOT NULL)")
    db.execute("CREATE TEMP TABLE pages(id INTEGER PRIMARY KEY, title TEXT NOT NULL)")
    batch: list[tuple[Any, ...]] = []

    def flush(sql: str) -> None:
        db.executemany(sql, batch)
        batch.clear()

    insert = "INSERT OR IGNORE INTO temp.targets(id, target) VALUES (?, ?)"
    # (rd_from, rd_namespace, rd_title, rd_interwiki): a namespace-0 target on this wiki
    for row in _sql_rows(redirects, "redirect", 4):
        if len(row) < 3 or row[1] != 0 or not isinstance(row[0], int) or not isinstance(row[2], str):
            continue
        if len(row) > 3 and row[3]:
            continue
        target = normalise_title(row[2])
        if target:
            batch.append((row[0], target))
            if len(batch) >= BATCH:
                flush(insert)
    flush(insert)
    insert = "INSERT OR IGNORE INTO temp.pages(id, title) VALUES (?, ?)"
    # (page_id, page_namespace, page_title, [page_restrictions,] page_is_redirect, …)
    for row in _sql_rows(pages, "page", 5):
        if len(row) < 3 or row[1] != 0 or not isinstance(row[0], int) or not isinstance(row[2], str):
            continue
        if len(row) == 5:
            is_redirect = row[4] if isinstance(row[3], str) else row[3]
            if is_redirect == 0:
                continue
        title = normalise_title(row[2])
        if title:
            batch.append((row[0], title))
            if len(batch) >= BATCH:
                flush(insert)
    flush(insert)
    db.execute(
        "INSERT OR IGNORE INTO redirects(title, target) "
        "SELECT p.title, t.target FROM temp.pages p JOIN temp.targets t ON t.id = p.id "
        "WHERE p.title <> t.target ORDER BY p.title, p.id"
    )
    db.execute("DROP TABLE temp.targets")
    db.execute("DROP TABLE temp.pages")


def _dump_date(db: sqlite3.Connection, name: str) -> str | None:
    for match in _DATE_IN_NAME.finditer(name):
        try:
            return datetime.date(*map(int, match.groups())).isoformat()
        except ValueError:
            continue
    (latest,) = db.execute(
        "SELECT max(substr(modified, 1, 10)) FROM items WHERE modified GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"
    ).fetchone()
    return latest


def build_index(
    dump: str | Path,
    out: str | Path,
    redirects: str | Path | None = None,
    pages: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    precheck: bool = True,
) -> IndexStats:
    """Build a Wikidata index file from a Wikidata JSON dump.

    The file is built next to ``out`` under a hidden temporary name and renamed to
    ``out`` at the end: an existing ``out`` is replaced only by a complete index, and is
    left as it was (with no temporary file left behind) when the build fails or is
    interrupted.

    :param dump: Wikidata's JSON dump (``latest-all.json.gz``), gzip, bzip2 or xz
        compressed or plain (recognised by its first bytes). A line that is not valid
        JSON is counted and skipped (:attr:`IndexStats.bad_lines`).
    :param out: the index file to write.
    :param redirects: English Wikipedia's ``redirect`` table SQL dump
        (``enwiki-…-redirect.sql.gz``), to index redirects; needs ``pages``.
    :param pages: English Wikipedia's ``page`` table SQL dump (``enwiki-…-page.sql.gz``),
        which gives the redirect pages' titles.
    :param progress: called as ``progress(bytes_read, entities)`` every
        :data:`PROGRESS_EVERY` entities and once at the end; ``bytes_read`` counts the
        file's bytes as stored (compressed), to compare with its size.
    :param precheck: parse only the lines that contain ``"enwiki"`` (the default);
        ``False`` parses every line, for measuring what the pre-check saves.
    :returns: the counts of what was read and written.
    :raises ValueError: only one of ``redirects`` and ``pages`` is given.
    :raises NotFoundError: an input does not exist.
    :raises InputError: ``dump`` is not a Wikidata JSON dump (its first line is not
        ``[``, or none of its first :data:`PROBE_LINES` lines is an entity), an input is
        damaged or truncated, or a SQL dump is not the table it should be.
    :raises OutputError: the index cannot be written.
    """
    if (redirects is None) != (pages is None):
        raise ValueError(REDIRECTS_NEED_PAGES)
    start = time.perf_counter()
    out = Path(out)
    for path in (dump, redirects, pages):
        if path is not None:
            _open_raw(path).close()
    part = out.with_name(f".{out.name}.{os.getpid()}.part")
    db: sqlite3.Connection | None = None
    try:
        try:
            part.unlink(missing_ok=True)
            db = sqlite3.connect(part, isolation_level=None)
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")
            db.execute("PRAGMA cache_size=-65536")
            db.execute("PRAGMA temp_store=FILE")
            db.executescript(_SCHEMA)
            db.execute("BEGIN")
        except (OSError, sqlite3.Error) as exc:
            raise OutputError(str(out), f"cannot be written ({exc})") from None
        try:
            counts = _index_items(db, dump, progress, precheck)
            if redirects is not None and pages is not None:
                _index_redirects(db, redirects, pages)
            db.execute("CREATE INDEX items_qid ON items(qid)")
            (items,) = db.execute("SELECT count(*) FROM items").fetchone()
            (redirect_count,) = db.execute("SELECT count(*) FROM redirects").fetchone()
            meta = {
                "format": FORMAT,
                "dump": Path(dump).name,
                "dump_date": _dump_date(db, Path(dump).name),
                "entities": str(counts.entities),
                "items": str(items),
                "bad_lines": str(counts.bad),
                "redirects": str(redirect_count),
                "redirect_dump": None if redirects is None else Path(redirects).name,
                "page_dump": None if pages is None else Path(pages).name,
            }
            db.executemany(
                "INSERT INTO meta(key, value) VALUES (?, ?)",
                sorted((k, v) for k, v in meta.items() if v is not None),
            )
            db.execute("COMMIT")
            db.close()
            db = None
            with open(part, "rb") as written:
                os.fsync(written.fileno())
            os.replace(part, out)
        except (OSError, sqlite3.Error) as exc:
            raise OutputError(str(out), f"cannot be written ({exc})") from None
    except BaseException:
        if db is not None:
            db.close()
        part.unlink(missing_ok=True)
        raise
    return IndexStats(
        entities=counts.entities,
        items=items,
        skipped_no_enwiki=counts.skipped,
        bad_lines=counts.bad,
        first_bad_line=counts.first_bad,
        redirects=redirect_count,
        seconds=time.perf_counter() - start,
    )


# --- reading an index --------------------------------------------------------------------


def _entry(row: tuple[Any, ...]) -> Entry:
    title, qid, classes, imdb, directors, cast, durations, dates, modified = row
    return Entry(
        qid=qid,
        title=title,
        classes=tuple(json.loads(classes or "[]")),
        imdb=tuple(json.loads(imdb or "[]")),
        directors=tuple(json.loads(directors or "[]")),
        cast=tuple(json.loads(cast or "[]")),
        durations=tuple((str(a), str(u)) for a, u in json.loads(durations or "[]")),
        dates=tuple((str(t), int(p)) for t, p in json.loads(dates or "[]")),
        modified=modified,
    )


def _batches(values: Iterable[str]) -> Iterator[list[str]]:
    unique = list(dict.fromkeys(values))
    for start in range(0, len(unique), QUERY_BATCH):
        yield unique[start:start + QUERY_BATCH]


class Index:
    """A Wikidata index file written by :func:`build_index`, opened read-only.

    Use it as a context manager, or call :meth:`close`. One thread at a time.

    :param path: the index file.
    :raises InputError: ``path`` does not exist, is not an SQLite database, or is not a
        kg Wikidata index of format :data:`FORMAT`.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        source = str(path)
        if not self.path.is_file():
            reason = "no such file" if not self.path.exists() else "not a file"
            raise InputError(source, f"is not a kg Wikidata index ({reason})")
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        try:
            self._db = sqlite3.connect(uri, uri=True)
        except sqlite3.Error as exc:
            raise InputError(source, f"is not a kg Wikidata index (it cannot be opened: {exc})") from None
        try:
            self._meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            self._db.close()
            reason = "no meta table" if "no such table" in str(exc) else f"not an SQLite database: {exc}"
            raise InputError(source, f"is not a kg Wikidata index ({reason})") from None
        if self._meta.get("format") != FORMAT:
            self._db.close()
            raise InputError(
                source, f"is not a kg Wikidata index (its format is {self._meta.get('format')!r}, kg reads {FORMAT!r})"
            )

    @property
    def meta(self) -> dict[str, str]:
        """The index's ``meta`` table: ``format``, ``dump``, ``dump_date``, counts …"""
        return dict(self._meta)

    @property
    def dump_date(self) -> str | None:
        """The date of the dump the index was built from (``YYYY-MM-DD``), if known."""
        return self._meta.get("dump_date")

    def lookup(self, titles: Iterable[str]) -> dict[str, Entry]:
        """The entries of the items whose English Wikipedia article has one of ``titles``.

        :param titles: article titles, exactly as MediaWiki stores them (spaces, first
            letter upper case); redirects are not followed (see :meth:`redirect`).
        :returns: title → entry, for the titles that have an item.
        """
        found: dict[str, Entry] = {}
        for batch in _batches(titles):
            marks = ",".join("?" * len(batch))
            for row in self._db.execute(f"SELECT {_ITEM_COLUMNS} FROM items WHERE title IN ({marks})", batch):
                found[row[0]] = _entry(row)
        return found

    def by_qid(self, qids: Iterable[str]) -> dict[str, Entry]:
        """The entries of the items ``qids`` (those with an English Wikipedia article).

        :param qids: item ids (``Q42``).
        :returns: item id → entry, for the ids in the index.
        """
        found: dict[str, Entry] = {}
        for batch in _batches(qids):
            marks = ",".join("?" * len(batch))
            for row in self._db.execute(
                f"SELECT {_ITEM_COLUMNS} FROM items WHERE qid IN ({marks}) ORDER BY title", batch
            ):
                found.setdefault(row[1], _entry(row))
        return found

    def _targets(self, titles: Iterable[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for batch in _batches(titles):
            marks = ",".join("?" * len(batch))
            found.update(self._db.execute(f"SELECT title, target FROM redirects WHERE title IN ({marks})", batch))
        return found

    def redirect(self, titles: Iterable[str]) -> dict[str, str]:
        """Where redirects lead: each of ``titles`` that is a redirect, to its final target.

        A chain of redirects is followed for up to :data:`MAX_HOPS` hops (the title reached
        then is the target); a redirect to itself, or a chain that comes back to a title
        it passed, is no redirect.

        :param titles: page titles, as MediaWiki stores them.
        :returns: redirect title → target title, for the titles that are redirects.
        """
        at = {title: title for title in dict.fromkeys(titles)}
        passed = {title: {title} for title in at}
        found: dict[str, str] = {}
        for _ in range(MAX_HOPS):
            if not at:
                break
            targets = self._targets(set(at.values()))
            following: dict[str, str] = {}
            for origin, title in at.items():
                target = targets.get(title)
                if target is None:
                    continue
                if target in passed[origin]:
                    found.pop(origin, None)
                    continue
                passed[origin].add(target)
                found[origin] = following[origin] = target
            at = following
        return found

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
