"""Is this page a film article? Cheap checks on the raw text, before anything is parsed.

A dump holds about 7 million articles and 2% of them are films: a page that cannot be a
film article — a redirect, a page of another namespace, a page whose text names no film
infobox anywhere — is refused here, by a few regular expressions, without building a
parse tree. The checks only ever refuse pages that parsing would refuse too (a film
infobox name in the text is necessary for a film infobox in the tree), and they give the
same messages, so the pre-filter changes how fast kg refuses, never what it refuses.
Whatever passes is parsed; :mod:`kg.extract` then finds the infobox in the tree and
refuses film-series pages.
"""

from __future__ import annotations

import re

from kg.errors import InputError, KgError, NotAFilmError, RedirectError
from kg.model import Page
from kg.titles import redirect_target

#: Names of the film infobox and its redirects (lower-case, as :func:`kg.wikitext.template_name` gives them).
FILM_INFOBOXES = ("infobox film", "infobox movie", "infobox feature film", "film infobox", "infobox films", "infobox short film")

# "{{Infobox film", "{{ template:Infobox_movie", "{{infobox  feature film|…": a template
# call whose name is one of FILM_INFOBOXES, spelt as MediaWiki allows (any case, and any
# run of "_" and Unicode spaces between words, as in a page title).
_FILM_INFOBOX_CALL = re.compile(
    r"\{\{[\s_]*(?:template[\s_]*:[\s_]*)?(?:%s)[\s_]*(?:\||\}\}|<!--|$)"
    % "|".join(r"[\s_]+".join(map(re.escape, name.split())) for name in FILM_INFOBOXES),
    re.I,
)
# Another infobox called (an article's own infobox sits at the start of a line: see
# _other_infoboxes). Searched for from its "{{", which the regex engine finds fast,
# rather than from every line start.
_OTHER_INFOBOX = re.compile(r"\{\{\s*(?:template\s*:\s*)?(infobox[ _][^|{}<\n]*?)\s*(?=\||\}\}|<!--|\n|$)", re.I)
# MediaWiki removes comments before it reads template names: "{{Infobox fi<!-- -->lm".
# Only a comment after a "{{" and before any "|", "{" or "}" can be inside a template's
# name, so only a text with one is read again without its comments.
_COMMENT_IN_A_NAME = re.compile(r"\{\{[^|{}]*<!--")
# Any wiki markup at all: templates, links, bold/italics, headings, lists, tags, tables.
WIKI_MARKUP = re.compile(r"\{\{|\[\[|''|^=+[^=\n]+=+\s*$|^[*#:;]|<\w+[^<>]*>|^\{\|", re.M)
# A page about several films uses the film infobox for the whole series.
SERIES_TITLE = re.compile(r"\((?:[^()]*\b)?(film series|franchise|trilogy|film trilogy|series of films)\)$", re.I)

PLAIN_TEXT = (
    "is plain text without wiki markup (a plain-text extract?): there is no infobox, cast list "
    "or table to read; export the article's wikitext (MediaWiki XML, API JSON with revisions, or .wiki)"
)
SERIES = "is about a film series, not a single film; export the articles of its films"
BROKEN_INFOBOX = "is not a film article as MediaWiki shows it: its {{Infobox film}} is not closed, so there is no infobox to read"


def classify(page: Page) -> KgError | None:
    """Why ``page`` cannot be a film article, or ``None`` when it may be one.

    In order: a redirect (:class:`RedirectError`, naming the target), a page outside
    the article namespace, a page without text, a page whose text calls no film
    infobox (:class:`NotAFilmError`, naming the infobox it has, or saying that it is a
    plain-text extract), and a film-series title.

    :param page: a page as read.
    :returns: the refusal (not raised), or ``None``.
    """
    at = page.where
    target = page.redirect or redirect_target(page.text)
    if target:
        return RedirectError(at, target)
    if page.ns != 0:
        return NotAFilmError(at, f"is not an article (namespace {page.ns}); only articles (namespace 0) describe films")
    if not page.text.strip():
        return InputError(at, "page has no wikitext")
    if page.format == "plaintext":
        return classify_plain_text(page)
    if not calls_film_infobox(page.text):
        return no_film_infobox(page, calls=False)
    if SERIES_TITLE.search(page.title):
        return NotAFilmError(at, SERIES)
    return None


