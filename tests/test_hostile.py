"""Hostile input: whatever an article, a title or an interrupt does, kg answers calmly.

"Hostile input" is what no editor meant kg to read: generated and mutated articles
(broken, unclosed and deeply nested templates, tables, links, tags and comments; stray
pipes; huge cells; RTL text, combining marks, emoji and joiners; control characters and
NULs; HTML entities; invalid UTF-8), markup on which mwparserfromhell's tokenizer is
quadratic, inputs at their limits (a 5 MB article, 500 cast members, 300-character
titles; an empty infobox, two infoboxes, a film series, a page of another namespace),
titles and names full of characters that IRIs, file systems and RDF syntaxes treat
specially, and an interrupt while an article's files are put in place.

Every test promises, for its inputs:

1. never a traceback: a page is exported or refused with a :class:`kg.errors.KgError`,
   never an :class:`~kg.errors.InternalError` (a bug's exception is re-raised here with
   its traceback); the command line exits with a code and one line per problem;
2. never markup in a literal: no literal holds ``[[``, ``{{`` or ``<ref``, and every
   :class:`kg.serialize.Format` parses back (rdflib, literals verbatim) to a graph
   isomorphic to the original, which pyoxigraph reads too;
3. bounded CPU time: every bound is asserted on :func:`time.process_time` measured after
   a :func:`gc.collect` (:func:`cpu_seconds`; a fuzz article is measured again with one
   only when a first look without it is over), never on wall time, so a busy machine does
   not count; each bound says why it is what it is, and growth from a quarter of a
   scalable input to all of it must stay linear (:func:`assert_linear_cpu`), which
   catches a quadratic blow-up on any CPU;
4. valid IRIs and safe file names: pyoxigraph accepts every IRI; a file name fits in 255
   bytes, holds no reserved character, stays in the output folder, and is never shared
   by two titles;
5. atomic writes: an article's files appear all together or not at all, what was there
   before is kept, and no temporary file is ever left behind.

The default run uses the CI hypothesis profile (40 examples per property); ``--run-slow``
adds the long runs (1,000 examples per property, marked ``slow``).
"""

from __future__ import annotations

import gc
import os
import random
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pyoxigraph
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import kg
import kg.serialize
from kg.cli import cli
from kg.errors import InternalError, KgError
from kg.iri import Minter
from kg.model import Accolades, Cast, Page
from kg.wikitext import clean_text, parse
from kg.pipeline import Options, process_page
from kg.result import PageResult
from kg.serialize import Format, jsonld_context, output_name, serialize, write_outputs
from kg.titles import normalise_title

from .conftest import REPO, parse_verbatim
from .helpers import extraction_of

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's ConjunctiveGraph notices

T = TypeVar("T")
TITLE = "Fuzz Film"
SCHEMA = "http://schema.org/"
BASE = "https://w3id.org/kg-film/"
KG = "https://w3id.org/kg-film/ontology#"
SNIPPET = (REPO / "tests" / "cases" / "Snippet_Film" / "input.wiki").read_text(encoding="utf-8")
TABLED = (REPO / "tests" / "cases" / "Tabled_Film" / "input.wiki").read_text(encoding="utf-8")

