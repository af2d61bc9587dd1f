#!/usr/bin/env python
"""Per-stage wall-time benchmark of the kg export pipeline.

Usage::

    python benchmarks/bench.py [--corpus DIR] [--repeat N] [--json FILE]

Stages (one call per stage, timed with ``time.perf_counter``):

read          ``list(kg.read_pages(path))`` -- one input file (a dump holds many pages)
classify      ``kg.classify_page(page)`` -- the cheap pre-filter (a refusal is counted, not timed further)
parse         ``kg.parse_page(page)`` -- mwparserfromhell over the whole article
extract       ``kg.extract_page(page, code)`` + ``kg.resolve_page(extraction)`` -- the extractors
map           ``kg.build_graph(extraction, minter)``
validate      ``kg.validate.validate(graph)`` -- the first call of the process is reported
              on its own: it includes ``import pyshacl`` and parsing the shapes graph
ser:<fmt>     ``kg.serialize.serialize(graph, fmt)`` for every :class:`kg.serialize.Format`
ser:default   Turtle + JSON-LD, the pair ``kg export`` always writes
write         ``kg.serialize.write_outputs(graph, tmp, stem, DEFAULT_FORMATS)`` -- serializes
              the pair again and writes both files atomically (temp file + rename)
pipeline      classify + parse + extract + map + validate + write: what ``kg export`` does per
              page after reading (the same calls as ``kg.pipeline.process_page`` and the files sink)

It measures (a) the bundled example in-process, N repeats (the first repeat is the
cold one of this process and is reported apart), (b) every input file of the shared
corpus (N passes; per-article medians over the passes, then median/mean/max/total over
the articles; pages that raise :class:`kg.errors.KgError` are skipped and counted),
and (c) subprocess timings: the real ``kg export -o TMP`` on the example, ``import
kg.cli``, ``import pyshacl`` and a cold per-stage breakdown of one export in a fresh
interpreter.

Only the standard library and kg are used. Nothing of kg is imported at module level
so that the cold child process (``--_cold-child``) can time kg's imports itself.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "leaving-las-vegas.api.json"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
# Files of the corpus folder that are not inputs, and folders that hold no Wikipedia pages.
CORPUS_SKIP_FILES = {"MANIFEST.tsv", "README.txt"}
CORPUS_SKIP_DIRS = {"wikidata"}  # Wikidata entity JSON, not a MediaWiki page

perf = time.perf_counter


# --------------------------------------------------------------------------- helpers

def ms(seconds: float) -> float:
    return seconds * 1000.0


def stats(values: list[float]) -> dict:
    """median / mean / min / max / total of a list of seconds (empty → zeros)."""
    if not values:
        return {"n": 0, "median": 0.0, "mean": 0.0, "min": 0.0, "max": 0.0, "total": 0.0}
    return {
        "n": len(values),
        "median": statistics.median(values),
        "mean": statistics.fmean(values),
        "min": min(values),
        "max": max(values),
        "total": sum(values),
    }


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(who).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def vm_hwm_mb() -> float | None:
    """This process's own peak RSS from /proc/self/status (Linux; reset by exec, unlike
    ru_maxrss, which a spawned child inherits from the parent's high-water mark)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def timed(fn, *args, **kwargs):
    start = perf()
    result = fn(*args, **kwargs)
    return result, perf() - start


def machine_info() -> dict:
    try:
        affinity = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        affinity = None
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        nproc = None
    git = {}
    for key, cmd in (("commit", ["git", "rev-parse", "--short", "HEAD"]),
                     ("dirty_files", ["git", "status", "--porcelain", "--", "kg", "shapes", "ontology"])):
        try:
            out = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            continue
        git[key] = out.strip() if key == "commit" else len(out.splitlines())
    return {
        "git": git,
        "PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE"),
        "PYTHONPYCACHEPREFIX": os.environ.get("PYTHONPYCACHEPREFIX"),
        "kg_pycache_present": (REPO / "kg" / "__pycache__").is_dir(),
        "python": sys.version.split()[0],
        "python_full": sys.version,
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor() or None,
        "cpu_count": os.cpu_count(),
        "cpu_affinity": affinity,
        "nproc": nproc,
        "loadavg_at_start": load,
    }


# --------------------------------------------------------------------------- one article

