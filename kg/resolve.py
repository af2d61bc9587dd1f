"""The resolve stage: one node per entity, one name and one type each, decided once every
extractor has run.

Extractors read names one at a time (:class:`kg.extractors.names.NameReader`) and record
each global entity they meet as a *mention*: the page title and the name the article
shows there. Here, with the whole article's extraction at hand:

- each entity gets the one name the article shows most often, the first shown on a tie,
  so that a node has a single ``schema:name`` in the article's graph;
- each entity gets one type. What the article says of it decides: a company's credit
  (studio, distributor, record label), or a company's form of name ("… Pictures", "…
  Films", "… Productions", "… Ltd") in a role companies also hold (producer, music,
  nominee), makes it an organisation in every role, so that a company listed as a
  producer is not also a person. A company credit that links a person's page
  under the company's own name ("[[James Vallo|James Vallo Movies]]") is not that person:
  the company stays a node of its own, scoped to the article, with ``rdfs:seeAlso`` the page.
- a page the article's accolades use as an award, a category or a ceremony ("[[Golden
  Lion]]" in a Category column) is that award in every role: where a person stands (a
  nominee, a performer, a crew credit) it names no one, and is skipped with a warning, so
  that one node is never both a person and an award.
- a music credit that reads as a group (a soundtrack's performer or writer, the film's
  music: "The Chemical Brothers", "Kronos Quartet") is a ``schema:MusicGroup`` in every
  role, so that the film's composer and a track's performer are one node of one type;
  a group the cast credits stays a person, as a performer must be.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from kg.extractors.names import looks_like_company, reads_as_group
from kg.model import Accolades, Cast, Crew, Extraction, Ref, Soundtrack

#: Crew roles only companies hold.
ORGANISATION_ROLES = frozenset({"studio", "distributor"})


def key(ref: Ref) -> tuple[str, str]:
    """What identifies a ref's node within the article: its page, or its name when unlinked."""
    return ("title", ref.title) if ref.is_global else ("name", ref.name)


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


def _person_refs(extraction: Extraction) -> list[Ref]:
    refs: list[Ref] = []
    crew = extraction.part(Crew)
    if crew is not None:
        refs += [c.ref for c in crew.credits if c.role not in ORGANISATION_ROLES]
    cast = extraction.part(Cast)
    if cast is not None:
        refs += [c.actor for c in cast.credits]
    accolades = extraction.part(Accolades)
    if accolades is not None:
        refs += [r for n in accolades.nominations for r in n.nominees]
    soundtrack = extraction.part(Soundtrack)
    if soundtrack is not None:
        for album in soundtrack.albums:
            refs += list(album.producers)
            refs += [a.ref for a in album.artists if not a.group]
            for track in album.tracks:
                refs += [a.ref for a in track.composers + track.lyricists + track.performers if not a.group]
    film = extraction.part_or_none("film")
    if film is not None:
        refs += [a for b in film.based_on for a in b.authors]
    return refs


#: Person roles an article also gives to companies (a production house as producer, a
#: music library as composer, a studio as nominee); a director or an actor is a person.
COMPANY_CAPABLE_ROLES = frozenset({"producer", "music"})


def _company_capable_refs(extraction: Extraction) -> list[Ref]:
    refs: list[Ref] = []
    crew = extraction.part(Crew)
    if crew is not None:
        refs += [c.ref for c in crew.credits if c.role in COMPANY_CAPABLE_ROLES]
    accolades = extraction.part(Accolades)
    if accolades is not None:
        refs += [r for n in accolades.nominations for r in n.nominees]
    soundtrack = extraction.part(Soundtrack)
    if soundtrack is not None:
        refs += [r for album in soundtrack.albums for r in album.producers]
    return refs


def _organisation_refs(extraction: Extraction) -> list[Ref]:
    refs: list[Ref] = []
    crew = extraction.part(Crew)
    if crew is not None:
        refs += [c.ref for c in crew.credits if c.role in ORGANISATION_ROLES]
    soundtrack = extraction.part(Soundtrack)
    if soundtrack is not None:
        refs += [label for album in soundtrack.albums for label in album.labels]
    return refs