# What a plain-text extract's first sentence says when the page is about a film:
# "X is a 1995 American drama film …", "… was a 1943 American 15-chapter theatrical serial".
_FILM_LEAD = re.compile(
    r"^[^\n]{0,300}?\b(?:is|was)\s+(?:an?|the)\s+(?:[^.\n]{0,160}?\s)?"
    r"(?:film|movie|motion picture|feature|documentary|serial|short)s?\b(?!\s+(?:series|franchise|trilogy|studio|company|director|festival|critic|score|soundtrack|award))",
    re.I,
)
SERIES_LEAD = re.compile(
    r"\b(?:is|are) an? (?:[^.]{0,80}?\b)?(?:film series|film franchise|media franchise|series of (?:[\w-]+ )*films|trilogy of films|film trilogy)\b",
    re.I,
)
PLAIN_NOT_A_FILM = "is a plain-text extract whose first sentence does not say that its subject is a film; only film articles are exported"


def classify_plain_text(page: Page) -> KgError | None:
    """Why a plain-text extract is not a film article's, or ``None``: its first sentence
    must say that the subject is a film ("X is a 1995 American drama film"), and not a
    film series."""
    head = page.text.lstrip()[:600]
    if SERIES_LEAD.search(head) or SERIES_TITLE.search(page.title):
        return NotAFilmError(page.where, SERIES)
    if not _FILM_LEAD.search(head):
        return NotAFilmError(page.where, PLAIN_NOT_A_FILM)
    return None


def calls_film_infobox(text: str) -> bool:
    """Whether the text calls a film infobox anywhere (comments aside, as MediaWiki reads it)."""
    if _FILM_INFOBOX_CALL.search(text):
        return True
    return "<!--" in text and bool(_COMMENT_IN_A_NAME.search(text)) and bool(_FILM_INFOBOX_CALL.search(without_comments(text)))


def without_comments(text: str) -> str:
    """The text without its HTML comments, as MediaWiki's preprocessor removes them (a
    comment never closed runs to the end of the text)."""
    parts = []
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        parts.append(text[pos:start])
        end = text.find("-->", start + 4)
        if end < 0:
            return "".join(parts)
        pos = end + 3
    parts.append(text[pos:])
    return "".join(parts)


def no_film_infobox(page: Page, calls: bool | None = None) -> NotAFilmError:
    """The refusal of a page without a film infobox: it names the page's own infobox, says
    that its film infobox is broken (called but never closed, so MediaWiki shows no
    infobox), or that the page is a plain-text extract when it has no markup at all."""
    if calls if calls is not None else calls_film_infobox(page.text):
        return NotAFilmError(page.where, BROKEN_INFOBOX)
    films = set(FILM_INFOBOXES)
    others = sorted(k for k in {_template_key(name) for name in _other_infoboxes(page.text)} if k not in films)
    if others:
        return NotAFilmError(page.where, f"is not a film article: no {{{{Infobox film}}}} (it has {{{{{others[0].capitalize()}}}}})")
    if not WIKI_MARKUP.search(page.text):
        return NotAFilmError(page.where, PLAIN_TEXT)
    return NotAFilmError(page.where, "is not a film article: no {{Infobox film}}")


def _other_infoboxes(text: str):
    """The names of the infoboxes called at the start of a line (after spaces or tabs)."""
    for m in _OTHER_INFOBOX.finditer(text):
        start = m.start()
        if not text[text.rfind("\n", 0, start) + 1 : start].strip(" \t"):
            yield m.group(1)


def _template_key(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).lower()
