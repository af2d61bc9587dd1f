"""The ``kg`` command line: exact messages, exit codes and what lands in the output folder.

Exit codes (kg/errors.py): 0 ok, 1 a graph does not conform, 2 usage error,
3 an input could not be exported, 4 an output could not be written.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from rdflib import Dataset, Graph, URIRef

import kg.serialize
import kg.sinks.files
from kg import __version__
from kg.cli import cli
from kg.extractors import EXTRACTOR_NAMES
from kg.serialize import Format, output_name, serialize

REPO = Path(__file__).resolve().parents[1]
FILMS = REPO / "tests" / "data" / "films"
FIXTURE = FILMS / "Test_Film.wiki"
EXAMPLE = REPO / "examples" / "leaving-las-vegas.api.json"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def make_runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        return CliRunner()  # click >= 8.2 keeps stderr apart


def run(*args: str, input: bytes | str | None = None) -> Result:
    result = make_runner().invoke(cli, list(args), input=input, catch_exceptions=True, prog_name="kg")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def listing(folder: str | Path) -> list[str]:
    """Every entry of a folder, hidden ones included."""
    return sorted(os.listdir(folder))


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test runs in its own tmp dir, so sources in messages are short relative names."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def film() -> str:
    shutil.copy(FIXTURE, "Test_Film.wiki")
    return "Test_Film.wiki"


def write(name: str, content: str | bytes) -> str:
    Path(name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return name


def read_graph(path: str | Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


TELEVISION = "{{Infobox television\n| name = Show\n| genre = Drama\n}}\n'''Show''' is a television series.\n"
SERIES = "{{Infobox film\n| name = Foo\n}}\n'''Foo''' is an American film series of three horror films.\n"


# --------------------------------------------------------------------------- export: success


def test_export_title_from_file_name(film: str) -> None:
    result = run("export", film, "-o", "out")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert listing("out") == ["Test_Film.jsonld", "Test_Film.ttl"]
    line = result.stdout.strip()
    assert line.startswith("Test Film: ") and "triples" in line and "; conforms [" in line
    graph = read_graph("out/Test_Film.ttl")
    assert f"{len(graph)} triples" in line
    text = Path("out/Test_Film.ttl").read_text(encoding="utf-8")
    assert "<https://w3id.org/kg-film/resource/Test_Film> a schema:Movie" in text
    assert '"Test Film"@en' in text
    assert "<https://w3id.org/kg-film/resource/Ann_Bee>" in text


def test_export_title_from_option(film: str) -> None:
    result = run("export", film, "--title", "Other title", "-o", "out")
    assert result.exit_code == 0, result.stderr
    assert listing("out") == ["Other_title.jsonld", "Other_title.ttl"]
    assert result.stdout.startswith("Other title: ")
    assert "<https://w3id.org/kg-film/resource/Other_title>" in Path("out/Other_title.ttl").read_text(encoding="utf-8")


def test_export_quiet(film: str) -> None:
    result = run("export", film, "-o", "out", "-q")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    assert listing("out") == ["Test_Film.jsonld", "Test_Film.ttl"]


def test_export_default_is_the_bundled_example() -> None:
    """Both bundled examples, the article and its plain-text extract, each alone and merged."""
    result = run("export", "-o", "out")
    assert result.exit_code == 0, result.stderr
    assert listing("out") == [
        "Leaving_Las_Vegas.extract.jsonld", "Leaving_Las_Vegas.extract.ttl", "Leaving_Las_Vegas.jsonld",
        "Leaving_Las_Vegas.merged.jsonld", "Leaving_Las_Vegas.merged.trig", "Leaving_Las_Vegas.ttl",
    ]
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Leaving Las Vegas: 1450 triples; ") and lines[0].endswith("s]") and "; conforms [" in lines[0]
    assert lines[1].startswith("Leaving Las Vegas (plain-text extract): ") and "; conforms [" in lines[1]
    assert re.fullmatch(r"Leaving Las Vegas: 2 sources merged, 3 graphs, \d+ triples; \d+ statements stated by more than one, "
                        r"2 conflicts; merge graph conforms", lines[2])
    conflicts = [line for line in result.stderr.splitlines() if line.startswith("[CONFLICT] ")]
    assert len(conflicts) == 2
    assert conflicts[1].startswith('[CONFLICT] [Leaving Las Vegas] "Rotten Tomatoes average rating" schema:ratingValue: "7.6" (')
    assert 'with an average rating of 7.6/10.") / "7.7" (' in conflicts[1]


def test_export_stdin_with_title() -> None:
    result = run("export", "-", "--title", "Stdin Film", "-o", "out", input=FIXTURE.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert listing("out") == ["Stdin_Film.jsonld", "Stdin_Film.ttl"]
    assert "<https://w3id.org/kg-film/resource/Stdin_Film> a schema:Movie" in Path("out/Stdin_Film.ttl").read_text(encoding="utf-8")


def test_export_stdin_without_title() -> None:
    result = run("export", "-", "-o", "out", input=FIXTURE.read_bytes())
    assert result.exit_code == 2
    assert result.stderr == "Error: -: standard input holds wikitext, which has no title: pass --title\n"
    assert result.stdout == ""
    assert not Path("out").exists() or listing("out") == []


def test_export_base_iri(film: str) -> None:
    result = run("export", film, "-o", "out", "--base-iri", "http://example.org/films/")
    assert result.exit_code == 0, result.stderr
    text = Path("out/Test_Film.ttl").read_text(encoding="utf-8")
    assert "<http://example.org/films/resource/Test_Film> a schema:Movie" in text
    assert "w3id.org/kg-film/resource" not in text


def test_export_only_cast(film: str) -> None:
    full = run("export", film, "-o", "full")
    only = run("export", film, "-o", "only", "--only", "cast")
    assert full.exit_code == only.exit_code == 0, only.stderr
    full_graph, only_graph = read_graph("full/Test_Film.ttl"), read_graph("only/Test_Film.ttl")
    text = Path("only/Test_Film.ttl").read_text(encoding="utf-8")
    assert "kg:cast" in text and "schema:PerformanceRole" in text and '"Gus Hill"@en' in text
    assert "schema:director" not in text  # the crew extractor did not run
    assert "schema:director" in Path("full/Test_Film.ttl").read_text(encoding="utf-8")
    assert len(only_graph) < len(full_graph)


@pytest.mark.parametrize(
    ("options", "files"),
    [
        pytest.param(["--format", "nt", "--format", "nquads"], ["Test_Film.jsonld", "Test_Film.nq", "Test_Film.nt", "Test_Film.ttl"], id="nt+nquads"),
        pytest.param(["-f", "nt,trig"], ["Test_Film.jsonld", "Test_Film.nt", "Test_Film.trig", "Test_Film.ttl"], id="comma"),
        pytest.param(["-f", "all"], ["Test_Film.jsonld", "Test_Film.nq", "Test_Film.nt", "Test_Film.trig", "Test_Film.ttl"], id="all"),
        pytest.param(["-f", "turtle"], ["Test_Film.jsonld", "Test_Film.ttl"], id="turtle-is-default"),
    ],
)
def test_export_formats(film: str, options: list[str], files: list[str]) -> None:
    result = run("export", film, "-o", "out", *options)
    assert result.exit_code == 0, result.stderr
    assert listing("out") == files
    expected = read_graph("out/Test_Film.ttl")
    for name in files:
        assert Path("out", name).stat().st_size > 0
        if name.endswith((".nq", ".trig")):
            ds = Dataset()
            ds.parse(Path("out", name), format="nquads" if name.endswith(".nq") else "trig")
            assert sum(1 for _ in ds.quads()) == len(expected), name
        elif name.endswith(".nt"):
            assert len(Graph().parse(Path("out", name), format="nt")) == len(expected)


# --------------------------------------------------------------------------- export: usage errors (exit 2)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        pytest.param(["--format", "bogus"], "Invalid value for --format: unknown format 'bogus'; choose from turtle, json-ld, nt, nquads, trig, all", id="format"),
        pytest.param(["--base-iri", "notaniri"], 'Invalid value for --base-iri: base IRI "notaniri" must be an absolute http(s) IRI ending in "/"', id="base-iri"),
        pytest.param(["--base-iri", "https://example.org/no-slash"], 'Invalid value for --base-iri: base IRI "https://example.org/no-slash" must be an absolute http(s) IRI ending in "/"', id="base-iri-no-slash"),
        pytest.param(["--only", "nope"], f"Invalid value for --only: unknown extractor 'nope'; choose from {', '.join(EXTRACTOR_NAMES)}", id="only"),
        pytest.param(["--bogus-option"], None, id="option"),
    ],
)
def test_export_usage_errors(film: str, options: list[str], message: str | None) -> None:
    result = run("export", film, "-o", "out", *options)
    assert result.exit_code == 2
    if message is None:  # click's own wording, which differs between click versions
        assert re.search(r"\nError: No such option:? '?--bogus-option'?", result.stderr), result.stderr
    else:
        assert result.stderr.endswith(f"\nError: {message}\n")
    assert result.stderr.startswith("Usage: kg export [OPTIONS] [INPUTS]...")
    assert result.stdout == ""
    assert not Path("out").exists()


# --------------------------------------------------------------------------- export: input errors (exit 3)


def _bad_xml() -> str:
    return "<mediawiki><page><title>X</title>\n<revision><text>hi</revision></page></mediawiki>"


BAD_INPUTS = [
    pytest.param("missing.wiki", None, "Error: missing.wiki: no such file", id="missing"),
    pytest.param("folder", "<dir>", "Error: folder: is a directory, not a file", id="directory"),
    pytest.param("empty.wiki", "", "Error: empty.wiki: is empty", id="empty"),
    pytest.param("blank.wiki", " \n\t\n", "Error: blank.wiki: is empty", id="blank"),
    pytest.param("bad.json", '{"query": {"pages": ', "Error: bad.json: is not valid JSON (line 1 column 21: Expecting value)", id="invalid-json"),
    pytest.param("other.json", '{"name": "not an API response"}', "Error: other.json: is JSON but not a MediaWiki API response (expected query.pages or parse.wikitext)", id="not-api-json"),
    pytest.param("bad.xml", _bad_xml(), "Error: bad.xml: is not well-formed XML (line 2 column 21: mismatched tag)", id="malformed-xml"),
    pytest.param("Show.wiki", TELEVISION, "Error: Show.wiki (Show): is not a film article: no {{Infobox film}} (it has {{Infobox television}})", id="not-a-film"),
    pytest.param("Plain.wiki", "'''Plain''' is a word.\n", "Error: Plain.wiki (Plain): is not a film article: no {{Infobox film}}", id="no-infobox"),
    pytest.param(
        "Extract.txt", "Extract is a word for what is drawn out of something.\n\nIt is a noun.\n",
        "Error: Extract.txt (Extract): is a plain-text extract whose first sentence does not say that its subject is a film; "
        "only film articles are exported",
        id="plain-text-extract",
    ),
    pytest.param("Redir.wiki", "#REDIRECT [[Target Film]]\n", 'Error: Redir.wiki (Redir): is a redirect to "Target Film"; export "Target Film" instead', id="redirect"),
    pytest.param("Foo_trilogy.wiki", SERIES, "Error: Foo_trilogy.wiki (Foo trilogy): is about a film series, not a single film; export the articles of its films", id="series-lead"),
    pytest.param("Foo_(film_series).wiki", "{{Infobox film\n| name = Foo\n}}\n'''Foo''' is a film.\n", "Error: Foo_(film_series).wiki (Foo (film series)): is about a film series, not a single film; export the articles of its films", id="series-title"),
    pytest.param("latin1.wiki", "{{Infobox film}} caf\xe9".encode("latin-1"), "Error: latin1.wiki: is not UTF-8 text (invalid byte 0xe9 at offset 20)", id="not-utf8"),
]


def _make_input(name: str, content: str | bytes | None) -> None:
    if content == "<dir>":
        os.mkdir(name)
    elif content is not None:
        write(name, content)


@pytest.mark.parametrize(("name", "content", "message"), BAD_INPUTS)
def test_export_bad_input(name: str, content: str | bytes | None, message: str) -> None:
    _make_input(name, content)
    result = run("export", name, "-o", "out")
    assert result.exit_code == 3
    assert result.stderr == message + "\n"
    assert result.stdout == ""
    assert not Path("out").exists() or listing("out") == []


@pytest.mark.parametrize(("name", "content", "message"), BAD_INPUTS)
def test_export_bad_input_among_good_ones(film: str, name: str, content: str | bytes | None, message: str) -> None:
    """Every input is tried: the good ones are written, the bad one gets no file at all, exit 3."""
    _make_input(name, content)
    shutil.copy(FILMS / "AC%2FDC_Live_(film).wiki", "AC%2FDC_Live_(film).wiki")
    result = run("export", film, name, "AC%2FDC_Live_(film).wiki", "-o", "out")
    assert result.exit_code == 3
    assert result.stderr == message + "\n"
    assert listing("out") == ["AC%2FDC_Live_(film).jsonld", "AC%2FDC_Live_(film).ttl", "Test_Film.jsonld", "Test_Film.ttl"]
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == ["Test Film", "AC/DC Live (film)"]
    assert lines[-1] == f"store {os.environ['KG_STORE']}: 2 articles stored, 0 unchanged"


def test_export_same_title_twice(film: str) -> None:
    """Two inputs for the same title: the article is simply written again."""
    write("Test Film.wiki", FIXTURE.read_text(encoding="utf-8"))
    result = run("export", film, "Test Film.wiki", "-o", "out")
    assert result.exit_code == 0, result.stderr
    assert listing("out") == ["Test_Film.jsonld", "Test_Film.ttl"]


def test_export_long_titles_get_distinct_files(film: str) -> None:
    """Titles that differ only after 200 bytes get distinct files, cut and ended by a hash."""
    infobox = "{{Infobox film\n| name = Long\n| director = [[Ann Bee]]\n}}\n"
    first, second = "L" * 200 + "a", "L" * 200 + "b"
    write(f"{first}.wiki", infobox)
    write(f"{second}.wiki", infobox)
    result = run("export", f"{first}.wiki", f"{second}.wiki", "-o", "out")
    assert result.exit_code == 0, result.stderr
    stems = sorted({name.rsplit(".", 1)[0] for name in listing("out")})
    assert stems == sorted([output_name(first), output_name(second)]) and len(stems) == 2
    assert all(len(stem.encode()) == 200 and stem.startswith("L" * 191 + "~") for stem in stems)
    assert f"resource/{first}>" in Path("out", output_name(first) + ".ttl").read_text(encoding="utf-8")


def test_export_output_name_clash(film: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should two titles ever map to one file name, the second is refused, never overwrites."""
    monkeypatch.setattr(kg.sinks.files, "output_name", lambda title: "Same")
    write("Other Film.wiki", FIXTURE.read_text(encoding="utf-8"))
    result = run("export", film, "Other Film.wiki", "-o", "out")
    assert result.exit_code == 4
    assert result.stderr == 'Error: Other Film.wiki (Other Film): output name "Same" is already used by "Test Film"\n'
    assert listing("out") == ["Same.jsonld", "Same.ttl"]
    assert "resource/Test_Film>" in Path("out", "Same.ttl").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- atomic writes


