"""Text as a reader sees it: links as their labels, known templates rendered, references,
comments, files, categories and markup dropped."""

from __future__ import annotations

import html
import re

from mwparserfromhell.nodes import Argument, Comment, ExternalLink, Heading, HTMLEntity, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from kg.wikitext.parse import _TAG_NAMES, parse, per_node, per_text
from kg.wikitext.templates import (
    AGGREGATOR_PROSE_TEMPLATES,
    METASCORE_WORDS,
    DURATION_TEMPLATES,
    START_DATE_TEMPLATES,
    render_date,
    render_duration,
    template_args,
    FIXED_TEXT, JOIN_TWO_ARGS, LIST_TEMPLATES, SHOW_FIRST_ARG, SHOW_SECOND_ARG, evaluate_expr, positional, template_name,
)

_BR = re.compile(r"<\s*br\s*/?\s*>|<\s*/\s*br\s*>", re.I)
_WS = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)\]])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[])\s+")
_EMPTY_PARENS = re.compile(r"\(\s*[,;:]?\s*\)|\[\s*\]")
BOLD_ITALIC = re.compile(r"'{2,}")  # bold/italic quote runs


def _render_template(t: Template, keep_links: bool) -> str:
    name = template_name(t)
    if name.startswith("#expr:"):
        expression = _render(t.name, False).split(":", 1)[1]
        return evaluate_expr(expression) or ""
    if name in FIXED_TEXT:
        return FIXED_TEXT[name]
    if name in DURATION_TEMPLATES:
        return render_duration(t)
    if name in START_DATE_TEMPLATES:
        return render_date(t)
    if name in AGGREGATOR_PROSE_TEMPLATES:
        return render_aggregator_prose(t, name)
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


_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?")


def render_aggregator_prose(t: Template, name: str) -> str:
    """The sentence {{Rotten Tomatoes prose}} or {{Metacritic film prose}} writes; nothing
    when its score or its count is not a number (the template then writes no figures)."""
    args = {k: _render(v, False).strip() for k, v in template_args(t, AGGREGATOR_PROSE_TEMPLATES[name]).items()}
    score, count, average = args.get("score", ""), args.get("count", ""), args.get("average", "").removesuffix("/10")
    if not (_NUMBER.fullmatch(score) and _NUMBER.fullmatch(count)):
        return ""
    if name == "metacritic film prose":
        words = next(w for low, w in METASCORE_WORDS if float(score.replace(",", "")) >= low)
        return (f"Metacritic, which uses a weighted average, assigned the film a score of {score} out of 100, "
                f"based on {count} critics, indicating {words}.")  # fmt: skip
    text = f"On the review aggregator website Rotten Tomatoes, {score}% of {count} critics' reviews are positive"
    text += f", with an average rating of {average}/10." if _NUMBER.fullmatch(average) else "."
    if args.get("consensus"):
        text += f' The website\'s consensus reads: "{args["consensus"]}"'
    return text


#: a string with none of these is one text node when parsed (no link, template, tag,
#: entity, list item, heading, rule or free URL can start in it), so it renders as itself
_MARKUP_START = re.compile(r"[\[\]{}<>&'|:*#;=~\n\x00]|^-{4}|__")


def _render(code: Wikicode | str, keep_links: bool) -> str:
    if isinstance(code, str):
        if not _MARKUP_START.search(code):
            return code  # plain words (most link titles and cells): nothing to parse
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


_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_MARKUP_CHARACTERS = frozenset("<>[]{}|'=*#:;!~-_&")


def decode_entities(wikitext: str) -> str:
    """Wikitext with its character entities decoded (``&nbsp;`` → a no-break space,
    ``&ndash;`` → "–"), except those that stand for markup characters: ``&#91;&#91;`` from
    a ``<nowiki>`` stays text, never a link."""

    def one(m: re.Match[str]) -> str:
        char = html.unescape(m.group())
        return m.group() if char in _MARKUP_CHARACTERS or char == m.group() else char

    return _ENTITY.sub(one, wikitext) if "&" in wikitext else wikitext


#: the characters every markup piece :func:`tidy` removes contains at least one of
_TIDY_MARKUP = frozenset("&\xa0[]{}<>'|(")


def tidy(text: str) -> str:
    """Collapse whitespace and remove bold/italic quote runs, stray markup and leftover punctuation spacing."""
    if _TIDY_MARKUP.isdisjoint(text):  # plain words: only the spacing to tidy
        return _SPACE_BEFORE_PUNCT.sub(r"\1", _WS.sub(" ", text).strip()).strip(" ,;:")
    return _tidy_markup(text)


def _tidy_markup(text: str) -> str:
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
    if isinstance(code, str):
        return per_text("clean", code, _clean_text)
    return per_node("clean", code, _clean_text)


def _clean_text(code: Wikicode | str) -> str:
    return tidy(_render(code, keep_links=False))


def block_text(code: Wikicode | str) -> str:
    """Like :func:`clean_text` but keeps line breaks (``<br>``, list items) as newlines."""
    raw = _render(code, keep_links=False)
    lines = [tidy(line) for line in raw.split("\n")]
    return "\n".join(line for line in lines if line)


def strip_refs(text: str) -> str:
    """Wikitext without ``<ref>…</ref>``, ``<ref … />`` and HTML comments."""
    text = re.sub(r"<ref[^>/]*/>", "", text, flags=re.I)
    text = re.sub(r"<ref[^>]*>.*?</ref\s*>", "", text, flags=re.I | re.S)
    return re.sub(r"<!--.*?-->", "", text, flags=re.S)
