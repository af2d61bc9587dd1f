"""What kg knows of one Wikidata item: the data a link is checked against and compared with."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Entry:
    """One Wikidata item with an English Wikipedia article.

    :param qid: the item's id (``Q42``).
    :param title: the item's English Wikipedia sitelink title (spaces, not underscores).
    :param classes: P31 (instance of) item ids, in the item's order.
    :param imdb: P345 (IMDb id) values (``tt0113627``, ``nm0000115``).
    :param directors: P57 (director) item ids.
    :param cast: P161 (cast member) item ids.
    :param durations: P2047 (duration) values as ``(amount, unit item id)``, the amount
        as Wikidata writes it without its sign (``("111", "Q7727")``: 111 minutes).
    :param dates: P577 (publication date) values as ``(time, precision)``, the time as
        Wikidata writes it (``"+1995-10-27T00:00:00Z"``, precision 11 = day, 10 = month,
        9 = year).
    :param modified: when the item was last modified (ISO 8601), if known.
    """

    qid: str
    title: str
    classes: tuple[str, ...] = ()
    imdb: tuple[str, ...] = ()
    directors: tuple[str, ...] = ()
    cast: tuple[str, ...] = ()
    durations: tuple[tuple[str, str], ...] = ()
    dates: tuple[tuple[str, int], ...] = ()
    modified: str | None = None


def _values(claims: dict, prop: str, best: bool = True) -> list:
    """The values of ``prop``'s statements that have one: those of the best rank (the
    preferred ones when there are any, as Wikidata's truthy statements), or with
    ``best=False`` every statement's; deprecated ones never."""
    out = []
    statements = claims.get(prop) or []
    preferred = [s for s in statements if s.get("rank") == "preferred"] if best else []
    for statement in preferred or statements:
        if statement.get("rank") == "deprecated":
            continue
        snak = statement.get("mainsnak") or {}
        if snak.get("snaktype") != "value":
            continue
        value = (snak.get("datavalue") or {}).get("value")
        if value is not None:
            out.append(value)
    return out


def _ids(claims: dict, prop: str, best: bool = True) -> tuple[str, ...]:
    ids = []
    for v in _values(claims, prop, best):
        if isinstance(v, dict):
            qid = v.get("id") or (f"Q{v['numeric-id']}" if "numeric-id" in v else None)
            if qid and qid not in ids:
                ids.append(qid)
    return tuple(ids)


def entry_from_entity(entity: dict, site: str = "enwiki") -> Entry | None:
    """The :class:`Entry` of a Wikidata entity as the API (``wbgetentities``, either
    ``formatversion``) and the JSON dumps give it; ``None`` for anything that is not an
    item with a ``site`` sitelink (a property, a lexeme, a missing id)."""
    if entity.get("type") != "item" or "missing" in entity or not entity.get("id"):
        return None
    link = (entity.get("sitelinks") or {}).get(site)
    if not isinstance(link, dict) or not link.get("title"):
        return None
    claims = entity.get("claims") or {}
    imdb = tuple(dict.fromkeys(v for v in _values(claims, "P345") if isinstance(v, str)))
    durations = tuple(
        (str(v.get("amount", "")).lstrip("+"), str(v.get("unit", "")).rsplit("/", 1)[-1])
        for v in _values(claims, "P2047") if isinstance(v, dict) and v.get("amount")
    )
    dates = tuple((v["time"], int(v.get("precision", 11))) for v in _values(claims, "P577") if isinstance(v, dict) and v.get("time"))
    return Entry(
        qid=entity["id"],
        title=link["title"],
        classes=_ids(claims, "P31", best=False),
        imdb=imdb,
        directors=_ids(claims, "P57"),
        cast=_ids(claims, "P161"),
        durations=durations,
        dates=dates,
        modified=entity.get("modified"),
    )
