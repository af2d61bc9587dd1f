"""Helpers the tests share: one page through the flow, as the pipeline runs it."""

from __future__ import annotations

from kg.extract import extract
from kg.model import Extraction, Page
from kg.wikitext import page_scope, parse
from kg.resolve import resolve


def extraction_of(page: Page, only=None) -> Extraction:
    """parse → extract → resolve, in the page's own scope (as :func:`kg.pipeline.process_page` does)."""
    with page_scope():
        return resolve(extract(page, parse(page.text), only))
