"""Tables: wikitables laid out as a browser lays them out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mwparserfromhell.nodes import Comment, HTMLEntity, Tag, Template, Text
from mwparserfromhell.wikicode import Wikicode

from kg.wikitext.parse import _SCOPE, parse, walk

@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a laid-out table.

    :param code: its content.
    :param header: it is a header cell (``!``).
    :param origin: ``(row, col)`` of the source cell this grid position was spanned from.
    :param cut: the cell's length in characters when it was longer than
        :data:`MAX_CELL_CHARS` and only its start is read (else 0).
    """

    code: Wikicode
    header: bool
    origin: tuple[int, int]
    cut: int = 0


#: A table cell is read up to this many characters (real cells hold a few hundred; a
#: longer one is broken markup swallowing the rest of the page, read at its start).
MAX_CELL_CHARS = 20_000


def _cell(node: Tag, r: int, col: int) -> Cell:
    header = str(node.tag).lower() == "th"
    if node.contents is None:
        return Cell(parse(""), header, (r, col))
    text = str(node.contents)
    if len(text) <= MAX_CELL_CHARS:
        return Cell(node.contents, header, (r, col))
    start = text[:MAX_CELL_CHARS]
    start = start[: start.rfind("\n")] if "\n" in start else start
    return Cell(parse(start), header, (r, col), cut=len(text))


def table_grid(table: Tag) -> list[list[Cell | None]]:
    """Lay a wikitable out as a browser would: one list per row, rowspan/colspan expanded.

    Within a :func:`page_scope` the layout of a table is computed once (several
    extractors look at the same tables); treat it as read-only.

    A cell spanning several rows or columns appears at every grid position it covers
    (the same :class:`Cell` object, so callers can tell a spanned copy by its ``origin``).
    Caption rows are skipped. Positions no cell covers are ``None``.

    :param table: a ``table`` tag node from :func:`tables`.
    """
    scope = _SCOPE.get()
    if scope is None:
        return _lay_out(table)
    cached = scope.grids.get(id(table))
    if cached is not None and cached[0] is table:
        return cached[1]
    grid = _lay_out(table)
    scope.grids[id(table)] = (table, grid)
    return grid


def _lay_out(table: Tag) -> list[list[Cell | None]]:
    grid: list[list[Cell | None]] = []
    pending: dict[int, tuple[Cell, int]] = {}  # column -> (cell, rows left)
    rows = [n for n in table.contents.nodes if isinstance(n, Tag) and str(n.tag).lower() == "tr"]
    # cells directly after "{|" without a "|-" row marker form an implicit first row
    leading = [
        n for n in table.contents.nodes
        if isinstance(n, Tag) and str(n.tag).lower() in ("td", "th") and not _is_caption(n)
    ]
    row_nodes: list[list[Tag]] = []
    if leading:
        row_nodes.append(leading)
    for row in rows:
        row_nodes.append([n for n in row.contents.nodes if isinstance(n, Tag) and str(n.tag).lower() in ("td", "th")])
    for r, cells in enumerate(row_nodes):
        line: list[Cell | None] = []
        col = 0

        def fill_pending() -> None:
            nonlocal col
            while col in pending:
                _take_pending(pending, line, col)
                col += 1

        for node in cells:
            fill_pending()
            rowspan = _span(node, "rowspan")
            colspan = _span(node, "colspan")
            cell = _cell(node, r, col)
            for c in range(colspan):
                _put(line, col + c, cell)
                if rowspan > 1:
                    pending[col + c] = (cell, rowspan - 1)
            col += colspan
        fill_pending()
        # spans pending beyond the last explicit cell of this row
        for pcol in sorted(k for k in pending if k >= col):
            _take_pending(pending, line, pcol)
        if any(c is not None for c in line):
            grid.append(line)
    return grid


def _take_pending(pending: dict[int, tuple[Cell, int]], line: list[Cell | None], col: int) -> None:
    """Place the cell spanning down into ``col`` on this row, one row less to go."""
    cell, left = pending[col]
    _put(line, col, cell)
    if left <= 1:
        del pending[col]
    else:
        pending[col] = (cell, left - 1)


def _is_caption(node: Tag) -> bool:
    """``|+ Caption``: mwparserfromhell reads a table caption as a cell starting with "+"."""
    return str(node.tag).lower() == "td" and node.contents is not None and str(node.contents).startswith("+")


