"""Real SPARQL servers the tests start themselves, on free loopback ports, with throw-away
data: the Oxigraph server (PyPI ``oxigraph``) and Virtuoso Open Source 7 (Debian
``virtuoso-opensource``), plus a small HTTP server that misbehaves on purpose (down, slow,
401, 404, 429, 500) for the endpoint client's error paths."""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

VIRTUOSO_USER = "kgwriter"
VIRTUOSO_PASSWORD = "kg-test-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, seconds: float, proc: subprocess.Popen) -> None:
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            requests.get(url, timeout=1)
            return
        except requests.exceptions.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up in {seconds} s")


def oxigraph_binary() -> str | None:
    candidate = Path(sys.executable).parent / "oxigraph"
    return str(candidate) if candidate.exists() else shutil.which("oxigraph")


@dataclass
class Server:
    """A running server: its URLs and process."""

    query: str
    update: str
    graph_store: str
    proc: subprocess.Popen
    folder: Path
    extra: dict = field(default_factory=dict)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def start_oxigraph(folder: Path) -> Server:
    """``oxigraph serve`` on a free loopback port, its store in ``folder``."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the Oxigraph server is not installed (pip install oxigraph; .ci/run installs it)")
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "-l", str(folder), "-b", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    _wait_http(base + "/", 30, proc)
    return Server(base + "/sparql", base + "/sparql", base + "/store", proc, folder)


VIRTUOSO_INI = """[Database]
DatabaseFile       = {d}/virtuoso.db
ErrorLogFile       = {d}/virtuoso.log
LockFile           = {d}/virtuoso.lck
TransactionFile    = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {d}/virtuoso-temp.db
TransactionFile    = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:{sql}
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 10
CheckpointInterval       = 60
CaseMode                 = 2
DirsAllowed              = ., {d}
NumberOfBuffers          = 10000
MaxDirtyBuffers          = 6000

[HTTPServer]
ServerPort                  = 127.0.0.1:{http}
ServerRoot                  = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections        = 10
ServerThreads               = 10
Charset                     = UTF-8

[SPARQL]
ResultSetMaxRows           = 10000
MaxQueryExecutionTime      = 60
"""


def start_virtuoso(folder: Path) -> Server:
    """Virtuoso 7 with its own configuration on free loopback ports, and a user with write
    rights (SPARQL_UPDATE) for its authenticated graph store and update endpoints."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None:
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource; .ci/run installs it)")
    sql, http = free_port(), free_port()
    folder.mkdir(parents=True, exist_ok=True)
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=folder, sql=sql, http=http), encoding="utf-8")
    proc = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while True:
        done = subprocess.run([isql, f"127.0.0.1:{sql}", "dba", "dba", "exec=select 1;"], capture_output=True)
        if done.returncode == 0:
            break
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"Virtuoso did not start: {(folder / 'virtuoso.log').read_text(errors='replace')[-500:]}")
        time.sleep(0.3)
    grant = (f"DB.DBA.USER_CREATE('{VIRTUOSO_USER}', '{VIRTUOSO_PASSWORD}'); "
             f'GRANT SPARQL_UPDATE TO "{VIRTUOSO_USER}"; GRANT SPARQL_SELECT TO "{VIRTUOSO_USER}";')
    subprocess.run([isql, f"127.0.0.1:{sql}", "dba", "dba", f"exec={grant}"], check=True, capture_output=True)
    base = f"http://127.0.0.1:{http}"
    _wait_http(base + "/sparql", 30, proc)
    return Server(base + "/sparql", base + "/sparql-auth", base + "/sparql-graph-crud-auth", proc, folder, {"sql": sql})


class FaultHandler(http.server.BaseHTTPRequestHandler):
    """Answers as the test's ``plan`` says: a list of (status, headers, body) per request
    (the last one repeats), or ``"slow"`` to sleep past the client's timeout."""

    server_version = "fault/1"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        srv = self.server
        srv.requests.append((self.command, self.path, dict(self.headers), body))
        plan = srv.plan(self.command, self.path, body) if callable(srv.plan) else srv.plan
        step = plan[min(len(srv.requests) - 1, len(plan) - 1)] if isinstance(plan, list) else plan
        if step == "slow":
            time.sleep(srv.slow)
            step = (200, {}, b"")
        status, headers, payload = step
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = _answer

    def log_message(self, *args) -> None:  # quiet
        pass


class FaultServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, plan, slow: float = 3.0) -> None:
        super().__init__(("127.0.0.1", 0), FaultHandler)
        self.plan = plan
        self.slow = slow
        self.requests: list = []
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def close(self) -> None:
        self.shutdown()
        self.server_close()


ASK_TRUE = (200, {"Content-Type": "application/sparql-results+json"}, b'{"head":{},"boolean":true}')
EMPTY_SELECT = (200, {"Content-Type": "application/sparql-results+json"}, b'{"head":{"vars":["g","v"]},"results":{"bindings":[]}}')
