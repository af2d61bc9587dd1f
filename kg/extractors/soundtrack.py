"""Soundtrack: every {{Track listing}} and every song table of a soundtrack section as an
album of tracks, with songs, writers and performers.

Each listing or song table is one ``schema:MusicAlbum`` (discs and separate albums keep their own
positions and headline). What the listing's section says about the album — its
{{Infobox album}} (name, released, label, producer, length, artist) or, without one, a
sentence stating when the album was released — describes it. The album is always a
node of its own, never merged into the film.
"""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Tag, Template, Wikilink
from mwparserfromhell.wikicode import Wikicode

from kg.extractors.names import reads_as_group
from kg.model import Album, Artist, Ref, Soundtrack, Track
from kg.wikitext import (
    clean_text,
    lead,
    params,
    parse,
    parse_link,
    sections,
    split_items,
    table_grid,
    tables,
    template_name,
    walk,
)
from kg.titles import strip_disambiguator
from kg.values import PartialDate, parse_dates, parse_runtime, parse_track_length
from kg.wikitext.templates import FILM_DATE_TEMPLATES, START_DATE_TEMPLATES, template_date

TRACK_LISTING_TEMPLATES = ("track listing", "tracklist", "track list", "tracklisting", "track-listing", "track listing/sandbox")
ALBUM_INFOBOXES = ("infobox album", "infobox soundtrack", "infobox film soundtrack")
# The extra column holds performers when its header says so.
PERFORMER_COLUMN = re.compile(r"perform|sing|artist|vocal|sung|musician|band|featur|voice|playback", re.I)
# A track that is not a song: its note says so.
SPOKEN_NOTE = re.compile(r"\b(?:dialogue|dialog|excerpt|speech|spoken|monologue|interview|skit|narration|commentary)\b", re.I)
# A title that is a dialogue excerpt, not a song: "Dialogue: …", "… (dialogue)", "Interview".
SPOKEN_TITLE = re.compile(r"^(?:dialogue|dialog|excerpt|speech|monologue|interview|skit|narration)\b|\((?:dialogue|dialog|excerpt|speech|spoken)\)", re.I)
# A note saying the track is a spoken piece ("dialogue from the film"), not one mentioning speech ("with spoken intro").
SPOKEN_NOTE_START = re.compile(r"^(?:a\s+|an\s+)?(?:dialogue|dialog|excerpt|speech|spoken word|monologue|interview|skit|narration|commentary)\b", re.I)
# "Mike Figgis except as noted" → "Mike Figgis".
EXCEPT_NOTED = re.compile(r",?\s*(?:except|unless)\s+(?:as|where|otherwise)?\s*(?:otherwise\s+)?(?:noted|stated|indicated|specified)\.?\s*$", re.I)
# Credits that name no one.
INSTRUMENTAL = re.compile(r"\binstrumental\b", re.I)
TRADITIONAL = re.compile(r"^(trad\.?|traditional( folk| song| music)?|folk|public domain|anonymous|unknown)$", re.I)
GENERIC_HEADLINE = re.compile(
    r"^(track[- ]?(listing|list)|tracks?|songs?|soundtrack|(the )?track listing|score|original score|"
    r"(disc|cd|side|volume|vol\.?|part|lp)\s*(one|two|three|four|\d+|[a-d])|bonus tracks?|deluxe edition)$",
    re.I,
)
RELEASE_SENTENCE = re.compile(
    r"(?i:[^.]*\b(soundtrack|album|score)\b[^.]*\breleased\b[^.]*\.?)|(?:^|(?<=\.\s))Released\b[^.]*\b(?i:soundtrack|album)\b[^.]*\.?"
)
# Sentences that date something else: the film, a single, a re-release.
OTHER_RELEASE = re.compile(r"\bre-?released\b|\bsingles?\b|\b(?:the|this)\s+film\s+(?:was|is)\s+released\b", re.I)
MAX_TRACKS = 500


