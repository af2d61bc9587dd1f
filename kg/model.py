"""The extraction model: what extractors find in an article, before any RDF.

Frozen dataclasses only; no rdflib here. Mapping (:mod:`kg.mapping`) turns an
:class:`Extraction` into a graph. Every model object that comes from a place in
the article carries that place (``source``: infobox parameter or section), the
way DBpedia quads carry their source IRI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from decimal import Decimal

from kg.values import Money, PartialDate


@dataclass(frozen=True, slots=True)
class Page:
    """One article as read from the input.

    :param title: the page title, normalised (spaces, first letter upper-case).
    :param text: the wikitext.
    :param source: the input it came from (file name or ``-``), for messages.
    :param revid: the revision id when the input has one.
    :param timestamp: the revision's ISO 8601 timestamp when the input has one.
    :param pageid: the page id when the input has one.
    :param ns: the namespace number (0 = articles).
    :param redirect: the redirect target when the input says the page is a redirect.
    :param warnings: what reading the page noticed (``"where: message"``), reported with
        the extraction's warnings.
    :param format: ``"wikitext"``, or ``"plaintext"`` for a plain-text extract
        (MediaWiki's TextExtracts, ``prop=extracts&explaintext``): its ``text`` is then the
        plain text, read by the prose extractor alone.
    """

    title: str
    text: str
    source: str
    revid: int | None = None
    timestamp: str | None = None
    pageid: int | None = None
    ns: int = 0
    redirect: str | None = None
    warnings: tuple[str, ...] = ()
    format: str = "wikitext"

    @property
    def where(self) -> str:
        """How messages name the page: its input, and its title when that says more
        (``dump.xml (Heat (1995 film))``, ``- (Heat (1995 film))`` for standard input)."""
        return self.source if self.source in (self.title, "") else f"{self.source} ({self.title})"


@dataclass(frozen=True, slots=True)
class Ref:
    """A named entity as the article shows it.

    :param name: the text the article shows (clean, no markup).
    :param title: the normalised title of the page the article links for it, if any:
        such an entity is global (one node across articles).
    :param section: for a link to a section (``[[Page#Section|label]]``): the section;
        the entity then stays article-scoped and ``title`` is the page the section is on.
    """

    name: str
    title: str | None = None
    section: str | None = None

    @property
    def is_global(self) -> bool:
        return self.title is not None and self.section is None


@dataclass(frozen=True, slots=True)
class Credit:
    """A person or organisation credited on the film in one capacity.

    :param role: one of :data:`kg.extractors.crew.ROLES` (``director``, ``studio`` …).
    :param ref: who.
    :param source: the infobox parameter it came from.
    """

    role: str
    ref: Ref
    source: str


@dataclass(frozen=True, slots=True)
class CastCredit:
    """One entry of the cast list, in credit order.

    :param position: 1-based order in the cast list.
    :param actor: the performer.
    :param character: the character's name as the article gives it, if any.
    :param credited_as: the name in the credits when the article says "(as …)".
    :param voice: the role is a voice role.
    :param source: ``cast-section``, ``cast-table`` or ``infobox:starring``.
    """

    position: int
    actor: Ref
    character: str | None = None
    credited_as: str | None = None
    voice: bool = False
    source: str = "cast-section"


@dataclass(frozen=True, slots=True)
class Release:
    """A release of the film: a date, and the region or kind the article gives.

    :param date: when.
    :param location: where, when the article names a place (a city, a region).
    :param kind: a release kind such as "Limited", "Wide" or "Premiere".
    :param country: where, when the article names a country: the same entity as a
        country of origin of that name.
    :param festival: the festival the film was shown at ("[[Cannes Film Festival|Cannes]]").
    """

    date: PartialDate
    location: Ref | None = None
    kind: str | None = None
    source: str = "released"
    country: Ref | None = None
    festival: Ref | None = None


@dataclass(frozen=True, slots=True)
class BasedOn:
    """The work the film is based on (``{{Based on|work|author…}}``)."""

    work: Ref
    authors: tuple[Ref, ...] = ()
    source: str = "based_on"


@dataclass(frozen=True, slots=True)
class ExternalId:
    """An identifier of the film in another database, with its URL."""

    scheme: str
    value: str
    url: str


@dataclass(frozen=True, slots=True)
class Nomination:
    """One row of an accolades table (or one line of an accolades list).

    :param position: 1-based order across the article's accolades.
    :param organisation: the awarding body or ceremony as the Award column shows it.
    :param ceremony: the ceremony column when the table has one apart from the award column.
    :param date: the ceremony's date (Date / Year column).
    :param category: the category as shown (linked: the category article).
    :param nominees: who was nominated; empty means the film itself.
    :param result: ``won``, ``nominated``, ``runner-up``, ``placed``, ``pending``,
        ``honored`` or ``unknown`` (a result nobody can read: kept, never guessed).
    :param rank: the place, for ``placed``.
    :param notes: remarks such as "also for …", "shared with …".
    :param source: ``accolades-table:<n>`` or ``accolades-list``.
    """

    position: int
    organisation: Ref | None
    category: Ref | None
    nominees: tuple[Ref, ...]
    result: str
    ceremony: Ref | None = None
    date: PartialDate | None = None
    rank: int | None = None
    notes: tuple[str, ...] = ()
    source: str = "accolades-table:1"


@dataclass(frozen=True, slots=True)
class Artist:
    """A person or group credited on a song or album.

    :param ref: who.
    :param group: a band, orchestra, choir … (``schema:MusicGroup``) rather than a person.
    :param character: for a performer credited "X as Character", the character.
    """

    ref: Ref
    group: bool = False
    character: str | None = None


@dataclass(frozen=True, slots=True)
class Track:
    """One entry of a {{Track listing}} or one row of a song table.

    :param position: 1-based position within its listing.
    :param title: the title shown, without quotes or markup.
    :param song: the song's article when the title is linked.
    :param length: seconds.
    :param composers: writer / music credits (or the all_writing / all_music default).
    :param lyricists: lyrics credits (or the all_lyrics default).
    :param performers: from the extra column when it holds performers.
    :param notes: the note, and the extra column when it holds something else.
    :param spoken: a dialogue excerpt or other non-song track: no writer defaults.
    """

    position: int
    title: str
    song: Ref | None = None
    length: int | None = None
    composers: tuple[Artist, ...] = ()
    lyricists: tuple[Artist, ...] = ()
    performers: tuple[Artist, ...] = ()
    notes: tuple[str, ...] = ()
    spoken: bool = False


@dataclass(frozen=True, slots=True)
class Album:
    """A soundtrack album: one {{Track listing}} or song table, with what its section and
    {{Infobox album}} say about the album.

    :param index: 1-based order of the listing in the article.
    :param name: the album's name (infobox name, else the listing's headline, else
        "<film> soundtrack").
    :param headline: the listing's headline as written.
    :param released: release date (infobox, or a sentence of the section).
    :param length: total length in seconds (infobox length or total_length).
    """

    index: int
    name: str
    tracks: tuple[Track, ...]
    headline: str | None = None
    released: PartialDate | None = None
    labels: tuple[Ref, ...] = ()
    producers: tuple[Ref, ...] = ()
    artists: tuple[Artist, ...] = ()
    length: int | None = None
    source: str = "track-listing:1"


@dataclass(frozen=True, slots=True)
class LinkSpan:
    """A link inside a sentence: ``sentence.text[start:end]`` is what it shows.

    :param title: the linked page's normalised title.
    :param section: the section linked, if any.
    """

    start: int
    end: int
    title: str
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a page's prose.

    :param index: 1-based order in the page.
    :param text: the sentence as plain text.
    :param start: offset of its first character in the page's text (for a plain-text
        extract the page itself, for wikitext the article as kg renders it: see
        :mod:`kg.wikitext.prose`).
    :param end: offset just after its last character.
    :param section: the heading it stands under (``""`` for the lead).
    :param paragraph: 1-based order of its paragraph in the page.
    :param links: the links it holds (wikitext only).
    """

    index: int
    text: str
    start: int
    end: int
    section: str
    paragraph: int
    links: tuple[LinkSpan, ...] = ()

    def link_at(self, start: int, end: int) -> LinkSpan | None:
        """The link showing exactly ``text[start:end]``, if any."""
        for span in self.links:
            if span.start == start and span.end == end:
                return span
        return None

    def links_in(self, start: int, end: int) -> bool:
        """Whether some link shows text within ``text[start:end]``."""
        return any(span.start < end and span.end > start for span in self.links)


@dataclass(frozen=True, slots=True)
class Amount:
    """A sum a sentence states: the film's ``gross`` (box office) or ``budget``."""

    kind: str
    money: Money
    source: str


@dataclass(frozen=True, slots=True)
class Rating:
    """A review aggregator's score of the film, as a sentence of its reception states it.

    :param aggregator: "Rotten Tomatoes" or "Metacritic" as the article names it.
    :param measure: ``approval`` (Rotten Tomatoes' share of positive reviews, of 100),
        ``average`` (its average rating, of 10) or ``metascore`` (Metacritic's weighted
        average, of 100).
    :param value: the score.
    :param best: the highest score possible.
    :param reviews: how many reviews it is based on, when the sentence says.
    """

    aggregator: Ref
    measure: str
    value: Decimal
    best: int
    reviews: int | None
    source: str


@dataclass(frozen=True, slots=True)
class Origin:
    """A country the lead's first sentence says the film is from ("a 1995 American film")."""

    country: Ref
    source: str


@dataclass(frozen=True, slots=True)
class Year:
    """The year the lead's first sentence gives the film ("a 1995 American film"): its first release."""

    date: PartialDate
    source: str


@dataclass(frozen=True, slots=True)
class AlbumFact:
    """What a sentence of the soundtrack section says of the film's soundtrack album: when
    it was released, and who performs on it ("A soundtrack album, … composed and performed
    by Mike Figgis, was released November 7, 1995").

    :param released: the album's release date, when the sentence gives it.
    :param performers: the people the sentence says perform on it.
    """

    released: PartialDate | None
    performers: tuple[Ref, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Genre:
    """A genre the lead's first sentence names ("… is a 1995 American drama film")."""

    name: str
    source: str


# --------------------------------------------------------------------------- parts
# Each extractor produces one part (its ``produces`` class); an Extraction is the page
# and its parts. A part's fields are the extractor's whole output: nothing is dropped.


@dataclass(frozen=True, slots=True)
class FilmInfo:
    """The film itself (infobox and lead): produced by the ``film`` extractor.

    :param name: the film's name as the infobox gives it (else the title without its disambiguator).
    :param runtimes: seconds; the first is the main runtime.
    :param languages: BCP 47 codes.
    """

    name: str
    description: str | None = None
    image: str | None = None
    caption: str | None = None
    releases: tuple[Release, ...] = ()
    runtimes: tuple[int, ...] = ()
    countries: tuple[Ref, ...] = ()
    languages: tuple[str, ...] = ()
    budget: Money | None = None
    gross: Money | None = None
    based_on: tuple[BasedOn, ...] = ()
    genres: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Crew:
    """Who made the film, from the infobox: produced by the ``crew`` extractor."""

    credits: tuple[Credit, ...] = ()


@dataclass(frozen=True, slots=True)
class Cast:
    """The cast list in credit order: produced by the ``cast`` extractor."""

    credits: tuple[CastCredit, ...] = ()


@dataclass(frozen=True, slots=True)
class Accolades:
    """Every nomination the article's accolades tables and lists state: produced by the ``awards`` extractor."""

    nominations: tuple[Nomination, ...] = ()


@dataclass(frozen=True, slots=True)
class Soundtrack:
    """The soundtrack albums: produced by the ``soundtrack`` extractor."""

    albums: tuple[Album, ...] = ()


@dataclass(frozen=True, slots=True)
class ExternalIds:
    """The film's identifiers in other databases and its website: produced by the ``links`` extractor."""

    ids: tuple[ExternalId, ...] = ()


@dataclass(frozen=True, slots=True)
class Prose:
    """What the article's sentences state: produced by the ``prose`` extractor.

    Every fact's ``source`` is ``sentence:<n>``, the :attr:`Sentence.index` of the sentence
    that states it; :attr:`sentences` holds each sentence some fact came from.

    :param abstract: the lead's first paragraph, as clean text.
    """

    abstract: str | None = None
    sentences: tuple[Sentence, ...] = ()
    credits: tuple[Credit, ...] = ()
    cast: tuple[CastCredit, ...] = ()
    based_on: tuple[BasedOn, ...] = ()
    releases: tuple[Release, ...] = ()
    amounts: tuple[Amount, ...] = ()
    ratings: tuple[Rating, ...] = ()
    nominations: tuple[Nomination, ...] = ()
    genres: tuple[Genre, ...] = ()
    origins: tuple[Origin, ...] = ()
    years: tuple[Year, ...] = ()
    albums: tuple[AlbumFact, ...] = ()


@dataclass(slots=True)
class Extraction:
    """The result of running the extractors over one page.

    :param page: the page read.
    :param parts: what each extractor produced, by extractor name, in registry order
        (the ``film`` part is always there).
    :param names: the one display name chosen for each global entity (by title), so
        that an entity has a single ``schema:name`` however often it is shown; filled
        by :func:`kg.resolve.resolve`.
    :param mentions: every (title, shown name) the extractors read for a global entity,
        in reading order; :func:`kg.resolve.resolve` chooses the names from them.
    :param warnings: what could not be read, one line each.
    :param rejected_names: how many names were not minted because they do not read as
        names (each is also a warning that quotes it).
    :param organisations: the entities (``("title", page)`` or ``("name", shown name)``) the
        article makes organisations, whatever role they are credited in; filled by
        :func:`kg.resolve.resolve`.
    :param groups: the entities the article makes music groups (``schema:MusicGroup``) in
        every role: a music credit that reads as a group, unless the cast credits it (a
        performer of a cast role is a ``schema:Person``); filled by :func:`kg.resolve.resolve`.
    :param links: page title → :class:`kg.link.Link` (the page it leads to, its Wikidata
        item); filled by the link stage, empty without a linker.
    :param link_source: the :class:`kg.link.LinkSource` the links came from.
    """

    page: Page
    parts: dict[str, object] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    mentions: tuple[tuple[str, str], ...] = ()
    warnings: list[str] = field(default_factory=list)
    rejected_names: int = 0
    organisations: frozenset[tuple[str, str]] = frozenset()
    groups: frozenset[tuple[str, str]] = frozenset()
    links: dict[str, object] = field(default_factory=dict)
    link_source: object | None = None

    @property
    def title(self) -> str:
        """The page title (the film's identity)."""
        return self.page.title

    @property
    def film(self) -> FilmInfo:
        """The ``film`` part."""
        return self.parts["film"]  # type: ignore[return-value]

    def part_or_none(self, name: str) -> object | None:
        """The part of the extractor called ``name``, or ``None``."""
        return self.parts.get(name)

    def part(self, cls: type[_P]) -> _P | None:
        """The part of class ``cls``, or ``None`` when its extractor did not run."""
        for value in self.parts.values():
            if type(value) is cls:
                return value
        return None


_P = TypeVar("_P")


def to_dict(obj: object) -> object:
    """A JSON-ready view of a model object: dates as ISO strings, amounts as strings,
    the page without its text (and without its warnings, which are the extraction's
    first warnings). Used by ``kg extract`` and the extraction golden files.

    :param obj: an :class:`Extraction` or any model value.
    """
    from dataclasses import fields, is_dataclass
    from decimal import Decimal

    if isinstance(obj, PartialDate):
        return obj.isoformat()
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, Page):
        return {f.name: getattr(obj, f.name) for f in fields(obj)
                if f.name not in ("text", "warnings") and not (f.name == "format" and obj.format == "wikitext")}
    if isinstance(obj, Extraction):
        return {"page": to_dict(obj.page), "parts": {k: to_dict(v) for k, v in obj.parts.items()},
                "names": to_dict(obj.names), "warnings": list(obj.warnings)}
    if is_dataclass(obj):
        return {f.name: to_dict(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in sorted(obj.items())}
    return obj
