"""Wikimedia *multistream* dumps, read one stream at a time so the work can be split.

A ``…-pages-articles-multistream.xml.bz2`` dump is many bzip2 streams concatenated: the
first holds the ``<mediawiki …>`` start tag and ``<siteinfo>``, each of the next holds
(usually) 100 ``<page>`` elements and nothing else, and the last holds ``</mediawiki>``.
As a whole it is an ordinary (concatenated) bzip2 file, so :mod:`kg.sources.xml_dump`
reads it sequentially too. Its index, ``…-multistream-index.txt.bz2``, has one line
``offset:page_id:title`` per page, where ``offset`` is the byte offset in the dump of
the stream that holds the page; the header and closing streams have no lines.

:func:`read_index` turns the index into :class:`Stream` objects (one per offset, not one
per page); :func:`read_stream` seeks to one of them, decompresses it alone and yields its
pages, built exactly as :mod:`kg.sources.xml_dump` builds them. Streams are independent,
so processes can each take a range of them (:func:`iter_streams`).
"""

from __future__ import annotations

import bz2
import os
import re
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kg.errors import FormatError, InputError, NotFoundError
from kg.model import Page
from kg.sources.xml_dump import parse_pages

__all__ = ["Stream", "find_index", "iter_streams", "read_index", "read_stream"]

#: Decompressed bytes of the index parsed at a time.
_INDEX_CHUNK = 4 << 20
#: The lines of one stream: the first (its offset and title), then every following line
#: with the same offset, taken possessively (no backtracking).
_STREAM_RE = re.compile(rb"([0-9]+):[0-9]+:([^\n]++)\n(?:\1:[0-9]+:[^\n]++\n)*+")
_DUMP_SUFFIX = "-multistream.xml.bz2"
_INDEX_SUFFIX = "-multistream-index.txt.bz2"
# How a stream's decompressed content starts when it carries the dump's header, and how
# it ends when it carries the closing tag; streams in between hold bare <page> elements.
_HEADER_RE = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:[\w.-]+:)?mediawiki[\s>]", re.S)
_CLOSING_RE = re.compile(rb"</(?:[\w.-]+:)?mediawiki\s*>\s*\Z")
_OPEN = b"<mediawiki>"
_CLOSE = b"</mediawiki>"


@dataclass(frozen=True, slots=True)
class Stream:
    """One bzip2 stream of a multistream dump, as its index describes it.

    :param number: its rank among the index's streams, from 0, in file order.
    :param offset: the byte offset of the stream in the dump.
    :param length: the bytes from ``offset`` to the next stream's offset (for the last
        one, to the end of the dump: it then also covers the closing stream).
    :param pages: how many index lines (pages) it has.
    :param first_title: the title of its first page, as the index gives it.
    """

    number: int
    offset: int
    length: int
    pages: int
    first_title: str


def _not_an_index(path: str, message: str) -> FormatError:
    return FormatError(path, f"is not a multistream index: {message}")


@contextmanager
def _open_index(path: str) -> Iterator[BinaryIO]:
    """The index's content: decompressed when it is bzip2, else as it is.

    The file is closed on leaving, also when it is bzip2: a :class:`bz2.BZ2File` given
    a file object never closes it.
    """
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below
    except (FileNotFoundError, NotADirectoryError):
        raise NotFoundError(path, "no such file") from None
    except IsADirectoryError:
        raise NotFoundError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    with raw:
        compressed = raw.read(3) == b"BZh"
        raw.seek(0)
        if not compressed:
            yield raw
            return
        with bz2.BZ2File(raw) as index:
            yield index  # type: ignore[misc]


def _bad_line(path: str, data: bytes, pos: int, number: int) -> FormatError:
    """The error for line ``number``, at ``pos`` of ``data``, which is not ``offset:page_id:title``."""
    end = data.find(b"\n", pos)
    line = data[pos : end if end >= 0 else len(data)].decode("utf-8", "replace")
    return _not_an_index(path, f"line {number}: {line[:80]!r} is not offset:page_id:title")


