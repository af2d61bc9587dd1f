"""Soundtrack: the example's {{Track listing}} track by track (written from the
template), and how snippets come out in the graph (the extractor's own snippet cases are
tests/extractors/soundtrack/*.kgtest)."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from tests.helpers import extraction_of
from kg.mapping import build_graph
from kg.model import Cast, Page, Soundtrack
from kg.sources import read_pages
from kg.validate import validate

from .conftest import EXAMPLE

FIGGIS, CAGE, SHUE, STING = "Mike Figgis", "Nicolas Cage", "Elisabeth Shue", "Sting"
DIALOGUE = "dialogue"
# position, title, length "m:ss", writers (all_writing "Mike Figgis except as noted"
# for songs without their own), performers ("name as character"), note
EXAMPLE_TRACKS = [
    (1, "Intro Dialogue", "0:32", [], [f"{CAGE} as Ben", f"{SHUE} as Sera"], DIALOGUE),
    (2, "Angel Eyes", "4:02", ["Matt Dennis", "Earl Brent"], [STING], None),
    (3, "Are You Desirable?", "2:43", [FIGGIS], [FIGGIS], None),
    (4, "Ben & Bill", "0:30", [], [f"{CAGE} as Ben"], DIALOGUE),
    (5, "Leaving Las Vegas", "3:12", [FIGGIS], [FIGGIS], None),
    (6, "Sera's Dark Side", "1:26", [FIGGIS], [FIGGIS], None),
    (7, "Mara", "4:28", [FIGGIS], [FIGGIS], None),
    (8, "Burlesque", "2:40", [FIGGIS], [FIGGIS], None),
    (9, "On The Street", "0:28", [], [f"{CAGE} as Ben", f"{SHUE} as Sera"], DIALOGUE),
    (10, "Bossa Vega", "3:14", [FIGGIS], [FIGGIS], None),
    (11, "Ben Pawns His Rolex/Sera Talks to Her Shrink", "0:37", [], [f"{CAGE} as Ben", f"{SHUE} as Sera"], DIALOGUE),
    (12, "My One and Only Love", "3:36", ["Robert Mellin", "Guy Wood"], [STING], None),
    (13, "Sera Invites Ben to Stay", "0:31", [], [f"{CAGE} as Ben", f"{SHUE} as Sera"], DIALOGUE),
    (14, "Come Rain or Come Shine", "3:41", ["Harold Arlen", "Johnny Mercer"], ["Don Henley"], None),
    (15, "Ben and Sera – Theme", "2:18", [], [f"{CAGE} as Ben", f"{SHUE} as Sera"], DIALOGUE),
    (16, "Ridiculous", "1:03", ["Phil Roy", CAGE], [CAGE], None),
    (17, "Biker Bar", "3:44", [FIGGIS], [FIGGIS], None),
    (18, "Ben's Hell", "1:37", [FIGGIS], [FIGGIS], None),
    (19, "It's a Lonesome Old Town", "2:37", ["Harry Tobias", "Charles Kisco"], [STING], None),
    (20, "Blues For Ben", "1:56", [FIGGIS], [FIGGIS], None),
    (21, "Get Out", "1:49", [FIGGIS], [FIGGIS], None),
    (22, "Reunited", "3:28", [FIGGIS], [FIGGIS], None),
    (23, "Sera Talks to the Cab Driver", "0:23", [], [f"{SHUE} as Sera", "Lou Rawls as Concerned Cabbie"], DIALOGUE),
    (24, "She Really Loved Him", "1:17", [FIGGIS], [FIGGIS], None),
    (25, "I Won't Be Going South For a While", "4:27", ["Angelo Palladino"], ["The Palladinos"], None),
]


def seconds(mss: str) -> int:
    m, s = mss.split(":")
    return int(m) * 60 + int(s)


@pytest.fixture(scope="module")
def example():
    (page,) = read_pages(str(EXAMPLE))
    return extraction_of(page)


def test_example_track_by_track(example):
    (album,) = example.part(Soundtrack).albums
    assert len(album.tracks) == 25
    for track, (pos, title, length, writers, performers, note) in zip(album.tracks, EXAMPLE_TRACKS):
        where = f"track {pos}"
        assert track.position == pos, where
        assert track.title == title, where
        assert track.length == seconds(length), where
        assert [a.ref.name for a in track.composers] == writers, where
        assert [a.ref.name + (f" as {a.character}" if a.character else "") for a in track.performers] == performers, where
        assert track.notes == ((note,) if note else ()), where
        assert track.spoken == (note == DIALOGUE), where


def test_example_album(example):
    (album,) = example.part(Soundtrack).albums
    assert album.released.isoformat() == "1995-11-07"  # "… was released November 7, 1995."
    assert album.name == "Leaving Las Vegas soundtrack"


def test_example_graph_links_songs_people_and_groups(example):
    g = build_graph(example)
    s = "http://schema.org/"
    film = URIRef("https://w3id.org/kg-film/resource/Leaving_Las_Vegas")
    album = g.value(film, URIRef("https://w3id.org/kg-film/ontology#soundtrack"))
    assert (album, URIRef(s + "albumProductionType"), URIRef(s + "SoundtrackAlbum")) in g
    assert str(g.value(album, URIRef(s + "numTracks"))) == "25"
    # the linked song is its article's node; the unlinked performer "Sting" is [[Sting (musician)|Sting]]
    track2 = URIRef(str(film) + "#soundtrack/1/track/2")
    assert g.value(track2, URIRef(s + "recordingOf")) == URIRef("https://w3id.org/kg-film/resource/Angel_Eyes_(1946_song)")
    assert set(g.objects(URIRef(str(film) + "#soundtrack/1/track/12"), URIRef(s + "byArtist"))) == {
        URIRef("https://w3id.org/kg-film/resource/Sting_(musician)")
    }
    # the actor who sings is the cast's node, and keeps the character
    track1 = URIRef(str(film) + "#soundtrack/1/track/1")
    cage = URIRef("https://w3id.org/kg-film/resource/Nicolas_Cage")
    assert cage in set(g.objects(track1, URIRef(s + "byArtist")))
    roles = {str(g.value(r, URIRef(s + "characterName"))) for r in g.objects(track1, URIRef("https://w3id.org/kg-film/ontology#performerRole"))}
    assert roles == {"Ben", "Sera"}
    # a dialogue excerpt records no composition; a group is a MusicGroup
    assert g.value(track1, URIRef(s + "recordingOf")) is None
    palladinos = g.value(URIRef(str(film) + "#soundtrack/1/track/25"), URIRef(s + "byArtist"))
    assert (palladinos, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(s + "MusicGroup")) in g
    assert str(g.value(URIRef(str(film) + "#soundtrack/1/track/1"), URIRef(s + "duration"))) == "PT32S"
    assert validate(g).conforms


Q4 = """PREFIX schema: <http://schema.org/>
PREFIX kg: <https://w3id.org/kg-film/ontology#>
SELECT ?title ?duration WHERE {
  ?film kg:soundtrack/schema:track ?t .
  ?t schema:name ?title ; schema:recordingOf/schema:composer ?writer .
  OPTIONAL { ?t schema:duration ?duration }
  FILTER NOT EXISTS { ?t schema:byArtist ?writer }
} GROUP BY ?title ?duration ORDER BY ?title"""


def test_question_4_tracks_written_by_someone_other_than_the_performer(example):
    rows = [(str(t), str(d)) for t, d in build_graph(example).query(Q4)]
    assert ("Angel Eyes", "PT4M2S") in rows
    assert ("Ridiculous", "PT1M3S") in rows  # Phil Roy wrote it with Nicolas Cage, who sings it
    assert all(t != "Mara" for t, _ in rows)  # Figgis wrote and performed it


def page(text: str) -> Page:
    return Page(title="Snippet", text="{{Infobox film\n| name = Snippet\n| director = [[Dee Rector]]\n}}\n" + text, source="snippet.wiki")


def albums(text: str):
    x = extraction_of(page(text))
    return x, x.part(Soundtrack).albums


# What the soundtrack extractor reads from small snippets (listings, defaults, song tables,
# album infoboxes) is checked case by case in tests/extractors/soundtrack/*.kgtest. The
# tests below run snippets through the whole flow and check what only the graph, or another
# extractor, can tell.


def test_two_listings_are_two_album_nodes():
    # the extraction of this snippet: album-infobox-and-prose.kgtest, infobox-and-two-discs
    x, out = albums("""== Soundtrack ==
{{Infobox album
| name = Snippet: Music from the Film
| released = {{Start date|2001|5|1}}
| label = [[Acme Records]]
}}
{{Track listing
| headline = Disc one
| extra_column = Singer(s)
| title1 = "First Song"
| extra1 = [[Ann Singer]] & The Backing Band
}}
{{tracklist
| headline = Disc two
| title1 = Score Suite
}}""")
    assert len(out) == 2
    g = build_graph(x)
    assert validate(g).conforms
    assert len(set(g.objects(None, URIRef("https://w3id.org/kg-film/ontology#soundtrack")))) == 2


def test_dialogue_tracks_record_no_composition():
    # the extraction of this snippet: credits-and-defaults.kgtest, dialogue-note-no-default-writer
    x, (album,) = albums("""== Soundtrack ==
{{Track listing
| all_writing = Zed Writer, except where noted
| title1 = Opening Scene
| note1 = Dialogue excerpt
| length1 = 0:45
| title2 = Theme
| length2 = 2:10
}}""")
    assert [t.spoken for t in album.tracks] == [True, False]
    g = build_graph(x)
    s = "http://schema.org/"
    assert g.value(URIRef("https://w3id.org/kg-film/resource/Snippet#soundtrack/1/track/1"), URIRef(s + "recordingOf")) is None
    assert g.value(URIRef("https://w3id.org/kg-film/resource/Snippet#soundtrack/1/track/2"), URIRef(s + "recordingOf")) is not None


def test_song_table_singer_is_the_cast_member():
    # the extraction of this snippet: song-tables.kgtest, singers-lyrics-length
    x, (album,) = albums("""== Soundtrack ==
{| class="wikitable"
|-
! No. !! Song !! Singers !! Lyrics !! Length (m:ss)
|-
| 1 || "Madhu Raavil" || [[Ann Singer]] || [[Lu Lyricist]], Mo Poet || 4:05
|}

== Cast ==
{| class="wikitable"
! Actor !! Role
|-
| [[Ann Singer]] || Rani
|}""")
    assert album.tracks[0].performers[0].ref == x.part(Cast).credits[0].actor
    assert validate(build_graph(x)).conforms
