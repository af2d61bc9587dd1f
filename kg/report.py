"""Coverage report: export many articles in memory and count what each graph holds
against what the article's wikitext has (accolades-table rows, track-listing titles and
song-table rows).

The wikitext side is counted straight from the raw markup, line by line (table rows that
hold data cells; ``titleN`` parameters that are not blank; song-table rows), by code that
shares nothing with the extractors, so a gap between the two columns is a gap in extraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import OWL, RDF

from kg.iri import Minter
from kg.link import DISAMBIGUATION, MISSING, NO_ITEM
from kg.model import Accolades, Crew, Prose, Soundtrack
from kg.pipeline import Options, run
from kg.result import PageResult
from kg.vocab import KG, SCHEMA


@dataclass(slots=True)
class Row:
    """One article's figures; ``error`` is set (and the counts are 0) when it was refused."""

    source: str
    title: str
    triples: int = 0
    people: int = 0
    organisations: int = 0
    cast: int = 0
    crew: int = 0
    table_rows: int = 0
    nominations: int = 0
    listing_titles: int = 0
    tracks: int = 0
    #: facts read from sentences, and the sentences they came from
    prose_facts: int = 0
    sentences: int = 0
    warnings: int = 0
    rejected: int = 0
    #: nodes with owl:sameAs a Wikidata item (None: no linker ran), of the nodes made from a linked title
    linked: int | None = None
    linkable: int = 0
    #: titles left unlinked: their page has no item, no such page, a disambiguation page,
    #: and items refused because their class or IMDb id contradicts the article
    no_item: int = 0
    missing: int = 0
    disambiguation: int = 0
    contradicted: int = 0
    conforms: bool | None = None
    violations: int = 0
    error: str | None = None
    kind: str = ""
    #: for the merge of several sources of one page (``kind`` "merged"): how many, the
    #: statements more than one of them state, and the values they disagree on
    sources: int = 0
    agreements: int = 0
    conflicts: int = 0
    conflict_lines: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        """Every accolades row is a nomination and every listed title a track."""
        return self.error is None and self.nominations >= self.table_rows and self.tracks == self.listing_titles


@dataclass(slots=True)
class Totals:
    articles: int = 0
    refused: int = 0
    rows: list[Row] = field(default_factory=list)
    #: the merges of several sources of one page (their rows, apart from the articles')
    merges: list[Row] = field(default_factory=list)

    def add(self, row: Row) -> None:
        if row.kind == "merged":
            self.merges.append(row)
            return
        self.rows.append(row)
        if row.error is None:
            self.articles += 1
        else:
            self.refused += 1

    def sum(self, attr: str) -> int:
        return sum(getattr(r, attr) for r in self.rows if r.error is None)


# --------------------------------------------------------------------------- markup counts
# What the wikitext holds, counted line by line from the raw text with rules of their own
# (MediaWiki's table syntax, template parameters, section headings): nothing here is shared
# with the extractors, which read parse trees, so a gap between the two is the extractors'.