def _chunks(index: BinaryIO) -> Iterator[bytes]:
    """The index's content in pieces of whole lines (the last one given its newline).

    The next piece is decompressed in a thread while the caller parses this one (bzip2
    decompression releases the GIL), so parsing costs little more than decompressing.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(index.read, _INDEX_CHUNK)
        rest = b""
        while True:
            chunk = pending.result()
            if not chunk:
                break
            pending = pool.submit(index.read, _INDEX_CHUNK)
            cut = chunk.rfind(b"\n") + 1
            if cut == 0:
                rest += chunk
                continue
            yield rest + chunk[:cut] if rest else chunk[:cut]
            rest = chunk[cut:]
        if rest:
            yield rest + b"\n"


def read_index(path: str | os.PathLike[str], dump_size: int | None = None) -> list[Stream]:
    """The streams of a multistream dump, from its index.

    The index is bzip2-compressed (as Wikimedia publishes it) or plain text, one
    ``offset:page_id:title`` line per page (the title may hold colons). Consecutive lines
    with the same offset are one stream; offsets must increase. Only one
    :class:`Stream` per offset is kept, never per-page data, and lines are matched a
    stream at a time (one regular-expression match per stream, not per line).

    :param path: the index file.
    :param dump_size: the dump's size in bytes, which gives the last stream's length;
        default the size of the dump the index is named after
        (``…-multistream-index.txt.bz2`` → ``…-multistream.xml.bz2``, same folder).
    :raises FormatError: a line is malformed, an offset does not increase or lies past
        the dump's end, a stream's first title is not UTF-8, the index is a damaged
        bzip2 file, or it is empty.
    :raises NotFoundError: the index does not exist, or ``dump_size`` is not given and
        there is no dump next to the index.
    """
    name = os.fspath(path)
    if dump_size is None:
        dump = _sibling_dump(Path(name))
        if dump is None or not dump.is_file():
            raise NotFoundError(name, "has no dump beside it to take the last stream's length from; pass the dump's size")
        dump_size = dump.stat().st_size
    offsets: list[int] = []
    counts: list[int] = []
    titles: list[str] = []
    lines = 0  # lines parsed so far
    previous = -1
    match = _STREAM_RE.match
    try:
        with _open_index(name) as index:
            for data in _chunks(index):
                pos, size, count_lines = 0, len(data), data.count
                while pos < size:
                    m = match(data, pos)
                    if m is None:
                        raise _bad_line(name, data, pos, lines + 1)
                    end = m.end()
                    count = count_lines(b"\n", pos, end)
                    offset = int(m.group(1))
                    if offset == previous:  # the stream goes on from the previous chunk
                        counts[-1] += count
                    elif offset < previous:
                        raise _not_an_index(
                            name, f"line {lines + 1}: offset {offset} is not after the previous stream's offset {previous}"
                        )
                    else:
                        try:
                            title = m.group(2).decode("utf-8")
                        except UnicodeDecodeError as exc:
                            raise _not_an_index(
                                name, f"line {lines + 1}: the title is not UTF-8 text (invalid byte 0x{m.group(2)[exc.start]:02x})"
                            ) from None
                        offsets.append(offset)
                        counts.append(count)
                        titles.append(title)
                        previous = offset
                    lines += count
                    pos = end
    except (OSError, EOFError) as exc:
        raise _not_an_index(name, f"not a valid bzip2 or text file ({exc})") from None
    if not offsets:
        raise _not_an_index(name, "it has no lines")
    if offsets[-1] >= dump_size:
        raise _not_an_index(
            name, f"line {lines - counts[-1] + 1}: offset {offsets[-1]} is past the end of the dump ({dump_size} bytes)"
        )
    ends = offsets[1:] + [dump_size]
    return [
        Stream(number=n, offset=offset, length=end - offset, pages=count, first_title=title)
        for n, (offset, end, count, title) in enumerate(zip(offsets, ends, counts, titles))
    ]


def _decompress(raw: bytes, stream: Stream, source: str) -> bytes:
    """The content of the bzip2 stream(s) filling ``raw`` exactly.

    An index's byte range holds one stream, except the last one's, which runs to the end
    of the dump and so also holds the closing stream: each stream in the range must be
    whole, and the range must end where a stream ends.
    """

    def corrupt(reason: str) -> FormatError:
        return FormatError(source, f"stream at offset {stream.offset} is not a bzip2 stream ({reason})")

    parts: list[bytes] = []
    data = raw
    while data:
        if not data.startswith(b"BZh"):
            where = "" if data is raw else f" {len(raw) - len(data)} bytes in"
            raise corrupt(f"no bzip2 header{where}")
        decompressor = bz2.BZ2Decompressor()
        try:
            parts.append(decompressor.decompress(data))
        except (OSError, EOFError, ValueError) as exc:
            raise corrupt(str(exc) or type(exc).__name__) from None
        if not decompressor.eof:
            raise corrupt(f"it is cut short: its {len(raw)} bytes end before its end-of-stream marker")
        data = decompressor.unused_data
    if not parts:
        raise corrupt("the dump has no bytes there")
    return b"".join(parts)


def _stream_pages(dump: BinaryIO, stream: Stream, source: str, timings: dict[str, float] | None = None) -> Iterator[Page]:
    start = time.perf_counter()
    try:
        dump.seek(stream.offset)
        raw = dump.read(stream.length)
    except OSError as exc:
        raise InputError(source, f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) < stream.length:
        raise FormatError(
            source,
            f"stream at offset {stream.offset} is not a bzip2 stream (the dump ends {stream.length - len(raw)} bytes "
            "before the stream's end: it is truncated, or the index belongs to another dump)",
        )
    content = _decompress(raw, stream, source)
    del raw
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError(
            source,
            f"stream at offset {stream.offset} is not UTF-8 text (invalid byte 0x{content[exc.start]:02x} "
            f"at offset {exc.start} of its content)",
        ) from None
    # A stream holds bare <page> elements; wrap them in a root unless the stream carries
    # the dump's own start tag (the header stream) or closing tag (the last one).
    head = b"" if _HEADER_RE.match(content) else _OPEN
    tail = b"" if _CLOSING_RE.search(content[-256:]) else _CLOSE
    document = _Concat((head, content, tail))
    if timings is not None:
        timings["decompress"] = timings.get("decompress", 0.0) + time.perf_counter() - start
        timings["xml_bytes"] = timings.get("xml_bytes", 0) + len(content)
    del content
    try:
        if timings is None:
            yield from parse_pages(document, source)
            return
        pages = parse_pages(document, source)
        while True:
            start = time.perf_counter()
            page = next(pages, None)
            timings["xml"] = timings.get("xml", 0.0) + time.perf_counter() - start
            if page is None:
                return
            yield page
    except FormatError as exc:
        joint = " " if exc.message.startswith("is ") else ", "
        raise FormatError(source, f"stream at offset {stream.offset}{joint}{exc.message}") from None


class _Concat:
    """A minimal binary reader over byte strings, read in order, without joining them."""

    def __init__(self, parts: tuple[bytes, ...]) -> None:
        self._parts = [memoryview(p) for p in parts if p]

    def read(self, size: int = -1) -> bytes:
        if not self._parts:
            return b""
        part = self._parts[0]
        if size < 0 or size >= len(part):
            self._parts.pop(0)
            return bytes(part)
        self._parts[0] = part[size:]
        return bytes(part[:size])


def _open_dump(dump_path: str) -> BinaryIO:
    try:
        return open(dump_path, "rb")  # noqa: SIM115 - closed by the callers
    except (FileNotFoundError, NotADirectoryError):
        raise NotFoundError(dump_path, "no such file") from None
    except IsADirectoryError:
        raise NotFoundError(dump_path, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(dump_path, f"cannot be read ({exc.strerror or exc})") from None


def read_stream(dump_path: str | os.PathLike[str], stream: Stream, source: str | None = None,
                timings: dict[str, float] | None = None) -> Iterator[Page]:
    """The pages of one stream of a multistream dump, in order, reading only that stream.

    The dump is opened, ``stream.length`` bytes are read at ``stream.offset`` and
    decompressed on their own; the content — ``<page>`` elements, possibly after the
    dump's ``<mediawiki>`` header and ``<siteinfo>`` (skipped) or before its closing tag
    (ignored) — is parsed as :mod:`kg.sources.xml_dump` parses a dump, giving the same
    :class:`Page` objects. A stream of no pages yields nothing.

    :param dump_path: the ``…-multistream.xml.bz2`` file.
    :param stream: one of :func:`read_index`'s streams for that dump.
    :param source: the name in :attr:`Page.source` and in messages; default the path as given.
    :param timings: if given, ``"decompress"`` (reading and decompressing, seconds),
        ``"xml"`` (parsing the pages out, seconds) and ``"xml_bytes"`` are added to.
    :raises FormatError: the bytes there are not a whole bzip2 stream (a damaged dump, or
        an index of another dump), or its content is not UTF-8 or not MediaWiki XML.
    :raises MissingPageError: a page has no revision text.
    :raises NotFoundError: the dump does not exist.
    """
    path = os.fspath(dump_path)
    source = path if source is None else source
    with _open_dump(path) as dump:
        yield from _stream_pages(dump, stream, source, timings)


def iter_streams(
    dump: str | os.PathLike[str],
    index: str | os.PathLike[str] | None = None,
    first: int = 0,
    last: int | None = None,
    *,
    source: str | None = None,
) -> Iterator[Page]:
    """The pages of streams ``first`` … ``last - 1`` of a multistream dump, in order.

    :param dump: the dump.
    :param index: its index; default :func:`find_index` of the dump.
    :param first: the first stream (its :attr:`Stream.number`).
    :param last: the stream after the last one; default the end. Slices as ``list[first:last]``.
    :param source: the name in :attr:`Page.source`; default the dump path as given.
    :raises NotFoundError: the dump or the index does not exist.
    """
    path = os.fspath(dump)
    source = path if source is None else source
    if index is None:
        index = find_index(path)
        if index is None:
            raise NotFoundError(path, f"has no multistream index beside it (…{_INDEX_SUFFIX})")
    with _open_dump(path) as file:
        size = os.fstat(file.fileno()).st_size
        for stream in read_index(index, size)[first:last]:
            yield from _stream_pages(file, stream, source)


def find_index(dump_path: str | os.PathLike[str]) -> Path | None:
    """The index beside a multistream dump, by Wikimedia's naming, if it exists:
    ``enwiki-20241101-pages-articles-multistream.xml.bz2`` →
    ``enwiki-20241101-pages-articles-multistream-index.txt.bz2`` in the same folder."""
    dump = Path(dump_path)
    if not dump.name.endswith(_DUMP_SUFFIX):
        return None
    index = dump.with_name(dump.name[: -len(_DUMP_SUFFIX)] + _INDEX_SUFFIX)
    return index if index.is_file() else None


def _sibling_dump(index: Path) -> Path | None:
    if not index.name.endswith(_INDEX_SUFFIX):
        return None
    return index.with_name(index.name[: -len(_INDEX_SUFFIX)] + _DUMP_SUFFIX)
