#!/usr/bin/env python
"""The stores: loading, the named questions, and exporting into a store versus to files.

Usage::

    python benchmarks/store.py [--corpus DIR] [--copies N] [--repeat N] [--json FILE]

Three measurements, each beside a reference run on the same machine in the same minute,
so that the ratios hold on a noisy machine even when the times do not:

1. **Loading.** The corpus is exported once to N-Quads (one file per article), then
   copied ``--copies`` times under other graph IRIs, so that the load is long enough to
   time. ``kg load FILES --store DIR`` (a fresh store each run, the real CLI), once on
   the files as ``kg export`` writes them (one per article) and once on all of them in
   one file, runs alternately with ``oxigraph load --location DIR --file ALL.nq`` (the
   Oxigraph server's own bulk loader on that one file; given the many files, it loads
   them in parallel and is far slower). Reported: quads per second of each, and kg's
   rate as a share of Oxigraph's.
2. **Queries.** The six named questions of ``kg query`` over a store of the corpus, each
   ``--repeat`` × 5 times in one process (``kg.stores.queries.ask`` on an
   :class:`~kg.stores.embedded.EmbeddedStore`, as ``kg query`` calls it, opening and
   closing the store each time): median milliseconds, beside the same SPARQL run straight
   on an open ``pyoxigraph.Store`` (what kg's lookup, turns and result reading add).
3. **Export into a store versus to files.** ``kg export`` of the corpus with
   ``--no-store`` (files), ``--no-files`` (store) and both, without validation (which
   would hide the sinks' cost) and with it, alternately: median seconds and ratios to
   the files-only run.

Everything is written in a temporary folder; nothing goes into the checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
KG = [sys.executable, "-m", "kg.cli"]
GRAPH_IRI = re.compile(rb"<https://w3id\.org/kg-film/graph/([^>]*)>")


def corpus_inputs(corpus: Path) -> list[str]:
    files = sorted(p for p in corpus.iterdir() if p.suffix in (".xml", ".wiki", ".json"))
    return [str(p) for p in (*files, *sorted((corpus / "dumps").glob("*.xml")))]


def run(command: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env={**os.environ, **(env or {})})
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 3):  # 3: the corpus's non-film pages are refused
        raise SystemExit(f"{' '.join(command[:6])} … failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def progress(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- loading


def copies_of(nq: Path, out: Path, copies: int) -> tuple[list[Path], int]:
    """The corpus's N-Quads files, ``copies`` times, each copy under its own graph IRIs."""
    files, quads = [], 0
    for k in range(copies):
        for f in sorted(nq.glob("*.nq")):
            data = f.read_bytes()
            if k:
                data = GRAPH_IRI.sub(lambda m: b"<https://w3id.org/kg-film/graph/" + m.group(1) + b"~copy" + str(k).encode() + b">", data)
            target = out / f"{f.stem}~{k}.nq"
            target.write_bytes(data)
            files.append(target)
            quads += data.count(b"\n")
    return files, quads


