"""Read inputs into :class:`~kg.model.Page` objects.

An input is recognised by its *content*, never by its file name:

* **MediaWiki API JSON** — ``action=query&prop=revisions`` (legacy form, where
  ``query.pages`` is an object keyed by page id and the content sits under
  ``"*"``, and ``formatversion=2``, where ``query.pages`` is a list and the
  content sits at ``revisions[0].slots.main.content``) or ``action=parse`` with
  ``prop=wikitext``;
* a **MediaWiki XML export or dump** (``<mediawiki>`` with the export namespace,
  any schema version) or a bare ``<page>`` element, read as a stream so that a
  multi-gigabyte dump needs constant memory; bzip2, gzip and xz compressed files
  are recognised by their magic bytes;
* **raw wikitext** — anything else that decodes as text.

Redirects are *not* raised here: :attr:`Page.redirect` is filled and the caller
decides (usually by raising :class:`~kg.errors.RedirectError`).

:func:`normalise_title` is the one place where titles are normalised; other
modules import it from here.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import html
import io
import json
import lzma
import os
import re
import sys
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO
from urllib.parse import unquote

from kg.errors import FormatError, InputError, MissingPageError, NotFoundError
from kg.model import Page

__all__ = [
    "detect_format",
    "iter_pages",
    "normalise_title",
    "read_pages",
    "redirect_target",
]

#: How many bytes are read ahead to recognise compression and format.
_HEAD_SIZE = 64 * 1024
#: Chunk size of streaming reads.
_CHUNK = 64 * 1024

_COMPRESSION_MAGIC = (
    (b"BZh", "bzip2"),
    (b"\x1f\x8b", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
)
_COMPRESSED_SUFFIXES = (".bz2", ".gz", ".xz")
#: File-name extensions dropped when a title is taken from a file name.
_TEXT_SUFFIXES = frozenset(
    {".wiki", ".wikitext", ".mediawiki", ".mw", ".txt", ".text", ".md", ".xml", ".json", ".src"}
)

_NO_PAGES = "holds no pages"
_NOT_API = "is JSON but not a MediaWiki API response (expected query.pages or parse.wikitext)"
_REVISIONS_HINT = "prop=revisions&rvprop=content|ids|timestamp&rvslots=main"

# --------------------------------------------------------------------------- titles

_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _decode_entities(text: str) -> str:
    """Decode HTML character references that end in ``;`` until none is left."""
    while True:
        decoded = _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)
        if decoded == text:
            return text
        text = decoded


def normalise_title(title: str) -> str:
    """Return the canonical form of a page title, the way MediaWiki stores it.

    HTML character references (``&amp;``, ``&#39;`` …) are decoded, a ``#fragment``
    is removed, underscores become spaces, runs of whitespace collapse to one space,
    leading and trailing whitespace and any leading ``:`` are dropped, and the first
    character is upper-cased (Unicode-aware; a character whose upper case is more
    than one character, such as ``ß``, is kept). The rest of the title is left alone.
    The function is idempotent.

    :param title: a title as found in a link, a file name, an API response or a dump.
    :returns: the normalised title; the empty string when nothing is left (e.g. for
        ``"#Section"``).
    :raises: nothing.
    """
    text = _decode_entities(title)
    text = text.split("#", 1)[0]
    text = " ".join(text.replace("_", " ").split())
    while text.startswith(":"):
        text = text[1:].strip()
    if text:
        first = text[0].upper()
        if len(first) == 1:
            text = first + text[1:]
    return text


_REDIRECT_WORDS = (
    "REDIRECT",
    "WEITERLEITUNG",
    "REDIRECTION",
    "REDIRECCIÓN",
    "REDIRECCION",
    "RINVIA",
    "RINVIO",
    "DOORVERWIJZING",
    "REDIRECIONAMENTO",
    "REDIRECIONA",
    "OMDIRIGERING",
    "PATRZ",
    "PRZEKIERUJ",
    "TAM",
    "ПЕРЕНАПРАВЛЕНИЕ",
    "ПЕРЕНАПР",
    "重定向",
    "転送",
    "リダイレクト",
)
_REDIRECT_RE = re.compile(
    r"\A\s*#(?:%s)\s*:?\s*\[\[([^\[\]{}<>|\n]*)(?:\|[^\]\n]*)?\]\]"
    % "|".join(re.escape(w) for w in _REDIRECT_WORDS),
    re.IGNORECASE,
)


def strip_disambiguator(title: str) -> str:
    """A title without its parenthesised disambiguator: "Heat (1995 film)" → "Heat".

    :param title: a page title.
    :returns: the title itself when it has no disambiguator (or would be left empty).
    """
    return re.sub(r"\s*\([^()]*\)$", "", title).strip() or title


def redirect_target(text: str) -> str | None:
    """Return the target of a redirect page, or ``None`` when the text is no redirect.

    A redirect is wikitext that starts (after optional whitespace) with
    ``#REDIRECT [[Target]]``; the magic word is matched case-insensitively and its
    common localisations (``#WEITERLEITUNG``, ``#REDIRECTION`` …) are accepted, as are
    ``#REDIRECT:[[…]]`` and ``#REDIRECT[[Target#Section|label]]``.

    :param text: the wikitext of a page.
    :returns: the target title, normalised with :func:`normalise_title` (so without
        the fragment), or ``None`` when the text is not a redirect or the target is
        empty (``[[#Section]]``).
    :raises: nothing.
    """
    match = _REDIRECT_RE.match(text)
    if match is None:
        return None
    return normalise_title(match.group(1)) or None


def _title_from_name(source: str, *, normalise: bool = True) -> str:
    """The title a file name stands for: ``X-Men%3A_First_Class.wiki`` → ``X-Men: First Class``."""
    name = os.path.basename(source.rstrip("/" + os.sep))
    lower = name.lower()
    for suffix in _COMPRESSED_SUFFIXES:
        if lower.endswith(suffix):
            name = name[: -len(suffix)]
            break
    root, ext = os.path.splitext(name)
    if ext.lower() in _TEXT_SUFFIXES:
        name = root
    return normalise_title(unquote(name)) if normalise else unquote(name)


# --------------------------------------------------------------------------- bytes

def _compression_of(data: bytes) -> str | None:
    for magic, kind in _COMPRESSION_MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _decompress_prefix(data: bytes, kind: str) -> bytes:
    """Up to :data:`_HEAD_SIZE` bytes of the decompressed start of ``data`` (best effort)."""
    try:
        if kind == "bzip2":
            return bz2.BZ2Decompressor().decompress(data, max_length=_HEAD_SIZE)
        if kind == "gzip":
            return zlib.decompressobj(wbits=31).decompress(data, _HEAD_SIZE)
        return lzma.LZMADecompressor().decompress(data, max_length=_HEAD_SIZE)
    except (OSError, EOFError, ValueError, lzma.LZMAError, zlib.error):
        return b""


def _is_utf16(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def _decode_head(data: bytes) -> str:
    """Decode the start of an input leniently, for recognising its format only."""
    if _is_utf16(data):
        return data[: len(data) // 2 * 2].decode("utf-16", "replace")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    return data.decode("utf-8", "replace")


def _decode(data: bytes, source: str) -> str:
    """Decode a whole input (UTF-8, with or without BOM, or UTF-16 with BOM)."""
    if _is_utf16(data):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise FormatError(source, f"is not UTF-16 text (invalid bytes at offset {exc.start})") from None
    else:
        base = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        try:
            text = data[base:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _not_utf8(source, exc.object[exc.start], base + exc.start) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _not_utf8(source: str, byte: int, offset: int) -> FormatError:
    return FormatError(source, f"is not UTF-8 text (invalid byte 0x{byte:02x} at offset {offset})")


_XML_START_RE = re.compile(
    r"(?:<\?xml\b|<!DOCTYPE\b|(?:<!--.*?-->\s*)*<(?:[\w.-]+:)?(?:mediawiki|page)(?=[\s/>]))",
    re.DOTALL,
)


def _classify(text: str) -> str:
    """Format of decoded content: ``api-json``, ``xml`` or ``wikitext``."""
    text = text.lstrip("\ufeff \t\r\n")
    first = text[:1]
    following = text[1:].lstrip(" \t\r\n")[:1]
    if first == "{" and following in ("", '"', "'", "}"):
        return "api-json"
    if first == "[" and (following in ("", "{", '"', "]", "-") or following.isdigit()):
        return "api-json"
    if first == "<" and _XML_START_RE.match(text):
        return "xml"
    return "wikitext"


def detect_format(data: bytes) -> str:
    """Tell which kind of input some bytes are, from their content alone.

    Leading whitespace and a byte-order mark are skipped. Content whose first
    character is ``{`` (followed by ``"`` or ``}``) or ``[`` (followed by ``{``,
    ``"``, ``]`` or a number) is JSON — so wikitext starting with ``{{`` or ``[[`` is
    not mistaken for it; content starting with an XML declaration, a doctype, or a
    ``<mediawiki>`` / ``<page>`` element (optionally after XML comments) is XML;
    everything else is wikitext. bzip2, gzip and xz data are recognised by their
    magic bytes and classified by what they decompress to.

    :param data: the start of the input (the first 64 KiB are plenty).
    :returns: ``"api-json"``, ``"xml"`` or ``"wikitext"``. Whether the content is
        really a MediaWiki API response, a MediaWiki export or valid text is only
        found out when it is read (:func:`iter_pages`).
    :raises: nothing.
    """
    kind = _compression_of(data)
    if kind is not None:
        data = _decompress_prefix(data, kind)
    return _classify(_decode_head(data[:_HEAD_SIZE]))


class _Reader(io.RawIOBase):
    """A read-only stream that replays ``prefix`` and then reads ``stream``.

    With ``check_utf8`` it also validates what passes through as UTF-8 and raises a
    :class:`FormatError` with the offset of the first invalid byte.
    """

    def __init__(self, prefix: bytes, stream: Any, source: str, check_utf8: bool = False) -> None:
        super().__init__()
        self._prefix = prefix
        self._stream = stream
        self._source = source
        self._decoder = codecs.getincrementaldecoder("utf-8")() if check_utf8 else None
        self._offset = 0  # bytes handed to the decoder so far

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            data = self._prefix + self._stream.read()
            self._prefix = b""
        elif self._prefix:
            data, self._prefix = self._prefix[:size], self._prefix[size:]
        else:
            data = self._stream.read(size)
        if self._decoder is not None:
            self._check(data)
        return data

    def _check(self, data: bytes) -> None:
        assert self._decoder is not None
        pending = self._decoder.getstate()[0]
        try:
            self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise _not_utf8(
                self._source, exc.object[exc.start], self._offset - len(pending) + exc.start
            ) from None
        self._offset += len(data)


def _read_upto(stream: Any, size: int) -> bytes:
    """Read ``size`` bytes, or fewer only at the end of the stream."""
    parts: list[bytes] = []
    want = size
    while want > 0:
        chunk = stream.read(want)
        if not chunk:
            break
        parts.append(chunk)
        want -= len(chunk)
    return b"".join(parts)


def _read_rest(stream: Any) -> bytes:
    parts: list[bytes] = []
    while chunk := stream.read(_CHUNK):
        parts.append(chunk)
    return b"".join(parts)


class _Input:
    """An opened input: a binary stream plus what is needed to report errors."""

    def __init__(self, stream: Any, source: str) -> None:
        self.stream = stream
        self.source = source
        self.compression: str | None = None

    def io_error(self, exc: BaseException) -> InputError:
        if self.compression is not None:
            return FormatError(self.source, f"is not a valid {self.compression} file ({exc})")
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return InputError(self.source, f"cannot be read ({reason})")


_IO_ERRORS = (OSError, EOFError, lzma.LZMAError, zlib.error)


def _open_path(path: str, source: str) -> BinaryIO:
    try:
        if os.path.isdir(path):
            raise NotFoundError(source, "is a directory, not a file")
        return open(path, "rb")  # noqa: SIM115 - closed by iter_pages
    except (FileNotFoundError, NotADirectoryError):
        raise NotFoundError(source, "no such file") from None
    except IsADirectoryError:
        raise NotFoundError(source, "is a directory, not a file") from None
    except PermissionError:
        raise InputError(source, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise InputError(source, f"cannot be read ({exc.strerror or exc})") from None


# --------------------------------------------------------------------------- public API

def read_pages(
    path: str | os.PathLike[str] | None,
    *,
    title: str | None = None,
    stdin: BinaryIO | None = None,
) -> list[Page]:
    """Read every page of an input file (or standard input) into a list.

    The format is recognised from the content (see :func:`detect_format`); this is
    ``list(iter_pages(path, title=title, stdin=stdin))``. Pages come in input order;
    pages of every namespace are returned (check :attr:`Page.ns`), and redirect pages
    are returned with :attr:`Page.redirect` set, never raised.

    :param path: the file to read, as the user gave it (it becomes
        :attr:`Page.source`); ``"-"`` or ``None`` reads ``stdin``.
    :param title: the title of a raw-wikitext input. Without it the title comes from
        the file name (``X-Men%3A_First_Class.wiki`` → "X-Men: First Class"); standard
        input in wikitext needs it. JSON and XML inputs carry their own titles (this
        one is only a fallback for a page without one).
    :param stdin: the binary stream read for ``"-"``; default ``sys.stdin.buffer``.
    :returns: the pages, at least one.
    :raises NotFoundError: the file does not exist or is a directory.
    :raises FormatError: the input is not UTF-8 (or UTF-16 with BOM) text, is
        malformed JSON or XML, is JSON or XML of another kind, is an API error
        response, or is a damaged compressed file.
    :raises MissingPageError: the input is empty, holds no pages, names a missing or
        invalid page, or holds a page without wikitext.
    :raises InputError: the file cannot be read, or standard input holds wikitext and
        no ``title`` was given.
    """
    return list(iter_pages(path, title=title, stdin=stdin))


def iter_pages(
    path_or_stream: str | os.PathLike[str] | BinaryIO | None,
    *,
    title: str | None = None,
    source: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Page]:
    """Yield the pages of an input one at a time, reading XML dumps as a stream.

    An XML dump (plain, bzip2, gzip or xz) is parsed incrementally and each
    ``<page>`` is discarded once yielded, so memory stays constant however large the
    dump is; JSON and wikitext inputs are read whole. Nothing is opened before the
    first ``next()``; errors are raised from the iteration, possibly after some
    pages of a dump have been yielded (e.g. when the dump is truncated).

    :param path_or_stream: a file path as the user gave it, ``"-"`` or ``None`` for
        standard input, or an open binary stream (left open).
    :param title: the title of a raw-wikitext input (see :func:`read_pages`).
    :param source: the name used in :attr:`Page.source` and in error messages;
        default the path as given, or ``"-"`` for standard input and streams. For a
        wikitext stream without ``title`` the title is taken from this name.
    :param stdin: the binary stream read for ``"-"``; default ``sys.stdin.buffer``.
    :returns: an iterator of :class:`Page`, yielding at least one page or raising.
    :raises NotFoundError, FormatError, MissingPageError, InputError: as
        :func:`read_pages`.
    """
    close = False
    if path_or_stream is None or (isinstance(path_or_stream, str) and path_or_stream == "-"):
        src = source if source is not None else "-"
        stream: Any = stdin
        if stream is None:
            if sys.stdin is None:
                raise InputError(src, "standard input is not available")
            stream = getattr(sys.stdin, "buffer", sys.stdin)
    elif hasattr(path_or_stream, "read"):
        src = source if source is not None else "-"
        stream = path_or_stream
    else:
        path = os.fsdecode(os.fspath(path_or_stream))  # type: ignore[arg-type]
        src = source if source is not None else path
        stream = _open_path(path, src)
        close = True
    if isinstance(stream, io.TextIOBase):
        stream = stream.buffer
    try:
        yield from _iter_input(_Input(stream, src), title)
    finally:
        if close:
            stream.close()


def _iter_input(inp: _Input, title: str | None) -> Iterator[Page]:
    try:
        head = _read_upto(inp.stream, _HEAD_SIZE)
        kind = _compression_of(head)
        if kind is not None:
            inp.compression = kind
            raw = _Reader(head, inp.stream, inp.source)
            if kind == "bzip2":
                inp.stream = bz2.BZ2File(raw)
            elif kind == "gzip":
                inp.stream = gzip.GzipFile(fileobj=raw, mode="rb")
            else:
                inp.stream = lzma.LZMAFile(raw)
            head = _read_upto(inp.stream, _HEAD_SIZE)
    except _IO_ERRORS as exc:
        raise inp.io_error(exc) from None
    at_end = len(head) < _HEAD_SIZE
    start = _decode_head(head)
    if at_end and not start.strip():
        raise MissingPageError(inp.source, "is empty")
    fmt = _classify(start)
    if fmt == "xml":
        reader = _Reader(head, inp.stream, inp.source, check_utf8=not _is_utf16(head))
        yield from _iter_xml(reader, inp, title)
        return
    try:
        data = head if at_end else head + _read_rest(inp.stream)
    except _IO_ERRORS as exc:
        raise inp.io_error(exc) from None
    text = _decode(data, inp.source)
    if fmt == "api-json":
        yield from _iter_api(text, inp.source, title)
    else:
        yield _wikitext_page(text, inp.source, title)


# --------------------------------------------------------------------------- wikitext

def _wikitext_page(text: str, source: str, title: str | None) -> Page:
    if text.startswith("\ufeff"):
        text = text[1:]
    if title:
        given = title
        name = normalise_title(title)
        if not name:
            raise InputError(source, f'title "{title}" is empty once normalised')
    elif source == "-":
        raise InputError(source, "reading standard input needs --title")
    else:
        given = _title_from_name(source, normalise=False)
        name = normalise_title(given)
        if not name:
            raise InputError(source, "gives no title from its file name; pass --title")
    warnings: tuple[str, ...] = ()
    if "#" in _decode_entities(given):
        section = _decode_entities(given).split("#", 1)[1]
        warnings = (f'title: "#{section}" is a section link, not part of a page title; the page is "{name}"',)
    return Page(title=name, text=text, source=source, redirect=redirect_target(text), warnings=warnings)


# --------------------------------------------------------------------------- API JSON

def _int(value: Any) -> int | None:
    """An id as an int: the API gives ints, some tools give digit strings."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def _iter_api(text: str, source: str, title: str | None) -> Iterator[Page]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(
            source, f"is not valid JSON (line {exc.lineno} column {exc.colno}: {exc.msg})"
        ) from None
    if not isinstance(data, dict):
        raise FormatError(source, _NOT_API)
    _raise_api_error(data, source)
    if "parse" in data:
        yield _parse_page(data["parse"], source, title)
        return
    if "query" not in data and "batchcomplete" not in data:
        raise FormatError(source, _NOT_API)
    query = data.get("query")
    if query is not None and not isinstance(query, dict):
        raise FormatError(source, _NOT_API)
    pages = (query or {}).get("pages")
    if isinstance(pages, dict):
        pages = list(pages.values())
    if pages is not None and not isinstance(pages, list):
        raise FormatError(source, _NOT_API)
    if not pages:
        raise MissingPageError(source, _NO_PAGES)
    requested = _requested_titles(query or {})
    for page in pages:
        if not isinstance(page, dict):
            raise FormatError(source, _NOT_API)
        yield _query_page(page, requested, source, title)


def _raise_api_error(data: dict[str, Any], source: str) -> None:
    error = data.get("error")
    if error is None and isinstance(data.get("errors"), list) and data["errors"]:
        error = data["errors"][0]  # errorformat=plaintext|wikitext|html
    if error is None:
        return
    if isinstance(error, dict):
        info = error.get("info") or error.get("text") or error.get("html") or error.get("*") or ""
        code = error.get("code")
    else:
        info, code = error, None
    message = f'is a MediaWiki API error response: "{_one_line(info)}"'
    if code:
        message += f" ({_one_line(code)})"
    raise FormatError(source, message)


def _requested_titles(query: dict[str, Any]) -> dict[str, str]:
    """Map a final title back to the title that was requested (through redirects and normalisation)."""
    def pairs(key: str) -> dict[str, str]:
        items = query.get(key)
        if not isinstance(items, list):
            return {}
        return {
            str(item["to"]): str(item["from"])
            for item in items
            if isinstance(item, dict) and "from" in item and "to" in item
        }

    redirected, normalised, converted = pairs("redirects"), pairs("normalized"), pairs("converted")
    back: dict[str, str] = {}
    for final in set(redirected) | set(normalised) | set(converted):
        step = redirected.get(final, final)
        step = converted.get(step, step)
        back[final] = normalised.get(step, step)
    return back


def _flag(page: dict[str, Any], key: str) -> bool:
    """Legacy API flags are ``""`` when set; formatversion=2 flags are ``true``."""
    return key in page and page[key] is not False and page[key] is not None


def _query_page(page: dict[str, Any], requested: dict[str, str], source: str, title: str | None) -> Page:
    raw_title = page.get("title")
    if _flag(page, "invalid"):
        reason = page.get("invalidreason")
        message = f'title "{raw_title}" is invalid'
        raise MissingPageError(source, message + (f" ({_one_line(reason)})" if reason else ""))
    if _flag(page, "missing"):
        if isinstance(raw_title, str):
            name = f'page "{requested.get(raw_title, raw_title)}"'
        else:
            name = f"page id {page.get('pageid')}"
        raise MissingPageError(source, f"{name} does not exist on the wiki (the API reports it missing)")
    name = normalise_title(raw_title) if isinstance(raw_title, str) else ""
    if not name:
        name = normalise_title(title) if title else ""
    if not name:
        raise FormatError(source, "holds a page without a title")
    text, revision = _revision_content(page)
    if text is None:
        raise MissingPageError(
            source,
            f'page "{name}" has no wikitext (the response holds no revision content;'
            f" request it with {_REVISIONS_HINT})",
        )
    text = text.replace("\r\n", "\n")
    timestamp = revision.get("timestamp")
    return Page(
        title=name,
        text=text,
        source=source,
        revid=_int(revision.get("revid")),
        timestamp=timestamp if isinstance(timestamp, str) else None,
        pageid=_int(page.get("pageid")),
        ns=_int(page.get("ns")) or 0,
        redirect=redirect_target(text),
    )


def _revision_content(page: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    revisions = page.get("revisions")
    if not isinstance(revisions, list) or not revisions or not isinstance(revisions[0], dict):
        return None, {}
    revision = revisions[0]
    slots = revision.get("slots")
    if isinstance(slots, dict) and isinstance(slots.get("main"), dict):
        main = slots["main"]
        content = main.get("content", main.get("*"))
    else:
        content = revision.get("content", revision.get("*"))
    return (content if isinstance(content, str) else None), revision


def _parse_page(parse: Any, source: str, title: str | None) -> Page:
    if not isinstance(parse, dict):
        raise FormatError(source, _NOT_API)
    raw_title = parse.get("title")
    name = normalise_title(raw_title) if isinstance(raw_title, str) else ""
    if not name:
        name = normalise_title(title) if title else ""
    if not name:
        raise FormatError(source, "holds a page without a title")
    wikitext = parse.get("wikitext")
    if isinstance(wikitext, dict):
        wikitext = wikitext.get("*")
    if not isinstance(wikitext, str):
        raise MissingPageError(
            source, f'page "{name}" has no wikitext (request it with action=parse&prop=wikitext)'
        )
    wikitext = wikitext.replace("\r\n", "\n")
    return Page(
        title=name,
        text=wikitext,
        source=source,
        revid=_int(parse.get("revid")),
        pageid=_int(parse.get("pageid")),
        redirect=redirect_target(wikitext),
    )


# --------------------------------------------------------------------------- XML

def _local(tag: Any) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _child(elem: ET.Element, name: str) -> ET.Element | None:
    for child in elem:
        if _local(child.tag) == name:
            return child
    return None


def _child_text(elem: ET.Element, name: str) -> str | None:
    child = _child(elem, name)
    return None if child is None else (child.text or "")


_EXPAT_POSITION_RE = re.compile(r":? line \d+, column \d+$")


def _iter_xml(reader: _Reader, inp: _Input, title: str | None) -> Iterator[Page]:
    source = inp.source
    stack: list[ET.Element] = []
    revision: tuple[str | None, str | None, str | None, bool] | None = None
    count = 0
    try:
        for event, elem in ET.iterparse(reader, events=("start", "end")):
            name = _local(elem.tag)
            if event == "start":
                if not stack and name not in ("mediawiki", "page"):
                    raise FormatError(
                        source,
                        f"is XML but not a MediaWiki export (root element <{name}>,"
                        " expected <mediawiki> or <page>)",
                    )
                if name == "page":
                    revision = None
                stack.append(elem)
                continue
            stack.pop()
            parent = stack[-1] if stack else None
            parent_name = _local(parent.tag) if parent is not None else None
            if name == "revision" and parent_name == "page":
                assert parent is not None
                text_elem = _child(elem, "text")
                revision = (
                    _child_text(elem, "id"),
                    _child_text(elem, "timestamp"),
                    None if text_elem is None else (text_elem.text or ""),
                    text_elem is not None and "deleted" in text_elem.attrib,
                )
                parent.remove(elem)  # keep only the latest revision's data (history dumps)
            elif name == "page" and parent_name in (None, "mediawiki"):
                count += 1
                yield _xml_page(elem, revision, count, source, title)
                if parent is not None:
                    parent.remove(elem)
                else:
                    elem.clear()
            elif parent_name == "mediawiki":
                assert parent is not None
                parent.remove(elem)  # <siteinfo> and the like
    except ET.ParseError as exc:
        line, column = exc.position
        message = _EXPAT_POSITION_RE.sub("", str(exc))
        raise FormatError(
            source, f"is not well-formed XML (line {line} column {column + 1}: {message})"
        ) from None
    except _IO_ERRORS as exc:
        raise inp.io_error(exc) from None
    if count == 0:
        raise MissingPageError(source, _NO_PAGES)


def _xml_page(
    elem: ET.Element,
    revision: tuple[str | None, str | None, str | None, bool] | None,
    number: int,
    source: str,
    fallback_title: str | None,
) -> Page:
    raw_title = _child_text(elem, "title")
    name = normalise_title(raw_title) if raw_title else ""
    if not name and fallback_title:
        name = normalise_title(fallback_title)
    if not name:
        raise FormatError(source, f"page {number} has no <title>")
    if revision is None or revision[2] is None:
        raise MissingPageError(source, f'page "{name}" has no revision text')
    revid, timestamp, text, deleted = revision
    assert text is not None
    if deleted:
        raise MissingPageError(source, f'page "{name}" has no revision text (it is deleted)')
    redirect = None
    redirect_elem = _child(elem, "redirect")
    if redirect_elem is not None:
        redirect = normalise_title(redirect_elem.get("title", "")) or None
    if redirect is None:
        redirect = redirect_target(text)
    ns_text = _child_text(elem, "ns")
    return Page(
        title=name,
        text=text,
        source=source,
        revid=_int(revid),
        timestamp=timestamp or None,
        pageid=_int(_child_text(elem, "id")),
        ns=_int(ns_text) or 0,
        redirect=redirect,
    )
