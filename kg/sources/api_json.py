"""MediaWiki API JSON: ``action=query&prop=revisions`` (legacy and ``formatversion=2``),
``action=parse&prop=wikitext``, and ``action=query&prop=extracts&explaintext`` (a plain-text
extract, read by the prose extractor alone).

In the legacy form ``query.pages`` is an object keyed by page id and the content sits
under ``"*"``; with ``formatversion=2`` ``query.pages`` is a list and the content sits at
``revisions[0].slots.main.content``. ``normalized``, ``converted`` and ``redirects``
map a final title back to the one requested, for messages about missing pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from kg.errors import FormatError, MissingPageError
from kg.model import Page
from kg.sources.input import Input
from kg.titles import normalise_title, redirect_target

NO_PAGES = "holds no pages"
NOT_API = "is JSON but not a MediaWiki API response (expected query.pages or parse.wikitext)"
REVISIONS_HINT = "prop=revisions&rvprop=content|ids|timestamp&rvslots=main"


class ApiJsonReader:
    """Reads MediaWiki API responses; one :class:`Page` per page of the response."""

    name = "api-json"

    def sniff(self, head: str) -> bool:
        """JSON starts with ``{`` followed by ``"`` or ``}``, or ``[`` followed by ``{``,
        ``"``, ``]``, ``-`` or a digit, so wikitext starting with ``{{`` or ``[[`` is not JSON."""
        text = head.lstrip("\ufeff \t\r\n")
        first = text[:1]
        following = text[1:].lstrip(" \t\r\n")[:1]
        if first == "{" and following in ("", '"', "'", "}"):
            return True
        return first == "[" and (following in ("", "{", '"', "]", "-") or following.isdigit())

    def read(self, inp: Input, title: str | None) -> Iterator[Page]:
        source = inp.source
        text = inp.text()
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FormatError(source, f"is not valid JSON (line {exc.lineno} column {exc.colno}: {exc.msg})") from None
        if not isinstance(data, dict):
            raise FormatError(source, NOT_API)
        _raise_api_error(data, source)
        if "parse" in data:
            yield _parse_page(data["parse"], source, title)
            return
        if "query" not in data and "batchcomplete" not in data:
            raise FormatError(source, NOT_API)
        query = data.get("query")
        if query is not None and not isinstance(query, dict):
            raise FormatError(source, NOT_API)
        pages = (query or {}).get("pages")
        if isinstance(pages, dict):
            pages = list(pages.values())
        if pages is not None and not isinstance(pages, list):
            raise FormatError(source, NOT_API)
        if not pages:
            raise MissingPageError(source, NO_PAGES)
        requested = requested_titles(query or {})
        for page in pages:
            if not isinstance(page, dict):
                raise FormatError(source, NOT_API)
            yield _query_page(page, requested, source, title)


def as_int(value: Any) -> int | None:
    """An id as an int: the API gives ints, some tools give digit strings."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def _raise_api_error(data: dict[str, Any], source: str) -> None:
    error = data.get("error")
    if error is None and isinstance(data.get("errors"), list) and data["errors"]:
        error = data["errors"][0]  # errorformat=plaintext|wikitext|html
    if error is None:
        return
    if isinstance(error, dict):
        info = error.get("info") or error.get("text") or error.get("html") or error.get("*") or ""
        code = error.get("code")
    else:
        info, code = error, None
    message = f'is a MediaWiki API error response: "{_one_line(info)}"'
    if code:
        message += f" ({_one_line(code)})"
    raise FormatError(source, message)


def requested_titles(query: dict[str, Any]) -> dict[str, str]:
    """Map a final title back to the title that was requested (through redirects and normalisation)."""

    def pairs(key: str) -> dict[str, str]:
        items = query.get(key)
        if not isinstance(items, list):
            return {}
        return {str(item["to"]): str(item["from"]) for item in items if isinstance(item, dict) and "from" in item and "to" in item}

    redirected, normalised, converted = pairs("redirects"), pairs("normalized"), pairs("converted")
    back: dict[str, str] = {}
    for final in set(redirected) | set(normalised) | set(converted):
        step = redirected.get(final, final)
        step = converted.get(step, step)
        back[final] = normalised.get(step, step)
    return back


def _flag(page: dict[str, Any], key: str) -> bool:
    """Legacy API flags are ``""`` when set; formatversion=2 flags are ``true``."""
    return key in page and page[key] is not False and page[key] is not None


def _query_page(page: dict[str, Any], requested: dict[str, str], source: str, title: str | None) -> Page:
    raw_title = page.get("title")
    if _flag(page, "invalid"):
        reason = page.get("invalidreason")
        message = f'title "{raw_title}" is invalid'
        raise MissingPageError(source, message + (f" ({_one_line(reason)})" if reason else ""))
    if _flag(page, "missing"):
        if isinstance(raw_title, str):
            name = f'page "{requested.get(raw_title, raw_title)}"'
        else:
            name = f"page id {page.get('pageid')}"
        raise MissingPageError(source, f"{name} does not exist on the wiki (the API reports it missing)")
    name = normalise_title(raw_title) if isinstance(raw_title, str) else ""
    if not name:
        name = normalise_title(title) if title else ""
    if not name:
        raise FormatError(source, "holds a page without a title")
    text, revision = _revision_content(page)
    extract = page.get("extract")
    if text is None and isinstance(extract, str):
        return _extract_page(page, name, extract, source)
    if text is None:
        raise MissingPageError(
            source,
            f'page "{name}" has no wikitext (the response holds no revision content; request it with {REVISIONS_HINT})',
        )
    text = text.replace("\r\n", "\n")
    timestamp = revision.get("timestamp")
    return Page(
        title=name,
        text=text,
        source=source,
        revid=as_int(revision.get("revid")),
        timestamp=timestamp if isinstance(timestamp, str) else None,
        pageid=as_int(page.get("pageid")),
        ns=as_int(page.get("ns")) or 0,
        redirect=redirect_target(text),
    )


def _extract_page(page: dict[str, Any], name: str, extract: str, source: str) -> Page:
    """A page of ``prop=extracts`` with ``explaintext``: its plain text (TextExtracts gives
    no revision id; ``lastrevid`` from ``prop=info`` is the revision it was made from).

    :raises MissingPageError: the extract is HTML (``explaintext`` not asked for) or empty.
    """
    from kg.sources.plaintext import is_plain_text

    extract = extract.replace("\r\n", "\n")
    if not extract.strip():
        raise MissingPageError(source, f'page "{name}" has an empty extract')
    if not is_plain_text(extract):
        raise MissingPageError(
            source,
            f'page "{name}" has an HTML extract, which kg does not read; request the plain text with '
            f"prop=extracts&explaintext, or the wikitext with {REVISIONS_HINT}",
        )
    return Page(
        title=name,
        text=extract,
        source=source,
        revid=as_int(page.get("lastrevid")) or None,
        pageid=as_int(page.get("pageid")),
        ns=as_int(page.get("ns")) or 0,
        format="plaintext",
    )


def _revision_content(page: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    revisions = page.get("revisions")
    if not isinstance(revisions, list) or not revisions or not isinstance(revisions[0], dict):
        return None, {}
    revision = revisions[0]
    slots = revision.get("slots")
    if isinstance(slots, dict) and isinstance(slots.get("main"), dict):
        main = slots["main"]
        content = main.get("content", main.get("*"))
    else:
        content = revision.get("content", revision.get("*"))
    return (content if isinstance(content, str) else None), revision


def _parse_page(parse: Any, source: str, title: str | None) -> Page:
    if not isinstance(parse, dict):
        raise FormatError(source, NOT_API)
    raw_title = parse.get("title")
    name = normalise_title(raw_title) if isinstance(raw_title, str) else ""
    if not name:
        name = normalise_title(title) if title else ""
    if not name:
        raise FormatError(source, "holds a page without a title")
    wikitext = parse.get("wikitext")
    if isinstance(wikitext, dict):
        wikitext = wikitext.get("*")
    if not isinstance(wikitext, str):
        raise MissingPageError(source, f'page "{name}" has no wikitext (request it with action=parse&prop=wikitext)')
    wikitext = wikitext.replace("\r\n", "\n")
    return Page(
        title=name,
        text=wikitext,
        source=source,
        revid=as_int(parse.get("revid")),
        pageid=as_int(parse.get("pageid")),
        redirect=redirect_target(wikitext),
    )


READER = ApiJsonReader()
