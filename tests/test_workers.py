"""A multistream dump in workers: the same bytes whatever -j is and on a Dask
LocalCluster, resumable after SIGKILL, failed pages recorded, a VoID/DCAT manifest.
Skipped when the corpus (the dump's pages) is absent."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph, Namespace

from .conftest import CORPUS

REPO = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "kg.cli"]
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")


def kg(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], capture_output=True, text=True, timeout=timeout, env=dict(os.environ))


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    sys.path.insert(0, str(REPO / "benchmarks"))
    from make_multistream import build

    return build(tmp_path_factory.mktemp("dump"), pages=2600, seed=3)


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.parent.name != "records"}


def export(dump, out: Path, *flags: str) -> subprocess.CompletedProcess:
    d, index = dump
    return kg("export", str(d), "--index", str(index), "-o", str(out), "--no-store", "--no-validate", "-q", *flags)


@pytest.fixture(scope="module")
def one_worker(dump, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("j1")
    done = export(dump, out, "-j", "1")
    assert done.returncode == 0, done.stderr
    assert " films exported (" in done.stdout and " into 2 shards" in done.stdout
    return out


def test_the_output_is_the_same_whatever_the_number_of_workers(dump, one_worker: Path, tmp_path: Path) -> None:
    done = export(dump, tmp_path, "-j", "2")
    assert done.returncode == 0, done.stderr
    assert files_of(tmp_path) == files_of(one_worker)


def test_a_dask_local_cluster_gives_the_same_output(dump, one_worker: Path, tmp_path: Path) -> None:
    done = export(dump, tmp_path, "--dask", "local", "-j", "2")
    assert done.returncode == 0, done.stderr
    assert files_of(tmp_path) == files_of(one_worker)


def test_the_shards_hold_every_film_and_the_manifest_describes_them(dump, one_worker: Path) -> None:
    shards = sorted((one_worker / "shards").glob("*.nq.gz"))
    assert [s.name for s in shards] == ["part-00000.nq.gz", "part-00001.nq.gz"]
    graphs = set()
    triples = 0
    for shard in shards:
        for line in gzip.decompress(shard.read_bytes()).decode("utf-8").splitlines():
            graphs.add(line.rsplit(" ", 2)[-2])
            triples += 1
    manifest = Graph().parse(one_worker / "manifest.ttl")
    dataset = next(manifest.subjects(predicate=None, object=VOID.Dataset))
    assert int(manifest.value(dataset, VOID.triples)) == triples
    assert len(set(manifest.objects(dataset, DCAT.distribution))) == 2
    assert int(manifest.value(dataset, Namespace("https://w3id.org/kg-film/ontology#").films)) == len(graphs)
    assert len(graphs) >= 40  # about 1 film in 50 pages


def test_a_run_killed_with_sigkill_resumes_to_the_same_output(dump, one_worker: Path, tmp_path: Path) -> None:
    d, index = dump
    proc = subprocess.Popen([*KG, "export", str(d), "--index", str(index), "-o", str(tmp_path), "--no-store", "--no-validate", "-q", "-j", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list((tmp_path / "records").glob("part-*.json")) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert list((tmp_path / "records").glob("part-*.json")), "the first task never finished"
    assert not (tmp_path / "manifest.ttl").exists()
    again = export(dump, tmp_path, "-j", "2")
    assert again.returncode == 0, again.stderr
    assert files_of(tmp_path) == files_of(one_worker)
    assert not [p for p in tmp_path.rglob(".*.tmp")]


def test_a_resumed_run_says_what_was_done(dump, one_worker: Path) -> None:
    d, index = dump
    again = kg("export", str(d), "--index", str(index), "-o", str(one_worker), "--no-store", "--no-validate", "-j", "1")
    assert again.returncode == 0
    assert f"{one_worker}: 2 of 2 tasks were done by an earlier run; doing the other 0" in again.stderr


def test_progress_lines_when_stderr_is_not_a_terminal(dump, tmp_path: Path) -> None:
    done = kg("export", str(dump[0]), "--index", str(dump[1]), "-o", str(tmp_path), "--no-store", "--no-validate", "-j", "1")
    assert done.returncode == 0, done.stderr
    last = done.stderr.splitlines()[-1]
    assert "pages scanned" in last and " films, " in last and " refused, " in last and "pages/s" in last


def test_progress_bar_on_a_terminal(monkeypatch) -> None:
    from kg import workers

    clock = iter([0.0, 10.0, 20.0, 30.0])
    monkeypatch.setattr(workers.time, "perf_counter", lambda: next(clock))
    shown: list[tuple[str, bool]] = []
    progress = workers.Progress(4000, lambda line, tty: shown.append((line, tty)), tty=True, quiet=False)
    progress.add(workers.TaskResult(0, "", pages=1000, films=20, refused={"not a film": 980}))
    progress.add(workers.TaskResult(1, "", pages=1000, films=21, refused={"not a film": 978}, errors=[["T", 1, 5, "x"]]))
    assert shown == [
        ("[######------------------] 25.0% 1,000/4,000 pages scanned, 20 films, 980 refused, 0 errors, 100 pages/s, 30 s left", True),
        ("[############------------] 50.0% 2,000/4,000 pages scanned, 41 films, 1,958 refused, 1 errors, 100 pages/s, 20 s left", True),
    ]


def test_progress_is_silent_when_quiet() -> None:
    from kg import workers

    shown: list = []
    progress = workers.Progress(10, lambda line, tty: shown.append(line), tty=True, quiet=True)
    progress.add(workers.TaskResult(0, "", pages=10), force=True)
    assert shown == []


def test_failed_pages_go_to_errors_tsv(one_worker: Path) -> None:
    lines = (one_worker / "errors.tsv").read_text().splitlines()
    assert lines[0] == "title\tpage_id\texit_code\treason"


def test_without_an_index_workers_are_refused(dump, tmp_path: Path) -> None:
    lonely = tmp_path / "lonely-multistream.xml.bz2"
    lonely.write_bytes(dump[0].read_bytes())
    done = kg("export", str(lonely), "-j", "2", "-o", str(tmp_path / "o"), "--no-store")
    assert done.returncode == 2
    assert f"{lonely}: -j and --dask read a multistream dump by its streams: give its index with --index FILE" in done.stderr


def test_the_sequential_reader_still_reads_a_multistream_dump(dump, one_worker: Path, tmp_path: Path) -> None:
    """A dump without its index is read as before, page by page: the same films."""
    done = kg("export", str(dump[0]), "-o", str(tmp_path), "-f", "nquads", "--no-store", "--no-validate", "-q")
    assert done.returncode == 0, done.stderr
    sequential = sorted(p.stem for p in tmp_path.glob("*.nq"))
    sharded = set()
    for shard in (one_worker / "shards").glob("*.nq.gz"):
        for line in gzip.decompress(shard.read_bytes()).decode().splitlines():
            sharded.add(line.rsplit(" ", 2)[-2])
    assert len(sequential) == len(sharded)