class Pipeline:
    """The kg stages, imported lazily (so that their import cost lands in the first call)."""

    def __init__(self) -> None:
        import kg
        from kg.errors import KgError
        from kg.iri import DEFAULT_BASE_IRI, Minter
        from kg.wikitext import page_scope
        from kg.serialize import DEFAULT_FORMATS, Format, output_name, serialize, write_outputs

        self.kg = kg
        self.page_scope = page_scope
        self.iter_pages = kg.read_pages
        self.serialize = serialize
        self.write_outputs = write_outputs
        self.output_name = output_name
        self.formats = list(Format)
        self.default_formats = tuple(DEFAULT_FORMATS)
        self.minter = Minter(DEFAULT_BASE_IRI)
        self.KgError = KgError
        self.validate_calls = 0

    def validate(self, graph):
        from kg.validate import validate

        self.validate_calls += 1
        return validate(graph)

    def read(self, path: Path, title: str | None):
        return timed(lambda: list(self.iter_pages(str(path), title=title)))

    def run_page(self, page, out_dir: Path) -> dict:
        """All stages after reading, for one page. Raises KgError for a non-film page."""
        t: dict[str, float] = {}
        kg = self.kg
        refusal, t["classify"] = timed(kg.classify_page, page)
        if refusal is not None:
            raise refusal
        with self.page_scope():
            code, t["parse"] = timed(kg.parse_page, page)
            extraction, t["extract"] = timed(lambda: kg.resolve_page(kg.extract_page(page, code)))
        graph, t["map"] = timed(kg.build_graph, extraction, self.minter)
        first = self.validate_calls == 0
        report, dt = timed(self.validate, graph)
        t["validate_first" if first else "validate"] = dt
        for fmt in self.formats:
            _, t[f"ser:{fmt.cli_name}"] = timed(self.serialize, graph, fmt)
        start = perf()
        for fmt in self.default_formats:
            self.serialize(graph, fmt)
        t["ser:default"] = perf() - start
        stem = self.output_name(page.title)
        _, t["write"] = timed(self.write_outputs, graph, out_dir, stem, self.default_formats)
        t["pipeline"] = t["classify"] + t["parse"] + t["extract"] + t["map"] + t.get("validate", t.get("validate_first", 0.0)) + t["write"]
        return {
            "times": t,
            "triples": len(graph),
            "conforms": report.conforms,
            "violations": len(report.violations),
            "warnings": len(extraction.warnings),
        }


STAGE_ORDER = [
    "read", "classify", "parse", "extract", "map", "validate_first", "validate",
    "ser:turtle", "ser:json-ld", "ser:nt", "ser:nquads", "ser:trig", "ser:default",
    "write", "pipeline",
]
STAGE_LABEL = {
    "read": "read (read_pages → list)",
    "classify": "classify (pre-filter)",
    "parse": "parse (parse_page)",
    "extract": "extract+resolve (extract_page, resolve_page)",
    "map": "map (build_graph)",
    "validate_first": "validate — first call (import pyshacl + shapes)",
    "validate": "validate",
    "ser:turtle": "serialize turtle",
    "ser:json-ld": "serialize json-ld",
    "ser:nt": "serialize nt",
    "ser:nquads": "serialize nquads",
    "ser:trig": "serialize trig",
    "ser:default": "serialize default pair (turtle+json-ld)",
    "write": "write (write_outputs, default pair)",
    "pipeline": "pipeline (classify+parse+extract+map+validate+write)",
}


# --------------------------------------------------------------------------- (a) example

def bench_example(pipe: Pipeline, repeat: int, tmp: Path) -> dict:
    runs: list[dict[str, float]] = []
    result = None
    for _ in range(repeat):
        pages, t_read = pipe.read(EXAMPLE, None)
        assert len(pages) == 1, pages
        result = pipe.run_page(pages[0], tmp / "example")
        times = dict(result["times"])
        times["read"] = t_read
        runs.append(times)
    first = runs[0]
    warm = runs[1:] or runs
    stages = {}
    for stage in STAGE_ORDER:
        if stage == "validate_first":
            continue
        first_value = first.get(stage, first.get("validate_first") if stage == "validate" else None)
        warm_values = [r[stage] for r in warm if stage in r]
        stages[stage] = {"first": first_value, **stats(warm_values)}
    assert result is not None
    return {
        "input": str(EXAMPLE.relative_to(REPO)),
        "repeat": repeat,
        "triples": result["triples"],
        "conforms": result["conforms"],
        "violations": result["violations"],
        "stages": stages,
        "runs": runs,
    }


# --------------------------------------------------------------------------- (b) corpus

