"""MediaWiki page-title rules: the one place titles are normalised.

What DBpedia's ``WikiTitle.scala`` does for the extraction framework: a title as a
link, a file name, an API response or a dump writes it becomes the title MediaWiki
stores (:func:`normalise_title`); a disambiguator can be dropped for display
(:func:`strip_disambiguator`); a redirect page names its target (:func:`redirect_target`).
Every other module imports these from here; nothing here imports another kg module.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

__all__ = ["decode_entities", "normalise_title", "redirect_target", "strip_disambiguator"]

_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def decode_entities(text: str) -> str:
    """Decode HTML character references that end in ``;`` until none is left.

    :param text: any text.
    :returns: the text with ``&amp;``, ``&#39;``, ``&#x2013;`` … replaced by their characters.
    """
    while True:
        decoded = _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)
        if decoded == text:
            return text
        text = decoded


@lru_cache(maxsize=65536)  # pure, and asked about the same titles many times a page
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
    text = decode_entities(title)
    text = text.split("#", 1)[0]
    text = " ".join(text.replace("_", " ").split())
    while text.startswith(":"):
        text = text[1:].strip()
    if text:
        first = text[0].upper()
        if len(first) == 1:
            text = first + text[1:]
    return text


def strip_disambiguator(title: str) -> str:
    """A title without its parenthesised disambiguator: "Heat (1995 film)" → "Heat".

    :param title: a page title.
    :returns: the title itself when it has no disambiguator (or would be left empty).
    """
    return re.sub(r"\s*\([^()]*\)$", "", title).strip() or title


def spells_title(shown: str, title: str) -> bool:
    """Whether a link's label is its page's name with a lower-case first letter, as the
    name is spelt ("[[Bell hooks|bell hooks]]", "[[K.d. lang|k.d. lang]]"): a title's first
    letter is upper case by MediaWiki's convention ($wgCapitalLinks), not by spelling. A
    label that starts with an article ("[[The Revolution (band)|the Revolution]]") is prose
    capitalisation, not a spelling.

    :param shown: what the link shows.
    :param title: the linked page's title.
    """
    name = strip_disambiguator(title)
    return (
        shown != name
        and shown[:1].islower()
        and shown[:1].upper() + shown[1:] == name
        and shown.split(" ", 1)[0] not in ("the", "a", "an")
    )


#: The redirect magic word and its common localisations (MediaWiki's ``MagicWord`` "redirect").
REDIRECT_WORDS = (
    "REDIRECT", "WEITERLEITUNG", "REDIRECTION", "REDIRECCIÓN", "REDIRECCION", "RINVIA",
    "RINVIO", "DOORVERWIJZING", "REDIRECIONAMENTO", "REDIRECIONA", "OMDIRIGERING", "PATRZ",
    "PRZEKIERUJ", "TAM", "ПЕРЕНАПРАВЛЕНИЕ", "ПЕРЕНАПР", "重定向", "転送", "リダイレクト",
)
_REDIRECT_RE = re.compile(
    r"\A\s*#(?:%s)\s*:?\s*\[\[([^\[\]{}<>|\n]*)(?:\|[^\]\n]*)?\]\]" % "|".join(re.escape(w) for w in REDIRECT_WORDS),
    re.IGNORECASE,
)


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
