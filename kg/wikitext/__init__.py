"""Wikitext as MediaWiki reads it: the parse stage and what every extractor reads with.

- :mod:`~kg.wikitext.parse` — MediaWiki's preprocessing, mwparserfromhell's tree, per-page caches;
- :mod:`~kg.wikitext.templates` — template names and arguments, and what each template shows;
- :mod:`~kg.wikitext.text` — clean text: links as labels, templates rendered, markup dropped;
- :mod:`~kg.wikitext.links` — what a wikilink names;
- :mod:`~kg.wikitext.sections` — sections and the lead;
- :mod:`~kg.wikitext.split` — a value split into its items;
- :mod:`~kg.wikitext.tables` — wikitables laid out as a browser lays them out.

Nothing here knows about films or RDF.
"""

from kg.wikitext.links import Link, links, parse_link
from kg.wikitext.parse import PageScope, page_scope, parse, walk
from kg.wikitext.sections import Section, find_section, lead, sections
from kg.wikitext.split import find_outside_markup, split_items
from kg.wikitext.tables import MAX_CELL_CHARS, Cell, Table, table_grid, tables
from kg.wikitext.templates import (
    FIXED_TEXT,
    JOIN_TWO_ARGS,
    LIST_TEMPLATES,
    SHOW_FIRST_ARG,
    SHOW_SECOND_ARG,
    evaluate_expr,
    find_templates,
    get_param,
    params,
    positional,
    sortname,
    template_name,
)
from kg.wikitext.text import BOLD_ITALIC, block_text, clean_text, decode_entities, strip_refs, tidy

__all__ = [
    "BOLD_ITALIC", "FIXED_TEXT", "JOIN_TWO_ARGS", "LIST_TEMPLATES", "MAX_CELL_CHARS", "SHOW_FIRST_ARG",
    "SHOW_SECOND_ARG", "Cell", "Table", "Link", "PageScope", "Section", "block_text", "clean_text", "decode_entities", "evaluate_expr",
    "find_outside_markup", "find_section", "find_templates", "get_param", "lead", "links", "page_scope", "params",
    "parse", "parse_link", "walk", "positional", "sections", "sortname", "split_items", "strip_refs", "table_grid",
    "tables", "template_name", "tidy",
]
