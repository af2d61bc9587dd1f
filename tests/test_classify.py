"""The classifier (:mod:`kg.classify`): cheap checks on the raw text before parsing.

It may only refuse what parsing would refuse, and with the same message; comments are
read as MediaWiki reads them (removed before template names are looked at).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.classify import calls_film_infobox, classify, no_film_infobox, without_comments
from kg.errors import NotAFilmError, RedirectError
from kg.model import Page


def page(text: str, title: str = "Test Film", ns: int = 0) -> Page:
    return Page(title=title, text=text, source="t.wiki", ns=ns)


@pytest.mark.parametrize("text", [
    "{{Infobox film\n| name = X\n}}",
    "{{infobox_movie|name=X}}",
    "{{ Template : Infobox  feature film |name=X}}",
    "{{Infobox fi<!-- a comment in the name -->lm\n| name = X\n}}",
    "{{<!-- before the name -->Infobox film|name=X}}",
    "{{Infobox film<!-- after the name -->\n| name = X\n}}",
    "{{Infobox film}}",
    "text\n{{Film infobox\n|name=X}}",
])
def test_a_film_infobox_call_passes(text):
    assert calls_film_infobox(text)
    assert classify(page(text)) is None


@pytest.mark.parametrize("text", [
    "{{Infobox filmmaker|name=X}}",
    "{{Infobox person|name=X}}",
    "{{Infobox fi<!-- unclosed comment lm|name=X}}",
    "Infobox film is a template.",
    "{{Infobox|film}}",
    "{{Infobox fi|<!-- -->lm}}",
])
def test_no_film_infobox_call_is_refused(text):
    assert not calls_film_infobox(text)
    assert isinstance(classify(page(text)), NotAFilmError)


def test_the_refusal_names_the_infobox_at_a_line_start():
    refusal = classify(page("Intro {{Infobox album|x}}\n  {{Infobox person\n| name = X\n}}\n{{Infobox book}}"))
    assert refusal.message == "is not a film article: no {{Infobox film}} (it has {{Infobox book}})"
    # not at the start of a line: not the page's own infobox
    refusal = classify(page("See {{Infobox person|name=X}} below. [[Link]]"))
    assert refusal.message == "is not a film article: no {{Infobox film}}"


def test_a_tab_or_spaces_before_the_infobox_still_count():
    refusal = classify(page("\t {{Infobox_television\n|name=X}}"))
    assert refusal.message == "is not a film article: no {{Infobox film}} (it has {{Infobox television}})"


def test_plain_text_redirect_and_namespace():
    assert "plain text" in classify(page("Just words, no markup at all.")).message
    assert isinstance(classify(page("#REDIRECT [[Other Film]]")), RedirectError)
    assert "namespace 14" in classify(page("{{Infobox film}}", title="Category:Films", ns=14)).message


def test_a_broken_infobox_is_named_so_when_asked_after_parsing():
    # extract.py asks when the tree has no film infobox although the text calls one
    assert no_film_infobox(page("{{Infobox film\n| name = X\n")).message.startswith("is not a film article as MediaWiki shows it")


_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
PIECES = st.lists(st.sampled_from(["<!--", "-->", "<!-- x -->", "a", "-", "<", "!", "\n", "{{", "}}", "|", " "]), max_size=30)


@settings(max_examples=400, deadline=None)
@given(PIECES)
def test_without_comments_is_mediawikis_comment_removal(pieces):
    text = "".join(pieces)
    assert without_comments(text) == _COMMENT.sub("", text)


NAME_PIECES = st.lists(st.sampled_from(["{{", "}}", "|", "Infobox", " ", "_", "film", "fi", "lm", "<!--", "-->",
                                        "<!-- c -->", "Template:", "\n", "x", "movie"]), max_size=16)


@settings(max_examples=600, deadline=None)
@given(NAME_PIECES)
def test_calls_film_infobox_equals_searching_the_text_without_comments(pieces):
    from kg.classify import _FILM_INFOBOX_CALL

    text = "".join(pieces)
    assert calls_film_infobox(text) == bool(_FILM_INFOBOX_CALL.search(text) or _FILM_INFOBOX_CALL.search(_COMMENT.sub("", text)))
