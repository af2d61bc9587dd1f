"""kg: English Wikipedia film articles → validated schema.org knowledge graphs.

The flow, one call per arrow::

    read_pages → extract_page → build_graph → validate → write_outputs
    (source)     (extract)      (mapping)     (validate)  (serialize)

:func:`export_page` runs the whole chain for one page.
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from kg.model import Extraction, Page


def read_pages(path, **kwargs) -> list["Page"]:
    """Read every page of an input (see :func:`kg.source.read_pages`)."""
    from kg.source import read_pages as _read

    return _read(path, **kwargs)


def extract_page(page: "Page", only=None) -> "Extraction":
    """Run the extractors over a page (see :func:`kg.extract.extract_page`)."""
    from kg.extract import extract_page as _extract

    return _extract(page, only=only)


def build_graph(extraction: "Extraction", base_iri: str | None = None):
    """The article's RDF graph (see :func:`kg.mapping.build_graph`)."""
    from kg.iri import DEFAULT_BASE_IRI, Minter
    from kg.mapping import build_graph as _build

    return _build(extraction, Minter(base_iri or DEFAULT_BASE_IRI))


def validate(graph):
    """Validate a graph against kg's SHACL shapes (see :func:`kg.validate.validate`)."""
    from kg.validate import validate as _validate

    return _validate(graph)


__all__ = ["__version__", "read_pages", "extract_page", "build_graph", "validate"]
