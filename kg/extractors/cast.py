"""The cast: every performer and the character they play, in credit order.

Read from the Cast section's bullet lists ("X as Y", "X – Y", "X ... Y", "X as:"
followed by nested character lines, "(as Z)" credits, voice roles) and from cast
tables (Actor / Role / voice-actor columns, or "X as Y" cells). When the article
has no cast list, the infobox's ``starring`` gives the cast in billing order.
"""

from __future__ import annotations

import re
from dataclasses import replace

from mwparserfromhell.wikicode import Wikicode

from kg.extractors.names import PARTICLES, ROLE_WORDS, not_a_performer
from kg.values import LANGUAGES
from kg.model import Cast, CastCredit, Ref
from kg.wikitext import BOLD_ITALIC, Table, clean_text, decode_entities, find_outside_markup, find_section, params, parse, split_items, strip_refs, tables

CAST_SECTION_PATTERNS = (
    r"(main |principal |starring |voice |featured |the )?cast( list| members?)?",
    r"cast (and|&) (characters?|crew|roles)",
    r"characters? (and|&) cast",
    r"starring",
    r"(voice )?cast and (voice )?characters",
    r"voice cast",
    r"cast and characters",
)
STARRING_PARAMS = ("starring", "cast")
# Between performer and character on a cast line (first match wins, outside links/templates/parentheses).
SEPARATOR = re.compile(r"\s+as\s+|\s+as:?\s*$|\s*\.{2,}\s*|\s*…\s*|\s[–—-]\s|\u00a0[–—-]\s|\t+|\s*:\s+(?=\S)")
CREDITED_AS = re.compile(r"\(\s*(?:credited|billed|listed)?\s*as\s+([^()]+?)\s*\)", re.I)
VOICE = re.compile(r"\((?:[^()]*\b)?voice(?:d| role| only)?\b[^()]*\)|\b(?:the\s+)?voices?\s+of\b", re.I)
UNCREDITED = re.compile(r"\(\s*uncredited\s*\)", re.I)
# A character description starts after one of these when what follows is lower-case prose.
DESCRIPTION = re.compile(
    r"\s*(?::\s+|(?:,|;|\s[–—-])\s+(?=[a-z]|(?:A|An|The|His|Her|Their|One|Two|Who)\b|[A-Z][\w.-]*['’]s\b))"
)
ACTOR_HEADER = re.compile(r"actor|actress|cast|performer|played by|portrayed by|voice|voiced by|dub|starring", re.I)
CHARACTER_HEADER = re.compile(r"character|role|part\b|as\b", re.I)
MAX_CHARACTER_LENGTH = 120
AS_SEPARATOR = re.compile(r"\s+as\s+", re.I)
# Prose cast lines without "as": "[[A]] and [[B]] are Mel and Terry", "[[C]] plays the clerk".
VERB_SEPARATOR = re.compile(r"(?:\s+(?:also|additionally))?\s+(?:is|are|plays|play|portrays|portray|voices)\s+(?=\S)")


class CastExtractor:
    name = "cast"
    produces = Cast

    def extract(self, ctx) -> Cast:
        section = find_section(ctx.code, CAST_SECTION_PATTERNS)
        credits: list[CastCredit] = []
        if section is not None:
            voice_section = "voice" in section.title.lower()
            credits = _from_tables(ctx, section.code, voice_section)
            credits += _from_bullets(ctx, section.code, voice_section, start=len(credits) + 1)
        if not credits:
            credits = _from_starring(ctx)
        return Cast(tuple(_performers_only(ctx, credits)))


def _performers_only(ctx, credits: list[CastCredit]) -> list[CastCredit]:
    """The credits that name a performer (:func:`kg.extractors.names.not_a_performer`):
    "[[France]] as herself" is the country on screen, skipped with a warning; the rest are
    numbered on."""
    kept: list[CastCredit] = []
    for credit in credits:
        reason = not_a_performer(credit.actor, credit.character)
        if reason is not None:
            ctx.warn("cast", f'"{credit.actor.name} as {credit.character}" names {reason}; skipped')
            continue
        kept.append(credit if credit.position == len(kept) + 1 else replace(credit, position=len(kept) + 1))
    return kept


