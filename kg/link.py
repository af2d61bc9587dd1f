"""The link stage: identify the article's entities with Wikidata items.

A :class:`Linker` takes a resolved extraction and returns it with its entities linked.
No linker is configured yet, so :func:`link` returns the extraction unchanged; this is
the place where a Wikidata linker (from the API, cached, or from a dump index) plugs in.
"""

from __future__ import annotations

from typing import Protocol

from kg.model import Extraction


class Linker(Protocol):
    #: the linker's name, for provenance and messages
    name: str

    def link(self, extraction: Extraction) -> Extraction:
        """The extraction with its global entities identified."""


def link(extraction: Extraction, linker: Linker | None = None) -> Extraction:
    """Link the extraction's entities with ``linker``; without one, nothing changes."""
    return extraction if linker is None else linker.link(extraction)
