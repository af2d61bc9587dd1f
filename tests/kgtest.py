"""Case files: wikitext snippets in, the records one extractor gives out.

A ``.kgtest`` file (after mwparserfromhell's ``.mwtest``) holds many cases, separated by
lines of ``---``. Each case has fields, one per line, ``key: value``; ``input:`` and
``expect:`` take the lines that follow them, up to the next field::

    name:   as-separator
    label:  "X as Y": the performer, then the character
    input:
    == Cast ==
    * [[Ann Bee]] as Cora Dee
    expect:
    [{"position": 1, "actor": {"name": "Ann Bee", "title": "Ann Bee"}, "character": "Cora Dee"}]

- ``name`` (required, unique in the file) gives the test id ``<file>:<name>``;
- ``title`` is the page title (default ``Test Film``);
- ``format`` is ``wikitext`` (the default) or ``plaintext`` (the input is a plain-text extract);
- ``input`` is the article's wikitext; a case that has no ``{{Infobox film`` runs with no infobox;
- ``expect`` is JSON: the extractor's part as :func:`compact` writes it — for a part with
  one field (``Cast.credits``, ``Accolades.nominations`` …) that field's list, else the
  part's fields; fields at their default value are left out (``null``, ``false``, ``[]``,
  ``"cast-section"`` …);
- ``warnings`` (optional) is a JSON list: exactly the warnings the extractor records.

The case runs through the extractor of the folder it sits in (``tests/extractors/cast/``
→ ``cast``) and nothing else.
"""

from __future__ import annotations

import json
import re
from dataclasses import MISSING, dataclass, fields, is_dataclass
from decimal import Decimal
from pathlib import Path

from kg.classify import FILM_INFOBOXES
from kg.extract import run_extractors
from kg.extractors import EXTRACTORS, Context
from kg.extractors.names import NameReader
from kg.model import Page
from kg.wikitext import find_templates, page_scope, parse
from kg.values import PartialDate

_FIELD = re.compile(r"^(name|label|title|format|input|expect|warnings):\s?(.*)$")
BLOCK_FIELDS = ("input", "expect", "warnings")


@dataclass(frozen=True)
class Case:
    file: Path
    name: str
    label: str
    title: str
    input: str
    expect: object
    warnings: list[str] | None
    line: int
    format: str = "wikitext"

    @property
    def id(self) -> str:
        return f"{self.file.stem}:{self.name}"


def load(path: Path) -> list[Case]:
    """The cases of one ``.kgtest`` file.

    :raises ValueError: a case lacks ``name``, ``input`` or ``expect``, repeats a name, or
        its ``expect`` is not JSON (the message names the file and line).
    """
    cases: list[Case] = []
    blocks: list[tuple[int, list[str]]] = [(1, [])]
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.rstrip() == "---":
            blocks.append((n + 1, []))
        else:
            blocks[-1][1].append(line)
    seen: set[str] = set()
    for start, lines in blocks:
        if not any(line.strip() for line in lines):
            continue
        values: dict[str, list[str]] = {}
        current = None
        for line in lines:
            m = _FIELD.match(line)
            if m and (current not in BLOCK_FIELDS or m.group(1) in BLOCK_FIELDS or not values.get(current)):
                current = m.group(1)
                values[current] = [m.group(2)] if m.group(2) else []
            elif current is not None:
                values[current].append(line)
            elif line.strip() and not line.startswith("#"):
                raise ValueError(f"{path}:{start}: text before the first field: {line!r}")
        where = f"{path}:{start}"
        for required in ("name", "input", "expect"):
            if required not in values:
                raise ValueError(f"{where}: the case has no {required}:")
        name = " ".join(values["name"]).strip()
        if name in seen:
            raise ValueError(f"{where}: a second case named {name!r}")
        seen.add(name)

        def block(key: str) -> str:
            return "\n".join(values.get(key, [])).strip("\n")

        try:
            expect = json.loads(block("expect"))
            warnings = json.loads(block("warnings")) if "warnings" in values else None
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where} ({name}): expect/warnings is not JSON: {exc}") from None
        cases.append(
            Case(path, name, " ".join(values.get("label", [])).strip(), " ".join(values.get("title", [])).strip() or "Test Film",
                 block("input") + "\n", expect, warnings, start, " ".join(values.get("format", [])).strip() or "wikitext")
        )
    return cases


def compact(obj: object) -> object:
    """A model value as the case files write it: dates as ISO strings, amounts as strings,
    tuples as lists, and dataclass fields at their default value left out."""
    if isinstance(obj, PartialDate):
        return obj.isoformat()
    if isinstance(obj, Decimal):
        return str(obj)
    if is_dataclass(obj):
        out = {}
        for f in fields(obj):
            value = getattr(obj, f.name)
            if f.default is not MISSING and value == f.default:
                continue
            out[f.name] = compact(value)
        return out
    if isinstance(obj, (list, tuple)):
        return [compact(v) for v in obj]
    return obj


#: fields a part's view leaves out: the prose part's sentences (each fact's ``source``
#: says which it came from) and its abstract (every case has one; tests/test_prose.py reads it)
_LEFT_OUT = {"Prose": ("sentences", "abstract")}


def part_view(part: object) -> object:
    """What ``expect`` holds for a part: its one field's value, or all its fields."""
    left_out = _LEFT_OUT.get(type(part).__name__)
    if left_out:
        view = compact(part)
        return {k: v for k, v in view.items() if k not in left_out}
    names = [f.name for f in fields(part)]
    if len(names) == 1:
        return compact(getattr(part, names[0]))
    return compact(part)


def run_case(case: Case, extractor_name: str) -> tuple[object, list[str]]:
    """Run one extractor alone over the case's input: (part view, warnings)."""
    extractor = next(e for e in EXTRACTORS if e.name == extractor_name)
    page = Page(title=case.title, text=case.input, source=f"{case.file.name}:{case.name}", format=case.format)
    with page_scope():
        code = parse("" if case.format == "plaintext" else page.text)
        infoboxes = find_templates(code, FILM_INFOBOXES, recursive=True)
        ctx = Context(page=page, code=code, infobox=infoboxes[0] if infoboxes else None, names=NameReader(code))
        extraction = run_extractors(ctx, [extractor])
    return part_view(extraction.parts[extractor.name]), extraction.warnings
