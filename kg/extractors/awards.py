"""Accolades: every row of an awards table as a nomination.

Tables are laid out as a browser would (rowspan/colspan expanded, see
:class:`kg.wikitext.Table`) and their columns are recognised by header text, not by
position. A table counts as an accolades table when it has a Result column or holds
result templates ({{won}}, {{nom}} …). Accolades written as a bullet list are read too
where a line states the award and a result.
"""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Tag, Template, Wikilink
from mwparserfromhell.wikicode import Wikicode

from kg.extractors.names import PARTICLES, name_problem
from kg.model import Accolades, Nomination, Ref
from kg.wikitext import Cell, Table, clean_text, find_outside_markup, find_section, parse, parse_link, positional, strip_refs, tables, template_name, walk
from kg.titles import strip_disambiguator
from kg.values import PartialDate, parse_date

ACCOLADES_SECTIONS = (
    r"(critical )?(accolades?|awards?|honou?rs)( and (nominations?|accolades|honou?rs|recognition|awards))?( received)?",
    r"(awards and )?nominations( and awards)?",
    r"recognition",
    r"(awards|accolades) and (critical )?(reception|recognition)",
)
# Column kinds, recognised by header text (first match wins, in this order).
COLUMN_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ref", re.compile(r"^(refs?\.?|references?|sources?|citations?|notes?)$", re.I)),
    ("result", re.compile(r"result|outcome|status", re.I)),
    ("date", re.compile(r"date|year", re.I)),
    ("category", re.compile(r"categor|field|nominated for|award for|^(?:top[- ]ten )?lists?$|ranking|poll", re.I)),
    ("ceremony", re.compile(r"ceremony|event|edition", re.I)),
    ("award", re.compile(r"award|organi[sz]|festival|association|society|circle|academy|guild|body|presenter|group|prize|institution|publication|critic|magazine|newspaper|outlet", re.I)),
    ("nominee", re.compile(r"recipient|nominee|honou?ree|subject|name|winner|person|work|nominated|laureate|film|artist|for\b", re.I)),
)
# Result templates and words → result.
RESULT_TEMPLATES = {
    "won": "won", "win": "won", "won-": "won", "yes-won": "won", "award won": "won", "winner": "won",
    "nom": "nominated", "nominated": "nominated", "nominee": "nominated", "nom-": "nominated", "nomination": "nominated",
    "pending": "pending", "tbd": "pending", "tba": "pending", "upcoming": "pending", "pending-": "pending",
    "runner-up": "runner-up", "runner up": "runner-up", "runnerup": "runner-up", "runner-up-": "runner-up",
    "draw": "placed", "place": "placed", "placed": "placed", "3rd": "placed", "2nd": "placed", "finalist": "placed",
    "honorable mention": "honored", "honourable mention": "honored", "hm": "honored", "special mention": "honored",
    "honored": "honored", "honoured": "honored",
}
RESULT_WORDS = (
    (re.compile(r"^(won|winner|win|awarded|recipient)\b", re.I), "won"),
    (re.compile(r"^(nominated|nominee|nomination)\b", re.I), "nominated"),
    (re.compile(r"^runner[- ]?up\b", re.I), "runner-up"),
    (re.compile(r"^(pending|tbd|tba|upcoming)\b", re.I), "pending"),
    (re.compile(r"^(honou?rable|special) mention\b", re.I), "honored"),
    (re.compile(r"^\d+(st|nd|rd|th)\b|^(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b|place", re.I), "placed"),
)
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
# Remarks in a nominee cell that are notes, not names.
NOTE_PAREN = re.compile(r"\(([^()]*\b(?:also|shared|tied|with|for|posthumous|as|jointly|honorary|uncredited)\b[^()]*)\)", re.I)
SMALL_TEMPLATES = ("small", "smaller", "sup", "nowrap")


class AwardsExtractor:
    name = "awards"
    produces = Accolades

    def extract(self, ctx):
        film_names = film_name_forms(ctx.page.title)
        out: list[Nomination] = []
        for n, table in enumerate(accolades_tables(ctx.code), start=1):
            out.extend(_table_nominations(ctx, table, n, len(out), film_names))
        if not out:
            section = find_section(ctx.code, ACCOLADES_SECTIONS)
            if section is not None:
                out.extend(_list_nominations(ctx, section.code, film_names))
        return Accolades(tuple(out))