def _from_starring(ctx) -> list[CastCredit]:
    ps = params(ctx.infobox) if ctx.infobox is not None else {}
    value = next((ps[p] for p in STARRING_PARAMS if p in ps and clean_text(ps[p])), None)
    if value is None:
        return []
    out: list[CastCredit] = []
    for item in split_items(value):
        for ref in ctx.names.refs(item):
            if all(c.actor != ref for c in out):
                out.append(CastCredit(len(out) + 1, ref, source="infobox:starring"))
    return out


def _from_bullets(ctx, code: Wikicode, voice_section: bool, start: int) -> list[CastCredit]:
    out: list[CastCredit] = []
    pending: tuple[list[Ref], int] | None = None  # "X as:" waiting for nested character lines
    raw_text = _without_tables(str(code))
    # "{{Plainlist|* A as X" / "{{castlist|* A": the first item starts after the template's name
    raw_text = _ITEM_AFTER_TEMPLATE.sub(r"\1\n", raw_text)
    lines = []
    for raw in raw_text.split("\n"):
        m = re.match(r"^\s*([*#:]*[*#])\s*(.*)$", raw)
        if not m:
            continue
        depth, line = len(m.group(1)), decode_entities(strip_refs(m.group(2))).strip()
        # "[[A One]] as Tom and [[B Two]] as Ann": two credits on one line
        lines += [(depth, part) for part in _split_credits(line)]
    for depth, line in lines:
        if not clean_text(line):
            continue
        if pending is not None and depth > pending[1]:
            character, credited, voice = _character(line)
            if character:
                for actor in pending[0]:
                    out.append(CastCredit(start + len(out), actor, character, credited, voice or voice_section))
            continue
        pending = None
        actor_part, character_part, trailing_colon = _split_line(line)
        if trailing_colon:
            actors = ctx.names.refs(parse(actor_part)) if character_part is not None else []
            pending = (actors, depth) if actors else None
            continue
        if character_part is None and _is_heading(line):
            continue
        if _CREDIT_LINE.match(clean_text(line)):
            # "Narrated by [[Morgan Keys]]": a credit, nobody's part in the cast list
            ctx.warn("cast", f'"{clean_text(line)}" is a credit, not a part; skipped')
            continue
        if character_part is None:
            actors = _leading_actor(ctx, line)
            for actor in actors:
                voice = bool(VOICE.search(line)) or voice_section
                credited = CREDITED_AS.search(line)
                out.append(CastCredit(start + len(out), actor, None, clean_text(credited.group(1)).strip("\"“”") or None if credited else None, voice))
            continue
        if character_part is not None and clean_text(actor_part).casefold() in CREW_LABELS:
            # "Director: [[Zhang Yibai]]": a crew credit in the cast list, nobody's part
            ctx.warn("cast", f'"{clean_text(line)}" credits a {clean_text(actor_part).lower()}, not a part; skipped')
            continue
        separator = line[len(actor_part) : len(line) - len(character_part or "")]
        if ":" in separator and "[[" not in actor_part and re.search(r"(?<!\S)[a-z]", re.sub(r"\([^()]*\)", "", clean_text(actor_part))):
            # "Stunt coordinator: Bobby Bass": a job's label, not a performer
            ctx.warn("cast", f'"{clean_text(line)}" credits a {clean_text(actor_part).lower()}, not a part; skipped')
            continue
        if not re.search(r"\bas\b", separator) and _character_first(actor_part, character_part):
            # "Maria – [[Some Actor]]", "Tom (in bold): Jane Doe, a trained dancer …": the character first
            actor_part, character_part = _leading_name(character_part), actor_part
        actors = _actors(ctx, actor_part)
        character, credited, voice = _character(character_part)
        credited_actor = CREDITED_AS.search(actor_part)
        if credited_actor and not credited:
            credited = clean_text(credited_actor.group(1)).strip("\"“”") or None
        characters = _paired(_character_text(character_part), len(actors)) or [character] * len(actors)
        for actor, played in zip(actors, characters, strict=True):
            out.append(CastCredit(start + len(out), actor, played, credited, voice or voice_section or bool(VOICE.search(actor_part))))
    return out