class SoundtrackExtractor:
    name = "soundtrack"
    produces = Soundtrack

    def extract(self, ctx):
        albums: list[Album] = []
        for t in walk(ctx.code, Template):
            if template_name(t) not in TRACK_LISTING_TEMPLATES:
                continue
            index = len(albums) + 1
            section = _section_of(ctx.code, t)
            infobox = _infobox_for(section, t) if section is not None else None
            album = _album(ctx, t, index, section, infobox)
            if album is not None:
                albums.append(album)
        for n, (table, section, columns) in enumerate(song_tables(ctx.code), start=1):
            infobox = _infobox_for(section, None)
            album = _table_album(ctx, table, n, columns, section, infobox, index=len(albums) + 1)
            if album is not None:
                albums.append(album)
        return Soundtrack(tuple(albums))


# Sections whose song tables are the soundtrack.
SOUNDTRACK_SECTION = re.compile(
    r"(original )?(sound ?track|music|songs?|track ?list(ing)?|film songs?)( (album|listing|and score))?"
    r"|(music|songs?) and (sound ?track|score|songs)|(sound ?track|score) and (music|songs?)",
    re.I,
)
# Song-table columns by header text (first match wins; the title column is required).
SONG_COLUMNS = (
    ("number", re.compile(r"^(no\.?|#|nr\.?|s\.?\s*no\.?|sl\.?\s*no\.?|sr\.?\s*no\.?|number|track(\s*(no\.?|#))?)$", re.I)),
    ("title", re.compile(r"\b(song|title|track name|name)\b", re.I)),
    ("performers", re.compile(PERFORMER_COLUMN.pattern, re.I)),
    ("lyrics", re.compile(r"lyric|words", re.I)),
    ("music", re.compile(r"music|compos", re.I)),
    ("writer", re.compile(r"writ", re.I)),
    ("length", re.compile(r"length|duration|time|runtime", re.I)),
)


def song_tables(code: Wikicode) -> list[tuple[Tag, Wikicode, dict[str, int]]]:
    """The song tables of the article's soundtrack sections: (table, section, column of
    each kind), for wikitables whose header names a song or title column."""
    found: list[tuple[Tag, Wikicode, dict[str, int]]] = []
    seen: set[int] = set()
    for sec in sections(code):
        if not SOUNDTRACK_SECTION.fullmatch(sec.title):
            continue
        for table in tables(sec.code):
            if id(table) in seen:
                continue
            seen.add(id(table))
            grid = table_grid(table)
            columns = _song_columns(grid)
            if columns is not None:
                found.append((table, sec.code, columns))
    return found


def _song_columns(grid: list) -> dict[str, int] | None:
    if not grid:
        return None
    header = [clean_text(c.code) if c is not None else "" for c in grid[0]]
    columns: dict[str, int] = {}
    for col, text in enumerate(header):
        for kind, pattern in SONG_COLUMNS:
            if text and pattern.search(text) and kind not in columns:
                columns[kind] = col
                break
    if "title" not in columns and "number" in columns and header[columns["number"]].lower().startswith("track") and len(header) > 1:
        return None
    return columns if "title" in columns else None


def _table_album(ctx, table: Tag, n: int, columns: dict[str, int], section: Wikicode, infobox: Template | None, index: int) -> Album | None:
    """A song table as an album: one track per row with a title."""
    where = f"song table {n}"
    grid = table_grid(table)
    ctx.warn_long_cells(grid, where)
    tracks: list[Track] = []
    for r, row in enumerate(grid[1:], start=2):
        def cell(kind: str) -> Wikicode | None:
            col = columns.get(kind)
            return row[col].code if col is not None and col < len(row) and row[col] is not None else None

        raw_title = cell("title")
        title = _title(raw_title)
        if all(c is None or c.header for c in row):
            continue
        if not title:
            if any(clean_text(c.code) for i, c in enumerate(row) if c is not None and i != columns.get("number")):
                ctx.warn(where, f"row {r} has no title; skipped")
            continue
        notes: list[str] = []
        lyrics = _artists(ctx, cell("lyrics"), notes)
        music = _artists(ctx, cell("music"), notes)
        writer = _artists(ctx, cell("writer"), notes)
        performers = _artists(ctx, cell("performers"), notes, characters=True)
        spoken = bool(SPOKEN_TITLE.search(title)) and not (writer or music or lyrics)
        length = _length(ctx, where, f"row {r}", cell("length"))
        tracks.append(_track(ctx, len(tracks) + 1, raw_title, title, length, writer + music, lyrics, performers, notes, spoken))
    if not tracks:
        return None
    return _finish_album(ctx, tracks, index, section, infobox, None, None, f"song-table:{n}")


