"""kg on the layouts of real film articles of every era and industry, beyond the corpus:
each article below is written in the typical layout of its family (a studio-era
Hollywood film, a silent film, a Hindi film with a song table, a Tamil film with a
{{Track listing}}, an anime with a voice cast table, a French film with a César table, a
recent film with critics' top-ten lists, a Korean film with rowspan'd ceremonies, an
animated feature with joint voice credits, a documentary with interviews in its prose, a
Telugu film with awards under definition terms, a film scored by a band). Each exports, conforms, gives the facts it states
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


KOREAN_2010S = """{{Short description|2019 South Korean film}}
{{Infobox film
| name           = Half Basement
| image          = Half Basement poster.png
| film name      = {{Infobox name module
| hangul         = 반지하
| hanja          = 半地下
| rr             = Banjiha
| mr             = Panjiha}}
| director       = [[Park Min-jun]]
| producer       = {{Plainlist|
* Kwak Sin-ae
* [[Park Min-jun]]}}
| writer         = {{Plainlist|
* [[Park Min-jun]]
* Han Jin-won}}
| starring       = {{Plainlist|
* [[Song Kang-ho]]
* [[Lee Sun-kyun]]
* [[Cho Yeo-jeong]]}}
| music          = [[Jung Jae-il]]
| cinematography = [[Hong Kyung-pyo]]
| editing        = Yang Jin-mo
| studio         = Barunson E&A
| distributor    = [[CJ Entertainment]]
| released       = {{Film date|2019|5|21|[[2019 Cannes Film Festival|Cannes]]|2019|5|30|South Korea}}
| runtime        = 132 minutes<ref>{{cite web |title=Half Basement |url=http://example.org/bbfc |website=[[British Board of Film Classification]]}}</ref>
| country        = South Korea
| language       = Korean
| budget         = ₩13.5 billion<br />(~US$11.4 million)
| gross          = $258.8 million<ref name="BOM"/>
}}
'''''Half Basement''''' ({{korean|hangul=반지하|rr=Banjiha}}) is a 2019 South Korean [[black comedy]] [[thriller film]] directed by [[Park Min-jun]], who co-wrote the screenplay with Han Jin-won.

== Cast ==
=== Main ===
* [[Song Kang-ho]] as Kim Ki-taek, the patriarch of the Kim family
* [[Lee Sun-kyun]] as Park Dong-ik, the patriarch of the Park family
* [[Cho Yeo-jeong]] as Choi Yeon-gyo, Dong-ik's wife
=== Supporting ===
* [[Park Myung-hoon]] as Oh Geun-sae, Moon-gwang's husband
* Jung Ji-so as Park Da-hye, the Parks' daughter

== Accolades ==
{| class="wikitable"
! Award !! Date of ceremony !! Category !! Recipient(s) !! Result
|-
| rowspan="2" | [[Blue Dragon Film Awards]] || rowspan="2" | {{dts|2019|11|21}} || [[Blue Dragon Film Award for Best Film|Best Film]] || ''Half Basement'' || {{won}}
|-
| [[Blue Dragon Film Award for Best Actor|Best Actor]] || [[Song Kang-ho]] || {{nom}}
|-
| [[Baeksang Arts Awards]] || {{dts|2020|6|5}} || Grand Prize – Film || [[Park Min-jun]] || {{won}}
|}
"""

ANIMATED_2010S = """{{Infobox film
| name           = Paper Fox
| director       = {{Plainlist|
* [[Anna Bright]]
* Tom Cole (co-director)}}
| producer       = Jonas Rivera
| screenplay     = Meg LeFauve
| starring       = {{Plainlist|
* [[Amy Poehler]]
* [[Bill Hader]]
* [[Lewis Black]]}}
| music          = [[Michael Giacchino]]
| editing        = Kevin Nolting
| studio         = {{Plainlist|
* [[Walt Disney Pictures]]
* [[Pixar Animation Studios]]}}
| distributor    = [[Walt Disney Studios Motion Pictures]]
| released       = {{Film date|2015|5|18|[[2015 Cannes Film Festival|Cannes]]|2015|6|19|United States}}
| runtime        = 95 minutes
| country        = United States
| language       = English
| budget         = $175 million
}}
'''''Paper Fox''''' is a 2015 American [[computer-animated]] [[comedy-drama]] film produced by [[Pixar Animation Studios]].

== Voice cast ==
* [[Amy Poehler]] as Joy, one of Riley's five emotions
* [[Bill Hader]] as Fear
* [[Lewis Black]] as Anger
* [[Diane Lane]] and [[Kyle MacLachlan]] as Riley's mother and father
* [[Paula Poundstone]] and [[Bobby Moynihan]] as a waiter and the cook

== Accolades ==
{| class="wikitable"
! Award !! Category !! Recipient(s) !! Result
|-
| [[88th Academy Awards|Academy Awards]] || [[Academy Award for Best Animated Feature|Best Animated Feature]] || [[Anna Bright]] and Jonas Rivera || {{won}}
|-
| [[Annie Awards]] || Best Animated Short Subject || ''The Clockwork Fox'' || {{nom}}
|-
| [[Grammy Awards]] || Best Score Soundtrack for Visual Media || ''[[Sands (album)|Sands]]'' || {{nom}}
|}
"""

DOCUMENTARY_2010S = """{{Infobox film
| name           = The Long Count
| director       = [[Mira Patel]]
| producer       = {{Plainlist|
* [[Mira Patel]]
* Dan Keller}}
| narrator       = [[Peter Coyote]]
| music          = Kronos Quartet
| cinematography = Eric Lee
| editing        = Sam Pollard
| studio         = [[Participant (company)|Participant]]
| distributor    = [[Netflix]]
| released       = {{Film date|2016|1|24|[[Sundance Film Festival|Sundance]]}}
| runtime        = 98 minutes
| country        = United States
| language       = English
}}
'''''The Long Count''''' is a 2016 American [[documentary film]] directed by [[Mira Patel]] about the 2010 United States census. It features interviews with former census director [[Robert Groves]], who says the count "was the hardest thing I ever did", and with statistician [[Nate Silver]].

== Synopsis ==
The film follows enumerators in rural Alaska. One of them, a retired teacher, recalls that "nobody wanted to be counted". The hotel's manager describes the census takers as "the bravest people in town".

== Interviewees ==
* [[Robert Groves]], director of the United States Census Bureau
* [[Nate Silver]], statistician
* Ana Ruiz, enumerator

== Reception ==
On [[Rotten Tomatoes]], the film has an approval rating of 94% based on 31 reviews. Critic [[A. O. Scott]] of ''[[The New York Times]]'' called it "a quiet triumph".

== Accolades ==
{| class="wikitable"
! Award !! Category !! Recipient(s) !! Result
|-
| [[Sundance Film Festival]] || U.S. Grand Jury Prize: Documentary || [[Mira Patel]] || {{nom}}
|-
| [[Critics' Choice Documentary Awards]] || Best Political Documentary || ''The Long Count'' || {{won}}
|}
"""

TELUGU_1980S = """{{Use dmy dates|date=March 2020}}
{{Infobox film
| name           = Gaali Patam
| director       = [[K. Viswanath]]
| producer       = Edida Nageswara Rao
| writer         = K. Viswanath
| starring       = [[Kamal Haasan]]<br>[[Jaya Prada]]
| music          = [[Ilaiyaraaja]]
| cinematography = Kasthuri
| editing        = G. G. Krishna Rao
| studio         = Poornodaya Movie Creations
| released       = {{Film date|df=yes|1983|6|3}}
| runtime        = 143 minutes
| country        = India
| language       = Telugu
}}
'''''Gaali Patam''''' ({{transl|te|''Kite''}}) is a 1983 Indian [[Telugu language|Telugu]]-language [[dance film]] written and directed by [[K. Viswanath]].

== Cast ==
{{div col|colwidth=22em}}
* [[Kamal Haasan]] as Balu
* [[Jaya Prada]] as Madhavi
* [[Sarath Babu]] as Raghu
* [[Allu Rama Lingaiah]]
{{div col end}}

== Soundtrack ==
{{Infobox album
| name     = Gaali Patam
| type     = Soundtrack
| artist   = [[Ilaiyaraaja]]
| released = 1983
| label    = [[EMI Records|EMI]]
}}
{| class="wikitable"
! No. !! Song !! Singers !! Lyrics
|-
| 1 || "Om Namah Shivaya" || [[S. Janaki]] || [[Veturi]]
|-
| 2 || "Naada Vinodamu" || [[S. P. Balasubrahmanyam]], [[S. P. Sailaja]] || Veturi
|}

== Awards ==
;[[Nandi Awards]]
* [[Nandi Award for Best Feature Film|Best Feature Film]] – Edida Nageswara Rao
* [[Nandi Award for Best Actor|Best Actor]] – [[Kamal Haasan]]
;[[National Film Awards]]
* [[National Film Award for Best Music Direction|Best Music Direction]] – [[Ilaiyaraaja]] {{won}}
"""

BAND_SCORE_2010S = """{{Infobox film
| name     = Hanna Test
| director = [[Joe Wright]]
| music    = [[The Chemical Brothers]]
| country  = United States
}}
'''''Hanna Test''''' is a 2011 film.

== Soundtrack ==
{{Track listing
| extra_column = Performer
| title1 = Hanna's Theme
| extra1 = [[The Chemical Brothers]]
| title2 = Escape
| extra2 = Kronos Quartet
}}
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


def names_of(result, cls) -> set[str]:
    return {str(result.graph.value(p, SCHEMA.name)) for p in result.graph.subjects(RDF.type, cls)}


def test_korean_film_with_rowspan_ceremonies_and_dts_dates() -> None:
    r = export(KOREAN_2010S, "Half Basement")
    assert cast_of(r) == [("Song Kang-ho", "Kim Ki-taek"), ("Lee Sun-kyun", "Park Dong-ik"), ("Cho Yeo-jeong", "Choi Yeon-gyo"),
                          ("Park Myung-hoon", "Oh Geun-sae"), ("Jung Ji-so", "Park Da-hye")]
    noms = r.extraction.part(Accolades).nominations
    assert [(n.organisation.name, n.category.name, [x.name for x in n.nominees], n.result, n.date.isoformat()) for n in noms] == [
        ("Blue Dragon Film Awards", "Best Film", [], "won", "2019-11-21"),
        ("Blue Dragon Film Awards", "Best Actor", ["Song Kang-ho"], "nominated", "2019-11-21"),
        ("Baeksang Arts Awards", "Grand Prize – Film", ["Park Min-jun"], "won", "2020-06-05"),
    ]
    assert r.extraction.film.runtimes == (7920,) and r.extraction.film.genres == ("black comedy", "thriller")


def test_animated_film_with_joint_credits_and_works_as_nominees() -> None:
    r = export(ANIMATED_2010S, "Paper Fox")
    assert cast_of(r) == [("Amy Poehler", "Joy"), ("Bill Hader", "Fear"), ("Lewis Black", "Anger"),
                          ("Diane Lane", "Riley's mother"), ("Kyle MacLachlan", "Riley's father"),
                          ("Paula Poundstone", "a waiter"), ("Bobby Moynihan", "the cook")]
    assert all(c.voice for c in r.extraction.part(Cast).credits)
    noms = r.extraction.part(Accolades).nominations
    assert [(n.organisation.name, [x.name for x in n.nominees], n.result) for n in noms] == [
        ("Academy Awards", ["Anna Bright", "Jonas Rivera"], "won"), ("Annie Awards", [], "nominated"), ("Grammy Awards", [], "nominated")]
    assert not {"The Clockwork Fox", "Sands"} & names_of(r, SCHEMA.Person)


def test_documentary_invents_no_one_from_its_prose() -> None:
    r = export(DOCUMENTARY_2010S, "The Long Count")
    assert r.extraction.part(Cast).credits == ()
    assert names_of(r, SCHEMA.Person) == {"Mira Patel", "Dan Keller", "Peter Coyote", "Eric Lee", "Sam Pollard"}
    assert names_of(r, SCHEMA.MusicGroup) == {"Kronos Quartet"}  # "music = Kronos Quartet": a group, not a person
    noms = r.extraction.part(Accolades).nominations
    assert [([x.name for x in n.nominees], n.result) for n in noms] == [(["Mira Patel"], "nominated"), ([], "won")]


def test_telugu_film_with_a_song_table_and_awards_under_definition_terms() -> None:
    r = export(TELUGU_1980S, "Gaali Patam")
    assert cast_of(r) == [("Kamal Haasan", "Balu"), ("Jaya Prada", "Madhavi"), ("Sarath Babu", "Raghu"), ("Allu Rama Lingaiah", None)]
    (album,) = r.extraction.part(Soundtrack).albums
    assert [(t.title, [p.ref.name for p in t.performers], [p.ref.name for p in t.lyricists]) for t in album.tracks] == [
        ("Om Namah Shivaya", ["S. Janaki"], ["Veturi"]), ("Naada Vinodamu", ["S. P. Balasubrahmanyam", "S. P. Sailaja"], ["Veturi"])]
    # the Nandi lines state no result and give nothing; the one under ";[[National Film Awards]]" does
    noms = r.extraction.part(Accolades).nominations
    assert [(n.organisation.title, n.category.title, [x.name for x in n.nominees], n.result) for n in noms] == [
        ("National Film Awards", "National Film Award for Best Music Direction", ["Ilaiyaraaja"], "won")]


def test_a_band_credited_with_the_music_and_in_the_track_listing_is_one_music_group() -> None:
    r = export(BAND_SCORE_2010S, "Hanna Test")
    assert names_of(r, SCHEMA.MusicGroup) == {"The Chemical Brothers", "Kronos Quartet"}
    assert names_of(r, SCHEMA.Person) == {"Joe Wright"}


def test_a_group_name_outside_music_credits_stays_a_person() -> None:
    # a band that plays a part is credited as a performer (a person, by the shapes); "the
    # Coen brothers" as nominees are people: "brothers" reads as a group only where music is
    text = BAND_SCORE_2010S.replace("== Soundtrack ==", "== Cast ==\n* [[The Chemical Brothers]] as the DJs\n\n== Soundtrack ==") + (
        "\n== Accolades ==\n{| class=\"wikitable\"\n! Award !! Category !! Recipient(s) !! Result\n|-\n"
        "| [[Tau Awards]] || Best Screenplay || [[Coen brothers|The Coen Brothers]] || {{won}}\n|}\n")
    r = export(text, "Hanna Test")
    assert names_of(r, SCHEMA.MusicGroup) == {"Kronos Quartet"}
    assert {"The Chemical Brothers", "Coen brothers"} <= names_of(r, SCHEMA.Person)
