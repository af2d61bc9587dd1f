"""Prose: the running text of a page, in sentences, each with its place in the page's text.

Two kinds of page give prose:

- a wikitext tree (:func:`wikitext_document`): the paragraphs of the lead and of every
  section, as MediaWiki shows them. Lists, tables, headings, block templates, references,
  files and block quotations are not prose and are left out; links are kept as spans of
  the sentence, so that a name in a sentence is the page it links;
- plain text as MediaWiki's TextExtracts gives it (``prop=extracts&explaintext``,
  :func:`plain_document`): paragraphs one per line, headings as bare lines (the default
  ``exsectionformat=plain``) or as ``== Heading ==`` lines (``exsectionformat=wiki``).

A sentence's offsets count characters of :attr:`Document.text`, the way a W3C Web
Annotation ``TextPositionSelector`` counts in a document's text: for plain text that is
the page itself (``page[start:end]`` is the sentence); for wikitext it is the article as
kg renders it, headings on lines of their own and paragraphs separated by blank lines.

Nothing here knows about films.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mwparserfromhell.nodes import Comment, Heading, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from kg.model import LinkSpan, Sentence
from kg.wikitext.links import parse_link
from kg.wikitext.templates import template_name
from kg.wikitext.text import _STRAY_MARKUP, _STRAY_TAG, BOLD_ITALIC, _render, clean_text


@dataclass(frozen=True, slots=True)
class Document:
    """A page's prose.

    :param text: the text the sentences' offsets count in.
    :param sentences: every sentence, in order.
    :param abstract: the lead's first paragraph.
    """

    text: str
    sentences: tuple[Sentence, ...]
    abstract: str | None = None


# --------------------------------------------------------------------------- sentences

# A full stop, "!" or "?" (with a closing quote or bracket) and a space before a capital
# letter, a digit or an opening quote: where a sentence may end.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(]?[A-Z0-9À-Þ])")
# Words a full stop follows inside a sentence: initials ("J. R. R."), titles and
# abbreviations ("Dr.", "St.", "U.S.", "Jr.", "vs.", "No. 1", "c. 1920").
_ABBREVIATION = re.compile(
    r"(?:^|[\s(\"“])(?:[A-Z]|[A-Z]\.[A-Z]|(?:[A-Z]\.){2,}[A-Z]?|Dr|Mr|Mrs|Ms|Jr|Sr|St|Mt|Lt|Col|Gen|Capt|Sgt|Prof|"
    r"Rev|Fr|Co|Inc|Ltd|Bros|Corp|No|Nos|Vol|vs|Vs|ca|c|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"e\.g|i\.e|cf|al|Ft|Op|pp|p)$"
)


def split_sentences(text: str, keep: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, in order; a full stop inside
    quotation marks or brackets, or after an abbreviation or an initial, ends none, and
    neither does a "!" or "?" inside one of the names ``keep`` ("Mamma Mia! Here We Go
    Again")."""
    out: list[tuple[int, int]] = []
    start = 0
    kept = [(m.start(), m.end()) for name in keep if name for m in re.finditer(re.escape(name), text)]
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if any(a <= m.start() < b - 1 for a, b in kept):
            continue
        if m.group()[0] == "." and _ABBREVIATION.search(text[max(start, m.start() - 12) : m.start()]):
            continue
        piece = text[start:end]
        if _open_quote(piece) or piece.count("(") > piece.count(")"):
            continue
        out.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out


def _open_quote(text: str) -> bool:
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


# --------------------------------------------------------------------------- plain text

_WIKI_HEADING = re.compile(r"^(={1,6})\s*(.+?)\s*\1\s*$")
# A bare heading line: short, no sentence punctuation at its end, starts with a capital.
_BARE_HEADING = re.compile(r"^[A-Z0-9À-Þ][^\n]{0,78}$")
_SENTENCE_END = re.compile(r"[.!?:;,\"”’)…]$")