def bench_load(work: Path, nq: Path, copies: int, repeat: int, quiet: bool) -> dict:
    folder = work / "copies"
    folder.mkdir()
    files, quads = copies_of(nq, folder, copies)
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(oxigraph).exists():
        raise SystemExit("oxigraph (the server's CLI, pip install oxigraph) is not installed")
    single = work / "all.nq"
    with open(single, "wb") as out:
        for f in files:
            out.write(f.read_bytes())
    commands = {
        "kg load, one file per article": lambda target: [*KG, "load", *map(str, files), "--store", str(target), "-q"],
        "kg load, one file": lambda target: [*KG, "load", str(single), "--store", str(target), "-q"],
        "oxigraph load, one file": lambda target: [oxigraph, "load", "--location", str(target), "--file", str(single)],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(repeat):
        for k, (name, command) in enumerate(commands.items()):
            target = work / f"load-{k}-{i}"
            t = run(command(target))
            times[name].append(t)
            shutil.rmtree(target)
            progress(f"load {i + 1}/{repeat}: {name} {t:.2f} s", quiet)
    rates = {name: quads / statistics.median(ts) for name, ts in times.items()}
    reference = rates["oxigraph load, one file"]
    return {"files": len(files), "quads": quads, "copies": copies, "times": times, "quads_per_s": rates,
            "share_of_oxigraph": {name: rate / reference for name, rate in rates.items()}}


# --------------------------------------------------------------------------- queries

PARAMETERS = {"cast": "Army of Darkness", "awards": "Hayao Miyazaki", "roles": None, "songs": None,
              "wikidata": None, "provenance": None}


def bench_queries(store_dir: Path, repeat: int, quiet: bool) -> dict:
    import pyoxigraph as ox

    from kg.stores.embedded import EmbeddedStore
    from kg.stores.queries import PREFIXES, QUERIES, ask

    out = {}
    n = repeat * 5
    for name, value in PARAMETERS.items():
        kg_ms, rows = [], 0
        for _ in range(n):
            start = time.perf_counter()
            answer, _note = ask(EmbeddedStore(store_dir), name, value)
            kg_ms.append((time.perf_counter() - start) * 1000)
            rows = len(answer.rows)
        # the same SPARQL, straight on an open store (no lookup: every film, or the value's node)
        raw = ox.Store.read_only(str(store_dir))
        template = QUERIES[name].template.format(nodes="")
        raw_ms = []
        for _ in range(n):
            start = time.perf_counter()
            list(raw.query(PREFIXES + template, use_default_graph_as_union=True))
            raw_ms.append((time.perf_counter() - start) * 1000)
        del raw
        out[name] = {"parameter": value, "rows": rows, "kg_ms": statistics.median(kg_ms), "raw_all_ms": statistics.median(raw_ms)}
        progress(f"query {name}: {out[name]['kg_ms']:.1f} ms ({rows} rows)", quiet)
    return out


# --------------------------------------------------------------------------- export


def bench_export(work: Path, inputs: list[str], repeat: int, quiet: bool) -> dict:
    modes = ("files", "store", "both")
    out = {}
    for validate in (False, True):
        times: dict[str, list[float]] = {m: [] for m in modes}
        for i in range(repeat if not validate else max(1, repeat // 2)):
            for mode in modes:
                target = work / f"export-{mode}-{i}"
                where = {"files": ["-o", str(target / "files"), "--no-store"], "store": ["--no-files", "--store", str(target / "store")],
                         "both": ["-o", str(target / "files"), "--store", str(target / "store")]}[mode]
                t = run([*KG, "export", *inputs, *where, "-q"] + ([] if validate else ["--no-validate"]))
                times[mode].append(t)
                shutil.rmtree(target, ignore_errors=True)
                progress(f"export {'validated' if validate else 'unvalidated'} {i + 1}: {mode} {t:.2f} s", quiet)
        medians = {m: statistics.median(ts) for m, ts in times.items()}
        out["validated" if validate else "unvalidated"] = {"times": times, "median_s": medians,
                                                           "ratio_to_files": {m: medians[m] / medians["files"] for m in modes}}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--copies", type=int, default=20, help="copies of the corpus N-Quads to load (default 20)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", type=Path, help="also write every number as JSON to this file")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"corpus not found at {args.corpus}")
    inputs = corpus_inputs(args.corpus)
    with tempfile.TemporaryDirectory(prefix="kg-bench-store-") as tmp:
        work = Path(tmp)
        nq = work / "nq"
        run([*KG, "export", *inputs, "-o", str(nq), "-f", "nquads", "--no-store", "-q"])
        store_dir = work / "corpus-store"
        run([*KG, "load", *map(str, sorted(nq.glob("*.nq"))), "--store", str(store_dir), "-q"])
        results = {
            "load": bench_load(work, nq, args.copies, args.repeat, args.quiet),
            "queries": bench_queries(store_dir, args.repeat, args.quiet),
            "export": bench_export(work, inputs, args.repeat, args.quiet),
        }
    load = results["load"]
    print(f"## Loading: {load['files']} files, {load['quads']:,} quads ({load['copies']} copies of the corpus), median of {args.repeat}\n")
    print("| loader | median s | quads/s | share of oxigraph load's rate |\n|---|---:|---:|---:|")
    for name, ts in load["times"].items():
        print(f"| {name} | {statistics.median(ts):.2f} | {load['quads_per_s'][name]:,.0f} | {load['share_of_oxigraph'][name]:.0%} |")
    print()
    print(f"## Named questions over the corpus store, median of {args.repeat * 5}\n")
    print("| question | parameter | rows | kg query (ms) | the same SPARQL on an open store, no parameter (ms) |\n|---|---|---:|---:|---:|")
    for name, q in results["queries"].items():
        print(f"| {name} | {q['parameter'] or '—'} | {q['rows']} | {q['kg_ms']:.1f} | {q['raw_all_ms']:.1f} |")
    for kind, e in results["export"].items():
        print(f"\n## kg export of the corpus, {kind}, median s\n")
        print("| into | median s | ratio to files only |\n|---|---:|---:|")
        for mode in ("files", "store", "both"):
            print(f"| {mode} | {e['median_s'][mode]:.2f} | {e['ratio_to_files'][mode]:.2f} |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
