"""Shared fixtures: the corpus folder, the golden-file switch, slow-test opt-in."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib


def parse_verbatim(target, *args, **kwargs):
    """Parse into ``target`` (a Graph or Dataset) keeping literals' lexical forms.

    rdflib rewrites some lexical forms when it parses ("PT90M" → "PT1H30M"), and
    pySHACL switches that normalisation back on after every validation; kg writes the
    forms the contract pins, so tests compare graphs parsed verbatim.
    """
    saved = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        return target.parse(*args, **kwargs)
    finally:
        rdflib.NORMALIZE_LITERALS = saved

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
EXAMPLE = REPO / "examples" / "leaving-las-vegas.api.json"


def pytest_configure(config: pytest.Config) -> None:
    """Every kg run of the session (in-process or a subprocess) writes its default store
    into a throw-away folder, never into the user's own ~/.local/share/kg/store."""
    import os
    import tempfile

    os.environ["KG_STORE"] = str(Path(tempfile.mkdtemp(prefix="kg-test-store-")) / "store")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")
    parser.addoption("--run-slow", action="store_true", help="run long fuzz tests too")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: pass --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real-article corpus (../shared/corpus); tests using it skip when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
