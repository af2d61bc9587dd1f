"""kg.sources.multistream: a multistream dump's index, and its streams read one at a time.

The dumps are built here, tiny, with :mod:`bz2` in Wikimedia's layout: stream 0 holds
the ``<mediawiki …>`` start tag and ``<siteinfo>``, each next stream a few ``<page>``
elements, the last one ``</mediawiki>``; the index has one ``offset:page_id:title`` line
per page. A bigger dump of the corpus's real pages (benchmarks/make_multistream.py) is
read both ways too; that test skips when the corpus is absent.
"""

from __future__ import annotations

import builtins
import bz2
import io
import os
import random
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.errors import FormatError, InputError, MissingPageError, NotFoundError
from kg.model import Page
from kg.sources import multistream
from kg.sources.multistream import (
    Stream,
    find_index,
    iter_streams,
    read_index,
    read_stream,
)
from kg.sources.xml_dump import parse_pages
from kg.titles import normalise_title

REPO = Path(__file__).resolve().parents[1]

HEADER = (
    '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="0.11" xml:lang="en">\n'
    "  <siteinfo>\n"
    "    <sitename>Wikipedia</sitename>\n"
    "    <dbname>testwiki</dbname>\n"
    '    <namespaces>\n      <namespace key="0" case="first-letter" />\n'
    '      <namespace key="14" case="first-letter">Category</namespace>\n    </namespaces>\n'
    "  </siteinfo>\n"
)
CLOSING = "</mediawiki>\n"
TIMESTAMP = "2024-11-01T12:00:00Z"


@dataclass(frozen=True)
class P:
    """A page to put in a built dump."""

    pageid: int
    title: str
    text: str
    ns: int = 0
    redirect: str | None = None

    @property
    def revid(self) -> int:
        return 900_000 + self.pageid


def _xml_text(text: str) -> str:
    # Keep a carriage return a carriage return (XML parsers turn a raw one into \n).
    return escape(text).replace("\r", "&#13;")


def page_xml(p: P) -> str:
    redirect = f'    <redirect title="{escape(p.redirect, {chr(34): "&quot;"})}" />\n' if p.redirect else ""
    return (
        "  <page>\n"
        f"    <title>{_xml_text(p.title)}</title>\n"
        f"    <ns>{p.ns}</ns>\n"
        f"    <id>{p.pageid}</id>\n"
        f"{redirect}"
        "    <revision>\n"
        f"      <id>{p.revid}</id>\n"
        f"      <parentid>{p.revid - 1}</parentid>\n"
        f"      <timestamp>{TIMESTAMP}</timestamp>\n"
        "      <contributor>\n        <username>Someone</username>\n        <id>7</id>\n      </contributor>\n"
        "      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
        f'      <text bytes="{len(p.text.encode())}" xml:space="preserve">{_xml_text(p.text)}</text>\n'
        "      <sha1>0</sha1>\n"
        "    </revision>\n"
        "  </page>\n"
    )


@dataclass
class Built:
    """A dump built by :func:`build_dump`."""

    dump: Path
    index: Path
    #: where each stream of pages starts, in file order
    offsets: list[int]
    #: where the closing stream starts
    closing: int
    size: int
    groups: list[list[P]] = field(default_factory=list)

    @property
    def source(self) -> str:
        return str(self.dump)

    def expected(self, group: int) -> list[Page]:
        """The pages of one group, as kg must read them."""
        return [
            Page(
                title=p.title,
                text=p.text,
                source=self.source,
                revid=p.revid,
                timestamp=TIMESTAMP,
                pageid=p.pageid,
                ns=p.ns,
                redirect=p.redirect,
            )
            for p in self.groups[group]
        ]


