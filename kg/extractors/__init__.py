"""Extractors: parsed article → model objects. None of them imports rdflib.

Each extractor is a module-level object with a ``name``, the :class:`~kg.model.Film`
fields it ``produces``, and ``extract(ctx) -> dict`` of those fields. They run in the
order of :data:`EXTRACTORS` (an explicit registry, like pySHACL's
``ALL_CONSTRAINT_COMPONENTS``); ``--only`` selects from it by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode

from kg.model import Page
from kg.resolve import Resolver


@dataclass
class Context:
    """What every extractor gets: the page, its parse tree, the infobox and the resolver.

    :param page: the page.
    :param code: the whole article parsed.
    :param infobox: the {{Infobox film}} template.
    :param resolver: the article's entity resolver (shared, so names are chosen once).
    :param warnings: per-page warnings, appended to by extractors.
    """

    page: Page
    code: Wikicode
    infobox: Template
    resolver: Resolver
    warnings: list[str] = field(default_factory=list)

    def warn(self, where: str, message: str) -> None:
        """Record that something at ``where`` (a parameter or section) could not be read."""
        self.warnings.append(f"{where}: {message}")

    def warn_long_cells(self, grid: list, where: str) -> None:
        """Warn about each cell of a laid-out table that was read only up to its start."""
        from kg.parse import MAX_CELL_CHARS

        seen: set[int] = set()
        for row in grid:
            for cell in row:
                if cell is not None and cell.cut and id(cell) not in seen:
                    seen.add(id(cell))
                    self.warn(where, f"a cell of {cell.cut:,} characters is read up to its first {MAX_CELL_CHARS:,}")


class Extractor(Protocol):
    name: str
    produces: tuple[str, ...]

    def extract(self, ctx: Context) -> dict[str, Any]: ...


from kg.extractors import awards, cast, crew, film, links, soundtrack  # noqa: E402  (registry needs the modules)

EXTRACTORS: tuple[Extractor, ...] = (
    film.EXTRACTOR,
    crew.EXTRACTOR,
    cast.EXTRACTOR,
    awards.EXTRACTOR,
    soundtrack.EXTRACTOR,
    links.EXTRACTOR,
)
EXTRACTOR_NAMES: tuple[str, ...] = tuple(e.name for e in EXTRACTORS)