def film_name_forms(title: str) -> set[str]:
    """How an accolades row names the film itself (casefolded): its title, without the
    disambiguator, its main title before a colon ("K.G.F" for "K.G.F: Chapter 1"), and
    the words tables use for "this film"."""
    base = strip_disambiguator(title)
    forms = {title, base, base.split(":")[0].strip(), "film", "the film", "this film", "movie", "the movie", "itself"}
    return {f.casefold() for f in forms if f}


def _is_summary_box(tag: Tag) -> bool:
    """An accolades summary: a table whose class is an infobox's."""
    return any(str(a.name).strip().lower() == "class" and "infobox" in str(a.value).lower() for a in tag.attributes)


def accolades_tables(code: Wikicode) -> list[Table]:
    """The article's accolades tables: wikitables with a Result column or result templates."""
    found = []
    for tag in tables(code):
        if _is_summary_box(tag):
            continue  # a class="infobox" box of {{won|3}} counts per award body sums up, it lists nothing
        table = Table.of(tag)
        if not table.grid:
            continue
        has_result_column = "result" in table.columns(COLUMN_PATTERNS).values()
        has_result_template = any(template_name(t) in RESULT_TEMPLATES for t in walk(tag.contents, Template))
        if has_result_column or has_result_template:
            found.append(table)
    return found


# An Award column that names the awarding body when another Award column names the prize.
BODY_HEADER = re.compile(r"festival|organi[sz]|association|society|circle|academy|guild|body|presenter|institution|ceremony|event", re.I)
YEAR = re.compile(r"^\s*((?:18|19|20)\d\d)(?:\s*[–-]\s*\d{2,4})?\s*$")


def _columns(table: Table) -> dict[str, list[int]]:
    """Column kind → columns, read from the header text."""
    columns: dict[str, list[int]] = {}
    for col, kind in sorted(table.columns(COLUMN_PATTERNS).items()):
        columns.setdefault(kind, []).append(col)
    awards = columns.get("award", [])
    if len(awards) > 1 and "category" not in columns:
        # "Festival | Award": the festival gives the award named in the other column
        bodies = [c for c in awards if BODY_HEADER.search(table.headers[c])]
        prizes = [c for c in awards if c not in bodies]
        if bodies and prizes:
            columns["award"], columns["category"] = bodies, prizes
    if "award" not in columns and "ceremony" in columns:
        columns["award"] = columns.pop("ceremony")
    return columns


def _table_nominations(ctx, table: Table, n: int, offset: int, film_names: set[str]) -> list[Nomination]:
    grid = table.grid
    ctx.warn_long_cells(grid, f"accolades table {n}")
    columns = _columns(table)
    out: list[Nomination] = []
    heading_date: PartialDate | None = None
    heading_body: Ref | None = None
    for r, row in enumerate(table.body, start=table.header_rows + 1):
        if Table.is_subheading(row):
            # "! colspan=4 | 2019" dates the rows below; "! colspan=3 | [[Academy Awards]]" names their award
            cell = next(c for c in row if c is not None)
            text = clean_text(_without_refs(cell.code))
            year = YEAR.match(text)
            if year:
                heading_date = PartialDate.from_parts(year.group(1))
            elif "award" not in columns and text:
                heading_body = _one_ref(ctx, cell)
            continue

        def cell(kind: str) -> Cell | None:
            for col in columns.get(kind, []):
                if col < len(row) and row[col] is not None:
                    return row[col]
            return None

        where = f"accolades table {n}, row {r}"
        result_cell = cell("result")
        result, rank, result_text = _result(result_cell.code if result_cell else _row_code(row))
        if result == "unknown":
            ctx.warn(where, f'cannot read the result "{result_text}"; the row is kept with result unknown')
        organisation = _one_ref(ctx, cell("award")) or heading_body
        ceremony = _one_ref(ctx, cell("ceremony")) if "ceremony" in columns else None
        category_cell = cell("category")
        category = _one_ref(ctx, category_cell)
        at_ceremony = _category_ceremony(ctx, category_cell)
        if at_ceremony is not None:
            category, linked_ceremony = at_ceremony
            ceremony = ceremony or linked_ceremony
        date = _date(cell("date")) or heading_date
        nominee_cell = cell("nominee")
        notes: list[str] = []
        nominees: list[Ref] = []
        if nominee_cell is not None and nominee_cell is not category_cell and nominee_cell is not result_cell:
            nominees, notes = _nominees(ctx, nominee_cell.code, film_names)
        if organisation is None and category is None:
            ctx.warn(where, "no award or category; row skipped")
            continue
        if "category" not in columns:
            # no Category column: the Award column names the award itself
            category, organisation = organisation, ceremony
            ceremony = None
        elif category is not None and organisation is not None and category.title and category.title == organisation.title:
            # the category cell links the awarding body's article: the category is its text
            category = Ref(category.name)
        out.append(
            Nomination(
                position=offset + len(out) + 1,
                organisation=organisation,
                category=category,
                nominees=tuple(nominees),
                result=result,
                ceremony=ceremony,
                date=date,
                rank=rank,
                notes=tuple(notes),
                source=f"accolades-table:{n}",
            )
        )
    return out


