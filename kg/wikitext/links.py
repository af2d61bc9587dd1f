"""Wikilinks: the page a link names, its section and the text it shows."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from mwparserfromhell.nodes import Wikilink
from mwparserfromhell.wikicode import Wikicode

from kg.titles import normalise_title
from kg.wikitext.parse import per_node, walk
from kg.wikitext.text import _is_file_or_category, clean_text

@dataclass(frozen=True, slots=True)
class Link:
    """A wikilink: its normalised target title, section (if any) and shown text (clean)."""

    title: str
    section: str | None
    text: str


def parse_link(link: Wikilink) -> Link | None:
    """The target and label of a wikilink, or ``None`` for files, categories, interwikis and same-page anchors.

    :param link: the wikilink node (read once per page: :func:`~kg.wikitext.parse.per_node`).
    """
    return per_node("link", link, _parse_link)


def _parse_link(link: Wikilink) -> Link | None:
    raw = str(link.title).strip()
    if "<!--" in raw:
        raw = re.sub(r"<!--.*?-->", "", raw, flags=re.S).strip()
    if "&" in raw:
        raw = html.unescape(raw).strip()
    if not raw or _is_file_or_category(raw):
        return None
    if raw.startswith(":"):
        raw = raw[1:]
    page, _, section = raw.partition("#")
    if not page.strip():
        return None  # [[#Section]]: a link within this article
    if ":" in page:
        prefix = page.split(":", 1)[0].strip().lower()
        # interwiki / other namespaces are not entities of this article
        if prefix in _NON_ARTICLE_PREFIXES or re.fullmatch(r"[a-z]{2,3}(-[a-z]+)?", prefix):
            return None
    title = normalise_title(page)
    if _INVALID_TITLE.search(title):
        return None  # "[[&#91;&#91;X]]": MediaWiki shows it as text, it links nothing
    shown = clean_text(link.text) if link.text is not None else clean_text(raw.replace("#", " "))
    if link.text is None and section:
        shown = clean_text(page)
    section = section.replace("_", " ").strip() or None
    return Link(title, section, shown)


# Characters a MediaWiki page title cannot hold.
_INVALID_TITLE = re.compile(r"[\[\]{}|<>\x00-\x1f\x7f\ufffd]")


_NON_ARTICLE_PREFIXES = frozenset(
    {
        "wikipedia", "wp", "wikt", "wiktionary", "help", "portal", "template", "user",
        "user talk", "talk", "special", "s", "q", "wikiquote", "wikisource", "commons",
        "c", "d", "wikidata", "mw", "meta", "m", "n", "b", "v", "voy", "species",
        "draft", "module", "mediawiki", "file talk", "category talk", "template talk",
    }
)


def links(code: Wikicode) -> Iterator[Link]:
    """Every article link in ``code`` (recursively, inside templates and tables too), in document order."""
    for node in walk(code, Wikilink):
        link = parse_link(node)
        if link is not None:
            yield link
