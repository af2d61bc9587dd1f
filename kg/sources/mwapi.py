"""A client of the MediaWiki Action API (English Wikipedia, Wikidata), polite and cached.

One client per API endpoint. It follows the Wikimedia API etiquette:

* requests are made one at a time (never in parallel), each with a ``User-Agent`` that
  names kg, its version and a contact (Wikimedia's User-Agent policy); the contact is
  kg's project page unless ``KG_CONTACT`` (an e-mail address or URL) says whose run it is;
* every request carries ``maxlag=5``: when the servers' replication lag is higher the API
  answers with a ``maxlag`` error and a ``Retry-After``, and the client waits that long
  and asks again; so it does on HTTP 429 and 5xx and on timeouts, with exponential
  backoff, honouring ``Retry-After``;
* ``formatversion=2`` JSON.

Every answer is kept in a persistent SQLite :class:`Cache` keyed by the request's
parameters, with the date it was fetched, so that a second run makes no request at all
and gives the same output: what kg writes depends on the cache's content, never on the
clock.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlencode

from kg.errors import RemoteError

#: English Wikipedia's and Wikidata's API endpoints
ENWIKI_API = "https://en.wikipedia.org/w/api.php"
WIKIDATA_API = "https://www.wikidata.org/w/api.php"
#: how many titles or ids one request may name (the API's limit for ordinary clients)
BATCH = 50
#: the replication lag, in seconds, above which the servers ask clients to wait
MAXLAG = 5
PROJECT_URL = "https://w3id.org/kg-film/"


def user_agent() -> str:
    """kg's User-Agent: ``kg/<version> (<contact>) requests/<version>``."""
    import requests

    from kg import __version__

    contact = os.environ.get("KG_CONTACT", "").strip() or PROJECT_URL
    return f"kg/{__version__} ({contact}) python-requests/{requests.__version__}"


