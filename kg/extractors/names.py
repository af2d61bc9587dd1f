"""Names as extractors read them: which entity a shown name or a link stands for.

An article links a person once and then names them in plain text elsewhere. The
:class:`NameReader` indexes every link of the article (lead, infobox, tables, any
section) so that an unlinked name becomes the linked entity when the article links
that name anywhere — as the link's target title or as its shown label — and stays
article-scoped otherwise (CONTRACT.md, Identity). Every name it reads for a global
entity is recorded as a *mention*; the resolve stage (:mod:`kg.resolve`) chooses each
entity's one display name from them once all extractors have run.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from mwparserfromhell.wikicode import Wikicode

from kg.model import Ref
from kg.wikitext import Link, clean_text, links, parse, parse_link
from kg.titles import normalise_title, spells_title, strip_disambiguator

# Words that are never names of people or organisations on their own.
NOT_A_NAME = frozenset(
    {
        "", "n/a", "na", "none", "various", "various artists", "see below", "see cast",
        "uncredited", "tba", "tbd", "unknown", "et al.", "et al", "others", "and others",
        "cast", "crew", "various others", "-", "–", "—", "?", "see list",
        # words that join or qualify names, left alone between two links
        "and", "or", "&", "with", "for", "by", "as", "of", "from", "in", "feat.", "featuring", "also",
        "in association with", "in collaboration with", "in co-operation with", "in cooperation with",
        "presents", "present", "a", "the", "and the", "with the", "ft.", "ft", "feat",
    }
)
_PAREN = re.compile(r"\s*\([^()]*\)")
# "[[A]] & B Films": the joiner left at an end of the text between links
_JOINER_AT_ENDS = re.compile(r"^\s*(?:and|&|or|with|,|;|/)\s+|\s+(?:and|&|or|with)\s*$|\s*[,;/]\s*$", re.I)
_PERSON_SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|&|/|\+|\bfeat\.?(?=\s)|\bft\.?(?=\s)|\bfeaturing\b)\s*")
# A label in front of names, "Songs: [[Ilaiyaraaja]]", "Score: Deva"; and a label alone.
_LABEL_WORDS = r"(?:songs?|score|music|lyrics|background (?:score|music)|original score|dialogues?|screenplay|story|bgm|theme)"
_LABEL_PREFIX = re.compile(rf"^\W*{_LABEL_WORDS}\W*:\s*", re.I)
_LABEL_ONLY = re.compile(rf"^\W*{_LABEL_WORDS}\W*:?\W*$", re.I)
# "Lon Chaney, Jr.": the suffix belongs to the name before the comma.
_SUFFIX_AFTER_COMMA = re.compile(r",\s*(Jr|Sr)\.?(?=\s*(?:$|[,;&/]|\band\b))")
MAX_NAME_LENGTH = 150
# A label that reads as a person's name: two or more capitalised words ("Rosemary Lane").
_NAME_LIKE = re.compile(r"[A-Z][\w.'’-]*(?: (?:(?:de|da|van|von|der|del|la|le|di|bin|al) )?[A-Z][\w.'’-]*)+")


# --------------------------------------------------------------------------- does it read as a name?
# A name kg mints for a person, an organisation or a group from unlinked text must read as
# one. What does not is never minted: the line is skipped with a warning that quotes it.

#: Lower-case words that begin real names ("de Havilland", "van Gogh", "bin Laden").
PARTICLES = frozenset("de da das do dos du van von der den del della di la le lo ten ter bin ibn al el d' y st".split())
#: Words that make a text a clause or a description when written in lower case: pronouns,
#: determiners and the verbs prose uses around names ("who", "his best known roles are").
CLAUSE_WORDS = frozenset(
    """he she they it who whom whose which what his her hers their theirs its him them we you
    that this these those is are was were be been being has have had does did will would shall
    should may might can could must plays played playing portrays portrayed portraying stars
    starred starring appears appeared appearing voices voiced not also later then when where
    while after before during because since until into onto about""".split()
)
#: Labels and job titles an infobox or a table writes in front of names, and words that
#: name no one: never a person or an organisation on their own.
ROLE_WORDS = frozenset(
    """director directors producer producers writer writers music lyrics lyricist lyricists songs
    song score scores theme themes judge narrator editor editing cinematography cinematographer
    screenplay story dialogue dialogues cast crew vocals chorus choreography choreographer
    composer composers singer singers playback host hosts presenter guest guests cameo cameos
    himself herself themselves narration""".split()
) | frozenset(
    {
        "background score", "background music", "original score", "additional music", "music director",
        "sound director", "art director", "film score", "title song", "title track", "songs and score",
        "executive producer", "associate producer", "co-producer", "line producer", "story and screenplay",
        "screenplay and dialogues", "story, screenplay and dialogues", "special appearance", "guest appearance",
        "item number", "voice", "voice over", "voice-over", "instrumental", "instrumentals", "the cast", "full cast",
        "various artists",
    }
)
# Post-nominal letters of cinematographers' and editors' societies: not part of the name.
_POST_NOMINALS = re.compile(r"(?:,?\s+(?:A\.\s?S\.\s?C\.?|ASC|B\.\s?S\.\s?C\.?|BSC|I\.\s?S\.\s?C\.?|ISC|C\.\s?S\.\s?C\.?|CSC|A\.\s?C\.\s?E\.?|ACE|GSC|AIC|AFC|NZCS))+$")
_POST_NOMINAL_ONLY = re.compile(r"^(?:A\.\s?S\.\s?C\.?|ASC|B\.\s?S\.\s?C\.?|BSC|I\.\s?S\.\s?C\.?|ISC|A\.\s?C\.\s?E\.?|ACE|Jr\.?|Sr\.?|II|III|IV)$")
# Abbreviations a full stop follows inside a name ("Dr. No", "St. Louis", "J. R. R. Tolkien").
_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]|\b[A-Z]{2,4}|Dr|Mr|Mrs|Ms|Jr|Sr|St|Mt|Lt|Col|Gen|Capt|Sgt|Prof|Rev|Fr|Co|Inc|Ltd|Bros|Corp|No|Vol|vs)$")


def name_problem(name: str, *, person: bool = True) -> str | None:
    """Why ``name`` does not read as the name of a person (or, with ``person`` false, of an
    organisation or place), or ``None`` when it does.

    It is a role or label ("Background score", "Dialogues"); it starts in lower case (name
    particles such as "de", "van" aside); it holds a pronoun, determiner or verb in lower
    case ("who", "his best known roles are", "the hotel's"); it is a description ("an
    83-year-old"); it runs on past a full stop into another sentence; or, for a person, it
    is longer than a name. Real names in lower case exist ("bell hooks"): they are read
    when the article links them, never from unlinked text.

    :param name: a cleaned name (:func:`clean_name`).
    """
    key = name.casefold()
    if key in ROLE_WORDS or key.rstrip(":") in ROLE_WORDS:
        return "a role or label, not a name"
    words = name.split()
    if not words:
        return "empty"
    first = words[0]
    if first.casefold() in ("his", "her", "their", "its", "my", "our", "your"):
        return f"starts with the possessive {first!r}"
    if first[:1].islower() and not (first in PARTICLES and len(words) > 1 and words[1][:1].isupper()):
        return "starts in lower case"
    bare = [w.strip(".,;:!?\"'“”‘’()") for w in words]
    clause = next((w for w in bare[1:] if w in CLAUSE_WORDS or w.endswith("'s") and w[:1].islower()), None)
    if clause is not None:
        return f'reads as a clause ("{clause}")'
    if re.search(r"\d+[- ]year[- ]old", key):
        return "a description"
    for m in re.finditer(r"[.!?](?=\s+\S)", name):
        if m.group() != "." or not _ABBREVIATION_END.search(name[: m.start()]):
            return "runs on into another sentence"
    if person and len(words) > 7:
        return "too long for a name"
    return None


#: Words that end or make up the name of a company, not of a person.
COMPANY = re.compile(
    r"\b(?:Pictures|Films|Productions?|Studios?|Entertainment|Media|Multimedia|Digitals?|Limited|Ltd\.?|Inc\.?|"
    r"LLC|Corporation|Corp\.?|Company|Co\.|Group|Movies|Motion Pictures|Telefilms|Creations|Combines?|Arts|"
    r"Cinemas?|Releasing|Distribution|Distributors|Records|Animation|Network|Television|Broadcasting|"
    r"Board|Institute|Foundation|Society|Association|Department|Pvt\.?|Private|GmbH|S\.A\.|S\.p\.A\.|B\.V\.|"
    r"Enterprises?|Ventures|Talkies|Syndicate|Associates|International|Industries|Holdings|Bros\.?|Comics)\b"
)
def looks_like_company(name: str) -> bool:
    """Whether ``name`` has a company's form ("Rajshri Productions", "Televista Digitals Limited")."""
    return bool(COMPANY.search(name))


# --------------------------------------------------------------------------- links that name no one
# A page an article links where a person stands is not always a person's: an award's page in
# a Nominee column, a country "as herself" in a cast list. Such a link is never a person; it
# is skipped with a warning that quotes it.

#: The page of an awarding body or prize: "Filmfare Awards", "Nobel Prize", "Polar Music
#: Prize", "Bharat Ratna Medal" (the words kg reads award and ceremony titles by, at the end).
AWARD_BODY = re.compile(r"^\S.*\s(?:Awards?|Prizes?|Medal)$")


def award_title(title: str) -> bool:
    """Whether the page ``title`` is an award's, as kg reads award titles: an award category
    ("Academy Award for Best Picture", :data:`kg.extractors.awards.CATEGORY_ARTICLE`), a
    ceremony ("11th Academy Awards", :data:`kg.extractors.awards.CEREMONY_ARTICLE`) or an
    awarding body or prize ("Filmfare Awards", "Nobel Prize", :data:`AWARD_BODY`).
    A disambiguated title ("The Prize (1963 film)", "Jane Prize (actress)") is some other
    page's, never taken for an award's."""
    from kg.extractors.awards import CATEGORY_ARTICLE, CEREMONY_ARTICLE

    if strip_disambiguator(title) != title:
        return False
    return bool(CATEGORY_ARTICLE.search(title) or CEREMONY_ARTICLE.match(title) or AWARD_BODY.match(title))


#: The parts a performer plays as themselves.
SELF_PARTS = frozenset({"himself", "herself", "themselves", "themself", "itself"})


# The last word of a place's name that ends no person's or group's name ("New York City",
# "Orange County", "Faroe Islands"), and a ship's prefix ("RMS Titanic", "USS Enterprise").
_PLACE_NAME = re.compile(
    r"^(?:HMS|HMAS|HMCS|RMS|USS|USNS)\s+[A-Z].*"
    r"|^.+\s(?:City|County|Borough|Province|Kingdom|Republic|Township|Prefecture|Municipality"
    r"|District|Islands|Mountains|Oblast|Governorate|Metropolis)$"
)
# A disambiguator that says the page is a place or a ship: "Paris (city)", "Titanic (ship)".
_PLACE_DISAMBIGUATOR = re.compile(r"\((?:[\w .'-]+\s)?(?:city|town|village|ship|liner|locomotive|building|neighbourhood|neighborhood)\)$", re.I)


def reads_as_place(title: str) -> bool:
    """Whether a page title has the form of a place's or a ship's name. A title with some
    other disambiguator ("Jane City (actress)") is another page: its disambiguator decides."""
    base = strip_disambiguator(title)
    if base != title:
        return bool(_PLACE_DISAMBIGUATOR.search(title))
    return bool(_PLACE_NAME.match(title))


# A band, an orchestra, a choir … by its name ("Kronos Quartet", "The Chemical Brothers",
# "Echo & the Bunnymen") or by its page's disambiguator ("Low (band)").
_GROUP_NAME = re.compile(
    r"^the\s+\S.*s$|\b(band|orchestra|philharmonic|symphony|choir|chorus|chorale|ensemble|quartet|quintet|trio|"
    r"singers|brothers|sisters|boys|girls|crew|collective|project|players|sinfonia|gang)\b|\band the\b|\b& the\b",
    re.I,
)
_GROUP_TITLE = re.compile(r"\([^()]*\b(band|group|duo|trio|quartet|orchestra|choir|ensemble)\)$", re.I)


def reads_as_group(ref: Ref) -> bool:
    """Whether a music credit (a performer, a writer, the film's music) names a group, a
    ``schema:MusicGroup``, rather than a person. Read only where music is credited: elsewhere
    "brothers" names two people ("the Coen brothers")."""
    if ref.title and _GROUP_TITLE.search(ref.title):
        return True
    return bool(_GROUP_NAME.search(ref.name))


def not_a_performer(actor: Ref, character: str | None) -> str | None:
    """Why a cast credit of ``actor`` playing ``character`` names no performer, or ``None``.

    A part "itself" is played by a thing, a place or an animal, never by a person ("[[New
    York City]] as itself"); a country (:func:`kg.values.country_title`) playing itself,
    herself or themselves is the country shown on screen ("[[France]] as herself"); a page
    whose title has a place's or a ship's form (:func:`reads_as_place`) is never a performer,
    whatever its part ("[[New York City]] as herself", "[[RMS Titanic]] as herself").
    """
    from kg.values import country_title

    part = (character or "").strip().casefold()
    if part in SELF_PARTS and country_title(actor.title or actor.name) is not None:
        return "a country, not a performer"
    if part == "itself":
        return "a thing or a place playing itself, not a performer"
    if reads_as_place(actor.title or actor.name):
        return "a place or a ship, not a performer"
    return None


def fold(text: str) -> str:
    """``text`` for matching names as readers do: case and accents ignored ("Skarsgard"
    is "Skarsgård")."""
    if text.isascii():
        return text.casefold()  # no accent to drop: NFKD leaves ASCII as it is
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


class NameReader:
    """Read shown names as :class:`Ref` values, using every link in the article.

    :param code: the whole article's parse tree.
    """

    def __init__(self, code: Wikicode) -> None:
        self._titles: set[str] = set()
        self._labels: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
        labels_by_title: dict[str, set[str]] = defaultdict(set)
        for link in links(code):
            if link.section is None:
                self._titles.add(link.title)
            if link.text:
                self._labels[fold(link.text)].add((link.title, link.section))
            if link.section is None and _NAME_LIKE.fullmatch(link.text):
                labels_by_title[link.title].add(link.text.casefold())
        self._shared = frozenset(
            title
            for title, labels in labels_by_title.items()
            if any(a not in b and b not in a for a in labels for b in labels if a != b)
        )
        # "Paisley" after "[[Brad Paisley]]": a lone surname that one linked person carries
        by_surname: dict[str, set[str]] = defaultdict(set)
        for title, labels in labels_by_title.items():
            for label in labels:
                by_surname[fold(label.rsplit(" ", 1)[-1])].add(title)
        self._by_surname = {last: next(iter(titles)) for last, titles in by_surname.items() if len(titles) == 1}
        self.mentions: list[tuple[str, str]] = []
        #: what the extractor running now is called (set by :func:`kg.extract.run_extractors`)
        self.where = ""
        #: (where, name, reason, the text it came from) of every name not minted
        self.rejected: list[tuple[str, str, str, str]] = []

    def ref_for_link(self, link: Link) -> Ref:
        """The entity a link names; records the shown text as a candidate name.

        A page the article links under several different names (``[[Lane Sisters|Rosemary
        Lane]]``, ``[[Lane Sisters|Lola Lane]]``) does not identify any one of them: such a
        name is resolved on its own, and stays article-scoped with ``rdfs:seeAlso`` to the
        page when the article does not link it directly.
        """
        name = link.text or link.title
        if name == link.title:
            name = strip_disambiguator(name)  # "[[Kunchan (actor)]]" names Kunchan
        if link.section is None and link.title in self._shared and name.casefold() != link.title.casefold():
            title = normalise_title(name)
            if title in self._titles:
                return self._seen(Ref(name, title))
            others = {t for t in self._labels.get(fold(name), ()) if t[0] != link.title}
            if len(others) == 1:
                other, section = next(iter(others))
                return self._seen(Ref(name, other, section))
            return Ref(name, link.title, "")
        return self._seen(Ref(name, link.title, link.section))

    def resolve(self, name: str, *, check: str | None = None, context: str = "") -> Ref | None:
        """The entity an unlinked ``name`` stands for (``None`` when it is not a name).

        :param name: clean text as shown.
        :param check: ``"person"`` or ``"other"``: a name the article does not link
            anywhere must read as a name of that kind (:func:`name_problem`); one that
            does not is recorded in :attr:`rejected` and gives ``None``.
        :param context: the text the name came from, quoted when it is rejected.
        """
        name = clean_name(name)
        if name is None:
            return None
        title = normalise_title(name)
        if title in self._titles:
            return self._seen(Ref(name, title))
        targets = self._labels.get(fold(name))
        if targets and len(targets) == 1:
            target, section = next(iter(targets))
            return self._seen(Ref(name, target, section))
        surname = self._by_surname.get(fold(name)) if " " not in name and name[:1].isupper() else None
        if surname is not None:
            return Ref(name, surname)  # a surname refers to the person; it is not a name they are shown by
        if check is not None:
            problem = name_problem(name, person=check == "person")
            if problem is not None:
                self.rejected.append((self.where, name, problem, context or name))
                return None
        return Ref(name)

    def linked(self, name: str) -> Ref:
        """``name`` as a reference: the page of that exact title when the article links it,
        else a name of its own (no resolution by label: for awards and ceremonies, where
        another row's "Best Actor" is another award)."""
        title = normalise_title(name)
        if title in self._titles:
            return self._seen(Ref(name, title))
        return Ref(name)

    def refs(self, fragment: Wikicode | str, *, split: bool = True) -> list[Ref]:
        """The entities named in one list item.

        Every link is one entity (named after its page when what it shows does not read
        as a name). Plain text between links is split on ``,`` ``;`` ``and`` ``&`` ``/``
        when ``split`` is true (people), and kept whole otherwise (organisations, places);
        a piece the article does not link anywhere must read as a name
        (:func:`name_problem`), else it is skipped and recorded in :attr:`rejected`.

        :param fragment: one item of an infobox value, table cell or list line.
        :param split: split plain text into several names (people).
        """
        if isinstance(fragment, str):
            fragment = parse(fragment)
        out: list[Ref] = []
        buffer: list[str] = []
        context = ""
        companies = False  # plain text held several companies' names

        def flush() -> None:
            nonlocal context
            text = clean_text("".join(buffer))
            buffer.clear()
            if not text:
                return
            if not context:
                context = clean_text(fragment)[:160]
            text = _JOINER_AT_ENDS.sub("", _PAREN.sub("", text)).strip()
            text = _LABEL_PREFIX.sub("", text).strip()
            if text.casefold() in NOT_A_NAME or _LABEL_ONLY.match(text):
                return
            text = _SUFFIX_AFTER_COMMA.sub(r" \1.", _POST_NOMINALS.sub("", text))
            if split:
                pieces = _PERSON_SEPARATORS.split(text)
            else:  # companies: "Rajshri Productions, Yash Raj Films" are two when each reads as one
                parts = [p.strip() for p in re.split(r"\s*[,;]\s*", text)]
                pieces = parts if len(parts) > 1 and all(looks_like_company(p) for p in parts) else [text]
                nonlocal companies
                companies = companies or len(pieces) > 1
            for piece in pieces:
                if _POST_NOMINAL_ONLY.match(piece.strip()):
                    continue  # "A.S.C." after a comma: letters after a name, not a name
                ref = self.resolve(piece, check="person" if split else "other", context=context)
                if ref is not None:
                    out.append(ref)

        for node in _flat_nodes(fragment):
            if isinstance(node, Link) and _open_paren("".join(buffer)):
                # "John Eduri ([[Film score|background score]])": a remark about the name
                buffer.append(node.text or node.title)
                continue
            if isinstance(node, Link):
                flush()
                shown = clean_name(node.text or node.title)
                if shown is not None and split and node.section is None and award_title(node.title):
                    # "[[Academy Award for Best Picture]]" in a Nominee column: an award, no one
                    reason = "an award's page, not a person" if shown == node.title else f'links the award "{node.title}", not a person'
                    self.rejected.append((self.where, shown, reason, context or clean_text(fragment)[:160]))
                    continue
                if shown is not None:
                    if node.section is None and not spells_title(shown, node.title) and name_problem(shown, person=split) is not None:
                        # "[[Jane Roe|his wife]]": the page is the entity, what it shows is prose
                        node = Link(node.title, None, strip_disambiguator(node.title))
                    out.append(self.ref_for_link(node))
            else:
                buffer.append(node)
        flush()
        if not split and len(out) > 1 and not companies and not any(r.title for r in out):
            return out[:1]
        return out

    def _seen(self, ref: Ref) -> Ref:
        if ref.title is not None and ref.section is None:
            self.mentions.append((ref.title, ref.name))
        return ref


def clean_name(text: str) -> str | None:
    """A shown name without parentheticals, quotes and stray punctuation, or ``None`` if it is not a name.

    :param text: clean text.
    """
    name = _PAREN.sub("", text).strip().strip("\"“”'‘’ ,;:*-–—").strip()
    while name.endswith(".") and not re.search(r"(?:\b[A-Z]|\b(?:Jr|Sr|Co|Inc|Ltd|Bros|Corp|St|Dr))\.$", name):
        name = name[:-1].rstrip()
    name = name.strip("\"“”'‘’ ,;:*-–—").strip()
    if name.endswith(" Jr") or name.endswith(" Sr"):
        name += "."
    name = re.sub(r"\s+", " ", name)
    if name.casefold() in NOT_A_NAME or len(name) > MAX_NAME_LENGTH or not re.search(r"\w", name):
        return None
    return name


def _open_paren(text: str) -> bool:
    """``text`` has a "(" not yet closed."""
    return text.count("(") > text.count(")")


def _flat_nodes(code: Wikicode) -> list[object]:
    """The item as a sequence of links (:class:`Link`) and raw wikitext strings between them."""
    from mwparserfromhell.nodes import Template, Wikilink

    from kg.wikitext import FIXED_TEXT, JOIN_TWO_ARGS, SHOW_FIRST_ARG, SHOW_SECOND_ARG, positional, sortname, template_name

    out: list[object] = []
    for node in code.nodes:
        if isinstance(node, Wikilink):
            link = parse_link(node)
            out.append(link if link is not None else clean_text(node.text) if node.text is not None else "")
        elif isinstance(node, Template):
            name = template_name(node)
            args = positional(node)
            if name in JOIN_TWO_ARGS and len(args) >= 2:
                shown, target = sortname(node)
                out.append(Link(target, None, shown) if target else shown)
            elif name in ("ill", "interlanguage link", "interlanguage link multi", "illm", "ill2") and args:
                out.append(clean_text(args[0]))
            elif (name in SHOW_FIRST_ARG or name in SHOW_SECOND_ARG) and args:
                idx = 1 if (name in SHOW_SECOND_ARG and len(args) >= 2) else 0
                out.extend(_flat_nodes(args[idx]))
            elif name.startswith(("cite", "citation", "#", "efn", "refn", "sfn", "harv", "lang-")) or name in FIXED_TEXT:
                out.append(str(node))
            else:
                # an unknown wrapper ({{English manga publisher|US=[[A]]}}): its arguments are the content
                for p in node.params:
                    out.extend(_flat_nodes(p.value))
                    out.append(", ")
        else:
            out.append(str(node))
    return out
