"""A local stand-in for English Wikipedia's and Wikidata's Action APIs, so that no test
reaches the network.

:class:`WikiAPI` is a small HTTP server on a free loopback port that answers the part of
the MediaWiki Action API kg's clients use, in the real response formats (both
``formatversion=1`` and ``2``):

* English Wikipedia at ``/w/api.php`` (:attr:`WikiAPI.url`): ``action=query`` with
  ``titles``/``pageids`` (title normalisation, ``redirects``, missing and invalid titles),
  ``prop=revisions`` (with and without ``rvslots``), ``prop=pageprops`` (``ppprop``),
  ``prop=info``, ``list=categorymembers`` (with continuation), and ``action=parse``
  (``prop=wikitext``);
* Wikidata at ``/wikidata/w/api.php`` on the same server (:attr:`WikiAPI.wikidata_url`):
  ``action=wbgetentities`` by ``ids`` or ``sites``+``titles`` (``props``, ``languages``,
  ``sitefilter``, ``redirects``, ``normalize``);
* faults queued by the test, served before normal answers: ``maxlag`` errors (only to
  requests that carry ``maxlag``), HTTP 429/5xx with ``Retry-After``, slow answers,
  dropped connections.

The formats follow MediaWiki core (ApiQuery, ApiPageSet, ApiQueryRevisions,
ApiQueryCategoryMembers, ApiMain::checkMaxLag) and Wikibase (GetEntities, ResultBuilder,
EntityByTitleHelper, SiteLinkTable), checked against the real answers in
``examples/leaving-las-vegas.api.json`` and ``../shared/corpus/wikidata/Q42_Douglas_Adams.json``.
Known deviations are listed in :data:`DEVIATIONS`.

:func:`sample_wiki` gives a small film wiki (pages and items) to serve, and :func:`item`
builds a Wikidata item in the real entity JSON shape.
"""

from __future__ import annotations

import copy
import hashlib
import html
import http.server
import json
import re
import threading
import time
import unicodedata
import uuid
from collections.abc import Iterable
from urllib.parse import parse_qsl, quote, urlsplit

ENWIKI_PATH = "/w/api.php"
WIKIDATA_PATH = "/wikidata/w/api.php"
ENWIKI_SITE = "https://en.wikipedia.org"
WIKIDATA_SITE = "https://www.wikidata.org"
SERVED_BY = "mw1234"
LIMIT = 50  # multi-value parameters for users without apihighlimits
HIGH_LIMIT = 500
CM_MAX = 500  # cmlimit=max for users
LAG_HOST = "10.64.0.1"

DEVIATIONS = """\
* categorymembers sort keys are the upper-cased title (UTF-8, hex in cmcontinue), not
  enwiki's ICU "uca-default-u-kn" collation keys; the order is by type, sort key, page id.
* good pages in query.pages come in title order per redirect round (MediaWiki: the
  database's row order, which in practice is the same); missing ones first, as MediaWiki.
* format= other than json/jsonfm is not supported (HTTP 400); jsonfm (or no format) gets a
  minimal HTML page with the pretty-printed JSON, not MediaWiki's full help skin.
* multipart/form-data POST bodies are not parsed (form-urlencoded and the query string are).
* no languagefallback, no generators, no rvcontinue (every page's content fits), no
  converttitles/interwiki/special pages; namespaces are enwiki's main ones only.
* real actions other than query, parse (enwiki) and wbgetentities (Wikidata) answer HTTP
  501 instead of doing something.
* a request without a User-Agent gets HTTP 403 (Wikimedia's edge enforces its policy).
* maxlag errors carry ``Retry-After: 0`` unless the fault says otherwise (MediaWiki sends
  max(maxlag, 5)), so tests do not wait.
* Wikibase errors lack the ``messages`` list Wikidata adds to its own error codes.
* the HTML bodies of 429/5xx are short imitations of Wikimedia's error pages.
"""

NAMESPACES = {
    0: "", 1: "Talk", 2: "User", 3: "User talk", 4: "Wikipedia", 5: "Wikipedia talk", 6: "File",
    7: "File talk", 8: "MediaWiki", 9: "MediaWiki talk", 10: "Template", 11: "Template talk",
    12: "Help", 13: "Help talk", 14: "Category", 15: "Category talk", 100: "Portal",
    101: "Portal talk", 118: "Draft", 119: "Draft talk", 828: "Module", 829: "Module talk",
}
NS_ALIASES = {"wp": 4, "wt": 5, "project": 4, "project talk": 5, "image": 6, "image talk": 7}
NS_BY_NAME = {**{name.lower(): ns for ns, name in NAMESPACES.items() if name}, **NS_ALIASES}
ILLEGAL_TITLE = re.compile(r"[\[\]{}<>|\x00-\x1f\x7f]")

GENERAL_PARAMS = {
    "action", "format", "formatversion", "maxlag", "smaxage", "maxage", "assert", "assertuser",
    "requestid", "servedby", "curtimestamp", "responselanginfo", "origin", "uselang", "variant",
    "errorformat", "errorlang", "errorsuselocal", "utf8", "ascii", "callback", "centralauthtoken",
}
QUERY_PARAMS = {
    "prop", "list", "meta", "titles", "pageids", "revids", "generator", "redirects", "converttitles",
    "indexpageids", "export", "exportnowrap", "exportschema", "iwurl", "continue", "rawcontinue",
}
PROP_PREFIX = {"revisions": "rv", "pageprops": "pp", "info": "in"}
LIST_PREFIX = {"categorymembers": "cm"}
WBGETENTITIES_PARAMS = {"ids", "sites", "titles", "redirects", "props", "languages", "languagefallback",
                        "normalize", "sitefilter"}
WB_PROPS = ["info", "sitelinks", "sitelinks/urls", "aliases", "labels", "descriptions", "claims", "datatype"]
WB_DEFAULT_PROPS = ["info", "sitelinks", "aliases", "labels", "descriptions", "claims", "datatype"]
ENTITY_INFO = ("pageid", "ns", "title", "lastrevid", "modified")
PARSE_PARAMS = {"page", "pageid", "prop", "redirects", "formatversion", "oldid", "section", "text", "title"}
ENWIKI_ACTIONS = {"query", "parse"}
WIKIDATA_ACTIONS = {"wbgetentities"}
#: real actions this server does not implement (answered with HTTP 501, not "badvalue")
OTHER_REAL_ACTIONS = {
    "query", "parse", "help", "paraminfo", "opensearch", "expandtemplates", "compare", "edit", "login",
    "clientlogin", "logout", "purge", "feedrecentchanges", "feedcontributions", "rsd", "emailuser",
    "wbsearchentities", "wbgetclaims", "wbformatvalue", "wbparsevalue", "wbeditentity",
}

API_ANNOUNCE = ("Subscribe to the mediawiki-api-announce mailing list at "
                "&lt;https://lists.wikimedia.org/postorius/lists/mediawiki-api-announce.lists.wikimedia.org/&gt; "
                "for notice of API deprecations and breaking changes.")
LEGACY_MAIN_WARNING = ("Subscribe to the mediawiki-api-announce mailing list at "
                       "<https://lists.wikimedia.org/postorius/lists/mediawiki-api-announce.lists.wikimedia.org/> "
                       "for notice of API deprecations and breaking changes. Use [[Special:ApiFeatureUsage]] to see "
                       "usage of deprecated features by your application.")