def plain_document(text: str, keep: tuple[str, ...] = ()) -> Document:
    """The prose of a TextExtracts plain-text extract (see the module's docstring).

    A line is a heading when it has the ``== Heading ==`` form, or when it is short, starts
    with a capital, ends without punctuation and follows a blank line, another heading or
    the start of a section; every other non-empty line is a paragraph.
    """
    sentences: list[Sentence] = []
    section = ""
    paragraph = 0
    abstract = None
    pos = 0
    previous_blank = True
    previous_heading = False
    for line in text.split("\n"):
        begin = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped:
            previous_blank = True
            previous_heading = False
            continue
        m = _WIKI_HEADING.match(stripped)
        heading = m.group(2) if m else None
        if heading is None and (previous_blank or previous_heading) and paragraph and _is_bare_heading(stripped):
            heading = stripped
        if heading is not None:
            section = heading
            previous_heading, previous_blank = True, False
            continue
        previous_heading = previous_blank = False
        paragraph += 1
        offset = begin + (len(line) - len(line.lstrip()))
        if not section and abstract is None:
            abstract = stripped
        for s, e in split_sentences(stripped, keep):
            sentences.append(Sentence(len(sentences) + 1, stripped[s:e], offset + s, offset + e, section, paragraph))
    return Document(text, tuple(sentences), abstract)


def _is_bare_heading(line: str) -> bool:
    return bool(_BARE_HEADING.match(line)) and not _SENTENCE_END.search(line) and len(line.split()) <= 10


# --------------------------------------------------------------------------- wikitext

#: Tags whose content is no prose of the article's own voice.
_NOT_PROSE_TAGS = frozenset({"ref", "references", "table", "gallery", "blockquote", "poem", "math", "score", "timeline",
                             "imagemap", "syntaxhighlight", "pre", "templatestyles", "style", "script", "div", "center"})
_LIST_TAGS = frozenset({"li", "dt", "dd"})
#: Templates that set a paragraph apart as a quotation.
_QUOTE_TEMPLATES = frozenset({"quote", "blockquote", "cquote", "quote box", "quotation", "rquote", "pull quote"})
_LINK_MARK = re.compile(r"\x01(\d+)\x02(.*?)\x03", re.S)


def wikitext_document(code: Wikicode, keep: tuple[str, ...] = ()) -> Document:
    """The prose of a wikitext article: the lead and every section, paragraph by paragraph
    (``keep``: names no sentence ends inside, see :func:`split_sentences`)."""
    parts: list[str] = []
    sentences: list[Sentence] = []
    pos = 0
    paragraph = 0
    abstract = None
    for section_title, body in _flat_sections(code):
        if section_title:
            parts.append(section_title + "\n")
            pos += len(section_title) + 1
        for para, spans in _paragraphs(body):
            paragraph += 1
            if not section_title and abstract is None:
                abstract = para
            for s, e in split_sentences(para, keep):
                links = tuple(LinkSpan(a - s, b - s, t, sec) for a, b, t, sec in spans if a >= s and b <= e)
                sentences.append(Sentence(len(sentences) + 1, para[s:e], pos + s, pos + e, section_title, paragraph, links))
            parts.append(para + "\n\n")
            pos += len(para) + 2
    return Document("".join(parts), tuple(sentences), abstract)


def _flat_sections(code: Wikicode):
    """(heading, its top-level nodes up to the next heading), the lead first (heading "")."""
    title = ""
    nodes: list = []
    for node in code.nodes:
        if isinstance(node, Heading):
            yield title, nodes
            title, nodes = clean_text(node.title), []
        else:
            nodes.append(node)
    yield title, nodes