def _from_tables(ctx, code: Wikicode, voice_section: bool) -> list[CastCredit]:
    out: list[CastCredit] = []
    for tag in tables(code):
        table = Table.of(tag)
        if not table.grid:
            continue
        ctx.warn_long_cells(table.grid, "cast table")
        headers = table.headers
        actor_cols = [i for i, h in enumerate(headers) if ACTOR_HEADER.search(h) and not re.search(r"character|role", h, re.I)]
        char_cols = [i for i, h in enumerate(headers) if CHARACTER_HEADER.search(h) and i not in actor_cols]
        if char_cols:
            # "Character | Japanese | English": performers in the columns of their language
            actor_cols += [i for i, h in enumerate(headers) if i not in actor_cols + char_cols and _language_header(h)]
            actor_cols.sort()
        body = [row for row in table.body if not Table.is_subheading(row)]
        if not actor_cols:
            # no usable header: cells written as "X as Y", or Actor | Role by position
            if any(" as " in clean_text(c.code) for row in body for c in row if c is not None):
                for row in body:
                    seen = set()
                    for cell in row:
                        if cell is None or id(cell) in seen:
                            continue
                        seen.add(id(cell))
                        text = decode_entities(strip_refs(str(cell.code))).strip()
                        actor_part, character_part, _ = _split_line(text)
                        if character_part is None:
                            continue
                        character, credited, voice = _character(character_part)
                        for actor in ctx.names.refs(parse(actor_part)):
                            out.append(CastCredit(len(out) + 1, actor, character, credited, voice or voice_section, "cast-table"))
                continue
            actor_cols, char_cols = [0], [1]
        voice_cols = {i for i in actor_cols if i < len(headers) and re.search(r"voice|dub", headers[i], re.I)}
        for row in body:
            character = None
            credited = None
            for c in char_cols[:1]:
                if c < len(row) and row[c] is not None:
                    character, credited, _ = _character(decode_entities(strip_refs(str(row[c].code))))
            for c in actor_cols:
                if c >= len(row) or row[c] is None:
                    continue
                cell_text = strip_refs(str(row[c].code))
                voice = c in voice_cols or voice_section or bool(VOICE.search(cell_text))
                for item in split_items(parse(cell_text)):
                    # "[[Bob Bergen]] ''as The Wolf''": the character as this performer's version names it
                    raw = BOLD_ITALIC.sub("", str(item))
                    m = find_outside_markup(raw, AS_SEPARATOR, min_start=1)
                    played = (_character(raw[m.end() :])[0] or character) if m else character
                    for actor in ctx.names.refs(parse(raw[: m.start()] if m else raw)):
                        out.append(CastCredit(len(out) + 1, actor, played, credited, voice, "cast-table"))
    return out


def _language_header(text: str) -> bool:
    """A column headed by a language ("Japanese", "English dub", "Hindi version"): the
    performers of that language's version."""
    key = re.sub(r"\s*\b(?:dub|dubbing|version|voice|voices|cast|original|redub)\b\s*", " ", text.casefold()).strip()
    return bool(key) and key in LANGUAGES


#: Labels of crew credits, which some cast lists hold ("Director: [[X]]"): no part is
#: played. (A narrator or a host is a part of the film, and stays.)
CREW_LABELS = ROLE_WORDS - {"narrator", "narration", "host", "hosts", "presenter", "guest", "guests", "cameo", "cameos", "himself", "herself", "themselves", "voice", "voice over", "voice-over", "judge", "singer", "singers", "chorus", "vocals"}


# "{{Plainlist|" or "{{castlist|" followed on the same line by the first list item.
_ITEM_AFTER_TEMPLATE = re.compile(r"(\{\{[^{}|\n]*\|)[ \t]*(?=[*#])")
# The join before a second credit on a line: ", [[B Two]] as …", " and [[B Two]] as …".
_SECOND_CREDIT = re.compile(r"\s*(?:[,;]\s*(?:and\s+)?|\s+and\s+)(?=\[\[[^\[\]]+\]\]\s+as\s)")


