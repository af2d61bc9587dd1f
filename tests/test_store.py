"""The embedded store: one named graph per article, replaced whole; skipped when unchanged;
bad folders refused with one line; concurrent readers; and a load killed with SIGKILL
leaves every article fully old or fully new."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest


REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "leaving-las-vegas.api.json"
KG = [sys.executable, "-m", "kg.cli"]
GRAPH = "https://w3id.org/kg-film/graph/"


def kg(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=timeout)


def film_text(n: int, version: int) -> str:
    """A small film article; version 2 recasts the second part and adds a third."""
    cast = [f"* [[Actor {n} A]] as Hero {n}", f"* [[Actor {n} B]] as {'Villain' if version == 1 else 'Mentor'} {n}"]
    if version == 2:
        cast.append(f"* [[Actor {n} C]] as Sidekick {n}")
    return (
        f"{{{{Infobox film\n| name = Store Film {n}\n| director = [[Director {n}]]\n| runtime = {90 + version} minutes\n}}}}\n"
        f"'''''Store Film {n}''''' is a {1990 + n % 30} film.\n\n== Cast ==\n" + "\n".join(cast) + "\n"
    )


def dump(path: Path, films: range, version: int) -> Path:
    """A MediaWiki XML dump of the films at one version (revision ids tell the versions apart)."""
    from xml.sax.saxutils import escape

    pages = "".join(
        f"<page><title>Store Film {n}</title><ns>0</ns><id>{n}</id><revision><id>{n * 10 + version}</id>"
        f"<timestamp>2020-01-0{version}T00:00:00Z</timestamp><text>{escape(film_text(n, version))}</text></revision></page>\n"
        for n in films
    )
    path.write_text(f"<mediawiki>\n{pages}</mediawiki>\n", encoding="utf-8")
    return path


def graphs_in(store: Path) -> dict[str, set[str]]:
    """Every named graph of a store folder → its triples as N-Triples lines."""
    s = ox.Store.read_only(str(store))
    out: dict[str, set[str]] = {}
    for q in s.quads_for_pattern(None, None, None, None):
        if isinstance(q.graph_name, ox.NamedNode):
            out.setdefault(q.graph_name.value, set()).add(str(q.triple))
    del s
    return out


def triples_of(nq_folder: Path) -> dict[str, set[str]]:
    """Each exported article's triples by graph, from its N-Quads file, with literals as
    Oxigraph keeps them: by value, so a duration written PT111M reads back PT1H51M."""
    memory = ox.Store()
    for f in nq_folder.glob("*.nq"):
        memory.load(path=str(f), format=ox.RdfFormat.N_QUADS)
    out: dict[str, set[str]] = {}
    for q in memory.quads_for_pattern(None, None, None, None):
        out.setdefault(q.graph_name.value, set()).add(str(q.triple))
    return out


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "store"


# --------------------------------------------------------------------------- export into the store


def test_export_writes_each_article_into_its_own_graph(tmp_path: Path, store: Path) -> None:
    result = kg("export", str(EXAMPLE), "-o", str(tmp_path / "out"), "-f", "nquads", "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"store {store}: 1 article stored, 0 unchanged"
    stored = graphs_in(store)
    assert list(stored) == [GRAPH + "Leaving_Las_Vegas"]
    assert stored == triples_of(tmp_path / "out")


def test_an_unchanged_revision_is_skipped_and_force_replaces_it(tmp_path: Path, store: Path) -> None:
    source = dump(tmp_path / "v1.xml", range(1, 4), 1)
    first = kg("export", str(source), "--no-files", "--store", str(store))
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[-1] == f"store {store}: 3 articles stored, 0 unchanged"
    again = kg("export", str(source), "--no-files", "--store", str(store))
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [
        f"{source}: 3 pages: 0 exported, 3 unchanged",
        f"store {store}: 0 articles stored, 3 unchanged",
    ]
    forced = kg("export", str(source), "--no-files", "--store", str(store), "--force")
    assert forced.stdout.splitlines()[-1] == f"store {store}: 3 articles stored, 0 unchanged"


def test_a_single_unchanged_article_says_so(tmp_path: Path, store: Path) -> None:
    source = dump(tmp_path / "one.xml", range(7, 8), 1)
    assert kg("export", str(source), "--no-files", "--store", str(store)).returncode == 0
    again = kg("export", str(source), "--no-files", "--store", str(store))
    assert again.stdout.splitlines()[0] == f"Store Film 7: unchanged (revision 71 is already in store {store})"


def test_files_are_written_while_the_store_keeps_an_unchanged_article(tmp_path: Path, store: Path) -> None:
    source = dump(tmp_path / "one.xml", range(7, 8), 1)
    assert kg("export", str(source), "-o", str(tmp_path / "a"), "--store", str(store)).returncode == 0
    again = kg("export", str(source), "-o", str(tmp_path / "b"), "--store", str(store))
    assert again.returncode == 0
    assert (tmp_path / "b" / "Store_Film_7.ttl").is_file()
    assert again.stdout.splitlines()[0].endswith(f"; revision 71 is already in store {store}")


def test_a_new_revision_replaces_the_graph_without_leftovers(tmp_path: Path, store: Path) -> None:
    assert kg("export", str(dump(tmp_path / "v1.xml", range(1, 3), 1)), "--no-files", "--store", str(store)).returncode == 0
    before = graphs_in(store)
    assert any("Villain 1" in t for t in before[GRAPH + "Store_Film_1"])
    assert kg("export", str(dump(tmp_path / "v2.xml", range(1, 2), 2)), "-o", str(tmp_path / "v2"), "-f", "nquads", "--store", str(store)).returncode == 0
    after = graphs_in(store)
    assert after[GRAPH + "Store_Film_1"] == triples_of(tmp_path / "v2")[GRAPH + "Store_Film_1"]
    assert not any("Villain 1" in t for t in after[GRAPH + "Store_Film_1"])
    assert after[GRAPH + "Store_Film_2"] == before[GRAPH + "Store_Film_2"]  # the other article is as it was


def test_the_default_store_is_kg_store(tmp_path: Path) -> None:
    target = tmp_path / "default"
    result = kg("export", str(EXAMPLE), "-o", str(tmp_path / "out"), env={"KG_STORE": str(target)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"store {target}: 1 article stored, 0 unchanged"
    assert list(graphs_in(target)) == [GRAPH + "Leaving_Las_Vegas"]


def test_the_default_store_follows_xdg(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "KG_STORE"}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    result = subprocess.run([*KG, "export", str(EXAMPLE), "--no-files"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "kg" / "store" / "CURRENT").is_file()


def test_no_store_writes_files_only(tmp_path: Path) -> None:
    target = tmp_path / "untouched"
    result = kg("export", str(EXAMPLE), "-o", str(tmp_path / "out"), "--no-store", env={"KG_STORE": str(target)})
    assert result.returncode == 0
    assert not target.exists()
    assert "store" not in result.stdout.splitlines()[-1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--no-store", "--store", "x"], "--no-store goes with neither --store nor --endpoint"),
        (["--no-files", "--no-store"], "--no-files with --no-store would write nothing"),
        (["--graph-store", "http://h/store"], "--update-url and --graph-store go with --endpoint"),
    ],
)
def test_export_store_options_that_do_not_go_together(tmp_path: Path, args: list[str], message: str) -> None:
    result = kg("export", str(EXAMPLE), *args)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}"


# --------------------------------------------------------------------------- folders that are no store


def test_a_folder_with_other_files_is_never_made_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    for args in (["export", str(EXAMPLE), "--no-files", "--store", str(folder)], ["query", "roles", "--store", str(folder)],
                 ["store", "info", "--store", str(folder)], ["load", str(EXAMPLE), "--store", str(folder)]):
        result = kg(*args)
        assert result.returncode == 6, args
        assert result.stderr == f"Error: {folder}: is not an Oxigraph store (it holds other files: notes.txt); give kg a new or empty folder for its store\n"
    assert sorted(os.listdir(folder)) == ["notes.txt"] and (folder / "notes.txt").read_text() == "mine"


def test_a_file_is_no_store(tmp_path: Path) -> None:
    path = tmp_path / "store.txt"
    path.write_text("x", encoding="utf-8")
    result = kg("export", str(EXAMPLE), "--no-files", "--store", str(path))
    assert result.returncode == 6
    assert result.stderr == f"Error: {path}: is not a folder; give a folder for the store (--store DIR)\n"
    assert path.read_text() == "x"


def test_querying_a_store_that_does_not_exist(tmp_path: Path) -> None:
    result = kg("query", "roles", "--store", str(tmp_path / "nowhere"))
    assert result.returncode == 6
    assert result.stderr == f"Error: {tmp_path / 'nowhere'}: holds no store yet; export into it first (kg export INPUT... --store DIR)\n"
    assert not (tmp_path / "nowhere").exists()


def test_an_empty_folder_becomes_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    assert kg("export", str(EXAMPLE), "--no-files", "--store", str(folder)).returncode == 0
    assert (folder / "CURRENT").is_file()


def test_a_store_held_by_another_program(tmp_path: Path, store: Path) -> None:
    assert kg("export", str(EXAMPLE), "--no-files", "--store", str(store)).returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", f"import pyoxigraph, time; s = pyoxigraph.Store({str(store)!r}); print('open', flush=True); time.sleep(120)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        message = f"Error: {store}: is in use by another program (an Oxigraph server?): stop it first, or query that server with --endpoint\n"
        for args in (["export", str(EXAMPLE), "--no-files", "--store", str(store)], ["query", "roles", "--store", str(store)]):
            result = kg(*args)
            assert result.returncode == 6, (args, result.stderr)
            assert result.stderr == message
    finally:
        holder.kill()
        holder.wait()
    assert list(graphs_in(store)) == [GRAPH + "Leaving_Las_Vegas"]  # nothing lost


def test_readers_probing_together_never_see_a_writer(tmp_path: Path) -> None:
    """The check for another program asks the kernel who holds RocksDB's lock; a check
    that took the lock itself made a second reader, probing at the same moment, refuse."""
    folder = tmp_path / "closed"
    ox.Store(str(folder)).flush()
    probe = ("from pathlib import Path; from kg.stores.lock import held_by_another_program as h; "
             f"print(sum(h(Path({str(folder)!r})) for _ in range(3000)))")
    probers = [subprocess.Popen([sys.executable, "-c", probe], stdout=subprocess.PIPE, text=True) for _ in range(3)]
    assert [int(p.communicate(timeout=120)[0]) for p in probers] == [0, 0, 0]


@contextlib.contextmanager
def read_only(folder: Path):
    """Make a folder read-only for this process: chmod for a normal user; for root, whom
    permissions do not stop, the immutable attribute (chattr +i)."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
        for p in modes:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("cannot make a folder read-only for root here (no chattr +i)")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_read_only_store_is_read_but_not_written(tmp_path: Path, store: Path) -> None:
    assert kg("export", str(EXAMPLE), "--no-files", "--store", str(store)).returncode == 0
    source = dump(tmp_path / "v1.xml", range(1, 2), 1)
    with read_only(store):
        result = kg("export", str(source), "--no-files", "--store", str(store))
        assert result.returncode == 6
        assert result.stderr == f"Error: {store}: is read-only: kg cannot write the store there; give a folder kg may write (kg query and kg store info can still read it)\n"
        query = kg("query", "cast", "--film", "Leaving Las Vegas", "--store", str(store), "-f", "csv")
        assert query.returncode == 0, query.stderr
        assert query.stdout.splitlines()[1] == "Leaving Las Vegas,1,Nicolas Cage,Ben Sanderson"
    assert list(graphs_in(store)) == [GRAPH + "Leaving_Las_Vegas"]