_TABLE_OPEN = re.compile(r"^\s*(?::+\s*)?\{\|")
_TABLE_CLOSE = re.compile(r"^\s*\|\}")
_ROW = re.compile(r"^\s*\|-")
_CAPTION = re.compile(r"^\s*\|\+")
_DATA_CELL = re.compile(r"^\s*\|(?![-}+])")
_HEADER_CELL = re.compile(r"^\s*!")
# Result templates of accolades tables ({{Won}}, {{Nom}}, {{Nominated}}, {{Pending}} …).
_RESULT_TEMPLATE = re.compile(
    r"\{\{\s*(?:won|win|nom|nominated|nominee|pending|runner-up|runner up|draw|tba|tbd|honou?rable mention|yes-won)\s*(?:\||\}\})",
    re.I,
)
_RESULT_HEADER = re.compile(r"\b(?:results?|outcome|status)\b", re.I)
_SONG_HEADER = re.compile(r"\b(?:songs?|title|track name)\b", re.I)
_SOUNDTRACK_HEADING = re.compile(
    r"^(=+)\s*(?:original\s+)?(?:sound\s*track|music|songs?|track\s*list(?:ing)?|film songs?)(?:\s+(?:album|listing|and score))?\s*\1\s*$",
    re.I,
)
_HEADING = re.compile(r"^(=+)[^=].*?\1\s*$")
_TRACK_LISTING = re.compile(r"\{\{\s*(?:template\s*:\s*)?(?:track[ _]listing|tracklist|track[ _]list|tracklisting|track-listing)\s*(?=\||\}\}|\n)", re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _tables(lines: list[str], *, with_opening: bool = False) -> list:
    """The lines of each outermost wikitable (``{|`` … ``|}``), nested tables inside them
    blanked; with ``with_opening``, (lines, the ``{|`` line) pairs."""
    found: list = []
    depth = 0
    current: list[str] = []
    opening = ""
    for line in lines:
        if _TABLE_OPEN.match(line):
            depth += 1
            if depth == 1:
                current, opening = [], line
                continue
        if depth == 0:
            continue
        if _TABLE_CLOSE.match(line):
            depth -= 1
            if depth == 0:
                found.append((current, opening) if with_opening else current)
            continue
        current.append(line if depth == 1 else "")
    return found


def _rows(table: list[str]) -> list[list[str]]:
    """A table's rows: the lines between row markers (``|-``), the caption dropped."""
    rows: list[list[str]] = [[]]
    for line in table:
        if _ROW.match(line):
            rows.append([])
        elif not _CAPTION.match(line):
            rows[-1].append(line)
    return [r for r in rows if any(line.strip() for line in r)]


def _is_data_row(row: list[str]) -> bool:
    return any(_DATA_CELL.match(line) for line in row)


def count_table_rows(text: str) -> int:
    """Data rows (rows with a ``|`` cell) of the article's accolades tables: wikitables that
    use a result template or head a column Result / Outcome / Status."""
    total = 0
    for table, opening in _tables(_COMMENT.sub("", text).split("\n"), with_opening=True):
        if re.search(r"class\s*=\s*[\"']?[^\"'\n]*infobox", opening, re.I):
            continue  # an accolades summary box: counts per award body, no nominations
        body = "\n".join(table)
        headers = [line for line in table if _HEADER_CELL.match(line)]
        if not (_RESULT_TEMPLATE.search(body) or any(_RESULT_HEADER.search(h) for h in headers)):
            continue
        total += sum(1 for row in _rows(table) if _is_data_row(row))
    return total


def _template_spans(text: str, start: re.Pattern[str]) -> list[str]:
    """The text of each template call ``start`` finds, up to its matching ``}}``."""
    spans = []
    for m in start.finditer(text):
        depth, i = 0, m.start()
        while i < len(text):
            two = text[i : i + 2]
            if two == "{{":
                depth, i = depth + 1, i + 2
                continue
            if two == "}}":
                depth, i = depth - 1, i + 2
                if depth == 0:
                    break
                continue
            i += 1
        spans.append(text[m.start() : i])
    return spans


_TITLE_PARAM = re.compile(r"\|\s*title\s*(\d+)\s*=([^|}\n]*)", re.I)


def count_listing_titles(text: str) -> int:
    """Titled tracks of the article: ``titleN`` parameters of every {{Track listing}} that
    are not blank, and the rows below the first of the tables of a Soundtrack / Music /
    Songs section whose first row names a song or title column."""
    text = _COMMENT.sub("", text)
    total = 0
    for listing in _template_spans(text, _TRACK_LISTING):
        total += sum(1 for m in _TITLE_PARAM.finditer(listing) if m.group(2).strip())
    lines = text.split("\n")
    level = 0
    section: list[str] = []
    sections: list[list[str]] = []
    for line in lines:
        heading = _HEADING.match(line.strip())
        if heading:
            depth = len(heading.group(1))
            if level and depth <= level:
                sections.append(section)
                level = 0
            if not level and _SOUNDTRACK_HEADING.match(line.strip()):
                level, section = depth, []
            continue
        if level:
            section.append(line)
    if level:
        sections.append(section)
    for section in sections:
        for table in _tables(section):
            rows = _rows(table)
            # the first row is the header, written with "!" cells or, often, bold "|" cells
            if not rows or not any(_SONG_HEADER.search(line) for line in rows[0]):
                continue
            total += sum(1 for row in rows[1:] if _is_data_row(row))
    return total


def report_inputs(inputs: Iterable[str], *, validate_graphs: bool = True, minter: Minter | None = None, linker=None) -> Iterator[Row]:
    """A :class:`Row` per page of the inputs, refused pages included (with their error).

    :param inputs: file paths (any input kg reads).
    :param validate_graphs: run SHACL validation too.
    :param minter: IRIs under another base (default base when omitted).
    :param linker: a Wikidata linker (``--link``), for the linked / linkable columns.
    """
    options = Options(validate=validate_graphs, minter=minter or Minter(), linker=linker)
    for result in run(inputs, options):
        yield row_for(result)


def row_for(result: PageResult) -> Row:
    """The report row of one page's result."""
    page = result.page
    row = Row(source=page.source if page is not None else result.input, title=page.title if page is not None else "")
    if result.error is not None:
        row.error, row.kind = result.error.message, type(result.error).__name__
        return row
    if result.merged is not None:
        merged = result.merged
        row.kind, row.source = "merged", result.input
        row.triples = sum(len(g) for g in merged.graphs)
        row.sources, row.agreements, row.conflicts = len(merged.sources), merged.agreements, len(merged.conflicts)
        row.conflict_lines = tuple(c.line() for c in merged.conflicts)
        if result.report is not None:
            row.conforms, row.violations = result.report.conforms, len(result.report.violations)
        return row
    graph, extraction = result.graph, result.extraction
    assert graph is not None and extraction is not None and page is not None
    if page.format == "plaintext":
        row.kind = "extract"
    row.triples = len(graph)
    row.people = len(set(graph.subjects(RDF.type, SCHEMA.Person)) | set(graph.subjects(RDF.type, SCHEMA.MusicGroup)))
    row.organisations = len(set(graph.subjects(RDF.type, SCHEMA.Organization)))
    row.cast = len(set(graph.objects(None, KG.cast)))
    crew = extraction.part(Crew)
    row.crew = sum(1 for c in crew.credits if c.role != "starring") if crew is not None else 0
    row.table_rows = count_table_rows(page.text)
    accolades = extraction.part(Accolades)
    row.nominations = len(accolades.nominations) if accolades is not None else 0
    row.listing_titles = count_listing_titles(page.text)
    soundtrack = extraction.part(Soundtrack)
    row.tracks = sum(len(a.tracks) for a in soundtrack.albums) if soundtrack is not None else 0
    prose = extraction.part(Prose)
    if prose is not None:
        row.prose_facts = sum(len(getattr(prose, name)) for name in PROSE_FACTS)
        row.sentences = len(prose.sentences)
    row.warnings = len(result.warnings)
    row.rejected = extraction.rejected_names
    row.linkable = len({s for s, o in graph.subject_objects(SCHEMA.sameAs) if str(o).startswith("https://en.wikipedia.org/wiki/")})
    if extraction.link_source is not None:
        row.linked = len(set(graph.subjects(OWL.sameAs, None)))
        statuses = [link.status for link in extraction.links.values()]
        row.no_item, row.missing, row.disambiguation = (statuses.count(s) for s in (NO_ITEM, MISSING, DISAMBIGUATION))
        row.contradicted = sum(1 for w in result.warnings if w.startswith("link: ") and " not linked: " in w)
    if result.report is not None:
        row.conforms, row.violations = result.report.conforms, len(result.report.violations)
    return row


#: the fields of the prose part that hold facts (each read from a sentence)
PROSE_FACTS = ("credits", "cast", "based_on", "releases", "amounts", "ratings", "nominations", "genres", "origins", "years", "albums")

COLUMNS = (
    ("article", 38), ("triples", 7), ("people", 6), ("orgs", 4), ("cast", 4), ("crew", 4),
    ("noms/rows", 9), ("tracks/titles", 13), ("prose", 6), ("linked", 7), ("warn", 4), ("rejected", 8), ("conforms", 8),
)


def format_row(row: Row) -> str:
    """One fixed-width line of the report table."""
    if row.error is not None:
        name = row.title or row.source
        return f"{name[:38]:<38} refused: {row.error}"
    if row.kind == "merged":
        conforms = "-" if row.conforms is None else ("yes" if row.conforms else f"NO ({row.violations})")
        head = (f"{row.title[:38]:<38} merged: {row.sources} sources, {row.triples} triples, {row.agreements} statements "
                f"stated by more than one, {row.conflicts} conflict{'s' if row.conflicts != 1 else ''}; conforms {conforms}")
        return "\n".join([head, *(f"  conflict: {line}" for line in row.conflict_lines)])
    conforms = "-" if row.conforms is None else ("yes" if row.conforms else f"NO ({row.violations})")
    cells = [
        (row.title + (" (extract)" if row.kind == "extract" else ""))[:38], str(row.triples), str(row.people), str(row.organisations), str(row.cast), str(row.crew),
        f"{row.nominations}/{row.table_rows}", f"{row.tracks}/{row.listing_titles}", f"{row.prose_facts}/{row.sentences}",
        f"{'-' if row.linked is None else row.linked}/{row.linkable}", str(row.warnings), str(row.rejected), conforms,
    ]
    flag = "" if row.complete else "  <- gap"
    return "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, (_, w)) in enumerate(zip(cells, COLUMNS))) + flag


def header() -> str:
    return "  ".join(name.rjust(w) if i else name.ljust(w) for i, (name, w) in enumerate(COLUMNS))


def format_totals(totals: Totals) -> str:
    ok = [r for r in totals.rows if r.error is None]
    conforming = sum(1 for r in ok if r.conforms)
    merges = ""
    if totals.merges:
        n, conflicts = len(totals.merges), sum(r.conflicts for r in totals.merges)
        merges = f", {n} merge{'s' if n != 1 else ''} of sources of one page ({conflicts} conflict{'s' if conflicts != 1 else ''})"
    titles = len({r.title for r in ok})
    exported = f"{titles} article{'s' if titles != 1 else ''} exported"
    if titles != len(ok):
        exported += f" from {len(ok)} sources"
    return (
        f"{exported} ({conforming} conform), {totals.refused} refused{merges}; "
        f"{totals.sum('triples')} triples, {totals.sum('people')} people, {totals.sum('cast')} cast roles, "
        f"{totals.sum('crew')} crew credits, {totals.sum('nominations')}/{totals.sum('table_rows')} nominations/table rows, "
        f"{totals.sum('tracks')}/{totals.sum('listing_titles')} tracks/titles, "
        f"{totals.sum('prose_facts')} facts from {totals.sum('sentences')} sentences, {totals.sum('warnings')} warnings, "
        f"{totals.sum('rejected')} names rejected" + _link_totals(totals, ok)
    )


def _link_totals(totals: Totals, ok: list[Row]) -> str:
    if all(r.linked is None for r in ok):
        return ""
    return (
        f"; {sum(r.linked or 0 for r in ok)}/{totals.sum('linkable')} nodes linked to Wikidata "
        f"(titles unlinked: {totals.sum('no_item')} without an item, {totals.sum('missing')} missing pages, "
        f"{totals.sum('disambiguation')} disambiguation pages, {totals.sum('contradicted')} items refused as contradicting the article)"
    )