def _split_credits(line: str) -> list[str]:
    """"[[A One]] as Tom and [[B Two]] as Ann": one line, two credits. A join only splits
    when a credit ("… as …") stands before it, so "[[A]] and [[B]] as X and Y" is one."""
    parts, start = [], 0
    for m in _SECOND_CREDIT.finditer(line):
        if re.search(r"\sas\s", line[start : m.start()]):
            parts.append(line[start : m.start()])
            start = m.end()
    parts.append(line[start:])
    return parts


# Titles a character goes by, first on a line, a performer after it ("Mayor - Joe Bloggs").
CHARACTER_TITLES = frozenset(
    """mayor priest doctor inspector sheriff king queen prince princess narrator judge captain officer nurse
    teacher boss commissioner detective father mother brother sister grandmother grandfather uncle aunt
    villain hero heroine servant maid butler driver waiter waitress bartender lawyer minister president
    general colonel sergeant constable guard soldier professor student reporter journalist""".split()
)
_BOLD = re.compile(r"^'{3}[^']+'{3}")
_LINK_ONLY = re.compile(r"^\s*\[\[[^\[\]]+\]\](?:\s*\([^()]*\))?\s*$")


def _character_first(actor_part: str, character_part: str | None) -> bool:
    """Whether a cast line names the character first and the performer after the separator:
    the left side links no one and is bold or a character's title ("Mayor"), or the right
    side is a link alone while the left links no one."""
    if character_part is None or "[[" in actor_part or clean_text(actor_part).casefold() in CREW_LABELS:
        return False
    right = character_part.strip()
    if _LINK_ONLY.match(right) or (_BOLD.match(actor_part.strip()) and right):
        return True
    left = clean_text(actor_part).strip()
    return left.casefold() in CHARACTER_TITLES and bool(_PERSON_NAME.fullmatch(clean_text(right)))


def _leading_name(text: str) -> str:
    """The performer at the start of the text after a character: its first link, or the
    words before a comma ("Jane Doe, a trained dancer, also appeared in …")."""
    link = re.match(r"^\s*(\[\[[^\[\]]+\]\])", text)
    if link:
        return link.group(1)
    return re.split(r"\s*[,;(]|\s+(?:who|is|was|also|plays)\b", text.strip(), maxsplit=1)[0]


def _split_line(line: str) -> tuple[str, str | None, bool]:
    """Split a cast line into (performer wikitext, character wikitext or None, ends with "as:")."""
    m = find_outside_markup(line, SEPARATOR, min_start=1)
    if m:
        actor, rest = line[: m.start()], line[m.end() :]
        # "[[X]] as:" / "[[X]] in a dual role as" with the characters on the lines below
        colon = m.group().strip() in ("as:", "as") and rest.strip() == "" or (rest.strip() == "" and line.rstrip().endswith(":"))
        return actor, rest if rest.strip() or colon else None, colon
    if line.rstrip().endswith(":"):
        return line.rstrip()[:-1], None, True
    verb = find_outside_markup(line, VERB_SEPARATOR)
    if verb is not None and verb.start() > 0 and _names_only(line[: verb.start()]):
        return line[: verb.start()], line[verb.end() :], False
    return line, None, False


def _names_only(actor_part: str) -> bool:
    """The text before a verb names performers and nothing more: one clause, a few words."""
    text = clean_text(re.split(r",\s+(?:who|which|whose)\b", actor_part, maxsplit=1)[0])
    return 0 < len(text.split()) <= 10 and not re.search(r"[.!?;]\s+[A-Z]|\b(?:is|are|was|were|has|have|had)\b", text)


def _character(text: str) -> tuple[str | None, str | None, bool]:
    """(character name, credited-as name, voice role) from the part after the separator."""
    credited = CREDITED_AS.search(text)
    name = _character_text(text)
    return (
        _without_lead_in(name) if name else None,
        clean_text(credited.group(1)).strip("\"“”") or None if credited else None,
        bool(VOICE.search(text)),
    )


