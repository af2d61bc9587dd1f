"""kg: English Wikipedia film articles → validated schema.org knowledge graphs.

The flow, top to bottom, one call per arrow; :func:`kg.pipeline.process_page` makes
exactly these calls for each page, and :func:`kg.pipeline.run` reads every page of
every input and hands each result to the sinks::

    read_pages → classify_page → parse_page → extract_page → resolve_page
      → link_page → build_graph → validate_graph → sink
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable, Iterator

    from mwparserfromhell.wikicode import Wikicode
    from rdflib import Graph

    from kg.errors import KgError
    from kg.iri import Minter
    from kg.link import Linker
    from kg.model import Extraction, Page
    from kg.result import PageResult
    from kg.sinks import Sink
    from kg.validate import Report


def read_pages(path, **kwargs) -> Iterator[Page]:
    """read: the pages of an input, streamed (:func:`kg.sources.iter_pages`)."""
    from kg.sources import iter_pages

    return iter_pages(path, **kwargs)


def classify_page(page: Page) -> KgError | None:
    """classify: why the page cannot be a film article, before any parsing (:func:`kg.classify.classify`)."""
    from kg.classify import classify

    return classify(page)


def parse_page(page: Page) -> Wikicode:
    """parse: the page's parse tree (:func:`kg.wikitext.parse`); a plain-text extract has no markup, so an empty one."""
    from kg.wikitext import parse

    return parse("" if page.format == "plaintext" else page.text)


def extract_page(page: Page, code: Wikicode, only: Iterable[str] | None = None) -> Extraction:
    """extract: run the extractors over the tree (:func:`kg.extract.extract`)."""
    from kg.extract import extract

    return extract(page, code, only)


def resolve_page(extraction: Extraction) -> Extraction:
    """resolve: one name per entity of the article (:func:`kg.resolve.resolve`)."""
    from kg.resolve import resolve

    return resolve(extraction)


def link_page(extraction: Extraction, linker: Linker | None = None) -> Extraction:
    """link: identify entities with Wikidata (:func:`kg.link.link`; no linker, no links)."""
    from kg.link import link

    return link(extraction, linker)


def build_graph(extraction: Extraction, minter: Minter | None = None) -> Graph:
    """map: the article's RDF graph (:func:`kg.mapping.build_graph`)."""
    from kg.mapping import build_graph as _build

    return _build(extraction, minter)


def validate_graph(graph: Graph) -> Report:
    """validate: check the graph against kg's SHACL shapes (:func:`kg.validate.validate`)."""
    from kg.validate import validate

    return validate(graph)


def sink(result: PageResult, sinks: Iterable[Sink]) -> list[str]:
    """sink: hand one page's result to every sink; what they wrote (:mod:`kg.sinks`)."""
    written: list[str] = []
    for each in sinks:
        written.extend(each.put(result))
    return written


__all__ = [
    "__version__",
    "build_graph",
    "classify_page",
    "extract_page",
    "link_page",
    "parse_page",
    "read_pages",
    "resolve_page",
    "sink",
    "validate_graph",
]