def _put(line: list[Cell | None], col: int, cell: Cell) -> None:
    while len(line) <= col:
        line.append(None)
    line[col] = cell


def _span(node: Tag, attr: str) -> int:
    for a in node.attributes:
        if str(a.name).strip().lower() == attr:
            m = re.search(r"\d+", str(a.value))
            if m:
                return max(1, min(int(m.group()), 1000))
    # "| rowspan=12 {{nom}}": the result template writes the cell's closing "|", so
    # MediaWiki reads the text before it as the cell's attributes
    if node.contents is not None:
        start = []  # the text before the cell's first template (not the whole cell: it may be huge)
        for n in node.contents.nodes:
            if isinstance(n, Template):
                start.append("{{")
            elif isinstance(n, Text):
                start.append(str(n))
                continue
            break
        lead = _LEADING_ATTRIBUTES.match("".join(start))
        if lead:
            m = re.search(attr + r'\s*=\s*["\']?(\d+)', lead.group(1), re.I)
            if m:
                return max(1, min(int(m.group(1)), 1000))
    return 1


_LEADING_ATTRIBUTES = re.compile(r"^\s*((?:[a-z-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s{|]+)\s*)+)(?=\{\{)", re.I)


def tables(code: Wikicode) -> list[Tag]:
    """Every wikitable (``{| … |}``) in ``code``, outermost first, in document order."""
    return [t for t in walk(code, Tag) if str(t.tag).lower() == "table" and t.wiki_markup == "{|"]


# A cell that is all bold: "'''Actor'''" (a header written with "|" cells).
_BOLD_CELL = re.compile(r"^\s*'''[^']+'''\s*$")


def _is_header_row(row: list[Cell | None]) -> bool:
    """A row of header cells: every cell "!", or every non-empty cell all bold text."""
    cells = [c for c in row if c is not None]
    if not cells:
        return False
    if all(c.header for c in cells):
        return True
    texts = [str(c.code).strip() for c in cells]
    return all(not t or _BOLD_CELL.match(t) for t in texts) and any(texts)


#: Column-header words and phrases, as the cast and accolades extractors recognise their
#: columns by (``ACTOR_HEADER`` / ``CHARACTER_HEADER`` in :mod:`kg.extractors.cast`,
#: ``COLUMN_PATTERNS`` in :mod:`kg.extractors.awards`), plus the note and reference columns
#: those tables carry. Matched against a whole cell (lower case, "(s)" and a trailing "."
#: or ":" dropped; a plural "s" too), so a first row of plain text made only of these is a
#: header written with "|" cells ("| Actor || Role"), read as if written with "!".
PLAIN_HEADER_WORDS = frozenset({
    # performers (cast ACTOR_HEADER)
    "actor", "actress", "actresses", "cast", "cast member", "performer", "played by", "portrayed by",
    "voice", "voice actor", "voice actress", "voice cast", "voiced by", "dub", "dubbed by", "starring",
    # characters (cast CHARACTER_HEADER)
    "character", "role", "part", "as",
    # accolades (awards COLUMN_PATTERNS): award, ceremony, category, nominee, result, date
    "award", "award ceremony", "awarding body", "award category", "ceremony", "date of ceremony",
    "ceremony date", "event", "edition", "festival", "film festival", "organization", "organisation",
    "association", "society", "academy", "guild", "body", "presenter", "prize", "institution",
    "publication", "critic", "category", "categories", "field", "nominated for", "award for",
    "ranking", "poll", "list", "recipient", "nominee", "honoree", "honouree", "winner", "laureate",
    "subject", "name", "work", "nominated work", "film", "artist", "person",
    "result", "outcome", "status", "year", "date",
    # notes and references
    "note", "notes", "ref", "refs", "reference", "references", "source", "sources", "citation", "citations",
})

#: Between the parts of a combined header: "Recipient(s) and nominee(s)", "Award/Festival".
_HEADER_JOIN = re.compile(r"\s*(?:/|&|,|\band\b|\bor\b)\s*")
# The performers of one language's version ("English", "Japanese voice actor", "Hindi dub").
_LANGUAGE_HEADER = re.compile(r"^(.+?)(?:\s+(?:voice actors?|voice actress(?:es)?|voices?|dub|dubbing|version|cast))?$")