def _row_code(row: list[Cell | None]) -> Wikicode:
    seen, parts = set(), []
    for c in row:
        if c is not None and id(c) not in seen:
            seen.add(id(c))
            parts.append(str(c.code))
    return parse(" ".join(parts))


def _result(code: Wikicode) -> tuple[str, int | None, str]:
    """(result, rank, shown text) of a result cell."""
    for t in walk(code, Template):
        name = template_name(t)
        if name in RESULT_TEMPLATES:
            result = RESULT_TEMPLATES[name]
            label = " ".join(clean_text(a) for a in positional(t))
            if result == "won" and RANK_PLACE.search(label) and (_rank(label) or 1) > 1:
                result = "placed"  # "{{won|4th place}}": a place, not a win ("{{won|1st place}}" is one)
            rank = _rank(label) if result == "placed" else None
            if result == "placed" and rank is None and name in ("2nd", "3rd"):
                rank = int(name[0])
            return result, rank, label or name
    text = clean_text(code)
    for pattern, result in RESULT_WORDS:
        if pattern.search(text):
            return result, _rank(text) if result == "placed" else None, text
    return "unknown", None, text


def _rank(text: str) -> int | None:
    m = re.search(r"(\d+)\s*(?:st|nd|rd|th)\b", text, re.I)
    if m:
        return int(m.group(1)) or None
    m = re.search(r"\b(" + "|".join(ORDINALS) + r")\b", text, re.I)
    return ORDINALS[m.group(1).lower()] if m else None


# The article of one ceremony: "11th Academy Awards", "2011 Scream Awards", "57th British
# Academy Film Awards", "1999 Cannes Film Festival".
CEREMONY_ARTICLE = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)|(?:18|19|20)\d\d)\s.*\b(?:Awards?|Festival|Ceremony|Prizes?)$"
    r"|^.*\b(?:Awards?|Festival|Ceremony|Prizes?)\s+(?:of\s+)?(?:18|19|20)\d\d$",
    re.I,
)


def _category_ceremony(ctx, cell: Cell | None) -> tuple[Ref, Ref] | None:
    """(category, ceremony) when a category cell links a ceremony's article under the
    category's name ("[[11th Academy Awards|Outstanding Production]]")."""
    if cell is None:
        return None
    links = [parse_link(n) for n in walk(_without_refs(cell.code), Wikilink)]
    links = [link for link in links if link is not None]
    if len(links) == 1 and links[0].section is None and CEREMONY_ARTICLE.match(links[0].title) and links[0].text:
        link = links[0]
        if link.text.casefold() not in link.title.casefold():
            return ctx.names.linked(link.text), ctx.names.ref_for_link(link)
    return None


def _one_ref(ctx, cell: Cell | None) -> Ref | None:
    if cell is None:
        return None
    code = _without_refs(cell.code)
    links = [n for n in walk(code, Wikilink)]
    if links:
        for node in links:
            link = parse_link(node)
            if link is not None:
                ref = ctx.names.ref_for_link(link)
                if CATEGORY_ARTICLE.search(link.title):
                    # the link is the award's own page ("[[Lantern Prize for Best Actor|Best
                    # Actor]] – Feature"): it is the award, whatever else the cell shows
                    return ref
                text = clean_text(code)
                # the cell shows more than the link ("[[BAFTA Award]] for Best Actor"): keep what it shows
                if len(text) > len(ref.name) + 3 and not re.fullmatch(r"[\W\d]*" + re.escape(ref.name) + r"[\W\d]*", text):
                    return Ref(text)
                return ref
    # an unlinked award or category is a name of its own: it is never resolved to a
    # link elsewhere (another ceremony's "Best Actor in a Leading Role" is another award)
    text = clean_text(code).strip("'\"“”‘’ ")
    return ctx.names.linked(text) if text else None


