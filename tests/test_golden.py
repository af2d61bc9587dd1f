"""Golden files: each case's extraction (extraction.json) and graph (expected.ttl).

Graphs are compared by isomorphism, never as Turtle text; a failure prints the
triples only in the expected graph and only in the actual one, sorted. The
extraction layer is checked on its own, so a failure points at one stage.
Rewrite the golden files with ``pytest --update-golden`` after a deliberate change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from tests.helpers import extraction_of
from kg.mapping import build_graph
from kg.model import to_dict
from kg.sources import read_pages

from .conftest import EXAMPLE, parse_verbatim

CASES = Path(__file__).resolve().parent / "cases"
CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir())


def case_input(case: Path) -> Path:
    inputs = sorted(case.glob("input.*"))
    return inputs[0] if inputs else EXAMPLE


def case_pages(case: Path):
    source = case_input(case)
    title = None if source == EXAMPLE else case.name.replace("_", " ")
    return read_pages(str(source), title=title)


def _extraction_json(case: Path) -> dict:
    (page,) = case_pages(case)
    data = to_dict(extraction_of(page))
    data["page"]["source"] = case_input(case).name  # independent of where the repo lives
    return data


def _missing(path: Path) -> None:
    pytest.fail(f"golden file {path} is missing; create it with: python -m pytest {Path(__file__).name} --update-golden")


@pytest.mark.parametrize("case", CASE_DIRS, ids=[f"extraction:{c.name}" for c in CASE_DIRS])
def test_extraction_matches_golden(case: Path, update_golden: bool) -> None:
    actual = _extraction_json(case)
    golden = case / "extraction.json"
    if update_golden:
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if not golden.exists():
        _missing(golden)
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert actual == expected


def _nt_lines(g: Graph) -> list[str]:
    return sorted(line for line in g.serialize(format="nt").splitlines() if line.strip())


def assert_isomorphic(expected: Graph, actual: Graph) -> None:
    """Fail with the sorted triples only in one of the graphs (rdflib's graph_diff)."""
    if isomorphic(expected, actual):
        return
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = ["graphs differ", "only in expected:"]
    lines += ["  " + t for t in _nt_lines(only_expected)] or ["  (none)"]
    lines += ["only in actual:"]
    lines += ["  " + t for t in _nt_lines(only_actual)] or ["  (none)"]
    pytest.fail("\n".join(lines))


@pytest.mark.parametrize("case", CASE_DIRS, ids=[f"graph:{c.name}" for c in CASE_DIRS])
def test_graph_matches_golden(case: Path, update_golden: bool) -> None:
    (page,) = case_pages(case)
    actual = build_graph(extraction_of(page))
    golden = case / "expected.ttl"
    if update_golden:
        golden.write_bytes(actual.serialize(format="turtle", encoding="utf-8"))
    if not golden.exists():
        _missing(golden)
    expected = parse_verbatim(Graph(), golden, format="turtle")
    assert_isomorphic(expected, actual)


def test_assert_isomorphic_reports_differences() -> None:
    a = Graph().parse(data="<http://x/a> <http://x/p> 1 .", format="turtle")
    b = Graph().parse(data="<http://x/a> <http://x/p> 2 .", format="turtle")
    with pytest.raises(pytest.fail.Exception, match=r"(?s)only in expected:.*\"1\".*only in actual:.*\"2\""):
        assert_isomorphic(a, b)