def corpus_inputs(corpus: Path) -> list[tuple[Path, str | None]]:
    """Every input file of the corpus (sorted, dumps included) with its MANIFEST title."""
    titles: dict[str, str] = {}
    manifest = corpus / "MANIFEST.tsv"
    if manifest.is_file():
        with open(manifest, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if row.get("file") and row.get("article_title") and not row["file"].startswith("dumps/"):
                    titles[row["file"]] = row["article_title"]
    inputs = []
    for path in sorted(corpus.rglob("*")):
        rel = path.relative_to(corpus)
        if not path.is_file() or rel.parts[0] in CORPUS_SKIP_DIRS or str(rel) in CORPUS_SKIP_FILES:
            continue
        inputs.append((path, titles.get(rel.as_posix())))
    return inputs


def bench_corpus(pipe: Pipeline, corpus: Path, repeat: int, tmp: Path, progress: bool) -> dict:
    inputs = corpus_inputs(corpus)
    # key (file, page index) -> list of per-pass stage dicts
    per_article: dict[tuple[str, int], list[dict[str, float]]] = {}
    info: dict[tuple[str, int], dict] = {}
    read_times: dict[str, list[float]] = {}
    skipped: Counter[str] = Counter()
    skipped_pages: list[dict] = []
    read_errors: list[dict] = []
    pages_total = 0
    t0 = perf()
    for n in range(repeat):
        if progress:
            print(f"  corpus pass {n + 1}/{repeat} ({len(inputs)} inputs) …", file=sys.stderr, flush=True)
        for path, title in inputs:
            rel = path.relative_to(corpus).as_posix()
            try:
                pages, t_read = pipe.read(path, title)
            except Exception as exc:  # KgError: not readable; anything else: a kg bug
                if n == 0:
                    kind = type(exc).__name__ if isinstance(exc, pipe.KgError) else f"CRASH {type(exc).__name__}"
                    skipped[f"read: {kind}"] += 1
                    read_errors.append({"file": rel, "error": kind, "message": str(exc)[:200]})
                continue
            read_times.setdefault(rel, []).append(t_read)
            if n == 0:
                pages_total += len(pages)
            for i, page in enumerate(pages):
                key = (rel, i)
                try:
                    result = pipe.run_page(page, tmp / "corpus")
                except pipe.KgError as exc:
                    if n == 0:
                        skipped[type(exc).__name__] += 1
                        skipped_pages.append({"file": rel, "title": page.title, "error": type(exc).__name__})
                    continue
                except Exception as exc:  # a kg bug: count it, keep benchmarking the rest
                    if n == 0:
                        skipped[f"CRASH {type(exc).__name__}"] += 1
                        skipped_pages.append({"file": rel, "title": page.title, "error": f"CRASH {exc!r}"[:300]})
                        print(f"  warning: {rel} ({page.title}) crashed: {exc!r}", file=sys.stderr)
                    continue
                per_article.setdefault(key, []).append(result["times"])
                info[key] = {
                    "file": rel,
                    "title": page.title,
                    "triples": result["triples"],
                    "conforms": result["conforms"],
                    "violations": result["violations"],
                    "warnings": result["warnings"],
                }
    elapsed = perf() - t0
    # per-article median over the passes, then statistics over the articles
    medians: dict[tuple[str, int], dict[str, float]] = {}
    for key, runs in per_article.items():
        stages = {s for r in runs for s in r}
        medians[key] = {s: statistics.median([r[s] for r in runs if s in r]) for s in stages}
    stages_out = {}
    for stage in STAGE_ORDER:
        if stage == "read":
            values = [statistics.median(v) for v in read_times.values()]
        else:
            values = [m[stage] for m in medians.values() if stage in m]
        if values:
            stages_out[stage] = stats(values)
    articles = []
    for key in sorted(medians):
        articles.append({**info[key], "times": medians[key]})
    slowest = sorted(articles, key=lambda a: a["times"]["pipeline"], reverse=True)[:5]
    return {
        "corpus": str(corpus),
        "repeat": repeat,
        "inputs": len(inputs),
        "inputs_read": len(read_times),
        "pages": pages_total,
        "articles": len(articles),
        "skipped": dict(sorted(skipped.items())),
        "skipped_total": sum(skipped.values()),
        "triples": sum(a["triples"] for a in articles),
        "nonconforming": sum(1 for a in articles if not a["conforms"]),
        "wall_seconds_all_passes": elapsed,
        "stages": stages_out,
        "slowest": [{"title": a["title"], "file": a["file"], "pipeline": a["times"]["pipeline"],
                     "validate": a["times"].get("validate", a["times"].get("validate_first")),
                     "triples": a["triples"]} for a in slowest],
        "articles_detail": articles,
        "skipped_pages": skipped_pages,
        "read_errors": read_errors,
    }


# --------------------------------------------------------------------------- (c) subprocesses

def kg_command() -> list[str]:
    """The installed ``kg`` console script next to this interpreter, else an equivalent."""
    script = Path(sys.executable).parent / ("kg.exe" if os.name == "nt" else "kg")
    if script.exists():
        return [str(script)]
    found = shutil.which("kg")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from kg.cli import cli; cli(sys.argv[1:])"]


def run_wall(cmd: list[str], env: dict | None = None, check: bool = True) -> tuple[float, subprocess.CompletedProcess]:
    start = perf()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = perf() - start
    if check and proc.returncode not in (0,):
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr[-2000:]}")
    return wall, proc