def _character_text(text: str) -> str | None:
    """The character part of a cast line as plain text, credits, voice and trailing
    remarks removed and cut where the description of the character starts."""
    cleaned = CREDITED_AS.sub("", text)
    cleaned = VOICE.sub("", cleaned)
    cleaned = UNCREDITED.sub("", cleaned)
    name = clean_text(cleaned)
    name = re.sub(r"^as\s+", "", name)
    name = re.sub(r"(?:\s*\([^()]*\))+$", "", name)
    name = re.sub(r"\s*\((?:cameo|archive footage|special appearance|guest appearance|guest role|uncredited|credited)[^()]*\)", "", name, flags=re.I)
    # "the herald at the tournament uncredited", "Milky in a special appearance for an item
    # number": how the part was played, not who
    name = re.sub(r"\s+\(?uncredited\)?$", "", name, flags=re.I)
    name = re.sub(r"\s*\b(?:in\s+)?(?:an?\s+)?(?:brief|short|special|cameo|guest)\s+(?:appearance|role)\b.*$|\s+in\s+the\s+(?:song|number|track|sequence)\b.*$|\s+in\s+(?:an?|the)\s+(?:flashback|dream|dream sequence|photograph|archive footage|montage|voice-?over)s?\b.*$|\s*\b(?:in\s+)?(?:an?\s+)?item\s+(?:number|song)\b.*$", "", name, flags=re.I)
    m = DESCRIPTION.search(name)
    if m:
        name = name[: m.start()]
    # "Tom, Jones' brother", "Hero, King of the North", "Vikram; Anurag and Jyoti's son":
    # what follows a comma or semicolon and holds words in lower case describes the character
    comma = re.search(r"\s*[,;]\s+", name)
    head_words = name[: comma.start()].split() if comma else []
    if comma and all(w[:1].isupper() or w[:1] in "\"“'(" or w in PARTICLES for w in head_words) and re.search(r"\b(?!(?:de|da|van|von|der|del|la|le|di|du|al|bin)\b)[a-z]{2,}", name[comma.end() :]):
        name = name[: comma.start()]
    name = _without_relative_clause(_first_sentence(name))
    if len(name) > MAX_CHARACTER_LENGTH:
        name = re.split(r"[,;]", name, maxsplit=1)[0]
    name = _without_quotes(name)
    if name.endswith((" Jr", " Sr", " Dr", " St")):
        name += "."
    if not name or len(name) > MAX_CHARACTER_LENGTH or _NOT_A_CHARACTER.fullmatch(name):
        return None
    return name


#: what a cast line gives where a character would be that names none ("as additional voices")
_NOT_A_CHARACTER = re.compile(r"(?:additional|various|other|several|miscellaneous|uncredited)\s+(?:voices?|characters?|roles?|parts?)", re.I)


# A character written as prose, not as a credit: it opens with a determiner ("the driver …").
_PROSE_CHARACTER = re.compile(r"(?:the|a|an|his|her|their|its|one)\s")
_PREPOSITIONS = r"at|in|on|of|to|from|with|by|for|under|through|into|during|about"
# Where a relative clause starts: "… who gets pulled over", "… at which Ann studied", "… whose dog …".
# ("that" after a preposition is a determiner: "the girl in that house").
_RELATIVE = re.compile(rf"(?<!\S)(?:(?:{_PREPOSITIONS})\s+(?:which|whom)|who|whom|whose|which|that)\s+\S")
_AFTER_PREPOSITION = re.compile(rf"\b(?:{_PREPOSITIONS})\s+$")
# Function words a cut must not leave at the end: "the race marshal of" (before "who …").
_DANGLING = re.compile(rf"(?:\s+(?:{_PREPOSITIONS}|the|a|an|and|or))+$")