CI = settings(
    max_examples=40,
    deadline=None,  # time is bounded in CPU seconds by check_article, not by hypothesis' wall-clock deadline
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
LONG = settings(CI, max_examples=1000)

# --------------------------------------------------------------------------- bounded CPU time (promise 3)
#
# Figures are this machine's (2 cores). CPU time does not count other processes, but a
# shared core, a slower CPU or a coverage run can still make kg's own work slower, hence
# the headroom; the growth check does not depend on the machine at all.

#: One fuzz article (a few kB, or up to ~300 kB with a huge cell duplicated): the CI
#: examples take under 0.3 s of CPU here and the slowest of the 1,000-example long runs
#: 1 s (a 100 kB cell). 5 s is 5x that, and a step quadratic in 100 kB of markup takes
#: 10-30 s (as the pathological inputs below did before kg.wikitext bounded them).
ARTICLE_CPU_LIMIT = 5.0
#: A pathological input: the slowest (100 kB of list items in one cell) takes 2.6 s here;
#: 15 s is over 5x that. This bound catches a linear step that got much slower; the
#: growth check below catches the quadratic ones, whatever the CPU.
PATHOLOGICAL_CPU_LIMIT = 15.0
#: From a quarter of an input to all of it, linear work grows 4x and quadratic work 16x;
#: 8x lies between, so only a step quadratic (or worse) in the input fails it. The
#: slack absorbs fixed costs and timer noise on small inputs, which take well under 0.5 s
#: and are no blow-up at any growth.
GROWTH_LIMIT, GROWTH_SLACK = 8.0, 0.5
#: Exporting the 5 MB article (90,000 links, all five formats, validated) takes ~8 s of
#: CPU here; 60 s is over 7x that, and a step quadratic in its 5 million characters or
#: its 90,000 links would take hours.
FIVE_MB_CPU_LIMIT = 60.0
#: Exporting 500 cast members (all formats, validated, in-process) takes ~1.1 s of CPU
#: here; 10 s is 9x that. The growth check (125 → 500 members) catches a step quadratic
#: in the cast, which the absolute bound would only catch at ~40 µs per pair of members.
CAST_CPU_LIMIT = 10.0
#: ``kg export`` of 20 mutated articles of a few kB in a child process, interpreter start
#: and imports included, takes ~1.4 s of CPU here; 20 s is over 10x that. Articles this
#: small show no quadratic step; the bound fails a runaway article (one taking ~20 s, or
#: every one of them 1 s, 50x its cost here).
CLI_CPU_LIMIT = 20.0


def cpu_seconds(work: Callable[[], T], *, collect: bool = True) -> tuple[T, float]:
    """``work()`` and the CPU seconds it took, after a full collection (so that earlier
    tests' garbage is not its cost). ``collect=False`` skips the collection, for a first
    look that is repeated with one when it is over a bound (see :func:`check_article`)."""
    if collect:
        gc.collect()
    start = time.process_time()
    value = work()
    return value, time.process_time() - start


def child_cpu_seconds(work: Callable[[], T]) -> tuple[T, float]:
    """``work()`` and the CPU seconds the child processes it waited for took."""
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    value = work()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return value, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# --------------------------------------------------------------------------- the promises, checked

FORBIDDEN = ("[[", "{{", "<ref")
_READ_AS = {
    Format.TURTLE: ("turtle", pyoxigraph.RdfFormat.TURTLE),
    Format.NTRIPLES: ("nt", pyoxigraph.RdfFormat.N_TRIPLES),
    Format.NQUADS: ("nquads", None),
    Format.TRIG: ("trig", None),
    Format.JSONLD: ("json-ld", None),
}


def export_page(text: str, title: str = TITLE, *, validate: bool = False) -> PageResult:
    """One page through :func:`kg.pipeline.process_page` (classify → … → map [→ validate]).

    Promise 1: a refusal is the result's ``error``; a bug (an :class:`InternalError`) is
    re-raised with the traceback of the exception kg caught. A page the pre-filter
    (:func:`kg.classify_page`) refuses unparsed is parsed and extracted all the same
    (:func:`tests.helpers.extraction_of`), so that the parser and the extractors meet every
    hostile input whatever the pre-filter lets through: they may refuse it, with a
    :class:`KgError`, and raise nothing else.
    """
    page = Page(title=title, text=text, source=f"{title}.wiki")
    result = process_page(page, Options(validate=validate))
    if isinstance(result.error, InternalError):
        raise result.error.exc
    if result.error is not None and kg.classify_page(page) is not None:
        try:
            extraction_of(page)
        except KgError:
            pass
    return result


def assert_no_markup(graph: Graph) -> None:
    """Promise 2: no literal holds ``[[``, ``{{`` or ``<ref`` (in any case)."""
    for _, p, o in graph:
        if isinstance(o, Literal):
            leaked = [token for token in FORBIDDEN if token in str(o).lower()]
            assert not leaked, f"{leaked[0]!r} reached a literal: <{p}> {str(o)[:200]!r}"


def assert_reads_back(graph: Graph, data: bytes, fmt: Format) -> None:
    """Promise 2: ``data`` (``graph`` written as ``fmt``) is UTF-8 and parses back to ``graph``;
    pyoxigraph reads Turtle and N-Triples to as many triples; N-Quads, TriG and JSON-LD hold
    exactly one named graph, the article's."""
    name, ox_format = _READ_AS[fmt]
    data.decode("utf-8")
    if ox_format is not None:
        back = parse_verbatim(Graph(), data=data, format=name)
        ox = list(pyoxigraph.parse(data, format=ox_format))
        assert len(ox) == len(graph), f"pyoxigraph read {len(ox)} triples of {len(graph)} from {fmt.cli_name}"
    else:
        kwargs = {"context": jsonld_context()} if fmt is Format.JSONLD else {}
        ds = parse_verbatim(Dataset(), data=data, format=name, **kwargs)
        named = [g for g in ds.graphs() if len(g)]
        assert [g.identifier for g in named] == [graph.identifier], f"{fmt.cli_name}: wrong named graphs"
        back = named[0]
    assert isomorphic(graph, back), f"{fmt.cli_name} does not read back to the same graph"


def check_graph(graph: Graph) -> None:
    """Promise 2 for a graph: no markup in a literal, every format reads back."""
    assert_no_markup(graph)
    for fmt in Format:
        data = serialize(graph, fmt)
        assert isinstance(data, bytes)
        assert_reads_back(graph, data, fmt)


def check_article(text: str, title: str = TITLE) -> PageResult:
    """Promises 1-3 for one article: exported or refused within :data:`ARTICLE_CPU_LIMIT`
    of CPU, and an exported graph is clean and reads back."""
    result, seconds = cpu_seconds(lambda: export_page(text, title), collect=False)
    if seconds >= ARTICLE_CPU_LIMIT:
        # A full collection costs ~30 ms, more than most articles: it is made only for the
        # measurement the bound is asserted on, when a first one without it was over.
        result, seconds = cpu_seconds(lambda: export_page(text, title))
    assert seconds < ARTICLE_CPU_LIMIT, f"kg took {seconds:.2f}s of CPU on a {len(text)}-character article"
    if result.graph is not None:
        check_graph(result.graph)
    return result


def assert_linear_cpu(build: Callable[[int], str], n: int, limit: float, title: str = TITLE) -> PageResult:
    """Promise 3 for a scalable input: kg's CPU time on ``build(n)`` is under ``limit`` and
    no more than :data:`GROWTH_LIMIT` times its time on ``build(n // 4)`` (plus the slack)."""
    full_text, quarter_text = build(n), build(n // 4)
    result, full = cpu_seconds(lambda: export_page(full_text, title))
    _, quarter = cpu_seconds(lambda: export_page(quarter_text, title))
    assert full < limit, f"kg took {full:.2f}s of CPU on {len(full_text)} characters"
    assert full <= GROWTH_LIMIT * quarter + GROWTH_SLACK, (
        f"{quarter:.2f}s of CPU on {len(quarter_text)} characters but {full:.2f}s on {len(full_text)}: faster than linear"
    )
    return result


def run(*args: str):
    """Promise 1 on the command line: ``kg`` in-process ends by exiting, never by an exception or a traceback."""
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        runner = CliRunner()  # click >= 8.2 keeps stderr apart
    result = runner.invoke(cli, list(args), catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"kg {' '.join(args)[:200]} raised {result.exception!r}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error: ")]


def load_ttl(path: Path, title: str | None = None) -> Graph:
    """A Turtle file kg wrote; with ``title``, as the named graph kg writes for that article."""
    graph = Graph() if title is None else Graph(identifier=URIRef(Minter().graph(title)))
    return parse_verbatim(graph, path, format="turtle")


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def assert_safe_stem(stem: str) -> None:
    """Promise 4 for a file stem: in the folder, no reserved character, fits in 255 bytes with any extension."""
    assert stem and not stem.startswith(".") and "/" not in stem and "\\" not in stem
    assert not any(ord(c) < 32 or c in '<>:"|?*' for c in stem), stem
    assert len(f"{stem}.jsonld".encode()) <= 255, f"file name of {len(stem.encode())} bytes"


# --------------------------------------------------------------------------- fuzzing: the articles

#: The generated articles' base: infobox, Cast bullets, an accolades wikitable, a {{Track listing}}.
ARTICLE = """{{Infobox film
| name = Fuzz Film
| director = [[Ann Director]]
| starring = {{ubl|[[Bo Lead]]|Cy Second}}
| released = {{Film date|2001|5|4}}
| runtime = 95 minutes
| budget = $2.5 million
}}
'''''Fuzz Film''''' is a 2001 American drama film directed by [[Ann Director]].

== Cast ==
* [[Bo Lead]] as Dee Hero
* Cy Second as Eve Villain

== Accolades ==
{| class="wikitable"
|-
! Award !! Category !! Recipient(s) !! Result
|-
| [[Academy Awards]] || Best Actor || [[Bo Lead]] || {{won}}
|-
| Golden Globe Awards || Best Picture || ''Fuzz Film'' || {{nom}}
|}

== Soundtrack ==
{{Track listing
| title1 = Opening
| length1 = 3:05
| title2 = Closing
| length2 = 4:10
}}
"""

#: A real-looking article: the Snippet Film case (every infobox field kind, a Cast list,
#: External links) with a rowspan accolades table and a soundtrack after it.
REAL_ARTICLE = SNIPPET + """
== Accolades ==
{| class="wikitable"
! Award !! Category !! Recipient !! Result
|-
| rowspan="2" | [[Alpha Awards]] || Best Film || || {{won}}
|-
| Best Actor || [[Gina Lead]] || {{nom}}
|}
== Soundtrack ==
{{Track listing
| extra_column = Singer
| title1 = [[Song One]]
| writer1 = [[Jay Composer]]
| extra1 = Gina Lead as Priya
| length1 = 3:21
| title2 = Song Two
| length2 = 4:05
}}
"""


def render_article(f: dict[str, str]) -> str:
    """The minimal film article with every slot filled from ``f``."""
    cast = "".join(f"* {actor} as {character}\n" for actor, character in f["cast"])
    rows = "".join(f"|-\n| {a} || {c} || {n} || {r}\n" for a, c, n, r in f["rows"])
    tracks = "".join(f"| title{i} = {t}\n| length{i} = {l}\n" for i, (t, l) in enumerate(f["tracks"], 1))
    return (
        "{{Infobox film\n"
        f"| name = {f['name']}\n| director = {f['director']}\n| starring = {f['starring']}\n"
        f"| released = {f['released']}\n| runtime = {f['runtime']}\n| budget = {f['budget']}\n"
        "}}\n"
        f"'''''{f['name']}''''' is a film. {f['lead']}\n\n"
        f"== Cast ==\n{cast}\n"
        "== Accolades ==\n{| class=\"wikitable\"\n|-\n! Award !! Category !! Recipient(s) !! Result\n"
        f"{rows}|}}\n\n"
        f"== Soundtrack ==\n{{{{Track listing\n{tracks}}}}}\n"
    )


_PLAIN = {
    "name": "Fuzz Film", "director": "[[Ann Director]]", "starring": "{{ubl|[[Bo Lead]]|Cy Second}}",
    "released": "{{Film date|2001|5|4}}", "runtime": "95 minutes", "budget": "$2.5 million",
    "lead": "Directed by [[Ann Director]].", "cast": [("[[Bo Lead]]", "Dee Hero"), ("Cy Second", "Eve Villain")],
    "rows": [("[[Academy Awards]]", "Best Actor", "[[Bo Lead]]", "{{won}}")], "tracks": [("Opening", "3:05")],
}

MARKUP = [
    "{{", "}}", "{|", "|}", "|-", "||", "!!", "|", "!", "[[", "]]", "[", "]", "{{{", "}}}",
    "<ref>", "</ref>", '<ref name="a"/>', "<ref name=b>", "<!--", "-->", "<br>", "<br/>",
    "<small>", "</small>", "<nowiki>", "</nowiki>", "'''", "''", "=", "==", "\n", "\n* ",
    "\n** ", "\n: ", "\n== Cast ==\n", "\n== Accolades ==\n", " as ", " – ", " ... ",
    "{{won}}", "{{nom}}", "{{Infobox film", "{{ubl|", "[http://example.org x]",
    "[[File:X.jpg|thumb|", "[[Category:Films]]", "__NOTOC__", "~~~~", "<", ">", "#", "*",
    "&", ";", ":", "(voice)", "(as X)", "rowspan=2 |", "colspan=\"3\" |",
]
UNICODE = [
    "مرحبا بالعالم", "שלום עולם", "\u202eRLO\u202c", "\u200f", "\u200e", "\u2067isolate\u2069",
    "e\u0301\u0302\u0303\u0304", "\u0915\u094d\u0937", "Z\u0336\u0337\u0338", "😀", "🎬🎞️",
    "👨\u200d👩\u200d👧\u200d👦", "🏳️\u200d🌈", "\u200d", "\u200c", "\u200b", "\ufeff", "\u00a0",
    "\u2028", "\u2029", "\u0085", "ǅ", "ß", "ﬁ", "İ", "\U0010fffd", "\ue000", "\ufffe",
]
CONTROL = [chr(c) for c in range(0x20)] + ["\x7f"]
ENTITIES = [
    "&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&#0;", "&#x1F600;", "&#xD800;", "&#1114112;",
    "&#91;&#91;", "&#123;&#123;", "&lt;ref&gt;", "&amp;lt;", "&bogus;", "&#x;", "&", "&#65",
]
#: What :func:`mutated_real_article` splices into :data:`REAL_ARTICLE`, often many times over.
FRAGMENTS = [
    "{{", "}}", "{|", "|}", "|-", "||", "!!", "|", "[[", "]]", "<ref>", "</ref>", "<!--", "-->", "'''", "''",
    "<br>", "&amp;", "&#0;", "&nbsp;", "* ", "** ", "# ", ":", "==", "\n", "{{Infobox film", "{{won}}",
    "{{Film date|", "{{Track listing|", "| title3 = ", "مرحبا", "שלום", "e\u0301\u0302\u0303", "😀🎬", "\u200d",
    "\x00", "\x07", "\x1f", "\x7f", "\u202e", "\ufeff",
]

_chars = st.characters(exclude_categories=("Cs",))  # lone surrogates cannot be in a str
piece = st.one_of(
    st.sampled_from(MARKUP),
    st.sampled_from(UNICODE),
    st.sampled_from(CONTROL),
    st.sampled_from(ENTITIES),
    st.text(_chars, max_size=8),
    st.sampled_from(["Ann", "Bo Lead", "Best Actor", "Won", "Nominated", "1999", "3:05", "$5 million"]),
)
fragment = st.lists(piece, max_size=10).map("".join)


def slot(plain: str) -> st.SearchStrategy[str]:
    """A slot's value: the plain value, a fragment, or the plain value with fragments around it."""
    return st.one_of(
        st.just(plain),
        fragment,
        st.tuples(fragment, fragment).map(lambda ab: ab[0] + plain + ab[1]),
    )


@st.composite
def generated_articles(draw) -> str:
    """The minimal film article with every slot drawn from :func:`slot`."""
    fields = {
        "name": draw(slot("Fuzz Film")),
        "director": draw(slot("[[Ann Director]]")),
        "starring": draw(slot("{{ubl|[[Bo Lead]]|Cy Second}}")),
        "released": draw(slot("{{Film date|2001|5|4}}")),
        "runtime": draw(slot("95 minutes")),
        "budget": draw(slot("$2.5 million")),
        "lead": draw(slot("Directed by [[Ann Director]].")),
        "cast": draw(st.lists(st.tuples(slot("[[Bo Lead]]"), slot("Dee Hero")), max_size=5)),
        "rows": draw(
            st.lists(
                st.tuples(slot("[[Academy Awards]]"), slot("Best Actor"), slot("[[Bo Lead]]"), slot("{{won}}")),
                max_size=4,
            )
        ),
        "tracks": draw(st.lists(st.tuples(slot("Opening"), slot("3:05")), max_size=4)),
    }
    return render_article(fields)


@st.composite
def mutated(draw, base: st.SearchStrategy[str] | None = None) -> str:
    """Insert, delete, duplicate, replace or swap slices of a valid (or generated) article."""
    text = draw(base) if base is not None else draw(st.sampled_from([ARTICLE, render_article(_PLAIN)]))
    for _ in range(draw(st.integers(1, 6))):
        n = len(text)
        i = draw(st.integers(0, n))
        j = min(n, i + draw(st.integers(0, 80)))
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "replace", "swap"]))
        if op == "insert":
            text = text[:i] + draw(fragment) + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] * draw(st.integers(1, 3)) + text[j:]
        elif op == "replace":
            text = text[:i] + draw(fragment) + text[j:]
        else:
            k = draw(st.integers(0, n))
            a, b = sorted((i, k))
            text = text[:a] + text[b:] + text[a:b]
    return text