def _date(cell: Cell | None) -> PartialDate | None:
    if cell is None:
        return None
    return parse_date(clean_text(_without_refs(cell.code)))


def _without_refs(code: Wikicode) -> Wikicode:
    return parse(strip_refs(str(code)))


# A cell that is one italic title and nothing else: "''The Clockwork Fox''", "''[[The Rock (film)|The Rock]]''".
_ITALIC_WORK = re.compile(r"''(?!')(?:(?!'').)+''")


def _nominees(ctx, code: Wikicode, film_names: set[str]) -> tuple[list[Ref], list[str]]:
    """The people a nominee cell names, and the remarks it makes about them."""
    notes: list[str] = []
    kept: list[str] = []
    for node in _without_refs(code).nodes:
        if isinstance(node, Template) and template_name(node) in SMALL_TEMPLATES:
            text = clean_text(str(node))
            if text:
                notes.append(text.strip("() "))
            continue
        if isinstance(node, Tag) and str(node.tag).lower() in ("small", "sup"):
            text = clean_text(node.contents)
            if text:
                notes.append(text.strip("() "))
            continue
        kept.append(str(node))
    raw = "".join(kept)
    for m in NOTE_PAREN.finditer(clean_text(raw)):
        notes.append(m.group(1).strip())
    raw = re.sub(r"\([^()]*\)", lambda m: "" if NOTE_PAREN.fullmatch(clean_text(m.group())) else m.group(), raw)
    text = clean_text(raw)
    if not text or text.strip("'\"“”").casefold() in film_names:
        return [], notes
    # a quoted title ("Song") or an italic work (''The Film'') is what was nominated, not who
    if re.fullmatch(r"[\"“].*[\"”]", text) or _ITALIC_WORK.fullmatch(raw.strip()):
        notes.append(text)
        return [], notes
    # ""Light the Lantern" – A and B": the song first, then who
    song = re.match(r"\s*['\"“][^'\"”\[\]]+['\"”]\s*[–—-]\s*", raw)
    if song is not None:
        notes.append(clean_text(raw[: song.end()]).rstrip("–—- "))
        raw = raw[song.end() :]
    refs: list[Ref] = []
    items = [piece for item in _split_lines(raw) for piece in re.split(r";\s+(?![^\[]*\]\])", str(item))]
    for text in items:
        # "Producer: Dinesh Vijan Rao", "Set Decoration: [[Y]]": what they did, then who
        label = re.match(r"\s*([^\[\]{}:|]{1,40}?):\s+(?=\S)", text)
        if label is not None and not re.search(r"\d", label.group(1)):
            notes.append(clean_text(label.group(1)))
            text = text[label.end() :]
        item = parse(text)
        # "[[Rumi Hiiragi]] as Chihiro", "[[A Singer]] for "Song"": who, then a remark
        remark = find_outside_markup(text, NOMINEE_REMARK, min_start=1)
        if remark is not None:
            notes.append(clean_text(text[remark.start() :]).lstrip("–—- "))
            item = parse(text[: remark.start()])
        refs.extend(ctx.names.refs(item))
    refs = [r for r in refs if r.name.casefold() not in film_names and not _not_a_nominee(ctx, r)]
    unique: list[Ref] = []
    for r in refs:
        if r not in unique:
            unique.append(r)
    return unique, notes


# What follows a nominee's name and is said about the nomination, not a person.
NOMINEE_REMARK = re.compile(r"\s+(?:as|for)\s+(?=\S)|\s+[–—-]\s+(?=[\"“'])", re.I)


def _split_lines(raw: str) -> list[Wikicode]:
    from kg.wikitext import split_items

    return split_items(parse(raw))


