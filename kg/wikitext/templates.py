"""Templates: their names, arguments, and what each one shows as text.

Templates are never expanded (mwparserfromhell's own limit, ``docs/limitations.rst``):
the templates film articles use to show a name or a list are read here by rule, every
other one shows nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode

from kg.titles import normalise_title
from kg.wikitext.parse import parse, walk

_WS = re.compile(r"\s+")

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


#: Templates that show one date from year, month, day arguments: {{Start date}},
#: {{Dts}}, {{Birth date}} … (https://en.wikipedia.org/wiki/Template:Start_date,
#: https://en.wikipedia.org/wiki/Template:Dts). They show it as "February 26, 2012".
START_DATE_TEMPLATES = frozenset(
    {
        "start date", "start date and age", "release date and age", "start-date", "startdate",
        "birth date", "date", "dts", "film date and age", "end date", "end date and age",
    }
)
#: {{Film date|year|month|day|label|year|month|day|label …}}: dates of releases, each
#: with its place or kind (https://en.wikipedia.org/wiki/Template:Film_date).
FILM_DATE_TEMPLATES = frozenset({"film date", "filmdate", "release date", "film release date", "release dates"})
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")


def template_date(template: Template):
    """The date a {{Start date}}-like template gives (its first three positional
    arguments), or ``None``."""
    from kg.values import PartialDate
    from kg.wikitext.text import clean_text

    args = [clean_text(a) for a in positional(template)[:3]]
    if not args or not args[0]:
        return None
    return PartialDate.from_parts(*(a or None for a in args))


def render_date(template: Template) -> str:
    """What a {{Start date}}-like template shows: "February 26, 2012", "February 2012", "2012"."""
    date = template_date(template)
    if date is None:
        return ""
    if date.precision == "day":
        return f"{_MONTH_NAMES[date.month - 1]} {date.day}, {date.year}"
    if date.precision == "month":
        return f"{_MONTH_NAMES[date.month - 1]} {date.year}"
    return str(date.year)


#: {{Rotten Tomatoes prose|score|average|count|consensus}} and {{Metacritic film prose|score|count}}
#: (each argument positional or named: ``score=``, ``average=``, ``count=``, ``consensus=``)
#: write the reception sentence many film articles carry instead of writing it by hand;
#: :func:`kg.wikitext.text.render_aggregator_prose` writes it as the templates do
#: ("On the review aggregator website Rotten Tomatoes, 93% of 378 critics' reviews are
#: positive, with an average rating of 8.4/10.").
AGGREGATOR_PROSE_TEMPLATES = {
    "rotten tomatoes prose": ("score", "average", "count", "consensus"),
    "metacritic film prose": ("score", "count"),
}
#: Metacritic's words for a film's Metascore, highest band first: (lowest score, words)
METASCORE_WORDS = (
    (81, '"universal acclaim"'), (61, '"generally favorable" reviews'), (40, '"mixed or average" reviews'),
    (20, '"generally unfavorable" reviews'), (0, '"overwhelming dislike"'),
)  # fmt: skip


def template_args(template: Template, names: tuple[str, ...]) -> dict[str, Wikicode]:
    """A template's arguments by name, each named (``score=``) or else at its position in ``names``."""
    args = positional(template)
    out: dict[str, Wikicode] = {}
    for i, name in enumerate(names):
        value = get_param(template, name)
        if value is None and i < len(args) and str(args[i]).strip():
            value = args[i]
        if value is not None:
            out[name] = value
    return out


#: {{Duration|h=|m=|s=}} (or positional hours, minutes, seconds) shows a time as a clock:
#: "1:36:00", "3:05" (https://en.wikipedia.org/wiki/Template:Duration).
DURATION_TEMPLATES = frozenset({"duration", "duration/ms", "dur"})


def render_duration(template: Template) -> str:
    """What {{Duration}} shows: ``h:mm:ss`` with hours, else ``m:ss``; ``""`` when unreadable."""
    from kg.wikitext.text import clean_text

    ps = params(template)
    args = positional(template)

    def part(name: str, index: int) -> int | None:
        value = clean_text(ps.get(name)) or (clean_text(args[index]) if index < len(args) else "")
        if not value:
            return 0
        try:
            return int(float(value))
        except ValueError:
            return None

    h, m, s = part("h", 0), part("m", 1), part("s", 2)
    if None in (h, m, s) or not (h or m or s):
        return ""
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


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
    return [t for t in (walk(code, Template) if recursive else code.filter_templates(recursive=False))
            if template_name(t) in wanted]


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
        if name.isascii() and name.isdigit():
            numbered[int(name)] = p.value
    if not numbered:
        return []
    return [numbered.get(i, parse("")) for i in range(1, max(numbered) + 1)]


def get_param(template: Template, *aliases: str) -> Wikicode | None:
    """The first of ``aliases`` that the template sets to something non-blank.

    :param template: the template node.
    :param aliases: parameter names in order of preference (normalised form).
    """
    from kg.wikitext.text import clean_text

    ps = params(template)
    for a in aliases:
        value = ps.get(a)
        if value is not None and (clean_text(value) or _has_content(value)):
            return value
    return None


def _has_content(code: Wikicode) -> bool:
    """True when ``code`` holds a template or link even if it renders as no text."""
    return bool(code.filter_templates(recursive=False) or code.filter_wikilinks(recursive=False))


def sortname(template: Template) -> tuple[str, str | None]:
    """(shown name, linked title or None) of ``{{sortname|First|Last|target|nolink=|dab=}}``:
    it links "First Last" (or ``target``, or "First Last (dab)") unless ``nolink`` is set."""
    from kg.wikitext.text import clean_text

    args = positional(template)
    shown = " ".join(clean_text(a) for a in args[:2]).strip()
    ps = params(template)
    if clean_text(ps.get("nolink")):
        return shown, None
    target = clean_text(args[2]) if len(args) >= 3 else ""
    dab = clean_text(ps.get("dab"))
    return shown, normalise_title(target or (f"{shown} ({dab})" if dab else shown)) or None




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