LEGACY_RV_WARNING = ("Because \"rvslots\" was not specified, a legacy format has been used for the output. "
                     "This format is deprecated, and in the future the new format will always be used.")

ERROR_PAGE = """<!DOCTYPE html>
<html lang="en">
<meta charset="utf-8">
<title>Wikimedia Error</title>
<div class="content" role="main">
<h1>Error</h1>
<p>{message}</p>
</div>
<div class="footer"><p>If you report this error to the Wikimedia System Administrators, please include the details below.</p>
<p class="text-muted"><code>Request served via cp1234 cp1234, Varnish XID 123456789<br>Upstream caches: cp1234 int<br>Error: {status}, {reason} at {when}</code></p></div>
</html>
"""
ERROR_MESSAGES = {
    429: "Too many requests. Please contact noc@wikimedia.org (ask for help with your usage)",
    500: "Our servers are currently under maintenance or experiencing a technical issue",
    502: "Our servers are currently under maintenance or experiencing a technical issue",
    503: "Our servers are currently under maintenance or experiencing a technical issue",
    504: "Our servers are currently under maintenance or experiencing a technical issue",
}


class ApiError(Exception):
    """An API error answer (HTTP 200, ``{"error": …}``)."""

    def __init__(self, code: str, info: str, **data) -> None:
        super().__init__(info)
        self.code, self.info, self.data = code, info, data


# --------------------------------------------------------------------------- titles

def parse_title(raw: str) -> tuple[int, str, str] | str:
    """``(namespace, prefixed title, fragment)`` as MediaWiki normalises ``raw``
    (underscores and runs of spaces → one space, trimmed, namespace name canonical, first
    letter upper-case), or the reason it is invalid."""
    text = unicodedata.normalize("NFC", raw)
    fragment = ""
    if "#" in text:
        text, fragment = text.split("#", 1)
        fragment = re.sub(r"[ _]+", " ", fragment).strip()
    text = re.sub(r"[ _]+", " ", text).strip()
    if text.startswith(":"):
        text = text[1:].strip()
    bad = ILLEGAL_TITLE.search(text)
    if bad:
        return f'The requested page title contains invalid characters: "{bad.group()}".'
    ns = 0
    if ":" in text:
        prefix, rest = text.split(":", 1)
        if prefix.strip().lower() in NS_BY_NAME:
            ns, text = NS_BY_NAME[prefix.strip().lower()], rest.strip()
    if not text:
        return "The requested page title is empty or contains only the name of a namespace."
    text = text[0].upper() + text[1:]
    return ns, (f"{NAMESPACES[ns]}:{text}" if ns else text), fragment


def normalise(raw: str) -> str:
    """The normalised title (``nic_cage`` → ``Nic cage``); ``raw`` itself when invalid."""
    parsed = parse_title(raw)
    return raw if isinstance(parsed, str) else parsed[1]


def _text_of(prefixed: str, ns: int) -> str:
    """The title without its namespace prefix."""
    return prefixed.split(":", 1)[1] if ns else prefixed


# --------------------------------------------------------------------------- items

DATATYPES = {
    "P31": "wikibase-item", "P279": "wikibase-item", "P57": "wikibase-item", "P161": "wikibase-item",
    "P58": "wikibase-item", "P162": "wikibase-item", "P272": "wikibase-item", "P495": "wikibase-item",
    "P345": "external-id", "P2047": "quantity", "P577": "time", "P569": "time", "P570": "time",
    "P1476": "monolingualtext", "P856": "url",
}
MINUTE = "http://www.wikidata.org/entity/Q7727"
GREGORIAN = "http://www.wikidata.org/entity/Q1985727"


def _hash(value) -> str:
    return hashlib.sha1(json.dumps(value, sort_keys=True).encode()).hexdigest()


def _datavalue(prop: str, datatype: str, value) -> dict:
    if datatype == "wikibase-item":
        qid = str(value)
        return {"value": {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}, "type": "wikibase-entityid"}
    if datatype == "quantity":
        amount, unit = (value if isinstance(value, tuple) else (value, MINUTE if prop == "P2047" else "1"))
        amount = str(amount)
        if not amount.startswith(("+", "-")):
            amount = "+" + amount
        if isinstance(unit, str) and re.fullmatch(r"Q\d+", unit):
            unit = f"http://www.wikidata.org/entity/{unit}"
        return {"value": {"amount": amount, "unit": unit}, "type": "quantity"}
    if datatype == "time":
        when, precision = value if isinstance(value, tuple) else (value, None)
        when = str(when)
        if not when.startswith(("+", "-")):
            parts = when.split("-")
            if precision is None:
                precision = {1: 9, 2: 10}.get(len(parts), 11)
            parts += ["00"] * (3 - len(parts))
            when = f"+{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"
        return {"value": {"time": when, "timezone": 0, "before": 0, "after": 0,
                          "precision": 11 if precision is None else precision, "calendarmodel": GREGORIAN},
                "type": "time"}
    if datatype == "monolingualtext":
        text, language = value if isinstance(value, tuple) else (value, "en")
        return {"value": {"text": text, "language": language}, "type": "monolingualtext"}
    return {"value": str(value), "type": "string"}


def statement(qid: str, prop: str, value, *, rank: str = "normal", datatype: str | None = None) -> dict:
    """One statement in the real JSON shape (``mainsnak``/``datavalue``/``rank``, as in
    the Q42 file); ``value`` is ``None`` for a ``novalue`` snak."""
    datatype = datatype or DATATYPES.get(prop, "string")
    if value is None:
        snak = {"snaktype": "novalue", "property": prop}
    else:
        snak = {"snaktype": "value", "property": prop}
        datavalue = _datavalue(prop, datatype, value)
        snak["hash"] = _hash([prop, datavalue])
        snak["datavalue"] = datavalue
    snak["datatype"] = datatype
    guid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{qid}/{prop}/{value!r}/{rank}")).upper()
    return {"mainsnak": snak, "type": "statement", "id": f"{qid}${guid}", "rank": rank}


def item(qid: str, title: str | None, *, label: str | None = None, description: str | None = None,
         aliases: Iterable[str] = (), lastrevid: int | None = None, modified: str = "2024-03-01T12:00:00Z",
         sitelinks: dict[str, str] | None = None, **claims) -> dict:
    """A Wikidata item as ``wbgetentities`` gives it (the Q42 file's ``entities.Q42``).

    :param title: its English Wikipedia sitelink title (``None``: no enwiki sitelink).
    :param label: its English label (default: ``title`` without a parenthesised suffix).
    :param claims: ``P31="Q5"``, ``P161=["Q1", "Q2"]``, ``P2047="111"`` (minutes, or
        ``(amount, unit)``), ``P577="1995-10-27"`` (or ``(time, precision)``), ``P345="tt…"``;
        a value may be a list (several statements) and a statement a ``(value, rank)``
        pair in a list, e.g. ``P345=[("tt1", "deprecated"), "tt2"]``.
    """
    number = int(qid[1:])
    label = label if label is not None else (re.sub(r"\s*\([^)]*\)$", "", title) if title else qid)
    entity = {
        "pageid": 100000 + number % 10000000,
        "ns": 0,
        "title": qid,
        "lastrevid": lastrevid if lastrevid is not None else 2000000000 + number % 100000000,
        "modified": modified,
        "type": "item",
        "id": qid,
        "labels": {"en": {"language": "en", "value": label}},
        "descriptions": {"en": {"language": "en", "value": description}} if description else {},
        "aliases": {"en": [{"language": "en", "value": a} for a in aliases]} if aliases else {},
        "claims": {},
        "sitelinks": {},
    }
    for prop, values in claims.items():
        values = values if isinstance(values, list) else [values]
        out = []
        for v in values:
            rank = "normal"
            if isinstance(v, tuple) and len(v) == 2 and v[1] in ("preferred", "normal", "deprecated") \
                    and DATATYPES.get(prop) not in ("quantity", "time"):
                v, rank = v
            out.append(statement(qid, prop, v, rank=rank))
        entity["claims"][prop] = out
    links = dict(sitelinks or {})
    if title is not None:
        links["enwiki"] = title
    entity["sitelinks"] = {site: {"site": site, "title": t, "badges": []} for site, t in sorted(links.items())}
    return entity


