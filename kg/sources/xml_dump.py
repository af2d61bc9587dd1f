"""MediaWiki XML exports and dumps (``<mediawiki>`` with the export namespace, any
schema version) and bare ``<page>`` elements, read as a stream: each ``<page>`` is
discarded once yielded, so a multi-gigabyte dump needs constant memory. Of a history
dump only each page's latest revision is kept.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import BinaryIO

from kg.errors import FormatError, MissingPageError
from kg.model import Page
from kg.sources.api_json import as_int
from kg.sources.input import IO_ERRORS, Input
from kg.titles import normalise_title, redirect_target

_XML_START_RE = re.compile(
    r"(?:<\?xml\b|<!DOCTYPE\b|(?:<!--.*?-->\s*)*<(?:[\w.-]+:)?(?:mediawiki|page)(?=[\s/>]))",
    re.DOTALL,
)
_EXPAT_POSITION_RE = re.compile(r":? line \d+, column \d+$")

_Revision = tuple[str | None, str | None, str | None, bool]


class XmlDumpReader:
    """Reads MediaWiki XML; one :class:`Page` per ``<page>``, in dump order."""

    name = "xml"

    def sniff(self, head: str) -> bool:
        """An XML declaration, a doctype, or a ``<mediawiki>`` / ``<page>`` element
        (optionally after XML comments)."""
        text = head.lstrip("\ufeff \t\r\n")
        return text[:1] == "<" and bool(_XML_START_RE.match(text))

    def read(self, inp: Input, title: str | None) -> Iterator[Page]:
        count = 0
        try:
            for page in parse_pages(inp.replay(check_utf8=True), inp.source, title):
                count += 1
                yield page
        except IO_ERRORS as exc:
            raise inp.io_error(exc) from None
        if count == 0:
            raise MissingPageError(inp.source, "holds no pages")


def parse_pages(stream: BinaryIO, source: str, title: str | None = None) -> Iterator[Page]:
    """The pages of MediaWiki XML read incrementally from a binary stream, in order.

    The document's root must be ``<mediawiki>`` (whose ``<siteinfo>`` and other
    non-page children are skipped) or a bare ``<page>``; each ``<page>`` is discarded
    once yielded. Yields nothing for a ``<mediawiki>`` without pages (the caller decides
    whether that is an error).

    :param stream: the XML (bytes), read to its end.
    :param source: the input's name, for :attr:`Page.source` and messages.
    :param title: the title of a page without one (a fallback).
    :raises FormatError: the XML is malformed, is not a MediaWiki export, or a page has
        no title.
    :raises MissingPageError: a page has no (or deleted) revision text.
    """
    stack: list[ET.Element] = []
    revision: _Revision | None = None
    count = 0
    try:
        for event, elem in ET.iterparse(stream, events=("start", "end")):
            name = _local(elem.tag)
            if event == "start":
                if not stack and name not in ("mediawiki", "page"):
                    raise FormatError(
                        source,
                        f"is XML but not a MediaWiki export (root element <{name}>, expected <mediawiki> or <page>)",
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
        raise FormatError(source, f"is not well-formed XML (line {line} column {column + 1}: {message})") from None


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _child(elem: ET.Element, name: str) -> ET.Element | None:
    for child in elem:
        if _local(child.tag) == name:
            return child
    return None


def _child_text(elem: ET.Element, name: str) -> str | None:
    child = _child(elem, name)
    return None if child is None else (child.text or "")


def _xml_page(elem: ET.Element, revision: _Revision | None, number: int, source: str, fallback_title: str | None) -> Page:
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
    return Page(
        title=name,
        text=text,
        source=source,
        revid=as_int(revid),
        timestamp=timestamp or None,
        pageid=as_int(_child_text(elem, "id")),
        ns=as_int(_child_text(elem, "ns")) or 0,
        redirect=redirect,
    )


READER = XmlDumpReader()