def _section_of(code: Wikicode, template: Template) -> Wikicode | None:
    """The innermost section holding the template (the lead when it comes before any heading)."""
    best = None
    for sec in (lead(code), *(s.code for s in sections(code))):
        if any(n is template for n in walk(sec, Template)):
            if best is None or len(str(sec)) < len(str(best)):
                best = sec
    return best


def _infobox_for(section: Wikicode, listing: Template | None) -> Template | None:
    """The {{Infobox album}} of the listing's section (the nearest one before it)."""
    chosen = None
    for t in section.filter_templates(recursive=False):
        if t is listing:
            break
        if template_name(t) in ALBUM_INFOBOXES:
            chosen = t
    if chosen is None:
        for t in section.filter_templates(recursive=False):
            if template_name(t) in ALBUM_INFOBOXES:
                return t
    return chosen


def _album(ctx, listing: Template, index: int, section: Wikicode | None, infobox: Template | None) -> Album | None:
    ps = params(listing)
    where = f"track listing {index}"
    extra_column = clean_text(ps.get("extra column") or ps.get("extra_column") or "")
    performers_column = bool(PERFORMER_COLUMN.search(extra_column))
    defaults = {
        "writer": _default(ps.get("all writing")),
        "lyrics": _default(ps.get("all lyrics")),
        "music": _default(ps.get("all music")),
    }
    numbers = sorted({int(m.group(1)) for k in ps for m in [re.fullmatch(r"title\s*(\d+)", k)] if m})
    tracks: list[Track] = []
    for n in numbers[:MAX_TRACKS]:
        raw_title = ps.get(f"title{n}")
        title = _title(raw_title)
        if not title:
            if any(clean_text(ps.get(f"{k}{n}")) for k in ("length", "writer", "extra", "note")):
                ctx.warn(where, f"track {n} has no title; skipped")
            continue
        note = clean_text(ps.get(f"note{n}"))
        spoken = bool(note and SPOKEN_NOTE_START.search(note)) or bool(SPOKEN_TITLE.search(title) and not ps.get(f"writer{n}"))
        notes = [note] if note else []
        writer_value, music_value, lyrics_value = _by_qualifier(ps.get(f"writer{n}"))
        writer = _artists(ctx, writer_value, notes)
        lyrics = _artists(ctx, ps.get(f"lyrics{n}"), notes) + _artists(ctx, lyrics_value, notes)
        music = _artists(ctx, ps.get(f"music{n}"), notes) + _artists(ctx, music_value, notes)
        if not spoken and not re.search(r"\bby\s+\S", note or ""):
            # a track's own credit replaces the defaults it covers: writerN covers music
            # and lyrics; lyricsN or musicN leave the other to its all_* default (a note
            # that credits someone, "instrumental, by X", says the defaults are not its)
            if not (writer or lyrics or music):
                writer = _artists(ctx, defaults["writer"], notes)
            if not (writer or music):
                music = _artists(ctx, defaults["music"], notes)
            # an instrumental has no lyrics ("note = instrumental"), whatever all_lyrics says
            if not (writer or lyrics) and not INSTRUMENTAL.search(f"{note} {title}"):
                lyrics = _artists(ctx, defaults["lyrics"], notes)
        performers: list[Artist] = []
        extra = ps.get(f"extra{n}")
        if extra is not None and clean_text(extra):
            if performers_column:
                performers = _artists(ctx, extra, notes, characters=True)
            else:
                notes.append(f"{extra_column}: {clean_text(extra)}" if extra_column else clean_text(extra))
        length = _length(ctx, where, f"track {n}", ps.get(f"length{n}"))
        tracks.append(_track(ctx, len(tracks) + 1, raw_title, title, length, writer + music, lyrics, performers, notes, spoken))
    if not tracks:
        ctx.warn(where, "no titled tracks; no album")
        return None
    headline = clean_text(ps.get("headline")) or None
    return _finish_album(ctx, tracks, index, section, infobox, headline, ps.get("total length"), f"track-listing:{index}")