# The article of one award category: "Academy Award for Best Actress", "Filmfare Award for Best Film".
CATEGORY_ARTICLE = re.compile(r"\b(?:Awards?|Prize|Medal)\s+for\s+", re.I)
# A heading that says the result of the lines under it, perhaps after the award's name.
RESULT_HEADING = re.compile(r"^(.*?)\s*\b(wins?|won|awards? won|nominations?|nominated)\s*$", re.I)
RESULT_IN_TEXT = re.compile(
    r"\b(won|winner|win|nominated|nominee|nomination|runner[- ]up|pending|honou?rable mention)\b", re.I
)
DEFAULT_RESULT_LINE = re.compile(r"^\s*(?:;|'''|==+)\s*(wins?|won|winners?|nominations?|nominated|nominees?)\b", re.I)
GENERIC_HEADINGS = re.compile(
    r"^(others?|other awards?|other honou?rs|accolades|awards?( and (nominations|honou?rs))?|honou?rs|recognition|nominations?|wins?|lists?)$",
    re.I,
)
LEADING_YEAR = re.compile(r"^\s*\(?(\d{4})\)?\s*[:–—-]?\s*")
TRAILING_YEAR = re.compile(r"\s*\((\d{4})\)\s*:?\s*$")
# A rank in a list line, as the Result column of a ranked list gives it: "2nd place",
# "Second place" anywhere outside links; a bare "2nd" only as a part of its own, at the
# start or the end of the line by a separator ("* 1st – [[Critic]]", "* [[Critic]]'s top
# ten list: 2nd") — never the ordinal of a ceremony ("[[1st Critics' Choice Awards]]").
RANK_PLACE = re.compile(r"'*\b(?:\d+(?:st|nd|rd|th)|" + "|".join(ORDINALS) + r")\s+place\b'*", re.I)
RANK_LEAD = re.compile(r"^\s*'*(\d+(?:st|nd|rd|th))'*\s*[:–—-]\s+", re.I)
RANK_TAIL = re.compile(r"[:–—-]\s*'*(\d+(?:st|nd|rd|th))'*[\s.]*$", re.I)
# A definition-list or bold line that gives only a year ("; 1996", "'''1996'''"): it dates
# the lines below it, as a year heading does.
YEAR_LINE = re.compile(r"^\s*(?:;|''')\s*((?:18|19|20)\d\d)\s*(?:''')?\s*:?\s*$")
# A definition term on a line of its own (";[[Nandi Awards]]") or a line wholly in bold
# ("'''[[BAFTA Awards]]'''"), with no definition after it on the line.
TERM_LINE = re.compile(r"^\s*(?:;\s*([^:;]+?)|'''([^']+?)''')\s*:?\s*$")


def _list_result_template(line: str) -> tuple[tuple[str, int | None, str] | None, str]:
    """The result a result template gives in a list line ("* Best Picture – {{won}}"),
    read as the Result column of a table reads it, and the line without that template."""
    for t in walk(parse(line), Template):
        if template_name(t) in RESULT_TEMPLATES:
            return _result(parse(str(t))), line.replace(str(t), " ", 1)
    return None, line


def _list_rank(line: str) -> tuple[int | None, str]:
    """The rank a list line states ("2nd place", "1st – …"), and the line without it."""
    m = find_outside_markup(line, RANK_PLACE)
    if m is None:
        m = RANK_LEAD.match(line) or RANK_TAIL.search(line)
    if m is None:
        return None, line
    rank = _rank(clean_text(m.group(0)))
    if rank is None:
        return None, line
    return rank, line[: m.start()] + " – " + line[m.end() :]