def _paragraphs(nodes) -> list[tuple[str, list[tuple[int, int, str, str | None]]]]:
    """The paragraphs among a section's top-level nodes: (plain text, link spans). A blank
    line ends a paragraph, and so does a line that is a list item, a table or a quotation
    (which is left out)."""
    out: list[tuple[str, list]] = []
    line: list[str] = []
    links: list[tuple[str, str | None]] = []
    lines: list[str] = []  # the lines of the paragraph under way
    dropped = False  # the line under way is a list item, a table or a quotation

    def end_line() -> None:
        nonlocal dropped
        text = "".join(line)
        if dropped or not text.strip():
            end_paragraph()
        else:
            lines.append(text)
        line.clear()
        dropped = False

    def end_paragraph() -> None:
        if lines:
            para, spans = _plain(" ".join(lines), links)
            if para:
                out.append((para, spans))
        lines.clear()
        links.clear()

    for node in nodes:
        if isinstance(node, Text):
            for k, piece in enumerate(str(node.value).split("\n")):
                if k:
                    end_line()
                line.append(piece.translate(_NO_MARKS))
        elif isinstance(node, Tag):
            tag = str(node.tag).lower()
            if tag in _LIST_TAGS or (tag in _NOT_PROSE_TAGS and tag != "ref"):
                dropped = True
            elif tag == "br":
                line.append(" ")
            elif tag != "ref":
                line.append(_render(Wikicode([node]), False).translate(_NO_MARKS))
        elif isinstance(node, Wikilink):
            link = parse_link(node)
            if link is None:
                line.append(_render(Wikicode([node]), False).translate(_NO_MARKS))
            else:
                links.append((link.title, link.section))
                line.append(f"\x01{len(links) - 1}\x02{link.text.translate(_NO_MARKS)}\x03")
        elif isinstance(node, Template) and template_name(node) in _QUOTE_TEMPLATES:
            dropped = True
        elif not isinstance(node, (Comment, Heading)):
            line.append(_render(Wikicode([node]), False).translate(_NO_MARKS))
    end_line()
    end_paragraph()
    return out


#: the three characters that mark a link in a paragraph under way, taken out of its text
_NO_MARKS = {1: None, 2: None, 3: None}


def _plain(text: str, links: list[tuple[str, str | None]]) -> tuple[str, list[tuple[int, int, str, str | None]]]:
    """Marked text → plain text (single spaces, no quote runs, no space before punctuation
    that a dropped reference leaves) and the links' spans in it."""
    text = _STRAY_TAG.sub("", _STRAY_MARKUP.sub(" ", BOLD_ITALIC.sub("", text)))
    out: list[str] = []
    length = 0
    spans: list[tuple[int, int, str, str | None]] = []

    def append(piece: str) -> None:
        nonlocal length
        piece = _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", piece))
        if not piece:
            return
        ends_in_space = bool(out) and out[-1].endswith(" ")
        if piece[0] == " " and (ends_in_space or not out):
            piece = piece[1:]
        elif ends_in_space and piece[0] in _NO_SPACE_BEFORE:
            out[-1] = out[-1][:-1]
            length -= 1
        if piece:
            out.append(piece)
            length += len(piece)

    pos = 0
    for m in _LINK_MARK.finditer(text):
        append(text[pos : m.start()])
        shown = _SPACES.sub(" ", m.group(2)).strip()
        if shown:
            if out and not out[-1].endswith(" ") and m.start() > 0 and text[m.start() - 1] in _WHITESPACE:
                append(" ")
            start = length
            append(shown)
            spans.append((start, length, *links[int(m.group(1))]))
        pos = m.end()
    append(text[pos:])
    plain = "".join(out)
    stripped = plain.rstrip()
    return stripped, [(a, min(b, len(stripped)), t, sec) for a, b, t, sec in spans if a < len(stripped)]


_WHITESPACE = frozenset(" \t\r\n\xa0\u2009\u200a\u202f")
_SPACES = re.compile("[ \t\r\n\xa0\u2009\u200a\u202f]+")
_SPACE_BEFORE_PUNCT = re.compile(r" ([,.;:!?)])")
_NO_SPACE_BEFORE = frozenset(",.;:!?)")