def _without_relative_clause(name: str) -> str:
    """A character written as a description ("the driver in the van who gets pulled over by
    Mr. Roe") without the relative clause that tells the story: "the driver in the van".
    A credit's own name ("Man Who Shouts", "Girl who screams") does not open with a
    determiner and is kept whole, and so is a cut that would leave a single word."""
    if not _PROSE_CHARACTER.match(name):
        return name
    m = next((m for m in _RELATIVE.finditer(name) if not (m.group().startswith("that") and _AFTER_PREPOSITION.search(name[: m.start()]))), None)
    if m is None:
        return name
    head = _DANGLING.sub("", name[: m.start()].rstrip())
    return head if len(head.split()) >= 2 else name


def _without_quotes(name: str) -> str:
    """The character without the punctuation and quotes around it ('"Slim"' → Slim),
    keeping a quote whose partner is inside: the closing quote of a title it ends with
    ('… during "Waterloo"'), the opening one of a name it starts with ('"Paula"/Margaret')."""
    bare = name.strip(" ,;:.\"'“”").strip()
    trimmed = name.strip(" ,;:.")
    if bare.count('"') % 2:
        if trimmed.endswith('"') and not bare.endswith('"'):
            bare += '"'
        elif trimmed.startswith('"'):
            bare = '"' + bare
    elif bare.count("“") > bare.count("”") and trimmed.endswith("”"):
        bare += "”"
    elif bare.count("”") > bare.count("“") and trimmed.startswith("“"):
        bare = "“" + bare
    return bare


# Words that only open a description ("the desk clerk", "a state trooper").
_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "their", "its", "one", "two"})
# Words that are part of who the character is ("young Charles Xavier") or that make the
# rest a place, not the character ("the proprietor of the Kent Road Tavern").
_KEEP_LEAD_IN = frozenset(
    {
        "young", "younger", "old", "older", "elder", "elderly", "teenage", "teen", "adult", "child",
        "little", "baby", "future", "past", "evil", "real", "fake", "dead", "late", "adolescent",
        "of", "in", "at", "from", "for", "with", "on", "to", "by", "near", "inside", "outside",
    }
)
# A character's name after lower-case describing words: "tree-loving photographer Pamela Glover".
_LEAD_IN = re.compile(r"^((?:[a-z][\w'’-]*\s+)+)(?=[A-Z])")


def _without_lead_in(name: str) -> str:
    """A character name without the lower-case words that describe the character before
    it ("race car driver Jamie Blake" → "Jamie Blake"); descriptions that name no one
    ("the desk clerk", "a California Highway Patrolman") are kept as they are."""
    m = _LEAD_IN.match(name)
    if not m:
        return name
    words = m.group(1).split()
    rest = name[m.end() :]
    if (
        all(w in _DETERMINERS for w in words)
        or any(w in _KEEP_LEAD_IN for w in words)
        or not _PERSON_NAME.fullmatch(rest)
        or " " not in rest
    ):
        return name
    return rest


def _paired(character: str | None, count: int) -> list[str] | None:
    """One character per performer for "A and B as X and Y": the names in order, when the
    character text is exactly ``count`` names (each perhaps after describing words)."""
    if not character or count < 2:
        return None
    # "Riley's father and mother": one owner, a part each
    owned = re.fullmatch(r"(.+?['’]s)\s+([a-z][\w-]*)\s+and\s+([a-z][\w-]*)", character)
    if owned and count == 2:
        return [f"{owned.group(1)} {owned.group(2)}", f"{owned.group(1)} {owned.group(3)}"]
    parts = [p.strip() for p in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+&\s+", character) if p.strip()]
    if len(parts) != count:
        return None
    names = [_without_lead_in(p) for p in parts]
    # each a name ("Mel and Terry") or each a description of its own ("a waiter and the cook")
    if not all(_PERSON_NAME.fullmatch(n) for n in names) and not all(_PROSE_CHARACTER.match(p) for p in parts):
        return None
    return names


# A person's name written out: capitalised words (particles allowed), no verbs or roles.
_PERSON_NAME = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:(?:de|da|van|von|der|del|la|le|di|bin|al|dos|du)\s+)?[A-Z][\w.'’-]*)*")
_ABBREVIATION = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|Jr|Sr|St|Lt|Sgt|Capt|Col|Gen|Prof|Rev|Mt|No|Vol|Maj|Cpl|Pvt|Adm|Gov|Sen|Rep|Hon|Fr|Br|Sr|Ph\.D|Esq|Supdt|Supt|Insp|Const|Det|Cmdr|Cdr|Brig|Asst|Addl|Dy|Adv|Smt|Shri|Sri)|\b[A-Za-z]|\ba\.k\.a)\.$")