@st.composite
def mutated_real_article(draw) -> str:
    """:data:`REAL_ARTICLE` with slices (up to 400 characters) deleted and duplicated, one
    fragment repeated up to 50 times, runs of fragments, and arbitrary text spliced in."""
    text = REAL_ARTICLE
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "fragment", "noise"]))
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 400)))
        if op == "insert":
            text = text[:i] + draw(st.sampled_from(FRAGMENTS)) * draw(st.integers(1, 50)) + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "fragment":
            text = text[:i] + "".join(draw(st.lists(st.sampled_from(FRAGMENTS), max_size=30))) + text[i:]
        else:
            text = text[:i] + draw(st.text(max_size=200)) + text[i:]
    return text


# Where a structural insert goes: after one of these anchors in ARTICLE.
ANCHORS = ["| director = ", "| budget = ", "* Cy Second as ", "|| Best Actor || ", "| title1 = ", "== Cast ==\n", "'''''Fuzz Film'''''"]


def _insert_at(anchor: str, payload: str) -> str:
    i = ARTICLE.index(anchor) + len(anchor)
    return ARTICLE[:i] + payload + ARTICLE[i:]


@st.composite
def deep_nesting(draw) -> str:
    """Up to 200 nested openers (closed or not) after an anchor."""
    opener = draw(st.sampled_from(["{{a|", "[[a|", "{|\n|", "<ref>", "<small>", "{{{", "[[File:x.jpg|", "''"]))
    depth = draw(st.integers(1, 200))
    closed = draw(st.booleans())
    closer = {"{{a|": "}}", "[[a|": "]]", "{|\n|": "\n|}", "<ref>": "</ref>", "<small>": "</small>",
              "{{{": "}}}", "[[File:x.jpg|": "]]", "''": "''"}[opener]
    payload = opener * depth + draw(fragment) + (closer * depth if closed else "")
    return _insert_at(draw(st.sampled_from(ANCHORS)), payload)


