"""mwparserfromhell wrappers: templates, sections, lists, links, tables and clean text.

Everything here works on :class:`mwparserfromhell.wikicode.Wikicode` and returns
plain Python values; nothing here knows about films or RDF. Templates are never
expanded (mwparserfromhell's own limit): a template we know how to render as text
(``{{nowrap}}``, ``{{small}}``, ``{{ill}}`` …) is rendered, every other one is dropped.
"""

from __future__ import annotations

import html
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import mwparserfromhell
from mwparserfromhell.definitions import URI_SCHEMES
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from kg.titles import normalise_title

# Templates whose first positional argument is the text they show.
SHOW_FIRST_ARG = frozenset(
    {
        "nowrap", "nobr", "small", "smaller", "big", "larger", "resize", "midsize",
        "nobold", "noitalic", "em", "strong", "abbr", "lang", "transl",
        "langx", "nihongo", "nihongo2", "nihongo3", "korean", "hebrew", "ill",
        "interlanguage link", "interlanguage link multi", "ill2", "illm", "anchor",
        "vanchor", "sortname", "sort", "hs", "visible anchor", "lang-ja", "linktext",
        "title case", "uc", "lc", "ucfirst", "lcfirst", "clarify", "tooltip",
        "highlight", "mark", "var", "code", "samp", "kbd", "proper name",
        "not a typo", "sic", "as written", "script", "center", "right",
        "nastaliq", "ruby", "font", "font color", "color", "colour", "text",
        "no italic", "notatypo", "lang-hi", "lang-ta", "lang-ml",
        "lang-te", "lang-kn", "lang-bn", "lang-ur", "lang-fr", "lang-de",
        "lang-es", "lang-it", "lang-zh", "lang-ko", "lang-ru", "lang-ar",
        "lang-fa", "lang-ca", "lang-id", "lang-pt", "lang-as", "lang-mr", "lang-pa",
    }
)
# {{langx|code|text}}, {{lang|code|text}}: the text is the *second* argument.
SHOW_SECOND_ARG = frozenset({"lang", "langx", "transl", "font color", "color", "colour", "sort", "tooltip"})
# {{sortname|First|Last|link}} shows "First Last".
JOIN_TWO_ARGS = frozenset({"sortname"})
# Templates rendered as a fixed string.
FIXED_TEXT = {
    "nbsp": " ", "spaces": " ", "space": " ", "snd": " – ", "spnd": " – ", "ndash": "–",
    "mdash": "—", "-": "–", "'": "'", "''": "''", "pipe": "|", "!": "|", "=": "=",
    "middot": "·", "dot": "·", "·": "·", "•": "•", "bull": "•", "en dash": "–",
    "em dash": "—", "shy": "", "zwsp": "", "wbr": "", "break": " ", "br": " ",
    "'s": "'s", "ap": "'", "`": "'", "tsp": "", "thinsp": " ", "hair space": " ",
    "·wrap": "·", "colon": ":", "dagger": "", "double-dagger": "", "dagger2": "",
    "double dagger": "", "ref label": "", "refn": "", "efn": "", "efn-ua": "",
    "efn-lr": "", "cn": "", "citation needed": "", "when": "", "who": "",
    "fact": "", "dubious": "", "better source needed": "", "r": "", "rp": "",
    "sfn": "", "sfnp": "", "harvnb": "", "harv": "", "note": "", "ref": "", "efn-la": "",
}
# List templates: every positional argument is one item.
LIST_TEMPLATES = frozenset(
    {
        "ubl", "unbulleted list", "unbulleted", "plainlist", "plain list", "flatlist",
        "flat list", "hlist", "bulleted list", "bulleted", "ublist", "unbullet",
        "collapsible list", "cslist", "comma separated entries", "enum", "ordered list",
        "pagelist", "startflatlist", "endflatlist", "endplainlist", "startplainlist",
        "br separated entries", "bl", "nowrap list", "indented plainlist",
    }
)
# Templates whose body (named ``1`` or the first positional) is wikitext lines, not items.
BLOCK_LIST_TEMPLATES = frozenset({"plainlist", "plain list", "flatlist", "flat list", "indented plainlist"})