def _header_word(part: str) -> bool:
    return part in PLAIN_HEADER_WORDS or (part.endswith("s") and part[:-1] in PLAIN_HEADER_WORDS)


def _plain_header_kind(cell: Cell) -> str | None:
    """``"word"`` for a cell of plain text that is a known column header, ``"language"`` for
    one that names a language's version ("English", "Japanese voice"), else ``None``.
    ``""`` for an empty cell."""
    if not all(
        isinstance(n, (Text, Comment, HTMLEntity)) or (isinstance(n, Tag) and str(n.tag).lower() == "br")
        for n in cell.code.nodes
    ):
        return None  # a link, a template, a reference …: a value, not a header
    from kg.wikitext.text import clean_text

    text = clean_text(cell.code).casefold().replace("(s)", "").replace("(es)", "")
    text = re.sub(r"\s+", " ", text).strip().rstrip(".:").strip()
    if not text:
        return ""
    parts = _HEADER_JOIN.split(text)
    if all(p and _header_word(p) for p in parts):
        return "word"
    from kg.values import LANGUAGES

    m = _LANGUAGE_HEADER.match(text)
    if m and m.group(1) in LANGUAGES:
        return "language"
    return None


def _is_plain_header_row(row: list[Cell | None]) -> bool:
    """A first row of "|" cells each a known column-header word ("| Actor || Role",
    "| Award || Category || Result"): a header written without "!". One cell that is
    anything else (a name, a link, a template) and the row is data. A language column
    ("| Character || Japanese || English") counts beside another header word."""
    cells = list({id(c): c for c in row if c is not None}.values())
    if not cells or any(c.header for c in cells):
        return False
    kinds = [_plain_header_kind(c) for c in cells]
    return None not in kinds and "word" in kinds


def _distinct(row: list[Cell | None]) -> int:
    return len({id(c) for c in row if c is not None})


@dataclass
class Table:
    """A wikitable laid out, with its header rows told from its body.

    The header is the leading rows of header cells ("!", or "|" cells that are all bold,
    the way many articles write a header, or — in the first row only — "|" cells of plain
    text each a known column-header word, :data:`PLAIN_HEADER_WORDS`); a row of one cell
    spanning the table at the top is a sub-heading, not a header. :attr:`headers` holds the clean text of each column's
    header, from the last header row of several cells (a header spanning columns names each
    of them). Cast, accolades and soundtrack tables read their columns from it by header text.

    :param grid: the layout (:func:`table_grid`).
    :param header_rows: how many rows at the top are header rows.
    :param headers: the header text of each column ("" where none).
    """

    grid: list[list[Cell | None]]
    header_rows: int
    headers: list[str]

    @classmethod
    def of(cls, table: Tag) -> Table:
        """The :class:`Table` of a ``{| … |}`` tag."""
        from kg.wikitext.text import clean_text

        grid = table_grid(table)
        header_rows = 0
        last = None
        while header_rows < len(grid) and (
            _is_header_row(grid[header_rows]) or (header_rows == 0 and _is_plain_header_row(grid[0]))
        ):
            if _distinct(grid[header_rows]) > 1 or len(grid[header_rows]) == 1:
                last = grid[header_rows]
            elif header_rows > 0:
                break  # a sub-heading under the header: the body starts here
            header_rows += 1
        headers = [clean_text(c.code) if c is not None else "" for c in last] if last is not None else []
        return cls(grid, header_rows, headers)

    @property
    def body(self) -> list[list[Cell | None]]:
        """The rows after the header."""
        return self.grid[self.header_rows :]

    def columns(self, patterns: tuple[tuple[str, re.Pattern[str]], ...]) -> dict[int, str]:
        """Column index → kind, the first pattern whose regex finds the header text winning."""
        kinds: dict[int, str] = {}
        for col, text in enumerate(self.headers):
            for kind, pattern in patterns:
                if text and pattern.search(text):
                    kinds[col] = kind
                    break
        return kinds

    @staticmethod
    def is_subheading(row: list[Cell | None]) -> bool:
        """A row of one cell spanning it ("! colspan=4 | 2019"): a heading inside the body."""
        return _distinct(row) <= 1 and len(row) > 1