def settle_types(extraction: Extraction) -> Extraction:
    """Decide which entities are organisations (:attr:`Extraction.organisations`), and give a
    company credit that links a person's page a node of its own."""
    people = _person_refs(extraction)
    companies = _organisation_refs(extraction)
    person_names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ref in people:
        person_names[key(ref)].add(extraction.names.get(ref.title, ref.name) if ref.is_global else ref.name)
    split: set[Ref] = set()
    organisations: set[tuple[str, str]] = set()
    for ref in companies:
        k = key(ref)
        names = person_names.get(k)
        if names and ref.is_global and looks_like_company(ref.name) and ref.name not in names:
            split.add(ref)  # "[[James Vallo|James Vallo Movies]]": the company, not the person
        else:
            organisations.add(k)
    for ref in _company_capable_refs(extraction):
        if looks_like_company(ref.name):
            organisations.add(key(ref))
    crew = extraction.part(Crew)
    if split and crew is not None:
        credits = tuple(
            replace(c, ref=Ref(c.ref.name, c.ref.title, "")) if c.role in ORGANISATION_ROLES and c.ref in split else c
            for c in crew.credits
        )
        extraction.parts[next(n for n, p in extraction.parts.items() if p is crew)] = replace(crew, credits=credits)
        organisations |= {("name", r.name) for r in split}
    extraction.organisations = frozenset(organisations)
    extraction.groups = frozenset(_group_keys(extraction))
    return extraction


def _group_keys(extraction: Extraction) -> set[tuple[str, str]]:
    """The music groups of the article: a soundtrack artist or the film's music credit that
    reads as a group, unless the cast credits it (the shapes make a performer a person)."""
    groups: set[tuple[str, str]] = set()
    crew = extraction.part(Crew)
    if crew is not None:
        groups |= {key(c.ref) for c in crew.credits if c.role == "music" and reads_as_group(c.ref)}
    soundtrack = extraction.part(Soundtrack)
    if soundtrack is not None:
        for album in soundtrack.albums:
            artists = album.artists + tuple(a for t in album.tracks for a in t.composers + t.lyricists + t.performers)
            groups |= {key(a.ref) for a in artists if a.group}
    cast = extraction.part(Cast)
    if cast is not None:
        groups -= {key(c.actor) for c in cast.credits}
    return groups


def award_titles(extraction: Extraction) -> frozenset[str]:
    """The pages the article's accolades link as an award, a category or a ceremony."""
    accolades = extraction.part(Accolades)
    if accolades is None:
        return frozenset()
    return frozenset(
        ref.title
        for n in accolades.nominations
        for ref in (n.organisation, n.category, n.ceremony)
        if ref is not None and ref.is_global
    )


def drop_awards_as_people(extraction: Extraction) -> Extraction:
    """Skip, with a warning, every person's place (nominee, performer, crew credit) that
    links a page the article's accolades use as an award, category or ceremony."""
    awards = award_titles(extraction)
    if not awards:
        return extraction

    def is_award(ref: Ref, where: str, place: str) -> bool:
        if ref.is_global and ref.title in awards:
            extraction.warnings.append(
                f'{where}: "{ref.name}" in {place} is the award "{ref.title}" of the article\'s accolades, not a person; skipped'
            )
            return True
        return False

    def put(part: object, new: object) -> None:
        extraction.parts[next(n for n, p in extraction.parts.items() if p is part)] = new

    accolades = extraction.part(Accolades)
    if accolades is not None:
        nominations = []
        for n in accolades.nominations:
            kept = tuple(r for r in n.nominees if not is_award(r, "awards", "a nominee's place"))
            nominations.append(n if len(kept) == len(n.nominees) else replace(n, nominees=kept))
        if tuple(nominations) != accolades.nominations:
            put(accolades, replace(accolades, nominations=tuple(nominations)))
    cast = extraction.part(Cast)
    if cast is not None:
        credits = [c for c in cast.credits if not is_award(c.actor, "cast", "a performer's place")]
        if len(credits) != len(cast.credits):
            put(cast, replace(cast, credits=tuple(replace(c, position=i) for i, c in enumerate(credits, start=1))))
    crew = extraction.part(Crew)
    if crew is not None:
        credits = [c for c in crew.credits if c.role in ORGANISATION_ROLES or not is_award(c.ref, "crew", f"a {c.role}'s place")]
        if len(credits) != len(crew.credits):
            put(crew, replace(crew, credits=tuple(credits)))
    return extraction


def resolve(extraction: Extraction) -> Extraction:
    """Choose the names of the extraction's global entities (:attr:`Extraction.names`) and
    which entities are organisations (:attr:`Extraction.organisations`).

    :param extraction: what the extractors found, with their mentions.
    :returns: the same extraction, resolved.
    """
    extraction.names = choose_names(extraction.mentions)
    return settle_types(drop_awards_as_people(extraction))