# --------------------------------------------------------------------------- the server

def _multi(params: dict, name: str) -> list[str] | None:
    """A multi-value parameter's values (``|``-separated, or ``\\x1f``-separated when the
    value starts with U+001F); ``None`` when absent."""
    if name not in params:
        return None
    value = params[name]
    if value == "":
        return []
    if value.startswith("\x1f"):
        return value[1:].split("\x1f")
    return value.split("|")


def _plural(n, one: str, many: str) -> str:
    return one if n == 1 else many


def _bc(value):
    """formatversion=1's booleans: ``true`` → ``""``, ``false`` → key left out."""
    if isinstance(value, dict):
        return {k: ("" if v is True else _bc(v)) for k, v in value.items() if v is not False}
    if isinstance(value, list):
        return [_bc(v) for v in value]
    return value


class _Page:
    """One page of the served wiki."""

    def __init__(self, title: str, data: dict) -> None:
        parsed = parse_title(title)
        if isinstance(parsed, str):
            raise ValueError(f"page title {title!r}: {parsed}")
        self.ns = data.get("ns", parsed[0])
        self.title = parsed[1]
        self.pageid = int(data["pageid"])
        self.revid = int(data.get("revid", self.pageid * 10 + 1))
        self.parentid = int(data.get("parentid", 0))
        self.timestamp = data.get("timestamp", "2024-01-01T00:00:00Z")
        self.redirect = data.get("redirect")
        self.disambiguation = bool(data.get("disambiguation"))
        self.wikibase_item = data.get("wikibase_item")
        self.extra_props = dict(data.get("pageprops") or {})
        self.categories = [normalise(c) for c in data.get("categories") or []]
        self.user = data.get("user", "Example editor")
        self.comment = data.get("comment", "")
        text = data.get("wikitext")
        if text is None:
            text = f"#REDIRECT [[{self.redirect}]]" if self.redirect else ""
        self.wikitext = text

    def pageprops(self) -> dict:
        props = dict(self.extra_props)
        if self.disambiguation:
            props["disambiguation"] = ""
        if self.wikibase_item:
            props["wikibase_item"] = self.wikibase_item
        return dict(sorted(props.items()))


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "mw-web.test/1"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # no 40 ms delayed-ACK stalls between headers and body

    def _answer(self) -> None:
        api: WikiAPI = self.server.api  # type: ignore[attr-defined]
        split = urlsplit(self.path)
        params = dict(parse_qsl(split.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if self.command == "POST" and ctype == "application/x-www-form-urlencoded":
            params.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        params = {k: unicodedata.normalize("NFC", v) for k, v in params.items()}
        headers = dict(self.headers.items())
        with api._lock:
            api.requests.append((split.path, dict(params), headers))
        if split.path not in (ENWIKI_PATH, WIKIDATA_PATH):
            return self._send(404, "text/html; charset=utf-8", ERROR_PAGE.format(
                message="Not Found", status=404, reason="Not Found", when=self.date_time_string()).encode())
        if not self.headers.get("User-Agent"):
            return self._send(403, "text/plain; charset=utf-8",
                              b"Please set a user-agent and respect our robot policy https://w.wiki/4wJS.\n")
        fault = api._take_fault(params)
        if fault is not None:
            kind = fault[0]
            if kind == "slow":
                time.sleep(float(fault[1]))
            elif kind == "drop":
                self.close_connection = True
                try:
                    self.connection.shutdown(2)
                except OSError:
                    pass
                return None
            elif kind == "maxlag":
                return self._maxlag(api, params, split.path, *fault[1:])
            else:
                status, retry_after = fault
                extra = {"Retry-After": str(retry_after)} if retry_after is not None else {}
                reason = self.responses.get(status, ("Error",))[0]
                page = ERROR_PAGE.format(message=html.escape(ERROR_MESSAGES.get(status, reason)), status=status,
                                         reason=reason, when=self.date_time_string())
                return self._send(status, "text/html; charset=utf-8", page.encode(), extra)
        status, ctype, payload, extra = api._respond(split.path, params)
        return self._send(status, ctype, payload, extra)

    def _maxlag(self, api: WikiAPI, params: dict, path: str, retry_after, lag) -> None:
        fv = 2 if params.get("formatversion") in ("2", "latest") else 1
        site = WIKIDATA_SITE if path == WIKIDATA_PATH else ENWIKI_SITE
        info = f"Waiting for {LAG_HOST}: {lag} {_plural(lag, 'second', 'seconds')} lagged."
        answer = api._error_answer(ApiError("maxlag", info, host=LAG_HOST, lag=lag, type="db"), fv, site)
        payload, ctype = api._encode(answer, params, fv)
        self._send(200, ctype, payload, {"Retry-After": str(retry_after), "X-Database-Lag": str(int(lag)),
                                         "MediaWiki-API-Error": "maxlag"})

    def _send(self, status: int, ctype: str, payload: bytes, extra: dict | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a slow fault)
            self.close_connection = True

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:  # quiet
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class WikiAPI:
    """English Wikipedia's and Wikidata's Action APIs on a free loopback port.

    :param pages: page title → ``{"pageid", "ns", "wikitext", "revid", "parentid",
        "timestamp", "redirect" (target title, may carry ``#fragment``), "disambiguation",
        "wikibase_item", "pageprops" (more page props), "categories"}``.
    :param items: QID → entity JSON (``entities.Q42`` of a ``wbgetentities`` answer, see
        :func:`item`); an entity redirect is ``{"redirects": {"from": "Q1", "to": "Q2"}}``.
    :param faults: served in order before normal answers, one request each:
        ``("maxlag", n[, retry_after=0[, lag]])`` n requests that carry ``maxlag`` get a
        maxlag error (requests without it are answered normally and leave the fault
        queued; ``lag`` defaults to 7, or to the request's maxlag + 1 when that is 7 or
        more; with an explicit ``lag`` not above the request's maxlag the request is
        answered normally and one count is used up);
        ``(status, retry_after_or_None)`` an HTTP error (429, 500, 502, 503, 504) with
        a Wikimedia-style HTML page; ``("slow", seconds)`` answered normally after a
        pause; ``("drop", None)`` the connection is closed without an answer.

    Attributes: :attr:`url` (enwiki endpoint), :attr:`wikidata_url`, :attr:`requests` (each
    request's ``(path, params, headers)``, in order), :attr:`faults` (what is left).
    """

    def __init__(self, pages: dict[str, dict], items: dict[str, dict], *, faults: list | None = None) -> None:
        self._lock = threading.Lock()
        self.pages: dict[str, _Page] = {}
        for title, data in pages.items():
            page = _Page(title, data)
            self.pages[page.title] = page
        self.by_id = {p.pageid: p for p in self.pages.values()}
        self.items = {qid.upper(): entity for qid, entity in items.items()}
        self.faults: list[list] = []
        self.requests: list[tuple[str, dict, dict]] = []
        self.add_faults(*(faults or []))
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.api = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02},
                                        name="wikiapi", daemon=True)
        self._thread.start()

    # --- the test's side

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def url(self) -> str:
        """English Wikipedia's endpoint (``http://127.0.0.1:PORT/w/api.php``)."""
        return self.base + ENWIKI_PATH

    @property
    def wikidata_url(self) -> str:
        """Wikidata's endpoint (``http://127.0.0.1:PORT/wikidata/w/api.php``)."""
        return self.base + WIKIDATA_PATH

    def add_faults(self, *faults) -> None:
        """Queue more faults (the forms of the constructor's ``faults``)."""
        with self._lock:
            for fault in faults:
                kind = fault[0]
                if kind == "maxlag":
                    n = int(fault[1]) if len(fault) > 1 else 1
                    retry = fault[2] if len(fault) > 2 else 0
                    lag = fault[3] if len(fault) > 3 else None
                    self.faults.append(["maxlag", n, retry, lag])
                elif kind in ("slow", "drop"):
                    self.faults.append([kind, fault[1] if len(fault) > 1 else None])
                elif isinstance(kind, int) and 400 <= kind < 600:
                    self.faults.append([kind, fault[1] if len(fault) > 1 else None])
                else:
                    raise ValueError(f"unknown fault {fault!r}")

    def requests_to(self, which: str = "enwiki") -> list[tuple[str, dict, dict]]:
        """The requests received by one endpoint (``"enwiki"`` or ``"wikidata"``)."""
        path = WIKIDATA_PATH if which == "wikidata" else ENWIKI_PATH
        with self._lock:
            return [r for r in self.requests if r[0] == path]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> WikiAPI:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- faults

    def _take_fault(self, params: dict):
        with self._lock:
            if not self.faults:
                return None
            head = self.faults[0]
            if head[0] != "maxlag":
                self.faults.pop(0)
                return tuple(head)
            if "maxlag" not in params:
                return None
            try:
                maxlag = int(params["maxlag"])
            except ValueError:
                return None  # the normal answer reports the bad integer
            head[1] -= 1
            if head[1] <= 0:
                self.faults.pop(0)
            lag = head[3]
            if lag is None:
                lag = 7 if maxlag < 7 else maxlag + 1
            if lag <= maxlag:
                return None
            return ("maxlag", head[2], lag)

    # --- answers

    def _respond(self, path: str, params: dict) -> tuple[int, str, bytes, dict]:
        wikidata = path == WIKIDATA_PATH
        site = WIKIDATA_SITE if wikidata else ENWIKI_SITE
        fmt = params.get("format", "jsonfm")
        fv_raw = params.get("formatversion", "1")
        fv = 2 if fv_raw in ("2", "latest") else 1
        if fmt not in ("json", "jsonfm"):
            return 400, "text/plain; charset=utf-8", b"This test server speaks format=json only.\n", {}
        warnings: dict[str, list[str]] = {}
        try:
            if fv_raw not in ("1", "2", "latest"):
                raise ApiError("badvalue", f'Unrecognized value for parameter "formatversion": {fv_raw}.')
            if "maxlag" in params and not re.fullmatch(r"-?\d+", params["maxlag"].strip()):
                raise ApiError("badinteger", f'Invalid value "{params["maxlag"]}" for integer parameter "maxlag".')
            action = params.get("action")
            if action is None:
                page = ("<!DOCTYPE html><html><head><title>MediaWiki API help</title></head><body>"
                        "<h1>Main module</h1><p>This is an auto-generated MediaWiki API documentation page.</p>"
                        "</body></html>")
                return 200, "text/html; charset=utf-8", page.encode(), {}
            implemented = WIKIDATA_ACTIONS if wikidata else ENWIKI_ACTIONS
            if action in implemented:
                if action == "query":
                    answer = self._query(params, fv, warnings)
                elif action == "parse":
                    answer = self._parse(params, fv, warnings)
                else:
                    answer = self._wbgetentities(params, warnings)
            elif action in OTHER_REAL_ACTIONS and (wikidata or not action.startswith("wb")):  # Wikibase is Wikidata's
                note = f"action={action} is not implemented by the test server.\n"
                return 501, "text/plain; charset=utf-8", note.encode(), {}
            else:
                raise ApiError("badvalue", f'Unrecognized value for parameter "action": {action}.')
        except ApiError as exc:
            answer = self._error_answer(exc, fv, site)
            if warnings:
                answer = {**answer, "warnings": self._warnings(warnings, fv)}
            payload, ctype = self._encode(answer, params, fv)
            return 200, ctype, payload, {"MediaWiki-API-Error": exc.code}
        if warnings:
            answer = self._place_warnings(answer, self._warnings(warnings, fv), wikidata)
        if fv == 1 and not wikidata:
            answer = _bc(answer)
        payload, ctype = self._encode(answer, params, fv)
        return 200, ctype, payload, {}

    @staticmethod
    def _place_warnings(answer: dict, warnings: dict, wikidata: bool) -> dict:
        """Warnings go after batchcomplete/continue (as in the real answers), first for Wikidata."""
        if wikidata:
            return {"warnings": warnings, **answer}
        out = {}
        for key in ("batchcomplete", "continue"):
            if key in answer:
                out[key] = answer[key]
        out["warnings"] = warnings
        out.update({k: v for k, v in answer.items() if k not in out})
        return out

    @staticmethod
    def _warnings(warnings: dict[str, list[str]], fv: int) -> dict:
        key = "*" if fv == 1 else "warnings"
        return {module: {key: "\n".join(texts)} for module, texts in warnings.items()}

    @staticmethod
    def _error_answer(exc: ApiError, fv: int, site: str) -> dict:
        error = {"code": exc.code, "info": exc.info, **exc.data}
        doc = f"See {site}/w/api.php for API usage. {API_ANNOUNCE}"
        error["*" if fv == 1 else "docref"] = doc
        return {"error": error, "servedby": SERVED_BY}

    @staticmethod
    def _encode(answer: dict, params: dict, fv: int) -> tuple[bytes, str]:
        ascii_only = ("ascii" in params) if fv == 2 else ("utf8" not in params)
        if params.get("format", "jsonfm") == "jsonfm":
            pretty = json.dumps(answer, ensure_ascii=ascii_only, indent=4)
            page = ("<!DOCTYPE html><html class=\"client-nojs\" lang=\"en\" dir=\"ltr\"><head><meta charset=\"UTF-8\">"
                    "<title>MediaWiki API result</title></head><body><pre class=\"api-pretty-content\">"
                    f"{html.escape(pretty)}</pre></body></html>")
            return page.encode("utf-8"), "text/html; charset=utf-8"
        text = json.dumps(answer, ensure_ascii=ascii_only, separators=(",", ":"))
        return text.encode("utf-8"), "application/json; charset=utf-8"

    @staticmethod
    def _unrecognized(params: dict, allowed: set[str], prefixes: Iterable[str], warnings: dict) -> None:
        prefixes = tuple(prefixes)
        unknown = [k for k in params if k not in allowed and k not in GENERAL_PARAMS
                   and not (prefixes and k.startswith(prefixes))]
        if unknown:
            names = ", ".join(unknown)
            warnings.setdefault("main", []).append(
                f"Unrecognized {_plural(len(unknown), 'parameter', 'parameters')}: {names}.")

    @staticmethod
    def _check_limit(name: str, values: list[str] | None) -> None:
        if values is not None and len(values) > LIMIT:
            raise ApiError("toomanyvalues", f'Too many values supplied for parameter "{name}". The limit is {LIMIT}.',
                           parameter=name, limit=LIMIT, lowlimit=LIMIT, highlimit=HIGH_LIMIT)

    @staticmethod
    def _choices(name: str, values: list[str] | None, allowed: Iterable[str], module: str, warnings: dict) -> list[str]:
        allowed = list(allowed)
        good = [v for v in values or [] if v in allowed]
        bad = [v for v in values or [] if v not in allowed]
        if bad:
            warnings.setdefault(module, []).append(
                f'Unrecognized {_plural(len(bad), "value", "values")} for parameter "{name}": {", ".join(bad)}.')
        return list(dict.fromkeys(good))

    # --- action=query

    def _pageset(self, params: dict, resolve: bool):
        titles = _multi(params, "titles")
        pageids = _multi(params, "pageids")
        self._check_limit("titles", titles)
        self._check_limit("pageids", pageids)
        if titles is not None and pageids is not None:
            raise ApiError("invalidparammix", 'The parameters "titles" and "pageids" can not be used together.')
        fake = -1
        normalized: dict[str, str] = {}
        invalid: list[tuple[int, str, str]] = []
        first: list[_Page | tuple[int, str]] = []
        missing_ids: list[int] = []
        for raw in titles or []:
            parsed = parse_title(raw)
            if isinstance(parsed, str):
                invalid.append((fake, raw, parsed))
                fake -= 1
                continue
            ns, prefixed, _ = parsed
            if prefixed != raw:
                normalized.setdefault(raw, prefixed)
            first.append(self.pages.get(prefixed) or (ns, prefixed))
        for raw in pageids or []:
            try:
                pid = int(raw)
            except ValueError:
                raise ApiError("badinteger", f'Invalid value "{raw}" for integer parameter "pageids".') from None
            if pid in self.by_id:
                first.append(self.by_id[pid])
            elif pid not in missing_ids:
                missing_ids.append(pid)
        redirects: list[dict] = []
        missing: list[tuple[int, int, str]] = []
        good: list[_Page] = []
        seen: set[str] = set()
        round_ = first
        while round_:
            found, following = [], []
            for entry in round_:
                key = entry.title if isinstance(entry, _Page) else entry[1]
                if key in seen:
                    continue
                seen.add(key)
                if not isinstance(entry, _Page):
                    missing.append((fake, entry[0], entry[1]))
                    fake -= 1
                elif resolve and entry.redirect:
                    target = parse_title(entry.redirect)
                    if isinstance(target, str):
                        found.append(entry)
                        continue
                    ns, prefixed, fragment = target
                    r = {"from": entry.title, "to": prefixed}
                    if fragment:
                        r["tofragment"] = fragment
                    redirects.append(r)
                    following.append(self.pages.get(prefixed) or (ns, prefixed))
                else:
                    found.append(entry)
            good += sorted(found, key=lambda p: (p.ns, p.title))
            round_ = following
        return normalized, redirects, missing, invalid, missing_ids, good

    def _query(self, params: dict, fv: int, warnings: dict) -> dict:
        props = self._choices("prop", _multi(params, "prop"), ("revisions", "pageprops", "info"), "query", warnings)
        lists = self._choices("list", _multi(params, "list"), ("categorymembers",), "query", warnings)
        self._unrecognized(params, QUERY_PARAMS, [PROP_PREFIX[p] for p in props] + [LIST_PREFIX[x] for x in lists],
                           warnings)
        done_modules: set[str] = set()
        cont = params.get("continue", "")
        if "||" in cont:
            done_modules = set(cont.split("||", 1)[1].split("|")) - {""}
        answer: dict = {"batchcomplete": True}
        query: dict = {}
        normalized, redirects, missing, invalid, missing_ids, good = self._pageset(params, "redirects" in params)
        if "rvlimit" in params and "revisions" in props and len(good) > 1:
            raise ApiError("multpages", 'titles, pageids or a generator was used to supply multiple pages, but the '
                           '"rvlimit", "rvstartid", "rvendid", "rvdir=newer", "rvuser", "rvexcludeuser", "rvstart", '
                           'and "rvend" parameters may only be used on a single page.')
        if normalized:
            query["normalized"] = [{"fromencoded": False, "from": raw, "to": to} for raw, to in normalized.items()]
        if redirects:
            query["redirects"] = redirects
        pages: list[tuple[int, dict]] = []
        for fid, ns, title in missing:
            pages.append((fid, {"ns": ns, "title": title, "missing": True}))
        for fid, raw, reason in invalid:
            pages.append((fid, {"title": raw, "invalidreason": reason, "invalid": True}))
        for pid in missing_ids:
            pages.append((pid, {"pageid": pid, "missing": True}))
        for page in good:
            rec = {"pageid": page.pageid, "ns": page.ns, "title": page.title}
            for prop in props:
                if prop in done_modules:
                    continue
                if prop == "revisions":
                    self._revisions(page, rec, params, fv, warnings)
                elif prop == "pageprops":
                    wanted = _multi(params, "ppprop")
                    pp = page.pageprops()
                    if wanted is not None:
                        pp = {k: v for k, v in pp.items() if k in wanted}
                    if pp:
                        rec["pageprops"] = pp
                elif prop == "info":
                    rec.update({"contentmodel": "wikitext", "pagelanguage": "en", "pagelanguagehtmlcode": "en",
                                "pagelanguagedir": "ltr", "touched": page.timestamp, "lastrevid": page.revid,
                                "length": len(page.wikitext.encode("utf-8"))})
                    if page.redirect:
                        rec["redirect"] = True
            pages.append((page.pageid, rec))
        if pages:
            query["pages"] = {str(k): v for k, v in pages} if fv == 1 else [v for _, v in pages]
        if "categorymembers" in lists:
            members, more = self._categorymembers(params, warnings)
            query["categorymembers"] = members
            if more:
                answer["continue"] = {"cmcontinue": more, "continue": "-||" + "|".join(sorted(props))}
        if query:
            answer["query"] = query
        return answer

    def _revisions(self, page: _Page, rec: dict, params: dict, fv: int, warnings: dict) -> None:
        rvprop = _multi(params, "rvprop")
        if rvprop is None:
            rvprop = ["ids", "timestamp", "flags", "comment", "user"]
        slots = _multi(params, "rvslots")
        text = page.wikitext
        content_key = "*" if fv == 1 else "content"
        rev: dict = {}
        if "ids" in rvprop:
            rev["revid"] = page.revid
            rev["parentid"] = page.parentid
        if "user" in rvprop:
            rev["user"] = page.user
        if "timestamp" in rvprop:
            rev["timestamp"] = page.timestamp
        if "size" in rvprop:
            rev["size"] = len(text.encode("utf-8"))
        if "sha1" in rvprop:
            rev["sha1"] = hashlib.sha1(text.encode("utf-8")).hexdigest()
        if "comment" in rvprop:
            rev["comment"] = page.comment
        if "content" in rvprop:
            if slots is not None:
                if "main" in slots or "*" in slots:
                    rev["slots"] = {"main": {"contentmodel": "wikitext", "contentformat": "text/x-wiki",
                                             content_key: text}}
            else:
                rev.update({"contentformat": "text/x-wiki", "contentmodel": "wikitext", content_key: text})
                if LEGACY_RV_WARNING not in warnings.get("revisions", []):
                    warnings.setdefault("main", []).append(LEGACY_MAIN_WARNING)
                    warnings.setdefault("revisions", []).append(LEGACY_RV_WARNING)
        rec["revisions"] = [rev]

    def _categorymembers(self, params: dict, warnings: dict) -> tuple[list[dict], str | None]:
        raw = params.get("cmtitle")
        if raw is None and "cmpageid" not in params:
            raise ApiError("invalidparammix", 'One of the parameters "cmtitle" and "cmpageid" is required.')
        if raw is not None:
            parsed = parse_title(raw)
            if isinstance(parsed, str):
                raise ApiError("invalidtitle", f'Bad title "{raw}".')
            if parsed[0] != 14:
                raise ApiError("invalidcategory", "The category name you entered is not valid.")
            category = parsed[1]
        else:
            page = self.by_id.get(int(params["cmpageid"])) if params["cmpageid"].isdigit() else None
            if page is None:
                raise ApiError("nosuchpageid", f"There is no page with ID {params['cmpageid']}.")
            category = page.title
        limit_raw = params.get("cmlimit", "10")
        if limit_raw == "max":
            limit = CM_MAX
        else:
            try:
                limit = int(limit_raw)
            except ValueError:
                raise ApiError("badinteger", f'Invalid value "{limit_raw}" for integer parameter "cmlimit".') from None
            if limit > CM_MAX:
                warnings.setdefault("categorymembers", []).append(
                    f'The value "{limit}" for parameter "cmlimit" must be no greater than {CM_MAX}.')
                limit = CM_MAX
            if limit < 1:
                warnings.setdefault("categorymembers", []).append(
                    f'The value "{limit}" for parameter "cmlimit" must be no less than 1.')
                limit = 1
        types = self._choices("cmtype", _multi(params, "cmtype") or ["page", "subcat", "file"],
                              ("page", "subcat", "file"), "categorymembers", warnings)
        namespaces = _multi(params, "cmnamespace")
        props = _multi(params, "cmprop") or ["ids", "title"]
        type_order = {"page": 0, "subcat": 1, "file": 2}

        def kind(p: _Page) -> str:
            return "subcat" if p.ns == 14 else "file" if p.ns == 6 else "page"

        def key(p: _Page) -> tuple[int, str, int]:
            return (type_order[kind(p)], _text_of(p.title, p.ns).upper().encode("utf-8").hex(), p.pageid)

        members = [p for p in self.pages.values() if category in p.categories and kind(p) in types
                   and (namespaces is None or "*" in namespaces or str(p.ns) in namespaces)]
        members.sort(key=key)
        start = 0
        if "cmcontinue" in params:
            parts = params["cmcontinue"].split("|")
            if len(parts) != 3 or parts[0] not in type_order or not parts[2].isdigit():
                raise ApiError("badcontinue", "Invalid continue param. You should pass the original value returned "
                                              "by the previous query.")
            wanted = (type_order[parts[0]], parts[1], int(parts[2]))
            start = next((i for i, p in enumerate(members) if key(p) >= wanted), len(members))
        chunk = members[start:start + limit]
        out = []
        for p in chunk:
            m: dict = {}
            if "ids" in props:
                m["pageid"] = p.pageid
            if "title" in props:
                m["ns"] = p.ns
                m["title"] = p.title
            if "sortkey" in props:
                m["sortkey"] = key(p)[1]
            if "sortkeyprefix" in props:
                m["sortkeyprefix"] = ""
            if "type" in props:
                m["type"] = kind(p)
            if "timestamp" in props:
                m["timestamp"] = p.timestamp
            out.append(m)
        more = None
        if start + limit < len(members):
            nxt = members[start + limit]
            t, hexkey, pid = key(nxt)
            more = f"{kind(nxt)}|{hexkey}|{pid}"
        return out, more

    # --- action=parse

    def _parse(self, params: dict, fv: int, warnings: dict) -> dict:
        self._unrecognized(params, PARSE_PARAMS, (), warnings)
        if "page" in params:
            parsed = parse_title(params["page"])
            if isinstance(parsed, str):
                raise ApiError("invalidtitle", f'Bad title "{params["page"]}".')
            page = self.pages.get(parsed[1])
            if page is None:
                raise ApiError("missingtitle", "The page you specified doesn't exist.")
        elif "pageid" in params:
            page = self.by_id.get(int(params["pageid"])) if params["pageid"].isdigit() else None
            if page is None:
                raise ApiError("nosuchpageid", f"There is no page with ID {params['pageid']}.")
        else:
            raise ApiError("invalidparammix", 'One of the parameters "title", "page", "pageid" and "oldid" is required.')
        redirects = []
        if "redirects" in params:
            hops = 0
            while page.redirect and hops < 10:
                target = parse_title(page.redirect)
                if isinstance(target, str) or target[1] not in self.pages:
                    break
                r = {"from": page.title, "to": target[1]}
                if target[2]:
                    r["tofragment"] = target[2]
                redirects.append(r)
                page = self.pages[target[1]]
                hops += 1
        out: dict = {"title": page.title, "pageid": page.pageid}
        if redirects:
            out["redirects"] = redirects
        props = _multi(params, "prop") or ["text"]
        if "wikitext" in props:
            out["wikitext"] = {"*": page.wikitext} if fv == 1 else page.wikitext
        if "revid" in props:
            out["revid"] = page.revid
        return {"parse": out}

    # --- action=wbgetentities

    def _wbgetentities(self, params: dict, warnings: dict) -> dict:
        self._unrecognized(params, WBGETENTITIES_PARAMS, (), warnings)
        ids = _multi(params, "ids")
        sites = _multi(params, "sites")
        titles = _multi(params, "titles")
        self._check_limit("ids", ids)
        self._check_limit("sites", sites)
        self._check_limit("titles", titles)
        redirects = params.get("redirects", "yes")
        if redirects not in ("yes", "no"):
            raise ApiError("badvalue", f'Unrecognized value for parameter "redirects": {redirects}.')
        props_raw = _multi(params, "props")
        props = WB_DEFAULT_PROPS if props_raw is None else self._choices("props", props_raw, WB_PROPS,
                                                                         "wbgetentities", warnings)
        languages = _multi(params, "languages") or []
        sitefilter = _multi(params, "sitefilter") or []
        normalize = "normalize" in params
        if ids is None and not (sites and titles):
            raise ApiError("param-missing",
                           'Either provide the item "ids" or pairs of "sites" and "titles" for corresponding pages')
        wanted: list[str] = []
        for raw in ids or []:
            if not re.fullmatch(r"[QPLM][1-9]\d{0,9}", raw.strip(), re.IGNORECASE):
                raise ApiError("no-such-entity", f'Could not find an entity with the ID "{raw}".', id=raw)
            wanted.append(raw.strip().upper())
        answer: dict = {}
        entities: dict = {}
        missing_key = -1
        if sites or titles:
            sites, titles = sites or [], titles or []
            if not sites or not titles:
                raise ApiError("param-missing", "Must request one site, one title, or an equal number of sites and titles")
            if normalize and max(len(sites), len(titles)) > 1:
                raise ApiError("params-illegal", "Normalize is only allowed if exactly one site and one page have been given")
            if len(sites) != 1 and len(titles) != 1 and len(sites) != len(titles):
                raise ApiError("params-illegal", "Must request one site, one title, or an equal number of sites and titles")
            for site in sites:
                for title in titles:
                    qid = self._item_for(site, title)
                    if qid is None and normalize and site == "enwiki":
                        target = self._enwiki_normalise(title)
                        if target is not None and target != title:
                            answer["normalized"] = {"n": {"from": title, "to": target}}
                            qid = self._item_for(site, target)
                    if qid is None:
                        entities[str(missing_key)] = {"site": site, "title": title, "missing": ""}
                        missing_key -= 1
                    else:
                        wanted.append(qid)
        for qid in dict.fromkeys(wanted):
            entity = self.items.get(qid)
            target_id = qid
            if entity is not None and "type" not in entity and "redirects" in entity:
                target_id = entity["redirects"]["to"].upper()
                entity = self.items.get(target_id) if redirects == "yes" else None
            if entity is None or "missing" in entity:
                entities[qid] = {"id": qid, "missing": ""}
                missing_key -= 1
                continue
            entities[qid] = self._entity_out(entity, qid, props, languages, sitefilter)
        answer["entities"] = entities
        answer["success"] = 1
        return answer

    def _item_for(self, site: str, title: str) -> str | None:
        """The item whose ``site`` sitelink is ``title`` (trimmed, NFC, underscores → spaces;
        exact otherwise, as Wikibase's sitelink table: no first-letter case folding)."""
        wanted = unicodedata.normalize("NFC", title.strip()).replace("_", " ")
        for qid, entity in self.items.items():
            link = (entity.get("sitelinks") or {}).get(site)
            if isinstance(link, dict) and link.get("title") == wanted:
                return qid
        return None

    def _enwiki_normalise(self, title: str) -> str | None:
        """What Wikibase's ``normalize`` gets from the client wiki (``action=query&redirects``):
        the final title, or ``None`` for a missing or invalid page."""
        parsed = parse_title(title)
        if isinstance(parsed, str):
            return None
        current, hops = parsed[1], 0
        while current in self.pages and self.pages[current].redirect and hops < 10:
            target = parse_title(self.pages[current].redirect)
            if isinstance(target, str):
                return None
            current, hops = target[1], hops + 1
        return current if current in self.pages else None

    @staticmethod
    def _entity_out(entity: dict, source: str, props: list[str], languages: list[str], sitefilter: list[str]) -> dict:
        if not props:
            return {"id": entity["id"], "type": entity["type"]}
        entity = copy.deepcopy(entity)
        rec: dict = {}
        if "info" in props:
            rec.update({k: entity[k] for k in ENTITY_INFO if k in entity})
        if source != entity["id"]:
            rec["redirects"] = {"from": source, "to": entity["id"]}
        filterable = {"labels", "descriptions", "aliases", "claims", "sitelinks"}
        wanted = set(props) | ({"sitelinks"} if "sitelinks/urls" in props else set())
        for k, v in entity.items():
            if k in ENTITY_INFO or k == "redirects" or (k in filterable and k not in wanted):
                continue
            if k in ("labels", "descriptions", "aliases") and languages:
                v = {lang: t for lang, t in v.items() if lang in languages}
            if k == "sitelinks":
                v = dict(sorted(v.items()))
                if sitefilter:
                    v = {s: link for s, link in v.items() if link.get("site", s) in sitefilter}
                if "sitelinks/urls" in props:
                    for s, link in v.items():
                        link["url"] = _sitelink_url(s, link["title"])
            rec[k] = v
        return rec


