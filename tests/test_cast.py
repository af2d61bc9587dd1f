"""Cast lines, one small snippet each: performers, characters and credit order."""

from __future__ import annotations

import pytest

from tests.helpers import extraction_of
from kg.model import Cast, Crew, Page


def cast(lines: str, lead: str = "") -> list[tuple[str, str | None]]:
    text = "{{Infobox film\n| name = Snippet\n}}\n" + lead + "\n== Cast ==\n" + lines + "\n"
    x = extraction_of(Page(title="Snippet", text=text, source="snippet.wiki"))
    assert [c.position for c in x.part(Cast).credits] == list(range(1, len(x.part(Cast).credits) + 1))
    return [(c.actor.name, c.character) for c in x.part(Cast).credits]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("* [[Ann Bee]] as Cora Dee", [("Ann Bee", "Cora Dee")], id="plain"),
        pytest.param(
            "* [[Ann Bee]] and [[Cy Dee]] as race car driver Jo Blake and scam artist Mo Fender",
            [("Ann Bee", "Jo Blake"), ("Cy Dee", "Mo Fender")],
            id="two-performers-two-characters-in-order",
        ),
        pytest.param(
            "* [[Ann Bee]] and Cy Dee as Mad Dog and Batman, tow truck drivers",
            [("Ann Bee", "Mad Dog"), ("Cy Dee", "Batman")],
            id="linked-and-unlinked-pair",
        ),
        pytest.param(
            "* [[Ann Bee]] and [[Cy Dee]] as drivers of a car filled with gadgets",
            [("Ann Bee", "drivers of a car filled with gadgets"), ("Cy Dee", "drivers of a car filled with gadgets")],
            id="two-performers-one-description",
        ),
        pytest.param(
            "* [[Ann Bee]] and [[Cy Dee]] as J.J. McClure and his buddy",
            [("Ann Bee", "J.J. McClure and his buddy"), ("Cy Dee", "J.J. McClure and his buddy")],
            id="not-two-names-no-pairing",
        ),
        pytest.param("* [[Ann Bee]] as tree-loving photographer Pam Glover. She calls her Beauty.", [("Ann Bee", "Pam Glover")], id="lead-in-words"),
        pytest.param("* [[Ann Bee]] as young Charles Xavier", [("Ann Bee", "young Charles Xavier")], id="young-kept"),
        pytest.param("* [[Ann Bee]] as the proprietor of the Kent Road Tavern", [("Ann Bee", "the proprietor of the Kent Road Tavern")], id="place-kept"),
        pytest.param("* [[Ann Bee]] as the ambulance EMT", [("Ann Bee", "the ambulance EMT")], id="acronym-kept"),
        pytest.param("* [[Ann Bee]] as a California Highway Patrolman", [("Ann Bee", "a California Highway Patrolman")], id="determiner-kept"),
        pytest.param(
            "* [[Ann Bee]] and [[Cy Dee]] are Mel and Terry, a couple of good old boys",
            [("Ann Bee", "Mel"), ("Cy Dee", "Terry")],
            id="are-instead-of-as",
        ),
        pytest.param("* [[Ann Bee]] plays the desk clerk.", [("Ann Bee", "the desk clerk")], id="plays"),
        pytest.param(
            "* [[Ann Bee]] has a cameo. The gang leader is played by [[Cy Dee]].",
            [("Ann Bee", None)],
            id="verb-far-in-prose-is-not-a-separator",
        ),
        pytest.param(
            "* [[Car Mag|''Car'' Magazine]] columnist [[Bo Yates]], who wrote the film, plays the race organizer",
            [("Bo Yates", "the race organizer")],
            id="attributive-link-and-relative-clause",
        ),
        pytest.param(
            "* [[Stellan Skarsgård]] as Bill Anderson\n** Skarsgard also plays Kurt Anderson, Bill's twin brother.",
            [("Stellan Skarsgård", "Bill Anderson"), ("Skarsgard", "Kurt Anderson")],
            id="surname-without-accents-is-the-linked-person",
        ),
    ],
)
def test_cast_line(line: str, expected: list[tuple[str, str | None]]) -> None:
    assert cast(line) == expected


