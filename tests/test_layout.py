"""The package's layout keeps its word: every module belongs to one stage of the flow and
imports only earlier stages; extraction is re-entrant; every part has its mapping."""

from __future__ import annotations

import ast
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from kg.extractors import EXTRACTORS
from kg.mapping import MAPPERS
from kg.pipeline import Options, process_page
from kg.sources import iter_pages


PACKAGE = Path(__file__).resolve().parents[1] / "kg"

# The flow, earliest first: a module may import its own stage and earlier ones only.
STAGES: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("kg.errors", "kg.titles", "kg.values", "kg.resources", "kg.interrupts", "kg.ntriples", "kg.staged")),
    ("model", ("kg.model",)),
    ("read", ("kg.sources",)),
    ("classify", ("kg.classify",)),
    ("parse", ("kg.wikitext",)),
    ("extract", ("kg.extract", "kg.extractors")),
    ("resolve", ("kg.resolve",)),
    ("link", ("kg.link",)),
    ("map", ("kg.iri", "kg.vocab", "kg.mapping")),
    ("validate", ("kg.validate",)),
    ("result", ("kg.result",)),
    ("merge", ("kg.merge",)),
    ("sink", ("kg.serialize", "kg.stores", "kg.sinks")),
    ("pipeline", ("kg.pipeline",)),
    ("workers", ("kg.workers",)),
    ("report", ("kg.report",)),
    ("cli", ("kg.cli",)),
]


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def stage_of(module: str) -> int | None:
    for rank, (_, prefixes) in enumerate(STAGES):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return None


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every kg module the file imports, at any depth (lazy imports too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("kg.")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.startswith("kg."):
            found.append((node.lineno, node.module))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "_resources" not in p.parts)


@pytest.mark.parametrize("path", [p for p in MODULES if p.name != "__init__.py" or p.parent != PACKAGE], ids=module_name)
def test_module_imports_no_later_stage(path: Path) -> None:
    """``kg/__init__.py`` (the facade that names every stage) aside, no module imports a later stage."""
    name = module_name(path)
    own = stage_of(name)
    assert own is not None, f"{name} belongs to no stage: add it to STAGES in {Path(__file__).name}"
    backward = [
        f"line {line}: {name} ({STAGES[own][0]}) imports {target} ({STAGES[stage_of(target)][0]})"
        for line, target in imports_of(path)
        if stage_of(target) is not None and stage_of(target) > own
    ]
    assert not backward, "\n".join(backward)


def test_the_layout_check_finds_a_backward_edge(tmp_path: Path) -> None:
    fake = PACKAGE / "wikitext" / "parse.py"
    tree_imports = imports_of(fake)
    assert all(stage_of(t) <= stage_of("kg.wikitext") for _, t in tree_imports)
    bad = tmp_path / "x.py"
    bad.write_text("def f():\n    from kg.mapping import build_graph\n", encoding="utf-8")
    assert [(2, "kg.mapping")] == imports_of(bad)
    assert stage_of("kg.mapping") > stage_of("kg.wikitext")


def test_report_counts_share_nothing_with_the_extractors() -> None:
    """kg report's markup counts are an oracle apart from the extractors' own detection."""
    imported = {t for _, t in imports_of(PACKAGE / "report.py")}
    assert not any(t == "kg.extractors" or t.startswith("kg.extractors.") for t in imported), imported
    assert "kg.wikitext" not in imported


def test_every_extractor_part_has_a_mapping_function() -> None:
    names = [e.name for e in EXTRACTORS]
    assert len(names) == len(set(names))
    for extractor in EXTRACTORS:
        assert isinstance(extractor.produces, type)
        assert extractor.produces in MAPPERS, f"{extractor.name}: add a mapping function for {extractor.produces.__name__}"


@pytest.mark.corpus
def test_pages_extracted_in_parallel_threads_equal_a_sequential_run(corpus: Path) -> None:
    """Per-page state lives in the page's scope: threads reading pages at once get the
    graphs a sequential run gives."""
    files = ["Cars_2.xml", "Spirited_Away.xml", "K.G.F%3A_Chapter_1.xml", "X-Men%3A_First_Class.xml",
             "Hum_Saath-Saath_Hain.xml", "The_Castle_of_Cagliostro.xml", "Baadshaho.xml", "Rocky.xml"]
    pages = [next(iter_pages(str(corpus / f))) for f in files]
    options = Options(validate=False)
    sequential = [process_page(p, options).graph for p in pages]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda p: process_page(p, options).graph, pages * 3))
    for n, graph in enumerate(parallel):
        assert graph is not None
        assert isomorphic(graph, sequential[n % len(pages)]), files[n % len(pages)]


def test_every_sink_kg_ships_is_registered_and_follows_the_protocol():
    import inspect

    import kg.sinks
    from kg.sinks import SINKS, Sink

    modules = sorted(p.stem for p in (PACKAGE / "sinks").glob("*.py") if p.stem != "__init__")
    assert sorted(sink.__module__.rsplit(".", 1)[1] for sink in SINKS.values()) == modules
    for name, sink in SINKS.items():
        assert sink.name == name
        assert isinstance(sink.concurrent, bool)
        for method in ("open", "put", "close"):
            assert inspect.signature(getattr(sink, method)).parameters.keys() == inspect.signature(getattr(Sink, method)).parameters.keys(), (name, method)
    assert kg.sinks.StoreSink is SINKS["store"]