def _finish_album(
    ctx, tracks: list[Track], index: int, section: Wikicode | None, infobox: Template | None,
    headline: str | None, total_length: Wikicode | None, source: str,
) -> Album:
    """The album of a listing's tracks, described by its section and {{Infobox album}}."""
    film_name = ctx.page.title
    info = params(infobox) if infobox is not None else {}
    name = clean_text(info.get("name")) if info else ""
    if not name:
        name = headline if headline and not GENERIC_HEADLINE.match(headline) else ""
        name = re.sub(r"\s*track[- ]?listing$", "", name, flags=re.I).strip()
    if not name:
        name = f"{strip_disambiguator(film_name)} soundtrack"
    released = _first_date(info.get("released")) if info else None
    if released is None and section is not None:
        released = _release_from_prose(section)
    length = None
    if info and clean_text(info.get("length")):
        length = parse_track_length(clean_text(info.get("length")))
        if length is None:  # "45 minutes", "38:00 (original release)"
            lengths = parse_runtime(re.sub(r"\s*\([^()]*\)", "", clean_text(info.get("length"))))
            length = lengths[0] if lengths else None
    if length is None and clean_text(total_length):
        length = parse_track_length(clean_text(total_length))
    labels = [r for item in split_items(info["label"]) for r in ctx.names.refs(item, split=False)] if info.get("label") else []
    producers = _refs(ctx, info.get("producer")) if info else []
    artists = _artists(ctx, info.get("artist"), []) if info else []
    return Album(
        index=index,
        name=name,
        tracks=tuple(tracks),
        headline=headline,
        released=released,
        labels=tuple(_unique(labels)),
        producers=tuple(_unique(producers)),
        artists=tuple(_unique(artists)),
        length=length,
        source=source,
    )


def _length(ctx, where: str, what: str, value: Wikicode | None) -> int | None:
    """A track's length in seconds; a length that cannot be read is a warning."""
    text = clean_text(value)
    length = parse_track_length(text) if text else None
    if text and length is None:
        ctx.warn(where, f'{what}: cannot parse length "{text}"')
    return length


def _track(
    ctx, position: int, raw_title: Wikicode | None, title: str, length: int | None,
    composers: list[Artist], lyricists: list[Artist], performers: list[Artist], notes: list[str], spoken: bool,
) -> Track:
    return Track(
        position=position,
        title=title,
        song=_song(ctx, raw_title),
        length=length,
        composers=tuple(_unique(composers)),
        lyricists=tuple(_unique(lyricists)),
        performers=tuple(_unique(performers)),
        notes=tuple(dict.fromkeys(notes)),
        spoken=spoken,
    )


def _default(value: Wikicode | None) -> Wikicode | None:
    """An all_writing / all_lyrics / all_music default without "except as noted"."""
    if value is None or not clean_text(value):
        return None
    return parse(EXCEPT_NOTED.sub("", str(value).strip()))


# A title in quotes, perhaps followed by a remark: '"Song" (reprise)', "'Song' (female)".
QUOTED_TITLE = re.compile(r"^([\"“”'‘’])(.+?)[\"“”'‘’](\s*\([^()]*\))?$")


def _title(value: Wikicode | None) -> str:
    """The title shown, without the quotes around it."""
    text = clean_text(value).strip()
    m = QUOTED_TITLE.match(text)
    if m and not re.search(r"[\"“”]", m.group(2)):
        return (m.group(2).strip() + (m.group(3) or "")).strip()
    return text.strip('"“”').strip()


