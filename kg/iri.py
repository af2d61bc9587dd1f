"""The only place IRIs are minted.

Global entities (a linked page, the film itself) are ``{base}resource/{Title}``;
article-scoped names are ``{film}#name/{Name}``; structural nodes are fragments of
the film's IRI (``{film}#cast/3``). Titles keep their letters, including non-ASCII
ones (RFC 3987 IRIs); only characters an IRI cannot hold are percent-encoded.
Minting is a pure function of (base, title, parts): the same input always gives
the same IRI, and different normalised titles give different IRIs.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from kg.titles import normalise_title

DEFAULT_BASE_IRI = "https://w3id.org/kg-film/"
WIKIPEDIA = "https://en.wikipedia.org/wiki/"
WIKIPEDIA_INDEX = "https://en.wikipedia.org/w/index.php"
COMMONS_FILE = "https://commons.wikimedia.org/wiki/Special:FilePath/"
LICENSE = "https://creativecommons.org/licenses/by-sa/4.0/"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"

# RFC 3987 "ucschar": the non-ASCII code points an IRI may hold unescaped (private-use
# code points are allowed in queries only, so they are escaped here too).
_UCSCHAR = (
    (0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF),
    (0x10000, 0x1FFFD), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD), (0x40000, 0x4FFFD),
    (0x50000, 0x5FFFD), (0x60000, 0x6FFFD), (0x70000, 0x7FFFD), (0x80000, 0x8FFFD),
    (0x90000, 0x9FFFD), (0xA0000, 0xAFFFD), (0xB0000, 0xBFFFD), (0xC0000, 0xCFFFD),
    (0xD0000, 0xDFFFD), (0xE1000, 0xEFFFD),
)
# ASCII an IRI path segment may hold: unreserved, sub-delims, ":" and "@" ("%" is
# escaped so that a title never reads as an escape; "/" is kept in titles).
_ASCII_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/")


def _allowed(ch: str, keep_slash: bool) -> bool:
    if ch == "/":
        return keep_slash
    if ch in _ASCII_SAFE:
        return True
    cp = ord(ch)
    return cp >= 0xA0 and any(lo <= cp <= hi for lo, hi in _UCSCHAR)


def _escape(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))


def encode_segment(text: str, *, keep_slash: bool = True) -> str:
    """A title or name as an IRI path segment: spaces as ``_``, anything RFC 3987 does not
    allow there %-encoded (UTF-8), letters of every script kept.

    :param text: a normalised title or a display name.
    :param keep_slash: keep ``/`` (titles such as "AC/DC"); structural parts escape it.
    """
    return "".join(ch if _allowed(ch, keep_slash) else _escape(ch) for ch in text.replace(" ", "_"))


def check_base(base: str) -> str:
    """Validate a base IRI (absolute http(s), a host, an optional numeric port, ending in
    ``/``, only characters an IRI may hold) and return it.

    :raises ValueError: when it is not usable as a base.
    """
    m = re.match(r"^https?://([^\s/?#@:]+)(?::(\d+))?(/[^\s?#]*)?$", base)
    if not m or not base.endswith("/"):
        raise ValueError(f'base IRI "{base}" must be an absolute http(s) IRI ending in "/"')
    path = m.group(3) or ""
    bad_escape = re.search(r"%(?![0-9A-Fa-f]{2})", base)
    if bad_escape or any(not (_allowed(ch, True) or ch == "%") for ch in m.group(1) + path):
        raise ValueError(f'base IRI "{base}" contains characters an IRI cannot hold')
    return base


#: page format → the name of that kind of source in its graph's IRI (see :meth:`Minter.graph`):
#: the article's wikitext is the page's graph, a plain-text extract has a graph of its own
SOURCES = {"wikitext": "", "plaintext": "extract"}

#: the last segment of the graph that merges several sources of one page
MERGED = "merged"


class Minter:
    """Mints every IRI of one export under a base IRI.

    :param base: the base IRI (``--base-iri``), see :data:`DEFAULT_BASE_IRI`.
    """

    def __init__(self, base: str = DEFAULT_BASE_IRI) -> None:
        self.base = check_base(base)

    def entity(self, title: str) -> str:
        """The global IRI of the page ``title`` (film, person, company … that the article links)."""
        return f"{self.base}resource/{encode_segment(normalise_title(title))}"

    def scoped(self, film_iri: str, name: str) -> str:
        """The IRI of an unlinked name within one article."""
        return f"{film_iri}#name/{encode_segment(name.strip(), keep_slash=False)}"

    def node(self, film_iri: str, *parts: str | int) -> str:
        """A structural node under the film: ``node(f, "cast", 3)`` → ``{f}#cast/3``."""
        return f"{film_iri}#" + "/".join(encode_segment(str(p), keep_slash=False) for p in parts)

    def graph(self, title: str, source: str = "") -> str:
        """The named graph holding one article's statements: ``{base}graph/{title}`` for
        its wikitext, ``…/{source}`` for another kind of source of the same page (``extract``
        for a plain-text extract, see :data:`SOURCES`) and for the graph that merges them
        (``merged``)."""
        graph = f"{self.base}graph/{encode_segment(normalise_title(title))}"
        return f"{graph}/{source}" if source else graph

    def graph_of(self, page) -> str:
        """The named graph of one source of a page (:meth:`graph` by its :data:`SOURCES` name)."""
        return self.graph(page.title, SOURCES[page.format])

    def software(self) -> str:
        """The exporter as a prov:SoftwareAgent."""
        return f"{self.base}software/kg"


def wikidata_entity(qid: str) -> str:
    """The concept IRI of a Wikidata item (``Q42`` → ``http://www.wikidata.org/entity/Q42``).

    :raises ValueError: ``qid`` is no item id.
    """
    if not re.fullmatch(r"Q[1-9][0-9]*", qid):
        raise ValueError(f"not a Wikidata item id: {qid!r}")
    return WIKIDATA_ENTITY + qid


def wikipedia_url(title: str, section: str | None = None) -> str:
    """The English Wikipedia URL of a page (and section), encoded as MediaWiki does.

    :param title: the page title (normalised here).
    :param section: a section title, for ``[[Page#Section]]`` links.
    """
    path = quote(normalise_title(title).replace(" ", "_"), safe=";@$!*(),/~:")
    url = WIKIPEDIA + path
    if section:
        url += "#" + quote(section.strip().replace(" ", "_"), safe=";@$!*(),/~:.")
    return url


def revision_url(revid: int) -> str:
    """The permanent URL of one revision."""
    return f"{WIKIPEDIA_INDEX}?oldid={int(revid)}"


def commons_file_url(file_name: str) -> str:
    """The URL of a file on Wikimedia Commons (via Special:FilePath)."""
    name = re.sub(r"^(file|image):", "", file_name.strip(), flags=re.I).strip()
    name = normalise_title(name).replace(" ", "_")
    return COMMONS_FILE + quote(name, safe=";@$!*(),~:")
