"""Prose: the facts the article's sentences state, each with the sentence it came from.

Reads the sentences of :mod:`kg.wikitext.prose` — of a wikitext article or of a plain-text
extract alike — outside the plot and the reference sections, and keeps a fact only when
a sentence states it in one of the forms below, in the article's own voice (never inside
a quotation), without a negation or a hedge ("was considered for the role", "would
have", "originally", "did not"):

- credits: "… film directed by X", "written and directed by X", "written by X, Y and Z",
  "edited by X", "written, directed and produced by X" (the producer only so, in a list with
  a verb only a person is the subject of), "with music by X", "cinematography by X", "The
  music was composed by X", "Cinematography was handled by X";
- the work it is based on: "based on the 1990 novel *Work* by X", "… of the same name by X",
  "based on X's 1982 novella *Work*";
- cast: "The film stars X as Ben, Y as Sera", "starring X, Y and Z", "X stars as Ben",
  "… played by X", "X was cast as Ben";
- releases: "had a limited release on October 27, 1995", "was released nationwide on …",
  "opened nationwide on …", "premiered at the Cannes Film Festival on …";
- money: "grossing $49.8 million" (worldwide or unqualified; never a region's or a weekend's,
  never "over $…"), "on a budget of $3.6 million";
- reception: Rotten Tomatoes' approval (with its review count) and average rating,
  Metacritic's score (with its critic count);
- awards: "X won the Academy Award for Best Actor", "Y was nominated for the Golden Globe
  Award for Best Actress", "The film won the Palme d'Or".

In wikitext a name that is a link is that page; in plain text a name is article-scoped,
and a surname alone ("Cage") is the person the text named in full before. A name is read
whole or not at all (README, "Facts from prose"), and sections about other works (Remakes,
Sequel …) are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from kg.extractors import Context
from kg.extractors.film import GENRE_WORDS
from kg.extractors.names import _NAME_LIKE, CLAUSE_WORDS, PARTICLES, award_title, looks_like_company, name_problem, reads_as_group, reads_as_place
from kg.model import (
    AlbumFact,
    Amount,
    BasedOn,
    CastCredit,
    Credit,
    Genre,
    Nomination,
    Origin,
    Prose,
    Rating,
    Ref,
    Release,
    Sentence,
    Year,
)
from kg.titles import spells_title, strip_disambiguator
from kg.values import DEMONYMS, NATIONALITIES, country_title, parse_date, parse_money
from kg.wikitext import Link, clean_text, get_param
from kg.wikitext.prose import Document, plain_document, wikitext_document

#: Sections whose sentences state no fact about the film as made: the story, and the lists.
SKIP_SECTIONS = re.compile(
    r"^(?:plot|plot summary|synopsis|story|storyline|summary|premise|see also|references|notes|footnotes|"
    r"citations|sources|bibliography|further reading|external links|"
    # sections about other works than the film: their credits, casts and dates are theirs
    r"remakes?|sequels?|prequels?|sequel and remake|remakes? and sequels?|spin-?offs?|other versions|other adaptations|"
    r"adaptations|dubbed versions?|follow-?ups?|franchise|television series|tv series|stage adaptations?)$",
    re.I,
)
#: Words that make a clause a negation, a hypothesis, a plan or a report (nothing stated);
#: "may" only in lower case ("1 May 2005" is a date).
HEDGE = re.compile(
    r"(?-i:\bmay\b)|\b(?:not|never|no longer|n't|cannot|would|could|might|should|if|unless|whether|considered|"
    r"offered|turned down|declined|auditioned|originally|initially|wanted|rumou?red|reportedly|allegedly|"
    r"supposedly|set to|to be|was to|were to|attached|replaced|instead|planned|hoped|expected|potential|"
    r"proposed|almost|nearly|sought|approached|in talks|negotiat\w*|hypothetical\w*|claimed|denied|announced|"
    r"projected|previously|formerly|once again|scheduled|slated|postponed|delayed|pushed back|rescheduled)\b",
    re.I,
)
#: words that undo a casting or a credit anywhere in its sentence ("X was cast as Jane, but left
#: the production"; "… was cast as Jane; she withdrew in June")
UNDONE = re.compile(
    r"\b(?:left the (?:production|project|film|role|cast)|dropped out|pulled out|withdr[ae]w\w*|quit|exited|departed|"
    r"was fired|were fired|recast|stepped down|backed out|walked off)\b",
    re.I,
)

_CAP_WORD = r"(?:[A-Z][\w'’-]*\.?|[A-Z]\.)"
_PARTICLE = r"(?:de|da|van|von|der|den|del|della|di|du|dos|la|le|ter|bin|ibn|al)"
#: an unlinked person's name: two to five capitalised words ("John G. Avildsen",
#: "Olivia de Havilland"); one word names someone only when the text named them in full before
_NAME = re.compile(rf"{_CAP_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_CAP_WORD}){{1,4}}")
_ONE_WORD = re.compile(r"[A-Z][\w'’-]+")
#: a character's name after "as": capitalised words, "the" or "of" between them ("Rocky Balboa",
#: "Robin Hood", "Batman")
_CHARACTER = re.compile(r"(?:the\s+)?[A-Z][\w'’.-]*(?:(?:\s+(?:(?:of|the|de|von|van|der)\s+)?|/)[A-Z][\w'’.-]*){0,4}")
_LIST_SEP = re.compile(r"\s*(?:,\s*and|,|and|&)\s+")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}},\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{4}})"
_MONEY = r"(?:US\s?|A|C|NZ|HK)?[$£€¥₹]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|crore|lakh)\b)?"

#: the verbs of a credit, alone or in a list ("written, directed and produced by X"); "produced
#: by" alone is not read (a person or a company: the text does not tell), only in a list with a
#: verb that only a person is the subject of
_CREDIT_VERBS = {
    "directed": "director", "co-directed": "director", "written": "screenwriter", "co-written": "screenwriter",
    "edited": "editor", "produced": "producer", "co-produced": "producer",
}  # fmt: skip
_CREDIT_VERB = r"(?:co-)?(?:directed|written|produced|edited)"
_CREDIT = re.compile(
    rf"\b(?P<what>{_CREDIT_VERB}(?:(?:,\s*|\s+)(?:and\s+)?{_CREDIT_VERB})*|"
    r"(?:with )?music|music composed|score|score composed|cinematography)\s+by\s+",
    re.I,
)
_CREDIT_ROLES = {
    "music": ("music",), "with music": ("music",), "music composed": ("music",),
    "score": ("music",), "score composed": ("music",), "cinematography": ("cinematographer",),
}  # fmt: skip


def _credit_roles(what: str) -> tuple[str, ...]:
    """The roles a credit's verbs give ("written and directed" → screenwriter, director);
    none for "produced" or "co-produced" alone."""
    what = what.lower()
    if what in _CREDIT_ROLES:
        return _CREDIT_ROLES[what]
    given = {_CREDIT_VERBS[v] for v in re.findall(_CREDIT_VERB, what)}
    return () if given == {"producer"} else tuple(r for r in ("director", "screenwriter", "producer", "editor") if r in given)


#: a work a credit right after it belongs to ("the novel written by …", "a song composed by …")
#: the nouns of works a credit can be of (:data:`_OTHER_WORK` right before it, :data:`_WORK_NOUN`
#: since the last comma, each with words of its own)
_WORK_WORDS = (
    r"novels?|novellas?|books?|plays?|series|episodes?|albums?|songs?|singles?|stor(?:y|ies)|comics?|manga|"
    r"memoirs?|operas?|games?|trailers?|poems?|articles?"
)
_OTHER_WORK = re.compile(rf"\b(?:{_WORK_WORDS}|sequels?|prequels?|remakes?|videos?|shorts?|versions?)[,]?$", re.I)
#: words that put another work between the film and a credit ("It was followed by 1939's
#: Daughters Courageous, also directed by …", "a remake of … directed by …", "Rocky is featured
#: in the 2017 documentary …, directed by …"); "Films" with a capital is a company's name
#: ("produced by Dee Films and directed by …")
_ANOTHER_FILM = re.compile(
    r"\b(?:followed by|preceded by|sequels?|prequels?|remake|remade|influenced|inspired|version|adaptation|"
    r"spin-?off|(?-i:films|movies)|series|episodes?|season|short film|novelization|novelisation|"
    r"which|who|whose|(?:featured|appears|appeared|referenced|parodied|included|shown) in)\b|"
    r"\(\d{4}\)|\b\d{4}['’]s\b",
    re.I,
)
#: a part played in another work than the film ("X stars as Tom in the sequel")
_IN_ANOTHER_WORK = re.compile(
    r"\b(?:[Ii]n|[Ff]or|[Oo]n) (?:the|a|an|its|his|her|their) (?:[\w'’-]+ ){0,3}?(?:sequels?|prequels?|remakes?|series|"
    r"miniseries|spin-?offs?|versions?|adaptations?|episodes?|seasons?|shorts?|productions?|musical|anime|manga|"
    r"stage (?:play|production|musical|version)|radio (?:play|drama|series)|(?:television|TV) (?:series|film|movie)|"
    r"(?:first|original|previous|next|earlier|later|second|third|other|live-action|animated|\d{4}) (?:film|movie|installment))\b"
)
#: what is played as music, not as a part: "The piano pieces … were played by X"
_MUSIC_PLAYED = re.compile(
    r"\b(?:pieces?|themes?|score|songs?|solos?|music|instrumentals?|piano|guitar|organ|violin|cello|drums|"
    r"saxophone|trumpet|flute|sitar|tabla|orchestra|band|ensemble|tracks?|recordings?)\b",
    re.I,
)
_BASED = re.compile(
    r"\bbased on (?:the |a |an |his |her |their )?(?:(?P<year>\d{4}) )?(?P<pre>(?:[\w'’-]+ ){0,3}?)"
    r"(?P<kind>novel|novella|book|play|stage play|short story|story|memoir|comic book|comic|graphic novel|"
    r"musical|manga|biography|autobiography|poem|opera|article)\b(?P<rest>[^;]*)"
)
#: "based on Stephen King's 1982 novella Rita Hayworth and Shawshank Redemption", "… on [[Ann
#: Bee]]'s novel of the same name": the author before "'s", the work's name after the kind
_BASED_POSSESSIVE = re.compile(
    r"\bbased on (?P<the>the )?(?P<author>[A-Z][^,;()'’]*?)['’]s (?:(?:\d{4}|[a-z][\w-]*) ){0,3}?"
    r"(?P<kind>novel|novella|book|play|stage play|short story|story|memoir|comic book|graphic novel|manga|"
    r"biography|autobiography|poem|opera|article)\s+(?P<title>of the same name|[A-Z][^,;()]*?)"
    r"(?=[,;()]|\.?$|\s+(?:which|that|about|published|written|set|but|while|by)\s)"
)
#: a work's name in plain words: capitalised words, and the small words titles have between them
_TITLE_WORDS = re.compile(
    r"[A-Z\d][\w'’:!?.-]*(?:\s+(?:(?:and|of|the|a|an|in|on|at|to|for|from|with|or|de|la|le)\s+)*[A-Z\d][\w'’:!?.-]*)*"
)
_STARS = re.compile(r"\b(?:(?:also |and )?(?:stars|starred|co-stars|co-starred)|starring)\s+(?!as\b)")
_STARS_AS = re.compile(r"\b(?:stars|starred|co-stars|co-starred)\s+as\s+")
_PLAYED_BY = re.compile(r"\b(?:played|portrayed)\s+by\s+")
_CAST_AS = re.compile(r"\bwas\s+cast\s+(?:as|in the role of)\s+")
_RELEASE = re.compile(
    rf"\b(?:(?:had|received|was given|got) (?:a |an )?)?(?P<kind>limited|wide|nationwide|general)\s+"
    rf"(?:theatrical\s+)?release\s+(?:in (?P<place>(?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*)*) )?(?:on|in) (?P<date>{_DATE})"
    rf"|\b(?:was|were) (?:theatrically )?released (?P<kind2>nationwide|theatrically|worldwide|wide)?\s*"
    rf"(?:in (?P<place2>(?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*)*) )?(?:on|in) (?P<date2>{_DATE})"
    rf"|\bopened (?P<kind3>nationwide|wide|in limited release)\s+(?:on|in) (?P<date3>{_DATE})"
    rf"|\bpremiered (?:at|in) the (?P<festival>(?:\d{{4}} |\d+(?:st|nd|rd|th) )?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)* Film Festival) on (?P<date4>{_DATE})"
)
_RELEASE_OTHER = re.compile(
    r"\b(?:DVD|VHS|Blu-ray|LaserDisc|home video|home media|video|soundtrack|album|single|song|trailer|"
    r"re-?released|re-?release|remaster\w*|restor\w+|television|TV|streaming|Netflix|book|novel|game|sequel|"
    r"version|cut|edition|series|episode|dub|dubbed|dubbing)\b",
    re.I,
)
_KINDS = {"limited": "Limited", "wide": "Wide", "nationwide": "Wide", "general": "Wide", "in limited release": "Limited"}
_GROSS = re.compile(rf"\b(?:grossed|grossing|earned|earning|took in|taking in)\s+(?P<money>{_MONEY})(?P<rest>[^.;]*)")
_BUDGET = re.compile(rf"\b(?:on|with|against|had) (?:a|its) (?:production )?budget of (?P<money>{_MONEY})")
_WORLDWIDE = re.compile(r"^\s*(?:worldwide|globally|at the (?:worldwide|global|international) box office|in total)?(?:[\s,]|$)")
_MONEY_OTHER = re.compile(
    r"\b(?:franchise|series|sequel|trilogy|soundtrack|album|DVD|video|rentals?|weekend|opening|day|overseas|"
    r"international(?:ly)?|domestic(?:ally)?|outside|territories|countries|markets?|profit)\b|\bin (?:the )?[A-Z]",
    re.I,
)
_APPROVAL = re.compile(r"(?:approval rating|rating|score|approval) of (?P<a>\d{1,3})%|(?P<b>\d{1,3})% (?:approval )?(?:rating|score)|(?P<c>\d{1,3})% of (?:the )?(?:[\d,]+ )?(?:critics|reviews)")
_AVERAGE = re.compile(r"average (?:rating|score) (?:of )?(?P<v>\d{1,2}(?:\.\d{1,2})?)(?:/| out of )10\b")
_REVIEWS = re.compile(r"\b(?:based on|from) (?P<n>\d[\d,]*) (?:critics'? |critic |critical |professional )?(?:reviews|critics)\b|\b(?P<m>\d[\d,]*) (?:critics'? )?reviews\b")
_METASCORE = re.compile(r"(?:score|average|rating|metascore) of (?P<v>\d{1,3})(?: out of 100|/100)?\b|\b(?P<w>\d{1,3}) out of 100\b")
_CLAUSES = re.compile(
    r",?\s+while\s+|;\s+|,\s+whereas\s+|,?\s+and\s+(?=[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*\s+(?:won|received|was|were|earned)\b)"
    r"|,?\s+and\s+(?=(?:was|were)\s+(?:also\s+)?nominated\b|(?:also\s+)?(?:won|received|earned)\s)"
)
_WON = re.compile(r"\s+(?:also\s+)?(?:won|received|was awarded|were awarded|earned|took home|picked up)\s+(?:the\s+|an?\s+)?(?!\w+ nominations?\b)(?!nominations?\b)(?!a nomination\b)")
_NOMINATED = re.compile(r"\s+(?:was|were)\s+(?:also\s+)?nominated\s+for\s+(?:the\s+|an?\s+)?|\s+(?:also\s+)?(?:received|earned)\s+(?:a\s+)?nominations?\s+for\s+(?:the\s+)?")
_AWARD = re.compile(
    r"(?:[A-Z0-9][\w'’.-]*\s+)*?(?:Academy Award|Oscar|Award|Prize|Palme d'Or|Golden (?:Lion|Bear|Globe))s?\b"
    r"(?:\s+for\s+(?:Best|Outstanding|Most|Worst)\b[^,;]*?)?"
)
_AWARD_TAIL = re.compile(
    r"\s+(?:for (?:his|her|their|its|the) \w.*|for [\"“].*|at (?:the )?[A-Z\d].*|in \d{4}.*|that year.*|\(\d{4}\).*"
    r"|(?:but|though|although|losing|which|who|where|when|over|beating|defeating|ahead of)\b.*)$"
)
#: "… was nominated for the X, which it won": the nomination's result
_WHICH_WON = re.compile(r",?\s+which\s+(?:it|he|she|they|the film)\s+(?:also\s+|later\s+|eventually\s+|ultimately\s+)?(?:won|went on to win)\b")
#: an award named by generic words only ("the Grand Prize", "Special Jury Prize", "Best Actor
#: Award": no awarding body), or one for a career, not for a film
_GENERIC_AWARD = re.compile(
    r"(?:the\s+|an?\s+)?(?:(?:Grand|Special|Jury|Audience|Critics['’]?|Golden|Silver|Bronze|Honorary|Main|Top|First|Second|Third|"
    r"Best\s+[A-Z]\w*(?:\s+[A-Z]\w*)?|Outstanding\s+[A-Z]\w*)\s+)+(?:Prize|Award)s?|"
    r".*\b(?:Lifetime Achievement|Career Achievement|Honorary|Special Achievement|Legend|Icon)\b.*"
)
#: a recipient after "for" that is a body, not the category going on ("… for Children's Film
#: Society India"; not "… for Visual Media", "… for Television Movie")
_RECIPIENT_BODY = re.compile(
    r"\b(?:Society|Productions?|Pictures|Studios?|Films|Limited|Ltd|Inc|Corporation|Company|Foundation|Institute|"
    r"Entertainment|VFX|Brothers)\b"
)
#: "won four awards", "numerous awards for best score including …": a count, or a list of examples
_GENERIC_AWARDS = re.compile(r"(?:\w+\s+){0,3}?(?:awards|nominations|prizes|honou?rs|accolades|Oscars|Academy Awards)\b|.*\bincluding\b", re.I)
#: "… for Best Cinematography for Karl Freund": the person it went to, after the category
_FOR_PERSON = re.compile(r"\bfor\s+(?:Best|Outstanding|Most|Worst)\b.*?(?P<for>\s+for\s+)(?P<who>(?!Best\b|Outstanding\b|Most\b|Worst\b)[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3})$")
_CEREMONY_TAIL = re.compile(r"\s+at the (?P<ceremony>\d+(?:st|nd|rd|th) [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)* Awards)\b")
#: an awarding body's award before its category's link: "Academy Award for ", "Saturn Award for "
_AWARD_FOR = re.compile(r"(?:[A-Z][\w'’.&-]*\s+){0,5}?(?:Academy Award|Award|Prize|Oscar)s?\s+for\s+")
#: what a piece that names no award must hold for its skipping to be worth a warning
_AWARDISH = re.compile(r"\b(?:Awards?|Prize|Oscars?|Best|Outstanding|Worst)\b")
_CURRENCY = re.compile(r"[$£€¥₹]")
#: a rating sentence about another work than the film as released
_OTHER_SCORED = re.compile(
    r"\b(?:version|cut|edition|remake|sequel|prequel|re-?release|series|season|episode|soundtrack|predecessor|franchise|"
    r"trilogy)\b|\b(?:first|original|previous|earlier|later|second|third|other|prior|next) (?:film|movie|installment|entry|part)\b",
    re.I,
)
#: "… for his role in Z": an award for another work (unless Z names this film: "for her work
#: in both this film and …")
_FOR_ROLE_IN = re.compile(r"\bfor (?:his|her|their|its) (?:role|roles|performance|performances|work|portrayal|part)s? (?:in|on|as) (?P<work>.+)$")
_AWARD_VERB = re.compile(r"\b(?:won|received|awarded|earned|nominated|took home|picked up)\b")
_AWARD_WORD = re.compile(r"Award|Prize|Oscar|Palme|Golden|nominat")
#: the subject of a definition sentence: "Lupin the Third: The Castle of Cagliostro is a …"
_DEFINITION = re.compile(r"[^,;]{1,200}?\s+(?=(?:is|was)\s+(?:an?|the)\s)")
#: a sentence whose subject is the film's soundtrack album ("A soundtrack album, …, was released …",
#: "The soundtrack also included …", "The film's original soundtrack was released …")
_ALBUM_SUBJECT = re.compile(
    r"(?:A|An|The|Its|The film's)\s+(?:original\s+)?(?:motion picture\s+)?sound\s?track(?:\s+album)?\b(?!\s+(?:album\s+)?(?:single|song|of|to|for)\b)"
)
_ALBUM_RELEASED = re.compile(rf"\bwas (?:also )?released(?: on)?\s+(?P<date>{_DATE})")
_ALBUM_PERFORMED = re.compile(r"\b(?:(?:composed|written) and performed|performed|sung)\s+by\s+")
_SOUNDTRACK_SECTION = re.compile(r"^(?:(?:original\s+)?sound\s?track(?:\s+album)?|music(?:\s+and\s+soundtrack)?)$", re.I)
#: a person's name after what they are, between the two ("Academy Award winner Meryl Streep",
#: "Los Angeles Lakers player Kareem Abdul-Jabbar", "first-time director Ann Bee"): the name
#: before the role noun is no person's, the name after it is the person
_ROLE_WORDS = (
    r"(?:(?!(?:and|or|with|of|as|by|the|a|an|in|on|at|for|from|to|while|who|whom)\b)[a-z][\w-]*\s+){0,2}?"
    r"(?:winner|nominee|laureate|player|actor|actress|star|singer|rapper|comedian|comic|"
    r"director|filmmaker|veteran|newcomer|legend|icon|champion|model|musician|writer|author|novelist|playwright|"
    r"producer|host|personality|wrestler|boxer|footballer|athlete|guitarist|drummer|frontman|vocalist|composer|"
    r"presenter|journalist|co-star|alumnus|alumna|member|founder|screenwriter|cinematographer)\s+(?=[A-Z\[])"
)
_ROLE_NOUN = re.compile(r"\s+" + _ROLE_WORDS)
#: what a person is, before their name ("composer Eduardo Serrano", "first-time director Ann Bee";
#: capitalised, "Composer Ann Bee won …", in :data:`_DESCRIPTOR`)
_ROLE_PREFIX = re.compile(_ROLE_WORDS)
#: a name that goes on past what :data:`_NAME` reads: particles ("de la Fuente", "al-Masri"), a
#: capital it does not know ("Ásgeirsdóttir"), ", Jr."
_NAME_GOES_ON = re.compile(
    rf"\s+(?:(?:{'|'.join(map(re.escape, sorted(PARTICLES | {'los', 'las'})))})\s+)+\S|\s*[-‐]?(?:al|el)-|,\s+(?:Jr|Sr)\.?\b"
)


def _capital_goes_on(text: str, end: int) -> bool:
    """Whether a word with a capital :data:`_NAME` does not read (not A–Z) follows at ``end``
    ("Helga Björk Ásgeirsdóttir", a Greek or Cyrillic capital)."""
    m = re.match(r"\s+(\w)", text[end : end + 4])
    return m is not None and m.group(1).isupper() and not m.group(1).isascii()

#: capitalised words, a lower-case word, a capitalised word: the first words say what the person
#: after them is ("Chennai Super Kings captain Mahesh Dorai"), unless the lower-case word is one
#: that follows a name in a sentence (:data:`_NAME_FOLLOWERS`)
_MODIFIER_THEN_NAME = re.compile(r"\s+(?P<word>[a-z][\w'’-]*)\s+(?=[A-Z\[])")
_NAME_FOLLOWERS = CLAUSE_WORDS | frozenset(
    """and or as in on at for with by of to from the a an alongside opposite together both then among including
    besides between against over under than like unlike near co-stars co-starred won wins received receives directed
    directs wrote writes produced produces composed composes joined joins replaced replaces returns returned reprises
    reprised makes made leads led married meets met tells told says said sings sang performs performed dances danced
    and/or vs versus via per nor but yet so if because though although whereas upon within without toward towards
    across beside behind beyond through throughout amid amongst around above below along past despite except once
    now again too only even still first last respectively et""".split()
)
#: a word before a name that says what the person is, capitalised at a sentence's start or
#: fused on: "Composer", "Newcomer", "Oscar-winning", "Singer-songwriter", "Model-turned-actress"
_DESCRIPTOR = re.compile(
    r"(?:Composer|Director|Producer|Actor|Actress|Singer|Writer|Screenwriter|Cinematographer|Editor|Filmmaker|"
    r"Novelist|Author|Musician|Rapper|Comedian|Playwright|Lyricist|Both|"
    r"Newcomer|Debutant|Debutante|Choreographer|YouTuber|Olympian|Veteran|Legendary|Superstar|Megastar|"
    r"Model|Dancer|Poet|Journalist|Cricketer|Footballer|Wrestler|Boxer|Athlete|Politician|Designer|Photographer|"
    r"Thalapathy|Late|Co-star|"
    r"[A-Z][\w]*-(?:winning|winner|nominated|nominee|turned-\w+|\w*(?:writer|director|actor|actress|producer|singer|songwriter)))\s+"
)
#: a title before a name that may be a character's or part of a longer title ("Captain
#: Vijayendran", "Former Miss India …", "Inspector Maigret"): the name is not read
_TITLE_BEFORE = re.compile(r"(?:Captain|Inspector|Detective|Sergeant|Officer|Agent|Professor|Chief|Former|Miss|Mister|Champion)\s")
#: a verb after a list's name: the name is the subject of a new clause ("and Y penning the
#: lyrics", "and X is portrayed by")
_CLAUSE_VERB = re.compile(
    r"\s+(?:is|was|are|were|has|had|have|will|would|plays|played|portrays|portrayed|stars|starred|directed|directs|"
    r"wrote|writes|composed|composes|penned|pens|won|wins|received|receives|returns|returned|reprises|reprised|"
    r"joined|joins|[a-z]+ing)\b"
)
#: "of" and a capitalised word after capitalised words: one longer name ("Hollywood Walk of Fame")
_OF_A_NAME = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')


class ProseExtractor:
    name = "prose"
    produces = Prose

    def extract(self, ctx: Context) -> Prose:
        names = _film_names(ctx)
        doc = document(ctx, names)
        reader = _Reader(ctx, doc, names)
        for sentence in doc.sentences:
            if SKIP_SECTIONS.match(sentence.section):
                continue
            reader.read(sentence)
        return reader.part()


def document(ctx: Context, names: list[str] | None = None) -> Document:
    """The page's prose (read once per page); ``names``: the film's (:func:`_film_names`)."""
    if ctx.document is None:
        keep = tuple(names if names is not None else _film_names(ctx))
        ctx.document = plain_document(ctx.page.text, keep) if ctx.page.format == "plaintext" else wikitext_document(ctx.code, keep)
    return ctx.document


def _film_names(ctx: Context) -> list[str]:
    """The names the article calls the film by: the infobox's, and the title's."""
    shown = clean_text(get_param(ctx.infobox, "name")) if ctx.infobox is not None else ""
    return list(dict.fromkeys(n for n in (shown, strip_disambiguator(ctx.page.title)) if n))


class _Reader:
    """Reads one page's sentences in order, remembering whom they named."""

    def __init__(self, ctx: Context, doc: Document, film_names: list[str]) -> None:
        self.ctx = ctx
        self.doc = doc
        self.plain = ctx.page.format == "plaintext"
        self.film_names = film_names
        names = "|".join(re.escape(n) for n in sorted(self.film_names, key=len, reverse=True))
        # the sentence's subject is the film: "Rocky (1976) is …", "It was …", "The film,
        # produced by X, was …", "Directed by X, it is …" (up to two leading phrases)
        self.subject = re.compile(
            rf"(?:[^,;]{{0,100}},\s+){{0,2}}(?:{names}|It|it|The film|the film|The movie|the movie|This film|this film)"
            r"(?:\s*\([^()]*\))?(?:,[^,;]{0,120},)?\s+(?=(?:also\s+|later\s+|then\s+)?(?:is|was|were|has|had|received|got|"
            r"grossed|grossing|earned|took|premiered|opened|stars|starred|co-stars|co-starred|holds|held|won|became|"
            r"features|featured|made|went)\b)"
        )
        self.first = None  # the lead's first sentence (masked), once read
        self.credits: list[Credit] = []
        self.cast: list[CastCredit] = []
        self.based_on: list[BasedOn] = []
        self.releases: list[Release] = []
        self.amounts: list[Amount] = []
        self.ratings: list[Rating] = []
        self.nominations: list[Nomination] = []
        self.genres: list[Genre] = []
        self.origins: list[Origin] = []
        self.years: list[Year] = []
        self.albums: list[AlbumFact] = []
        self.used: dict[int, Sentence] = {}
        #: the sentence before was about another work ("It" in the next one is that work)
        self.after_other_work = False
        #: surname → the person the text named in full (plain text)
        self.surnames: dict[str, Ref | None] = {}

    def part(self) -> Prose:
        return Prose(
            abstract=self.doc.abstract,
            sentences=tuple(self.used[k] for k in sorted(self.used)),
            credits=tuple(self.credits), cast=tuple(self.cast), based_on=tuple(self.based_on),
            releases=tuple(self.releases), amounts=tuple(self.amounts), ratings=tuple(self.ratings),
            nominations=tuple(self.nominations), genres=tuple(self.genres), origins=tuple(self.origins),
            years=tuple(self.years), albums=tuple(self.albums),
        )  # fmt: skip

    # ------------------------------------------------------------------ names

    def name_at(self, s: Sentence, text: str, pos: int) -> tuple[Ref | None, int]:
        """The person named at ``pos`` of the sentence (a link, or capitalised words), and
        where the name ends; ``(None, pos)`` when no name starts there."""
        while pos < len(text) and text[pos] == " ":
            pos += 1
        prefix = _ROLE_PREFIX.match(text, pos) or _DESCRIPTOR.match(text, pos)
        if prefix is not None:
            pos = prefix.end()
        for span in s.links:
            if span.start == pos:
                shown = s.text[span.start : span.end]
                if not _reads_as_linked_name(shown, span.title):
                    return None, pos  # "[[Amnesia|amnesiac]]", "[[Yellowface|Western actors made to look Asian]]"
                role = _ROLE_NOUN.match(text, span.end)
                if role is not None:
                    return self.name_at(s, text, role.end())  # "[[Los Angeles Lakers]] player [[Kareem Abdul-Jabbar]]"
                if _not_a_person(strip_disambiguator(span.title)) or re.match(r"['’]s\b", text[span.end : span.end + 3]):
                    # "directed by [[Warner Bros. Pictures]]": a company's page is no one; "[[Peter
                    # Parker]]'s girlfriend": the possessor is not the one meant
                    return None, pos
                return self.ctx.names.ref_for_link(Link(span.title, span.section, shown)), span.end
        m = _NAME.match(text, pos)
        inner = next((sp for sp in s.links if m is not None and pos < sp.start < m.end()), None)
        if inner is not None and _NAME.fullmatch(text[pos : inner.start].strip()) is None and re.fullmatch(r"(?:[A-Z][\w'’.-]*\s+){1,3}", text[pos : inner.start]):
            # "Newcomer [[Cora Dee]]", "Oscar-winner [[Cora Dee]]": what she is, then the link that names her
            return self.name_at(s, text, inner.start)
        if inner is not None:
            m = None  # capitalised words that run into a link: where the name is, is unclear
        if m:
            # a full stop ends the name unless it is an initial's or a suffix's ("Robert Downey Jr.")
            name = m.group().rstrip(".") if not re.search(r"\b(?:[A-Z]|Jr|Sr)\.$", m.group()) else m.group()
            if re.search(r"['’]s?$", name):
                return None, pos  # "Peter Parker's girlfriend", "James Roberts' son": the possessor is not the one meant
            end = pos + len(name)
            if _OF_A_NAME.match(text, end):
                return None, pos  # "Hollywood Walk of Fame", "University of Chicago": a longer name goes on
            role = _ROLE_NOUN.match(text, end)
            if role is not None:
                return self.name_at(s, text, role.end())  # "Academy Award winner Meryl Streep": Meryl Streep
            if _NAME_GOES_ON.match(text, end) or _capital_goes_on(text, end):
                return None, pos  # "María José de la Fuente", "Youssef Kamal al-Masri", "Helga Björk Ásgeirsdóttir": all or nothing
            modifier = _MODIFIER_THEN_NAME.match(text, end)
            if modifier is not None and modifier.group("word") not in _NAME_FOLLOWERS:
                return None, pos  # "Chennai Super Kings captain X", "Ghost Ridge editor X": the words before are what X is
            if _TITLE_BEFORE.match(name) or re.search(r"\s(?:Champion|Miss)\s", name) or name in self.film_names or any(
                len(name) > len(f) and re.search(rf"\b{re.escape(f)}\b", name) for f in self.film_names
            ):
                # a title ("Captain X", "Former Miss India X"), the film's own name ("It stars
                # Barnaby Bear" in "Barnaby Bear") or another work's built on it ("Magadheera
                # Returns"): no performer
                return None, pos
            if self.plain:
                # no link says what a plain name is: one with a company's, an award's or a
                # place's form, or a country's name, is no one's ("Warner Bros. Pictures")
                ref = None if _not_a_person(name) else Ref(name)
            else:
                ref = None if _not_a_person(name) else self.ctx.names.resolve(name, check="person", context=s.text)
            if ref is not None:
                words = name.split()
                last = words[-2] if words[-1].rstrip(".") in ("Jr", "Sr", "II", "III") else words[-1]
                if self.surnames.get(last, ref) != ref:
                    self.surnames[last] = None  # two people of that surname: neither
                elif last not in self.surnames:
                    self.surnames[last] = ref
            return ref, end
        m = _ONE_WORD.match(text, pos)
        if m:
            word = m.group()
            if not self.plain:
                ref = self.ctx.names.resolve(word)
                if ref is not None and ref.title is not None:
                    return ref, m.end()
            ref = self.surnames.get(word)
            if ref is not None:
                return ref, m.end()
        return None, pos

    def names_at(self, s: Sentence, text: str, pos: int, subject: bool = False) -> tuple[list[Ref], int]:
        """The people named from ``pos``: "X", "X and Y", "X, Y, and Z"; a list of objects
        ends before a name with a verb after it, a ``subject`` list is followed by its verb."""
        out: list[Ref] = []
        end = pos
        while True:
            ref, after = self.name_at(s, text, pos)
            if ref is None or (out and not subject and _CLAUSE_VERB.match(text, after)):
                break  # "… by X and Y penning the lyrics": Y is the subject of a clause of its own
            out.append(ref)
            end = after
            sep = _LIST_SEP.match(text, after)
            if not sep:
                break
            pos = sep.end()
        return out, end

    def about_film(self, text: str, pos: int) -> bool:
        """Whether the phrase at ``pos`` is said of the film: the sentence's subject is the
        film, and no other work, nor a relative clause, comes between the two."""
        m = self.subject.match(text)
        if m is None and self.first is not None and text == self.first:
            m = _DEFINITION.match(text)  # the lead's first sentence is about the article's subject
        if m is not None and text is not self.first:
            year = re.search(r"\((\d{4})\)", m.group())
            if year and self.years and int(year.group(1)) != self.years[0].date.year:
                return False  # "Ghost Ridge (2016) was directed by …" in the 2007 film's article
            if self.after_other_work and re.match(r"It\b", text):
                return False  # "''[[Day Harbour]]'' was a failure. It was directed by …"
        if m is None or m.end() > pos:
            return False
        between = text[m.end() : pos]
        if text is self.first:
            # the definition itself ("is a 1947 American animated short film with music by …")
            between = re.sub(r"^\s*(?:is|was)\s+(?:an?|the)\s+[^,;]*?\b(?:film|movie|picture)s?\b", "", between)
        return not _ANOTHER_FILM.search(between)

    def for_the_film(self, phrase: str) -> bool:
        """Whether "for <phrase>" after an award says it is for this film ("for the film", "for
        her performance", "for Night Harbour")."""
        phrase = phrase.strip().rstrip(".")
        if re.search(r"\b(?:this|the) (?:film|movie)\b(?!['’])", phrase) or any(re.search(rf"\b{re.escape(name)}\b(?!['’])", phrase) for name in self.film_names):
            return True  # "for her work in both this film and Lara Croft: Tomb Raider" (one nomination for both)
        return bool(re.fullmatch(
            r"(?:(?:the|this) (?:film|movie|role)|(?:his|her|their|its) (?:performance|role|portrayal|work|direction|"
            r"screenplay|score|cinematography|editing)(?: (?:in|on) (?:the|this) (?:film|movie))?)", phrase))

    def is_film(self, phrase: str) -> bool:
        phrase = phrase.strip()
        return phrase in self.film_names or bool(re.fullmatch(r"(?:The|This) (?:film|movie)|It", phrase))

    def use(self, s: Sentence) -> str:
        self.used[s.index] = s
        return f"sentence:{s.index}"

    # ------------------------------------------------------------------ sentences

    def read(self, s: Sentence) -> None:
        text = _QUOTED.sub(lambda m: '"' + "_" * (len(m.group()) - 2) + '"', s.text)
        if s.index == 1 and not s.section:
            self.first = text
        if s.index == 1:
            self.read_lead(s, text)
        try:
            self.read_facts(s, text)
        finally:
            self.after_other_work = self.about_other_work(s, text)

    def about_other_work(self, s: Sentence, text: str) -> bool:
        """Whether the sentence's subject is another work than the film: "Bee's previous film,
        ''[[Day Harbour]]'', was …", "''[[The Salt Road]]'' was published in 1978", "Crane's
        novel was first adapted …"."""
        if self.subject.match(text) or (self.first is not None and text == self.first):
            return False
        verb = re.search(r"\s(?:is|was|were|are|has|had)\s", text[:160])
        if verb is None:
            return False
        subject = text[: verb.start()]
        if re.search(r"\b(?:novel|book|play|series|version|remake|sequel|prequel|adaptation|album|musical|opera|comic|"
                     r"manga|show|episode)s?\b", subject):
            return True
        if re.search(r"(?:['’]s|\b(?:his|her|their|its|another|previous|next|first|earlier|original|other|later|\d{4}))"
                     r"\s+(?:[a-z]+\s+)?(?:film|movie|documentary|feature)s?\b", subject):
            return True  # "Bee's previous film, ''[[Day Harbour]]'', was …" (not "Some of the film was …")
        return any(sp.start == 0 and sp.title not in self.film_names for sp in s.links) and not re.search(r"\s(?:and|or)\s", subject)

    def read_facts(self, s: Sentence, text: str) -> None:
        if re.search(r"\brespectively\s*(?:[.,;)]|$)", text):
            # "A and B won the X and the Y, respectively": which goes with which is a pairing the
            # readers below do not make
            self.ctx.warn(f"prose: sentence {s.index}", f'a sentence that pairs its lists ("respectively") is not read: "{s.text}"')
            return
        # each kind of sentence is looked for only where its words are (most sentences have none)
        if " by " in text or "By " in text:
            self.read_credits(s, text)
        if "based on" in text:
            self.read_based_on(s, text)
        if "star" in text or " by " in text or "cast as" in text or "cast in" in text:
            self.read_cast(s, text)
        if "release" in text or "premiered" in text or "opened" in text:
            self.read_releases(s, text)
        if _CURRENCY.search(text):
            self.read_money(s, text)
        if "Rotten Tomatoes" in text or "Metacritic" in text:
            self.read_ratings(s, text)
        if _AWARD_WORD.search(text):
            self.read_awards(s, text)
        if ("soundtrack" in text or "Soundtrack" in text) and _SOUNDTRACK_SECTION.match(s.section):
            self.read_album(s, text)

    def read_album(self, s: Sentence, text: str) -> None:
        """The soundtrack album's release date and performers, from a sentence of the
        soundtrack section whose subject is the album; a clause that is hedged or negated
        ("… is not included") adds nothing."""
        m = _ALBUM_SUBJECT.match(text)
        if m is None:
            return
        released = None
        r = _ALBUM_RELEASED.search(text, m.end())
        if r is not None and not self.hedged(text, r.start()):
            released = parse_date(r.group("date"))
        performers: list[Ref] = []
        for p in _ALBUM_PERFORMED.finditer(text, m.end()):
            if self.hedged(text, p.start()):
                continue
            names, _ = self.names_at(s, text, p.end())
            performers.extend(n for n in names if n not in performers)
        if released is not None or performers:
            self.albums.append(AlbumFact(released=released, performers=tuple(performers), source=self.use(s)))

    def clause_of(self, text: str, pos: int) -> str:
        """The clause around ``pos``: from the last ", " / "; " / " while " before it to the
        next after it."""
        start = max(text.rfind("; ", 0, pos), text.rfind(", while ", 0, pos), text.rfind(" but ", 0, pos))
        ends = [i for i in (text.find("; ", pos), text.find(", while ", pos), text.find(" but ", pos)) if i >= 0]
        return text[start + 1 if start >= 0 else 0 : min(ends) if ends else len(text)]

    def hedged(self, text: str, pos: int) -> bool:
        return bool(HEDGE.search(self.clause_of(text, pos)))

    def read_lead(self, s: Sentence, text: str) -> None:
        """The year, the nationality and (in plain text; in wikitext the film extractor reads
        them from the links) the genres of the first sentence ("… is a 1995 American drama film")."""
        if s.index != 1:
            return
        m = re.search(r"\b(?:is|was)\s+(?:a|an)\s+(.*?)\b(?:film|movie|picture)s?\b", text)
        if not m:
            return
        # what the film is, not what it is about ("a 2009 American documentary about the 1980s
        # slasher film craze", "… about the Japanese film industry")
        described = re.split(r"\b(?:about|of|on|concerning|that|which|who|based|set|starring|featuring|directed|written|produced)\b", m.group(1))[0]
        self.read_origin(s, described)
        if not self.plain:
            return
        words = re.sub(r"\b\d{4}\b|\b\d+-chapter\b", " ", described).lower().split()
        found: list[str] = []
        i = 0
        while i < len(words):
            for n in (3, 2, 1):
                phrase = " ".join(words[i : i + n])
                if n <= len(words) - i and phrase in GENRE_WORDS and phrase not in NATIONALITIES:
                    found.append(phrase)
                    i += n
                    break
            else:
                i += 1
        for genre in dict.fromkeys(found):
            self.genres.append(Genre(genre, self.use(s)))

    def read_origin(self, s: Sentence, description: str) -> None:
        """"a 1995 American", "a 1950 Venezuelan-Argentine", "a 2017 Indian Hindi-language":
        the year, then the nationalities right after it (up to the first other word)."""
        m = re.match(r"(?:(?:epic|classic|silent|independent)\s+)?(?P<year>(?:18|19|20)\d\d)\s+(?P<rest>.*)$", description)
        if not m:
            return
        year = parse_date(m.group("year"))
        if year is not None:
            self.years.append(Year(year, self.use(s)))
        words = m.group("rest").split()
        # the first word only (a second is most often a language: "Indian English", "French
        # Canadian", "Swiss German"), or a two-word name ("Hong Kong")
        for word in words[:1]:
            found = []
            for part in word.split("-"):
                title = DEMONYMS.get(part.lower())
                if title is None:
                    break
                found.append(title)
            else:
                for title in found:
                    self.origins.append(Origin(Ref(title, title), self.use(s)))
                continue
            pair = " ".join(words[:2]).lower()
            if word is words[0] and pair in DEMONYMS:
                self.origins.append(Origin(Ref(DEMONYMS[pair], DEMONYMS[pair]), self.use(s)))
            break

    def read_credits(self, s: Sentence, text: str) -> None:
        if UNDONE.search(text):
            return
        for m in _CREDIT.finditer(text):
            if not self.about_film(text, m.start()) or _OTHER_WORK.search(" ".join(text[: m.start()].split()[-2:])):
                if not (m.start() == 0 and self.about_film(text, len(text))):  # "Directed by X, it is …"
                    continue
            if _credit_of_another_work(text[: m.start()]):
                continue
            if re.search(r"\b(?:classical|existing|pre-existing|traditional|licensed|additional|source|folk|popular|"
                         r"baroque|archival|stock|library|incidental)\s+$", text[: m.start()]):
                continue  # "features classical music by Bach": music it uses, not its score
            if self.hedged(text, m.start()):
                continue
            refs, _ = self.names_at(s, text, m.end())
            roles = _credit_roles(m.group("what"))
            for ref in refs:
                if "music" in roles and reads_as_group(ref):
                    continue  # a band's credit is read from the infobox, where its kind is settled
                for role in roles:
                    self.credits.append(Credit(role, ref, self.use(s)))
        part = _PART_CREDIT.match(text)
        if part is not None and not self.hedged(text, part.start()):
            # "The music was composed by X", "Cinematography was handled by Y": a part of the
            # film as the subject
            kind = part.group("part").lower()
            role = "cinematographer" if "cinematograph" in kind else "editor" if "edit" in kind else "music"
            refs, _ = self.names_at(s, text, part.end())
            for ref in refs:
                if role == "music" and reads_as_group(ref):
                    continue
                self.credits.append(Credit(role, ref, self.use(s)))
        m = re.search(r"\bwritten by and starring\s+", text)
        if m and self.about_film(text, m.start()) and not self.hedged(text, m.start()):
            refs, _ = self.names_at(s, text, m.end())
            for ref in refs:
                self.credits.append(Credit("screenwriter", ref, self.use(s)))
                self.add_cast(ref, None, s)

    def read_based_on(self, s: Sentence, text: str) -> None:
        for m in _BASED.finditer(text):
            if self.hedged(text, m.start()) or not self.about_film(text, m.start()):
                continue
            rest = m.group("rest")
            by = re.match(r"((?:\s+of the same name|\s+[A-Z][^,;()]*?)?)\s+(?:(?:co-)?(?:written|created)\s+)?by\s+", rest)
            middle = by.group(1).strip() if by else ""
            if by:
                authors, _ = self.names_at(s, text, m.start("rest") + by.end())
            else:  # "the 1941 James Hilton novel of the same name": the author before the kind
                pre = m.group("pre").strip()
                named = _NAME.fullmatch(pre) if pre and not re.search(r"['’]s?$|-\w+$", pre) and not _not_a_person(pre) else None
                authors = [Ref(pre) if self.plain else self.ctx.names.resolve(pre, check="person") or Ref(pre)] if named else []
                same = re.match(r"\s+of the same name\b", rest)
                middle = "of the same name" if same else ""
                if not same:
                    continue
            if not authors:
                continue
            work = None
            offset = m.start("rest") + (len(rest) - len(rest.lstrip()))
            if middle == "of the same name" or middle.startswith("of the same name"):
                span = s.link_at(offset, offset + len("of the same name"))
                if span is not None:
                    work = self.ctx.names.ref_for_link(Link(span.title, span.section, self.film_names[0]))
                else:
                    work = Ref(self.film_names[0])
            elif middle:
                span = next((sp for sp in s.links if sp.start == offset), None)
                if span is not None and s.text[span.start : span.end] == middle:
                    work = self.ctx.names.ref_for_link(Link(span.title, span.section, middle))
                elif re.fullmatch(r"[A-Z][\w'’:,.!?-]*(?:\s+[\w'’:,.!?-]+){0,8}", middle) and not middle.endswith(","):
                    work = Ref(middle) if self.plain else self.ctx.names.linked(middle)
            if work is None:
                continue  # "based on the 1990 novel by X": the work has no name here
            self.based_on.append(BasedOn(work, tuple(authors), self.use(s)))
        for m in _BASED_POSSESSIVE.finditer(text):
            if self.hedged(text, m.start()) or not self.about_film(text, m.start()):
                continue
            author = None if m.group("the") else self.author_at(s, m.start("author"), m.end("author"))
            title, start = m.group("title"), m.start("title")
            if author is None:
                continue
            span = next((sp for sp in s.links if sp.start == start), None)
            if title == "of the same name":
                work = Ref(self.film_names[0])
            elif span is not None and re.match(r"\s*(?:[,;()]|\.?$|(?:which|that|about|published|written|set|but|while|by|and)\s)", s.text[span.end :]):
                # "… novella ''[[Rita Hayworth and Shawshank Redemption]]''" (and not "''[[Day Harbour]] Returns''")
                work = self.ctx.names.ref_for_link(Link(span.title, span.section, s.text[span.start : span.end]))
            elif _TITLE_WORDS.fullmatch(title) and len(title.split()) <= 9 and not s.links_in(start, m.end("title")):
                work = Ref(title) if self.plain else self.ctx.names.linked(title)
            else:
                continue  # where the work's name ends is unclear ("… novel Y about a nurse")
            self.based_on.append(BasedOn(work, (author,), self.use(s)))

    def author_at(self, s: Sentence, start: int, end: int) -> Ref | None:
        """The author named exactly by ``s.text[start:end]``: a link to a person's page, or a
        person's name in plain words."""
        name = s.text[start:end]
        span = s.link_at(start, end)
        if span is not None:
            if _not_a_person(strip_disambiguator(span.title)) or not _reads_as_linked_name(name, span.title):
                return None
            return self.ctx.names.ref_for_link(Link(span.title, span.section, name))
        if not _NAME.fullmatch(name) or _not_a_person(name) or s.links_in(start, end):
            return None
        return Ref(name) if self.plain else self.ctx.names.resolve(name, check="person") or Ref(name)

    def character_at(self, text: str, pos: int) -> tuple[str | None, int]:
        """A character's name at ``pos`` ("Rocky Balboa", "the Joker", "Bruce Wayne/Batman"),
        and where it ends; none for a description ("a reporter", "Adrian's brother")."""
        m = _CHARACTER.match(text, pos)
        if not m:
            return None, pos
        name = m.group().rstrip(".")
        end = pos + len(name)
        if re.match(r"['’]s?\b|['’](?=\s)", text[end:]) or name.endswith(("'s", "’s", "'", "’")):
            return None, pos  # a possessive: a description of someone
        modifier = _MODIFIER_THEN_NAME.match(text, end)
        if modifier is not None and modifier.group("word") not in _NAME_FOLLOWERS:
            return None, pos  # "as CIA operative Mark Stone": what the character is, then who
        return name, end

    def add_cast(self, actor: Ref, character: str | None, s: Sentence) -> None:
        if any(c.actor == actor and c.character == character for c in self.cast):
            return
        self.cast.append(CastCredit(position=len(self.cast) + 1, actor=actor, character=character, source=self.use(s)))

    def read_cast(self, s: Sentence, text: str) -> None:
        if UNDONE.search(text):
            return
        for m in _STARS.finditer(text):
            if not self.about_film(text, m.start()) or self.hedged(text, m.start()):
                continue
            pos = m.end()
            paired = False  # the name before was joined to this one by "and", with no character
            dual = False  # … and after a character, by "and" alone ("X as Sherman and …")
            first = True
            while True:
                actor, after = self.name_at(s, text, pos)
                if actor is None or (not first and _CLAUSE_VERB.match(text, after)):
                    break  # "…, and Martin Luther King Jr. is portrayed by …": a clause of its own
                first = False
                character = None
                as_ = re.match(r"\s+as\s+", text[after:])
                if dual and not as_ and actor.title is None:
                    # "X as Sherman Klump and Buddy Love": a second character or another
                    # performer; an unlinked name does not say which
                    self.ctx.warn(f"prose: sentence {s.index}", f'"{text[pos:after]}" after a character and "and" may be a second character or a performer; skipped in "{s.text}"')
                    break
                if as_ and paired:
                    # "X and Y as Ennis Del Mar and Jack Twist": whose character is whose, and
                    # where the characters end, the words do not say
                    self.add_cast(actor, None, s)
                    self.ctx.warn(f"prose: sentence {s.index}", f'the characters after "{text[pos:after + as_.end()].strip()}" are not read: the performers before it are joined by "and", and which is whose is not stated in "{s.text}"')
                    break
                if as_:
                    character, end = self.character_at(text, after + as_.end())
                    if character is None:
                        self.add_cast(actor, None, s)
                        break  # "X as a reporter, …": where the description ends is unclear
                    after = end
                self.add_cast(actor, character, s)
                sep = _LIST_SEP.match(text, after)
                if not sep:
                    break
                paired = character is None and bool(re.search(r"\band\b|&", sep.group()))
                dual = character is not None and sep.group().strip() in ("and", "&")
                pos = sep.end()
        for m in _STARS_AS.finditer(text):
            before = text[: m.start()]
            actors, end = self.names_at(s, text, 0, subject=True) if before.strip() else ([], 0)
            if len(actors) != 1 or text[end : m.start()].strip() not in ("", "also"):
                continue
            character, char_end = self.character_at(text, m.end())
            in_ = re.match(r"\s+in\s+", text[char_end:])
            in_link = in_ is not None and any(sp.start == char_end + in_.end() for sp in s.links)
            if self.hedged(text, m.start()) or _IN_ANOTHER_WORK.search(self.clause_of(text, m.start())) or in_link:
                continue  # "X stars as Tom in the sequel", "X also stars as Jane in ''[[Y]]''"
            self.add_cast(actors[0], character, s)
        for m in list(_PLAYED_BY.finditer(text)) + list(_CAST_AS.finditer(text)):
            clause = self.clause_of(text, m.start())
            if self.hedged(text, m.start()) or _ANOTHER_FILM.search(clause) or _IN_ANOTHER_WORK.search(clause):
                continue  # "In the 1962 film, Jane was played by X", "… in the stage musical"
            if m.re is _PLAYED_BY and _MUSIC_PLAYED.search(text[: m.start()]):
                continue  # "The piano pieces heard in the film were played by X": music, not a part
            if m.re is _PLAYED_BY:
                actor, _ = self.name_at(s, text, m.end())
                if actor is not None:
                    self.add_cast(actor, None, s)
            else:
                actors, end = self.names_at(s, text, 0, subject=True)
                if len(actors) == 1 and text[end : m.start()].strip() == "":
                    self.add_cast(actors[0], self.character_at(text, m.end())[0], s)

    def read_releases(self, s: Sentence, text: str) -> None:
        if re.match(r"(?:home media|soundtrack|music|home video)$", s.section, re.I):
            return
        for m in _RELEASE.finditer(text):
            clause = self.clause_of(text, m.start())
            if _RELEASE_OTHER.search(clause) or self.hedged(text, m.start()):
                continue
            if not self.about_film(text, m.start()) and not re.match(r"After (?:a |its )?(?:limited|wide) release\b", text[m.start() - 6 : m.start() + 30].strip().capitalize()):
                if not (m.start() <= 6 and self.about_film(text, len(text))):
                    continue
            subject = self.subject.match(text)
            if subject is not None and re.search(r"\b(?:after|before|than|while|whereas|when|unlike|since|following)\b", text[subject.end() : m.start()]):
                continue  # "… was released two weeks after ''[[Y]]'' was released on …": Y's date
            kind_word = m.group("kind") or m.group("kind2") or m.group("kind3")
            date = parse_date(m.group("date") or m.group("date2") or m.group("date3") or m.group("date4"))
            if date is None:
                continue
            place = m.group("place") or m.group("place2")
            country = None
            if place:
                title = country_title(re.sub(r"^the ", "", place))
                if title is None:
                    continue  # a city or a region: not read from prose
                country = Ref(place.removeprefix("the ").removeprefix("The "), title)
            festival = None
            if m.group("festival"):
                name = m.group("festival")
                span = s.link_at(m.start("festival"), m.end("festival"))
                festival = self.ctx.names.ref_for_link(Link(span.title, span.section, name)) if span else Ref(name)
            kind = _KINDS.get((kind_word or "").lower())
            if festival is not None:
                kind = "Premiere"
            self.releases.append(Release(date=date, kind=kind, source=self.use(s), country=country, festival=festival))

    def read_money(self, s: Sentence, text: str) -> None:
        for m in _GROSS.finditer(text):
            clause = self.clause_of(text, m.start())
            if self.hedged(text, m.start()) or _MONEY_OTHER.search(clause) or not self.about_film(text, m.start()):
                continue
            before = text[max(0, m.start() - 12) : m.start()]
            if re.search(r"\b(?:over|more than|about|approximately|around|nearly|almost|under|less than|an estimated|estimated|some)\s*$", before):
                continue
            if not _WORLDWIDE.match(m.group("rest")) or re.match(
                r"\s*(?:in|at|from|during|over|across|throughout|through|by|less|more|fewer|than|to|–|-|domestically|"
                r"overseas|internationally)\b|\s*(?:to|-|–)\s*[$£€¥₹\d]", m.group("rest")
            ):
                continue  # "… across North America", "… over the holiday", "$4 to $5 million", "… less than its predecessor"
            if self.ambiguous_yen(m.group("money")):
                continue
            money = parse_money(m.group("money"))
            if money is not None and money.value is not None:
                self.amounts.append(Amount("gross", money, self.use(s)))
        for m in _BUDGET.finditer(text):
            if self.hedged(text, m.start()) or re.search(r"\b(?:estimated|approximately|about|around|over|under)\s*$", text[: m.start("money")]):
                continue
            if not self.about_film(text, m.start()) and not re.match(rf"(?:Production of|Filming of|Shooting of) (?:{'|'.join(map(re.escape, self.film_names))})\b", text):
                continue
            if self.ambiguous_yen(m.group("money")):
                continue
            money = parse_money(m.group("money"))
            if money is not None and money.value is not None:
                self.amounts.append(Amount("budget", money, self.use(s)))

    def ambiguous_yen(self, money: str) -> bool:
        """A bare "¥" is yen or yuan: read only when the lead says the film is Japanese."""
        return bool(re.match(r"¥", money)) and not any(o.country.title == "Japan" for o in self.origins)

    def read_ratings(self, s: Sentence, text: str) -> None:
        if _OTHER_SCORED.search(text):
            return  # a score of something else than the film as released
        if re.search(r"\b(?:audiences?|users?|top critics|viewers|fans)\b|\b(?:while|whereas|unlike|compared|than)\b", text, re.I):
            return  # an audience's or top critics' score, or one set against another work's
        if "Rotten Tomatoes" in text and "Metacritic" in text:
            self.ctx.warn(f"prose: sentence {s.index}", f'a sentence that gives both aggregators\' scores is not read (which figure is whose): "{s.text}"')
            return
        reviews_m = _REVIEWS.search(text)
        reviews = _int(reviews_m.group("n") or reviews_m.group("m")) if reviews_m else None
        if "Rotten Tomatoes" in text:
            aggregator = self.aggregator(s, "Rotten Tomatoes")
            m = _APPROVAL.search(text)
            if m:
                value = int(m.group("a") or m.group("b") or m.group("c"))
                if value <= 100:
                    self.ratings.append(Rating(aggregator, "approval", Decimal(value), 100, reviews, self.use(s)))
            m = _AVERAGE.search(text)
            if m:
                value = _decimal(m.group("v"))
                if value is not None and value <= 10:
                    self.ratings.append(Rating(aggregator, "average", value, 10, reviews, self.use(s)))
        if "Metacritic" in text:
            m = _METASCORE.search(text)
            if m:
                value = int(m.group("v") or m.group("w"))
                if value <= 100:
                    self.ratings.append(Rating(self.aggregator(s, "Metacritic"), "metascore", Decimal(value), 100, reviews, self.use(s)))

    def aggregator(self, s: Sentence, name: str) -> Ref:
        at = s.text.find(name)
        span = s.link_at(at, at + len(name))
        if span is not None:
            return self.ctx.names.ref_for_link(Link(span.title, span.section, name))
        return Ref(name) if self.plain else self.ctx.names.linked(name)

    def read_awards(self, s: Sentence, text: str) -> None:
        said_of: tuple[bool, list[Ref]] | None = None  # the clause before's subject: the film, or its nominees
        for clause_start, clause in _clauses(text):
            continued = said_of is not None and re.match(r"(?:was|were|also|won|received|earned)\b", clause)
            if continued:
                # "The film won the X and was nominated for the Y": the clause before's subject
                clause, clause_start = " " + clause, clause_start - 1
            for verb, result in ((_WON, "won"), (_NOMINATED, "nominated")):
                m = verb.search(clause)
                if not m:
                    continue
                subject = clause[: m.start()].strip()
                if HEDGE.search(clause):
                    break
                if continued and not subject:
                    nominees: list[Ref] = list(said_of[1])
                elif self.is_film(subject):
                    nominees = []
                else:
                    nominees, end = self.names_at(s, text, clause_start, subject=True)
                    if not nominees or text[end : clause_start + m.start()].strip():
                        break
                if nominees == [] and not (continued and not subject) and not self.about_film(clause, m.start() + 1):
                    break
                said_of = (not nominees, nominees)
                if _GENERIC_AWARDS.match(clause, m.end()):
                    break  # a count or a list of examples: which award is which is not stated
                role_in = _FOR_ROLE_IN.search(clause, m.end())
                if role_in and not any(name in role_in.group("work") for name in self.film_names) and not re.search(
                    r"\b(?:the|this) (?:film|movie)\b", role_in.group("work")
                ):
                    break  # "… for his role in Z": an award for another film
                ceremony_m = _CEREMONY_TAIL.search(clause, m.end())
                ceremony = None
                if ceremony_m:
                    at = clause_start + ceremony_m.start("ceremony")
                    span = s.link_at(at, clause_start + ceremony_m.end("ceremony"))
                    name = ceremony_m.group("ceremony")
                    ceremony = self.ctx.names.ref_for_link(Link(span.title, span.section, name)) if span else (
                        Ref(name) if self.plain else self.ctx.names.linked(name))
                spans = tuple((sp.start - clause_start, sp.end - clause_start) for sp in s.links)
                pieces = _award_pieces(clause, m.end(), spans)
                if result == "nominated" and _WHICH_WON.search(clause, m.end()):
                    # "nominated for the X, which it won": a nomination that was won
                    if len(pieces) != 1:
                        self.ctx.warn(f"prose: sentence {s.index}", f'which of the awards was won is not clear; skipped "{s.text}"')
                        break
                    result = "won"
                for start, end in pieces:
                    # "received an [[Academy Award for Best Actress|Academy Award nomination for
                    # Best Actress]]": what was received is the nomination
                    piece_result = "nominated" if re.search(r"\bnominat", clause[start:end], re.I) else result
                    year = re.match(r"(?:18|19|20)\d\d\s+", clause[start:end])
                    date = parse_date(year.group().strip()) if year else None
                    start += year.end() if year else 0
                    head = next((sp for sp in s.links if sp.start == clause_start + start and sp.section is None
                                 and _AWARD.search(sp.title) and not re.search(r"Awards$|Prizes$", sp.title)
                                 and clause_start + start < sp.end < clause_start + end), None)
                    if head is not None and re.match(r"\s+for\s+(?:Best|Outstanding|Most|Worst)\b", text[head.end :]):
                        head = None  # "[[Directors Guild of America Award]] for Outstanding Directing": one name
                    if head is not None:
                        # "[[BAFTA Award for Best Actress]] the same year for ''[[Y]]''": the link is
                        # the award; what follows it says for what
                        after_link = text[head.end : clause_start + end]
                        for_what = re.search(r"\bfor\s+(?P<what>.+)$", after_link)
                        if (for_what and nominees and not self.for_the_film(for_what.group("what"))) or re.search(
                            r"\b(?:same year|ex aequo|shared with|jointly|tied with)\b", after_link
                        ):
                            self.ctx.warn(f"prose: sentence {s.index}", f'"{clause[start:end]}": for what, if for the film, the sentence does not say; skipped in "{s.text}"')
                            continue
                        if re.match(r"\s+nominations?\b", after_link):
                            piece_result = "nominated"  # "received a [[Golden Raspberry Award for Worst Actor]] nomination"
                        if for_what is None or self.for_the_film(for_what.group("what")):
                            end = head.end - clause_start  # else "… for [[Karl Freund]]": the person, read below
                    who = _FOR_PERSON.search(clause[start:end])
                    winners = nominees
                    if who is not None:
                        person, _ = self.names_at(s, text, clause_start + start + who.start("who"))
                        recipient = clause[start + who.start("who") : end]
                        if len(person) == 1:
                            if not nominees:
                                winners = person
                            end = start + who.start("for")
                        elif country_title(recipient) is not None or _RECIPIENT_BODY.search(recipient):
                            end = start + who.start("for")  # "… for Puerto Rico", "… for Children's Film Society India"
                        # else "… for Best Score Soundtrack for Visual Media": the category goes on
                    award = self.award_ref(s, text, clause_start + start, clause_start + end)
                    if award is None:
                        if _AWARDISH.search(clause[start:end]):
                            self.ctx.warn(f"prose: sentence {s.index}", f'"{clause[start:end]}" names no award this kg can tell (no awarding body, or a count); skipped in "{s.text}"')
                        continue
                    self.nominations.append(Nomination(
                        position=len(self.nominations) + 1, organisation=None, category=award,
                        nominees=tuple(winners), result=piece_result, ceremony=ceremony, date=date, source=self.use(s),
                    ))  # fmt: skip
                break

    def award_ref(self, s: Sentence, text: str, start: int, end: int) -> Ref | None:
        piece = text[start:end]
        span = s.link_at(start, end)
        if span is not None and re.search(r"(?:Awards|Prizes)$", span.title) and " for " not in piece:
            return None  # "won an [[Academy Awards|Academy Award]]": which one, the sentence does not say
        if _GENERIC_AWARD.fullmatch(piece):
            return None  # "the Grand Prize", "Best Actor Award", "the Lifetime Achievement Award": whose, or not the film's
        if span is not None and (_AWARD.fullmatch(piece) or (_AWARD.search(span.title) and span.section is None)):
            # "[[Academy Award for Best Director|Best Director]]": the link names the award (and
            # "[[…|Academy Award nomination for Best Actress]]" is not the award's name)
            shown = span.title if re.search(r"\bnominat", piece, re.I) else piece
            return self.ctx.names.ref_for_link(Link(span.title, span.section, shown))
        last = next((sp for sp in s.links if sp.end == end and sp.start > start), None)
        if last is not None and _AWARD.search(last.title) and last.section is None and _AWARD_FOR.fullmatch(text[start : last.start]):
            # "[[Academy Awards|Academy Award]] for [[Academy Award for Original Music Score|Best
            # Music, Scoring of a Dramatic Picture]]": the category's link names the award
            return self.ctx.names.ref_for_link(Link(last.title, None, piece))
        if not _AWARD.fullmatch(piece) or not re.search(r"Award|Prize|Oscar|Palme|Golden", piece):
            return None
        if re.fullmatch(r"(?:an?|the)?\s*(?:Award|Awards|Prize)", piece):
            return None
        if " for " not in piece and len(re.findall(r"\b[A-Z][\w'’.&-]*", piece.split(" Award")[0])) < 2:
            return None  # "the Critics' Award": whose, the sentence does not say
        return Ref(piece) if self.plain else self.ctx.names.linked(piece)


