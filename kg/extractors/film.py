"""The film itself: name, short description, image, releases, runtime, countries,
languages, budget and gross, the work it is based on, and genres from the lead."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from mwparserfromhell.nodes import Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from kg.model import BasedOn, FilmInfo, Ref, Release
from kg.wikitext.templates import FILM_DATE_TEMPLATES, START_DATE_TEMPLATES
from kg.wikitext import (
    Link,
    clean_text,
    find_templates,
    get_param,
    lead,
    parse,
    parse_link,
    positional,
    split_items,
    template_name,
    walk,
)
from kg.titles import strip_disambiguator
from kg.values import (
    PartialDate,
    country_title,
    LANGUAGES,
    NATIONALITIES,
    language_code,
    normalise_country,
    parse_dates,
    parse_money,
    parse_runtime,
)

NAME_PARAMS = ("name", "title")
IMAGE_PARAMS = ("image", "poster")
CAPTION_PARAMS = ("caption", "image caption")
RELEASED_PARAMS = ("released", "release date", "release dates", "released date", "release", "premiere")
RUNTIME_PARAMS = ("runtime", "running time", "length")
COUNTRY_PARAMS = ("country", "countries")
LANGUAGE_PARAMS = ("language", "languages")
BUDGET_PARAMS = ("budget",)
GROSS_PARAMS = ("gross", "box office")
BASED_ON_PARAMS = ("based on", "basedon", "based-on")

SHORT_DESCRIPTION = ("short description",)
BASED_ON_TEMPLATES = ("based on", "basedon", "based on work")
# Release labels that are a kind of release, not a place.
RELEASE_KINDS = frozenset(
    {
        "limited", "wide", "premiere", "world premiere", "worldwide", "nationwide", "theatrical",
        "re-release", "rerelease", "general", "general release", "digital", "streaming", "television",
        "tv", "dvd", "home video", "vod", "expanded", "internet", "online", "original", "original release",
        "initial release", "limited release", "wide release", "festival", "special screening",
        "roadshow", "restored", "director's cut", "release", "u.s. premiere", "us premiere",
    }
)
# Currency templates: name -> the symbol they stand for; the amount is their first argument.
CURRENCY_TEMPLATES = {
    "inr": "₹", "₹": "₹", "indian rupee": "₹", "inrconvert": "₹", "inr convert": "₹",
    "us$": "US$", "usd": "US$", "us dollar": "US$", "gbp": "£", "£": "£", "eur": "€", "€": "€",
    "jpy": "¥", "yen": "¥", "¥": "¥", "cny": "CN¥", "rmb": "CN¥", "bdt": "৳", "taka": "৳",
    "krw": "₩", "won": "₩", "aud": "A$", "a$": "A$", "cad": "C$", "ca$": "C$", "nzd": "NZ$",
    "hkd": "HK$", "hk$": "HK$", "php": "₱", "idr": "Rp", "rub": "₽", "brl": "R$", "pkr": "PKR ",
    "lkr": "LKR ", "npr": "NPR ", "sgd": "S$", "chf": "CHF ", "sek": "SEK ", "nok": "NOK ", "dkk": "DKK ",
    "try": "TRY ", "thb": "THB ", "myr": "MYR ", "mxn": "MXN ", "zar": "ZAR ", "egp": "EGP ",
}
# Templates that show "est." before an amount (https://en.wikipedia.org/wiki/Template:Estimation).
ESTIMATE_TEMPLATES = frozenset({"estimation", "est.", "est", "estimate", "estimated"})
# INRConvert's unit letters.
INR_UNITS = {"c": "crore", "cr": "crore", "crore": "crore", "l": "lakh", "lakh": "lakh", "b": "billion", "m": "million", "k": "thousand"}


class FilmExtractor:
    name = "film"
    produces = FilmInfo

    def extract(self, ctx) -> FilmInfo:
        box = ctx.infobox
        name = _first_line(get_param(box, *NAME_PARAMS)) if box is not None else ""
        info = FilmInfo(name=name or strip_disambiguator(ctx.page.title), description=_short_description(ctx.code), genres=tuple(_genres(ctx.code)))
        if box is None:
            return info
        image = get_param(box, *IMAGE_PARAMS)
        image_name = _image_name(image) if image is not None else None
        return replace(
            info,
            image=image_name,
            caption=(clean_text(get_param(box, *CAPTION_PARAMS)) or None) if image_name else None,
            releases=tuple(_releases(ctx, get_param(box, *RELEASED_PARAMS))),
            runtimes=tuple(_runtimes(ctx, get_param(box, *RUNTIME_PARAMS))),
            countries=tuple(_countries(ctx, get_param(box, *COUNTRY_PARAMS))),
            languages=tuple(_languages(ctx, get_param(box, *LANGUAGE_PARAMS))),
            budget=_money(ctx, "budget", get_param(box, *BUDGET_PARAMS)),
            gross=_money(ctx, "gross", get_param(box, *GROSS_PARAMS)),
            based_on=tuple(_based_on(ctx, get_param(box, *BASED_ON_PARAMS))),
        )


def _first_line(value: Wikicode | None) -> str:
    """The film's name as its first line shows it: "Pather Panchali<br />{{lang|bn|পথের পাঁচালী}}"
    is "Pather Panchali" (the second line is the name in another script)."""
    if value is None:
        return ""
    items = split_items(value)
    return clean_text(items[0]) if items else clean_text(value)


def _short_description(code: Wikicode) -> str | None:
    for t in find_templates(code, SHORT_DESCRIPTION, recursive=False):
        args = positional(t)
        if args:
            text = clean_text(args[0])
            if text and text.lower() != "none":
                return text
    return None


def _image_name(value: Wikicode) -> str | None:
    for link in walk(value, Wikilink):
        title = str(link.title).strip()
        if re.match(r"(?i)(file|image):", title):
            return title.split(":", 1)[1].strip() or None
    text = clean_text(value)
    text = re.sub(r"(?i)^(file|image):", "", text).strip()
    if not text or not re.search(r"\.[A-Za-z0-9]{2,5}$", text):
        return None
    return text


# A festival's article or name: "Cannes Film Festival", "Toronto International Film Festival".
FESTIVAL = re.compile(r"\bfestival\b", re.I)


def _release_label(ctx, label: Wikicode | str | None) -> dict[str, Any]:
    """What a release's label says: a kind of release ("Limited"), a festival, a country
    or another place; the fields of :class:`~kg.model.Release` it sets."""
    if label is None:
        return {}
    text = clean_text(label).strip("() ")
    if not text:
        return {}
    if text.casefold() in RELEASE_KINDS or text.casefold().endswith((" premiere", " release")):
        return {"kind": text[:1].upper() + text[1:]}
    code = label if not isinstance(label, str) else parse(label)
    link = _first_link(code)
    linked_title = link.title if link is not None and link.section is None else None
    if (linked_title and FESTIVAL.search(linked_title)) or (linked_title is None and FESTIVAL.search(text)):
        refs = ctx.names.refs(code, split=False)
        return {"festival": refs[0]} if refs else {}
    country = country_title(linked_title or re.sub(r"\s*\([^()]*\)", "", text).strip())
    if country is not None:
        shown = link.text if linked_title else normalise_country(text)
        return {"country": ctx.names.ref_for_link(Link(country, None, shown or country))}
    refs = ctx.names.refs(code, split=False)
    return {"location": refs[0]} if refs else {}


def _releases(ctx, value: Wikicode | None) -> list[Release]:
    if value is None:
        return []
    out: list[Release] = []
    for item in split_items(value):
        templates = [t for t in item.filter_templates(recursive=False)]
        handled = False
        for t in templates:
            name = template_name(t)
            if name in FILM_DATE_TEMPLATES:
                args = positional(t)
                groups = [args[i : i + 4] for i in range(0, len(args), 4)]
                for group in groups:
                    parts = [clean_text(g) for g in group[:3]]
                    if not parts or not parts[0]:
                        continue
                    date = PartialDate.from_parts(*(p or None for p in parts))
                    if date is None:
                        ctx.warn("released", f'cannot read {{{{{name}}}}} date "{"|".join(parts)}"')
                        continue
                    label = group[3] if len(group) > 3 else None
                    if label is None and len(groups) == 1:
                        label = _text_without_templates(item)  # "{{Film date|2017|9|1}} (India)"
                    out.append(Release(date, **_release_label(ctx, label)))
                handled = True
            elif name in START_DATE_TEMPLATES:
                args = [clean_text(a) for a in positional(t)[:3]]
                date = PartialDate.from_parts(*(a or None for a in args)) if args and args[0] else None
                if date is None:
                    ctx.warn("released", f'cannot read {{{{{name}}}}} date "{"|".join(args)}"')
                    continue
                rest = _text_without_templates(item)
                out.append(Release(date, **_release_label(ctx, rest)))
                handled = True
        if handled:
            continue
        text = clean_text(item)
        dates = parse_dates(text)
        if not dates:
            if text:
                ctx.warn("released", f'cannot parse date "{text}"')
            continue
        labels = re.findall(r"\(([^()]*)\)", text)
        for i, date in enumerate(dates):
            label = labels[i] if i < len(labels) and len(labels) >= len(dates) else (labels[0] if len(dates) == 1 and labels else None)
            out.append(Release(date, **_release_label(ctx, _label_wikicode(item, label) if label else None)))
    # one event per (date, place, kind)
    unique: dict[tuple, Release] = {}
    for r in out:
        unique.setdefault((r.date, r.location, r.kind, r.country, r.festival), r)
    return list(unique.values())


def _label_wikicode(item: Wikicode, label: str) -> Wikicode:
    """The wikitext of a parenthesised release label, so that its link survives."""
    raw = str(item)
    for m in re.finditer(r"\(([^()]*)\)", raw):
        if clean_text(m.group(1)) == label:
            return parse(m.group(1))
    return parse(label)


def _text_without_templates(item: Wikicode) -> Wikicode:
    return parse("".join(str(n) for n in item.nodes if not isinstance(n, Template)))


def _runtimes(ctx, value: Wikicode | None) -> list[int]:
    if value is None:
        return []
    out: list[int] = []
    for item in split_items(value):
        text = clean_text(item)
        found = parse_runtime(text)
        if not found and text and not re.fullmatch(r"\([^()]*\)?", text):
            ctx.warn("runtime", f'cannot parse runtime "{text}"')
        for seconds in found:
            if seconds > 0 and seconds not in out:
                out.append(seconds)
    return out


def _countries(ctx, value: Wikicode | None) -> list[Ref]:
    if value is None:
        return []
    out: list[Ref] = []
    for item in split_items(value):
        for node in _split_on(item, r"[,;/]"):
            link = _first_link(node)
            text = clean_text(node)
            if not text:
                continue
            if link is not None and link.section is None and not link.title.startswith("Cinema of"):
                title = link.title
                name = link.text or title
            else:
                shown = re.sub(r"\s*\([^()]*\)", "", text).strip()
                title = country_title(shown)
                if title is None:
                    # an unlinked name that is no country ("Tamil Nadu"): not a country of origin
                    if shown:
                        ctx.warn("country", f'"{shown}" is not a country; skipped')
                    continue
                name = title
            if not name or len(name) > 80:
                continue
            ref = ctx.names.ref_for_link(Link(title, None, name))
            if ref not in out:
                out.append(ref)
    return out


def _languages(ctx, value: Wikicode | None) -> list[str]:
    if value is None:
        return []
    out: list[str] = []
    for item in split_items(value):
        text = clean_text(item)
        for piece in re.split(r"\s*(?:,|;|/|\band\b|&)\s*", text):
            piece = re.sub(r"\s*\([^()]*\)", "", piece).strip()
            if not piece:
                continue
            code = language_code(piece)
            if code is None:
                if piece.casefold() not in ("silent", "none", "no dialogue", "silent film", "n/a"):
                    ctx.warn("language", f'unknown language "{piece}"')
                continue
            if code not in out:
                out.append(code)
    return out


def money_text(value: Wikicode) -> str:
    """Plain text of a budget/gross value with currency templates rendered as their symbol and amount."""
    parts: list[str] = []
    for node in value.nodes:
        if isinstance(node, Template):
            name = template_name(node)
            if name in ESTIMATE_TEMPLATES:
                parts.append(" est. ")
                continue
            if name in CURRENCY_TEMPLATES:
                args = [clean_text(a) for a in positional(node)]
                amount = args[0] if args else ""
                unit = ""
                if name in ("inrconvert", "inr convert") and len(args) > 1:
                    unit = " " + INR_UNITS.get(args[1].lower(), "")
                parts.append(f" {CURRENCY_TEMPLATES[name]}{amount}{unit} ")
                continue
        if isinstance(node, Tag) and str(node.tag).lower() in ("ref", "sup"):
            continue
        parts.append(str(node))
    return clean_text("".join(parts))


def _money(ctx, where: str, value: Wikicode | None):
    if value is None:
        return None
    text = money_text(value)
    money = parse_money(text)
    if money is None and text:
        ctx.warn(where, f'cannot parse amount "{text}"')
    return money


# What a source work is called when the article names no work: "Characters by …", "the novel".
WORK_PLACEHOLDERS = re.compile(
    r"^(?:the\s+|a\s+|an\s+)?(?:characters?|novel|novels|play|stage play|short story|story|stories|book|books|"
    r"comics?|comic book|manga|series|musical|poem|song|film|screenplay|memoir|biography|life|works?|"
    r"true story|true events|real events|events)(?:\s+by)?$",
    re.I,
)
# "by" at the end of a line, the author on the next: one credit ("''Waltz into Darkness'' by<br>[[X]]").
_BY_LINE_BREAK = re.compile(r"\s+by\s*(?:<\s*br\s*/?\s*>|\n\s*[*#]?)\s*", re.I)
# "''[[In a Grove]]'' and ''[[Rashōmon]]''": two works in one argument.
_TWO_WORKS = re.compile(r"('{2,}[^']+'{2,})\s+(?:and|&)\s+('{2,}[^']+'{2,})")


def _based_on(ctx, value: Wikicode | None) -> list[BasedOn]:
    """The works the film is based on, with their authors: {{Based on|work|author…}}
    (several works in one argument too), or "''Work'' by [[Author]]" lines. A placeholder
    that names no work ("Characters", "the novel") gives none."""
    if value is None:
        return []
    out: list[BasedOn] = []
    templates = [t for t in walk(value, Template) if template_name(t) in BASED_ON_TEMPLATES]
    for t in templates:
        args = positional(t)
        if not args:
            continue
        authors = [r for a in args[1:] for item in split_items(a) for r in ctx.names.refs(item)]
        for work_code in _works(args[0]):
            work = _work_ref(ctx, work_code, authors)
            if work is not None:
                out.append(BasedOn(work, tuple(authors), "based_on"))
    if templates:
        return out
    # plain text: "''Novel'' by [[Author]]" (one per line; "by" may end a line)
    for item in split_items(parse(_BY_LINE_BREAK.sub(" by ", str(value)))):
        raw = str(item)
        m = re.split(r"\s+by\s+|^by\s+", raw, maxsplit=1)
        authors = ctx.names.refs(parse(m[1])) if len(m) > 1 else []
        if not m[0].strip() and out and authors:  # a line "by [[Author]]" under the work
            out[-1] = BasedOn(out[-1].work, out[-1].authors + tuple(authors), "based_on")
            continue
        for work_code in _works(parse(m[0])):
            work = _work_ref(ctx, work_code, authors)
            if work is not None:
                out.append(BasedOn(work, tuple(authors), "based_on"))
    return out


def _works(code: Wikicode) -> list[Wikicode]:
    """The works one argument names: its first line, split when it joins two titles."""
    items = split_items(code)
    first = str(items[0]) if items else str(code)
    m = _TWO_WORKS.search(first)
    if m:
        return [parse(m.group(1)), parse(m.group(2))]
    return [parse(first)]


def _work_ref(ctx, code: Wikicode, authors: list[Ref] = ()) -> Ref | None:
    """The work a fragment names: its link, else its italic title, else its text; nothing for
    a placeholder. A work linked to one of its authors' pages is not that author: it stays a
    node of its own, with the page as ``rdfs:seeAlso``."""
    link = _first_link(code)
    text = clean_text(code)
    text = re.sub(r"^\s*\([^()]*\)\s*", "", text)
    text = re.sub(r"\s*\([^()]*\)\s*$", "", text).strip().strip('"“”')
    if link is not None:
        ref = ctx.names.ref_for_link(link)
        if ref.is_global and any(a.title == ref.title for a in authors):
            return Ref(ref.name, ref.title, "")
        return ref
    italic = re.search(r"'{2,}([^']+?)'{2,}", str(code))
    if italic:  # "the novel ''Chemmeen'' by …", "''Sister Act'' 1937 magazine story"
        text = clean_text(italic.group(1)).strip('"“”')
    if not text or WORK_PLACEHOLDERS.match(text):
        return None
    return ctx.names.resolve(text)


#: Genres a lead links without the word "film" in the page title ("[[drama]] film",
#: "[[Western (genre)|Western]]", "[[romantic comedy]]").
GENRE_WORDS = frozenset(
    word.strip()
    for word in """action|adventure|animated|animation|anthology|biographical|biopic|black comedy|buddy|
    comedy|comedy-drama|comedy drama|coming-of-age|crime|cyberpunk|disaster|documentary|drama|dramedy|epic|
    erotic|experimental|fantasy|film noir|neo-noir|noir|heist|historical|horror|martial arts|masala|
    melodrama|mockumentary|musical|mystery|parody|period|political|psychological|romance|romantic|
    romantic comedy|romantic drama|satire|science fiction|science-fiction|slasher|spy|sports|superhero|
    supernatural|suspense|swashbuckler|teen|thriller|action thriller|crime thriller|psychological thriller|
    legal drama|courtroom drama|war|western|spaghetti western|zombie|family|children's|christmas|dance|
    slapstick|screwball|road movie|short|silent|art|independent|cult|body horror|folk horror|gangster|
    samurai|wuxia|kaiju|jidaigeki|giallo""".split("|")
)
# Links in a lead that say where a film is from, when it was made or in what format, never its genre.
NOT_A_GENRE = re.compile(
    r"^cinema of\b|\bcinema$|\bfilm industry$|\bfilms of\b|\blanguage$|^\d{3,4}s?\b|\bin film$|"
    r"^(?:3d film|imax|black and white|black-and-white|color motion picture film|colour film|sound film)$",
    re.I,
)


def _genres(code: Wikicode) -> list[str]:
    """Genres named in the lead's first sentence ("… is a 1995 American drama film …"): the
    links between "is a" and "film" that name a kind of film, never where it is from (a
    "Cinema of …" page, a language, a nationality), its year or its format."""
    first = _first_sentence(lead(code))
    if first is None:
        return []
    m = re.search(r"\b(?:is|was)\s+(?:a|an)\s+(.*?)\b(?:film|movie|picture)s?\b(?! noir)", clean_text(first))
    if not m:
        return []
    span = m.group(1).lower()
    out = []
    for node in first.filter_wikilinks(recursive=False):
        link = parse_link(node)
        if link is None:
            continue
        text, title = link.text.lower(), link.title.lower()
        genre = re.sub(r"\s*\b(film|movie|picture)s?$", "", text).strip()
        if not genre or genre in out or genre not in span:
            continue
        if NOT_A_GENRE.search(title) or NOT_A_GENRE.search(genre) or genre in LANGUAGES or genre in NATIONALITIES:
            continue
        page = re.sub(r"\s*\([^()]*\)$", "", title)  # "western (genre)" → "western"
        if re.search(r"\b(film|movie)s?\b", title) or text.endswith(("film", "movie")) or page in GENRE_WORDS or genre in GENRE_WORDS:
            out.append(genre)
    return out


def _first_sentence(code: Wikicode) -> Wikicode | None:
    text = "".join(str(n) for n in code.nodes if isinstance(n, (Text, Wikilink, Tag)) or (isinstance(n, Template) and template_name(n) in ("nihongo", "lang", "langx")))
    for para in text.split("\n"):
        if "'''" in para or re.search(r"\b(is|was) an? ", para):
            m = re.search(r"\.\s+(?=[A-Z])", para)
            return parse(para[: m.start() + 1] if m else para)
    return None


def _first_link(code: Wikicode):
    for node in walk(code, Wikilink):
        link = parse_link(node)
        if link is not None:
            return link
    return None


def _split_on(item: Wikicode, pattern: str) -> list[Wikicode]:
    """Split an item on a separator found in its plain text, outside links."""
    raw = str(item)
    pieces, depth, start, i = [], 0, 0, 0
    sep = re.compile(pattern)
    while i < len(raw):
        if raw.startswith("[[", i) or raw.startswith("{{", i):
            depth += 1
            i += 2
            continue
        if raw.startswith("]]", i) or raw.startswith("}}", i):
            depth = max(0, depth - 1)
            i += 2
            continue
        if depth == 0 and sep.match(raw, i):
            pieces.append(raw[start:i])
            start = i + 1
        i += 1
    pieces.append(raw[start:])
    return [parse(p) for p in pieces if p.strip()]


EXTRACTOR = FilmExtractor()