_BR = re.compile(r"<\s*br\s*/?\s*>|<\s*/\s*br\s*>", re.I)
_WS = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)\]])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[])\s+")
_EMPTY_PARENS = re.compile(r"\(\s*[,;:]?\s*\)|\[\s*\]")
BOLD_ITALIC = re.compile(r"'{2,}")  # bold/italic quote runs


# The HTML and extension tags MediaWiki renders as tags; any other "<word" is text.
_TAG_NAMES = (
    "br|ref|references|span|div|small|big|sup|sub|b|i|u|s|strike|center|font|nowiki|pre|p|code|abbr|"
    "math|chem|ce|gallery|includeonly|noinclude|onlyinclude|tt|em|strong|del|ins|blockquote|poem|score|"
    "syntaxhighlight|source|templatestyles|section|li|ul|ol|dl|dt|dd|table|tr|td|th|caption|hr|cite|q|"
    "var|kbd|samp|time|mark|ruby|rt|rp|bdi|bdo|wbr|h[1-6]|img|a|timeline|graph|mapframe|maplink|"
    "imagemap|inputbox|hiero|categorytree|indicator|charinsert|templatedata|data|dfn|s|rb|rtc"
)
# A "<" that opens no tag and no comment.
_NOT_A_TAG = re.compile(rf"<(?!!--|\s*/?\s*(?:{_TAG_NAMES})(?![\w-]))", re.I)
_EXTERNAL_OPEN = re.compile(r"\[(?=(?:(?:" + "|".join(sorted(URI_SCHEMES)) + r"):|//))", re.I)


def _defuse(text: str) -> str:
    """Text as MediaWiki reads it, with the markup it never treats as markup entity-encoded.

    A ``<`` that opens no known tag is text in MediaWiki, and an external link ``[url …]``
    must close on its own line, with the first ``[url`` before a ``]`` taking it.
    mwparserfromhell tries each such ``<`` and ``[url`` as a possible tag or link to the
    end of the text, which is quadratic on long runs of them; encoding them as ``&lt;``
    and ``&#91;`` keeps the same reading (entities render as the character) in linear time.
    """
    if "<" in text:
        text = _NOT_A_TAG.sub("&lt;", text)
    if "[" in text and _EXTERNAL_OPEN.search(text):
        lines = text.split("\n")
        for n, line in enumerate(lines):
            if not _EXTERNAL_OPEN.search(line):
                continue
            segments = line.split("]")
            for k, segment in enumerate(segments):
                opens = [m.start() for m in _EXTERNAL_OPEN.finditer(segment)]
                keep = opens[:1] if k < len(segments) - 1 else []
                for at in reversed([i for i in opens if i not in keep]):
                    segment = segment[:at] + "&#91;" + segment[at + 1 :]
                segments[k] = segment
            lines[n] = "]".join(segments)
        text = "\n".join(lines)
    return text


@dataclass(slots=True)
class PageScope:
    """What is remembered while one page is read: parse trees by text (a cell or a
    parameter value is looked at in several ways, and mwparserfromhell's tokenizer is
    slow on some broken markup) and table layouts (several extractors read the same
    tables). It belongs to the page, never to the module: see :func:`page_scope`."""

    trees: OrderedDict[str, Wikicode] = field(default_factory=OrderedDict)
    grids: dict[int, tuple[Tag, list]] = field(default_factory=dict)

    #: parse trees kept per page (the least recently used beyond this are forgotten)
    MAX_TREES = 2048


_SCOPE: ContextVar[PageScope | None] = ContextVar("kg_page_scope", default=None)


@contextmanager
def page_scope() -> Iterator[PageScope]:
    """Read one page with its own caches: within the ``with`` block :func:`parse` and
    :func:`table_grid` remember what they computed, and forget it when the block ends.

    The scope is a :class:`contextvars.ContextVar`, so each thread (and each asyncio
    task) reading a page has its own: extraction is re-entrant and thread-safe.
    Outside any scope nothing is cached.
    """
    token = _SCOPE.set(PageScope())
    try:
        yield _SCOPE.get()  # type: ignore[misc]
    finally:
        _SCOPE.reset(token)