#: a capitalised function word, which a title-case phrase has and a person's name never
#: does after its first word ("Ann Bee In The Role Of A Lifetime")
_TITLE_CASE_WORD = re.compile(r"\s(?:In|The|Of|And|A|An|On|At|For|With|To|From|By|As|Or)(?=\s)")


#: a part of the film as a sentence's subject, then who made it: "The music was composed by X",
#: "The film's score was written by X", "Music for the film was composed by X", "The songs and
#: background score were composed by X", "Cinematography was handled by X", "The editing was
#: done by X"
_PART_CREDIT = re.compile(
    r"(?:(?:The|Its|The film's)\s+)?(?:(?:original|background|film)\s+)?"
    r"(?P<part>[Mm]usic|[Ss]core|[Ss]ongs|[Ss]oundtrack|[Mm]usic and (?:the )?(?:background )?score|"
    r"[Ss]ongs and (?:the )?(?:background )?score|[Cc]inematography|[Ee]diting|[Ff]ilm editing)"
    r"(?:\s+(?:for|of)\s+the\s+film)?\s+(?:was|were)\s+(?:(?:composed|written|scored|created|done|handled|provided|performed)\s+)?by\s+"
)
#: a work, or a part of the film, that a credit right after it (with no comma between) is of:
#: "the 1978 novel The Salt Road written by", "the battle scenes directed by", "its trailer was
#: edited by"
_WORK_NOUN = re.compile(
    rf"\b(?:{_WORK_WORDS}|tracks?|themes?|teasers?|scenes|sequences?|footage|segments?|comic books?|graphic novels?|"
    r"miniseries|musicals|stage musical|retelling|parody|homage|tribute|reboot|franchise|unit)\b"
)
#: a work named before a credit, whatever the punctuation between: "an homage to X, directed by",
#: "the song "X", written by", "the 1962 thriller X directed by"
_WORK_BEFORE = re.compile(
    r"\b(?:homage|tribute|parody|spoof|retelling|reimagining|reboot|continuation)\s+(?:to|of)\b|"
    r"\b(?:songs?|tracks?|singles?|themes?|numbers?)\s+\"|\bthe\s+\d{4}\s+[a-z]"
)


