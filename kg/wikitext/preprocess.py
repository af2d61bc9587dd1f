"""MediaWiki's preprocessor, the part of it that decides what the parser may read.

Before MediaWiki matches a single pair of braces it reads, left to right, the comments
and the extension tags of the text, each as a unit whose inside no template, link or
table can reach (``Preprocessor_Hash::buildDomTreeArrayFromText``; the tags are those
an extension registers with ``Parser::setHook``, see
https://www.mediawiki.org/wiki/Manual:Tag_extensions). So an unbalanced template inside a
``<ref>`` cannot swallow the infobox that holds it. mwparserfromhell reads ``<ref>`` as
wikitext and matches braces across it (its ``docs/limitations.rst``: it is no
preprocessor); :func:`preprocess` does MediaWiki's part first, and the tree is built from
what it gives:

- a comment ``<!-- … -->`` is removed (one that runs to the end of the text too); a line
  holding only comments and spaces is removed with its line break, as MediaWiki does;
- an extension tag whose inside kg never reads (``<ref>``, ``<references>``, ``<math>``,
  ``<gallery>``, ``<score>``, ``<templatedata>`` …) becomes an empty ``<name …/>``: the
  element is still there for whoever looks for it, its inside is gone;
- ``<nowiki>``, ``<pre>``, ``<syntaxhighlight>``/``<source>``: their inside is shown as
  text, never as markup, so it is kept with every markup character entity-encoded (an
  entity shows the character, so the text reads the same);
- ``<poem>``: its inside is wikitext, parsed on its own by the extension; the tags go,
  its line breaks become ``<br />``, and a ``{{``, ``}}``, ``[[`` or ``]]`` that has no
  partner inside it is text (entity-encoded), so it cannot pair with one outside;
- ``<includeonly>…</includeonly>`` is what other pages see when they transclude the page,
  not the page itself: removed; ``<noinclude>`` and ``<onlyinclude>`` tags are removed,
  their inside kept (how the article itself shows them). These three may run to the end
  of the text without a closing tag;
- an extension tag that is never closed is text (its ``<`` is encoded), and so is every
  later opening of that tag, as MediaWiki decides once (which keeps this linear on a page
  of a thousand unclosed ``<ref>``).
"""

from __future__ import annotations

import re

#: Extension tags whose inside is not text of the article (it is a reference, a formula,
#: a gallery, a score, data …): the element stays, empty.
EMPTIED = frozenset(
    {
        "ref", "references", "math", "chem", "ce", "gallery", "score", "templatedata", "templatestyles",
        "timeline", "imagemap", "hiero", "graph", "mapframe", "maplink", "inputbox", "categorytree",
        "indicator", "section", "charinsert", "rss", "dynamicpagelist", "tabs", "tab",
    }
)
#: Extension tags whose inside is shown literally, as text.
LITERAL = frozenset({"nowiki", "pre", "syntaxhighlight", "source"})
#: Extension tags whose inside is wikitext of the article.
UNWRAPPED = frozenset({"poem"})
#: Tags about transclusion, which may run to the end of the text unclosed.
INCLUSION = frozenset({"includeonly", "noinclude", "onlyinclude"})

_TAGS = EMPTIED | LITERAL | UNWRAPPED | INCLUSION
_OPEN = re.compile(
    r"<!--|<(%s)(?=[\s/>])((?:\s[^>]*?)?)(/?)>" % "|".join(sorted(_TAGS, key=len, reverse=True)),
    re.I,
)
# After a comment: the rest of its line when it holds only spaces and more comments.
_COMMENT_LINE_END = re.compile(r"[ \t]*(?:<!--.*?(?:-->|\Z)[ \t]*)*\n", re.S)
_PAIRS = re.compile(r"\{\{|\}\}|\[\[|\]\]")
_ENCODED = {"{{": "&#123;&#123;", "}}": "&#125;&#125;", "[[": "&#91;&#91;", "]]": "&#93;&#93;"}


