"""Names as extractors read them: which entity a shown name or a link stands for.

An article links a person once and then names them in plain text elsewhere. The
:class:`NameReader` indexes every link of the article (lead, infobox, tables, any
section) so that an unlinked name becomes the linked entity when the article links
that name anywhere — as the link's target title or as its shown label — and stays
article-scoped otherwise (CONTRACT.md, Identity). Every name it reads for a global
entity is recorded as a *mention*; the resolve stage (:mod:`kg.resolve`) chooses each
entity's one display name from them once all extractors have run.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from mwparserfromhell.wikicode import Wikicode

from kg.model import Ref
from kg.wikitext import Link, clean_text, links, parse, parse_link
from kg.titles import normalise_title, strip_disambiguator

# Words that are never names of people or organisations on their own.
NOT_A_NAME = frozenset(
    {
        "", "n/a", "na", "none", "various", "various artists", "see below", "see cast",
        "uncredited", "tba", "tbd", "unknown", "et al.", "et al", "others", "and others",
        "cast", "crew", "various others", "-", "–", "—", "?", "see list",
        # words that join or qualify names, left alone between two links
        "and", "or", "&", "with", "for", "by", "as", "of", "from", "in", "feat.", "featuring", "also",
    }
)
_PAREN = re.compile(r"\s*\([^()]*\)")
# "[[A]] & B Films": the joiner left at an end of the text between links
_JOINER_AT_ENDS = re.compile(r"^\s*(?:and|&|or|with|,|;|/)\s+|\s+(?:and|&|or|with)\s*$|\s*[,;/]\s*$", re.I)
_PERSON_SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|&|/|\+)\s*")
MAX_NAME_LENGTH = 150
# A label that reads as a person's name: two or more capitalised words ("Rosemary Lane").
_NAME_LIKE = re.compile(r"[A-Z][\w.'’-]*(?: (?:(?:de|da|van|von|der|del|la|le|di|bin|al) )?[A-Z][\w.'’-]*)+")


def fold(text: str) -> str:
    """``text`` for matching names as readers do: case and accents ignored ("Skarsgard"
    is "Skarsgård")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


class NameReader:
    """Read shown names as :class:`Ref` values, using every link in the article.

    :param code: the whole article's parse tree.
    """

    def __init__(self, code: Wikicode) -> None:
        self._titles: set[str] = set()
        self._labels: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
        for link in links(code):
            if link.section is None:
                self._titles.add(link.title)
            if link.text:
                self._labels[fold(link.text)].add((link.title, link.section))
        labels_by_title: dict[str, set[str]] = defaultdict(set)
        for link in links(code):
            if link.section is None and _NAME_LIKE.fullmatch(link.text):
                labels_by_title[link.title].add(link.text.casefold())
        self._shared = frozenset(
            title
            for title, labels in labels_by_title.items()
            if any(a not in b and b not in a for a in labels for b in labels if a != b)
        )
        # "Paisley" after "[[Brad Paisley]]": a lone surname that one linked person carries
        by_surname: dict[str, set[str]] = defaultdict(set)
        for title, labels in labels_by_title.items():
            for label in labels:
                by_surname[fold(label.rsplit(" ", 1)[-1])].add(title)
        self._by_surname = {last: next(iter(titles)) for last, titles in by_surname.items() if len(titles) == 1}
        self.mentions: list[tuple[str, str]] = []

    def ref_for_link(self, link: Link) -> Ref:
        """The entity a link names; records the shown text as a candidate name.

        A page the article links under several different names (``[[Lane Sisters|Rosemary
        Lane]]``, ``[[Lane Sisters|Lola Lane]]``) does not identify any one of them: such a
        name is resolved on its own, and stays article-scoped with ``rdfs:seeAlso`` to the
        page when the article does not link it directly.
        """
        name = link.text or link.title
        if name == link.title:
            name = strip_disambiguator(name)  # "[[Kunchan (actor)]]" names Kunchan
        if link.section is None and link.title in self._shared and name.casefold() != link.title.casefold():
            title = normalise_title(name)
            if title in self._titles:
                return self._seen(Ref(name, title))
            others = {t for t in self._labels.get(fold(name), ()) if t[0] != link.title}
            if len(others) == 1:
                other, section = next(iter(others))
                return self._seen(Ref(name, other, section))
            return Ref(name, link.title, "")
        return self._seen(Ref(name, link.title, link.section))

    def resolve(self, name: str) -> Ref | None:
        """The entity an unlinked ``name`` stands for (``None`` when it is not a name).

        :param name: clean text as shown.
        """
        name = clean_name(name)
        if name is None:
            return None
        title = normalise_title(name)
        if title in self._titles:
            return self._seen(Ref(name, title))
        targets = self._labels.get(fold(name))
        if targets and len(targets) == 1:
            target, section = next(iter(targets))
            return self._seen(Ref(name, target, section))
        surname = self._by_surname.get(fold(name)) if " " not in name and name[:1].isupper() else None
        if surname is not None:
            return self._seen(Ref(name, surname))
        return Ref(name)

    def linked(self, name: str) -> Ref:
        """``name`` as a reference: the page of that exact title when the article links it,
        else a name of its own (no resolution by label: for awards and ceremonies, where
        another row's "Best Actor" is another award)."""
        title = normalise_title(name)
        if title in self._titles:
            return self._seen(Ref(name, title))
        return Ref(name)

    def refs(self, fragment: Wikicode | str, *, split: bool = True) -> list[Ref]:
        """The entities named in one list item.

        Every link is one entity. Plain text between links is split on ``,`` ``;``
        ``and`` ``&`` ``/`` when ``split`` is true (people), and kept whole otherwise
        (organisations, works).

        :param fragment: one item of an infobox value, table cell or list line.
        :param split: split plain text into several names.
        """
        if isinstance(fragment, str):
            fragment = parse(fragment)
        out: list[Ref] = []
        buffer: list[str] = []

        def flush() -> None:
            text = clean_text("".join(buffer))
            buffer.clear()
            if not text:
                return
            text = _JOINER_AT_ENDS.sub("", _PAREN.sub("", text)).strip()
            pieces = _PERSON_SEPARATORS.split(text) if split else [text]
            for piece in pieces:
                ref = self.resolve(piece)
                if ref is not None:
                    out.append(ref)

        for node in _flat_nodes(fragment):
            if isinstance(node, Link) and _open_paren("".join(buffer)):
                # "John Eduri ([[Film score|background score]])": a remark about the name
                buffer.append(node.text or node.title)
                continue
            if isinstance(node, Link):
                flush()
                if clean_name(node.text or node.title) is not None:
                    out.append(self.ref_for_link(node))
            else:
                buffer.append(node)
        flush()
        if not split and len(out) > 1 and not any(r.title for r in out):
            return out[:1]
        return out

    def _seen(self, ref: Ref) -> Ref:
        if ref.title is not None and ref.section is None:
            self.mentions.append((ref.title, ref.name))
        return ref