def build_dump(
    folder: Path,
    groups: list[list[P]],
    *,
    name: str = "testwiki-20241101-pages-articles",
    compress_index: bool = True,
    header_holds_first_group: bool = False,
    last_group_holds_closing: bool = False,
) -> Built:
    """Write ``NAME-multistream.xml.bz2`` and ``NAME-multistream-index.txt.bz2`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    dump = folder / f"{name}-multistream.xml.bz2"
    index = folder / f"{name}-multistream-index.txt.bz2"
    offsets: list[int] = []
    lines: list[str] = []
    with open(dump, "wb") as out:
        for n, group in enumerate(groups):
            body = "".join(page_xml(p) for p in group)
            if n == 0 and header_holds_first_group:
                body = HEADER + body
            elif n == 0:
                out.write(bz2.compress(HEADER.encode()))
            if n == len(groups) - 1 and last_group_holds_closing:
                body += CLOSING
            offsets.append(out.tell())
            out.write(bz2.compress(body.encode()))
            lines += [f"{offsets[-1]}:{p.pageid}:{p.title}\n" for p in group]
        closing = out.tell()
        if not last_group_holds_closing:
            out.write(bz2.compress(CLOSING.encode()))
    data = "".join(lines).encode()
    index.write_bytes(bz2.compress(data) if compress_index else data)
    return Built(dump, index, offsets, closing, dump.stat().st_size, groups)


GROUPS = [
    [
        P(101, "Alpha", "An ''alpha'' page & <b>bold</b> \"quoted\" 'single'."),
        P(102, "Category:Foo", "[[Category:Bar]]", ns=14),
        P(103, "2001: A Space Odyssey", "{{Infobox film\n| name = 2001: A Space Odyssey\n}}\nA 1968 film."),
    ],
    [
        P(110, "Beta", "#REDIRECT [[Alpha]]", redirect="Alpha"),
        P(111, "Gamma: The Movie: Part 2", "Colons: everywhere: here."),
    ],
    [P(120, "Delta", "δέλτα — ünïcödé ✓ 🎬 日本語")],
    [
        P(130, "Epsilon", "x < y > z && w"),
        P(131, "Zeta", ""),
        P(132, "Talk:Eta:Theta", "talk", ns=1),
    ],
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_dump(tmp_path_factory.mktemp("ms"), GROUPS)


@pytest.fixture(scope="module")
def streams(built: Built) -> list[Stream]:
    return read_index(built.index, built.size)


def sequential(built: Built) -> list[Page]:
    return list(kg.read_pages(built.source))


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def message_of(excinfo: pytest.ExceptionInfo) -> str:
    return str(excinfo.value)


# --------------------------------------------------------------------------- read_index


def test_the_builder_writes_what_wikimedia_writes(built: Built) -> None:
    raw = built.dump.read_bytes()
    # One ordinary bzip2 file: stream 0 the header, then the pages, then the closing tag.
    whole = bz2.decompress(raw).decode()
    assert whole.startswith(HEADER)
    assert whole.endswith(CLOSING)
    assert whole.count("<page>") == 9
    for offset in [0, *built.offsets, built.closing]:
        assert raw[offset : offset + 3] == b"BZh"
    assert bz2.decompress(raw[: built.offsets[0]]).decode() == HEADER
    assert bz2.decompress(raw[built.closing :]).decode() == CLOSING


def test_read_index_gives_one_stream_per_offset(built: Built, streams: list[Stream]) -> None:
    o = built.offsets
    assert streams == [
        Stream(number=0, offset=o[0], length=o[1] - o[0], pages=3, first_title="Alpha"),
        Stream(number=1, offset=o[1], length=o[2] - o[1], pages=2, first_title="Beta"),
        Stream(number=2, offset=o[2], length=o[3] - o[2], pages=1, first_title="Delta"),
        # The last one runs to the end of the dump: it covers the closing stream too.
        Stream(number=3, offset=o[3], length=built.size - o[3], pages=3, first_title="Epsilon"),
    ]
    assert streams[-1].offset + streams[-1].length == built.size > built.closing


def test_a_plain_text_index_reads_as_the_bzip2_one(built: Built, streams: list[Stream], tmp_path: Path) -> None:
    plain = write(tmp_path / "index.txt", bz2.decompress(built.index.read_bytes()))
    assert plain.read_bytes().startswith(b"%d:101:Alpha\n" % built.offsets[0])
    assert read_index(plain, built.size) == streams
    assert read_index(str(plain), built.size) == streams


def test_the_dump_size_defaults_to_the_dump_beside_the_index(built: Built, streams: list[Stream]) -> None:
    assert read_index(built.index) == streams
    assert read_index(str(built.index)) == streams


def test_the_dump_size_given_overrides_the_dump_beside_the_index(built: Built) -> None:
    last = read_index(built.index, built.size + 1000)[-1]
    assert last.length == built.size + 1000 - built.offsets[-1]


def test_titles_with_colons_are_split_on_the_first_two_colons_only(tmp_path: Path) -> None:
    index = write(
        tmp_path / "index.txt",
        b"10:1:Category:Foo\n"
        b"10:2:Zed\n"
        b"20:3:2001: A Space Odyssey\n"
        b"30:4:Talk:A:B::C:\n"
        b"40:5::Leading colon\n"
        b"50:6:Plain\n",
    )
    assert read_index(index, 60) == [
        Stream(0, 10, 10, 2, "Category:Foo"),
        Stream(1, 20, 10, 1, "2001: A Space Odyssey"),
        Stream(2, 30, 10, 1, "Talk:A:B::C:"),
        Stream(3, 40, 10, 1, ":Leading colon"),
        Stream(4, 50, 10, 1, "Plain"),
    ]


def test_a_last_line_without_a_newline_counts(tmp_path: Path) -> None:
    index = write(tmp_path / "index.txt", b"5:1:A\n9:2:B\n9:3:C")
    assert read_index(index, 12) == [Stream(0, 5, 4, 1, "A"), Stream(1, 9, 3, 2, "B")]


def test_unicode_titles_and_offsets_with_the_same_digits_as_a_prefix(tmp_path: Path) -> None:
    # "10" is a prefix of "100": the lines of offset 100 are another stream.
    index = write(tmp_path / "index.txt", "10:1:Ünïcode 日本\n10:2:x\n100:3:Été\n1000:4:y\n".encode())
    assert read_index(index, 2000) == [
        Stream(0, 10, 90, 2, "Ünïcode 日本"),
        Stream(1, 100, 900, 1, "Été"),
        Stream(2, 1000, 1000, 1, "y"),
    ]


def test_only_the_first_title_of_a_stream_must_be_utf8(tmp_path: Path) -> None:
    index = write(tmp_path / "index.txt", b"10:1:First\n10:2:\xff\xfe\n")
    assert read_index(index, 20) == [Stream(0, 10, 10, 2, "First")]


@pytest.mark.parametrize("chunk", [1, 2, 5, 7, 13, 64])
def test_the_index_read_in_small_chunks_gives_the_same_streams(
    chunk: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Streams spanning chunk boundaries are one stream each, counted whole.
    lines = b"".join(b"%d:%d:Title %d: part\n" % (1000 + 100 * (i // 4), i, i) for i in range(30))
    plain = write(tmp_path / "index.txt", lines)
    packed = write(tmp_path / "index.txt.bz2", bz2.compress(lines))
    expected = [Stream(n, 1000 + 100 * n, 100, 4 if n < 7 else 2, f"Title {4 * n}: part") for n in range(8)]
    assert read_index(plain, 1800) == expected
    monkeypatch.setattr(multistream, "_INDEX_CHUNK", chunk)
    assert read_index(plain, 1800) == expected
    assert read_index(packed, 1800) == expected
    bad = write(tmp_path / "bad.txt", lines + b"1800:99:Z\n1700:100:Back\n")
    with pytest.raises(FormatError) as excinfo:
        read_index(bad, 5000)
    assert message_of(excinfo) == (
        f"{bad}: is not a multistream index: line 32: offset 1700 is not after the previous stream's offset 1800"
    )


def test_a_multi_stream_bzip2_index_is_read_whole(tmp_path: Path) -> None:
    # Wikimedia's index is itself several bzip2 streams concatenated.
    index = write(tmp_path / "index.txt.bz2", bz2.compress(b"10:1:A\n10:2:B\n") + bz2.compress(b"10:3:C\n20:4:D\n"))
    assert read_index(index, 30) == [Stream(0, 10, 10, 3, "A"), Stream(1, 20, 10, 1, "D")]


def test_read_index_closes_the_files_it_opens(built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # bz2.BZ2File never closes a file object it is given: the index file must be closed
    # by read_index itself, whether it succeeds or fails.
    opened: list[io.IOBase] = []

    def tracking_open(*args, **kwargs):
        f = builtins.open(*args, **kwargs)  # noqa: SIM115 - checked closed below
        opened.append(f)
        return f

    monkeypatch.setattr(multistream, "open", tracking_open, raising=False)
    plain = write(tmp_path / "index.txt", b"10:1:A\n")
    bad = write(tmp_path / "bad.txt.bz2", bz2.compress(b"10:1:A\nnot a line\n"))
    assert len(read_index(built.index, built.size)) == 4
    assert len(read_index(plain, 20)) == 1
    with pytest.raises(FormatError):
        read_index(bad, 20)
    assert len(opened) == 3
    assert [f.closed for f in opened] == [True, True, True]


def _index_error(path: Path, message: str) -> str:
    return f"{path}: is not a multistream index: {message}"


@pytest.mark.parametrize(
    ("content", "size", "message"),
    [
        pytest.param(b"", 100, "it has no lines", id="empty"),
        pytest.param(bz2.compress(b""), 100, "it has no lines", id="empty-bzip2"),
        pytest.param(
            b"10:1:A\n10:2:B\n10:x:C\n", 100, "line 3: '10:x:C' is not offset:page_id:title", id="malformed-line"
        ),
        pytest.param(
            bz2.compress(b"10:1:A\n20:2:B\n20:3:C\n30:4\n"),
            100,
            "line 4: '30:4' is not offset:page_id:title",
            id="malformed-line-bzip2",
        ),
        pytest.param(b"10:1:A\n\n20:2:B\n", 100, "line 2: '' is not offset:page_id:title", id="blank-line"),
        pytest.param(b"10:1:\n", 100, "line 1: '10:1:' is not offset:page_id:title", id="no-title"),
        pytest.param(b"-1:1:A\n", 100, "line 1: '-1:1:A' is not offset:page_id:title", id="negative-offset"),
        pytest.param(
            b"1:1:A\n2:2:" + b"x" * 200 + b"\n" + b"y" * 200 + b"\n",
            1000,
            "line 3: '" + "y" * 80 + "' is not offset:page_id:title",
            id="line-cut-to-80-characters",
        ),
        pytest.param(
            b"30:1:A\n20:2:B\n", 100, "line 2: offset 20 is not after the previous stream's offset 30", id="decreasing"
        ),
        pytest.param(
            b"10:1:A\n10:2:B\n20:3:C\n10:4:D\n",
            100,
            "line 4: offset 10 is not after the previous stream's offset 20",
            id="an-offset-again-later",
        ),
        pytest.param(
            b"10:1:A\n50:2:B\n50:3:C\n", 50, "line 2: offset 50 is past the end of the dump (50 bytes)", id="at-the-end"
        ),
        pytest.param(
            b"10:1:A\n90:2:B\n", 50, "line 2: offset 90 is past the end of the dump (50 bytes)", id="past-the-end"
        ),
        pytest.param(
            b"10:1:A\n20:2:B\xff\xfe\n",
            100,
            "line 2: the title is not UTF-8 text (invalid byte 0xff)",
            id="title-not-utf8",
        ),
        pytest.param(
            b"\x00\x01\xff\xfe garbage",
            100,
            "line 1: '\\x00\\x01\ufffd\ufffd garbage' is not offset:page_id:title",
            id="binary",
        ),
        pytest.param(
            b"\x1f\x8b\x08\x00" + b"\x00" * 12,
            100,
            "line 1: '\\x1f\ufffd\\x08" + "\\x00" * 13 + "' is not offset:page_id:title",
            id="gzip",
        ),
        pytest.param(b"BZh9garbage", 100, "not a valid bzip2 or text file (Invalid data stream)", id="damaged-bzip2"),
        pytest.param(
            bz2.compress(b"10:1:A\n")[:-6],
            100,
            "not a valid bzip2 or text file (Compressed file ended before the end-of-stream marker was reached)",
            id="truncated-bzip2",
        ),
    ],
)
def test_a_bad_index_is_a_format_error_naming_it(content: bytes, size: int, message: str, tmp_path: Path) -> None:
    index = write(tmp_path / "index.txt.bz2", content)
    with pytest.raises(FormatError) as excinfo:
        read_index(index, size)
    assert message_of(excinfo) == _index_error(index, message)
    assert excinfo.value.source == str(index)
    assert "\n" not in message_of(excinfo)


def test_a_missing_index_is_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "missing-multistream-index.txt.bz2"
    with pytest.raises(NotFoundError) as excinfo:
        read_index(missing, 100)
    assert message_of(excinfo) == f"{missing}: no such file"
    below_a_file = write(tmp_path / "file.txt", b"10:1:A\n") / "index.txt"
    with pytest.raises(NotFoundError) as excinfo:
        read_index(below_a_file, 100)
    assert message_of(excinfo) == f"{below_a_file}: no such file"


def test_a_folder_as_index_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError) as excinfo:
        read_index(tmp_path, 100)
    assert message_of(excinfo) == f"{tmp_path}: is a directory, not a file"


def test_without_a_dump_size_the_dump_must_be_beside_the_index(built: Built, tmp_path: Path) -> None:
    expected = "has no dump beside it to take the last stream's length from; pass the dump's size"
    lonely = write(tmp_path / "other-multistream-index.txt.bz2", built.index.read_bytes())
    odd_name = write(tmp_path / "index.txt", b"10:1:A\n")
    for index in (lonely, odd_name, tmp_path / "missing-multistream-index.txt.bz2"):
        with pytest.raises(NotFoundError) as excinfo:
            read_index(index)
        assert message_of(excinfo) == f"{index}: {expected}"
    (tmp_path / "folder-multistream.xml.bz2").mkdir()
    folder_dump = write(tmp_path / "folder-multistream-index.txt.bz2", b"10:1:A\n")
    with pytest.raises(NotFoundError) as excinfo:
        read_index(folder_dump)
    assert message_of(excinfo) == f"{folder_dump}: {expected}"


def test_index_errors_are_input_errors() -> None:
    assert issubclass(FormatError, InputError)
    assert issubclass(NotFoundError, InputError)


# --------------------------------------------------------------------------- read_stream


def test_each_stream_read_alone_gives_its_pages(built: Built, streams: list[Stream]) -> None:
    for n, stream in enumerate(streams):
        assert list(read_stream(built.dump, stream)) == built.expected(n)


def test_the_pages_of_a_stream_are_those_the_sequential_reader_gives(built: Built, streams: list[Stream]) -> None:
    whole = sequential(built)
    assert len(whole) == 9
    assert whole == [page for n in range(len(GROUPS)) for page in built.expected(n)]
    start = 0
    for stream in streams:
        pages = list(read_stream(built.source, stream))
        assert pages == whole[start : start + stream.pages]
        assert pages[0].title == stream.first_title
        start += stream.pages
    assert start == len(whole)
    # …and what xml_dump.parse_pages gives for the whole decompressed file.
    assert list(parse_pages(io.BytesIO(bz2.decompress(built.dump.read_bytes())), built.source)) == whole


def test_page_fields_survive_exactly(built: Built, streams: list[Stream]) -> None:
    alpha, category, odyssey = read_stream(built.dump, streams[0])
    assert alpha.text == "An ''alpha'' page & <b>bold</b> \"quoted\" 'single'."
    assert (alpha.pageid, alpha.revid, alpha.timestamp, alpha.ns, alpha.redirect) == (101, 900_101, TIMESTAMP, 0, None)
    assert (category.title, category.ns) == ("Category:Foo", 14)
    assert odyssey.title == "2001: A Space Odyssey"
    beta, gamma = read_stream(built.dump, streams[1])
    assert (beta.title, beta.redirect, beta.text) == ("Beta", "Alpha", "#REDIRECT [[Alpha]]")
    assert gamma.redirect is None
    (delta,) = read_stream(built.dump, streams[2])
    assert delta.text == "δέλτα — ünïcödé ✓ 🎬 日本語"
    epsilon, zeta, eta = read_stream(built.dump, streams[3])
    assert (epsilon.text, zeta.text, eta.title, eta.ns) == ("x < y > z && w", "", "Talk:Eta:Theta", 1)


def test_the_header_stream_yields_no_pages(built: Built) -> None:
    header = Stream(number=0, offset=0, length=built.offsets[0], pages=0, first_title="")
    assert list(read_stream(built.dump, header)) == []


def test_the_closing_stream_alone_yields_no_pages(built: Built) -> None:
    closing = Stream(number=9, offset=built.closing, length=built.size - built.closing, pages=0, first_title="")
    assert list(read_stream(built.dump, closing)) == []


def test_the_last_stream_holds_its_pages_and_the_closing_stream(built: Built, streams: list[Stream]) -> None:
    last = streams[-1]
    assert last.offset + last.length == built.size
    assert last.length > built.closing - last.offset  # it goes past its own stream
    assert list(read_stream(built.dump, last)) == built.expected(3)
    # Its pages stream alone reads too.
    alone = Stream(last.number, last.offset, built.closing - last.offset, last.pages, last.first_title)
    assert list(read_stream(built.dump, alone)) == built.expected(3)


def test_streams_read_in_any_order_give_the_same_pages(built: Built, streams: list[Stream]) -> None:
    expected = {s.number: built.expected(s.number) for s in streams}
    for order in (list(reversed(streams)), [streams[2], streams[0], streams[3], streams[1], streams[2]]):
        for stream in order:
            assert list(read_stream(built.dump, stream)) == expected[stream.number]
    shuffled = streams[:]
    random.Random(5).shuffle(shuffled)
    got = {s.number: list(read_stream(built.dump, s)) for s in shuffled}
    assert got == expected


def test_a_stream_is_read_lazily_and_can_be_abandoned(built: Built, streams: list[Stream]) -> None:
    pages = read_stream(built.dump, streams[0])
    assert next(pages).title == "Alpha"
    pages.close()
    assert list(read_stream(built.dump, streams[0]))[2].title == "2001: A Space Odyssey"


def test_the_source_is_the_path_as_given_or_the_one_passed(built: Built, streams: list[Stream]) -> None:
    assert {p.source for p in read_stream(built.dump, streams[1])} == {str(built.dump)}
    assert {p.source for p in read_stream(str(built.dump), streams[1])} == {str(built.dump)}
    assert {p.source for p in read_stream(built.dump, streams[1], source="enwiki")} == {"enwiki"}


def test_a_header_stream_holding_pages_and_a_last_stream_holding_the_closing_tag(tmp_path: Path) -> None:
    groups = [[P(1, "One", "1"), P(2, "Two", "2")], [P(3, "Three", "3")], [P(4, "Four", "4"), P(5, "Five", "5")]]
    b = build_dump(tmp_path, groups, header_holds_first_group=True, last_group_holds_closing=True)
    assert b.offsets[0] == 0
    assert b.closing == b.size
    streams = read_index(b.index)
    assert [(s.offset, s.pages, s.first_title) for s in streams] == [
        (0, 2, "One"),
        (b.offsets[1], 1, "Three"),
        (b.offsets[2], 2, "Four"),
    ]
    for n, stream in enumerate(streams):
        assert list(read_stream(b.dump, stream)) == b.expected(n)
    assert [p for s in streams for p in read_stream(b.dump, s)] == sequential(b)


def test_a_stream_of_no_pages_yields_nothing(tmp_path: Path) -> None:
    dump = write(tmp_path / "d.bz2", b"JUNK" + bz2.compress(b"  \n") + bz2.compress(b"<!-- x --><foo/>"))
    assert list(read_stream(dump, Stream(0, 4, len(bz2.compress(b"  \n")), 0, ""))) == []
    assert list(read_stream(dump, Stream(0, 4, dump.stat().st_size - 4, 0, ""))) == []


def _one_stream(tmp_path: Path, content: bytes, junk: bytes = b"JUNK") -> tuple[Path, Stream]:
    data = bz2.compress(content)
    dump = write(tmp_path / "one-multistream.xml.bz2", junk + data)
    return dump, Stream(0, len(junk), len(data), 1, "X")


def _stream_error(dump: Path, offset: int, message: str) -> str:
    return f"{dump}: stream at offset {offset} {message}"


def test_a_range_that_is_not_a_bzip2_stream(built: Built, streams: list[Stream]) -> None:
    s = streams[1]
    shifted = Stream(s.number, s.offset + 1, s.length - 1, s.pages, s.first_title)
    with pytest.raises(FormatError) as excinfo:
        list(read_stream(built.dump, shifted))
    assert message_of(excinfo) == _stream_error(built.dump, s.offset + 1, "is not a bzip2 stream (no bzip2 header)")
    assert excinfo.value.source == str(built.dump)


def test_an_index_of_another_dump(built: Built, tmp_path: Path) -> None:
    other = write(tmp_path / "other.bz2", random.Random(1).randbytes(built.size))
    stream = read_index(built.index, built.size)[1]
    assert other.read_bytes()[stream.offset : stream.offset + 3] != b"BZh"
    with pytest.raises(FormatError) as excinfo:
        list(read_stream(other, stream))
    assert message_of(excinfo) == _stream_error(other, stream.offset, "is not a bzip2 stream (no bzip2 header)")


def test_a_range_with_garbage_after_its_stream(tmp_path: Path) -> None:
    first = bz2.compress(page_xml(P(1, "A", "a")).encode())
    dump = write(tmp_path / "d.bz2", b"JUNK" + first + b"\x00\x00" + bz2.compress(CLOSING.encode()))
    with pytest.raises(FormatError) as excinfo:
        list(read_stream(dump, Stream(0, 4, dump.stat().st_size - 4, 1, "A")))
    assert message_of(excinfo) == _stream_error(
        dump, 4, f"is not a bzip2 stream (no bzip2 header {len(first)} bytes in)"
    )


def test_a_truncated_dump(built: Built, tmp_path: Path) -> None:
    streams = read_index(built.index, built.size)
    cut = write(tmp_path / "cut-multistream.xml.bz2", built.dump.read_bytes()[: built.size - 20])
    # The streams before the cut still read.
    assert list(read_stream(cut, streams[0])) == [replace(p, source=str(cut)) for p in built.expected(0)]
    with pytest.raises(FormatError) as excinfo:
        list(read_stream(cut, streams[-1]))
    assert message_of(excinfo) == _stream_error(
        cut,
        streams[-1].offset,
        "is not a bzip2 stream (the dump ends 20 bytes before the stream's end: "
        "it is truncated, or the index belongs to another dump)",
    )
    past = Stream(9, built.size + 10, 50, 1, "X")
    with pytest.raises(FormatError) as excinfo:
        list(read_stream(built.dump, past))
    assert message_of(excinfo) == _stream_error(
        built.dump,
        built.size + 10,
        "is not a bzip2 stream (the dump ends 50 bytes before the stream's end: "
        "it is truncated, or the index belongs to another dump)",
    )


def test_a_stream_cut_short(built: Built, streams: list[Stream]) -> None:
    s = streams[0]
    short = Stream(s.number, s.offset, s.length - 5, s.pages, s.first_title)
    with pytest.raises(FormatError) as excinfo:
        list(read_stream(built.dump, short))
    assert message_of(excinfo) == _stream_error(
        built.dump,
        s.offset,
        f"is not a bzip2 stream (it is cut short: its {s.length - 5} bytes end before its end-of-stream marker)",
    )


def test_an_empty_range(built: Built, streams: list[Stream]) -> None:
    empty = Stream(0, streams[0].offset, 0, 0, "")
    with pytest.raises(FormatError) as excinfo:
        list(read_stream(built.dump, empty))
    assert message_of(excinfo) == _stream_error(
        built.dump, streams[0].offset, "is not a bzip2 stream (the dump has no bytes there)"
    )


def test_a_damaged_stream(tmp_path: Path) -> None:
    data = bytearray(bz2.compress(page_xml(P(1, "A", "a" * 300 + "b" * 300)).encode()))
    data[len(data) // 2] ^= 0xFF
    dump = write(tmp_path / "d.bz2", bytes(data))
    with pytest.raises(FormatError) as excinfo:
        list(read_stream(dump, Stream(0, 0, len(data), 1, "A")))
    assert message_of(excinfo) == _stream_error(dump, 0, "is not a bzip2 stream (Invalid data stream)")


def test_a_stream_that_is_not_utf8(tmp_path: Path) -> None:
    content = page_xml(P(1, "A", "café")).encode().replace("é".encode(), b"\xe9")
    dump, stream = _one_stream(tmp_path, content)
    at = content.index(b"\xe9")
    with pytest.raises(FormatError) as excinfo:
        list(read_stream(dump, stream))
    assert message_of(excinfo) == _stream_error(
        dump, 4, f"is not UTF-8 text (invalid byte 0xe9 at offset {at} of its content)"
    )


def test_a_stream_that_is_not_well_formed_xml(tmp_path: Path) -> None:
    dump, stream = _one_stream(tmp_path, b"  <page>\n    <title>A</title>\n")
    with pytest.raises(FormatError) as excinfo:
        list(read_stream(dump, stream))
    assert message_of(excinfo) == _stream_error(dump, 4, "is not well-formed XML (line 3 column 3: mismatched tag)")


def test_a_page_without_a_title(tmp_path: Path) -> None:
    dump, stream = _one_stream(tmp_path, b"<page><ns>0</ns><revision><text>x</text></revision></page>")
    with pytest.raises(FormatError) as excinfo:
        list(read_stream(dump, stream))
    assert message_of(excinfo) == f"{dump}: stream at offset 4, page 1 has no <title>"


def test_a_page_without_revision_text(tmp_path: Path) -> None:
    dump, stream = _one_stream(tmp_path, page_xml(P(1, "A", "a")).encode() + b"<page><title>b</title><ns>0</ns></page>")
    pages = read_stream(dump, stream, source="src")
    assert next(pages).title == "A"
    with pytest.raises(MissingPageError) as excinfo:
        next(pages)
    assert message_of(excinfo) == 'src: page "B" has no revision text'


def test_a_missing_dump(streams: list[Stream], tmp_path: Path) -> None:
    missing = tmp_path / "missing-multistream.xml.bz2"
    pages = read_stream(missing, streams[0])  # nothing is opened before the first next()
    with pytest.raises(NotFoundError) as excinfo:
        list(pages)
    assert message_of(excinfo) == f"{missing}: no such file"
    with pytest.raises(NotFoundError) as excinfo:
        list(read_stream(tmp_path, streams[0]))
    assert message_of(excinfo) == f"{tmp_path}: is a directory, not a file"


# --------------------------------------------------------------------------- find_index


def test_find_index_finds_the_index_beside_the_dump(built: Built) -> None:
    assert find_index(built.dump) == built.index
    assert find_index(str(built.dump)) == built.index
    assert isinstance(find_index(str(built.dump)), Path)


def test_find_index_is_none_without_one(built: Built, tmp_path: Path) -> None:
    lonely = write(tmp_path / "enwiki-20241101-pages-articles-multistream.xml.bz2", built.dump.read_bytes())
    assert find_index(lonely) is None
    assert find_index(tmp_path / "never-multistream.xml.bz2") is None
    # Not a multistream dump's name: no index, even with one of the right name beside it.
    renamed = write(tmp_path / "dump.xml.bz2", built.dump.read_bytes())
    write(tmp_path / "dump-multistream-index.txt.bz2", built.index.read_bytes())
    assert find_index(renamed) is None
    # A folder named like the index is no index.
    (tmp_path / "folder-multistream-index.txt.bz2").mkdir()
    assert find_index(tmp_path / "folder-multistream.xml.bz2") is None


# --------------------------------------------------------------------------- iter_streams


def test_iter_streams_reads_ranges_of_streams(built: Built) -> None:
    whole = sequential(built)
    assert list(iter_streams(built.dump)) == whole
    assert list(iter_streams(built.dump, built.index)) == whole
    assert list(iter_streams(built.dump, first=1, last=3)) == whole[3:6]
    assert list(iter_streams(built.dump, first=3)) == whole[6:]
    assert list(iter_streams(built.dump, last=1)) == whole[:3]
    assert [p.source for p in iter_streams(built.dump, last=1, source="s")] == ["s"] * 3


def test_iter_streams_needs_an_index(built: Built, tmp_path: Path) -> None:
    lonely = write(tmp_path / "x-multistream.xml.bz2", built.dump.read_bytes())
    with pytest.raises(NotFoundError) as excinfo:
        list(iter_streams(lonely))
    assert message_of(excinfo) == f"{lonely}: has no multistream index beside it (…-multistream-index.txt.bz2)"


# --------------------------------------------------------------------------- a bigger dump


@pytest.fixture(scope="module")
def corpus_dump(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from make_multistream import build
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    return build(tmp_path_factory.mktemp("corpus-dump"), pages=300, seed=1)


@pytest.mark.corpus
def test_reading_every_stream_equals_the_sequential_read(corpus_dump: tuple[Path, Path]) -> None:
    dump, index = corpus_dump
    assert find_index(dump) == index
    streams = read_index(index)
    assert [s.number for s in streams] == list(range(3))
    assert [s.pages for s in streams] == [100, 100, 100]
    assert streams[-1].offset + streams[-1].length == dump.stat().st_size
    whole = list(kg.read_pages(dump))
    assert len(whole) == 300
    by_stream = [list(read_stream(dump, s)) for s in reversed(streams)][::-1]
    assert [len(pages) for pages in by_stream] == [100, 100, 100]
    assert [p for pages in by_stream for p in pages] == whole
    assert [pages[0].title for pages in by_stream] == [s.first_title for s in streams]
    # The index names every page by its id and title, in order.
    lines = bz2.decompress(index.read_bytes()).decode().splitlines()
    assert [line.split(":", 2)[1:] for line in lines] == [[str(p.pageid), p.title] for p in whole]
    assert {p.ns for p in whole} >= {0}
    assert len({p.title for p in whole}) == 300


# --------------------------------------------------------------------------- property


_TEXT = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc"),
        blacklist_characters="\ufffe\uffff",
        whitelist_characters="\t\n\r",
    ),
    max_size=60,
) | st.sampled_from(["", "<>&\"'", "&amp; &lt;/page&gt; ]]>", "</text></revision></page></mediawiki>", "\r\n\r"])
# Titles as MediaWiki stores them (what kg makes of a title in a dump).
_TITLE = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"), min_size=1, max_size=30
    )
    | st.sampled_from(
        ["Category:Foo", "2001: A Space Odyssey", "A <b> & \"c\" 'd'", "Ünïcode 日本 🎬", "Talk:X:Y"]
    )
).map(normalise_title).filter(bool)


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pages=st.lists(st.tuples(_TITLE, _TEXT), min_size=1, max_size=8, unique_by=lambda p: p[0]),
    cuts=st.lists(st.integers(min_value=1, max_value=8), max_size=4),
    compress_index=st.booleans(),
)
def test_random_pages_survive_a_multistream_round_trip(
    pages: list[tuple[str, str]], cuts: list[int], compress_index: bool
) -> None:
    ps = [P(1000 + 3 * n, title, text) for n, (title, text) in enumerate(pages)]
    groups: list[list[P]] = []
    rest = ps
    for cut in cuts:
        if rest:
            groups.append(rest[:cut])
            rest = rest[cut:]
    if rest:
        groups.append(rest)
    with tempfile.TemporaryDirectory() as folder:
        b = build_dump(Path(folder), groups, compress_index=compress_index)
        streams = read_index(b.index)
        assert [(s.pages, s.first_title) for s in streams] == [(len(g), g[0].title) for g in groups]
        got = [list(read_stream(b.dump, s)) for s in streams]
        assert [[(p.title, p.text, p.pageid) for p in g] for g in got] == [
            [(p.title, p.text, p.pageid) for p in g] for g in groups
        ]
        assert [p for g in got for p in g] == sequential(b)
        assert os.path.getsize(b.dump) == b.size