def _list_nominations(ctx, code: Wikicode, film_names: set[str]) -> list[Nomination]:
    """Accolades written as lists, one nomination per line that states a result.

    Reads "* 2005: [[AFI's 100 Years of Film Scores]] – Nominated", nested lists whose
    parent line names the award body ("* The Japanese Academy (1987)" / "** Won: Most
    Popular Film"), and lists under a sub-heading naming the award with a ";Nominations"
    or ";Wins" line giving the result ("* [[Academy Award for Best Director|Best
    Directing]]: Michael Curtiz"). Lines that state no result are context, never guessed.
    A result template ("– {{won}}") and a rank ("2nd place – [[Critic]]") are read as a
    table's Result column reads them; a year comes from the line, a line ("* 1996",
    "; 1996") or heading ("=== 1996 ===") above it, or nowhere.
    """
    out: list[Nomination] = []
    heading: Ref | None = None
    heading_level = 0
    # the year a year heading ("=== 1996 ===") or a year line ("; 1996") gives the lines below
    heading_date: PartialDate | None = None
    date_level = 0
    default: str | None = None
    context: dict[int, tuple[Ref | None, PartialDate | None]] = {}
    for raw in strip_refs(str(code)).split("\n"):
        h = re.match(r"^(=+)\s*(.*?)\s*=+\s*$", raw)
        if h:
            level = len(h.group(1))
            title = clean_text(h.group(2))
            if heading_date is not None and date_level >= level:
                heading_date = None
            year = YEAR.match(title)
            if year:
                # "=== 1996 ===": the year of the lines below, under the award heading above it
                heading_date, date_level, context = PartialDate.from_parts(year.group(1)), level, {}
                if heading_level >= level:
                    heading, default = None, None
                continue
            # "=== Wins ===", "=== Academy Award nominations ===": the result of the lines below
            said = RESULT_HEADING.match(title)
            if said and re.search(r"(?:^|\s)(?:and|&)\s*$", said.group(1), re.I):
                said = None  # "Awards and nominations": a section about both, saying no result

            default, context = (("won" if said.group(2).lower().startswith(("win", "won")) else "nominated") if said else None), {}
            body = said.group(1).strip() if said else title
            heading = None if not body or GENERIC_HEADINGS.match(body) else _one_ref(ctx, Cell(parse(h.group(2) if not said else body), False, (0, 0)))
            heading_level = level
            continue
        y = YEAR_LINE.match(raw)
        if y:
            heading_date, date_level, context = PartialDate.from_parts(y.group(1)), 99, {}
            continue
        d = DEFAULT_RESULT_LINE.match(raw)
        if d and not raw.lstrip().startswith(("*", "#")):
            default = "won" if d.group(1).lower().startswith(("win", "won")) else "nominated"
            continue
        term = TERM_LINE.match(raw)
        if term:
            term_text = term.group(1) or term.group(2)
            if not RESULT_IN_TEXT.search(clean_text(term_text)) and _list_result_template(term_text)[0] is None:
                # ";[[Nandi Awards]]", "'''[[BAFTA Awards]]'''": a term MediaWiki sets in bold
                # on a line of its own, the pseudo-heading of the lines below; it names their
                # body as a heading does, and keeps the result a heading above gave
                body = clean_text(term_text)
                heading = None if not body or GENERIC_HEADINGS.match(body) else _one_ref(ctx, Cell(parse(term_text), False, (0, 0)))
                heading_level, context = 99, {}
                continue
        m = re.match(r"^\s*([*#:]+)\s*(.*)$", raw)  # bullets, numbers and indented ":" lines
        if not m:
            continue
        depth, line = len(m.group(1)), m.group(2)
        if set(m.group(1)) == {":"}:
            depth += 0.5  # ":" lines under a "*" line belong to it
        # "– {{won}}", "{{nom}}": a result template, read as a table's Result column reads it
        said_by_template, line = _list_result_template(line)
        text = clean_text(line)
        if not text and said_by_template is None:
            continue
        for k in [k for k in context if k >= depth]:
            del context[k]
        word = RESULT_IN_TEXT.search(text) if said_by_template is None else None
        rank = None
        if said_by_template is not None:
            result, rank = said_by_template[0], said_by_template[1]
        elif word:
            result = _result(parse(word.group(1)))[0]
        else:
            # "2nd place – [[Critic]], ''Paper''": placed, with its rank, as a Result column gives it
            rank, line = _list_rank(line)
            result = "placed" if rank is not None else default
            if rank is not None:
                text = clean_text(line)
        year = LEADING_YEAR.match(text) or TRAILING_YEAR.search(text)
        date = PartialDate.from_parts(year.group(1)) if year else None
        rest = TRAILING_YEAR.sub("", LEADING_YEAR.sub("", line, count=1))
        if result is None:
            ref = _one_ref(ctx, Cell(parse(rest.rstrip().rstrip(":")), False, (0, 0)))
            if ref is not None or date is not None:
                context[depth] = (ref, date)  # "* [[Academy Awards]] (1996)", "* 1996": the lines below
            continue
        # the nearest line above naming a body, and the nearest giving a year; else the headings'
        above = sorted((k for k in context if k < depth), reverse=True)
        organisation = next((context[k][0] for k in above if context[k][0] is not None), heading)
        parent_date = next((context[k][1] for k in above if context[k][1] is not None), heading_date)
        date = date or parent_date
        if word:
            rest = re.sub(r"'*\b" + re.escape(word.group(1)) + r"\b'*\s*(?:for\s+)?", " ", rest, count=1, flags=re.I)
        if organisation is None and _person_then_category(rest):
            # "* [[Sam Jones]] – Best Actor – Won" with no awarding body above: whose award
            # this is the line does not say, and the person's page is no award
            ctx.warn("awards", f'"{text}" names no awarding body (a person\'s page first); skipped')
            continue
        category_part, nominee_part, organisation = _split_list_line(rest, organisation)
        if category_part is None:
            if organisation is not None:
                out.append(Nomination(len(out) + 1, organisation, None, (), result, date=date, rank=rank, source="accolades-list"))
            continue
        # "Best Actor – [[Mohan Das]]": the category, then who
        dash = re.match(r"^(.+?)\s+[–—-]\s+(.+)$", category_part)
        if (
            dash and not nominee_part and "[[" not in dash.group(1)
            and (dash.group(2).lstrip().startswith("[[") or _reads_as_person(clean_text(dash.group(2))))
        ):
            category_part, nominee_part = dash.group(1), dash.group(2)
        if rank is not None and nominee_part and not CATEGORY_WORDS.search(clean_text(category_part)):
            # a ranked list ("2nd place – [[Critic]], ''Paper''") names who made the list, a
            # critic or a publication, never a nominee: the film itself is ranked, as in a
            # table's "Publication | List | Result" row; the whole text names the list
            i, j = rest.find(category_part), rest.rfind(nominee_part)
            category_part = rest[i : j + len(nominee_part)] if 0 <= i <= j else f"{category_part} – {nominee_part}"
            category_part, nominee_part = re.sub(r"^[\s,;:–—-]+|[\s,;:–—-]+$", "", category_part), None
        category_cell = Cell(parse(category_part), False, (0, 0))
        first = _one_ref(ctx, category_cell)
        if first is None:
            continue
        ceremony = None
        at_ceremony = _category_ceremony(ctx, category_cell) if organisation is not None else None
        if at_ceremony is not None:
            first, ceremony = at_ceremony
        nominees, notes = _nominees(ctx, parse(nominee_part), film_names) if nominee_part else ([], [])
        if first.is_global and not CATEGORY_ARTICLE.search(first.title) and CATEGORY_ARTICLE.search(first.name):
            # "[[Golden Globe|Golden Globe Award for Best Actress]]": the link names the body,
            # the text the award; the award is the text, the page its rdfs:seeAlso
            first = Ref(first.name, first.title, "")
        elif rank is not None and first.is_global and not CATEGORY_ARTICLE.search(first.title):
            # "[[Roger Ebert]]" naming a ranked list: the list is the critic's, not the critic;
            # the award stays the article's, the critic's page its rdfs:seeAlso
            first = Ref(first.name, first.title, "")
        category: Ref | None = first
        if organisation is None and not (CATEGORY_ARTICLE.search(first.title or "") or CATEGORY_ARTICLE.search(first.name)):
            organisation, category = first, None
        elif isinstance(organisation, Wikicode):
            organisation = _one_ref(ctx, Cell(organisation, False, (0, 0)))
        out.append(
            Nomination(
                len(out) + 1, organisation, category, tuple(nominees), result,
                ceremony=ceremony, date=date, rank=rank, notes=tuple(notes), source="accolades-list",
            )
        )
    return out


