"""Any SPARQL 1.1 store over HTTP: articles in with the Graph Store HTTP Protocol (a PUT
of each article's named graph), or SPARQL 1.1 Update where a store has no Graph Store
Protocol; queries with the SPARQL 1.1 Protocol.

* URLs: ``endpoint`` answers queries (and updates, unless ``update_url`` is given);
  ``graph_store`` is the Graph Store Protocol endpoint. With one, each article is a PUT
  of its graph; without one, or when it answers that it is no graph store (404, 405,
  501), one SPARQL Update replaces the graph (``DROP SILENT GRAPH`` + ``INSERT DATA``).
  kg never guesses a graph store URL: a PUT to a query endpoint can hang (Virtuoso's
  ``/sparql`` never answers one).
* Results are read in pages of :data:`PAGE` rows (``ORDER BY`` + ``LIMIT``/``OFFSET``)
  where kg lists a store's articles, since servers cap result sizes (Virtuoso's
  ``ResultSetMaxRows``, 10,000 by default).
* Credentials come from ``KG_ENDPOINT_USER`` / ``KG_ENDPOINT_PASSWORD``, else from the
  netrc file (``$NETRC`` or ``~/.netrc``) entry for the host, else from the URL itself;
  the scheme (Basic or Digest) is the one the server asks for. They are never printed:
  every message names the URL without them.
* HTTPS certificates are verified (``REQUESTS_CA_BUNDLE`` names another CA bundle).
* A request answered 429 or 5xx, or not answered in time, is tried again with backoff
  (honouring ``Retry-After``), then gives one error line; PUT and the replacing update are
  idempotent, so trying again is always safe.
"""

from __future__ import annotations

import email.utils
import os
import random
import re
import time
from urllib.parse import quote, urlsplit, urlunsplit

import pyoxigraph as ox
import requests
import requests.auth
from requests.auth import HTTPBasicAuth, HTTPDigestAuth

from kg import __version__
from kg.stores.queries import PARAMETERS
from kg.errors import QueryError, StoreError
from kg.stores import GraphInfo, QueryResult, Stamp, read_infos, read_stamps
from kg.stores.embedded import materialise

#: statuses worth trying again: the server is busy or failed for a moment
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: what a URL that is no graph store answers a PUT with
NOT_A_GRAPH_STORE = frozenset({404, 405, 501})
#: rows per page when kg lists what a store holds
PAGE = 5000
ACCEPT_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.5"
ACCEPT_GRAPH = "text/turtle, application/n-triples;q=0.9"
#: the query form, after the prologue (comments, BASE and PREFIX declarations)
_FORM = re.compile(r"(?is)\A(?:\s+|#[^\n]*\n?|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b")


