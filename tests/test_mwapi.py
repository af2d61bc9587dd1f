"""The Wikimedia API client: etiquette (User-Agent, maxlag, one request at a time),
back-off on maxlag, 429 and 5xx honouring Retry-After, the cache (a second run asks
nothing), offline mode, and one clear error when the API keeps failing."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from kg import __version__
from kg.errors import RemoteError
from kg.sources.mwapi import Cache, Client, batches, user_agent

from .servers import FaultServer

OK = (200, {"Content-Type": "application/json"}, json.dumps({"batchcomplete": True, "query": {"pages": []}}).encode())
MAXLAG = (200, {"Content-Type": "application/json", "Retry-After": "3", "X-Database-Lag": "7"},
          json.dumps({"error": {"code": "maxlag", "info": "Waiting for 10.64.0.1: 7 seconds lagged.", "host": "10.64.0.1", "lag": 7,
                                "type": "db"}, "servedby": "mw1234"}).encode())


def client(server: FaultServer, tmp_path: Path | None = None, **kw):
    waits: list[float] = []
    cache = Cache(tmp_path / "cache.sqlite") if tmp_path else None
    return Client(server.url + "/w/api.php", cache, sleep=waits.append, **kw), waits


def params_of(request) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(request[3].decode()).items()}


def test_every_request_names_kg_asks_for_maxlag_and_formatversion_2(monkeypatch) -> None:
    monkeypatch.setenv("KG_CONTACT", "someone@example.org")
    server = FaultServer([OK])
    try:
        c, _ = client(server)
        c.get({"action": "query", "titles": "A"})
        _, _, headers, _ = server.requests[0]
        assert headers["User-Agent"].startswith(f"kg/{__version__} (someone@example.org) python-requests/")
        assert params_of(server.requests[0]) == {"action": "query", "titles": "A", "format": "json", "formatversion": "2", "maxlag": "5"}
    finally:
        server.close()


def test_the_default_contact_is_the_project_page(monkeypatch) -> None:
    monkeypatch.delenv("KG_CONTACT", raising=False)
    assert user_agent().startswith(f"kg/{__version__} (https://w3id.org/kg-film/) ")


@pytest.mark.parametrize(
    ("fault", "wait"),
    [(MAXLAG, 3.0), ((429, {"Retry-After": "7"}, b"Too many requests"), 7.0), ((503, {}, b"<html>Service unavailable</html>"), 1.0)],
    ids=["maxlag", "429", "503"],
)
def test_a_lagged_or_busy_api_is_asked_again_after_its_retry_after(fault, wait) -> None:
    server = FaultServer([fault, OK])
    try:
        c, waits = client(server)
        assert c.get({"action": "query", "titles": "A"})["batchcomplete"] is True
        assert waits == [wait] and len(server.requests) == 2
    finally:
        server.close()


def test_an_api_that_keeps_failing_gives_one_clear_error() -> None:
    server = FaultServer([MAXLAG])
    try:
        c, waits = client(server, retries=2)
        with pytest.raises(RemoteError) as caught:
            c.get({"action": "query", "titles": "A"})
        assert str(caught.value) == f"{server.url}/w/api.php: is lagged (7 s behind) (3 tries); try again later"
        assert waits == [3.0, 3.0]
    finally:
        server.close()


def test_an_api_error_is_not_retried() -> None:
    body = json.dumps({"error": {"code": "toomanyvalues", "info": "Too many values supplied for parameter \"titles\". The limit is 50."}}).encode()
    server = FaultServer([(200, {"Content-Type": "application/json"}, body)])
    try:
        c, _ = client(server)
        with pytest.raises(RemoteError) as caught:
            c.get({"action": "query", "titles": "A"})
        assert str(caught.value).endswith('refused query: toomanyvalues: Too many values supplied for parameter "titles". The limit is 50.')
        assert len(server.requests) == 1
    finally:
        server.close()


def test_an_api_that_is_down() -> None:
    server = FaultServer([OK])
    url = server.url
    server.close()
    c = Client(url + "/w/api.php", retries=1, sleep=lambda s: None)
    with pytest.raises(RemoteError) as caught:
        c.get({"action": "query", "titles": "A"})
    assert str(caught.value) == f"{url}/w/api.php: cannot be reached (connection refused) (2 tries); try again later"


def test_a_warm_cache_makes_no_request(tmp_path: Path) -> None:
    server = FaultServer([OK])
    try:
        c, _ = client(server, tmp_path)
        first = c.get({"action": "query", "titles": "A|B"})
        c2, _ = client(server, tmp_path)  # a second run, on the same cache file
        assert c2.get({"titles": "A|B", "action": "query"}) == first
        assert len(server.requests) == 1 and (c.sent, c2.sent, c2.cached) == (1, 0, 1)
        assert c2.latest == c.latest  # the date the answer was fetched, kept with it
    finally:
        server.close()


def test_offline_answers_only_from_the_cache(tmp_path: Path) -> None:
    server = FaultServer([OK])
    try:
        c, _ = client(server, tmp_path)
        c.get({"action": "query", "titles": "A"})
        offline, _ = client(server, tmp_path, offline=True)
        offline.get({"action": "query", "titles": "A"})
        with pytest.raises(RemoteError) as caught:
            offline.get({"action": "query", "titles": "B"})
        assert "is not in the cache and --offline forbids asking it" in str(caught.value)
        assert len(server.requests) == 1
    finally:
        server.close()


def test_requests_are_made_one_at_a_time() -> None:
    active, peak, lock = [0], [0], threading.Lock()

    def plan(method, path, body):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        import time

        time.sleep(0.05)
        with lock:
            active[0] -= 1
        return [OK]

    server = FaultServer(plan)
    try:
        c, _ = client(server)
        threads = [threading.Thread(target=c.get, args=({"action": "query", "titles": str(i)},)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert peak[0] == 1 and len(server.requests) == 4
    finally:
        server.close()


def test_batches_of_fifty() -> None:
    values = [str(i) for i in range(120)]
    assert [len(b) for b in batches(values)] == [50, 50, 20]
    assert [v for b in batches(values) for v in b] == values
