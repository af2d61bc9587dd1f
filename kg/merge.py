"""Several sources of one page, merged: one film, each source in its own named graph.

``kg export`` (and ``kg report``) given several inputs that are the same page — by page
id, else by title — such as an article's wikitext and its plain-text extract, exports each
source as it would alone, in its own named graph with its own provenance, and then:

- **one node per entity**: a name of the plain text that names an entity of another source
  (its title, the name the article shows, the name kg gives it) is that entity (the
  extract's "Nicolas Cage" is the article's linked Nicolas Cage), and a cast role, a release
  or a nomination that sentences of the extract state is the node of the other source's
  that is the same fact (the role of that performer, the release of that date and kind, the
  nomination of that award, result and nominees) — so that a fact both state is one
  statement in both graphs (an *agreement*);
- **conflicts**: where the sources give different values of a property that can have only
  one (the shapes' ``sh:maxCount 1``: a date, a runtime, a gross, a rating, the abstract),
  a ``kg:Conflict`` in the merge's own graph (``{base}graph/{Title}/merged``) names the node
  and property, with a ``kg:Claim`` per source: the value, the source's graph and the
  sentence that states it. The union of the graphs then holds both values: a query that
  wants one asks one source's graph (``GRAPH <…>``).

Which inputs are merged is planned before the run (:func:`plan`) from each input's page
identity, reading each input's first pages; only inputs that hold one page are merged
(the pages of a dump are exported one by one).
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from rdflib import DCTERMS, PROV, RDF, SH, XSD, Graph, Literal, URIRef

from kg.errors import KgError
from kg.iri import MERGED, SOURCES, Minter, wikipedia_url
from kg.mapping.builder import new_graph
from kg.model import Extraction, Page, Ref
from kg.result import Claim, Conflict, Merged, PageResult
from kg.staged import triples_of
from kg.titles import normalise_title, strip_disambiguator
from kg.vocab import KG, PREFIXES, SCHEMA


# --------------------------------------------------------------------------- planning


def page_key(page: Page) -> tuple[int | None, str]:
    """What makes two pages the same page: the page id when known, and the title."""
    return page.pageid, normalise_title(page.title)


def plan(inputs: list[str], read: Callable[[str], Iterator[Page]]) -> list[list[int]]:
    """The groups of inputs (by index, in input order) that are sources of one page: two
    inputs of one page each are one page when both page ids are known and equal, or when
    either is unknown and the titles are equal. Inputs that cannot be read, or hold no page
    or several, are in no group.

    :param read: reads an input's pages (lazily: only the first two are read).
    """
    keys: list[tuple[int, tuple[int | None, str]]] = []
    for i, inp in enumerate(inputs):
        try:
            pages = read(inp)
            first = next(pages, None)
            second = next(pages, None) if first is not None else None
            getattr(pages, "close", lambda: None)()
        except KgError:
            continue
        if first is not None and second is None:
            keys.append((i, page_key(first)))
    groups: list[list[int]] = []
    first: dict[int, tuple[int | None, str]] = {}
    for i, (pageid, title) in keys:
        for members in groups:
            other_id, other_title = first[members[0]]
            if (pageid is not None and pageid == other_id) or ((pageid is None or other_id is None) and title == other_title):
                members.append(i)
                break
        else:
            groups.append([i])
            first[i] = (pageid, title)
    return [g for g in groups if len(g) > 1]


# --------------------------------------------------------------------------- names


def _refs(obj) -> Iterator[Ref]:
    if isinstance(obj, Ref):
        yield obj
    elif isinstance(obj, (tuple, list)):
        for item in obj:
            yield from _refs(item)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _refs(getattr(obj, f.name))


def _replace_refs(obj, change: Callable[[Ref], Ref]):
    if isinstance(obj, Ref):
        return change(obj)
    if isinstance(obj, tuple):
        items = tuple(_replace_refs(item, change) for item in obj)
        return obj if all(a is b for a, b in zip(items, obj)) else items
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changed = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            new = _replace_refs(value, change)
            if new is not value:
                changed[f.name] = new
        return dataclasses.replace(obj, **changed) if changed else obj
    return obj


def _name_key(name: str) -> str:
    """A name as names are matched: spaces collapsed, and a hyphen between words the dash
    it stands for ("Best Actor - Motion Picture Drama" is "Best Actor – Motion Picture Drama")."""
    import re

    return re.sub(r"\s+[-–—]\s+", " – ", " ".join(name.split()))


def entity_names(extraction: Extraction) -> dict[str, str]:
    """Name → page title of the extraction's linked entities: each name it shows for one,
    the name it chose, and the title without its disambiguator. A name that two entities
    share is left out (it says neither), unless their titles differ only in a dash."""
    titles: dict[str, Counter[str]] = defaultdict(Counter)
    for ref in _refs(list(extraction.parts.values())):
        if not ref.is_global:
            continue
        for name in {ref.name, extraction.names.get(ref.title), strip_disambiguator(ref.title)}:
            if name:
                titles[_name_key(name)][ref.title] += 1
    out = {}
    for name, counts in titles.items():
        if len(counts) == 1 or len({_name_key(t) for t in counts}) == 1:
            # one page, or one page under titles that differ only in a dash (a redirect
            # "Best Actor - Drama" → "Best Actor – Drama"): the title the article uses most
            out[name] = counts.most_common(1)[0][0]
    return out


def unify(extraction: Extraction, others: Iterable[Extraction]) -> Extraction:
    """The extraction with each article-scoped name that names a linked entity of the other
    sources made that entity (its title: one node in both graphs)."""
    names: dict[str, str] = {}
    shown: dict[str, str] = {}
    organisations: set[tuple[str, str]] = set(extraction.organisations)
    groups: set[tuple[str, str]] = set(extraction.groups)
    for other in others:
        for name, title in entity_names(other).items():
            names.setdefault(name, title)
        for title, name in other.names.items():
            shown.setdefault(title, name)
        organisations |= {k for k in other.organisations if k[0] == "title"}
        groups |= {k for k in other.groups if k[0] == "title"}
    mentions: list[tuple[str, str]] = []

    def change(ref: Ref) -> Ref:
        if ref.title is not None or _name_key(ref.name) not in names:
            return ref
        title = names[_name_key(ref.name)]
        mentions.append((title, ref.name))
        for keys in (organisations, groups):
            if ("name", ref.name) in keys:
                keys.add(("title", title))
        return Ref(ref.name, title)

    extraction.parts = {name: _replace_refs(part, change) for name, part in extraction.parts.items()}
    extraction.mentions = tuple(extraction.mentions) + tuple(mentions)
    for title, name in mentions:
        extraction.names.setdefault(title, shown.get(title, name))
    extraction.organisations = frozenset(organisations)
    extraction.groups = frozenset(groups)
    return extraction


# --------------------------------------------------------------------------- one node per fact


def _index(triples: Iterable[tuple]) -> dict[tuple, list]:
    values: dict[tuple, list] = defaultdict(list)
    for s, p, o in triples:
        values[(s, p)].append(o)
    return values


def _subjects(triples: Iterable[tuple], p, o) -> list:
    return [s for s, pp, oo in triples if pp == p and oo == o]


def _fold(name) -> str:
    import re

    return re.sub(r"\s*[-–—]\s*", " - ", str(name)).casefold() if name is not None else ""


def align(triples: list[tuple], base: list[tuple], film: URIRef) -> dict[URIRef, URIRef]:
    """The nodes of ``triples`` (a source's graph) that are nodes of ``base`` (another's),
    for the film ``film``: the cast role of the same performer (and character, when the
    performer has several), the release of the same date and kind, the nomination of the
    same award, result and nominees, the soundtrack album when each has one. Only a match
    that is one node is taken."""
    ours, theirs = _index(triples), _index(base)

    def one(candidates: list) -> URIRef | None:
        return candidates[0] if len(candidates) == 1 else None

    renames: dict[URIRef, URIRef] = {}
    for role in ours.get((film, KG.cast), ()):
        actor = next(iter(ours.get((role, SCHEMA.actor), ())), None)
        roles = [r for r in theirs.get((film, KG.cast), ()) if actor in theirs.get((r, SCHEMA.actor), ())]
        if len(roles) > 1:
            character = ours.get((role, SCHEMA.characterName), [])
            roles = [r for r in roles if theirs.get((r, SCHEMA.characterName), []) == character]
        match = one(roles)
        if match is not None and match != role:
            renames[role] = match
    for event in ours.get((film, SCHEMA.releasedEvent), ()):
        date = ours.get((event, SCHEMA.startDate), [])
        kind = ours.get((event, KG.releaseType), [])
        events = [e for e in theirs.get((film, SCHEMA.releasedEvent), ()) if theirs.get((e, SCHEMA.startDate), []) == date]
        if kind:
            events = [e for e in events if theirs.get((e, KG.releaseType), kind) == kind] or []
        match = one(events)
        if match is not None and match != event:
            renames[event] = match
    albums, their_albums = ours.get((film, KG.soundtrack), []), theirs.get((film, KG.soundtrack), [])
    if len(albums) == 1 and len(their_albums) == 1 and albums[0] != their_albums[0]:
        renames[albums[0]] = their_albums[0]  # the film's soundtrack album, when each has one
    for nomination in _subjects(triples, KG.forWork, film):
        award = next(iter(ours.get((nomination, KG.award), ())), None)
        award_name = _fold(next(iter(ours.get((award, SCHEMA.name), ())), None))
        result = ours.get((nomination, KG.result), [])
        nominees = set(ours.get((nomination, KG.nominee), ()))
        rows = []
        for row in _subjects(base, KG.forWork, film):
            other = next(iter(theirs.get((row, KG.award), ())), None)
            if theirs.get((row, KG.result), []) != result:
                continue
            if nominees and set(theirs.get((row, KG.nominee), ())) != nominees:
                continue
            if other == award or (award_name and _fold(next(iter(theirs.get((other, SCHEMA.name), ())), None)) == award_name):
                rows.append(row)
        match = one(rows)
        if match is not None and match != nomination:
            renames[nomination] = match
    return renames


def renamed(graph: Graph, renames: dict[URIRef, URIRef]) -> Graph:
    """The graph with each node of ``renames`` called by its new IRI."""
    if not renames:
        return graph
    out = new_graph(str(graph.identifier))
    for s, p, o in triples_of(graph):
        out.add((renames.get(s, s), p, renames.get(o, o)))
    return out


# --------------------------------------------------------------------------- conflicts


@cache
def functional() -> dict[URIRef, frozenset[URIRef]]:
    """Class → the properties its shape allows once (``sh:maxCount 1``)."""
    from kg.validate import shapes_graph

    shapes = shapes_graph()
    out: dict[URIRef, set[URIRef]] = defaultdict(set)
    for shape, cls in shapes.subject_objects(SH.targetClass):
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            if isinstance(path, URIRef) and shapes.value(prop, SH.maxCount) == Literal(1):
                out[cls].add(path)
    return {cls: frozenset(props) for cls, props in out.items()}


def _label(node, values: dict[tuple, list], film: URIRef, title: str) -> str:
    if node == film:
        return f'the film "{title}"'
    name = next(iter(values.get((node, SCHEMA.name), ())), None)
    if name is not None:
        return f'"{name}"'
    return f"<{node}>"


def _text(term) -> str:
    return str(term) if isinstance(term, Literal) else f"<{term}>"


_DATES = frozenset({XSD.date, XSD.gYearMonth, XSD.gYear})


def compatible(a, b) -> bool:
    """Whether two values of one property can both be right: they are equal; they are dates
    of which one is the other, less precise (1989 and 1989-06-19); or they are texts of
    which one is words of the other (the character "Stallworth" and "Detective Ron Stallworth")."""
    if a == b:
        return True
    if not (isinstance(a, Literal) and isinstance(b, Literal)):
        return False
    if a.datatype in _DATES and b.datatype in _DATES:
        x, y = sorted((str(a), str(b)), key=len)
        return y.startswith(x)
    if a.language is not None and b.language is not None:
        x, y = sorted((str(a).split(), str(b).split()), key=len)
        return any(y[i : i + len(x)] == x for i in range(len(y) - len(x) + 1))
    return False


def conflicts(sources: list[tuple[PageResult, list[tuple]]], film: URIRef) -> list[Conflict]:
    """Where the sources disagree on a value that can have only one (see :func:`functional`)."""
    props = functional()
    union = _index(t for _, triples in sources for t in triples)
    per_source = [(result, _index(triples), triples) for result, triples in sources]
    found: list[Conflict] = []
    title = sources[0][0].page.title
    keys = sorted({(s, p) for s, p in union if isinstance(s, URIRef)}, key=lambda k: (str(k[0]), str(k[1])))
    for s, p in keys:
        classes = union.get((s, RDF.type), ())
        if not any(p in props.get(c, ()) for c in classes):
            continue
        given = [(result, values[(s, p)], triples) for result, values, triples in per_source if values.get((s, p))]
        if len(given) < 2 or all(
            compatible(a, b) for i, (_, va, _) in enumerate(given) for _, vb, _ in given[i + 1 :] for a in va for b in vb
        ):
            continue
        claims = []
        for result, values, triples in given:
            for value in values:
                claims.append(Claim(value=value, graph=str(result.graph.identifier), input=result.input,
                                    sentence=_sentence(triples, s, p, value)))
        found.append(Conflict(subject=s, predicate=p, label=_label(s, union, film, title), claims=tuple(claims)))
    return found


def _sentence(triples: list[tuple], s, p, o) -> tuple[URIRef, str] | None:
    """The sentence of the source that states the value (the fact node's, or its statement's)."""
    values = _index(triples)
    holders = [s] + [st for st in _subjects(triples, RDF.subject, s)
                     if o in values.get((st, RDF.object), ()) and p in values.get((st, RDF.predicate), ())]
    for holder in holders:
        for sentence in values.get((holder, KG.statedIn), ()):
            text = next(iter(values.get((sentence, PROV.value), ())), None)
            return sentence, str(text) if text is not None else ""
    return None


# --------------------------------------------------------------------------- the merge


def agreements(sources: list[list[tuple]]) -> int:
    """Statements two or more sources state: the same triple in two graphs (the graphs'
    own provenance left out)."""
    seen: dict[tuple, int] = defaultdict(int)
    for triples in sources:
        provenance = {s for s, p, o in triples if p == RDF.type and o in (PROV.Entity, PROV.SoftwareAgent)}
        for t in set(triples):
            if t[0] not in provenance:
                seen[t] += 1
    return sum(1 for n in seen.values() if n > 1)


def merge_graph(minter: Minter, page: Page, graphs: list[str], found: list[Conflict]) -> Graph:
    """The merge's own graph: what it merges, and each conflict with its claims."""
    iri = minter.graph(page.title, MERGED)
    g = new_graph(iri)
    merge = URIRef(iri)
    g.add((merge, RDF.type, KG.Merge))
    g.add((merge, RDF.type, PROV.Entity))
    g.add((merge, DCTERMS.source, URIRef(wikipedia_url(page.title))))
    for graph in graphs:
        g.add((merge, KG.mergeOf, URIRef(graph)))
    for n, conflict in enumerate(found, start=1):
        node = URIRef(minter.node(iri, "conflict", n))
        g.add((merge, KG.conflict, node))
        g.add((node, RDF.type, KG.Conflict))
        g.add((node, RDF.subject, conflict.subject))
        g.add((node, RDF.predicate, conflict.predicate))
        for k, claim in enumerate(conflict.claims, start=1):
            c = URIRef(minter.node(iri, "conflict", n, k))
            g.add((node, KG.claim, c))
            g.add((c, RDF.type, KG.Claim))
            g.add((c, RDF.object, claim.value))
            g.add((c, KG.claimedIn, URIRef(claim.graph)))
            if claim.sentence is not None:
                g.add((c, KG.inSentence, claim.sentence[0]))
    return g