def redact(url: str) -> str:
    """The URL without user name and password (what every message shows)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def credentials(url: str) -> tuple[str, str] | None:
    """The user name and password for ``url``: environment, netrc, or the URL itself."""
    user = os.environ.get("KG_ENDPOINT_USER")
    if user:
        return user, os.environ.get("KG_ENDPOINT_PASSWORD", "")
    from requests.utils import get_netrc_auth

    found = get_netrc_auth(url)
    if found:
        return found
    parts = urlsplit(url)
    if parts.username:
        from urllib.parse import unquote

        return unquote(parts.username), unquote(parts.password or "")
    return None


def terms_block(substitutions: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """``VALUES (?a ?b) { (<iri> "text"@en) }``: parameters as RDF terms in SPARQL syntax.

    Each term is written by Oxigraph's N-Triples serialiser, which escapes quotes,
    backslashes, line breaks and control characters, so no value can end its term and
    change the query. (A server that undoes ``\\uXXXX`` escapes before parsing, as SPARQL
    1.1 §19.2 allows, still sees every original backslash doubled: at worst a value that
    itself holds "\\u0022" reads differently; it never leaves its string.)"""
    names = list(substitutions)
    values = []
    for name in names:
        term = substitutions[name]
        if not isinstance(term, (ox.NamedNode, ox.Literal)):
            raise TypeError(f"parameter {name} must be an IRI or a literal")
        values.append(str(term))
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(values)}) }}"


class Endpoint:
    """A SPARQL 1.1 store over HTTP.

    :param url: the SPARQL query endpoint (``http://localhost:7878/sparql``).
    :param update_url: the SPARQL Update endpoint (default: ``url``).
    :param graph_store: the Graph Store Protocol endpoint (default: none, SPARQL Update).
    :param timeout: seconds to wait for an answer to one request.
    :param retries: how many times a failed request is tried again.
    """

    kind = "endpoint"

    def __init__(self, url: str, update_url: str | None = None, graph_store: str | None = None,
                 timeout: float = 60.0, retries: int = 4) -> None:
        for u in (url, update_url, graph_store):
            if u is not None and urlsplit(u).scheme not in ("http", "https"):
                raise StoreError(redact(u), "is not an http:// or https:// URL", fatal=True)
        self.url = url
        self.update_url = update_url or url
        self.graph_store = graph_store
        self._gsp = graph_store is not None  # until it says it is no graph store
        #: what the user should know about how articles were sent (printed at the end)
        self.notices: list[str] = []
        self.where = redact(url)
        self.timeout = timeout
        self.retries = retries
        self.session = requests.Session()
        self.session.headers["User-Agent"] = f"kg/{__version__} (+https://w3id.org/kg-film/)"
        self._credentials = credentials(url)
        self._sleep = time.sleep

    # ------------------------------------------------------------------ HTTP

    def _send(self, method: str, url: str, what: str, **kwargs) -> requests.Response:
        """One request, tried again on 429/5xx/timeouts, authenticated when asked.

        :param what: what the request does, for messages ("query", "store <g>").
        :raises StoreError: no answer, or a failure status after the retries.
        """
        where = redact(url)
        attempt = 0
        while True:
            try:
                response = self.session.request(method, url, timeout=(min(10.0, self.timeout), self.timeout),
                                                auth=self.session.auth or _NO_AUTH, **kwargs)
            except requests.exceptions.SSLError:
                raise StoreError(where, "has a TLS certificate that cannot be verified; set REQUESTS_CA_BUNDLE to the CA bundle that signs it") from None
            except (requests.exceptions.Timeout, requests.exceptions.ConnectionError) as exc:
                if attempt < self.retries:
                    self._pause(attempt, None)
                    attempt += 1
                    continue
                if isinstance(exc, requests.exceptions.Timeout):
                    raise StoreError(where, f"did not answer within {self.timeout:g} s ({what}, {attempt + 1} tries)") from None
                raise StoreError(where, f"cannot be reached ({_reason(exc)}, {attempt + 1} tries); is the server running?") from None
            if response.status_code == 401 and self.session.auth is None and self._credentials is not None:
                challenge = response.headers.get("WWW-Authenticate", "")
                user, password = self._credentials
                self.session.auth = HTTPDigestAuth(user, password) if "digest" in challenge.lower() else HTTPBasicAuth(user, password)
                continue
            if response.status_code in RETRY_STATUSES and attempt < self.retries:
                self._pause(attempt, response.headers.get("Retry-After"))
                attempt += 1
                continue
            return response

    def _pause(self, attempt: int, retry_after: str | None) -> None:
        delay = min(30.0, 0.5 * 2**attempt) * (0.75 + 0.5 * random.random())
        if retry_after:
            delay = max(delay, _retry_after_seconds(retry_after))
        self._sleep(min(delay, 120.0))

    def _fail(self, response: requests.Response, what: str) -> StoreError:
        where = redact((response.url or self.url).split("?", 1)[0])
        code = response.status_code
        if code == 401:
            if self._credentials is None:
                return StoreError(where, f"needs credentials (HTTP 401) to {what}: set KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD, or add the host to your netrc file")
            return StoreError(where, f"refused the credentials (HTTP 401) to {what}")
        if code == 403:
            return StoreError(where, f"forbids kg to {what} (HTTP 403): the user needs write rights (SPARQL_UPDATE)")
        if code == 404:
            return StoreError(where, f"was not found (HTTP 404) to {what}: check the URL")
        return StoreError(where, f"failed to {what} (HTTP {code}{_detail(response)})")

    # ------------------------------------------------------------------ the store operations

    def open(self) -> None:
        """Check that the endpoint answers queries (one ASK).

        :raises StoreError: it is down, refuses, or is not a SPARQL endpoint.
        """
        self.query("ASK { }")

    def close(self) -> None:
        self.session.close()

    def query(self, sparql: str, substitutions: dict[str, ox.NamedNode | ox.Literal] | None = None, union: bool = True,
              prefixes: dict[str, str] | None = None) -> QueryResult:
        """Run a query with the SPARQL 1.1 Protocol (POST, form-encoded).

        :param sparql: the query; with ``substitutions`` it holds the marker
            ``#kg:parameters`` where kg puts the parameters as a ``VALUES`` block of terms.
        :param union: ignored: the endpoint's own default graph is used (a union of all
            graphs on Virtuoso, the default graph on Oxigraph and Fuseki unless configured).
        :param prefixes: prefixes the query may use without declaring them (declared
            before it: a query's own declarations come later and win).
        :raises QueryError: the endpoint rejects the query as malformed (HTTP 400).
        :raises StoreError: the endpoint cannot answer.
        """
        if prefixes:
            sparql = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items()) + sparql
        if substitutions:
            if PARAMETERS not in sparql:
                raise QueryError("query", "takes no parameters")
            sparql = sparql.replace(PARAMETERS, terms_block(substitutions), 1)
        form = _FORM.match(sparql)
        accept = ACCEPT_GRAPH if form is not None and form.group(1).upper() in ("CONSTRUCT", "DESCRIBE") else ACCEPT_RESULTS
        response = self._send("POST", self.url, "query", data={"query": sparql}, headers={"Accept": accept})
        if response.status_code == 400:
            raise QueryError("query", f"was rejected by {self.where} (HTTP 400{_detail(response)})")
        if response.status_code != 200:
            raise self._fail(response, "answer a query")
        return _parse_answer(response, self.where)

    def _paged(self, query: str) -> QueryResult:
        """All rows of a SELECT, read page by page (servers cap the rows of one answer)."""
        result, offset = None, 0
        ordered = query if "ORDER BY" in query else query + " ORDER BY ?g"
        while True:
            page = self.query(f"{ordered} LIMIT {PAGE} OFFSET {offset}")
            if result is None:
                result = page
            else:
                result.rows.extend(page.rows)
            if len(page.rows) < PAGE:
                return result
            offset += PAGE

    def stamps(self) -> dict[str, Stamp]:
        """Every kg article graph the endpoint holds, with its :class:`Stamp`."""
        return read_stamps(self._paged)

    def stamp(self, graph: str) -> Stamp | None:
        g = {"g": ox.NamedNode(graph)}
        return read_stamps(lambda q: self.query(q.replace("WHERE {", "WHERE { " + PARAMETERS, 1), g)).get(graph)

    def info(self) -> list[GraphInfo]:
        """Every kg article graph: article, revision, kg version, triples."""
        return read_infos(self._paged)

    def put_graph(self, graph: str, ntriples: str) -> None:
        """Replace one article's graph: a Graph Store PUT, else one SPARQL Update.

        :raises StoreError: the article could not be stored (not fatal: the run goes on).
        """
        body = ntriples.encode("utf-8")
        if self._gsp:
            url = f"{self.graph_store}{'&' if '?' in self.graph_store else '?'}graph={quote(graph, safe='')}"
            response = self._send("PUT", url, f"store <{graph}>", data=body, headers={"Content-Type": "text/turtle; charset=utf-8"})
            if response.status_code in (200, 201, 204):
                return
            if response.status_code in NOT_A_GRAPH_STORE:
                self._gsp = False  # no Graph Store Protocol there: SPARQL Update from now on
                self.notices.append(f"{redact(self.graph_store)} answered a Graph Store PUT with HTTP {response.status_code}; "
                                    f"articles went to {redact(self.update_url)} as SPARQL Update instead")
            else:
                raise _not_fatal(self._fail(response, f"store <{graph}>"))
        update = f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{ntriples}\n}} }}"
        response = self._send("POST", self.update_url, f"store <{graph}>", data={"update": update})
        if response.status_code not in (200, 201, 204):
            raise _not_fatal(self._fail(response, f"store <{graph}>"))


class _NoAuth(requests.auth.AuthBase):
    """No credentials yet: keeps requests from sending netrc credentials as Basic before
    the server has said which scheme it wants (Virtuoso answers a Basic attempt with a
    bare 401 that names no scheme)."""

    def __call__(self, r):
        return r


_NO_AUTH = _NoAuth()

def _not_fatal(error: StoreError) -> StoreError:
    error.fatal = False
    return error


def _parse_answer(response: requests.Response, where: str) -> QueryResult:
    media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    try:
        if media in ("application/sparql-results+json", "application/json"):
            return materialise(ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON))
        if media in ("application/sparql-results+xml", "application/xml", "text/xml"):
            return materialise(ox.parse_query_results(response.content, format=ox.QueryResultsFormat.XML))
        if media in ("text/tab-separated-values",):
            return materialise(ox.parse_query_results(response.content, format=ox.QueryResultsFormat.TSV))
        fmt = ox.RdfFormat.from_media_type(media) if media else None
        if fmt is not None:
            return QueryResult("graph", triples=[q.triple for q in ox.parse(response.content, format=fmt)])
    except (SyntaxError, ValueError) as exc:
        raise StoreError(where, f"answered with unreadable results ({' '.join(str(exc).split())[:120]})") from None
    raise StoreError(where, f"answered a query with {media or 'no content type'}, not SPARQL results: is it a SPARQL endpoint?")


def _retry_after_seconds(value: str) -> float:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, when.timestamp() - time.time())


def _reason(exc: Exception) -> str:
    text = str(exc)
    for needle, reason in (("Connection refused", "connection refused"), ("Name or service not known", "unknown host"),
                           ("nodename nor servname", "unknown host"), ("timed out", "timed out"), ("Connection reset", "connection reset")):
        if needle in text:
            return reason
    return "no connection"


def _detail(response: requests.Response) -> str:
    """A short, single-line excerpt of an error body (never the request, so never credentials)."""
    text = " ".join(response.text.split())[:160] if response.content else ""
    return f": {text}" if text else ""