# A link used as a modifier before the performer: "[[Car and Driver]] columnist [[Brock Yates]]".
_ATTRIBUTIVE_LINK = re.compile(r"\[\[[^\[\]]*\]\]'*(?=\s+(?!(?:and|or|with|as|&)\b)[a-z][^\[]*\[\[)")


def _actors(ctx, actor_part: str) -> list[Ref]:
    """The performers named before the separator. When the text links someone, plain
    words around the links ("Director [[Hal Needham]] appears uncredited") are prose,
    not more performers, unless they are written as a person's name."""
    actor_part = re.split(r",\s+(?:who|which|whose)\b", actor_part, maxsplit=1)[0]
    actor_part = _ATTRIBUTIVE_LINK.sub("", actor_part)
    refs = ctx.names.refs(parse(actor_part))
    if any(r.title for r in refs):
        refs = [r for r in refs if r.title or _PERSON_NAME.fullmatch(r.name) and " " in r.name]
    # an unlinked name with a possessive or a word in lower case is no one's ("Marisol's
    # father", "The twins Ava"); a first name alone before another's full name shares its
    # surname ("Lucas and Emmett Bryce"): neither is a performer's name as written
    refs = [r for r in refs if r.title or not re.search(r"['’]s\b", r.name) and all(w[:1].isupper() or w in PARTICLES for w in r.name.split())]
    refs = [r for i, r in enumerate(refs) if r.title or " " in r.name or not any(" " in o.name for o in refs[i + 1 :])]
    return refs


#: a cast line that is a credit ("Narrated by X", "Music by X")
_CREDIT_LINE = re.compile(r"(?i:(?:narrated|directed|written|produced|hosted|presented|introduced|music|songs?|lyrics)\s+by\b)|[A-Z][a-z]+(?:\s+[a-z]+){0,2}\s+by\s")


def _first_sentence(text: str) -> str:
    """Text up to the end of its first sentence ("Pamela Glover. J.J. calls her …"),
    not counting abbreviations and initials ("Dr. Alice", "J.J. McClure")."""
    for m in re.finditer(r"\.\s+(?=[A-Z])", text):
        if not _ABBREVIATION.search(text[: m.start() + 1]) and not re.search(r"\b[A-Z]\.[A-Z]\.$", text[: m.start() + 1]):
            return text[: m.start()]
    return text


def _leading_actor(ctx, line: str) -> list[Ref]:
    """The performer on a line with no character: its leading link, or the whole line if it is short."""
    code = parse(line)
    first = code.nodes[0] if code.nodes else None
    refs = ctx.names.refs(code)
    if not refs:
        return []
    from mwparserfromhell.nodes import Template, Wikilink

    if isinstance(first, Wikilink) or (isinstance(first, Template) and refs[0].title):
        return refs[:1]
    text = clean_text(code)
    if len(text.split()) <= 5 and not re.search(r"[.!?]\s|\b(is|was|are|has|plays|makes)\b", text):
        return refs[:1] if len(refs) == 1 else refs
    return []


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    return bool(re.fullmatch(r"'''[^']+'''\s*:?", stripped)) or stripped.endswith(":")




def _without_tables(text: str) -> str:
    out, depth = [], 0
    for line in text.split("\n"):
        s = line.lstrip()
        if s.startswith("{|"):
            depth += 1
        if depth == 0:
            out.append(line)
        if s.startswith("|}"):
            depth = max(0, depth - 1)
    return "\n".join(out)


EXTRACTOR = CastExtractor()
