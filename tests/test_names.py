"""kg.extractors.names: folding names for matching."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extractors.names import fold


def _fold_by_decomposition(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ .'-ßåéøİıﬁ½Ǆ\u0301\u00a0") + [chr(c) for c in range(32, 127)]), max_size=20))
def test_fold_is_case_and_accents_ignored_whatever_the_text(text):
    assert fold(text) == _fold_by_decomposition(text)


def test_fold_matches_names_as_readers_do():
    assert fold("Skarsgård") == fold("Skarsgard") == "skarsgard"
    assert fold("Ǆokić") == "dzokic"