# Chunks a huge cell repeats. They are the ones mwparserfromhell tokenizes in linear time;
# unclosed <ref>, comments, tags and external links are quadratic there
# (test_pathological_input_is_bounded below). Links and templates cost kg about
# 0.2 ms each (a 100 kB cell of nothing but "[[a]] ", 16,667 links, takes ~3.5 s), so
# they come with some prose, as in a real cell.
HUGE_CHUNKS = [
    "lorem ipsum ", "مرحبا שלום ", "👨\u200d👩\u200d👧 e\u0301 ", "&amp;&#x41;&bogus; ", "!!",
    "\x01\x7f\x1f ", "[[a]] lorem ipsum dolor sit amet ", "{{x}} lorem ipsum dolor sit amet ",
    "\n", "word\u200bword ", "''it'' ",
]


@st.composite
def huge_cells(draw) -> str:
    """A 1, 10 or 100 kB run of one chunk after an anchor."""
    # letters, digits, spaces and marks only: "<" before a letter or a newline before a list
    # marker make a cell pathological (test_pathological_input_is_bounded)
    suffix = st.text(st.characters(categories=("L", "N", "Zs", "Mn"), exclude_characters="\x00"), max_size=3)
    chunk = draw(st.sampled_from(HUGE_CHUNKS)) + draw(suffix)
    size = draw(st.sampled_from([1_000, 10_000, 100_000]))
    cell = (chunk * (size // len(chunk) + 1))[:size]
    return _insert_at(draw(st.sampled_from(ANCHORS)), cell)


nasty_articles = st.one_of(generated_articles(), mutated(), mutated(generated_articles()))
every_character = st.lists(
    st.one_of(st.sampled_from(CONTROL + UNICODE + ENTITIES), st.text(_chars, max_size=4)), min_size=1, max_size=12
).map("".join)

# Explicit examples: each nasty construct once, in every run.
EXAMPLES = [
    _insert_at("* Cy Second as ", "{{a|" * 200),
    _insert_at("| budget = ", "{{a|" * 200 + "}}" * 200),
    _insert_at("|| Best Actor || ", "x" * 100_000),
    _insert_at("* Cy Second as ", "مرحبا \u202e שלום e\u0301\u0302 👨\u200d👩\u200d👧 \u200d"),
    _insert_at("| director = ", "".join(CONTROL)),
    _insert_at("* Cy Second as ", "&amp;lt;&#0;&#xD800;&bogus;&nbsp;&#123;&#123;"),
    _insert_at("'''''Fuzz Film'''''", "<ref>never closed"),
    _insert_at("== Cast ==\n", "<!-- never closed"),
    ARTICLE.replace("* [[Bo Lead]] as", "* [[Bo Lead as"),
    ARTICLE.replace("|}\n", ""),
    ARTICLE.replace("| budget", "|||| budget"),
    ARTICLE.replace("}}\n'''''", "\n'''''", 1),
    "{{Infobox film}}" + "}}" * 500 + "|}" * 500,
    "{{Infobox film}}\n" + "{|\n|-\n! Result\n|-\n| " * 100,
    "{{Infobox film\n| name = \u202eRTL\u202c ذا فيلم\n| director = [[מנהל]]\n}}",  # an RTL infobox, nothing else
]


def _examples(fn):
    for text in EXAMPLES:
        fn = example(text)(fn)
    return fn


# --------------------------------------------------------------------------- fuzzing: the properties


def test_the_unmutated_articles_give_full_graphs() -> None:
    """The fuzz bases are real film articles: cast, accolades and the infobox all extract."""
    for text in (ARTICLE, render_article(_PLAIN)):
        result = check_article(text)
        assert result.error is None and result.graph is not None
        extraction = result.extraction
        assert extraction.film.name == "Fuzz Film"
        assert [c.actor.name for c in extraction.part(Cast).credits][:1] == ["Bo Lead"]
        assert len(extraction.part(Accolades).nominations) >= 1


@_examples
@CI
@given(nasty_articles)
def test_generated_and_mutated_articles(text: str) -> None:
    check_article(text)


@pytest.mark.slow
@LONG
@given(nasty_articles)
def test_generated_and_mutated_articles_long(text: str) -> None:
    check_article(text)


@CI
@given(mutated_real_article())
def test_mutated_real_articles(text: str) -> None:
    check_article(text)


@pytest.mark.slow
@LONG
@given(mutated_real_article())
def test_mutated_real_articles_long(text: str) -> None:
    check_article(text)


@CI
@given(deep_nesting())
def test_deep_nesting(text: str) -> None:
    check_article(text)


@pytest.mark.slow
@LONG
@given(deep_nesting())
def test_deep_nesting_long(text: str) -> None:
    check_article(text)


@CI
@given(huge_cells())
def test_huge_cells(text: str) -> None:
    check_article(text)


@pytest.mark.slow
@LONG
@given(huge_cells())
def test_huge_cells_long(text: str) -> None:
    check_article(text)


@CI
@given(every_character, st.sampled_from(ANCHORS))
def test_every_character_everywhere(chars: str, anchor: str) -> None:
    """Control characters, RTL, combining marks, emoji, joiners, entities in every slot."""
    check_article(_insert_at(anchor, chars))


@CI
@given(st.text(max_size=2000))
def test_arbitrary_text_inside_an_infobox_value(value: str) -> None:
    """Any text at all as the director, the starring list and a cast bullet."""
    check_article("{{Infobox film\n| name = X\n| director = " + value + "\n| starring = " + value + "\n}}\n== Cast ==\n* " + value)


# --------------------------------------------------------------------------- pathological markup: bounded CPU time

#: name -> (the input at size n, n). mwparserfromhell's tokenizer is quadratic on the first
#: two kinds, and kg used to re-parse the same text; the list items are linear, but ~0.25 ms
#: per item (an awards cell used to be parsed 6-9 times); the rest are nesting, size and
#: unclosed markup that a naive reader would expand.
PATHOLOGICAL: dict[str, tuple[Callable[[int], str], int]] = {
    "lt-before-letters-12kB-cell": (lambda n: _insert_at("|| Best Actor || ", ("lorem ipsum <" * n)[: 12 * n]), 1000),
    "unclosed-external-links-60kB-runtime": (lambda n: ARTICLE.replace("| runtime = 95 minutes", "| runtime = " + "[http://a " * n), 6000),
    "unclosed-external-links-60kB-cell": (lambda n: _insert_at("|| Best Actor || ", "[//a " * n), 12_000),
    "lt-before-letters-100kB-cast": (lambda n: _insert_at("== Cast ==\n", ("* a <b" + "<c " * 30) * n), 1000),
    "list-items-100kB-cell": (lambda n: _insert_at("|| Best Actor || ", "\n#" * n), 50_000),
    "list-items-60kB-starring": (lambda n: _insert_at("| director = ", "\n*" * n), 30_000),
    "deep-nesting-in-unclosed-infobox": (lambda n: "{{Infobox film" + "{{a|" * n + "}}" * 10, 200),
    "huge-infobox-value": (lambda n: "{{Infobox film\n| name = " + "x" * n + "\n}}", 100_000),
    "unclosed-links-in-infobox": (lambda n: "{{Infobox film\n| starring = " + "[[" * n + "\n}}", 5000),
    "big-table": (lambda n: "{{Infobox film}}\n{|\n" + "| a || b\n|-\n" * n, 2000),
    "unclosed-refs-in-cast": (lambda n: "{{Infobox film}}\n== Cast ==\n" + "* <ref>unclosed\n" * n, 500),
    "unclosed-comment": (lambda n: "{{Infobox film}}\n<!-- never closed " + "== Cast ==\n* [[A]] as B\n" * n, 200),
    "huge-rowspan": (lambda n: "{{Infobox film}}\n{| class=wikitable\n! Award !! Result\n|-\n| rowspan=%d | X || {{won}}\n|}" % n, 999_999),
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_input_is_bounded(name: str) -> None:
    """(The first six took 10-30 s each at bfa2d75; now kg.wikitext defuses runs of non-tag "<"
    and unclosed "[url", tokenises each text once per page, and reads a table cell up to
    20,000 characters.) Exported or refused in bounded, linearly growing CPU time, and what
    is exported is clean and reads back."""
    build, n = PATHOLOGICAL[name]
    result = assert_linear_cpu(build, n, PATHOLOGICAL_CPU_LIMIT)
    if result.graph is not None:
        check_graph(result.graph)


# --------------------------------------------------------------------------- markup never reaches a literal


def test_a_nul_character_does_not_truncate_the_article() -> None:
    """(Failed at 5e483d4: mwparserfromhell's tokenizer stops at a NUL, so kg/parse.py:parse
    dropped everything after a \\x00; fixed in 9eba80d.)"""
    extraction = check_article(ARTICLE.replace("Dee Hero", "Dee\x00Hero")).extraction
    assert len(extraction.part(Cast).credits) == 2
    assert len(extraction.part(Accolades).nominations) == 2


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(ARTICLE.replace("* [[Bo Lead]] as", "* [[Bo Lead as"), id="unclosed-link-in-cast"),
        pytest.param(ARTICLE.replace("Eve Villain", "Eve {{Villain"), id="unclosed-template-in-cast"),
        pytest.param(ARTICLE.replace("[[Academy Awards]]", "[[Academy Awards<]]"), id="invalid-link-title-in-table"),
        pytest.param(ARTICLE.replace("Eve Villain", "<nowiki>[[Eve]]</nowiki>"), id="nowiki"),
        pytest.param(ARTICLE.replace("| name = Fuzz Film", "| name = &#123;&#123;Fuzz&#125;&#125; Film"), id="entity-encoded-braces-in-infobox"),
    ],
)
def test_text_that_only_looks_like_markup_never_reaches_a_literal(text: str) -> None:
    """Markup the parser leaves as text (unclosed or invalid), <nowiki> and entity-encoded
    braces: none of it reaches a literal, and the graph conforms. (Failed at 5e483d4:
    kg/parse.py:tidy copied such text into literals.)"""
    result = export_page(text, validate=True)
    assert result.error is None, result.error
    assert_no_markup(result.graph)
    assert result.report.conforms, [v.line() for v in result.report.violations]


@pytest.mark.parametrize(
    ("wikitext", "text"),
    [
        ("Less <than> more", "Less <than> more"),
        ("a < b and c<d", "a < b and c<d"),
        ("x <b>bold</b> y", "x bold y"),
        ("x <!-- hidden --> y", "x y"),
        ("Ann<ref>A source.</ref> Bee", "Ann Bee"),
        ("see [http://example.org the site]", "see the site"),
        ("see [//example.org the site] and [http://a.org more]", "see the site and more"),
        ("[http://a one [http://b two]", "one two"),  # URLs never reach a literal
        ("[http://a unclosed\n[http://b closed]", "[unclosed closed"),
        ("{{sd|film by [{{[Jane Roe (director)|Jane Roe]]}}", ""),
        ("film by [{{[Jane Roe (director)", "film by Jane Roe (director)"),  # "[ [" never joins to "[["
        ("a [ [b] ] c", "a b c"),
        ("poster<ref{{nowrap|Erin Story}}", "poster Erin Story"),  # "<ref" before a template is no tag
        ("poster<refnowrap|Erin Story}}", "poster nowrap|Erin Story"),  # no literal ever holds "<ref"
        ("A <Refuge> B", "A <Refuge> B"),
        ("[[&#91;&#91;Academy Awards]] won", "Academy Awards won"),  # an invalid title links nothing
    ],
)
def test_defused_markup_reads_as_mediawiki_shows_it(wikitext: str, text: str) -> None:
    """A "<" that opens no tag and a "[url" that cannot close are text, as in MediaWiki."""
    assert clean_text(parse(wikitext)) == text


def test_defusing_keeps_tags_and_links_the_parser_needs() -> None:
    code = parse("A<ref name=x>r</ref> <small>(s)</small> [[L|l]] {{nom}} [https://e.org E] <BR/> < br >")
    assert [str(t.tag).lower() for t in code.filter_tags()] == ["ref", "small", "br"]
    assert len(code.filter_external_links()) == 1 and len(code.filter_wikilinks()) == 1


# --------------------------------------------------------------------------- limits: sizes


def test_a_five_megabyte_article(tmp_path: Path) -> None:
    """The real article with 5 MB of prose (90,000 paragraphs, each with a link to one of 2,000
    people and italics) before its External links, accolades and soundtrack: exported in
    bounded CPU time, in every format, conforming, with exactly what it gives without the prose."""
    prose = "\n\n".join(f"Paragraph {i} mentions [[Person {i % 2000}]] and ''italics''." for i in range(90_000))
    big = REAL_ARTICLE.replace("== External links ==", prose + "\n\n== External links ==")
    assert len(big.encode("utf-8")) >= 5 * 1024 * 1024  # the premise: a 5 MB article
    small = write(tmp_path / "Snippet_Film.wiki", REAL_ARTICLE)
    large = write(tmp_path / "Big_Film.wiki", big.replace("Snippet Film", "Big Film"))

    result, seconds = cpu_seconds(lambda: run("export", str(large), "-o", str(tmp_path / "out"), "-f", "all"))
    assert result.exit_code == 0, result.stderr
    assert seconds < FIVE_MB_CPU_LIMIT, f"exporting 5 MB took {seconds:.1f}s of CPU"
    assert re.match(r"Big Film: \d+ triples; .*; conforms", result.stdout), result.stdout
    graph = load_ttl(tmp_path / "out" / "Big_Film.ttl", "Big Film")
    for fmt in Format:
        assert_reads_back(graph, (tmp_path / "out" / f"Big_Film.{fmt.extension}").read_bytes(), fmt)

    assert run("export", str(small), "-o", str(tmp_path / "small")).exit_code == 0
    assert len(graph) == len(load_ttl(tmp_path / "small" / "Snippet_Film.ttl"))
    # the External links section after the 5 MB of prose was read too
    same_as = {str(o) for o in graph.objects(URIRef(BASE + "resource/Big_Film"), URIRef(SCHEMA + "sameAs"))}
    assert any("imdb.com/title/tt0123456" in iri for iri in same_as), same_as


def _big_cast(n: int) -> str:
    cast = "".join(f"* [[Actor {i}]] as Character {i}\n" for i in range(1, n + 1))
    return "{{Infobox film\n| name = Big Cast\n| director = Ann Director\n}}\n'''Big Cast''' is a 2001 film.\n\n== Cast ==\n" + cast


def test_five_hundred_cast_members(tmp_path: Path) -> None:
    """500 cast bullets: 500 roles in order, each with its actor and character, in every
    format, in bounded CPU time growing linearly with the cast."""
    path = write(tmp_path / "Big_Cast.wiki", _big_cast(500))
    out = tmp_path / "out"
    result, seconds = cpu_seconds(lambda: run("export", str(path), "-o", str(out), "-f", "all"))
    assert result.exit_code == 0, result.stderr
    assert seconds < CAST_CPU_LIMIT, f"exporting 500 cast members took {seconds:.1f}s of CPU"
    assert "PerformanceRole 500" in result.stdout

    store = pyoxigraph.Store()
    store.load(path=str(out / "Big_Cast.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    rows = list(
        store.query(
            """PREFIX schema: <http://schema.org/> PREFIX kg: <https://w3id.org/kg-film/ontology#>
            SELECT ?pos ?actor ?character WHERE {
              ?film a schema:Movie ; kg:cast ?role .
              ?role a schema:PerformanceRole ; schema:position ?pos ;
                    schema:actor/schema:name ?actor ; schema:characterName ?character .
            } ORDER BY ?pos"""
        )
    )
    assert [int(r["pos"].value) for r in rows] == list(range(1, 501))
    assert all(r["actor"].value == f"Actor {i}" and r["character"].value == f"Character {i}" for i, r in enumerate(rows, 1))
    roles = list(store.quads_for_pattern(None, pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), pyoxigraph.NamedNode(SCHEMA + "PerformanceRole")))
    assert len(roles) == 500

    graph = load_ttl(out / "Big_Cast.ttl", "Big Cast")
    assert_no_markup(graph)
    for fmt in Format:
        assert_reads_back(graph, (out / f"Big_Cast.{fmt.extension}").read_bytes(), fmt)
    assert_linear_cpu(_big_cast, 500, CAST_CPU_LIMIT, title="Big Cast")


# --------------------------------------------------------------------------- limits: page shapes


def test_empty_infobox_exports_with_the_title_as_name(tmp_path: Path) -> None:
    """An empty infobox: the film is named after the title (from the file name), without its
    disambiguator, and the graph conforms."""
    path = write(tmp_path / "Heat_(1995_film).wiki", "{{Infobox film}}\nSome text.\n")
    result = run("export", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert "conforms" in result.stdout and "DOES NOT CONFORM" not in result.stdout
    graph = load_ttl(tmp_path / "out" / "Heat_(1995_film).ttl")
    film = URIRef(BASE + "resource/Heat_(1995_film)")
    assert list(graph.objects(film, URIRef(SCHEMA + "name"))) == [Literal("Heat", lang="en")]


def test_two_infoboxes_export_the_first_with_a_warning(tmp_path: Path) -> None:
    text = "{{Infobox film\n| name = First Cut\n| director = Ann\n}}\n{{Infobox film\n| name = Second Cut\n| director = Bob\n}}\n'''Two Boxes''' is a film.\n"
    path = write(tmp_path / "Two_Boxes.wiki", text)
    result = run("export", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert "[WARN] [Two Boxes] infobox: 2 {{Infobox film}} templates; the first one describes the film" in result.stderr.splitlines()
    graph = load_ttl(tmp_path / "out" / "Two_Boxes.ttl")
    film = URIRef(BASE + "resource/Two_Boxes")
    assert list(graph.objects(film, URIRef(SCHEMA + "name"))) == [Literal("Two Boxes", lang="en")]
    assert list(graph.objects(film, URIRef(KG + "shownName"))) == [Literal("First Cut", lang="en")]
    people = {str(o) for s in graph.objects(film, URIRef(SCHEMA + "director")) for o in graph.objects(s, URIRef(SCHEMA + "name"))}
    assert people == {"Ann"}


@pytest.mark.parametrize("how", ["file-name", "--title"])
def test_a_film_series_is_refused(tmp_path: Path, how: str) -> None:
    text = "{{Infobox film\n| name = Foo\n}}\n'''Foo''' is a film.\n"
    if how == "file-name":
        args = [str(write(tmp_path / "Foo_(film_series).wiki", text))]
    else:
        args = [str(write(tmp_path / "foo.wiki", text)), "--title", "Foo (film series)"]
    result = run("export", *args, "-o", str(tmp_path / "out"))
    assert result.exit_code == 3
    (line,) = error_lines(result)
    assert "film series" in line and "Foo (film series)" in line
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize(
    ("infobox_name", "name", "shown"),
    [(None, "Heat", []), ("Heat", "Heat", []), ("''Heat''", "Heat", []), ("heat", "heat", []),
     ("Heat: The Movie", "Heat", ["Heat: The Movie"])],
)
def test_the_disambiguator_is_not_part_of_the_name(tmp_path: Path, infobox_name: str | None, name: str, shown: list[str]) -> None:
    """The film is named by its page, as every article that links it names it; the infobox's
    other name is its ``kg:shownName`` (a lower-case first letter is the article's spelling)."""
    box = "{{Infobox film\n| director = [[Michael Mann]]\n" + (f"| name = {infobox_name}\n" if infobox_name else "") + "}}\n"
    path = write(tmp_path / "heat.wiki", box + "'''''Heat''''' is a 1995 American crime film.\n")
    result = run("export", str(path), "--title", "Heat (1995 film)", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    graph = load_ttl(tmp_path / "out" / "Heat_(1995_film).ttl")
    film = URIRef(BASE + "resource/Heat_(1995_film)")
    assert [str(o) for o in graph.objects(film, URIRef(SCHEMA + "name"))] == [name]
    assert [str(o) for o in graph.objects(film, URIRef(KG + "shownName"))] == shown


def test_a_page_of_another_namespace_is_refused(tmp_path: Path) -> None:
    xml = (
        '<page><title>Category:Heat films</title><ns>14</ns><id>5</id>'
        "<revision><id>7</id><timestamp>2020-01-01T00:00:00Z</timestamp>"
        "<text>{{Infobox film|name=Heat}}\n'''Heat''' films.</text></revision></page>\n"
    )
    path = write(tmp_path / "category.xml", xml)
    result = run("export", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 3
    (line,) = error_lines(result)
    assert "namespace 14" in line
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


# --------------------------------------------------------------------------- awkward titles and names: valid IRIs, safe file names

TITLES = [
    "Film  With   Spaces",
    'Say "Hello" It\'s',
    "Less <than> More",
    "Curly {Braces} Film",
    "Pipe | Film",
    "Caret ^ Film",
    "Back `tick` Film",
    "Back\\slash\\ Film",
    "100% Film %20 %2F",
    "Number #9 Film",  # a "#fragment" is not part of a title: "Number"
    "What? Film?",
    "What? (film)",  # the disambiguator is not part of the name: "What?"
    "AC/DC: Live",
    "Éléphant blanc",
    "映画",
    "Ünïcødé 日本語 Фильм العربية שלום 👨\u200d👩\u200d👧",
    "A" * 300,
]


def _iris(graph: Graph) -> set[str]:
    return {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}


def test_titles_with_special_characters(tmp_path: Path) -> None:
    """Each title (and a director linked under a name made from it) gives valid IRIs, safe and
    distinct file names in the output folder, and the film named after the title."""
    out = tmp_path / "out"
    stems: dict[str, str] = {}
    for n, title in enumerate(TITLES):
        person = title.replace("|", "/").replace("#", "") + " Person"  # a link target cannot hold "|" or "#"
        src = write(tmp_path / f"film{n}.wiki", "{{Infobox film\n| director = [[" + person + "]]\n}}\nA film.\n")
        result = run("export", str(src), "--title", title, "-o", str(out), "-f", "nt")
        assert result.exit_code == 0, (title, result.stderr)
        name = normalise_title(title)
        stem = output_name(name)
        assert_safe_stem(stem)
        assert stem not in stems, f"{title!r} and {stems[stem]!r} share the file name {stem!r}"
        stems[stem] = title
        ttl, nt = out / f"{stem}.ttl", out / f"{stem}.nt"
        assert ttl.exists() and nt.exists() and (out / f"{stem}.jsonld").exists(), (title, sorted(p.name for p in out.iterdir()))
        graph = load_ttl(ttl)
        for iri in _iris(graph):
            pyoxigraph.NamedNode(iri)  # raises ValueError for an invalid IRI
        ox = list(pyoxigraph.parse(path=str(ttl), format=pyoxigraph.RdfFormat.TURTLE))
        assert len(ox) == len(graph)
        assert_reads_back(graph, nt.read_bytes(), Format.NTRIPLES)
        film = URIRef(Minter().entity(name))
        assert (film, URIRef(SCHEMA + "name"), None) in graph, (title, film)
        assert str(graph.value(film, URIRef(SCHEMA + "name"))) == re.sub(r"\s*\([^()]*\)$", "", name)
    files = sorted(p.name for p in out.iterdir())
    assert all(p.is_file() for p in out.iterdir())  # a "/" in a title made no sub-folder
    assert len(files) == 3 * len(TITLES)
    assert not [f for f in files if f.endswith((".tmp", ".bak"))]


@pytest.mark.parametrize("title", ["é" * 300, "日本" * 150], ids=["latin-300", "cjk-300"])
def test_long_non_ascii_titles_give_file_names_that_fit(tmp_path: Path, title: str) -> None:
    src = write(tmp_path / "film.wiki", "{{Infobox film\n| director = Ann\n}}\nA film.\n")
    result = run("export", str(src), "--title", title, "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    files = list((tmp_path / "out").iterdir())
    assert len(files) == 2 and all(len(f.name.encode()) <= 255 for f in files)


def test_long_titles_that_differ_at_the_end_get_distinct_files(tmp_path: Path) -> None:
    first, second = "A" * 250 + " One", "A" * 250 + " Two"
    pages = "".join(
        f"<page><title>{t}</title><ns>0</ns><id>{i}</id><revision><id>{i}</id>"
        f"<text>{{{{Infobox film|director=Ann}}}}</text></revision></page>"
        for i, t in enumerate([first, second], 1)
    )
    path = write(tmp_path / "two.xml", f"<mediawiki>{pages}</mediawiki>")
    result = run("export", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert len(list((tmp_path / "out").iterdir())) == 4


# name as written in the infobox -> the name literal expected
NAMES = [
    ("Film  With   Spaces", "Film With Spaces"),
    ('Say "Hello" It\'s', 'Say "Hello" It\'s'),
    ('Triple """ quotes', 'Triple """ quotes'),
    ("Less &lt;than&gt; More", "Less <than> More"),
    ("Curly {Braces} Film", "Curly {Braces} Film"),
    ("Pipe {{!}} Film", "Pipe | Film"),
    ("Caret ^ Film", "Caret ^ Film"),
    ("Back `tick` Film", "Back `tick` Film"),
    ("Back\\slash \\n \\\" \\u0041 Film", "Back\\slash \\n \\\" \\u0041 Film"),
    ("100% Film %20", "100% Film %20"),
    ("Number #9 Film", "Number #9 Film"),
    ("What? Film?", "What? Film?"),
    ("Ünïcødé 日本語 Фильм العربية שלום 👨\u200d👩\u200d👧 e\u0301", "Ünïcødé 日本語 Фильм العربية שלום 👨\u200d👩\u200d👧 e\u0301"),
    ("B" * 300, "B" * 300),
]


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_names_with_special_characters_are_escaped_correctly(tmp_path: Path) -> None:
    pages = "".join(
        f"<page><title>Name Test {i}</title><ns>0</ns><id>{i}</id><revision><id>{i}</id>"
        f"<text>{_xml_escape('{{Infobox film' + chr(10) + '| name = ' + written + chr(10) + '}}' + chr(10) + 'A film.')}</text></revision></page>"
        for i, (written, _) in enumerate(NAMES, 1)
    )
    path = write(tmp_path / "names.xml", f"<mediawiki>{pages}</mediawiki>")
    out = tmp_path / "out"
    result = run("export", str(path), "-o", str(out), "-f", "nt")
    assert result.exit_code == 0, result.stderr
    for i, (written, expected) in enumerate(NAMES, 1):
        film = pyoxigraph.NamedNode(f"{BASE}resource/Name_Test_{i}")
        name = pyoxigraph.NamedNode(KG + "shownName")  # the infobox's name; the page's is the schema:name
        for ext, fmt in (("ttl", pyoxigraph.RdfFormat.TURTLE), ("nt", pyoxigraph.RdfFormat.N_TRIPLES)):
            values = [q.object for q in pyoxigraph.parse(path=str(out / f"Name_Test_{i}.{ext}"), format=fmt)
                      if q.subject == film and q.predicate == name]
            assert values == [pyoxigraph.Literal(expected, language="en")], (written, ext, values)


# --------------------------------------------------------------------------- the command line over many hostile files


def random_mutant(rng: random.Random) -> str:
    """A mutated article from a seeded ``random.Random`` (the same mutations as :func:`mutated`)."""
    pieces = MARKUP + UNICODE + CONTROL + ENTITIES
    text = rng.choice([ARTICLE, render_article(_PLAIN)])
    if rng.random() < 0.2:
        opener = rng.choice(["{{a|", "[[a|", "{|\n|", "<ref>"])
        text = _insert_at(rng.choice(ANCHORS), opener * rng.randrange(1, 201))
    for _ in range(rng.randrange(1, 7)):
        n = len(text)
        i = rng.randrange(n + 1)
        j = min(n, i + rng.randrange(81))
        frag = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 11)))
        op = rng.choice(["insert", "delete", "duplicate", "replace"])
        if op == "insert":
            text = text[:i] + frag + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] * rng.randrange(1, 4) + text[j:]
        else:
            text = text[:i] + frag + text[j:]
    return text


def random_real_mutant(rng: random.Random) -> str:
    """:data:`REAL_ARTICLE` with five runs of a repeated fragment spliced over up to 50 characters."""
    text = REAL_ARTICLE
    for _ in range(5):
        i = rng.randrange(len(text))
        text = text[:i] + rng.choice(FRAGMENTS) * rng.randint(1, 20) + text[i + rng.randint(0, 50):]
    return text


def test_cli_export_of_twenty_mutated_files(tmp_path: Path) -> None:
    """``kg export`` over 20 mutated files in one run (ten of the fuzz articles, ten of the real
    one; two byte-level: invalid UTF-8, a BOM, a truncated sequence): no traceback, exit code
    0, 1 or 3, one summary or error line per file, one line per problem, every file of an
    exported article and no temporary file, in bounded CPU time."""
    fuzz_rng, real_rng = random.Random(20240611), random.Random(7)
    inputs = []
    for n in range(20):
        path = tmp_path / f"Mutant_{n:02d}.wiki"
        data = (random_mutant(fuzz_rng) if n < 10 else random_real_mutant(real_rng)).encode("utf-8")
        if n % 10 == 9:
            i = fuzz_rng.randrange(len(data) + 1)
            data = fuzz_rng.choice([b"\xef\xbb\xbf", b""]) + data[:i] + fuzz_rng.choice([b"\xff\xfe", b"\xc3", b"\xe2\x82"]) + data[i:]
        path.write_bytes(data)
        inputs.append(str(path))
    kg_script = Path(sys.executable).with_name("kg")
    command = [str(kg_script)] if kg_script.exists() else [sys.executable, "-c", "from kg.cli import main; main()"]
    proc, seconds = child_cpu_seconds(
        lambda: subprocess.run(
            command + ["export", *inputs, "-o", str(tmp_path / "out"), "-f", "all"],
            stdin=subprocess.DEVNULL, check=False, capture_output=True, text=True, errors="replace",
            timeout=600,  # no time bound (that is CPU, below): only so that a hung kg fails instead of blocking the run
        )
    )
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output, output[-3000:]
    assert proc.returncode in {0, 1, 3}, output[-3000:]
    assert seconds < CLI_CPU_LIMIT, f"kg export of 20 mutants took {seconds:.1f}s of CPU"
    for line in proc.stderr.splitlines():  # one line per error, warning or violation
        assert line.startswith(("Error: ", "[WARN] [Mutant ", "[Mutant ")), f"stray stderr line {line!r}"
    summaries = [line for line in proc.stdout.splitlines() if line.startswith("Mutant ")]
    errors = [line for line in proc.stderr.splitlines() if line.startswith("Error: ")]
    assert len(summaries) + len(errors) == 20, output[-3000:]
    written = sorted(p.name for p in (tmp_path / "out").iterdir()) if (tmp_path / "out").exists() else []
    assert not [name for name in written if name.endswith((".tmp", ".bak"))]
    assert len(written) == 5 * len(summaries)


def test_export_does_not_depend_on_input_order(tmp_path: Path) -> None:
    a = write(tmp_path / "Snippet_Film.wiki", SNIPPET)
    b = write(tmp_path / "Tabled_Film.wiki", TABLED + "\n== Cast ==\n* [[Gina Lead]] as Herself\n")
    ab, ba = tmp_path / "ab", tmp_path / "ba"
    assert run("export", str(a), str(b), "-o", str(ab), "-f", "all", "-q").exit_code == 0
    assert run("export", str(b), str(a), "-o", str(ba), "-f", "all", "-q").exit_code == 0
    names = sorted(p.name for p in ab.iterdir())
    assert names == sorted(p.name for p in ba.iterdir()) and len(names) == 10
    for name in names:
        assert (ab / name).read_bytes() == (ba / name).read_bytes(), name


# --------------------------------------------------------------------------- interrupted writes: atomic files

FORMATS = (Format.TURTLE, Format.JSONLD, Format.NTRIPLES)


def _graph() -> Graph:
    return export_page(SNIPPET, "Snippet Film").graph


def _interrupt_second_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    """The second rename of :func:`kg.serialize.write_outputs` raises ``KeyboardInterrupt``."""
    real = os.replace
    calls: list[tuple[str, str]] = []

    def replace(src, dst, *args, **kwargs):
        calls.append((os.fspath(src), os.fspath(dst)))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(kg.serialize.os, "replace", replace)


@pytest.mark.parametrize(
    "existing",
    [
        pytest.param((), id="fresh-dir"),
        pytest.param(("ttl",), id="one-file-there"),
        pytest.param(("ttl", "jsonld", "nt"), id="all-files-there"),
    ],
)
def test_an_interrupt_while_writing_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing) -> None:
    graph = _graph()
    out = tmp_path / "out"
    out.mkdir()
    before = {}
    for ext in existing:
        (out / f"Snippet_Film.{ext}").write_bytes(f"previous {ext}\n".encode())
        before[f"Snippet_Film.{ext}"] = f"previous {ext}\n".encode()
    (out / "Other.ttl").write_bytes(b"another article\n")
    before["Other.ttl"] = b"another article\n"
    _interrupt_second_replace(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        write_outputs(graph, out, "Snippet_Film", FORMATS)
    monkeypatch.undo()
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert not [n for n in after if n.endswith((".tmp", ".bak"))], sorted(after)
    assert after == before  # no partial set; what was there is back, unchanged


def test_writing_after_an_interrupt_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    graph = _graph()
    out = tmp_path / "out"
    _interrupt_second_replace(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        write_outputs(graph, out, "Snippet_Film", FORMATS)
    monkeypatch.undo()
    written = write_outputs(graph, out, "Snippet_Film", FORMATS)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)
    assert len(written) == 3
