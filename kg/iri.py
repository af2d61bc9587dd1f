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

from kg.source import normalise_title

DEFAULT_BASE_IRI = "https://w3id.org/kg-film/"
WIKIPEDIA = "https://en.wikipedia.org/wiki/"
WIKIPEDIA_INDEX = "https://en.wikipedia.org/w/index.php"
COMMONS_FILE = "https://commons.wikimedia.org/wiki/Special:FilePath/"
LICENSE = "https://creativecommons.org/licenses/by-sa/4.0/"

# Characters that RFC 3987 does not allow unescaped in a path or fragment, plus
# "%" (so that an encoded title never reads as an escape) and "?" / "#" (delimiters).
_MUST_ESCAPE = re.compile(r'[\x00-\x20\x7f-\x9f"#%<>?\[\\\]^`{|}\ufffe\uffff\ufdd0-\ufdef\ue000-\uf8ff]')


def _escape(match: re.Match[str]) -> str:
    return "".join(f"%{b:02X}" for b in match.group().encode("utf-8"))


def encode_segment(text: str) -> str:
    """A title or name as an IRI path segment: spaces as ``_``, unsafe characters %-encoded.

    :param text: a normalised title or a display name.
    """
    return _MUST_ESCAPE.sub(_escape, text.replace(" ", "_"))


def check_base(base: str) -> str:
    """Validate a base IRI (absolute http(s), ends with ``/`` or ``#``) and return it.

    :raises ValueError: when it is not usable as a base.
    """
    if not re.match(r"^https?://[^\s/?#]+(/[^\s?#]*)?$", base) or not base.endswith(("/", "#")):
        raise ValueError(f'base IRI "{base}" must be an absolute http(s) IRI ending in "/"')
    if _MUST_ESCAPE.search(base.replace("#", "")):
        raise ValueError(f'base IRI "{base}" contains characters an IRI cannot hold')
    return base


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
        return f"{film_iri}#name/{encode_segment(name.strip())}"

    def node(self, film_iri: str, *parts: str | int) -> str:
        """A structural node under the film: ``node(f, "cast", 3)`` → ``{f}#cast/3``."""
        return f"{film_iri}#" + "/".join(encode_segment(str(p)) for p in parts)

    def graph(self, title: str) -> str:
        """The named graph holding one article's statements."""
        return f"{self.base}graph/{encode_segment(normalise_title(title))}"

    def software(self) -> str:
        """The exporter as a prov:SoftwareAgent."""
        return f"{self.base}software/kg"


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
