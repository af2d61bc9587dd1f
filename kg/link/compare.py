"""kg's facts beside Wikidata's, for linked films (``kg link compare``).

For a film whose article is linked to an item, four facts are set side by side: its
directors (Wikidata P57) and cast members (P161) — the people kg read, by the items
their own titles are linked to —, its duration (P2047, against the infobox running
times) and its publication date (P577, against the release dates). Each comparison is a
:class:`Difference` row: what only kg says, what only Wikidata says, and whether the two
agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.link import LINKED
from kg.link.classes import article_imdb_ids, refusal
from kg.model import Cast, Crew, Extraction

#: Wikidata's units of time, in seconds
UNITS = {"Q7727": 60, "Q11574": 1, "Q25235": 3600}


@dataclass(frozen=True, slots=True)
class Difference:
    """One fact of one film compared.

    :param film: the film's title.
    :param qid: the film's item.
    :param fact: ``director``, ``cast member``, ``duration`` or ``publication date``.
    :param kg: what kg read (QIDs of people, ``111 min``, dates), as text.
    :param wikidata: what Wikidata says, as text.
    :param agree: whether they agree (for people: every person on both sides; duration:
        a running time the same to the minute; date: an earliest release Wikidata gives).
    """

    film: str
    qid: str
    fact: str
    kg: str
    wikidata: str
    agree: bool


def _people(extraction: Extraction, titles: list[str]) -> tuple[set[str], int]:
    """The QIDs of the people kg read under ``titles``, and how many of them are unlinked."""
    qids, unlinked = set(), 0
    for title in titles:
        link = extraction.links.get(title)
        if link is not None and link.status == LINKED and link.entry is not None and refusal("Person", link.entry.classes) is None:
            qids.add(link.entry.qid)
        else:
            unlinked += 1
    return qids, unlinked


def _date(time: str, precision: int) -> str:
    """A Wikidata time at its precision: ``+1995-10-27T00:00:00Z``, 11 → ``1995-10-27``."""
    text = time.lstrip("+").split("T", 1)[0]
    return text[:4] if precision <= 9 else text[:7] if precision == 10 else text


def compare(extraction: Extraction) -> list[Difference]:
    """The comparisons of one linked film (empty when the film has no item)."""
    link = extraction.links.get(extraction.title)
    if link is None or link.status != LINKED or link.entry is None:
        return []
    if refusal("Movie", link.entry.classes, link.entry.imdb, article_imdb_ids(extraction)) is not None:
        return []  # not the film's item (the export warns why)
    entry, out = link.entry, []
    film, qid = extraction.title, link.entry.qid
    crew = extraction.part_or_none("crew")
    directors = [c.ref.title for c in (crew.credits if isinstance(crew, Crew) else ()) if c.role == "director" and c.ref.title]
    cast = extraction.part_or_none("cast")
    actors = [c.actor.title for c in (cast.credits if isinstance(cast, Cast) else ()) if c.actor.title]
    for fact, titles, theirs in (("director", directors, entry.directors), ("cast member", actors, entry.cast)):
        ours, unlinked = _people(extraction, list(dict.fromkeys(titles)))
        if not ours and not theirs:
            continue
        only_kg, only_wd = sorted(ours - set(theirs)), sorted(set(theirs) - ours)
        shown_kg = f"{len(ours)} linked" + (f" ({unlinked} unlinked)" if unlinked else "") + (f"; only kg: {' '.join(only_kg)}" if only_kg else "")
        shown_wd = f"{len(theirs)}" + (f"; only Wikidata: {' '.join(only_wd)}" if only_wd else "")
        out.append(Difference(film, qid, fact, shown_kg, shown_wd, not only_kg and not only_wd))
    runtimes = extraction.film.runtimes
    durations = [round(float(amount) * UNITS[unit] / 60) for amount, unit in entry.durations if unit in UNITS]
    if runtimes or durations:
        ours = sorted({round(s / 60) for s in runtimes})
        out.append(Difference(film, qid, "duration", ", ".join(f"{m} min" for m in ours) or "-",
                              ", ".join(f"{m} min" for m in sorted(set(durations))) or "-", bool(set(ours) & set(durations))))
    releases = extraction.film.releases
    dates = sorted({_date(t, p) for t, p in entry.dates})
    if releases or dates:
        ours = sorted({r.date.isoformat() for r in releases})
        earliest = min(releases, key=lambda r: r.date.sort_key()).date.isoformat() if releases else None
        out.append(Difference(film, qid, "publication date", ", ".join(ours) or "-", ", ".join(dates) or "-",
                              earliest is not None and any(earliest.startswith(d) or d.startswith(earliest) for d in dates)))
    return out
