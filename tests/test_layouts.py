"""kg on the layouts of real film articles of every era and industry, beyond the corpus:
each article below is written in the typical layout of its family (a studio-era
Hollywood film, a silent film, a Hindi film with a song table, a Tamil film with a
{{Track listing}}, an anime with a voice cast table, a French film with a César table, a
recent film with critics' top-ten lists). Each exports, conforms, gives the facts it states
and invents no one: every person's name reads as a name."""

from __future__ import annotations

from rdflib import RDF

from kg.extractors.names import name_problem
from kg.model import Accolades, Cast, Crew, Page, Soundtrack
from kg.pipeline import process_page
from kg.vocab import SCHEMA

HOLLYWOOD_1940S = """{{Short description|1942 film by Michael Curtiz}}
{{Infobox film
| name           = Harbour Lights
| director       = [[Michael Curtiz]]
| producer       = [[Hal B. Wallis]]
| screenplay     = {{Plainlist|
* [[Julius J. Epstein]]
* [[Philip G. Epstein]]
}}
| based_on       = {{Based on|''Everybody Comes to Rick's''|[[Murray Burnett]]|[[Joan Alison]]}}
| starring       = {{Plainlist|
* [[Humphrey Bogart]]
* [[Ingrid Bergman]]
}}
| music          = [[Max Steiner]]
| cinematography = [[Arthur Edeson]], A.S.C.
| studio         = [[Warner Bros.]]
| released       = {{Film date|1942|11|26|New York City}}
| runtime        = 102 minutes
| country        = United States
| language       = English
| budget         = $1 million
}}
'''''Harbour Lights''''' is a 1942 American [[romance film|romantic]] [[drama film]] directed by [[Michael Curtiz]].

== Cast ==
* [[Humphrey Bogart]] as Rick Blaine, the owner of a nightclub
* [[Ingrid Bergman]] as Ilsa Lund
* [[Claude Rains]] as Captain Louis Renault, the prefect of police
* [[Dooley Wilson]] as Sam, the pianist (uncredited)

== Accolades ==
;Wins
* [[Academy Award for Best Picture]] – Hal B. Wallis
;Nominations
* [[Academy Award for Best Actor]] – [[Humphrey Bogart]]
"""

SILENT_1920S = """{{Infobox film
| name        = The Iron Horse Rider
| director    = [[John Ford]]
| starring    = [[George O'Brien (actor)|George O'Brien]]<br>[[Madge Bellamy]]
| cinematography = George Schneiderman
| distributor = [[Fox Film Corporation]]
| released    = {{Film date|1924|8|28}}
| runtime     = 150 minutes
| country     = United States
| language    = [[Silent film|Silent]]<br>English intertitles
}}
'''''The Iron Horse Rider''''' is a 1924 American [[silent film|silent]] [[Western (genre)|Western]] film directed by [[John Ford]].

== Cast ==
* [[George O'Brien (actor)|George O'Brien]] as Davy Brandon
* [[Madge Bellamy]] as Miriam Marsh
* [[Charles Edward Bull]] as [[Abraham Lincoln]] (uncredited)
"""

HINDI_2000S = """{{Infobox film
| name           = Dil Ki Baat
| director       = [[Karan Rao]]
| producer       = [[Yash Raj Films]]
| music          = {{ubl|'''Songs:'''|[[Vishal–Shekhar]]|'''Background score:'''|Salim–Sulaiman}}
| studio         = [[Yash Raj Films]]
| released       = {{Film date|2004|11|12|India}}
| runtime        = 192 minutes
| country        = India
| language       = Hindi
| budget         = {{INR|25 crore}}
| gross          = {{INR|97 crore}}
}}
'''''Dil Ki Baat''''' is a 2004 Indian [[Hindi]]-language [[romantic drama]] film.

== Cast ==
* [[Shah Rukh Khan]] as Veer Pratap Singh
* [[Preity Zinta]] as Zaara Hayaat Khan
* [[Kirron Kher]] as Mariam Hayaat Khan; Zaara's mother
* [[Amitabh Bachchan]] in a special appearance as Choudhary Sumer Singh

== Soundtrack ==
{| class="wikitable"
! No. !! Song !! Singer(s) !! Lyrics !! Length
|-
| 1 || "Aisa Des Hai Mera" || [[Lata Mangeshkar]], [[Udit Narayan]] || [[Javed Akhtar]] || 6:01
|-
| 2 || "Tere Liye" || [[Lata Mangeshkar]], [[Roop Kumar Rathod]] || [[Javed Akhtar]] || 5:32
|}

== Awards ==
{| class="wikitable"
! Award !! Category !! Recipient(s) !! Result
|-
| rowspan="2" | [[Filmfare Awards]] || [[Filmfare Award for Best Film|Best Film]] || [[Yash Raj Films]] || {{won}}
|-
| [[Filmfare Award for Best Actor|Best Actor]] || [[Shah Rukh Khan]] || {{nom}}
|}
"""