def parse(text: str) -> Wikicode:
    """Parse wikitext into mwparserfromhell's Wikicode.

    Within a :func:`page_scope` the same text is tokenised once and the tree returned is
    shared, so it is read-only for callers.

    :param text: the wikitext.
    :returns: the parse tree; bad markup is never an error (it stays text).
    """
    scope = _SCOPE.get()
    if scope is None:
        return _parse(text)
    trees = scope.trees
    tree = trees.get(text)
    if tree is None:
        tree = trees[text] = _parse(text)
        if len(trees) > PageScope.MAX_TREES:
            trees.popitem(last=False)
    else:
        trees.move_to_end(text)
    return tree


def _parse(text: str) -> Wikicode:
    # mwparserfromhell's tokenizer stops at a NUL character: keep the rest of the article
    return mwparserfromhell.parse(_defuse(text.replace("\x00", "\ufffd")), skip_style_tags=True)


def template_name(template: Template) -> str:
    """A template's name, normalised for lookup: lower-case, ``_`` as space, no ``Template:``.

    :param template: the template node.
    """
    name = str(template.name)
    name = re.sub(r"<!--.*?-->", "", name, flags=re.S)
    name = name.replace("_", " ").strip()
    name = _WS.sub(" ", name)
    if name.lower().startswith("template:"):
        name = name[9:].strip()
    return name.lower()


def find_templates(code: Wikicode, names: Iterable[str], *, recursive: bool = True) -> list[Template]:
    """All templates in ``code`` whose normalised name is one of ``names``, in document order.

    :param code: where to look.
    :param names: lower-case template names (aliases included).
    :param recursive: look inside other templates, links and tags too.
    """
    wanted = frozenset(names)
    return [t for t in code.filter_templates(recursive=recursive) if template_name(t) in wanted]


def params(template: Template) -> dict[str, Wikicode]:
    """A template's parameters by normalised name (lower-case, ``_``/``-`` as space, stripped).

    A later duplicate parameter wins, as in MediaWiki. Positional parameters keep
    their numbers as names (``"1"``, ``"2"`` …).

    :param template: the template node.
    """
    out: dict[str, Wikicode] = {}
    for p in template.params:
        key = _WS.sub(" ", str(p.name).replace("_", " ").strip().lower())
        out[key] = p.value
    return out


def positional(template: Template) -> list[Wikicode]:
    """A template's positional arguments in order (``1``, ``2`` …; explicit ``3=`` honoured)."""
    numbered: dict[int, Wikicode] = {}
    for p in template.params:
        name = str(p.name).strip()
        if name.isdigit():
            numbered[int(name)] = p.value
    if not numbered:
        return []
    return [numbered.get(i, parse("")) for i in range(1, max(numbered) + 1)]


def get_param(template: Template, *aliases: str) -> Wikicode | None:
    """The first of ``aliases`` that the template sets to something non-blank.

    :param template: the template node.
    :param aliases: parameter names in order of preference (normalised form).
    """
    ps = params(template)
    for a in aliases:
        value = ps.get(a)
        if value is not None and (clean_text(value) or _has_content(value)):
            return value
    return None


def _has_content(code: Wikicode) -> bool:
    """True when ``code`` holds a template or link even if it renders as no text."""
    return bool(code.filter_templates(recursive=False) or code.filter_wikilinks(recursive=False))


@dataclass(frozen=True, slots=True)
class Section:
    """A section: its heading title (clean text), level, and body (without subsections' headings stripped)."""

    title: str
    level: int
    code: Wikicode


def sections(code: Wikicode) -> list[Section]:
    """Every headed section of the article, with its subsections included in its body.

    :param code: the whole article.
    """
    out = []
    for sec in code.get_sections(include_lead=False, flat=False):
        heading = sec.filter_headings(recursive=False)[0]
        out.append(Section(clean_text(heading.title), heading.level, sec))
    return out


def lead(code: Wikicode) -> Wikicode:
    """The lead: everything before the first heading."""
    return code.get_sections(include_lead=True, flat=True)[0]