def _not_a_nominee(ctx, ref: Ref) -> bool:
    """A country ("Japan") or a category ("Hero" in a Nominee column, "Best Actor") named
    where the nominee stands is not who was nominated (warned)."""
    from kg.values import country_title

    shown = ref.name
    reason = None
    if country_title(ref.title or shown) is not None:
        reason = "a country"
    elif not ref.title and CATEGORY_WORDS.search(shown):
        reason = "an award category"
    if reason is not None:
        ctx.warn("awards", f'"{shown}" in a nominee\'s place is {reason}, not a nominee; skipped')
    return reason is not None


def _reads_as_person(text: str) -> bool:
    """Two or more capitalised words that read as a person's name ("Sidney Franklin")."""
    return (
        len(text.split()) >= 2
        and all(w[:1].isupper() or w in PARTICLES for w in text.split())
        and not CATEGORY_WORDS.search(text)
        and name_problem(text) is None
    )


# Words of award categories, never of a person's name ("Most Popular Film", "Best Score").
CATEGORY_WORDS = re.compile(
    r"\b(?:best|most|outstanding|special|award|prize|film|picture|movie|actor|actress|director|direction|score|"
    r"song|album|performance|screenplay|story|music|editing|cinematography|debut|newcomer|jury|audience)\b",
    re.I,
)