def _sitelink_url(site: str, title: str) -> str:
    lang, _, family = site.partition("wiki")
    family = {"": "wikipedia", "quote": "wikiquote", "source": "wikisource", "books": "wikibooks",
              "news": "wikinews", "voyage": "wikivoyage", "versity": "wikiversity"}.get(family, "wikipedia")
    if site == "commonswiki":
        host = "commons.wikimedia.org"
    else:
        host = f"{lang.replace('_', '-')}.{family}.org"
    return f"https://{host}/wiki/{quote(title.replace(' ', '_'), safe=':/,;@$!*()~')}"


# --------------------------------------------------------------------------- sample data

HUMAN, FILM, DISAMBIGUATION_PAGE = "Q5", "Q11424", "Q4167410"

#: (title, QID, the item's IMDb id, director, cast, release date, runtime, categories, the article's IMDb id, pageid)
_FILMS = [
    ("Leaving Las Vegas", "Q900101", "tt0113627", "Mike Figgis", ["Nicolas Cage", "Elisabeth Shue"],
     "1995-10-27", 111, ["1995 films", "American films"], "tt0113627", 54160),
    ("Heat (1995 film)", "Q900102", "tt0113277", "Michael Mann", ["Al Pacino", "Robert De Niro"],
     "1995-12-15", 170, ["1995 films", "American films"], "tt0113277", 1178425),
    # the item's IMDb id contradicts the article's {{IMDb title}}
    ("Casino (1995 film)", "Q900103", "tt0112642", "Martin Scorsese", ["Robert De Niro", "Sharon Stone"],
     "1995-11-22", 178, ["1995 films", "American films"], "tt0112641", 1178515),
    ("Face/Off", "Q900104", "tt0119094", "John Woo", ["John Travolta", "Nic Cage"],
     "1997-06-27", 139, ["1997 films", "American films"], "tt0119094", 221227),
    # a cast link (Ed Harris) whose item is typed film (Q11424), not human
    ("The Rock (film)", "Q900105", "tt0117500", "Michael Bay", ["Sean Connery", "Nic Cage", "Ed Harris"],
     "1996-06-07", 136, ["1996 films", "American films"], "tt0117500", 166416),
]
#: a film article with no Wikidata item (no wikibase_item page prop), linking a redirect and a disambiguation page
_NO_ITEM_FILM = ("Vegas Nights", "Mike Figgis", ["Nic Cage", "John Smith"], "1995-03-03", 94, ["1995 films"],
                 "tt9999901", 61000001)