def find_section(code: Wikicode, patterns: Iterable[str]) -> Section | None:
    """The first section whose title fully matches one of the regular expressions (case-insensitive)."""
    regexes = [re.compile(p, re.I) for p in patterns]
    for sec in sections(code):
        if any(r.fullmatch(sec.title) for r in regexes):
            return sec
    return None


def _render_template(t: Template, keep_links: bool) -> str:
    name = template_name(t)
    if name.startswith("#expr:"):
        expression = _render(t.name, False).split(":", 1)[1]
        return evaluate_expr(expression) or ""
    if name in FIXED_TEXT:
        return FIXED_TEXT[name]
    args = positional(t)
    if name in LIST_TEMPLATES:
        items = [_render(a, keep_links) for a in args]
        return ", ".join(i for i in (x.strip() for x in items) if i)
    if name in JOIN_TWO_ARGS and len(args) >= 2:
        return f"{_render(args[0], keep_links).strip()} {_render(args[1], keep_links).strip()}"
    if name in SHOW_SECOND_ARG and len(args) >= 2:
        return _render(args[1], keep_links)
    if name.startswith("lang-") and args:
        return _render(args[0], keep_links)
    if name in SHOW_FIRST_ARG and args:
        return _render(args[0], keep_links)
    return ""


def _render(code: Wikicode | str, keep_links: bool) -> str:
    if isinstance(code, str):
        code = parse(code)
    out: list[str] = []
    for node in code.nodes:
        if isinstance(node, Text):
            out.append(str(node.value))
        elif isinstance(node, Wikilink):
            title = str(node.title).strip()
            if _is_file_or_category(title):
                continue
            shown = _render(node.text, keep_links) if node.text is not None else _strip_link_title(title)
            out.append(f"[[{title}|{shown}]]" if keep_links else shown)
        elif isinstance(node, ExternalLink):
            if node.title is not None:
                out.append(_render(node.title, keep_links))
        elif isinstance(node, Template):
            out.append(_render_template(node, keep_links))
        elif isinstance(node, Tag):
            tag = str(node.tag).lower()
            if tag in ("ref", "references", "gallery", "math", "score", "timeline", "imagemap", "syntaxhighlight", "templatestyles", "style", "script"):
                continue
            if tag == "br":
                out.append("\n")
                continue
            if tag in ("li", "dd", "dt"):
                out.append("\n")
            if node.contents is not None:
                out.append(_render(node.contents, keep_links))
            if tag in ("p", "div", "li", "tr"):
                out.append("\n")
        elif isinstance(node, HTMLEntity):
            out.append(html.unescape(str(node)).replace("\xa0", " "))
        elif isinstance(node, (Comment, Heading, Argument)):
            continue
        else:  # pragma: no cover - mwparserfromhell has no other node kinds today
            out.append(str(node))
    return "".join(out)


def _is_file_or_category(title: str) -> bool:
    prefix = title.split(":", 1)[0].strip().lower() if ":" in title else ""
    return prefix in {"file", "image", "category", "media"}


def _strip_link_title(title: str) -> str:
    """What ``[[Title]]`` shows: the title without a leading ``:`` (and the fragment as ``Title#Sec``)."""
    title = title.lstrip(":")
    if title.startswith("#"):
        return title[1:]
    return title


# Markup that broken wikitext leaves behind as plain text (an unclosed "{{", a stray
# "]]", a "<ref" without its end): never part of a name.
_STRAY_MARKUP = re.compile(r"\[\[|\]\]|\{\{|\}\}|\{\||\|\}|<ref(?:\s[^<>]*>?|/?>)|(?-i:<ref)(?!erences\b)|</ref\s*>?|<!--|-->", re.I)
# HTML and MediaWiki tags (not any "<word>": "Less <than> more" is a title, not a tag).
_STRAY_TAG = re.compile(rf"</?(?:{_TAG_NAMES})(?:\s[^<>]*)?/?>", re.I)
_EXTERNAL_LINK = re.compile(r"\[(?:https?:)?//[^\s\]]*\s*([^\]]*)\]?")