def default_cache_path() -> Path:
    """``$KG_CACHE``, else ``$XDG_CACHE_HOME/kg/wikimedia.sqlite``, else ``~/.cache/kg/wikimedia.sqlite``."""
    if os.environ.get("KG_CACHE"):
        return Path(os.environ["KG_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kg" / "wikimedia.sqlite"


class Cache:
    """API answers by request, in a SQLite file (created when missing).

    :param path: the cache file.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS answers (request TEXT PRIMARY KEY, answer TEXT NOT NULL, fetched TEXT NOT NULL)")
        except (OSError, sqlite3.DatabaseError) as exc:
            raise RemoteError(str(self.path), f"cannot be used as kg's API cache ({exc})") from None
        self._lock = threading.Lock()

    def get(self, request: str) -> tuple[dict, str] | None:
        """The answer kept for ``request`` and the date it was fetched, or ``None``."""
        with self._lock:
            row = self._db.execute("SELECT answer, fetched FROM answers WHERE request = ?", (request,)).fetchone()
        return (json.loads(row[0]), row[1]) if row else None

    def put(self, request: str, answer: dict, fetched: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)", (request, json.dumps(answer, sort_keys=True), fetched))

    def close(self) -> None:
        self._db.close()


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


class Client:
    """Requests to one MediaWiki API endpoint.

    :param url: the endpoint (``…/w/api.php``).
    :param cache: where answers are kept (``None``: nothing is kept).
    :param timeout: seconds to wait for one answer.
    :param retries: how many times a request is tried again after a ``maxlag`` error,
        HTTP 429 or 5xx, a timeout or a lost connection.
    :param offline: answer only from the cache (a request not in it is an error).
    :param sleep: how to wait (tests pass a function that records instead).
    """

    def __init__(self, url: str, cache: Cache | None = None, timeout: float = 30.0, retries: int = 5,
                 offline: bool = False, sleep: Callable[[float], None] = time.sleep) -> None:
        self.url = url
        self.cache = cache
        self.timeout = timeout
        self.retries = retries
        self.offline = offline
        self._sleep = sleep
        self._session = None
        self._lock = threading.Lock()  # one request at a time, whatever calls the client
        #: requests actually sent (cache misses), and answers served from the cache
        self.sent = 0
        self.cached = 0
        #: the latest fetch date of an answer used (for provenance)
        self.latest: str | None = None

    def key(self, params: dict[str, str]) -> str:
        """The cache key of a request: the endpoint and its parameters, sorted."""
        return f"{self.url}?{urlencode(sorted(params.items()))}"

    def get(self, params: dict[str, str]) -> dict:
        """The API's JSON answer to ``params`` (``format=json``, ``formatversion=2`` and
        ``maxlag`` are added), from the cache when it holds it.

        :raises RemoteError: the API cannot be reached, keeps failing, or answers an error.
        """
        return self.fetch(params)[0]

    def fetch(self, params: dict[str, str]) -> tuple[dict, str]:
        """:meth:`get`, with the date (YYYY-MM-DD) the answer was fetched."""
        params = {k: str(v) for k, v in params.items()}
        params.setdefault("format", "json")
        params.setdefault("formatversion", "2")
        key = self.key(params)
        if self.cache is not None:
            kept = self.cache.get(key)
            if kept is not None:
                self.cached += 1
                self._saw(kept[1])
                return kept
        if self.offline:
            raise RemoteError(self.url, "is not in the cache and --offline forbids asking it")
        with self._lock:
            answer = self._ask(params)
        fetched = datetime.now(timezone.utc).strftime("%Y-%m-%d")
        if self.cache is not None:
            self.cache.put(key, answer, fetched)
        self._saw(fetched)
        return answer, fetched

    def _saw(self, fetched: str) -> None:
        if self.latest is None or fetched > self.latest:
            self.latest = fetched

    def _ask(self, params: dict[str, str]) -> dict:
        import requests

        if self._session is None:
            self._session = requests.Session()
            self._session.headers["User-Agent"] = user_agent()
            self._session.headers["Accept-Encoding"] = "gzip"
        body = {**params, "maxlag": str(MAXLAG)}
        what = params.get("action", "query")
        last = ""
        for attempt in range(self.retries + 1):
            wait: float | None = None
            try:
                response = self._session.post(self.url, data=body, timeout=self.timeout)
            except requests.Timeout:
                last = f"did not answer within {self.timeout:g} s"
            except requests.ConnectionError as exc:
                last = "cannot be reached (" + _reason(exc) + ")"
            else:
                self.sent += 1
                if response.status_code == 429 or response.status_code >= 500:
                    last = f"answered HTTP {response.status_code}"
                    wait = _retry_after(response.headers.get("Retry-After"))
                elif response.status_code != 200:
                    raise RemoteError(self.url, f"answered HTTP {response.status_code} to {what}")
                else:
                    try:
                        answer = response.json()
                    except ValueError:
                        raise RemoteError(self.url, f"answered {what} with something that is not JSON") from None
                    error = answer.get("error") if isinstance(answer, dict) else None
                    if not error:
                        return answer
                    if error.get("code") != "maxlag":
                        raise RemoteError(self.url, f"refused {what}: {error.get('code')}: {error.get('info', '')}".rstrip(": "))
                    last = f"is lagged ({error.get('lag', '?')} s behind)"
                    wait = _retry_after(response.headers.get("Retry-After"))
            if attempt < self.retries:
                self._sleep(wait if wait is not None else min(60.0, 2.0 ** attempt))
        tries = self.retries + 1
        raise RemoteError(self.url, f"{last} ({tries} tr{'y' if tries == 1 else 'ies'}); try again later")

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None


def _reason(exc: Exception) -> str:
    text = str(exc)
    if "Connection refused" in text:
        return "connection refused"
    if "Name or service not known" in text or "getaddrinfo" in text or "NameResolution" in text:
        return "unknown host"
    return " ".join(text.split())[:120]


def batches(values: list[str], size: int = BATCH) -> list[list[str]]:
    """``values`` in runs of at most ``size``, in order."""
    return [values[i:i + size] for i in range(0, len(values), size)]


def pages_by_title(answer: dict, titles: list[str]) -> dict[str, tuple[str, dict | None]]:
    """For each title asked in an ``action=query`` answer made with ``redirects``: the title
    the page has (normalisation and every redirect hop followed, as the API lists them)
    and its page object (``None`` when the answer holds none). Both ``formatversion``s."""
    query = answer.get("query") or {}
    normalized = {n.get("from"): n.get("to") for n in query.get("normalized") or []}
    redirects = {r.get("from"): r.get("to") for r in query.get("redirects") or []}
    pages = query.get("pages") or []
    pages = {p.get("title"): p for p in (pages.values() if isinstance(pages, dict) else pages) if isinstance(p, dict)}
    out = {}
    for title in titles:
        target = normalized.get(title, title)
        seen = {target}
        while target in redirects and redirects[target] not in seen:
            target = redirects[target]
            seen.add(target)
        out[title] = (target, pages.get(target))
    return out