def _own_pairs(text: str) -> str:
    """``text`` with every ``{{``/``}}`` and ``[[``/``]]`` that has no partner in it encoded
    (matched innermost first, as braces are), for wikitext parsed as a unit of its own."""
    stack: list[tuple[int, str]] = []
    lone: set[int] = set()
    for m in _PAIRS.finditer(text):
        token = m.group()
        if token in ("{{", "[["):
            stack.append((m.start(), token))
            continue
        opener = "{{" if token == "}}" else "[["
        if stack and stack[-1][1] == opener:
            stack.pop()
        elif any(t == opener for _, t in stack):
            while stack[-1][1] != opener:  # an opener of the other kind inside is lone
                lone.add(stack.pop()[0])
            stack.pop()
        else:
            lone.add(m.start())
    lone.update(at for at, _ in stack)
    if not lone:
        return text
    out, pos = [], 0
    for at in sorted(lone):
        out.append(text[pos:at] + _ENCODED[text[at : at + 2]])
        pos = at + 2
    return "".join(out) + text[pos:]


# Characters that are markup somewhere in wikitext: inside <nowiki> they are only text.
_MARKUP_CHARS = re.compile(r"[<>\[\]{}|'=*#:;!~&_-]")


def _literal(text: str) -> str:
    """Text whose every markup character is an HTML entity: it reads as itself, never as markup.
    (Entities already in it stay entities: MediaWiki shows them as their characters.)"""
    return _MARKUP_CHARS.sub(lambda m: m.group() if m.group() == "&" else f"&#{ord(m.group())};", text)


def preprocess(text: str) -> str:
    """The text as MediaWiki's preprocessor leaves it for the parser (see the module docstring).

    :param text: wikitext.
    :returns: wikitext without comments, with extension tags reduced to what they show;
        applying it twice changes nothing more.
    """
    if "<" not in text:
        return text
    out: list[str] = []
    pos = 0
    unclosed: set[str] = set()  # extension tags found never closed: every later opening is text
    while True:
        m = _OPEN.search(text, pos)
        if m is None:
            out.append(text[pos:])
            break
        out.append(text[pos : m.start()])
        if m.group(0) == "<!--":
            end = text.find("-->", m.end())
            stop = len(text) if end < 0 else end + 3
            line_start = text.rfind("\n", 0, m.start()) + 1
            rest_of_line = _COMMENT_LINE_END.match(text, stop)
            if 0 < line_start and pos <= line_start and not text[line_start : m.start()].strip(" \t") and rest_of_line:
                # the line holds only spaces and comments: it goes, with its line break
                out[-1] = out[-1][: len(out[-1]) - (m.start() - line_start)]
                pos = rest_of_line.end()
            else:
                pos = stop
            continue
        name = m.group(1).lower()
        attrs = m.group(2) or ""
        if m.group(3):  # <name … />: an element with nothing inside
            out.append(f"<{name}{attrs}/>" if name not in INCLUSION else "")
            pos = m.end()
            continue
        close = None if name in unclosed else re.compile(rf"</{name}\s*>", re.I).search(text, m.end())
        if close is None:
            if name in INCLUSION:
                inner, pos = text[m.end() :], len(text)
            else:
                unclosed.add(name)
                out.append("&lt;" + m.group(0)[1:])
                pos = m.end()
                continue
        else:
            inner, pos = text[m.end() : close.start()], close.end()
        if name in EMPTIED:
            out.append(f"<{name}{attrs}/>")
        elif name in LITERAL:
            out.append(_literal(inner))
        elif name in UNWRAPPED:
            out.append(re.sub(r"\n", "<br />\n", _own_pairs(preprocess(inner)).strip("\n")))
        elif name != "includeonly":  # noinclude, onlyinclude: the inside is the article's
            out.append(preprocess(inner))
    return "".join(out)