TAMIL_1990S = """{{Infobox film
| name     = Kadhal Kottai Veedu
| director = [[Agathiyan]]
| music    = [[Deva (composer)|Deva]]
| starring = [[Ajith Kumar]]<br>[[Devayani (actress)|Devayani]]
| released = {{Film date|1996|7|12}}
| country  = India
| language = Tamil
}}
'''''Kadhal Kottai Veedu''''' is a 1996 Indian [[Tamil language|Tamil]]-language [[romance film]] directed by [[Agathiyan]].

== Cast ==
{{div col}}
* [[Ajith Kumar]] as Surya
* [[Devayani (actress)|Devayani]] as Kamali
* [[Heera Rajgopal|Heera]] as Neha
* [[Vadivelu]] as Pandi
{{div col end}}

== Soundtrack ==
{{Infobox album
| name     = Kadhal Kottai Veedu
| released = 1996
| label    = [[Pyramid Audio]]
}}
The soundtrack was composed by [[Deva (composer)|Deva]], with lyrics by [[Agathiyan]].
{{Track listing
| extra_column = Singer(s)
| all_lyrics = [[Agathiyan]]
| all_music  = [[Deva (composer)|Deva]]
| title1 = Nalam Nalamariya
| extra1 = [[S. P. Balasubrahmanyam]], [[Swarnalatha]]
| length1 = 5:09
| title2 = Vellarikka
| extra2 = [[Krishnaraj]]
| length2 = 4:38
}}
"""

ANIME_2000S = """{{Infobox film
| name     = Moonlit Shrine
| director = [[Hiro Sato]]
| music    = [[Joe Hisaishi]]
| studio   = [[Studio Ghibli]]
| released = {{Film date|2001|7|20|Japan}}
| country  = Japan
| language = Japanese
}}
'''''Moonlit Shrine''''' ({{nihongo|月の社|Tsuki no Yashiro}}) is a 2001 Japanese [[Animation|animated]] [[fantasy film]].

== Voice cast ==
{| class="wikitable"
! Character !! Japanese !! English
|-
! Chihiro
| [[Rumi Hiiragi]] || [[Daveigh Chase]]
|-
! Haku
| [[Miyu Irino]] || [[Jason Marsden]]
|}

== Accolades ==
{| class="wikitable"
! Year !! Award !! Category !! Recipient !! Result
|-
| 2002 || [[Japan Academy Prize (film)|Japan Academy Prize]] || Picture of the Year || || {{won}}
|-
| 2003 || [[Academy Awards]] || [[Academy Award for Best Animated Feature|Best Animated Feature]] || [[Hiro Sato]] || {{won}}
|}
"""

FRENCH_2000S = """{{Infobox film
| name     = Le Jardin
| director = [[Jean-Pierre Morel]]
| starring = [[Audrey Marceau]]
| country  = France
| language = French
| released = {{Film date|2001|4|25|France}}
}}
'''''Le Jardin''''' is a 2001 French [[romantic comedy]] film.

== Cast ==
* Amélie Poulain – [[Audrey Marceau]]
* Nino Quincampoix – [[Mathieu Kassovitz]]
* Narrator – [[André Dussollier]]

== Accolades ==
{| class="wikitable"
! Ceremony !! Category !! Nominee !! Result
|-
| rowspan="2" | [[27th César Awards]] || [[César Award for Best Film|Best Film]] || || {{won}}
|-
| [[César Award for Best Actress|Best Actress]] || [[Audrey Marceau]] || {{nom}}
|}
"""

TOP_TEN_2010S = """{{Infobox film
| name     = Quiet Roads
| director = [[Ava Lin]]
| country  = United States
| language = English
}}
'''''Quiet Roads''''' is a 2018 American [[drama film]].

== Accolades ==
{| class="wikitable"
! Publication !! List !! Result
|-
| ''[[Sight and Sound]]'' || Best Films of 2018 || {{draw|2nd place}}
|-
| ''[[Time Out]]'' || Top Ten Films || 5th place
|}
"""


def export(text: str, title: str):
    result = process_page(Page(title=title, text=text, source=f"{title}.wiki"))
    assert result.error is None, result.error
    assert result.conforms, [v.line() for v in result.report.violations]
    people = {str(result.graph.value(p, SCHEMA.name)) for p in result.graph.subjects(RDF.type, SCHEMA.Person)}
    assert not [n for n in people if name_problem(n) is not None and n[:1].isupper()], people
    return result


def cast_of(result) -> list[tuple[str, str | None]]:
    return [(c.actor.name, c.character) for c in result.extraction.part(Cast).credits]


