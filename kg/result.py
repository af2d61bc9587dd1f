"""What the pipeline gives for each page: its outcome as data (graph, extraction,
validation report, warnings, or the refusal or error with its exit code), so that the
caller prints and counts, and parallel workers never interleave output."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.errors import EXIT_INPUT, EXIT_NONCONFORMANT, EXIT_OK, REFUSALS, KgError
from kg.model import Extraction, Page

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

    from kg.validate import Report


@dataclass(frozen=True, slots=True)
class Claim:
    """One source's value in a :class:`Conflict`.

    :param value: the value (an rdflib term).
    :param graph: the IRI of the source's named graph.
    :param input: the input the source was read from.
    :param sentence: the sentence that states it (its node and text), when a sentence does.
    """

    value: object
    graph: str
    input: str
    sentence: tuple[object, str] | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    """Sources of one page that give different values of a property that can have only one.

    :param subject: the node (an rdflib IRI).
    :param predicate: the property.
    :param label: how messages name the node (``the film "Heat"``, ``"Rotten Tomatoes average rating"``).
    :param claims: each source's value, in the order the sources were merged.
    """

    subject: object
    predicate: object
    label: str
    claims: tuple[Claim, ...]

    def line(self) -> str:
        """``"Rotten Tomatoes average rating" schema:ratingValue: 7.6 (a.json) / 7.7 (b.txt, "…")``."""
        from kg.vocab import PREFIXES

        prop = str(self.predicate)
        for prefix, ns in PREFIXES.items():
            if prop.startswith(str(ns)):
                prop = f"{prefix}:{prop[len(str(ns)):]}"
                break
        texts = [str(c.value) for c in self.claims]
        start = 0  # long texts (an abstract) are shown from a little before where they differ
        if max(map(len, texts)) > 60:
            while all(len(t) > start for t in texts) and len({t[start] for t in texts}) == 1:
                start += 1
            start = max(0, start - 20)
        values = []
        for c, value in zip(self.claims, texts):
            value = ("..." if start else "") + value[start:]
            value = value if len(value) <= 60 else value[:57] + "..."
            said = f', "{c.sentence[1]}"' if c.sentence is not None and c.sentence[1] else ""
            values.append(f'"{value}" ({c.input}{said})')
        return f"{self.label} {prop}: " + " / ".join(values)


@dataclass(slots=True)
class Merged:
    """The merge of several sources of one page (see :mod:`kg.merge`).

    :param graphs: every source's graph, then the merge's own (its conflicts).
    :param sources: the sources' results, in the order they were merged.
    :param agreements: statements two or more of the sources state.
    :param conflicts: where they disagree on a value that can have only one.
    """

    graphs: list
    sources: list
    agreements: int = 0
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass(slots=True)
class PageResult:
    """One page's (or one unreadable input's) outcome.

    :param input: the input as the user named it (a path, or ``-``).
    :param page: the page read (``None`` when the input itself could not be read).
    :param extraction: what the extractors found (``None`` when refused or failed).
    :param graph: the article's graph (``None`` unless exported).
    :param report: its SHACL validation report (``None`` when not validated).
    :param error: why the page was refused or failed (``None`` when exported).
    :param warnings: what could not be read, ``"where: message"`` each.
    :param seconds: time taken for the page, from classification to validation.
    :param in_collection: the page is one of several of its input (a dump): a refusal
        is then counted, not reported as an error.
    :param written: what the sinks wrote for it (file paths, graph names).
    :param kept: why sinks left what they hold for it as it was ("revision 123 is
        already in store …"); when every sink keeps it, the page is not even exported
        and its status is ``unchanged``.
    :param merged: for the merge of several sources of the page (:mod:`kg.merge`): the
        sources' graphs, agreements and conflicts; ``graph`` is then the merge's own graph.
    """

    input: str
    page: Page | None = None
    extraction: Extraction | None = None
    graph: Graph | None = None
    report: Report | None = None
    error: KgError | None = None
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0
    in_collection: bool = False
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    merged: Merged | None = None

    @property
    def title(self) -> str | None:
        return self.page.title if self.page is not None else None

    @property
    def status(self) -> str:
        """``exported``, ``unchanged`` (every sink holds it already), ``refused`` (not a
        film article) or ``failed``."""
        if self.error is None:
            return "exported" if self.graph is not None or not self.kept else "unchanged"
        return "refused" if isinstance(self.error, REFUSALS) else "failed"

    @property
    def conforms(self) -> bool | None:
        return None if self.report is None else self.report.conforms

    @property
    def exit_code(self) -> int:
        """0 exported (and conforming), 1 exported but not conforming, the error's code
        for a failure or for a refusal of a single-page input, 0 for a refusal in a dump."""
        if self.error is not None:
            if self.status == "refused" and self.in_collection:
                return EXIT_OK
            return getattr(self.error, "exit_code", EXIT_INPUT)
        return EXIT_NONCONFORMANT if self.conforms is False else EXIT_OK
