"""Parsing wikitext: MediaWiki's preprocessing of the text (:mod:`kg.wikitext.preprocess`),
what MediaWiki never reads as markup encoded (:func:`_defuse`), then mwparserfromhell's
tree, cached per page."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TypeVar

import mwparserfromhell
from mwparserfromhell.definitions import URI_SCHEMES
from mwparserfromhell.nodes import Tag
from mwparserfromhell.wikicode import Wikicode

from kg.wikitext.preprocess import preprocess

N = TypeVar("N")

# The HTML and extension tags MediaWiki renders as tags; any other "<word" is text.
_TAG_NAMES = (
    "br|ref|references|span|div|small|big|sup|sub|b|i|u|s|strike|center|font|nowiki|pre|p|code|abbr|"
    "math|chem|ce|gallery|includeonly|noinclude|onlyinclude|tt|em|strong|del|ins|blockquote|poem|score|"
    "syntaxhighlight|source|templatestyles|section|li|ul|ol|dl|dt|dd|table|tr|td|th|caption|hr|cite|q|"
    "var|kbd|samp|time|mark|ruby|rt|rp|bdi|bdo|wbr|h[1-6]|img|a|timeline|graph|mapframe|maplink|"
    "imagemap|inputbox|hiero|categorytree|indicator|charinsert|templatedata|data|dfn|s|rb|rtc"
)
# A "<" that opens no tag and no comment.
_NOT_A_TAG = re.compile(rf"<(?!!--|\s*/?\s*(?:{_TAG_NAMES})(?![\w-]))", re.I)
_EXTERNAL_OPEN = re.compile(r"\[(?=(?:(?:" + "|".join(sorted(URI_SCHEMES)) + r"):|//))", re.I)


def _defuse(text: str) -> str:
    """Text as MediaWiki reads it, with the markup it never treats as markup entity-encoded.

    A ``<`` that opens no known tag is text in MediaWiki, and an external link ``[url …]``
    must close on its own line, with the first ``[url`` before a ``]`` taking it.
    mwparserfromhell tries each such ``<`` and ``[url`` as a possible tag or link to the
    end of the text, which is quadratic on long runs of them; encoding them as ``&lt;``
    and ``&#91;`` keeps the same reading (entities render as the character) in linear time.
    """
    if "<" in text:
        text = _NOT_A_TAG.sub("&lt;", text)
    if "[" in text and _EXTERNAL_OPEN.search(text):
        lines = text.split("\n")
        for n, line in enumerate(lines):
            if not _EXTERNAL_OPEN.search(line):
                continue
            segments = line.split("]")
            for k, segment in enumerate(segments):
                opens = [m.start() for m in _EXTERNAL_OPEN.finditer(segment)]
                keep = opens[:1] if k < len(segments) - 1 else []
                for at in reversed([i for i in opens if i not in keep]):
                    segment = segment[:at] + "&#91;" + segment[at + 1 :]
                segments[k] = segment
            lines[n] = "]".join(segments)
        text = "\n".join(lines)
    return text


@dataclass(slots=True)
class PageScope:
    """What is remembered while one page is read: parse trees by text (a cell or a
    parameter value is looked at in several ways, and mwparserfromhell's tokenizer is
    slow on some broken markup) and table layouts (several extractors read the same
    tables). It belongs to the page, never to the module: see :func:`page_scope`."""

    trees: OrderedDict[str, Wikicode] = field(default_factory=OrderedDict)
    grids: dict[int, tuple[Tag, list]] = field(default_factory=dict)
    #: what a node reads as (every node under a tree, a wikilink's
    #: :class:`~kg.wikitext.links.Link`, a tree's clean text), by the node's id (with the
    #: node, which keeps the id its own): see :func:`per_node`
    nodes: dict[tuple[str, int], tuple[object, object]] = field(default_factory=dict)
    #: what a piece of wikitext reads as (its clean text), by the text: see :func:`per_text`
    texts: dict[tuple[str, str], object] = field(default_factory=dict)

    #: parse trees kept per page (the least recently used beyond this are forgotten)
    MAX_TREES = 2048


_SCOPE: ContextVar[PageScope | None] = ContextVar("kg_page_scope", default=None)


@contextmanager
def page_scope() -> Iterator[PageScope]:
    """Read one page with its own caches: within the ``with`` block :func:`parse` and
    :func:`table_grid` remember what they computed, and forget it when the block ends.

    The scope is a :class:`contextvars.ContextVar`, so each thread (and each asyncio
    task) reading a page has its own: extraction is re-entrant and thread-safe.
    Outside any scope nothing is cached.
    """
    token = _SCOPE.set(PageScope())
    try:
        yield _SCOPE.get()  # type: ignore[misc]
    finally:
        _SCOPE.reset(token)


def parse(text: str) -> Wikicode:
    """Parse wikitext into mwparserfromhell's Wikicode.

    Within a :func:`page_scope` the same text is tokenised once and the tree returned is
    shared, so it is read-only for callers.

    :param text: the wikitext.
    :returns: the parse tree; bad markup is never an error (it stays text).
    """
    scope = _SCOPE.get()
    if scope is None:
        return _parse(text)
    trees = scope.trees
    tree = trees.get(text)
    if tree is None:
        tree = trees[text] = _parse(text)
        if len(trees) > PageScope.MAX_TREES:
            trees.popitem(last=False)
    else:
        trees.move_to_end(text)
    return tree


def walk(code: Wikicode, kind: type[N]) -> list[N]:
    """The nodes of type ``kind`` anywhere under ``code`` (inside templates, links and tags
    too), in document order: what ``code.filter(recursive=True, forcetype=kind)`` gives.

    Within a :func:`page_scope` the tree is walked once, for all kinds together, however
    many times and for whatever kinds it is asked: an article's tree is looked through for
    templates, links, tags and tables by several extractors. Trees are read-only (see
    :func:`parse`), so the walk stays true.
    """
    if _SCOPE.get() is None:
        return [node for node in descendants(code) if isinstance(node, kind)]
    every, by_kind = per_node("walk", code, lambda c: (descendants(c), {}))
    found = by_kind.get(kind)
    if found is None:
        found = by_kind[kind] = [node for node in every if isinstance(node, kind)]
    return list(found)


def descendants(code: Wikicode) -> list:
    """Every node under ``code``, in document order: each node, then the nodes of its
    children (a template's name and parameters, a link's title and text, a tag's
    attributes and contents) — the order of ``code.filter(recursive=True)``, without its
    generators (it is the hot loop of reading an article)."""
    out: list = []
    append = out.append

    def visit(nodes) -> None:
        for node in nodes:
            append(node)
            for child in node.__children__():
                visit(child.nodes)

    visit(code.nodes)
    return out


def per_node(kind: str, node: object, compute: Callable[[object], N]) -> N:
    """``compute(node)``, computed once per node within a :func:`page_scope` (every time
    outside one): the same link of a tree is read by several extractors. ``kind`` names
    the computation; trees are read-only (see :func:`parse`), so the value stays true."""
    scope = _SCOPE.get()
    if scope is None:
        return compute(node)
    key = (kind, id(node))
    entry = scope.nodes.get(key)
    if entry is None or entry[0] is not node:
        entry = scope.nodes[key] = (node, compute(node))
    return entry[1]  # type: ignore[return-value]


def per_text(kind: str, text: str, compute: Callable[[str], N]) -> N:
    """``compute(text)``, computed once per text within a :func:`page_scope` (every time
    outside one): extractors clean the same cell or item text several times."""
    scope = _SCOPE.get()
    if scope is None:
        return compute(text)
    key = (kind, text)
    value = scope.texts.get(key, _MISSING)
    if value is _MISSING:
        value = scope.texts[key] = compute(text)
    return value  # type: ignore[return-value]


_MISSING = object()


def _parse(text: str) -> Wikicode:
    # mwparserfromhell's tokenizer stops at a NUL character: keep the rest of the article
    return mwparserfromhell.parse(_defuse(preprocess(text.replace("\x00", "\ufffd"))), skip_style_tags=True)
