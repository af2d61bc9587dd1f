"""Readers: inputs → :class:`~kg.model.Page` objects, recognised by *content*, never by name.

:data:`READERS` is the registry, tried in order; the first whose ``sniff`` accepts the
start of the (decompressed) content reads it. Compression (bzip2, gzip, xz) is
recognised once, by magic bytes, in :func:`kg.sources.input.open_input`, before any
reader sees the content.

Adding an input format is one module with a reader object (``name``, ``sniff(head)``,
``read(inp, title)`` yielding pages) and one entry in :data:`READERS`, before the
wikitext fallback.

Redirects are *not* raised here: :attr:`Page.redirect` is filled and the classifier
decides (:mod:`kg.classify`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import BinaryIO, Protocol

from kg.model import Page
from kg.sources import api_json, plaintext, wikitext, xml_dump
from kg.sources.input import HEAD_SIZE, Input, compression_of, decode_head, decompress_prefix, open_input

__all__ = ["READERS", "Reader", "detect_format", "iter_pages", "read_pages"]


class Reader(Protocol):
    """One input format."""

    #: the format's name, as :func:`detect_format` reports it
    name: str

    def sniff(self, head: str) -> bool:
        """Whether the decoded start of the content is this format."""

    def read(self, inp: Input, title: str | None) -> Iterator[Page]:
        """The pages of the input, in order; raises a :class:`~kg.errors.KgError` for bad input."""


#: The readers, in the order they are tried; the last accepts anything.
READERS: tuple[Reader, ...] = (api_json.READER, xml_dump.READER, plaintext.READER, wikitext.READER)


def reader_for(head: str) -> Reader:
    """The first reader of :data:`READERS` that accepts ``head``."""
    return next(r for r in READERS if r.sniff(head))


def detect_format(data: bytes) -> str:
    """Tell which kind of input some bytes are, from their content alone.

    Leading whitespace and a byte-order mark are skipped. Content whose first
    character is ``{`` (followed by ``"`` or ``}``) or ``[`` (followed by ``{``,
    ``"``, ``]`` or a number) is JSON — so wikitext starting with ``{{`` or ``[[`` is
    not mistaken for it; content starting with an XML declaration, a doctype, or a
    ``<mediawiki>`` / ``<page>`` element (optionally after XML comments) is XML; text
    without any wiki markup (headings as ``== Heading ==`` lines aside) is a plain-text
    extract; everything else is wikitext. bzip2, gzip and xz data are recognised by their
    magic bytes and classified by what they decompress to.

    :param data: the start of the input (the first 64 KiB are plenty).
    :returns: the reader's name: ``"api-json"``, ``"xml"``, ``"plaintext"`` (text without
        any wiki markup: a plain-text extract) or ``"wikitext"``.
    :raises: nothing.
    """
    kind = compression_of(data)
    if kind is not None:
        data = decompress_prefix(data, kind)
    return reader_for(decode_head(data[:HEAD_SIZE])).name


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
    :param title: the title of a raw-wikitext input. Without it the title comes from
        the file name; standard input in wikitext needs it. JSON and XML inputs carry
        their own titles (this one is only a fallback for a page without one).
    :param source: the name used in :attr:`Page.source` and in error messages;
        default the path as given, or ``"-"`` for standard input and streams.
    :param stdin: the binary stream read for ``"-"``; default ``sys.stdin.buffer``.
    :returns: an iterator of :class:`Page`, yielding at least one page or raising.
    :raises NotFoundError: the file does not exist or is a directory.
    :raises FormatError: the input is not UTF-8 (or UTF-16 with BOM) text, is
        malformed JSON or XML, is JSON or XML of another kind, is an API error
        response, is a damaged compressed file, or is named as compressed and is not.
    :raises MissingPageError: the input is empty, holds no pages, names a missing or
        invalid page, or holds a page without wikitext.
    :raises UsageError: standard input holds wikitext and no ``title`` was given.
    :raises InputError: the file cannot be read.
    """
    with open_input(path_or_stream, source=source, stdin=stdin) as inp:
        yield from reader_for(inp.head_text).read(inp, title)


def read_pages(
    path: str | os.PathLike[str] | None,
    *,
    title: str | None = None,
    stdin: BinaryIO | None = None,
) -> list[Page]:
    """Every page of an input, as a list: ``list(iter_pages(path, title=title, stdin=stdin))``.

    Pages of every namespace are returned (check :attr:`Page.ns`), and redirect pages
    are returned with :attr:`Page.redirect` set, never raised.
    """
    return list(iter_pages(path, title=title, stdin=stdin))