def _split_list_line(rest: str, organisation):
    """(category wikitext, nominee wikitext, organisation) of an accolades list line.

    A sentence after a dash at the end ("… - The love theme went on to become …") is a
    remark, not part of the category.

    "Category: nominees", "Category (nominee)", "'Category' at Organisation for / shared
    by nominees", and a bare "Organisation – " when no organisation is known yet.
    """
    rest = rest.strip().strip(",;").strip()
    rest = re.sub(r"\s+[–—-]\s+[A-Z][^\[\]{}]*[.!]\s*$", "", rest)
    rest = re.sub(r"^[\s,;:–—-]+|[\s,;:–—-]+$", "", rest)
    if not clean_text(rest):
        return None, None, organisation
    at = re.match(r"^(?P<cat>.+?)\s+at\s+(?:the\s+)?(?P<org>.+?)(?:,?\s+(?:shared\s+)?(?:by|for|with)\s+(?P<nom>.+))?$", rest)
    if at and organisation is None:
        return at.group("cat"), at.group("nom"), parse(at.group("org"))
    head, colon, tail = _split_outside_links(rest, ": ")
    if not colon:
        head, colon, tail = _split_outside_links(rest, " : ")
    if colon and organisation is None:
        # "Academy Award: Best Motion Picture Story (Beirne Lay, Jr.)"
        category, nominee, _ = _split_list_line(tail, parse(head))
        return category, nominee, parse(head)
    if colon:
        return head, tail, organisation
    body = _body_then_category(rest) if organisation is None else None
    if body:
        # "[[Chlotrudis Awards]] – Best Actress (…)": the awarding body, then the category
        category, nominee, _ = _split_list_line(body[1], parse(body[0]))
        return category, nominee, parse(body[0])
    linked = LINK_THEN_TEXT.match(rest)
    if linked:
        return linked.group(1), linked.group(2), organisation
    paren = re.search(r"\(([^()]+)\)[\s*]*$", rest)
    if paren and (organisation is not None or "[[" in paren.group(1) or _reads_as_person(clean_text(paren.group(1)))):
        return re.sub(r"[\s–—-]+$", "", rest[: paren.start()]), paren.group(1), organisation
    # "Best Actor in a Negative Role – Telugu – [[X]]": a category with a dash in its name,
    # then, after the last dash, who
    last = re.search(r"\s[–—-]\s+((?:\[\[[^\[\]]+\]\]|[^–—\[\]])+?)\s*(?:\{\{[^{}]*\}\}\s*)?$", rest)
    if last and organisation is not None and (
        re.fullmatch(r"\s*\[\[[^\[\]]+\]\]\s*", last.group(1)) or _reads_as_person(clean_text(last.group(1)))
    ) and CATEGORY_WORDS.search(clean_text(rest[: last.start()])):
        return rest[: last.start()], last.group(1), organisation
    return rest, None, organisation


#: an accolades list line "[[Page]] – the rest"
LINK_THEN_TEXT = re.compile(r"^\s*(\[\[[^\]]+\]\])\s+[–—-]\s+(.+)$")


def _link_then_category(rest: str):
    """The link of a list line ``[[Page]] – Category…`` (the text after the dash starting
    with an unlinked category: "Best Actress", "Best Director ([[Ann Bee]])"), with the
    line's two parts; ``None`` for any other line."""
    linked = LINK_THEN_TEXT.match(rest)
    if not linked:
        return None
    links = [parse_link(n) for n in walk(parse(linked.group(1)), Wikilink)]
    first = re.split(r"\s*[(–—-]", linked.group(2), maxsplit=1)[0]
    if len(links) != 1 or links[0] is None or "[[" in first or not CATEGORY_WORDS.search(clean_text(first)):
        return None
    return links[0], linked.group(1), linked.group(2)


def _body_then_category(rest: str):
    """``(body, category text)`` when a list line reads ``[[Body]] – Category…`` and the
    link's page is an award's (:func:`kg.extractors.names.award_title`), else ``None``."""
    from kg.extractors.names import award_title

    found = _link_then_category(rest)
    return (found[1], found[2]) if found and award_title(found[0].title) else None


def _person_then_category(rest: str) -> bool:
    """Whether a list line reads ``[[Page]] – Category…`` where the page is not an award's
    and reads as a person's name ("[[Sam Jones]] – Best Actor")."""
    found = _link_then_category(rest.strip())
    return bool(found) and _body_then_category(rest.strip()) is None and _reads_as_person(found[0].text)


def _split_outside_links(text: str, sep: str) -> tuple[str, bool, str]:
    depth = 0
    for i in range(len(text)):
        two = text[i : i + 2]
        if two in ("[[", "{{"):
            depth += 1
        elif two in ("]]", "}}"):
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(sep, i):
            return text[:i], True, text[i + len(sep) :]
    return text, False, ""




EXTRACTOR = AwardsExtractor()