def clean_name(text: str) -> str | None:
    """A shown name without parentheticals, quotes and stray punctuation, or ``None`` if it is not a name.

    :param text: clean text.
    """
    name = _PAREN.sub("", text).strip().strip("\"“”'‘’ ,;:.*-–—").strip()
    if name.endswith(" Jr") or name.endswith(" Sr"):
        name += "."
    name = re.sub(r"\s+", " ", name)
    if name.casefold() in NOT_A_NAME or len(name) > MAX_NAME_LENGTH or not re.search(r"\w", name):
        return None
    return name


def _open_paren(text: str) -> bool:
    """``text`` has a "(" not yet closed."""
    return text.count("(") > text.count(")")


def _flat_nodes(code: Wikicode) -> list[object]:
    """The item as a sequence of links (:class:`Link`) and raw wikitext strings between them."""
    from mwparserfromhell.nodes import Template, Wikilink

    from kg.wikitext import FIXED_TEXT, JOIN_TWO_ARGS, SHOW_FIRST_ARG, SHOW_SECOND_ARG, positional, sortname, template_name

    out: list[object] = []
    for node in code.nodes:
        if isinstance(node, Wikilink):
            link = parse_link(node)
            out.append(link if link is not None else clean_text(node.text) if node.text is not None else "")
        elif isinstance(node, Template):
            name = template_name(node)
            args = positional(node)
            if name in JOIN_TWO_ARGS and len(args) >= 2:
                shown, target = sortname(node)
                out.append(Link(target, None, shown) if target else shown)
            elif name in ("ill", "interlanguage link", "interlanguage link multi", "illm", "ill2") and args:
                out.append(clean_text(args[0]))
            elif (name in SHOW_FIRST_ARG or name in SHOW_SECOND_ARG) and args:
                idx = 1 if (name in SHOW_SECOND_ARG and len(args) >= 2) else 0
                out.extend(_flat_nodes(args[idx]))
            elif name.startswith(("cite", "citation", "#", "efn", "refn", "sfn", "harv", "lang-")) or name in FIXED_TEXT:
                out.append(str(node))
            else:
                # an unknown wrapper ({{English manga publisher|US=[[A]]}}): its arguments are the content
                for p in node.params:
                    out.extend(_flat_nodes(p.value))
                    out.append(", ")
        else:
            out.append(str(node))
    return out