def _song(ctx, value: Wikicode | None) -> Ref | None:
    """The song's article when the title links one."""
    if value is None:
        return None
    for node in walk(value, Wikilink):
        link = parse_link(node)
        if link is not None:
            ref = ctx.names.ref_for_link(link)
            # '"[[Over the Rainbow]]" (reprise)': the song is "Over the Rainbow"
            name = re.sub(r"\s*\([^()]*\)$", "", _title(value)).strip() or ref.name
            return Ref(name, ref.title, ref.section)
    return None


def _refs(ctx, value: Wikicode | None) -> list[Ref]:
    if value is None:
        return []
    return [r for item in split_items(value) for r in ctx.names.refs(item)]


_QUALIFIER = re.compile(r"\s*\(\s*(lyrics|words|music)\s*\)", re.I)


def _by_qualifier(value: Wikicode | None) -> tuple[Wikicode | None, Wikicode | None, Wikicode | None]:
    """A writer credit split by the qualifiers after its names, ("A (music), B (lyrics)" →
    writer none, music A, lyrics B); ``(value, None, None)`` when it has none."""
    if value is None or not _QUALIFIER.search(str(value)):
        return value, None, None
    groups: dict[str, list[str]] = {"writer": [], "music": [], "lyrics": []}
    for piece in re.split(r"\s*(?:,|;|\band\b|&)\s*(?![^\[]*\]\])", str(value)):
        q = _QUALIFIER.search(piece)
        kind = "writer" if q is None else ("music" if q.group(1).lower() == "music" else "lyrics")
        if piece.strip():
            groups[kind].append(_QUALIFIER.sub("", piece).strip())
    return tuple(parse("<br>".join(groups[k])) if groups[k] else None for k in ("writer", "music", "lyrics"))  # type: ignore[return-value]


def _artists(ctx, value: Wikicode | None, notes: list[str], characters: bool = False) -> list[Artist]:
    """People and groups named in a credit; "X as Character" keeps the character;
    "Traditional" names no one (it becomes a note)."""
    if value is None or not clean_text(value):
        return []
    out: list[Artist] = []
    for item in split_items(value):
        text = clean_text(item)
        if TRADITIONAL.match(text):
            notes.append(text)
            continue
        character = None
        raw = str(item)
        if characters:
            m = re.search(r"\s+as\s+(?![^\[]*\]\])", raw)
            if m:
                character = clean_text(raw[m.end():]) or None
                raw = raw[: m.start()]
        raw = re.sub(r"'''?[^']*?(?:by)?:?'''?", " ", raw)  # "'''Remix by:''' DJ X" labels
        for ref in ctx.names.refs(parse(raw)):
            if TRADITIONAL.match(ref.name):
                notes.append(ref.name)
                continue
            out.append(Artist(ref, reads_as_group(ref), character))
    return out


def _first_date(value: Wikicode | None) -> PartialDate | None:
    if value is None:
        return None
    for t in walk(value, Template):
        if template_name(t) in START_DATE_TEMPLATES or template_name(t) in FILM_DATE_TEMPLATES:
            date = template_date(t)
            if date is not None:
                return date
    dates = parse_dates(clean_text(value))
    return dates[0] if dates else None


def _release_from_prose(section: Wikicode) -> PartialDate | None:
    """The date of a sentence of the section stating that the album was released."""
    text = clean_text("".join(str(n) for n in section.nodes if not isinstance(n, Template) or template_name(n) not in TRACK_LISTING_TEMPLATES + ALBUM_INFOBOXES))
    for m in RELEASE_SENTENCE.finditer(text):
        if OTHER_RELEASE.search(m.group()):
            continue
        dates = parse_dates(m.group())
        if dates:
            return dates[0]
    return None


def _unique(items: list) -> list:
    out = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


EXTRACTOR = SoundtrackExtractor()