_PEOPLE = [  # title, QID, IMDb id, pageid
    ("Mike Figgis", "Q900201", "nm0001214", 700001), ("Nicolas Cage", "Q900202", "nm0000115", 700002),
    ("Elisabeth Shue", "Q900203", "nm0000223", 700003), ("Michael Mann", "Q900204", "nm0000520", 700004),
    ("Al Pacino", "Q900205", "nm0000199", 700005), ("Robert De Niro", "Q900206", "nm0000134", 700006),
    ("Martin Scorsese", "Q900207", "nm0000217", 700007), ("Sharon Stone", "Q900208", "nm0000232", 700008),
    ("John Woo", "Q900209", "nm0939182", 700009), ("John Travolta", "Q900210", "nm0000237", 700010),
    ("Michael Bay", "Q900211", "nm0000881", 700011), ("Sean Connery", "Q900212", "nm0000125", 700012),
    ("Ed Harris", "Q900213", "nm0000438", 700013),
]
#: Ed Harris's item says "film": the type contradiction
TYPE_CONTRADICTION = "Ed Harris"
#: Casino's item's IMDb id (tt0112642) is not its article's (tt0112641)
IMDB_CONTRADICTION = "Casino (1995 film)"
#: Q900299 was merged into Nicolas Cage's item: an entity redirect
MERGED_QID = "Q900299"


