"""The resolve stage: one name per entity, chosen once every extractor has run.

Extractors read names one at a time (:class:`kg.extractors.names.NameReader`) and record
each global entity they meet as a *mention*: the page title and the name the article
shows there. An entity is shown in several places, sometimes under several names
("Nic Cage" in the cast, "Nicolas Cage" in the infobox); here each entity gets the one
name the article shows most often, the first shown on a tie, so that a node has a
single ``schema:name`` in the article's graph.
"""

from __future__ import annotations

from collections import Counter

from kg.model import Extraction


def choose_names(mentions: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """The display name of each title: the most often shown, first seen on a tie.

    :param mentions: (title, shown name) pairs in reading order.
    """
    counts: dict[str, Counter[str]] = {}
    first: dict[tuple[str, str], int] = {}
    for n, (title, name) in enumerate(mentions):
        counts.setdefault(title, Counter())[name] += 1
        first.setdefault((title, name), n)
    return {
        title: max(shown.items(), key=lambda kv: (kv[1], -first[(title, kv[0])]))[0]
        for title, shown in counts.items()
    }


def resolve(extraction: Extraction) -> Extraction:
    """Choose the names of the extraction's global entities (:attr:`Extraction.names`).

    :param extraction: what the extractors found, with their mentions.
    :returns: the same extraction, its names filled.
    """
    extraction.names = choose_names(extraction.mentions)
    return extraction