def tidy(text: str) -> str:
    """Collapse whitespace and remove bold/italic quote runs, stray markup and leftover punctuation spacing."""
    text = html.unescape(text).replace("\xa0", " ")
    text = _EXTERNAL_LINK.sub(r"\1", text)
    text = _STRAY_MARKUP.sub(" ", text)
    text = BOLD_ITALIC.sub("", text)
    text = _STRAY_TAG.sub("", text)  # HTML the parser left as text
    text = html.unescape(text) if "&" in text else text
    text = _EMPTY_PARENS.sub("", text)
    text = _WS.sub(" ", text).strip()
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _SPACE_AFTER_OPEN.sub(r"\1", text)
    # removing one piece can join two others ("[{{[" → "[ [" → "[["): until none is left
    while _STRAY_MARKUP.search(text):
        text = _WS.sub(" ", _STRAY_MARKUP.sub(" ", text)).strip()
    return text.strip(" ,;:")


def clean_text(code: Wikicode | str | None) -> str:
    """Plain text of wikitext: links as their labels, known templates rendered, the rest dropped.

    References, comments, files, categories, bold/italic quotes and HTML tags are
    removed; HTML entities decoded; whitespace collapsed to single spaces.

    :param code: wikitext or its parse tree (``None`` gives ``""``).
    """
    if code is None:
        return ""
    return tidy(_render(code, keep_links=False))


def block_text(code: Wikicode | str) -> str:
    """Like :func:`clean_text` but keeps line breaks (``<br>``, list items) as newlines."""
    raw = _render(code, keep_links=False)
    lines = [tidy(line) for line in raw.split("\n")]
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True, slots=True)
class Link:
    """A wikilink: its normalised target title, section (if any) and shown text (clean)."""

    title: str
    section: str | None
    text: str


def parse_link(link: Wikilink) -> Link | None:
    """The target and label of a wikilink, or ``None`` for files, categories, interwikis and same-page anchors.

    :param link: the wikilink node.
    """
    raw = str(link.title).strip()
    raw = html.unescape(re.sub(r"<!--.*?-->", "", raw, flags=re.S)).strip()
    if not raw or _is_file_or_category(raw):
        return None
    if raw.startswith(":"):
        raw = raw[1:]
    page, _, section = raw.partition("#")
    if not page.strip():
        return None  # [[#Section]]: a link within this article
    if ":" in page:
        prefix = page.split(":", 1)[0].strip().lower()
        # interwiki / other namespaces are not entities of this article
        if prefix in _NON_ARTICLE_PREFIXES or re.fullmatch(r"[a-z]{2,3}(-[a-z]+)?", prefix):
            return None
    title = normalise_title(page)
    if _INVALID_TITLE.search(title):
        return None  # "[[&#91;&#91;X]]": MediaWiki shows it as text, it links nothing
    shown = clean_text(link.text) if link.text is not None else clean_text(raw.replace("#", " "))
    if link.text is None and section:
        shown = clean_text(page)
    section = section.replace("_", " ").strip() or None
    return Link(title, section, shown)


# Characters a MediaWiki page title cannot hold.
_INVALID_TITLE = re.compile(r"[\[\]{}|<>\x00-\x1f\x7f\ufffd]")


_NON_ARTICLE_PREFIXES = frozenset(
    {
        "wikipedia", "wp", "wikt", "wiktionary", "help", "portal", "template", "user",
        "user talk", "talk", "special", "s", "q", "wikiquote", "wikisource", "commons",
        "c", "d", "wikidata", "mw", "meta", "m", "n", "b", "v", "voy", "species",
        "draft", "module", "mediawiki", "file talk", "category talk", "template talk",
    }
)


def links(code: Wikicode) -> Iterator[Link]:
    """Every article link in ``code`` (recursively, inside templates and tables too), in document order."""
    for node in code.filter_wikilinks(recursive=True):
        link = parse_link(node)
        if link is not None:
            yield link