def _fail_on_second_format(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> list:
    calls: list = []
    real = kg.serialize.serialize

    def flaky(graph, fmt):
        calls.append(fmt)
        if len(calls) == 2:
            raise error
        return real(graph, fmt)

    monkeypatch.setattr(kg.serialize, "serialize", flaky)
    return calls


def test_failed_write_leaves_no_partial_output(film: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fail_on_second_format(monkeypatch, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    result = run("export", film, "-o", "out")
    assert len(calls) == 2  # the Turtle file was serialized and staged before the failure
    assert result.exit_code == 4
    assert result.stderr == f"Error: out: cannot write output: {os.strerror(errno.ENOSPC)}\n"
    assert listing("out") == []  # no .ttl, no .jsonld, no .tmp


def test_failed_write_keeps_the_previous_export(film: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("export", film, "-o", "out").exit_code == 0
    before = {name: Path("out", name).read_bytes() for name in listing("out")}
    write(film, FIXTURE.read_text(encoding="utf-8").replace("Gus Hill", "Gus Changed"))
    _fail_on_second_format(monkeypatch, OSError(errno.EIO, os.strerror(errno.EIO)))
    result = run("export", film, "-o", "out")
    assert result.exit_code == 4
    assert {name: Path("out", name).read_bytes() for name in listing("out")} == before


def test_unexpected_error_leaves_no_temporary_file(film: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_on_second_format(monkeypatch, RuntimeError("serializer crashed"))
    result = make_runner().invoke(cli, ["export", film, "-o", "out"])
    assert result.exit_code == 5  # a bug is reported on one line, not as a traceback
    assert "internal error (RuntimeError: serializer crashed)" in result.stderr
    assert listing("out") == []


def test_failed_rename_leaves_no_partial_output(film: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.replace
    calls: list = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    result = run("export", film, "-o", "out")
    assert len(calls) >= 2
    assert result.exit_code == 4
    assert result.stderr == f"Error: out: cannot write output: {os.strerror(errno.EIO)}\n"
    assert listing("out") == []


def test_failed_rename_restores_the_previous_export(film: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last rename fails after the first format was replaced: the old files come back."""
    assert run("export", film, "-o", "out", "-f", "nt").exit_code == 0
    before = {name: Path("out", name).read_bytes() for name in listing("out")}
    write(film, FIXTURE.read_text(encoding="utf-8").replace("Gus Hill", "Gus Changed"))
    real = os.replace
    failed: list = []

    def flaky(src, dst):
        if str(src).endswith(".tmp") and Path(dst).name == "Test_Film.nt":
            failed.append(dst)
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    result = run("export", film, "-o", "out", "-f", "nt")
    assert failed and result.exit_code == 4
    after = {name: Path("out", name).read_bytes() for name in listing("out")}
    assert after == before  # same files (no .tmp, no backup left), same bytes
    assert b"Gus Hill" in after["Test_Film.ttl"]


def test_output_folder_cannot_be_created(film: str) -> None:
    write("a-file", "not a folder")
    result = run("export", film, "-o", "a-file/out")
    assert result.exit_code == 4
    assert result.stderr == "Error: a-file/out: cannot create the output folder (Not a directory)\n"
    assert result.stdout == ""
    assert Path("a-file").read_text(encoding="utf-8") == "not a folder"


def test_output_error_stops_the_export(film: str) -> None:
    """Exit 4 is final: once the folder cannot be written the other inputs are not tried."""
    write("a-file", "")
    shutil.copy(FILMS / "AC%2FDC_Live_(film).wiki", "AC%2FDC_Live_(film).wiki")
    result = run("export", film, "AC%2FDC_Live_(film).wiki", "-o", "a-file/out")
    assert result.exit_code == 4
    assert result.stderr.count("Error: ") == 1


@pytest.mark.skipif(IS_ROOT or os.name != "posix", reason="needs a POSIX user that file permissions apply to")
def test_read_only_output_folder(film: str) -> None:
    os.mkdir("out")
    os.chmod("out", 0o555)
    try:
        result = run("export", film, "-o", "out")
        assert result.exit_code == 4
        assert result.stderr == "Error: out: cannot write output: Permission denied\n"
        assert listing("out") == []
    finally:
        os.chmod("out", 0o755)


# --------------------------------------------------------------------------- validate


NON_CONFORMING = """\
@prefix schema: <http://schema.org/> .
<https://example.org/resource/Broken_Film> a schema:Movie ;
    schema:name "Broken Film" ;
    schema:sameAs <https://en.wikipedia.org/wiki/Broken_Film> ;
    schema:director "Some Person" .
"""


def test_validate_conforming_file(film: str) -> None:
    assert run("export", film, "-o", "out", "-f", "all").exit_code == 0
    result = run("validate", "out/Test_Film.ttl")
    assert result.exit_code == 0, result.output
    n = len(read_graph("out/Test_Film.ttl"))
    assert result.stdout == f"out/Test_Film.ttl: {n} triples; conforms\n"
    assert result.stderr == ""


@pytest.mark.parametrize("ext", ["nt", "nq", "trig"])
def test_validate_conforming_file_other_formats(film: str, ext: str) -> None:
    assert run("export", film, "-o", "out", "-f", "all").exit_code == 0
    n = len(read_graph("out/Test_Film.ttl"))
    result = run("validate", f"out/Test_Film.{ext}")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"out/Test_Film.{ext}: {n} triples; conforms\n"


def test_validate_jsonld_reads_the_triples(film: str) -> None:
    assert run("export", film, "-o", "out").exit_code == 0
    n = len(read_graph("out/Test_Film.ttl"))
    result = run("validate", "out/Test_Film.jsonld")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"out/Test_Film.jsonld: {n} triples; conforms\n"


def test_validate_non_conforming_jsonld() -> None:
    graph = Graph(identifier=URIRef("https://example.org/graph/Broken_Film"))
    graph.parse(data=NON_CONFORMING, format="turtle")
    write("broken.jsonld", serialize(graph, Format.JSONLD))  # shaped like kg's own JSON-LD
    result = run("validate", "broken.jsonld")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1].startswith("broken.jsonld: 4 triples; does not conform (")


def test_validate_non_conforming_file() -> None:
    write("broken.ttl", NON_CONFORMING)
    result = run("validate", "broken.ttl")
    assert result.exit_code == 1
    assert result.stderr == ""
    *violations, summary = result.stdout.splitlines()
    assert summary.startswith("broken.ttl: 4 triples; does not conform (")
    assert summary == f"broken.ttl: 4 triples; does not conform ({len(violations)} violations)"
    assert len(violations) >= 2
    for line in violations:
        assert line.startswith("broken.ttl: [Violation] <https://example.org/resource/Broken_Film> schema:")
        assert line.endswith("ConstraintComponent)")
    paths = {line.split("> ", 1)[1].split(":", 2)[0] + ":" + line.split("> ", 1)[1].split(":", 2)[1] for line in violations}
    assert paths == {"schema:director", "schema:name"}  # a string director; a name without @en
    assert len(set(violations)) == len(violations)


def test_validate_several_files_highest_code(film: str) -> None:
    assert run("export", film, "-o", "out").exit_code == 0
    write("broken.ttl", NON_CONFORMING)
    result = run("validate", "out/Test_Film.ttl", "broken.ttl", "missing.ttl")
    assert result.exit_code == 3
    assert result.stderr == "Error: missing.ttl: no such file\n"
    lines = result.stdout.splitlines()
    assert lines[0].startswith("out/Test_Film.ttl: ") and lines[0].endswith("; conforms")
    assert lines[-1].startswith("broken.ttl: 4 triples; does not conform (")


def test_validate_unparsable_file() -> None:
    write("bad.ttl", "this is not turtle <\n")
    result = run("validate", "bad.ttl")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.startswith("Error: bad.ttl: cannot parse as turtle: ")
    assert result.stderr.count("\n") == 1


def test_validate_unparsable_jsonld() -> None:
    write("bad.jsonld", '{"@graph": [')
    result = run("validate", "bad.jsonld")
    assert result.exit_code == 3
    assert result.stderr.startswith("Error: bad.jsonld: cannot parse as json-ld: ")


def test_validate_unknown_extension() -> None:
    write("data.txt", NON_CONFORMING)
    result = run("validate", "data.txt")
    assert result.exit_code == 3
    assert result.stderr == "Error: data.txt: unknown RDF format (use .ttl, .jsonld, .nt, .nq or .trig)\n"
    assert result.stdout == ""


def test_validate_missing_file() -> None:
    result = run("validate", "missing.ttl")
    assert result.exit_code == 3
    assert result.stderr == "Error: missing.ttl: no such file\n"


def test_validate_needs_a_file() -> None:
    result = run("validate")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: give FILE... or --store [DIR]\n")


# --------------------------------------------------------------------------- extract


def test_extract_prints_json(film: str) -> None:
    result = run("extract", film)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["parts"]["film"]["name"] == "Test Film"
    assert data["page"]["title"] == "Test Film"
    assert data["page"]["source"] == "Test_Film.wiki"
    assert "text" not in data["page"]
    characters = [c["character"] for c in data["parts"]["cast"]["credits"]]
    assert characters == ["Gus Hill", "Ivy Jones"]


def test_extract_stdin_and_title() -> None:
    result = run("extract", "-", "--title", "Piped", input=FIXTURE.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["page"]["title"] == "Piped"


def test_extract_not_a_film() -> None:
    write("Show.wiki", TELEVISION)
    result = run("extract", "Show.wiki")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == "Error: Show.wiki (Show): is not a film article: no {{Infobox film}} (it has {{Infobox television}})\n"


def test_extract_missing_file() -> None:
    result = run("extract", "missing.wiki")
    assert result.exit_code == 3
    assert result.stderr == "Error: missing.wiki: no such file\n"


def test_extract_bad_only(film: str) -> None:
    result = run("extract", film, "--only", "nope")
    assert result.exit_code == 2
    assert "Error: Invalid value for --only: unknown extractor 'nope'" in result.stderr


# --------------------------------------------------------------------------- help and version


@pytest.mark.parametrize(
    "command", [[], ["export"], ["validate"], ["extract"], ["report"]], ids=["kg", "export", "validate", "extract", "report"]
)
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(command: list[str], flag: str) -> None:
    result = run(*command, flag)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: kg {' '.join(command)}".rstrip() + " ")
    match = re.search(r"\n  Example:\n\n( {4,}kg .*\n)", result.stdout)
    assert match, result.stdout  # an indented block of kg command lines
    if command:
        assert match.group(1).strip().startswith(f"kg {command[0]}")
    assert result.stderr == ""


def test_every_command_is_covered() -> None:
    assert set(cli.commands) == {"export", "validate", "extract", "report", "load", "query", "store", "link"}


@pytest.mark.parametrize("command", sorted(cli.commands), ids=lambda c: f"readme:{c}")
def test_every_command_is_documented_in_the_readme(command: str) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"kg {command}" in readme


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    result = run(flag)
    assert result.exit_code == 0
    assert result.stdout == f"kg, version {__version__}\n"
    assert __version__.count(".") == 2


def test_unknown_command() -> None:
    result = run("exprot")
    assert result.exit_code == 2
    assert "No such command 'exprot'" in result.stderr


def test_click_is_the_installed_one() -> None:
    """The helper picks the right CliRunner form for the installed click."""
    assert make_runner().invoke(cli, ["--version"]).stderr == ""
    assert int(click.__version__.split(".")[0]) >= 8


def test_unexpected_error_is_one_line_exit_5_and_other_inputs_still_export(tmp_path, monkeypatch) -> None:
    """A bug while exporting one input never shows a traceback and never stops the others."""
    good = tmp_path / "Good_Film.wiki"
    good.write_text("{{Infobox film\n| name = Good Film\n| director = [[A B]]\n}}\n", encoding="utf-8")
    bad = tmp_path / "Bad_Film.wiki"
    bad.write_text("{{Infobox film\n| name = Bad Film\n| director = [[C D]]\n}}\n", encoding="utf-8")
    import kg.mapping

    original = kg.mapping.build_graph

    def flaky(extraction, minter=None):
        if extraction.page.title == "Bad Film":
            raise RuntimeError("boom\nsecond line")
        return original(extraction, minter)

    monkeypatch.setattr(kg.mapping, "build_graph", flaky)
    out = tmp_path / "out"
    result = run("export", str(bad), str(good), "-o", str(out), "-q")
    assert result.exit_code == 5
    assert result.stderr == (
        f"Error: {bad} (Bad Film): internal error (RuntimeError: boom second line); "
        f"this is a bug in kg {__version__}, please report it\n"
    )
    assert sorted(p.name for p in out.iterdir()) == ["Good_Film.jsonld", "Good_Film.ttl"]


@pytest.mark.parametrize(
    ("args", "name"),
    [
        pytest.param(["film.wiki", "--title", "Number #9 Film"], "Number", id="--title"),
        pytest.param(["Big #2.wiki"], "Big", id="file-name"),
    ],
)
def test_export_warns_when_a_title_has_a_section_part(args: list[str], name: str) -> None:
    """MediaWiki titles cannot hold "#": the part after it is a section, dropped with a warning."""
    for path in ("film.wiki", "Big #2.wiki"):
        write(path, "{{Infobox film\n| director = Ann\n}}\nA film.\n")
    result = run("export", *args, "-o", "out", "--no-validate")
    assert result.exit_code == 0, result.stderr
    section = "#9 Film" if name == "Number" else "#2"
    assert result.stderr == f'[WARN] [{name}] title: "{section}" is a section link, not part of a page title; the page is "{name}"\n'
    assert listing("out") == [f"{name}.jsonld", f"{name}.ttl"]


# --------------------------------------------------------------------------- the command line keeps its word


def test_output_that_is_a_file_is_an_output_error(film: str) -> None:
    write("afile", "keep me")
    result = run("export", film, "-o", "afile")
    assert result.exit_code == 4
    assert result.stderr == "Error: afile: cannot write output: it is not a folder\n"
    assert result.stdout == ""
    assert Path("afile").read_text(encoding="utf-8") == "keep me"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_output_dev_null_is_not_a_folder(film: str) -> None:
    result = run("export", film, "-o", "/dev/null")
    assert result.exit_code == 4
    assert result.stderr == "Error: /dev/null: cannot write output: it is not a folder\n"


def test_unreadable_input_is_an_input_error_and_the_others_export(film: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An input that cannot be opened is exit 3 for it alone (never a usage error that stops the run)."""
    write("secret.wiki", "{{Infobox film|name=Secret}}")
    real_open = open

    def guarded(path, *args, **kwargs):
        if str(path).endswith("secret.wiki"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded)
    result = run("export", "secret.wiki", film, "-o", "out")
    assert result.exit_code == 3
    assert result.stderr == "Error: secret.wiki: cannot be read (permission denied)\n"
    assert listing("out") == ["Test_Film.jsonld", "Test_Film.ttl"]


def test_a_text_file_named_bz2_is_not_bzip2() -> None:
    write("Film.xml.bz2", "{{Infobox film\n| name = Film\n}}\n'''Film''' is a film.\n")
    result = run("export", "Film.xml.bz2", "-o", "out")
    assert result.exit_code == 3
    assert result.stderr == (
        "Error: Film.xml.bz2: is not a bzip2 file (its name ends in .bz2, but it does not start with a bzip2 header)\n"
    )


DUMP = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/">
<page><title>Dump Film</title><ns>0</ns><id>1</id><revision><id>11</id><text>{{Infobox film
| name = Dump Film
| director = [[Dee Rector]]
}}
'''Dump Film''' is a 1999 film.</text></revision></page>
<page><title>Some Person</title><ns>0</ns><id>2</id><revision><id>12</id><text>{{Infobox person|name=P}}
P is a person.</text></revision></page>
<page><title>Old Name</title><ns>0</ns><id>3</id><redirect title="Dump Film" /><revision><id>13</id><text>#REDIRECT [[Dump Film]]</text></revision></page>
<page><title>Category:Films</title><ns>14</ns><id>4</id><revision><id>14</id><text>Films.</text></revision></page>
</mediawiki>
"""


def test_a_dumps_non_film_pages_are_counted_not_reported() -> None:
    write("dump.xml", DUMP)
    result = run("export", "dump.xml", "-o", "out")
    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Dump Film: ")
    assert lines[1] == "dump.xml: 4 pages: 1 exported, 3 refused (another infobox: 1, another namespace: 1, redirect: 1)"
    assert listing("out") == ["Dump_Film.jsonld", "Dump_Film.ttl"]


def test_a_dump_read_from_stdin_names_its_pages() -> None:
    result = run("export", "-", "-o", "out", input=DUMP.encode("utf-8"))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-2] == "-: 4 pages: 1 exported, 3 refused (another infobox: 1, another namespace: 1, redirect: 1)"
    single = run("export", "-", "-o", "out", input=b"<page><title>Old Name</title><ns>0</ns><revision><text>#REDIRECT [[Dump Film]]</text></revision></page>")
    assert single.exit_code == 3
    assert single.stderr == 'Error: - (Old Name): is a redirect to "Dump Film"; export "Dump Film" instead\n'


def test_a_single_refused_page_is_still_an_error() -> None:
    write("dump.xml", DUMP.split("<page><title>Some Person")[0] + "</mediawiki>\n")
    write("person.xml", "<mediawiki>" + DUMP.split("</page>\n")[1] + "</page></mediawiki>")
    result = run("export", "person.xml", "-o", "out")
    assert result.exit_code == 3
    assert result.stderr == "Error: person.xml (Some Person): is not a film article: no {{Infobox film}} (it has {{Infobox person}})\n"


# --------------------------------------------------------------------------- interrupts


def _films(folder: Path, count: int) -> list[str]:
    names = []
    for n in range(count):
        name = f"Film_{n:03d}.wiki"
        (folder / name).write_text(
            "{{Infobox film\n| name = Film %d\n| director = [[Dee Rector]]\n| starring = [[Ann Bee]]\n}}\n"
            "'''Film %d''' is a 1999 film.\n== Cast ==\n* [[Ann Bee]] as Cora\n* [[Cy Dee]] as Mo\n" % (n, n),
            encoding="utf-8",
        )
        names.append(name)
    return names


@pytest.mark.parametrize(
    ("signum", "code", "after"),
    [
        pytest.param(signal.SIGTERM, 143, 1, id="sigterm-early"),
        pytest.param(signal.SIGTERM, 143, 60, id="sigterm-late"),
        pytest.param(signal.SIGINT, 130, 20, id="sigint"),
    ],
)
@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_an_interrupted_export_leaves_whole_articles_and_no_temporary_file(tmp_path: Path, signum: int, code: int, after: int) -> None:
    """Each article's files appear all together or not at all, whenever the signal comes;
    the exit code is 128 + the signal; one line says what happened. The signal is sent once
    ``after`` articles are written (not after a fixed delay, which a fast machine outruns),
    so that it lands mid-run."""
    names = _films(tmp_path, 300)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "export", *names, "-o", str(out), "-f", "all", "-q"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if out.exists() and sum(1 for f in os.listdir(out) if f.endswith(".trig")) >= after:
            break
        time.sleep(0.002)
    proc.send_signal(signum)
    stdout, stderr = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the export finished before the signal (a very fast machine)")
    assert proc.returncode == code, stderr.decode()
    name = signal.Signals(signum).name
    assert stderr.decode().endswith(
        f"Error: interrupted ({name}); the articles written so far are complete, nothing partial was left\n"
    ), stderr.decode()
    files = sorted(os.listdir(out)) if out.exists() else []
    assert not [f for f in files if f.startswith(".")], files
    stems: dict[str, set[str]] = {}
    for f in files:
        stem, ext = f.rsplit(".", 1)
        stems.setdefault(stem, set()).add(ext)
    assert all(exts == {"ttl", "jsonld", "nt", "nq", "trig"} for exts in stems.values()), stems
    if len(stems) == len(names):
        pytest.skip("the signal came after the last article was written (a fast machine): nothing was cut short")
    assert len(stems) < len(names)