# --------------------------------------------------------------------------- readers while a writer runs


def test_queries_run_while_an_export_goes_on(tmp_path: Path, store: Path) -> None:
    source = dump(tmp_path / "many.xml", range(1, 401), 1)
    assert kg("export", str(dump(tmp_path / "first.xml", range(1, 2), 1)), "--no-files", "--store", str(store)).returncode == 0
    writer = subprocess.Popen([*KG, "export", str(source), "--no-files", "--store", str(store), "--force"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(20):
            writer.stdout.readline()  # 20 articles are in
        answers = []
        for _ in range(3):
            readers = [subprocess.Popen([*KG, "query", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", str(store), "-f", "csv"],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
            round_ = []
            for r in readers:
                out, err = r.communicate(timeout=60)
                assert r.returncode == 0, err
                round_.append(int(out.splitlines()[1]))
            answers.append(sorted(round_))  # the two readers of a round take their turns in either order
        still_running = writer.poll() is None
    finally:
        out, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    assert still_running, "the export ended before the queries: nothing was shown to run alongside"
    counts = [n for round_ in answers for n in round_]
    assert all(1 <= n <= 400 for n in counts) and counts == sorted(counts), answers  # a later round never sees fewer
    assert len(graphs_in(store)) == 400


# --------------------------------------------------------------------------- killed part-way


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """120 films at two versions, exported to N-Quads for reference."""
    root = tmp_path_factory.mktemp("versions")
    out = {}
    for v in (1, 2):
        source = dump(root / f"v{v}.xml", range(1, 121), v)
        folder = root / f"nq{v}"
        done = kg("export", str(source), "-o", str(folder), "-f", "nquads", "--no-store", "--no-validate", "-q")
        assert done.returncode == 0, done.stderr
        out[v] = {"dump": source, "nq": folder, "triples": triples_of(folder)}
    return out


def _kill_part_way(command: list[str], lines: int) -> int:
    """Run ``command`` and SIGKILL it once it has printed ``lines`` lines (articles done),
    with a little jitter so that the kill falls at different points of the next write."""
    import random

    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for _ in range(lines):
        proc.stdout.readline()
    time.sleep(random.random() * 0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return proc.returncode


@pytest.mark.parametrize("lines", [3, 40, 100])
def test_an_export_killed_part_way_leaves_every_article_old_or_new(tmp_path: Path, versions: dict, lines: int) -> None:
    store = tmp_path / "store"
    assert kg("load", *map(str, sorted(versions[1]["nq"].glob("*.nq"))), "--store", str(store), "-q").returncode == 0
    code = _kill_part_way([*KG, "export", str(versions[2]["dump"]), "--no-files", "--store", str(store)], lines)
    assert code == -signal.SIGKILL
    stored = graphs_in(store)  # the store opens
    old, new = versions[1]["triples"], versions[2]["triples"]
    assert set(stored) == set(old)
    states = ["old" if stored[g] == old[g] else "new" if stored[g] == new[g] else "MIXED" for g in sorted(stored)]
    assert "MIXED" not in states
    assert states.count("new") >= lines  # what was reported stored is stored
    again = kg("export", str(versions[2]["dump"]), "--no-files", "--store", str(store), "-q")
    assert again.returncode == 0, again.stderr
    assert graphs_in(store) == new  # a re-run completes it


@pytest.mark.parametrize("lines", [5, 45])
def test_a_load_killed_part_way_leaves_every_article_old_or_new(tmp_path: Path, versions: dict, lines: int) -> None:
    store = tmp_path / "store"
    assert kg("load", *map(str, sorted(versions[1]["nq"].glob("*.nq"))[:60]), "--store", str(store), "-q").returncode == 0
    files = sorted(versions[2]["nq"].glob("*.nq"))  # the first 60 replace graphs, the others are new
    assert _kill_part_way([*KG, "load", *map(str, files), "--store", str(store)], lines) == -signal.SIGKILL
    stored = graphs_in(store)
    old, new = versions[1]["triples"], versions[2]["triples"]
    for g, triples in stored.items():
        assert triples == new[g] or triples == old.get(g), g
    assert len(stored) >= 60


# --------------------------------------------------------------------------- kg load


@pytest.fixture(scope="module")
def example_exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("example")
    assert kg("export", str(EXAMPLE), "-o", str(folder), "-f", "all", "--no-store").returncode == 0
    return folder


@pytest.mark.parametrize("ext", ["ttl", "jsonld", "nt", "nq", "trig"])
def test_load_every_format_kg_writes(tmp_path: Path, example_exports: Path, ext: str) -> None:
    store = tmp_path / "store"
    result = kg("load", str(example_exports / f"Leaving_Las_Vegas.{ext}"), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{example_exports / f'Leaving_Las_Vegas.{ext}'}: 1 article (1 new, 0 replaced), 1450 triples loaded [")
    assert graphs_in(store) == triples_of(example_exports)


def test_load_again_replaces_an_article_without_revision(tmp_path: Path, example_exports: Path) -> None:
    store = tmp_path / "store"
    files = [str(example_exports / "Leaving_Las_Vegas.nq"), str(example_exports / "Leaving_Las_Vegas.ttl")]
    result = kg("load", *files, "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert [line.split(": ", 1)[1].split(" [")[0] for line in result.stdout.splitlines()[:2]] == [
        "1 article (1 new, 0 replaced), 1450 triples loaded", "1 article (0 new, 1 replaced), 1450 triples loaded"]
    assert graphs_in(store) == triples_of(example_exports)


def test_load_skips_an_unchanged_revision(tmp_path: Path, versions: dict) -> None:
    store = tmp_path / "store"
    files = [str(p) for p in sorted(versions[1]["nq"].glob("*.nq"))[:3]]
    assert kg("load", *files, "--store", str(store)).returncode == 0
    again = kg("load", *files, "--store", str(store))
    assert again.stdout.splitlines()[-1].startswith(f"store {store}: 3 articles from 3 files (0 new, 0 replaced, 3 unchanged), 0 triples [")
    forced = kg("load", *files, "--store", str(store), "--force")
    assert forced.stdout.splitlines()[-1].startswith(f"store {store}: 3 articles from 3 files (0 new, 3 replaced, 0 unchanged)")


def test_load_a_file_that_is_no_kg_export(tmp_path: Path) -> None:
    path = tmp_path / "other.ttl"
    path.write_text("<http://a> <http://b> <http://c> .\n", encoding="utf-8")
    result = kg("load", str(path), "--store", str(tmp_path / "store"))
    assert result.returncode == 3
    assert result.stderr == (f"Error: {path}: holds no kg provenance (a node that prov:wasDerivedFrom a revision and is attributed to kg): "
                             "kg cannot tell which article graph it is; is it a kg export?\n")


def test_load_invalid_rdf_stores_nothing_of_it(tmp_path: Path, example_exports: Path) -> None:
    store = tmp_path / "store"
    bad = tmp_path / "bad.nq"
    lines = (example_exports / "Leaving_Las_Vegas.nq").read_text(encoding="utf-8").splitlines(keepends=True)
    bad.write_text("".join(lines[:500]) + "<http://a> <http://b> \"unterminated .\n" + "".join(lines[500:]), encoding="utf-8")
    result = kg("load", str(bad), str(example_exports / "Leaving_Las_Vegas.ttl"), "--store", str(store))
    assert result.returncode == 3
    assert result.stderr.startswith(f"Error: {bad}: is not valid N-Quads")
    assert len(result.stderr.splitlines()) == 1
    assert graphs_in(store) == triples_of(example_exports)  # the good file went in, nothing of the bad one


def test_load_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "x.rdf"
    path.write_text("", encoding="utf-8")
    result = kg("load", str(path), "--store", str(tmp_path / "store"))
    assert result.returncode == 3
    assert result.stderr == f"Error: {path}: unknown RDF format (use .ttl, .jsonld, .nt, .nq or .trig, or --format)\n"


def test_load_missing_file(tmp_path: Path) -> None:
    result = kg("load", str(tmp_path / "none.nq"), "--store", str(tmp_path / "store"))
    assert result.returncode == 3
    assert result.stderr == f"Error: {tmp_path / 'none.nq'}: no such file\n"


# --------------------------------------------------------------------------- kg store info, kg validate --store


def test_store_info(tmp_path: Path, store: Path) -> None:
    assert kg("export", str(dump(tmp_path / "v1.xml", range(1, 3), 1)), "--no-files", "--store", str(store)).returncode == 0
    result = kg("store", "info", "--store", str(store))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["article", "revision", "kg", "triples", "graph"]
    assert lines[2].split()[:4] == ["Store", "Film", "1", "11"] and lines[2].split()[-1] == GRAPH + "Store_Film_1"
    assert lines[-1] == f"store {store}: 2 articles, {sum(map(len, graphs_in(store).values())):,} triples in their graphs ({sum(map(len, graphs_in(store).values())):,} quads in the store)"
    csv = kg("store", "info", "--store", str(store), "-f", "csv")
    assert csv.stdout.splitlines()[1].startswith("Store Film 1,11,")


def test_validate_a_store_union(tmp_path: Path, store: Path) -> None:
    assert kg("export", str(dump(tmp_path / "v1.xml", range(1, 4), 1)), str(EXAMPLE), "--no-files", "--store", str(store)).returncode == 0
    result = kg("validate", "--store", str(store))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"store {store}: union of 4 articles, ")
    assert "; conforms [" in result.stdout


def test_validate_a_store_that_breaks_the_union(tmp_path: Path, store: Path) -> None:
    """Two articles typing one linked entity differently: each conforms, the union does not."""
    first = "{{Infobox film\n| name = A\n| director = [[Shared Page]]\n}}\n'''A''' is a film.\n"
    second = "{{Infobox film\n| name = B\n| studio = [[Shared Page]]\n}}\n'''B''' is a film.\n"
    (tmp_path / "A.wiki").write_text(first, encoding="utf-8")
    (tmp_path / "B.wiki").write_text(second, encoding="utf-8")
    assert kg("export", str(tmp_path / "A.wiki"), str(tmp_path / "B.wiki"), "--no-files", "--store", str(store)).returncode == 0
    result = kg("validate", "--store", str(store))
    assert result.returncode == 1
    assert any("Shared_Page" in line for line in result.stdout.splitlines())
    assert "does not conform" in result.stdout.splitlines()[-1]


# --------------------------------------------------------------------------- the N-Quads scan of kg load

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.stores.load import _scan

_iri = st.from_regex(r"http://x\.example/([a-z0-9_()]|%[0-9A-F]{2}){1,12}", fullmatch=True)
_object = st.one_of(_iri.map(ox.NamedNode), st.text(max_size=20).map(ox.Literal),
                    st.integers().map(lambda n: ox.Literal(str(n), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))))
_quad = st.tuples(_iri, _iri, _object, st.one_of(st.none(), _iri)).map(
    lambda t: ox.Quad(ox.NamedNode(t[0]), ox.NamedNode(t[1]), t[2], ox.NamedNode(t[3]) if t[3] else ox.DefaultGraph()))


@settings(max_examples=60, deadline=None)
@given(st.lists(_quad, max_size=30), st.sampled_from([b"\n", b"\r\n"]), st.integers(min_value=16, max_value=400))
def test_the_scan_finds_every_graph_and_counts_every_line(tmp_path_factory, quads, newline, block) -> None:
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).replace(b"\n", newline)
    path = tmp_path_factory.mktemp("scan") / "q.nq"
    path.write_bytes(data)
    graphs, lines = _scan(path, block=block)
    assert lines == len(quads)
    assert {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)} <= graphs


def test_the_scan_sends_other_n_quads_to_the_slow_path(tmp_path: Path) -> None:
    path = tmp_path / "q.nq"
    for text, expected in [
        (b"<http://a> <http://b> <http://c> <http://g> .\n\n<http://a> <http://b> \"x\" <http://g2> .", ({"http://g", "http://g2"}, 2)),
        (b"# a comment\n<http://a> <http://b> <http://c> <http://g> .\n", None),
        (b"<http://a> <http://b> <http://c> <http://g>.\n", None),  # valid, but not as kg writes it
    ]:
        path.write_bytes(text)
        assert _scan(path) == expected
