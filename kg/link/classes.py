"""Does a Wikidata item's class (P31, instance of) fit the node kg made?

kg links a node only when its item's P31 values agree with the node's type. Wikidata's
classes form a deep hierarchy that no link step can walk cheaply, so the rule is:

* a **person** (``schema:Person``) must be an instance of *human* (Q5);
* the **film** (``schema:Movie``) must be an instance of *film* (Q11424) or of one of the
  kinds of film in :data:`FILM_CLASSES` (short, animated, documentary, television film,
  the film genres Wikidata uses as classes …);
* **every other node** (organisation, music group, country, place, book, award, event,
  song, album) must not be an instance of *human*, of a kind of film, or of a Wikimedia
  page that is no topic at all (:data:`NOT_A_TOPIC`: disambiguation page, list, category,
  template).

An item that breaks the rule is not linked; the article's warnings name both sides.
"""

from __future__ import annotations

HUMAN = "Q5"
DISAMBIGUATION_PAGE = "Q4167410"

#: Wikimedia pages that are no topic: never the item of an entity
NOT_A_TOPIC = {
    DISAMBIGUATION_PAGE: "Wikimedia disambiguation page",
    "Q13406463": "Wikimedia list article",
    "Q4167836": "Wikimedia category",
    "Q11266439": "Wikimedia template",
    "Q22808320": "Wikimedia human name disambiguation page",
}

#: film (Q11424) and the kinds of film Wikidata items are instances of
FILM_CLASSES = {
    "Q11424": "film",
    "Q24869": "feature film",
    "Q24862": "short film",
    "Q202866": "animated film",
    "Q29168811": "animated feature film",
    "Q17517379": "animated short film",
    "Q20650540": "anime film",
    "Q93204": "documentary film",
    "Q506240": "television film",
    "Q226730": "silent film",
    "Q229390": "3D film",
    "Q18011172": "film project",
    "Q1261214": "television special",
    "Q130232": "drama film",
    "Q157394": "fantasy film",
    "Q157443": "comedy film",
    "Q188473": "action film",
    "Q200092": "horror film",
    "Q319221": "adventure film",
    "Q369747": "war film",
    "Q471839": "science fiction film",
    "Q842256": "musical film",
    "Q959790": "crime film",
    "Q1054574": "romance film",
    "Q2484376": "thriller film",
    "Q645928": "biographical film",
}


def describe(qid: str) -> str:
    """A class's label when kg knows it (``Q5`` → ``human (Q5)``), else its id."""
    label = {HUMAN: "human", **NOT_A_TOPIC, **FILM_CLASSES}.get(qid)
    return f"{label} ({qid})" if label else qid


def misfit(kind: str, classes: tuple[str, ...]) -> str | None:
    """Why an item of these classes cannot be the node of this kind, or ``None`` when it fits.

    :param kind: the node's type: ``Person``, ``Movie`` or another schema.org class name.
    :param classes: the item's P31 values.
    """
    shown = ", ".join(describe(c) for c in classes) or "no class"
    topicless = [c for c in classes if c in NOT_A_TOPIC]
    if topicless:
        return f"it is a {NOT_A_TOPIC[topicless[0]]}"
    if kind == "Person":
        return None if HUMAN in classes else f"it is no human (instance of {shown})"
    if kind == "Movie":
        return None if any(c in FILM_CLASSES for c in classes) else f"it is no film (instance of {shown})"
    if HUMAN in classes:
        return f"it is a human, not a {kind.lower()}"
    films = [c for c in classes if c in FILM_CLASSES]
    if films:
        return f"it is a {FILM_CLASSES[films[0]]}, not a {kind.lower()}"
    return None


def refusal(kind: str, classes: tuple[str, ...], imdb: tuple[str, ...] = (), article_imdb: tuple[str, ...] = ()) -> str | None:
    """Why an item is not the node's, or ``None`` when it is: its classes do not fit
    (:func:`misfit`), or, for a film, its IMDb ids and the article's have none in common.

    :param imdb: the item's P345 values.
    :param article_imdb: the article's ``{{IMDb title}}`` ids (``tt0113627``).
    """
    reason = misfit(kind, classes)
    if reason is None and article_imdb and imdb and not set(article_imdb) & set(imdb):
        reason = f"its IMDb id is {', '.join(imdb)}, the article's {', '.join(article_imdb)}"
    return reason


def article_imdb_ids(extraction) -> tuple[str, ...]:
    """The article's IMDb title ids (``tt0113627``), from its external links."""
    ids = extraction.part_or_none("links")
    return tuple(f"tt{i.value.removeprefix('tt')}" for i in (ids.ids if ids is not None else ()) if i.scheme == "imdb")