def test_surname_without_accents_resolves_to_the_linked_page() -> None:
    text = "{{Infobox film\n| name = Snippet\n}}\n== Cast ==\n* [[Stellan Skarsgård]] as Bill\n** Skarsgard also plays Kurt\n"
    x = extraction_of(Page(title="Snippet", text=text, source="snippet.wiki"))
    assert [c.actor.title for c in x.part(Cast).credits] == ["Stellan Skarsgård", "Stellan Skarsgård"]


def test_cast_table_actor_cell_with_its_own_character_name() -> None:
    rows = cast("""{| class="wikitable"
! Character !! Japanese voice !! English voice
|-
| '''[[Lupin]]''' || [[Yasu Yama]] || [[Bob Bergen|Robert Bergen]] ''as The Wolf''
|-
| '''Clarisse''' || Sumi Shima || [[Joan Carol]]<br>[[Barbara Goodson]] ''as Young Clarisse''
|}""")
    assert rows == [
        ("Yasu Yama", "Lupin"),
        ("Robert Bergen", "The Wolf"),
        ("Sumi Shima", "Clarisse"),
        ("Joan Carol", "Clarisse"),
        ("Barbara Goodson", "Young Clarisse"),
    ]


def test_a_link_without_label_names_the_person_without_the_disambiguator() -> None:
    assert cast("* [[Kunchan (actor)]] as Security Guard") == [("Kunchan", "Security Guard")]


def test_sortname_links_as_mediawiki_does() -> None:
    """{{sortname}} links "First Last" (or its third argument, or "First Last (dab)") unless nolink."""
    text = """{| class="wikitable"
! Actor !! Role
|-
! scope="row" | {{sortname|Carol|Cleveland}}
| Zoot
|-
! scope="row" | {{sortname|Bee|Duffell|nolink=y}}
| Old Crone
|-
! scope="row" | {{sortname|John|Young|dab=actor}}
| Frank
|-
! scope="row" | {{sortname|Ann|Bee|Ann Bee (singer)}}
| Singer
|}"""
    doc = "{{Infobox film\n| name = Snippet\n}}\n== Cast ==\n" + text + "\n"
    x = extraction_of(Page(title="Snippet", text=doc, source="snippet.wiki"))
    assert [(c.actor.name, c.actor.title, c.character) for c in x.part(Cast).credits] == [
        ("Carol Cleveland", "Carol Cleveland", "Zoot"),
        ("Bee Duffell", None, "Old Crone"),
        ("John Young", "John Young (actor)", "Frank"),
        ("Ann Bee", "Ann Bee (singer)", "Singer"),
    ]


def test_infobox_names_without_joiners_and_parenthesised_remarks() -> None:
    doc = (
        "{{Infobox film\n| name = Snippet\n"
        "| music = {{ubl|[[Ann Bee]]|John Eduri ([[Film score|background score]])}}\n"
        "| distributor = [[Toho]]<br>{{English manga publisher|US=[[Columbia Pictures]]<br>[[Triumph Films|Triumph]]}}\n"
        "}}\n"
    )
    x = extraction_of(Page(title="Snippet", text=doc, source="snippet.wiki"))
    assert [(c.role, c.ref.name) for c in x.part(Crew).credits] == [
        ("music", "Ann Bee"),
        ("music", "John Eduri"),
        ("distributor", "Toho"),
        ("distributor", "Columbia Pictures"),
        ("distributor", "Triumph"),
    ]


def test_a_joiner_left_next_to_a_link_is_not_part_of_a_name() -> None:
    doc = "{{Infobox film\n| name = Snippet\n| distributor = [[Lal Jose|LJ Films]] &amp; Tricolor Entertainments\n}}\n"
    x = extraction_of(Page(title="Snippet", text=doc, source="snippet.wiki"))
    assert [c.ref.name for c in x.part(Crew).credits] == ["LJ Films", "Tricolor Entertainments"]