def test_studio_era_hollywood() -> None:
    r = export(HOLLYWOOD_1940S, "Harbour Lights")
    assert cast_of(r) == [("Humphrey Bogart", "Rick Blaine"), ("Ingrid Bergman", "Ilsa Lund"),
                          ("Claude Rains", "Captain Louis Renault"), ("Dooley Wilson", "Sam")]
    crew = {(c.role, c.ref.name) for c in r.extraction.part(Crew).credits}
    assert ("cinematographer", "Arthur Edeson") in crew and not [n for _, n in crew if "A.S.C" in n]
    noms = r.extraction.part(Accolades).nominations
    assert [(n.category.title, [x.name for x in n.nominees], n.result) for n in noms] == [
        ("Academy Award for Best Picture", ["Hal B. Wallis"], "won"),
        ("Academy Award for Best Actor", ["Humphrey Bogart"], "nominated"),
    ]
    assert r.extraction.film.genres == ("romantic", "drama")


def test_silent_film() -> None:
    r = export(SILENT_1920S, "The Iron Horse Rider")
    assert cast_of(r) == [("George O'Brien", "Davy Brandon"), ("Madge Bellamy", "Miriam Marsh"), ("Charles Edward Bull", "Abraham Lincoln")]
    assert r.extraction.film.runtimes == (9000,)
    assert "western" in r.extraction.film.genres


def test_hindi_film_with_a_song_table_and_filmfare_awards() -> None:
    r = export(HINDI_2000S, "Dil Ki Baat")
    assert cast_of(r) == [("Shah Rukh Khan", "Veer Pratap Singh"), ("Preity Zinta", "Zaara Hayaat Khan"),
                          ("Kirron Kher", "Mariam Hayaat Khan"), ("Amitabh Bachchan", "Choudhary Sumer Singh")]
    music = [c.ref.name for c in r.extraction.part(Crew).credits if c.role == "music"]
    assert music == ["Vishal–Shekhar", "Salim–Sulaiman"]
    (album,) = r.extraction.part(Soundtrack).albums
    assert [(t.title, [p.ref.name for p in t.performers]) for t in album.tracks] == [
        ("Aisa Des Hai Mera", ["Lata Mangeshkar", "Udit Narayan"]), ("Tere Liye", ["Lata Mangeshkar", "Roop Kumar Rathod"])]
    noms = r.extraction.part(Accolades).nominations
    assert [(n.organisation.name, n.category.name, n.result) for n in noms] == [
        ("Filmfare Awards", "Best Film", "won"), ("Filmfare Awards", "Best Actor", "nominated")]
    org = {str(o) for o in r.graph.objects(None, RDF.type) if "Organization" in str(o)}
    assert org and (None, RDF.type, SCHEMA.Person) in r.graph
    films_node = [s for s, o in r.graph.subject_objects(SCHEMA.name) if str(o) == "Yash Raj Films"]
    assert {str(t) for s in films_node for t in r.graph.objects(s, RDF.type)} == {str(SCHEMA.Organization)}


def test_tamil_film_with_a_track_listing() -> None:
    r = export(TAMIL_1990S, "Kadhal Kottai Veedu")
    assert cast_of(r) == [("Ajith Kumar", "Surya"), ("Devayani", "Kamali"), ("Heera", "Neha"), ("Vadivelu", "Pandi")]
    (album,) = r.extraction.part(Soundtrack).albums
    assert album.released.year == 1996 and [label.name for label in album.labels] == ["Pyramid Audio"]
    assert [[p.ref.name for p in t.performers] for t in album.tracks] == [["S. P. Balasubrahmanyam", "Swarnalatha"], ["Krishnaraj"]]
    assert all([c.ref.name for c in t.composers] == ["Deva"] and [c.ref.name for c in t.lyricists] == ["Agathiyan"] for t in album.tracks)


def test_anime_with_a_voice_cast_table() -> None:
    r = export(ANIME_2000S, "Moonlit Shrine")
    assert cast_of(r) == [("Rumi Hiiragi", "Chihiro"), ("Daveigh Chase", "Chihiro"), ("Miyu Irino", "Haku"), ("Jason Marsden", "Haku")]
    assert all(c.voice for c in r.extraction.part(Cast).credits)
    noms = r.extraction.part(Accolades).nominations
    assert [(n.date.year, n.result, [x.name for x in n.nominees]) for n in noms] == [(2002, "won", []), (2003, "won", ["Hiro Sato"])]


def test_french_film_with_the_character_first_and_a_cesar_table() -> None:
    r = export(FRENCH_2000S, "Le Jardin")
    assert cast_of(r) == [("Audrey Marceau", "Amélie Poulain"), ("Mathieu Kassovitz", "Nino Quincampoix"), ("André Dussollier", "Narrator")]
    noms = r.extraction.part(Accolades).nominations
    assert [(n.organisation.title, n.category.title, [x.name for x in n.nominees]) for n in noms] == [
        ("27th César Awards", "César Award for Best Film", []),
        ("27th César Awards", "César Award for Best Actress", ["Audrey Marceau"]),
    ]


def test_critics_top_ten_lists() -> None:
    r = export(TOP_TEN_2010S, "Quiet Roads")
    noms = r.extraction.part(Accolades).nominations
    assert [(n.organisation.name, n.result, n.rank, n.nominees) for n in noms] == [
        ("Sight and Sound", "placed", 2, ()), ("Time Out", "placed", 5, ())]
