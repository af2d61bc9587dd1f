"""Coverage report: export many articles in memory and count what each graph holds
against what the article's wikitext has (accolades-table rows, track-listing titles and
song-table rows).

The wikitext side is counted straight from the markup (table rows that hold data
cells; ``titleN`` parameters that are not blank; song-table rows with a title), apart
from the extractors,
so a gap between the two columns is a gap in extraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import RDF

from kg.extractors.awards import accolades_tables
from kg.extractors.soundtrack import TRACK_LISTING_TEMPLATES, song_tables
from kg.iri import Minter
from kg.model import Accolades, Crew, Soundtrack
from kg.parse import clean_text, params, parse, table_grid, template_name
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
    warnings: int = 0
    conforms: bool | None = None
    violations: int = 0
    error: str | None = None
    kind: str = ""

    @property
    def complete(self) -> bool:
        """Every accolades row is a nomination and every listed title a track."""
        return self.error is None and self.nominations >= self.table_rows and self.tracks == self.listing_titles


@dataclass(slots=True)
class Totals:
    articles: int = 0
    refused: int = 0
    rows: list[Row] = field(default_factory=list)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        if row.error is None:
            self.articles += 1
        else:
            self.refused += 1

    def sum(self, attr: str) -> int:
        return sum(getattr(r, attr) for r in self.rows if r.error is None)


def count_table_rows(code) -> int:
    """Data rows of the article's accolades tables, counted from the markup."""
    total = 0
    for table in accolades_tables(code):
        for tr in (n for n in table.contents.nodes if getattr(n, "tag", None) == "tr"):
            cells = [n for n in tr.contents.nodes if getattr(n, "tag", None) in ("td", "th")]
            if any(str(c.tag) == "td" for c in cells):
                total += 1
    return total


def count_listing_titles(code) -> int:
    """Non-blank ``titleN`` parameters of every {{Track listing}}, and body rows with a
    non-blank title cell of every song table of a soundtrack section."""
    total = 0
    for t in code.filter_templates(recursive=True):
        if template_name(t) in TRACK_LISTING_TEMPLATES:
            total += sum(1 for k, v in params(t).items() if re.fullmatch(r"title\s*\d+", k) and clean_text(v))
    for table, _, columns in song_tables(code):
        col = columns["title"]
        for row in table_grid(table)[1:]:
            if col < len(row) and row[col] is not None and not row[col].header and clean_text(row[col].code):
                total += 1
    return total


def report_inputs(inputs: Iterable[str], *, validate_graphs: bool = True, minter: Minter | None = None) -> Iterator[Row]:
    """A :class:`Row` per page of the inputs, refused pages included (with their error).

    :param inputs: file paths (any input kg reads).
    :param validate_graphs: run SHACL validation too.
    :param minter: IRIs under another base (default base when omitted).
    """
    options = Options(validate=validate_graphs, minter=minter or Minter())
    for result in run(inputs, options):
        yield row_for(result)


def row_for(result: PageResult) -> Row:
    """The report row of one page's result."""
    page = result.page
    row = Row(source=page.source if page is not None else result.input, title=page.title if page is not None else "")
    if result.error is not None:
        row.error, row.kind = result.error.message, type(result.error).__name__
        return row
    graph, extraction = result.graph, result.extraction
    assert graph is not None and extraction is not None and page is not None
    row.triples = len(graph)
    row.people = len(set(graph.subjects(RDF.type, SCHEMA.Person)) | set(graph.subjects(RDF.type, SCHEMA.MusicGroup)))
    row.organisations = len(set(graph.subjects(RDF.type, SCHEMA.Organization)))
    row.cast = len(set(graph.objects(None, KG.cast)))
    crew = extraction.part(Crew)
    row.crew = sum(1 for c in crew.credits if c.role != "starring") if crew is not None else 0
    code = parse(page.text)
    row.table_rows = count_table_rows(code)
    accolades = extraction.part(Accolades)
    row.nominations = len(accolades.nominations) if accolades is not None else 0
    row.listing_titles = count_listing_titles(code)
    soundtrack = extraction.part(Soundtrack)
    row.tracks = sum(len(a.tracks) for a in soundtrack.albums) if soundtrack is not None else 0
    row.warnings = len(result.warnings)
    if result.report is not None:
        row.conforms, row.violations = result.report.conforms, len(result.report.violations)
    return row


COLUMNS = (
    ("article", 38), ("triples", 7), ("people", 6), ("orgs", 4), ("cast", 4), ("crew", 4),
    ("noms/rows", 9), ("tracks/titles", 13), ("warn", 4), ("conforms", 8),
)


def format_row(row: Row) -> str:
    """One fixed-width line of the report table."""
    if row.error is not None:
        name = row.title or row.source
        return f"{name[:38]:<38} refused: {row.error}"
    conforms = "-" if row.conforms is None else ("yes" if row.conforms else f"NO ({row.violations})")
    cells = [
        row.title[:38], str(row.triples), str(row.people), str(row.organisations), str(row.cast), str(row.crew),
        f"{row.nominations}/{row.table_rows}", f"{row.tracks}/{row.listing_titles}", str(row.warnings), conforms,
    ]
    flag = "" if row.complete else "  <- gap"
    return "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, (_, w)) in enumerate(zip(cells, COLUMNS))) + flag


def header() -> str:
    return "  ".join(name.rjust(w) if i else name.ljust(w) for i, (name, w) in enumerate(COLUMNS))


def format_totals(totals: Totals) -> str:
    ok = [r for r in totals.rows if r.error is None]
    conforming = sum(1 for r in ok if r.conforms)
    return (
        f"{totals.articles} articles exported ({conforming} conform), {totals.refused} refused; "
        f"{totals.sum('triples')} triples, {totals.sum('people')} people, {totals.sum('cast')} cast roles, "
        f"{totals.sum('crew')} crew credits, {totals.sum('nominations')}/{totals.sum('table_rows')} nominations/table rows, "
        f"{totals.sum('tracks')}/{totals.sum('listing_titles')} tracks/titles, {totals.sum('warnings')} warnings"
    )
