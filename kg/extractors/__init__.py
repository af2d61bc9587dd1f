"""Extractors: parsed article → model parts. None of them imports rdflib.

Each extractor is a module-level object with a ``name``, the part class it
``produces`` (:mod:`kg.model`: :class:`~kg.model.FilmInfo`, :class:`~kg.model.Cast` …)
and ``extract(ctx)`` returning one instance of it. They run in the order of
:data:`EXTRACTORS` (an explicit registry, like pySHACL's ``ALL_CONSTRAINT_COMPONENTS``);
``--only`` selects from it by name.

Adding an extractor is one module here, one entry in :data:`EXTRACTORS`, a part class in
:mod:`kg.model` and one mapping function in :data:`kg.mapping.MAPPERS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode

from kg.extractors.names import NameReader
from kg.model import Page


@dataclass
class Context:
    """What every extractor gets: the page, its parse tree, the infobox and the name reader.

    :param page: the page.
    :param code: the whole article parsed.
    :param infobox: the {{Infobox film}} template (``None`` only when an extractor is
        run on a snippet without one, as the case-file tests do).
    :param names: the article's name reader (shared, so names are chosen once).
    :param warnings: per-page warnings, appended to by extractors.
    """

    page: Page
    code: Wikicode
    infobox: Template | None
    names: NameReader
    warnings: list[str] = field(default_factory=list)
    #: the page's prose (:class:`kg.wikitext.prose.Document`), read when an extractor first asks
    document: object | None = None

    def warn(self, where: str, message: str) -> None:
        """Record that something at ``where`` (a parameter or section) could not be read."""
        self.warnings.append(f"{where}: {message}")

    def warn_long_cells(self, grid: list, where: str) -> None:
        """Warn about each cell of a laid-out table that was read only up to its start."""
        from kg.wikitext import MAX_CELL_CHARS

        seen: set[int] = set()
        for row in grid:
            for cell in row:
                if cell is not None and cell.cut and id(cell) not in seen:
                    seen.add(id(cell))
                    self.warn(where, f"a cell of {cell.cut:,} characters is read up to its first {MAX_CELL_CHARS:,}")


class Extractor(Protocol):
    #: the extractor's name (``--only``)
    name: str
    #: the part class it returns
    produces: type

    def extract(self, ctx: Context) -> object:
        """Read the article and return one instance of :attr:`produces`."""


from kg.extractors import awards, cast, crew, film, links, prose, soundtrack  # noqa: E402  (registry needs the modules)

EXTRACTORS: tuple[Extractor, ...] = (
    film.EXTRACTOR,
    crew.EXTRACTOR,
    cast.EXTRACTOR,
    awards.EXTRACTOR,
    soundtrack.EXTRACTOR,
    links.EXTRACTOR,
    prose.EXTRACTOR,
)
EXTRACTOR_NAMES: tuple[str, ...] = tuple(e.name for e in EXTRACTORS)
