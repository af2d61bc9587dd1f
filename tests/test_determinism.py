"""Exporting the same input twice gives byte-identical files (CONTRACT.md, "Identity").

``kg export -f all`` runs in two fresh interpreters with different hash seeds, time
zones, working directories, input paths (absolute vs relative) and input order; every
file must be byte-identical, and no output may mention a local path or today's date.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "leaving-las-vegas.api.json"
FIXTURE = REPO / "tests" / "data" / "films" / "Les_Étoiles_(2003_film).wiki"
EXPECTED_FILES = sorted(
    f"{stem}.{ext}"
    for stem in ("Leaving_Las_Vegas", "Les_Étoiles_(2003_film)")
    for ext in ("jsonld", "nq", "nt", "trig", "ttl")
)


def kg_export(args: list[str], cwd: Path, hash_seed: str, tz: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "TZ": tz}
    command = [sys.executable, "-c", "from kg.cli import cli; cli(prog_name='kg')", "export", *args]
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"kg export {' '.join(args)} failed ({result.returncode}):\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[Path]]:
    """Two exports of the same two articles: (first output dir, second output dir, work dirs)."""
    one = tmp_path_factory.mktemp("run-one")
    two = tmp_path_factory.mktemp("run-two")
    # first run: absolute input paths into the repository, hash seed 0, UTC
    kg_export([str(EXAMPLE), str(FIXTURE), "-f", "all", "-o", str(one / "out")], one, "0", "UTC")
    # second run: relative copies, reversed order, another seed and time zone
    shutil.copy(EXAMPLE, two / "example.json")
    shutil.copy(FIXTURE, two / FIXTURE.name)
    kg_export([FIXTURE.name, "example.json", "-f", "all", "-o", "out"], two, "42", "Pacific/Kiritimati")
    return one / "out", two / "out", [one, two]


def test_same_files_written(exports) -> None:
    one, two, _ = exports
    assert sorted(os.listdir(one)) == EXPECTED_FILES
    assert sorted(os.listdir(two)) == EXPECTED_FILES


@pytest.mark.parametrize("name", EXPECTED_FILES)
def test_byte_identical(exports, name: str) -> None:
    one, two, _ = exports
    first, second = (one / name).read_bytes(), (two / name).read_bytes()
    assert len(first) > 500
    if first != second:
        a, b = first.decode("utf-8").splitlines(), second.decode("utf-8").splitlines()
        diff = [f"line {i + 1}:\n  - {x}\n  + {y}" for i, (x, y) in enumerate(zip(a, b)) if x != y][:10]
        pytest.fail(f"{name} differs between the two exports ({len(a)} vs {len(b)} lines):\n" + "\n".join(diff))


def _today_strings() -> set[str]:
    now_local, now_utc = dt.datetime.now(), dt.datetime.now(dt.timezone.utc)
    days = {now_local.date(), now_utc.date()}
    # the second run's time zone is UTC+14: its "today" may be tomorrow in UTC
    days |= {d + dt.timedelta(days=1) for d in list(days)} | {d - dt.timedelta(days=1) for d in list(days)}
    return {d.isoformat() for d in days}


@pytest.mark.parametrize("name", EXPECTED_FILES)
def test_no_local_paths_or_wall_clock(exports, name: str) -> None:
    one, two, work_dirs = exports
    for folder in (one, two):
        text = (folder / name).read_text(encoding="utf-8")
        for forbidden in [str(REPO), str(REPO.parent), *map(str, work_dirs), os.path.expanduser("~") + "/", "file:/", "/tmp/"]:
            assert forbidden not in text, f"{folder / name} mentions {forbidden!r}"
        for day in _today_strings():
            assert day not in text, f"{folder / name} holds a wall-clock date ({day})"
    # the provenance is there (so the date check looked at it): exporter, version, licence
    text = (one / name).read_text(encoding="utf-8")
    assert "software/kg" in text and "creativecommons.org/licenses/by-sa/4.0/" in text


def test_today_check_would_catch_a_clock_date(exports) -> None:
    """The date check is not vacuous: today's ISO date is what a wall-clock timestamp would hold."""
    stamp = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    assert any(stamp.startswith(day) for day in _today_strings())