def order(results: list[PageResult]) -> list[PageResult]:
    """The sources in the order they are merged: wikitext (the article) first."""
    return sorted(results, key=lambda r: (r.page is None or r.page.format != "wikitext"))


def merge_sources(begun: list[PageResult], finish: Callable[..., PageResult], minter: Minter, validate: bool,
                  validate_graph: Callable[[Graph], object], begin: Callable[[Page], PageResult] | None = None) -> Iterator[PageResult]:
    """Finish the begun results of one page's sources, merged; yield each source's result,
    then the merge's (its graph the merge graph, :attr:`PageResult.merged` the rest).

    :param finish: finishes one begun result (link → map → validate); called with
        ``adjust=`` a function that aligns the graph's nodes before validation.
    :param begin: begins a page again (classify → … → resolve): a source whose page id is
        the first source's but whose title is not (the page was moved between the two) is
        begun again under the first source's title, so that both are of one film.
    """
    done: list[PageResult] = []
    kinds: dict[str, PageResult] = {}
    title: str | None = None
    for result in order(begun):
        if result.error is not None or result.extraction is None:
            yield finish(result)
            continue
        if title is None:
            title = result.page.title
        elif result.page.title != title and begin is not None:
            moved = result.page.title
            result = begin(dataclasses.replace(result.page, title=title))
            if result.extraction is not None:
                result.extraction.warnings.append(
                    f'merge: page id {result.page.pageid} is "{moved}" here and "{title}" in the other source: merged as "{title}"')
            if result.error is not None or result.extraction is None:
                yield finish(result)
                continue
        kind = SOURCES[result.page.format]
        earlier = kinds.get(kind)
        if earlier is not None:
            # the same kind of source twice (two revisions, or one file given twice): exported
            # in turn, as without a merge, the later replacing the earlier, which is not merged
            done = [d for d in done if d is not earlier]
        kinds[kind] = result
        if [d for d in done if SOURCES[d.page.format] != kind]:
            unify(result.extraction, [d.extraction for d in done])
            film = URIRef(minter.entity(result.page.title))
            bases = [t for d in done for t in triples_of(d.graph)]

            def adjust(graph: Graph, bases=bases, film=film) -> Graph:
                return renamed(graph, align(list(triples_of(graph)), bases, film))

            result = finish(result, adjust=adjust)
        else:
            result = finish(result)
        if earlier is not None:
            result.warnings += (f"merge: the same page as {earlier.input}, from the same kind of source "
                                f"({'a plain-text extract' if kind else 'wikitext'}): it replaces that one, which is not merged",)
        yield result
        if result.error is None and result.graph is not None:
            done.append(result)
    if len(done) < 2:
        return
    sources = [(r, list(triples_of(r.graph))) for r in done]
    primary = done[0]
    film = URIRef(minter.entity(primary.page.title))
    found = conflicts(sources, film)
    graph = merge_graph(minter, primary.page, [str(r.graph.identifier) for r in done], found)
    merged = PageResult(input=" + ".join(r.input for r in done), page=primary.page, graph=graph,
                        extraction=primary.extraction)
    merged.merged = Merged(graphs=[r.graph for r in done] + [graph], sources=done,
                           agreements=agreements([t for _, t in sources]), conflicts=found)
    merged.seconds = sum(r.seconds for r in done)
    if validate:
        merged.report = validate_graph(graph)
    yield merged


def conflicts_of(graph: Graph) -> set[tuple[str, str]]:
    """The (node, property) of every ``kg:Conflict`` a graph (a store's union) holds."""
    return {(str(graph.value(c, RDF.subject)), str(graph.value(c, RDF.predicate))) for c in graph.subjects(RDF.type, KG.Conflict)}


def is_listed(violation, listed: set[tuple[str, str]]) -> bool:
    """Whether a shape's violation is only a listed conflict: a node with more values of a
    property than one, the values being those of several sources of its page."""
    if violation.component != "MaxCountConstraintComponent":
        return False
    path = violation.path
    for prefix, ns in PREFIXES.items():
        if path.startswith(prefix + ":"):
            path = str(ns) + path[len(prefix) + 1 :]
            break
    return (violation.focus, path) in listed