def _film_article(title: str, director: str, cast: list[str], released: str, runtime: int, categories: list[str],
                  imdb: str) -> str:
    name = re.sub(r"\s*\([^)]*\)$", "", title)
    y, m, d = released.split("-")
    starring = "<br>".join(f"[[{c}]]" for c in cast)
    cats = "\n".join(f"[[Category:{c}]]" for c in categories)
    return (f"{{{{Short description|{y} film by {director}}}}}\n"
            "{{Infobox film\n"
            f"| name           = {name}\n"
            f"| director       = [[{director}]]\n"
            f"| starring       = {starring}\n"
            f"| released       = {{{{Film date|{y}|{int(m)}|{int(d)}}}}}\n"
            f"| runtime        = {runtime} minutes\n"
            "| country        = United States\n"
            "| language       = English\n"
            "}}\n"
            f"'''''{name}''''' is a {y} American film directed by [[{director}]], starring "
            f"{' and '.join(f'[[{c}]]' for c in cast)}.\n\n"
            "== External links ==\n"
            f"* {{{{IMDb title|{imdb}|{name}}}}}\n\n"
            f"{cats}\n")


def _person_article(title: str, imdb: str) -> str:
    return ("{{Infobox person\n"
            f"| name = {title}\n"
            "}}\n"
            f"'''{title}''' is an American filmmaker and actor.\n\n"
            "== External links ==\n"
            f"* {{{{IMDb name|{imdb}|{title}}}}}\n\n"
            "[[Category:Living people]]\n")