def split_items(code: Wikicode | str) -> list[Wikicode]:
    """Split an infobox value into its items: list templates, bullets, ``<br>`` and newlines.

    ``{{ubl|A|B}}``, ``{{plainlist|* A * B}}``, ``{{hlist|…}}``, ``* A`` lines,
    ``A<br>B`` and ``A\\nB`` each give one fragment per item; references, comments and
    footnote templates are dropped first. Each fragment keeps its links.

    :param code: the value.
    :returns: non-empty fragments (parse trees) in order.
    """
    if isinstance(code, str):
        code = parse(code)
    text = _flatten_lists(code)
    pieces = _split_top_level(text, re.compile(r"\n|<\s*br\s*/?\s*>|<\s*/\s*br\s*>|\u2022|\s·\s", re.I))
    out = []
    for piece in pieces:
        piece = re.sub(r"^\s*[*#:;]+\s*", "", piece).strip()
        if piece and (clean_text(piece) or "{{" in piece):
            out.append(parse(piece))
    return out


def _split_top_level(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split ``text`` on ``separator`` outside ``[[…]]`` and ``{{…}}`` (a line break inside a link label is a space)."""
    pieces: list[str] = []
    depth = start = i = 0
    current: list[str] = []
    while i < len(text):
        two = text[i : i + 2]
        if two in ("[[", "{{"):
            depth += 1
            current.append(two)
            i += 2
            continue
        if two in ("]]", "}}") and depth:
            depth -= 1
            current.append(two)
            i += 2
            continue
        m = separator.match(text, i)
        if m and m.end() > i:
            if depth == 0:
                pieces.append("".join(current))
                current = []
            else:
                current.append(" and " if m.group().strip() else " ")
            i = m.end()
            continue
        current.append(text[i])
        i += 1
    pieces.append("".join(current))
    del start
    return pieces


_DROP_TAGS = frozenset({"ref", "references"})


def sortname(template: Template) -> tuple[str, str | None]:
    """(shown name, linked title or None) of ``{{sortname|First|Last|target|nolink=|dab=}}``:
    it links "First Last" (or ``target``, or "First Last (dab)") unless ``nolink`` is set."""
    args = positional(template)
    shown = " ".join(clean_text(a) for a in args[:2]).strip()
    ps = params(template)
    if clean_text(ps.get("nolink")):
        return shown, None
    target = clean_text(args[2]) if len(args) >= 3 else ""
    dab = clean_text(ps.get("dab"))
    return shown, normalise_title(target or (f"{shown} ({dab})" if dab else shown)) or None


def _flatten_lists(code: Wikicode) -> str:
    """Wikitext with list templates turned into newline-separated items and refs/comments removed."""
    out: list[str] = []
    for node in code.nodes:
        if isinstance(node, Comment):
            continue
        if isinstance(node, Tag) and str(node.tag).lower() in _DROP_TAGS:
            continue
        if isinstance(node, Template):
            name = template_name(node)
            if name in LIST_TEMPLATES:
                for arg in positional(node):
                    out.append("\n" + _flatten_lists(arg) + "\n")
                continue
            if name in FIXED_TEXT and FIXED_TEXT[name] == "":
                continue
            if name in SHOW_FIRST_ARG or name in SHOW_SECOND_ARG or name in JOIN_TWO_ARGS:
                # keep links inside {{nowrap|[[A]]}} etc.
                args = positional(node)
                idx = 1 if (name in SHOW_SECOND_ARG and len(args) >= 2) else 0
                if name in JOIN_TWO_ARGS and len(args) >= 2:
                    shown, target = sortname(node)
                    out.append(f"[[{target}|{shown}]]" if target else shown)
                    continue
                if args:
                    out.append(_flatten_lists(args[idx]))
                continue
            out.append(str(node))
            continue
        if isinstance(node, Tag) and str(node.tag).lower() in ("small", "span", "div", "p", "center", "i", "b", "em", "strong", "li", "ul", "ol", "sup", "sub", "big", "font", "abbr"):
            if node.contents is not None:
                sep = "\n" if str(node.tag).lower() in ("li", "div", "p", "ul", "ol") else ""
                out.append(sep + _flatten_lists(node.contents) + sep)
            continue
        out.append(str(node))
    return "".join(out)


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


_EXPR_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?|(round|div|mod)\b|([-+*/()^]))", re.I)


def evaluate_expr(expression: str) -> str | None:
    """The value of a MediaWiki ``{{#expr:}}`` arithmetic expression, as MediaWiki shows it.

    Numbers, ``+ - * / ^``, ``div``, ``mod``, ``round`` and parentheses (what film
    articles use, e.g. ``{{#expr:123+13.3 round 0}}`` → ``136``); anything else gives
    ``None``, never an exception.
    """
    tokens: list[tuple[str, object]] = []
    pos, text = 0, expression.replace(",", "").strip()
    while pos < len(text):
        m = _EXPR_TOKEN.match(text, pos)
        if not m or m.end() == pos:
            return None
        pos = m.end()
        if m.group(1):
            tokens.append(("num", float(m.group(1) + (f"e{m.group(2)}" if m.group(2) else ""))))
        elif m.group(3):
            tokens.append(("op", m.group(3).lower()))
        elif m.group(4):
            tokens.append(("op", m.group(4)))
    if not tokens:
        return None
    # precedence climbing: round < + - < * / div mod < ^ < unary
    levels = [("round",), ("+", "-"), ("*", "/", "div", "mod"), ("^",)]
    at = 0

    def peek() -> tuple[str, object] | None:
        return tokens[at] if at < len(tokens) else None

    def binary(level: int) -> float:
        nonlocal at
        if level == len(levels):
            return unary()
        left = binary(level + 1)
        while (tok := peek()) is not None and tok[0] == "op" and tok[1] in levels[level]:
            at += 1
            right = binary(level + 1)
            op = tok[1]
            if op == "round":
                left = round(left, int(right))
            elif op == "+":
                left += right
            elif op == "-":
                left -= right
            elif op == "*":
                left *= right
            elif op in ("/", "div"):
                left /= right
            elif op == "mod":
                left = float(int(left) % int(right))
            else:
                left = left**right
        return left

    def unary() -> float:
        nonlocal at
        tok = peek()
        if tok is None:
            raise ValueError("expression ends early")
        at += 1
        if tok == ("op", "-"):
            return -unary()
        if tok == ("op", "+"):
            return unary()
        if tok == ("op", "("):
            value = binary(0)
            if peek() != ("op", ")"):
                raise ValueError("unbalanced parenthesis")
            at += 1
            return value
        if tok[0] == "num":
            return float(tok[1])  # type: ignore[arg-type]
        raise ValueError(f"unexpected {tok[1]}")

    try:
        value = binary(0)
    except (ValueError, ZeroDivisionError, OverflowError, IndexError):
        return None
    if at != len(tokens) or value != value or value in (float("inf"), float("-inf")):
        return None
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.14g}"


def find_outside_markup(line: str, pattern: re.Pattern[str], min_start: int = 0) -> re.Match[str] | None:
    """The first match of ``pattern`` outside links, templates and parentheses, starting
    at ``min_start`` or later."""
    depth = paren = 0
    i = 0
    while i < len(line):
        two = line[i : i + 2]
        if two in ("[[", "{{"):
            depth, i = depth + 1, i + 2
            continue
        if two in ("]]", "}}"):
            depth, i = max(0, depth - 1), i + 2
            continue
        ch = line[i]
        if ch == "(":
            paren += 1
        elif ch == ")":
            paren = max(0, paren - 1)
        elif depth == 0 and paren == 0 and i >= min_start:
            m = pattern.match(line, i)
            if m:
                return m
        i += 1
    return None


def strip_refs(text: str) -> str:
    """Wikitext without ``<ref>…</ref>``, ``<ref … />`` and HTML comments."""
    text = re.sub(r"<ref[^>/]*/>", "", text, flags=re.I)
    text = re.sub(r"<ref[^>]*>.*?</ref\s*>", "", text, flags=re.I | re.S)
    return re.sub(r"<!--.*?-->", "", text, flags=re.S)


def tables(code: Wikicode) -> list[Tag]:
    """Every wikitable (``{| … |}``) in ``code``, outermost first, in document order."""
    return [t for t in code.filter_tags(recursive=True) if str(t.tag).lower() == "table" and t.wiki_markup == "{|"]
