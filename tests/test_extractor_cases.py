"""Every case of ``tests/extractors/<extractor>/*.kgtest``, run through that extractor alone
(see tests/kgtest.py for the format). Test ids are ``<file>:<case>``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extractors import EXTRACTOR_NAMES

from .kgtest import Case, load, run_case

ROOT = Path(__file__).resolve().parent / "extractors"
CASES: list[tuple[str, Case]] = [
    (folder.name, case)
    for folder in sorted(p for p in ROOT.iterdir() if p.is_dir())
    for path in sorted(folder.glob("*.kgtest"))
    for case in load(path)
]


def test_every_folder_is_an_extractor() -> None:
    folders = {p.name for p in ROOT.iterdir() if p.is_dir()}
    assert folders <= set(EXTRACTOR_NAMES), folders - set(EXTRACTOR_NAMES)
    assert folders == set(EXTRACTOR_NAMES), f"no case files for {sorted(set(EXTRACTOR_NAMES) - folders)}"


@pytest.mark.parametrize(("extractor", "case"), CASES, ids=[f"{e}/{c.id}" for e, c in CASES])
def test_case(extractor: str, case: Case) -> None:
    actual, warnings = run_case(case, extractor)
    if actual != case.expect:
        pytest.fail(
            f"{case.file.name}:{case.line} {case.name} ({case.label})\n"
            f"expected: {json.dumps(case.expect, ensure_ascii=False)}\n"
            f"actual:   {json.dumps(actual, ensure_ascii=False)}"
        )
    if case.warnings is not None:
        assert warnings == case.warnings


def test_the_loader_rejects_broken_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.kgtest"
    bad.write_text("name: a\ninput:\nx\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.kgtest:1: the case has no expect:"):
        load(bad)
    bad.write_text("name: a\ninput:\nx\nexpect:\n[\n---\nname: a\ninput:\nx\nexpect:\n[]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"not JSON"):
        load(bad)
    bad.write_text("name: a\ninput:\nx\nexpect:\n[]\n---\nname: a\ninput:\nx\nexpect:\n[]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"a second case named 'a'"):
        load(bad)