def sample_wiki() -> tuple[dict[str, dict], dict[str, dict]]:
    """``(pages, items)`` of a small film wiki for :class:`WikiAPI`.

    * films with items: Leaving Las Vegas (Q900101), Heat (1995 film) (Q900102),
      Casino (1995 film) (Q900103, its item's IMDb id tt0112642 contradicts the article's
      tt0112641), Face/Off (Q900104), The Rock (film) (Q900105, a cast link to Ed Harris
      whose item Q900213 is typed film Q11424);
    * Vegas Nights: a film article without an item, linking [[Nic Cage]] and [[John Smith]];
    * people Q900201–Q900213 (Q5, P345 nm…), the redirects Nic Cage → Nicolas Cage,
      Nick Cage → Nic Cage (a double redirect), Nicolas Cage filmography →
      Nicolas Cage#Filmography; the disambiguation page John Smith (Q900301, Q4167410);
    * Category:1995 films: Casino, Heat, Leaving Las Vegas, Vegas Nights and the subcategory
      Category:1995 drama films; Category:1996 films, 1997 films, American films;
    * the entity redirect Q900299 → Q900202.
    """
    pages: dict[str, dict] = {}
    items: dict[str, dict] = {}
    people = {t: q for t, q, _, _ in _PEOPLE}
    people["Nic Cage"] = people["Nicolas Cage"]
    stamp = "2024-05-{:02d}T10:{:02d}:00Z"
    for n, (title, qid, imdb, director, cast, released, runtime, cats, article_imdb, pageid) in enumerate(_FILMS):
        pages[title] = {"pageid": pageid, "ns": 0, "revid": 1220000100 + n, "parentid": 1220000000 + n,
                        "timestamp": stamp.format(n + 1, n), "wikibase_item": qid,
                        "wikitext": _film_article(title, director, cast, released, runtime, cats, article_imdb),
                        "categories": [f"Category:{c}" for c in cats]}
        items[qid] = item(qid, title, description=f"{released[:4]} film directed by {director}", P31=FILM,
                          P345=imdb, P57=people[director], P161=[people[c] for c in cast], P577=released,
                          P2047=str(runtime))
    title, director, cast, released, runtime, cats, imdb, pageid = _NO_ITEM_FILM
    pages[title] = {"pageid": pageid, "ns": 0, "revid": 1220000200, "parentid": 0,
                    "timestamp": "2024-06-01T08:00:00Z",
                    "wikitext": _film_article(title, director, cast, released, runtime, cats, imdb),
                    "categories": [f"Category:{c}" for c in cats]}
    for n, (title, qid, imdb, pageid) in enumerate(_PEOPLE):
        pages[title] = {"pageid": pageid, "ns": 0, "revid": 1220000300 + n, "parentid": 1220000250 + n,
                        "timestamp": stamp.format(n + 1, 30), "wikibase_item": qid,
                        "wikitext": _person_article(title, imdb), "categories": ["Category:Living people"]}
        kind = FILM if title == TYPE_CONTRADICTION else HUMAN
        items[qid] = item(qid, title, description="American actor" if kind == HUMAN else "1999 film",
                          P31=kind, P345=imdb)
    pages["Nic Cage"] = {"pageid": 700102, "ns": 0, "revid": 1220000400, "timestamp": "2020-01-01T00:00:00Z",
                         "redirect": "Nicolas Cage"}
    pages["Nick Cage"] = {"pageid": 700103, "ns": 0, "revid": 1220000401, "timestamp": "2020-01-01T00:00:00Z",
                          "redirect": "Nic Cage"}
    pages["Nicolas Cage filmography"] = {"pageid": 700104, "ns": 0, "revid": 1220000402,
                                         "timestamp": "2020-01-01T00:00:00Z", "redirect": "Nicolas Cage#Filmography"}
    pages["John Smith"] = {"pageid": 800001, "ns": 0, "revid": 1220000500, "timestamp": "2023-02-02T02:02:02Z",
                           "disambiguation": True, "wikibase_item": "Q900301",
                           "wikitext": "'''John Smith''' may refer to:\n* [[John Smith (explorer)]]\n"
                                       "* [[John Smith (actor)]]\n\n{{Disambiguation|human name}}\n"}
    items["Q900301"] = item("Q900301", "John Smith", description="Wikimedia disambiguation page",
                            P31=DISAMBIGUATION_PAGE)
    items[MERGED_QID] = {"redirects": {"from": MERGED_QID, "to": "Q900202"}}
    for n, (cat, parents) in enumerate([("1995 films", []), ("1996 films", []), ("1997 films", []),
                                        ("American films", []), ("Living people", []),
                                        ("1995 drama films", ["Category:1995 films"])]):
        pages[f"Category:{cat}"] = {"pageid": 900001 + n, "ns": 14, "revid": 1220000600 + n,
                                    "timestamp": "2022-01-01T00:00:00Z", "wikitext": "{{Year films category}}\n",
                                    "categories": parents}
    return pages, items
