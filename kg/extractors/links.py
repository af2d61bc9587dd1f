"""External identifiers of the film from the article's templates ({{IMDb title}} …) as URLs."""

from __future__ import annotations

import re
from urllib.parse import quote

from kg.model import ExternalId, ExternalIds
from kg.titles import strip_disambiguator
from kg.wikitext import clean_text, find_templates, params, positional, template_name


def _imdb(i: str) -> str | None:
    digits = re.sub(r"^tt", "", i.strip())
    return f"https://www.imdb.com/title/tt{digits}/" if digits.isascii() and digits.isdigit() else None


def _allmovie(i: str) -> str | None:
    i = i.strip()
    if re.fullmatch(r"\d+", i):
        i = "v" + i
    return f"https://www.allmovie.com/movie/{quote(i)}" if re.fullmatch(r"[\w-]+", i) else None


def _rt(i: str) -> str | None:
    i = re.sub(r"^/?m/", "", i.strip()).strip("/")
    return f"https://www.rottentomatoes.com/m/{quote(i)}" if re.fullmatch(r"[\w-]+", i) else None


def _mojo(i: str) -> str | None:
    i = i.strip()
    if re.fullmatch(r"tt\d+", i):
        return f"https://www.boxofficemojo.com/title/{i}/"
    i = re.sub(r"\.htm$", "", i)
    return f"https://www.boxofficemojo.com/movies/?id={quote(i)}.htm" if re.fullmatch(r"[\w-]+", i) else None


def _simple(prefix: str, suffix: str = "", pattern: str = r"[\w.-]+(/[\w.-]+)*"):
    def make(i: str) -> str | None:
        i = i.strip().strip("/")
        return f"{prefix}{quote(i, safe='/()')}{suffix}" if re.fullmatch(pattern, i) else None

    return make


# template name -> (scheme, URL builder). The id is the template's `id` or first argument.
EXTERNAL_ID_TEMPLATES = {
    "imdb title": ("imdb", _imdb),
    "imdb film": ("imdb", _imdb),
    "imdb movie": ("imdb", _imdb),
    "rotten tomatoes": ("rottentomatoes", _rt),
    "rotten-tomatoes": ("rottentomatoes", _rt),
    "rottentomatoes": ("rottentomatoes", _rt),
    "allmovie title": ("allmovie", _allmovie),
    "amg movie": ("allmovie", _allmovie),
    "allrovi movie": ("allmovie", _allmovie),
    "tcmdb title": ("tcmdb", _simple("https://www.tcm.com/tcmdb/title/", "/")),
    "tcmdb": ("tcmdb", _simple("https://www.tcm.com/tcmdb/title/", "/")),
    "metacritic film": ("metacritic", _simple("https://www.metacritic.com/movie/")),
    "metacritic movie": ("metacritic", _simple("https://www.metacritic.com/movie/")),
    "box office mojo": ("boxofficemojo", _mojo),
    "mojo title": ("boxofficemojo", _mojo),
    "box office mojo title": ("boxofficemojo", _mojo),
    "afi film": ("afi", _simple("https://catalog.afi.com/Catalog/moviedetails/", "", r"\d+")),
    "bfi": ("bfi", _simple("https://www.bfi.org.uk/films-tv-people/", "", r"[0-9a-f]+")),
    "letterboxd film": ("letterboxd", _simple("https://letterboxd.com/film/", "/")),
    "letterboxd": ("letterboxd", _simple("https://letterboxd.com/film/", "/")),
    "the numbers": ("thenumbers", _simple("https://www.the-numbers.com/movie/", "", r"[\w().-]+(#[\w-]+)?")),
    "bollywood hungama": ("bollywoodhungama", _simple("https://www.bollywoodhungama.com/movie/", "/")),
    "official website": ("website", None),
    "official url": ("website", None),
}


class LinksExtractor:
    name = "links"
    produces = ExternalIds

    def extract(self, ctx):
        out: list[ExternalId] = []
        labels: dict[str, str] = {}  # url -> the title the template shows for it
        for t in find_templates(ctx.code, EXTERNAL_ID_TEMPLATES, recursive=True):
            scheme, build = EXTERNAL_ID_TEMPLATES[template_name(t)]
            ps = params(t)
            args = positional(t)
            raw = ps.get("id") or ps.get("url") or (args[0] if args else None)
            if raw is None:
                continue  # the template reads the id from Wikidata: nothing in the article
            value = clean_text(raw) if build is not None else str(raw).strip()
            if not value:
                continue
            if build is None:
                url = _website(value)
            else:
                url = build(value)
            if url is None:
                ctx.warn(template_name(t), f'cannot read identifier "{value}"')
                continue
            if all(e.url != url for e in out):
                out.append(ExternalId(scheme, value, url))
                label = ps.get("title") or ps.get("name") or (args[1] if len(args) > 1 else None)
                labels[url] = clean_text(label) if label is not None else ""
        return ExternalIds(tuple(_one_per_database(ctx, out, labels)))


def _one_per_database(ctx, ids: list[ExternalId], labels: dict[str, str]) -> list[ExternalId]:
    """At most one id per database is the film's own: when an article cites several (the
    film and its remake, "{{IMDb title|0047478|Test Film (1954 original)}}"), the one whose
    label is the film's name (or that has none) is it; when that does not decide, none is
    (a warning names them). Websites may be several."""
    film_names = {fold_title(ctx.page.title), fold_title(strip_disambiguator(ctx.page.title))}
    out: list[ExternalId] = []
    for scheme in dict.fromkeys(e.scheme for e in ids):
        same = [e for e in ids if e.scheme == scheme]
        if scheme == "website" or len(same) == 1:
            out.extend(same)
            continue
        own = [e for e in same if not labels.get(e.url) or fold_title(labels[e.url]) in film_names]
        if len(own) == 1:
            out.append(own[0])
        else:
            ctx.warn(scheme, f"{len(same)} different ids ({', '.join(e.value for e in same)}); none is taken as the film's")
    return out


def fold_title(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).strip("'\" ").casefold()


def _website(value: str) -> str | None:
    value = re.sub(r"<!--.*?-->", "", value).strip()
    if not re.match(r"^https?://", value):
        if re.match(r"^[\w.-]+\.[a-z]{2,}(/|$)", value):
            value = "http://" + value
        else:
            return None
    return value if not re.search(r"[\s<>\"{}|\\^`\x00-\x1f\x7f]", value) else None


EXTRACTOR = LinksExtractor()