def importtime_us(module: str) -> int | None:
    """Cumulative import time (µs) of ``module`` as reported by ``python -X importtime``."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                          capture_output=True, text=True)
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s*(\d+)\s*\|\s*(\d+)\s*\|(\s*)(\S+)", line)
        if m and m.group(4) == module and len(m.group(3)) <= 1:
            return int(m.group(2))
    return None


COLD_CHILD_STAGES = [
    "import kg.cli", "import pipeline modules", "read", "extract", "map",
    "import pyshacl", "parse shapes", "validate (after import+shapes)", "validate (2nd call)",
    "write (default pair, 1st)", "write (default pair, 2nd)",
]


def cold_child(out: str) -> None:
    """One export of the example in this fresh interpreter, each stage timed (prints JSON)."""
    t: dict[str, float] = {}
    start = perf()
    import kg.cli  # noqa: F401  (what the console script imports)
    t["import kg.cli"] = perf() - start
    s = perf()
    import kg
    from kg.iri import DEFAULT_BASE_IRI, Minter
    from kg.wikitext import page_scope
    from kg.serialize import DEFAULT_FORMATS, output_name, write_outputs
    from kg.validate import shapes_graph, validate
    import kg.extract, kg.mapping, kg.resolve, kg.sources  # noqa: E401,F401  (the stage modules)
    t["import pipeline modules"] = perf() - s
    pages, t["read"] = timed(lambda: list(kg.read_pages(str(EXAMPLE))))

    def extract():
        with page_scope():
            return kg.resolve_page(kg.extract_page(pages[0], kg.parse_page(pages[0])))

    extraction, t["extract"] = timed(extract)
    graph, t["map"] = timed(kg.build_graph, extraction, Minter(DEFAULT_BASE_IRI))
    s = perf()
    import pyshacl  # noqa: F401
    t["import pyshacl"] = perf() - s
    _, t["parse shapes"] = timed(shapes_graph)
    _, t["validate (after import+shapes)"] = timed(validate, graph)
    _, t["validate (2nd call)"] = timed(validate, graph)
    stem = output_name(pages[0].title)
    _, t["write (default pair, 1st)"] = timed(write_outputs, graph, Path(out), stem, DEFAULT_FORMATS)
    _, t["write (default pair, 2nd)"] = timed(write_outputs, graph, Path(out), stem, DEFAULT_FORMATS)
    t["total in-process (excl. 2nd calls)"] = sum(
        v for k, v in t.items() if "2nd" not in k)
    hwm = vm_hwm_mb()
    print(json.dumps({"times": t, "peak_rss_mb": hwm if hwm is not None else peak_rss_mb()}))


def bench_subprocess(repeat: int, tmp: Path, progress: bool) -> dict:
    py = sys.executable
    kg = kg_command()
    measurements: dict[str, list[float]] = {}
    cli_rc: list[int] = []
    child_stage_runs: list[dict[str, float]] = []
    child_rss: list[float] = []
    importtime: dict[str, list[int]] = {"kg.cli": [], "pyshacl": [], "rdflib": []}
    for n in range(repeat):
        if progress:
            print(f"  subprocess round {n + 1}/{repeat} …", file=sys.stderr, flush=True)
        out = tmp / f"cli-{n}"
        wall, proc = run_wall(kg + ["export", "-o", str(out)], check=False)
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"kg export exited {proc.returncode}: {proc.stderr[-2000:]}")
        cli_rc.append(proc.returncode)
        measurements.setdefault("kg export -o TMP (example, cold CLI)", []).append(wall)
        # The same with kg's bytecode cached (in a temporary PYTHONPYCACHEPREFIX, so nothing is
        # written into the checkout): shows what PYTHONDONTWRITEBYTECODE=1 costs a cold run.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        if n == 0:
            run_wall(kg + ["export", "-q", "-o", str(tmp / "cli-pyc-warmup")], env=env, check=False)
        wall, _ = run_wall(kg + ["export", "-o", str(tmp / f"cli-pyc-{n}")], env=env, check=False)
        measurements.setdefault("kg export -o TMP, bytecode cached (PYTHONPYCACHEPREFIX)", []).append(wall)
        out_nv = tmp / f"cli-nv-{n}"
        wall, _ = run_wall(kg + ["export", "--no-validate", "-o", str(out_nv)], check=False)
        measurements.setdefault("kg export --no-validate -o TMP", []).append(wall)
        wall, _ = run_wall(kg + ["--version"])
        measurements.setdefault("kg --version (startup only)", []).append(wall)
        for label, code in (
            ("python -c pass (interpreter baseline)", "pass"),
            ("python -c 'import kg.cli'", "import kg.cli"),
            ("python -c 'import rdflib'", "import rdflib"),
            ("python -c 'import pyshacl'", "import pyshacl"),
        ):
            wall, _ = run_wall([py, "-c", code])
            measurements.setdefault(label, []).append(wall)
        for module in importtime:
            value = importtime_us(module)
            if value is not None:
                importtime[module].append(value)
        wall, proc = run_wall([py, str(Path(__file__).resolve()), "--_cold-child", str(tmp / f"child-{n}")])
        data = json.loads(proc.stdout)
        child_stage_runs.append(data["times"])
        child_rss.append(data["peak_rss_mb"])
    cold_stages = {}
    for key in child_stage_runs[0]:
        cold_stages[key] = stats([r[key] for r in child_stage_runs])
    return {
        "repeat": repeat,
        "kg_command": kg,
        "cli_exit_codes": cli_rc,
        "wall": {k: stats(v) for k, v in measurements.items()},
        "importtime_us_median": {k: (statistics.median(v) if v else None) for k, v in importtime.items()},
        "cold_stages": cold_stages,
        "cold_child_peak_rss_mb_median": statistics.median(child_rss),
    }


# --------------------------------------------------------------------------- report

def fmt_ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{ms(seconds):,.1f}"


def render(results: dict) -> str:
    m = results["machine"]
    lines = []
    add = lines.append
    add(f"kg {results['kg_version']} benchmark — Python {m['python']} ({m['implementation']}), {m['platform']}")
    add(f"CPUs: nproc={m['nproc']}, os.cpu_count={m['cpu_count']}, affinity={m['cpu_affinity']}; "
        f"load average at start: {m['loadavg_at_start']}")
    git = m.get("git") or {}
    if git:
        add(f"kg checkout: commit {git.get('commit', '?')}, {git.get('dirty_files', '?')} uncommitted files "
            "under kg/ shapes/ ontology/")
    add(f"PYTHONDONTWRITEBYTECODE={m.get('PYTHONDONTWRITEBYTECODE')!s}, PYTHONPYCACHEPREFIX="
        f"{m.get('PYTHONPYCACHEPREFIX')!s}, kg/__pycache__ present: {m.get('kg_pycache_present')}")
    add(f"repeat={results['repeat']}; all times in ms (wall, time.perf_counter)")
    add("")

    ex = results.get("example")
    if ex:
        add(f"## (a) Example: {ex['input']} — 1 article, {ex['triples']} triples, "
            f"{'conforms' if ex['conforms'] else 'DOES NOT CONFORM'}; {ex['repeat']} in-process repeats")
        add("")
        add("first = repeat 1 (cold in this process: lazy imports, rdflib plugins, pyshacl, shapes); "
            "median/mean/max over repeats 2..N")
        add("")
        add("| stage | first | median | mean | max |")
        add("|---|---:|---:|---:|---:|")
        for stage in STAGE_ORDER:
            s = ex["stages"].get(stage)
            if s is None:
                continue
            label = STAGE_LABEL[stage]
            if stage == "validate":
                label = "validate (first = import pyshacl + parse shapes + validate)"
            add(f"| {label} | {fmt_ms(s['first'])} | {fmt_ms(s['median'])} | {fmt_ms(s['mean'])} | {fmt_ms(s['max'])} |")
        add("")

    co = results.get("corpus")
    if co:
        add(f"## (b) Corpus: {co['corpus']}")
        add("")
        add(f"{co['inputs']} input files ({co['inputs_read']} readable), {co['pages']} pages → "
            f"{co['articles']} film articles exported, {co['skipped_total']} skipped; "
            f"{co['triples']:,} triples; {co['nonconforming']} non-conforming; "
            f"{co['repeat']} passes (per-article median over passes), "
            f"{co['wall_seconds_all_passes']:.1f} s for all passes")
        add("")
        add("skipped: " + (", ".join(f"{k} {v}" for k, v in co["skipped"].items()) or "none"))
        add("")
        add("| stage | n | median | mean | max | total |")
        add("|---|---:|---:|---:|---:|---:|")
        for stage in STAGE_ORDER:
            s = co["stages"].get(stage)
            if s is None:
                continue
            label = STAGE_LABEL[stage] + (" — per input file" if stage == "read" else "")
            add(f"| {label} | {s['n']} | {fmt_ms(s['median'])} | {fmt_ms(s['mean'])} | "
                f"{fmt_ms(s['max'])} | {fmt_ms(s['total'])} |")
        add("")
        add("slowest articles (pipeline ms / validate ms / triples): " + "; ".join(
            f"{a['title']} {fmt_ms(a['pipeline'])} / {fmt_ms(a['validate'])} / {a['triples']}" for a in co["slowest"]))
        add("")

    sp = results.get("subprocess")
    if sp:
        add(f"## (c) Cold processes ({sp['repeat']} runs each; `{' '.join(sp['kg_command'])}`)")
        add("")
        add("| measurement | median | min | max |")
        add("|---|---:|---:|---:|")
        for label, s in sp["wall"].items():
            add(f"| {label} | {fmt_ms(s['median'])} | {fmt_ms(s['min'])} | {fmt_ms(s['max'])} |")
        for module, us in sp["importtime_us_median"].items():
            if us is not None:
                add(f"| -X importtime cumulative: {module} | {us / 1000:,.1f} | | |")
        add("")
        add(f"kg export exit codes: {sp['cli_exit_codes']}")
        add("")
        add("Cold breakdown of one example export in a fresh interpreter (`bench.py --_cold-child`):")
        add("")
        add("| step | median | min | max |")
        add("|---|---:|---:|---:|")
        for label, s in sp["cold_stages"].items():
            add(f"| {label} | {fmt_ms(s['median'])} | {fmt_ms(s['min'])} | {fmt_ms(s['max'])} |")
        add("")

    add(f"peak RSS: benchmark process {results['peak_rss_mb']:.1f} MiB"
        + (f"; cold child, one example export (VmHWM) {sp['cold_child_peak_rss_mb_median']:.1f} MiB"
           if sp else ""))
    return "\n".join(lines)


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="the shared corpus folder (default: %(default)s); skipped when absent")
    parser.add_argument("--repeat", type=int, default=5,
                        help="repeats of the example, passes over the corpus and cold subprocess runs (default 5)")
    parser.add_argument("--corpus-repeat", type=int, default=None,
                        help="passes over the corpus (default: --repeat)")
    parser.add_argument("--json", type=Path, default=None, help="also write all results to this JSON file")
    parser.add_argument("--no-corpus", action="store_true", help="skip the corpus")
    parser.add_argument("--no-subprocess", action="store_true", help="skip the cold CLI / import timings")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress lines on stderr")
    parser.add_argument("--_cold-child", dest="cold_child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cold_child:
        cold_child(args.cold_child)
        return 0
    if args.repeat < 1:
        parser.error("--repeat must be >= 1")
    progress = not args.quiet

    from kg import __version__

    results: dict = {"kg_version": __version__, "machine": machine_info(), "repeat": args.repeat}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmpname:
        tmp = Path(tmpname)
        pipe = Pipeline()
        if progress:
            print(f"example ({args.repeat} repeats) …", file=sys.stderr, flush=True)
        results["example"] = bench_example(pipe, args.repeat, tmp)
        if not args.no_corpus:
            if args.corpus.is_dir():
                results["corpus"] = bench_corpus(pipe, args.corpus.resolve(), args.corpus_repeat or args.repeat,
                                                 tmp, progress)
            else:
                print(f"corpus {args.corpus} not found; skipped", file=sys.stderr)
        results["peak_rss_mb"] = peak_rss_mb()
        if not args.no_subprocess:
            results["subprocess"] = bench_subprocess(args.repeat, tmp, progress)
    text = render(results)
    print(text)
    if args.json:
        from datetime import datetime

        results["date"] = datetime.now().isoformat(timespec="seconds")
        results["table"] = text
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