def _credit_of_another_work(before: str) -> bool:
    """Whether a credit after ``before`` (the sentence up to it) is of another work or a part:
    a work noun since the last comma ("the 1978 novel *Y* written by"), unless the credit is
    joined by "and" to a "based on …" phrase ("based on the novel by A and directed by B"),
    or a work named before it at all ("It is an homage to *Y*, directed by")."""
    if _WORK_BEFORE.search(before):
        return True
    since = re.split(r"[,;(]", before)[-1]
    if re.search(r"\band\s*$", since) and "based on" in since:
        return False
    return bool(_WORK_NOUN.search(since))


def _not_a_person(name: str) -> bool:
    """Whether an unlinked name has the form of a company's, an award's or a place's, is a
    country's ("Warner Bros. Pictures", "Academy Award", "New York City", "France"), or has
    a capitalised function word after its first ("Ann Bee In The Role")."""
    return (looks_like_company(name) or award_title(name) or reads_as_place(name) or country_title(name) is not None
            or bool(_TITLE_CASE_WORD.search(name)))


def _reads_as_linked_name(shown: str, title: str) -> bool:
    """Whether a link's text in a sentence names the person it links: the page's name
    ("[[Tabu (actress)|Tabu]]"), a word of it ("[[Nicolas Cage|Cage]]"), or two to five
    capitalised words that read as a name."""
    page = strip_disambiguator(title)
    if shown == page or spells_title(shown, title) or (" " not in shown and shown in page.split()):
        return True
    return bool(_NAME_LIKE.fullmatch(shown)) and len(shown.split()) <= 5 and name_problem(shown) is None


