"""Credits from the infobox: who directed, wrote, produced, shot, edited, scored, made and distributed the film."""

from __future__ import annotations

import re


from kg.model import Credit, Crew
from kg.wikitext import params, split_items

# role -> infobox parameter names (normalised: lower-case, "_" as space), in order.
ROLES: dict[str, tuple[str, ...]] = {
    "director": ("director", "directors", "directed by"),
    "producer": ("producer", "producers", "produced by"),
    "screenwriter": ("writer", "writers", "screenplay", "screenplay by", "written by", "screen story", "teleplay"),
    "story": ("story", "story by"),
    "narrator": ("narrator", "narrators", "narrated by"),
    "starring": ("starring",),
    "music": ("music", "music by", "composer", "score"),
    "cinematographer": ("cinematography", "cinematographer"),
    "editor": ("editing", "editor", "edited by", "editors"),
    "studio": ("studio", "studios", "production companies", "production company", "production"),
    "distributor": ("distributor", "distributors", "distributed by"),
}
#: a writer's item qualified as the story's only ("X (story)", not "X (story and screenplay)")
_STORY_ONLY = re.compile(r"\(\s*(?:original\s+)?story\s*\)", re.I)
# Roles held by organisations rather than people.
ORGANISATION_ROLES = frozenset({"studio", "distributor"})


class CrewExtractor:
    name = "crew"
    produces = Crew

    def extract(self, ctx):
        ps = params(ctx.infobox) if ctx.infobox is not None else {}
        credits: list[Credit] = []
        seen: set[tuple[str, object]] = set()
        for role, aliases in ROLES.items():
            for alias in aliases:
                value = ps.get(alias)
                if value is None:
                    continue
                for item in split_items(value):
                    # "writer = X {{small|(story)}}": the qualifier says which credit it is
                    credit_role = "story" if role == "screenwriter" and _STORY_ONLY.search(str(item)) else role
                    for ref in ctx.names.refs(item, split=role not in ORGANISATION_ROLES):
                        key = (credit_role, ref.title if ref.is_global else ref.name)
                        if key in seen:
                            continue
                        seen.add(key)
                        credits.append(Credit(credit_role, ref, alias.replace(" ", "_")))
        return Crew(tuple(credits))


EXTRACTOR = CrewExtractor()
