"""The files sink: each exported article as ``DIR/<Title>.<ext>`` in every chosen format
(a plain-text extract as ``DIR/<Title>.extract.<ext>``, the merge of several sources of a
page as ``DIR/<Title>.merged.<ext>`` in the formats that keep named graphs apart),
written atomically (all formats of an article appear together or not at all, and an
interrupt waits until they have), with one check that two titles never share a file."""

from __future__ import annotations

from pathlib import Path

from kg.errors import NameClashError, OutputError
from kg.interrupts import deferred
from kg.result import PageResult
from kg.iri import MERGED, SOURCES
from kg.serialize import DEFAULT_FORMATS, Format, merged_formats, output_name, write_outputs


class FilesSink:
    """Write each exported graph to files.

    :param out_dir: the output folder (created when missing).
    :param formats: the formats to write (Turtle and JSON-LD by default).
    """

    name = "files"
    concurrent = False

    def __init__(self, out_dir: str | Path, formats: tuple[Format, ...] = DEFAULT_FORMATS) -> None:
        self.out_dir = Path(out_dir)
        self.formats = formats
        self._stems: dict[str, str] = {}

    def open(self) -> None:
        """Check that the output folder is a folder, and create it when missing.

        :raises OutputError: it is a file (or another non-folder, such as ``/dev/null``)
            or cannot be created.
        """
        where = str(self.out_dir)
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise OutputError(where, "cannot write output: it is not a folder")
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(where, f"cannot create the output folder ({exc.strerror or exc})") from None

    def put(self, result: PageResult) -> list[str]:
        """Write an exported result's graph; other results are ignored.

        :raises OutputError: a file cannot be written.
        :raises NameClashError: another title already took the file name (titles that
            differ only in what a file name cannot hold).
        """
        if result.graph is None or result.page is None:
            return []
        title = result.page.title
        stem = output_name(title)
        if result.merged is not None:
            stem += f".{MERGED}"  # every source's graph and the graph that merges them
        elif SOURCES[result.page.format]:
            stem += f".{SOURCES[result.page.format]}"  # a plain-text extract: Title.extract.ttl
        if self._stems.get(stem, title) != title:
            raise NameClashError(result.page.where, f'output name "{stem}" is already used by "{self._stems[stem]}"')
        self._stems[stem] = title
        with deferred():
            if result.merged is not None:
                paths = write_outputs(result.merged.graphs, self.out_dir, stem, merged_formats(self.formats))
            else:
                paths = write_outputs(result.graph, self.out_dir, stem, self.formats)
        return [str(p) for p in paths]

    def close(self) -> None:
        pass