def _clauses(text: str) -> Iterator[tuple[int, str]]:
    """The clauses of an awards sentence: split at "while", ";", "whereas" and at "and"
    before a new subject's verb ("… Picture and Walter Huston was nominated for …") — only
    where the clause so far has a verb of its own ("Anton Furst and Peter Young won …" is one)."""
    pos = 0
    for m in _CLAUSES.finditer(text):
        if m.group().strip(", ") == "and" and not _AWARD_VERB.search(text, pos, m.start()):
            continue
        yield pos, text[pos : m.start()]
        pos = m.end()
    yield pos, text[pos:].rstrip(".")


def _award_pieces(clause: str, start: int, links: tuple[tuple[int, int], ...] = ()) -> list[tuple[int, int]]:
    """(start, end) in the clause of each award named from ``start``: "the A and the B",
    "A, B and C" (each piece then checked to be an award's name); never split inside a
    link (``links``: its spans in the clause), whose text is one award's name ("[[Academy
    Award for Best Original Score|Academy Award for Best Music, Scoring of a Dramatic Picture]]")."""
    rest = clause[start:]
    tail = _AWARD_TAIL.search(rest)
    if tail and not any(a < start + tail.start() < b for a, b in links):
        rest = rest[: tail.start()]
    out = []
    pos = 0
    # "the A and the B", "A, B and C"; not "… for Best Makeup and Hairstyling" (no award's word after "and")
    for m in re.finditer(r",\s+(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?(?=[A-Z0-9])(?=[^,;]*?\b(?:Awards?|Prize|Oscar|Palme|Golden|Best|Outstanding|Most|Worst)\b)", rest):
        if any(a < start + m.start() < b for a, b in links):
            continue
        out.append((start + pos, start + m.start()))
        pos = m.end()
    out.append((start + pos, start + len(rest.rstrip(" .,"))))
    return [(a, b) for a, b in out if b > a]


def _int(text: str | None) -> int | None:
    return int(text.replace(",", "")) if text else None


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


EXTRACTOR = ProseExtractor()
