"""Value parsers: plain text from an infobox field → a typed value, or nothing.

This is kg's counterpart of DBpedia's *dataparser* package. Every parser takes a
string that callers have already reduced to plain text (templates expanded or
dropped, ``<ref>``s and markup removed), and returns a typed value, or ``None``
(or ``[]`` for the list-returning parsers) when the text holds nothing it can
read with confidence. No parser raises on any input text.

The text may still hold stray whitespace, non-breaking and thin spaces, en and
em dashes, footnote leftovers such as ``[1]`` or ``[citation needed]``, and
qualifiers such as ``est.``, ``approx.``, ``c.``, ``over``, ``more than`` or
``+``: each parser deals with those.

Pure Python: no rdflib, no mwparserfromhell. The data tables the parsers use are
the module-level constants below, so that callers and tests can inspect them.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation, localcontext

__all__ = [
    "COUNTRIES",
    "NATIONALITIES",
    "DEMONYMS",
    "COUNTRY_ALIASES",
    "CURRENCY_CODES",
    "CURRENCY_SYMBOLS",
    "CURRENCY_WORDS",
    "LANGUAGES",
    "MONTHS",
    "NO_LANGUAGE",
    "SCALE_WORDS",
    "Money",
    "PartialDate",
    "duration_to_xsd",
    "language_code",
    "country_title",
    "normalise_country",
    "parse_date",
    "parse_dates",
    "parse_money",
    "parse_runtime",
    "parse_track_length",
]

# ---------------------------------------------------------------------------
# Data tables
# ---------------------------------------------------------------------------

#: Month names and their usual English abbreviations (lower case) → month number.
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

#: Currency signs and prefixes written before an amount → ISO 4217 code.
#: ``None`` marks a sign that is ambiguous (an amount written with it is skipped).
#: Matching is case-sensitive and the longest sign wins ("US$" over "$").
CURRENCY_SYMBOLS: dict[str, str | None] = {
    # US dollar; a bare "$" means USD
    "$": "USD", "US$": "USD", "US $": "USD", "U.S.$": "USD", "U.S. $": "USD",
    "USD$": "USD", "$US": "USD",
    # other dollars
    "A$": "AUD", "AU$": "AUD", "AUS$": "AUD", "AUD$": "AUD", "$A": "AUD", "$AU": "AUD",
    "C$": "CAD", "CA$": "CAD", "CAN$": "CAD", "Can$": "CAD", "CAD$": "CAD",
    "NZ$": "NZD", "$NZ": "NZD",
    "HK$": "HKD", "S$": "SGD", "NT$": "TWD", "Mex$": "MXN", "MX$": "MXN",
    "R$": "BRL",
    # yen and yuan: a bare "¥" means JPY
    "¥": "JPY", "JP¥": "JPY", "CN¥": "CNY", "RMB¥": "CNY", "RMB": "CNY",
    # rupees, taka
    "₹": "INR", "Rs.": "INR", "Rs": "INR", "Re.": "INR", "₨": "INR",
    "৳": "BDT", "Tk.": "BDT", "Tk": "BDT",
    # others
    "£": "GBP", "€": "EUR", "₩": "KRW", "₱": "PHP", "Rp.": "IDR", "Rp": "IDR",
    "₽": "RUB", "DM": "DEM", "₤": "ITL", "FF": "FRF", "₺": "TRY", "₦": "NGN",
    "₪": "ILS", "฿": "THB", "₫": "VND", "zł": "PLN", "RM": "MYR",
    # ambiguous: Swedish, Norwegian, Danish, Icelandic … krona/krone
    "kr": None, "kr.": None, "Kr": None, "Kr.": None,
}  # fmt: skip

#: Currency names written after an amount (matched case-insensitively) → ISO code;
#: ``None`` marks an ambiguous name.
CURRENCY_WORDS: dict[str, str | None] = {
    "元": "CNY", "円": "JPY", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupees": "INR", "rupee": "INR", "taka": "BDT",
    "dollars": "USD", "US dollars": "USD", "U.S. dollars": "USD",
    "euros": "EUR", "euro": "EUR", "pounds": "GBP", "pounds sterling": "GBP",
    "won": "KRW", "rubles": "RUB", "roubles": "RUB", "lire": "ITL", "Italian lire": "ITL",
    "Deutsche Mark": "DEM", "Deutsche Marks": "DEM", "Deutschmarks": "DEM",
    "French francs": "FRF", "rupiah": "IDR", "baht": "THB", "ringgit": "MYR",
    "naira": "NGN", "kronor": "SEK", "RMB": "CNY", "Tk": "BDT",
    "francs": None, "pesos": None, "kroner": None, "krona": None, "krone": None,
    "kr": None, "kr.": None,
}  # fmt: skip

#: ISO 4217 codes accepted before or after an amount ("USD 3 million", "3,000,000 USD");
#: current codes plus the pre-euro ones films were budgeted in. Upper case only.
CURRENCY_CODES: frozenset[str] = frozenset(
    """
    USD EUR GBP JPY CNY INR AUD CAD NZD HKD SGD TWD BRL MXN ARS CLP COP PEN KRW
    BDT PKR LKR NPR PHP IDR MYR THB VND RUB UAH PLN CZK HUF RON BGN HRK RSD TRY
    ILS EGP NGN ZAR KES GHS MAD AED SAR IRR IQD CHF SEK NOK DKK ISK KZT GEL AMD
    AZN MNT MMK KHR LAK BND
    DEM FRF ITL ESP NLG BEF ATS PTE FIM IEP GRD LUF SUR YUG CSK DDM
    """.split()
)

#: Scale words after a number (matched case-insensitively) → multiplier.
#: "cr" is crore, "m"/"mn" million, "bn"/"b" billion, "k" thousand, 万/亿 Chinese.
SCALE_WORDS: dict[str, int] = {
    "thousand": 10**3, "k": 10**3,
    "million": 10**6, "millions": 10**6, "mil": 10**6, "mill": 10**6,
    "mln": 10**6, "mn": 10**6, "m": 10**6,
    "billion": 10**9, "billions": 10**9, "bil": 10**9, "bln": 10**9, "bn": 10**9, "b": 10**9,
    "trillion": 10**12, "tn": 10**12,
    "lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "lacs": 10**5,
    "crore": 10**7, "crores": 10**7, "cr": 10**7,
    "万": 10**4, "亿": 10**8,
}  # fmt: skip

#: Scale words that are only used with the Indian (and Bangladeshi …) numbering
#: system: an amount with one of them and no currency is read as INR.
_INDIAN_SCALES = frozenset({"lakh", "lakhs", "lac", "lacs", "crore", "crores", "cr"})

#: English language names as film infoboxes write them (lower case) → BCP 47 code.
LANGUAGES: dict[str, str] = {
    # English and the languages of the British Isles
    "english": "en", "old english": "ang", "middle english": "enm", "scots": "sco",
    "irish": "ga", "irish gaelic": "ga", "welsh": "cy", "scottish gaelic": "gd",
    "manx": "gv", "cornish": "kw",
    # South Asia
    "hindi": "hi", "tamil": "ta", "malayalam": "ml", "bengali": "bn", "bangla": "bn",
    "telugu": "te", "kannada": "kn", "marathi": "mr", "punjabi": "pa", "panjabi": "pa",
    "urdu": "ur", "gujarati": "gu", "odia": "or", "oriya": "or", "assamese": "as",
    "sinhala": "si", "sinhalese": "si", "nepali": "ne", "sanskrit": "sa", "pali": "pi",
    "tulu": "tcy", "konkani": "kok", "kashmiri": "ks", "sindhi": "sd", "bhojpuri": "bho",
    "maithili": "mai", "haryanvi": "bgc", "rajasthani": "raj", "chhattisgarhi": "hne",
    "awadhi": "awa", "magahi": "mag", "dogri": "doi", "manipuri": "mni", "meitei": "mni",
    "meiteilon": "mni", "bodo": "brx", "santali": "sat", "khasi": "kha", "mizo": "lus",
    "garo": "grt", "kodava": "kfa", "badaga": "bfq", "saurashtra": "saz",
    "dhivehi": "dv", "pashto": "ps", "dari": "prs", "hindustani": "hi",
    # East and South-East Asia
    "japanese": "ja", "korean": "ko", "chinese": "zh", "mandarin": "cmn",
    "mandarin chinese": "cmn", "standard chinese": "cmn", "standard mandarin": "cmn",
    "cantonese": "yue", "hokkien": "nan", "min nan": "nan", "taiwanese": "nan",
    "taiwanese hokkien": "nan", "teochew": "nan", "hakka": "hak", "shanghainese": "wuu",
    "wu": "wuu", "tibetan": "bo", "mongolian": "mn", "uyghur": "ug", "thai": "th",
    "vietnamese": "vi", "tagalog": "tl", "filipino": "fil", "cebuano": "ceb",
    "ilocano": "ilo", "malay": "ms", "indonesian": "id", "javanese": "jv",
    "sundanese": "su", "balinese": "ban", "burmese": "my", "khmer": "km", "lao": "lo",
    "hmong": "hmn",
    # Europe
    "french": "fr", "german": "de", "swiss german": "gsw", "italian": "it",
    "spanish": "es", "castilian": "es", "portuguese": "pt", "brazilian portuguese": "pt-BR",
    "catalan": "ca", "galician": "gl", "basque": "eu", "occitan": "oc", "breton": "br",
    "russian": "ru", "latin": "la", "greek": "el", "ancient greek": "grc",
    "dutch": "nl", "flemish": "nl", "frisian": "fy", "west frisian": "fy",
    "luxembourgish": "lb", "swedish": "sv", "danish": "da", "norwegian": "no",
    "norwegian bokmål": "nb", "bokmål": "nb", "nynorsk": "nn", "finnish": "fi",
    "icelandic": "is", "faroese": "fo", "sami": "smi", "northern sami": "se",
    "polish": "pl", "czech": "cs", "slovak": "sk", "hungarian": "hu", "romanian": "ro",
    "moldovan": "ro", "bulgarian": "bg", "serbian": "sr", "croatian": "hr",
    "bosnian": "bs", "serbo-croatian": "sh", "slovene": "sl", "slovenian": "sl",
    "macedonian": "mk", "albanian": "sq", "ukrainian": "uk", "belarusian": "be",
    "lithuanian": "lt", "latvian": "lv", "estonian": "et", "maltese": "mt",
    "romani": "rom", "yiddish": "yi", "ladino": "lad", "judeo-spanish": "lad",
    "old norse": "non", "esperanto": "eo",
    # Western and Central Asia, Caucasus
    "arabic": "ar", "egyptian arabic": "arz", "levantine arabic": "apc",
    "moroccan arabic": "ary", "persian": "fa", "farsi": "fa", "turkish": "tr",
    "hebrew": "he", "aramaic": "arc", "kurdish": "ku", "sorani": "ckb", "kurmanji": "kmr",
    "georgian": "ka", "armenian": "hy", "azerbaijani": "az", "azeri": "az",
    "kazakh": "kk", "uzbek": "uz", "kyrgyz": "ky", "tajik": "tg", "turkmen": "tk",
    "tatar": "tt", "bashkir": "ba", "chechen": "ce", "ossetian": "os", "abkhaz": "ab",
    # Africa
    "swahili": "sw", "zulu": "zu", "xhosa": "xh", "afrikaans": "af", "amharic": "am",
    "tigrinya": "ti", "oromo": "om", "somali": "so", "yoruba": "yo", "igbo": "ig",
    "hausa": "ha", "wolof": "wo", "lingala": "ln", "kinyarwanda": "rw", "shona": "sn",
    "tswana": "tn", "sesotho": "st", "sotho": "st", "berber": "ber", "tamazight": "tzm",
    "kabyle": "kab", "bambara": "bm", "twi": "tw", "akan": "ak",
    # Americas and Oceania
    "navajo": "nv", "cherokee": "chr", "lakota": "lkt", "cree": "cr", "ojibwe": "oj",
    "mohawk": "moh", "inuktitut": "iu", "greenlandic": "kl", "quechua": "qu",
    "aymara": "ay", "guarani": "gn", "nahuatl": "nah", "yucatec maya": "yua",
    "haitian creole": "ht", "papiamento": "pap", "hawaiian": "haw", "maori": "mi",
    "māori": "mi", "samoan": "sm", "tongan": "to", "fijian": "fj", "tok pisin": "tpi",
    # sign languages and constructed languages
    "american sign language": "ase", "british sign language": "bfi",
    "french sign language": "fsl", "japanese sign language": "jsl",
    "indian sign language": "ins", "sign language": "sgn", "klingon": "tlh",
}  # fmt: skip

#: Infobox "language" values that say the film has no spoken language.
NO_LANGUAGE: frozenset[str] = frozenset(
    {"silent", "silent film", "none", "no dialogue", "no language", "n/a", "na", "-", "—"}
)

#: Country names as infoboxes write them (keys: lower case, no full stops, single
#: spaces, no leading "the") → the Wikipedia article title of the country.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "United States", "usa": "United States", "united states": "United States",
    "united states of america": "United States", "america": "United States",
    "uk": "United Kingdom", "united kingdom": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "united kingdom of great britain and northern ireland": "United Kingdom",
    "ussr": "Soviet Union", "soviet union": "Soviet Union",
    "union of soviet socialist republics": "Soviet Union",
    "prc": "China", "people's republic of china": "China",
    "republic of korea": "South Korea", "rok": "South Korea",
    "dprk": "North Korea", "democratic people's republic of korea": "North Korea",
    "uae": "United Arab Emirates", "netherlands": "Netherlands", "holland": "Netherlands",
    "czechia": "Czech Republic", "russian federation": "Russia", "viet nam": "Vietnam",
    "gdr": "East Germany", "ddr": "East Germany", "frg": "West Germany",
}  # fmt: skip

#: The Wikipedia titles of countries, present and past, as film articles name them
#: (the ISO 3166-1 countries under their English Wikipedia titles, the constituent
#: countries of the United Kingdom, and the former states film infoboxes still name).
COUNTRIES: frozenset[str] = frozenset(
    name.strip()
    for name in """
    Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|Austria|
    Azerbaijan|The Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|
    Bosnia and Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|
    Cape Verde|Central African Republic|Chad|Chile|China|Colombia|Comoros|Democratic Republic of the Congo|
    Republic of the Congo|Costa Rica|Ivory Coast|Croatia|Cuba|Cyprus|Czech Republic|Denmark|Djibouti|
    Dominica|Dominican Republic|East Timor|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|
    Eswatini|Ethiopia|Fiji|Finland|France|Gabon|The Gambia|Georgia (country)|Germany|Ghana|Greece|Grenada|
    Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|
    Republic of Ireland|Ireland|Israel|Italy|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|North Korea|
    South Korea|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|
    Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Marshall Islands|Mauritania|
    Mauritius|Mexico|Federated States of Micronesia|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|
    Myanmar|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Macedonia|Norway|
    Oman|Pakistan|Palau|State of Palestine|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|
    Poland|Portugal|Qatar|Romania|Russia|Rwanda|Saint Kitts and Nevis|Saint Lucia|
    Saint Vincent and the Grenadines|Samoa|San Marino|São Tomé and Príncipe|Saudi Arabia|Senegal|Serbia|
    Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Solomon Islands|Somalia|South Africa|South Sudan|
    Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|
    Tonga|Trinidad and Tobago|Tunisia|Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|
    United Kingdom|United States|Uruguay|Uzbekistan|Vanuatu|Vatican City|Venezuela|Vietnam|Yemen|Zambia|
    Zimbabwe|Hong Kong|Macau|Puerto Rico|Greenland|England|Scotland|Wales|Northern Ireland|Soviet Union|
    West Germany|East Germany|Czechoslovakia|Yugoslavia|Serbia and Montenegro|Burma|Zaire|Ceylon|
    Rhodesia|British India|Ottoman Empire|Austria-Hungary|Empire of Japan|Nazi Germany|Weimar Republic|
    Republic of China (1912–1949)|Kingdom of Yugoslavia|Mandatory Palestine|British Hong Kong
    """.split("|")
) - {""}


#: Adjectives of nationality and region a film lead uses ("a 1988 Japanese film"): never a genre.
NATIONALITIES: frozenset[str] = frozenset(
    """american british english scottish welsh irish indian japanese french german italian spanish
    korean south korean chinese hong kong taiwanese soviet russian mexican brazilian argentine
    canadian australian new zealand swedish danish norwegian finnish icelandic dutch belgian swiss
    austrian polish czech czechoslovak hungarian romanian bulgarian greek turkish iranian israeli
    egyptian nigerian south african pakistani bangladeshi sri lankan nepali thai vietnamese
    filipino indonesian malaysian singaporean european asian african latin american hollywood
    bollywood kollywood tollywood mollywood sandalwood west german east german yugoslav portuguese
    hindi tamil telugu malayalam kannada bengali marathi punjabi gujarati odia assamese urdu
    bhojpuri""".split()
) | frozenset({"south korean", "hong kong", "new zealand", "south african", "sri lankan", "latin american", "west german", "east german"})


#: Adjectives of nationality that name one country ("a 1995 American drama film" → the
#: United States), as a film lead's first sentence uses them; ambiguous ones ("Korean",
#: "Irish", "Bengali", "Latin American") are not here.
DEMONYMS: dict[str, str] = {
    "american": "United States", "british": "United Kingdom", "english": "England", "scottish": "Scotland",
    "welsh": "Wales", "indian": "India", "japanese": "Japan", "french": "France", "german": "Germany",
    "italian": "Italy", "spanish": "Spain", "south korean": "South Korea", "north korean": "North Korea",
    "chinese": "China", "hong kong": "Hong Kong", "taiwanese": "Taiwan", "soviet": "Soviet Union",
    "russian": "Russia", "mexican": "Mexico", "brazilian": "Brazil", "argentine": "Argentina",
    "argentinian": "Argentina", "canadian": "Canada", "australian": "Australia", "new zealand": "New Zealand",
    "swedish": "Sweden", "danish": "Denmark", "norwegian": "Norway", "finnish": "Finland", "icelandic": "Iceland",
    "dutch": "Netherlands", "belgian": "Belgium", "swiss": "Switzerland", "austrian": "Austria", "polish": "Poland",
    "czech": "Czech Republic", "czechoslovak": "Czechoslovakia", "hungarian": "Hungary", "romanian": "Romania",
    "bulgarian": "Bulgaria", "greek": "Greece", "turkish": "Turkey", "iranian": "Iran", "israeli": "Israel",
    "egyptian": "Egypt", "nigerian": "Nigeria", "south african": "South Africa", "pakistani": "Pakistan",
    "bangladeshi": "Bangladesh", "sri lankan": "Sri Lanka", "nepali": "Nepal", "nepalese": "Nepal", "thai": "Thailand",
    "vietnamese": "Vietnam", "filipino": "Philippines", "indonesian": "Indonesia", "malaysian": "Malaysia",
    "singaporean": "Singapore", "west german": "West Germany", "east german": "East Germany", "yugoslav": "Yugoslavia",
    "portuguese": "Portugal", "venezuelan": "Venezuela", "chilean": "Chile", "colombian": "Colombia",
    "peruvian": "Peru", "cuban": "Cuba", "ukrainian": "Ukraine", "serbian": "Serbia", "croatian": "Croatia",
    "lebanese": "Lebanon", "moroccan": "Morocco", "tunisian": "Tunisia", "senegalese": "Senegal", "kenyan": "Kenya",
    "ghanaian": "Ghana", "estonian": "Estonia", "latvian": "Latvia", "lithuanian": "Lithuania", "slovak": "Slovakia",
    "slovenian": "Slovenia", "georgian": "Georgia (country)", "armenian": "Armenia", "kazakh": "Kazakhstan",
}  # fmt: skip


def country_title(name: str) -> str | None:
    """The Wikipedia title of the country ``name`` names ("USA" → "United States",
    "India" → "India"), or ``None`` when it names no country of :data:`COUNTRIES`.

    :param name: a name as an article shows it.
    """
    title = normalise_country(name)
    return title if title in COUNTRIES else None


# ---------------------------------------------------------------------------
# Text clean-up shared by the parsers
# ---------------------------------------------------------------------------

_SPACES_RE = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
# footnote leftovers: [1], [a], [note 3], [N 1], [citation needed] — but not [1995]
_FOOTNOTE_RE = re.compile(
    r"\[(?:[0-9]{1,3}|[A-Za-z]{1,2}|[A-Za-z]+\.?\s?[0-9]{1,3}|[a-z][a-z ]{2,30})\]"
)


def _clean(text: object) -> str:
    """Return ``text`` with footnote markers removed and whitespace collapsed."""
    if not isinstance(text, str):
        return ""
    text = _FOOTNOTE_RE.sub(" ", text)
    return _SPACES_RE.sub(" ", text).strip()


def _alternation(words, *, escape: bool = True) -> str:
    """A regex alternation of ``words``, longest first (so the longest one wins)."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) if escape else w for w in ordered)


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    :param year: 1–9999.
    :param month: 1–12, or ``None`` when only the year is known.
    :param day: 1–31 (a valid day of that month), or ``None``; only with a month.

    Constructing an invalid date raises :class:`ValueError`; use
    :meth:`from_parts` for a constructor that returns ``None`` instead.
    The generated ordering compares ``(year, month, day)`` field by field and so
    raises :class:`TypeError` between dates of different precision in the same
    year; sort with :meth:`sort_key` instead.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        for name in ("year", "month", "day"):
            value = getattr(self, name)
            if value is not None and (type(value) is not int):
                raise TypeError(f"PartialDate.{name} must be an int, not {type(value).__name__}")
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range 1..9999")
        if self.month is None:
            if self.day is not None:
                raise ValueError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is out of range 1..12")
        if self.day is not None:
            datetime.date(self.year, self.month, self.day)  # raises ValueError if invalid

    def isoformat(self) -> str:
        """Return the date in ISO 8601: ``"1995-10-27"``, ``"1995-10"`` or ``"1995"``
        (the year always has four digits, zero-padded)."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    @property
    def precision(self) -> str:
        """How precisely the date is known: ``"day"``, ``"month"`` or ``"year"``."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def sort_key(self) -> tuple[int, int, int]:
        """Return ``(year, month or 0, day or 0)``: a key that orders dates of any
        precision, a year-only date before every date in that year."""
        return (self.year, self.month or 0, self.day or 0)

    @classmethod
    def from_parts(cls, year, month=None, day=None) -> PartialDate | None:
        """Build a date from parts as templates give them, or return ``None``.

        :param year: an int or a string of digits.
        :param month: ``None``, an int, a string of digits, or an English month
            name or abbreviation (``"October"``, ``"Oct."``); ``""`` counts as ``None``.
        :param day: ``None``, an int or a string of digits; ``""`` counts as ``None``.
        :returns: the :class:`PartialDate`, or ``None`` if a part is not a number,
            a day is given without a month, or the date does not exist
            (``from_parts(1995, 2, 30)``).
        """
        y = _part(year, allow_month_name=False)
        m = _part(month, allow_month_name=True)
        d = _part(day, allow_month_name=False)
        if y is None or y is _BAD or m is _BAD or d is _BAD:
            return None
        try:
            return cls(y, m, d)
        except (TypeError, ValueError, OverflowError):
            return None


_BAD = object()


def _part(value, *, allow_month_name: bool):
    """One date part as an int; ``None`` when absent; ``_BAD`` when unreadable."""
    if value is None:
        return None
    if isinstance(value, bool):
        return _BAD
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = _clean(value)
        if not text:
            return None
        if text.isascii() and text.isdigit() and len(text) <= 6:
            return int(text)
        if allow_month_name:
            month = MONTHS.get(text.rstrip(".").casefold())
            if month is not None:
                return month
    return _BAD


_MONTH = rf"(?<![A-Za-z])(?:{_alternation(MONTHS)})(?![A-Za-z])\.?"
_DAY = r"(?<![0-9])(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])(?:st|nd|rd|th)?"
_YEAR = r"(?<![0-9])[0-9]{4}(?![0-9])"
_DASH = r"\s?[-\u2010-\u2015\u2212]\s?"

_DATE_RE = re.compile(
    rf"""
    (?P<mdy>(?P<mdy_m>{_MONTH})\s?(?P<mdy_d>{_DAY})(?:{_DASH}{_DAY})?(?:\s?,\s?|\s)(?P<mdy_y>{_YEAR}))
  | (?P<dmy>(?P<dmy_d>{_DAY})(?:{_DASH}{_DAY})?\s(?:of\s)?(?P<dmy_m>{_MONTH}),?\s?(?P<dmy_y>{_YEAR}))
  | (?P<my>(?P<my_m>{_MONTH}),?\s?(?P<my_y>{_YEAR}))
  | (?P<iso>(?P<iso_y>{_YEAR})-(?P<iso_m>1[0-2]|0?[1-9])(?![0-9])(?:-(?P<iso_d>[0-9]{{1,2}})(?![0-9]))?)
  | (?P<y>(?<![0-9A-Za-z$£€¥.,:/])(?P<y_y>[0-9]{{4}})(?![0-9])(?!['’]?s(?![A-Za-z])))
    """,
    re.IGNORECASE | re.VERBOSE,
)
# what makes a date uncertain: "c. 1995", "circa 1995", "~1995" before it; "1995?" after it
_CIRCA_BEFORE_RE = re.compile(r"(?:\b(?:c|ca|circa|approx|approximately)\.?|~)\s?$", re.IGNORECASE)
_CIRCA_AFTER_RE = re.compile(r"\s?\?")


def _match_to_date(match: re.Match) -> PartialDate | None:
    g = match.groupdict()
    kind = next(k for k in ("mdy", "dmy", "my", "iso", "y") if g[k] is not None)
    if kind == "y":
        return PartialDate.from_parts(g["y_y"])
    if kind == "iso":
        return PartialDate.from_parts(g["iso_y"], g["iso_m"], g["iso_d"])
    month = MONTHS[g[f"{kind}_m"].rstrip(".").casefold()]
    day = g.get(f"{kind}_d")
    if day is not None:
        day = re.match(r"[0-9]+", day).group()
    return PartialDate.from_parts(g[f"{kind}_y"], month, day)


def parse_dates(text: str) -> list[PartialDate]:
    """Find every date in a text.

    :param text: plain text such as ``"October 27, 1995 (limited) February 9, 1996 (wide)"``.
    :returns: the dates, in the order the text gives them (possibly empty).

    Understood forms: ``October 27, 1995``, ``October 27 1995``, ``Oct. 27, 1995``,
    ``27 October 1995``, ``27th October 1995``, ``27 Oct 1995``, ``October 27–29, 1995``
    (the first day), ``October 1995``, ``1995-10-27``, ``1995-10`` and a bare ``1995``.
    Skipped: uncertain dates (``c. 1995``, ``circa 1995``, ``1995?``), decades
    (``1990s``), and written dates that do not exist (``February 30, 1995``) —
    the latter are skipped whole, not read as a month or a year.
    """
    text = _clean(text)
    dates: list[PartialDate] = []
    for match in _DATE_RE.finditer(text):
        start = match.start()
        if _CIRCA_BEFORE_RE.search(text, max(0, start - 16), start) or _CIRCA_AFTER_RE.match(
            text, match.end()
        ):
            continue
        date = _match_to_date(match)
        if date is not None:
            dates.append(date)
    return dates


def parse_date(text: str) -> PartialDate | None:
    """Read the first date in a text.

    :param text: plain text such as ``"October 27, 1995 (United States)"``.
    :returns: the first date :func:`parse_dates` finds, or ``None`` when there is
        none (``"TBA"``, ``"1990s"``, ``"c. 1995"``, ``"February 30, 1995"``).
    """
    dates = parse_dates(text)
    return dates[0] if dates else None


# ---------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of money, or a range of amounts, in one currency.

    :param currency: the ISO 4217 code (``"USD"``).
    :param value: a single amount; ``None`` for a range.
    :param min_value: the low end of a range (set together with ``max_value``).
    :param max_value: the high end of a range.
    :param estimated: the text qualifies the amount as an estimate
        (``est.``, ``approx.``, ``~``, ``about``, ``around``, ``c.`` …).

    Setting ``value`` together with a range end, or only one range end, raises
    :class:`ValueError`.
    """

    currency: str
    value: Decimal | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    estimated: bool = False

    def __post_init__(self) -> None:
        if (self.min_value is None) != (self.max_value is None):
            raise ValueError("a range needs both min_value and max_value")
        if self.value is not None and self.min_value is not None:
            raise ValueError("give either value or min_value and max_value, not both")

    @property
    def is_range(self) -> bool:
        """Whether this is a range (``min_value``–``max_value``) rather than one amount."""
        return self.min_value is not None


def _symbol_pattern(symbol: str) -> str:
    # a space inside a sign ("US $") may be absent or any single space
    return r"\s?".join(re.escape(part) for part in symbol.split(" "))


_PREFIX = (
    r"(?<![A-Za-z])(?:"
    + "|".join(
        _symbol_pattern(s)
        for s in sorted(set(CURRENCY_SYMBOLS) | CURRENCY_CODES, key=lambda w: (-len(w), w))
    )
    + ")"
)
_SUFFIX = (
    r"(?:(?<![A-Za-z])(?:"
    + _alternation(CURRENCY_CODES)
    + r")(?![A-Za-z])|(?i:"
    + "|".join(_symbol_pattern(s) for s in sorted(CURRENCY_WORDS, key=lambda w: (-len(w), w)))
    + r")(?![A-Za-z]))"
)
_NUMBER = r"(?<![0-9.,])[0-9]+(?:,[0-9]{2,3}(?![0-9]))*(?:\.[0-9]+)?"
_SCALE = rf"(?i:{_alternation(SCALE_WORDS)})(?![A-Za-z])\.?"

_MONEY_RE = re.compile(
    rf"""
    (?:(?P<pre>{_PREFIX})\s?)?
    (?P<n1>{_NUMBER})(?:\s?(?P<s1>{_SCALE}))?
    (?:(?:{_DASH}|\s(?i:to)\s)(?:(?P<pre2>{_PREFIX})\s?)?(?P<n2>{_NUMBER})(?:\s?(?P<s2>{_SCALE}))?)?
    (?:\s?(?P<post>{_SUFFIX}))?
    """,
    re.VERBOSE,
)
_ESTIMATE_BEFORE_RE = re.compile(
    r"(?:\b(?:est|estimated|an estimated|approx|approximately|about|around|roughly|circa|ca)\b\.?"
    r"|\bc\.|~|≈)",
    re.IGNORECASE,
)
_ESTIMATE_AFTER_RE = re.compile(r"\s?[(\[]?\s?(?:est|estimated|approx)\b", re.IGNORECASE)

_SYMBOL_LOOKUP: dict[str, str | None] = {
    re.sub(r"\s", "", k): v for k, v in CURRENCY_SYMBOLS.items()
} | {c: c for c in CURRENCY_CODES}
_WORD_LOOKUP: dict[str, str | None] = {
    re.sub(r"\s", "", k).casefold(): v for k, v in CURRENCY_WORDS.items()
} | {c.casefold(): c for c in CURRENCY_CODES}


def _scale(word: str | None) -> int | None:
    if word is None:
        return None
    return SCALE_WORDS[word.rstrip(".").casefold()]


def _number(digits: str) -> Decimal:
    return Decimal(digits.replace(",", ""))


def _normalise(value: Decimal) -> Decimal:
    """``value`` without exponent or trailing zeros: Decimal("3500000"), not "3.5E+6"."""
    ctx = Context(prec=max(28, len(value.as_tuple().digits) + abs(value.as_tuple().exponent) + 4))
    if value == value.to_integral_value(context=ctx):
        return value.quantize(Decimal(1), context=ctx)
    return value.normalize(context=ctx)


def _amount_currency(match: re.Match) -> tuple[bool, str | None]:
    """(currency given?, ISO code or None when ambiguous) of one amount match."""
    if match.group("pre"):
        return True, _SYMBOL_LOOKUP.get(re.sub(r"\s", "", match.group("pre")))
    if match.group("post"):
        return True, _WORD_LOOKUP.get(re.sub(r"\s", "", match.group("post")).casefold())
    for scale in (match.group("s1"), match.group("s2")):
        if scale and scale.rstrip(".").casefold() in _INDIAN_SCALES:
            return True, "INR"
    return False, None


def _amount_values(match: re.Match, code: str) -> tuple[Decimal, Decimal | None]:
    """(low or single value, high value or None) of one amount match."""
    n1 = _number(match.group("n1"))
    m1 = _scale(match.group("s1"))
    if match.group("n2") is None:
        return n1 * (m1 or 1), None
    if match.group("pre2"):
        code2 = _SYMBOL_LOOKUP.get(re.sub(r"\s", "", match.group("pre2")))
        if code2 != code:
            return n1 * (m1 or 1), None
    n2 = _number(match.group("n2"))
    m2 = _scale(match.group("s2"))
    if m1 is None and m2 is None:
        low, high = n1, n2
    elif m1 is None:  # "$3.5–4 million": the scale is shared, unless that inverts the range
        high = n2 * m2
        low = n1 * m2 if n1 * m2 <= high else n1
    elif m2 is None:
        low = n1 * m1
        high = n2 * m1 if n2 * m1 >= low else n2
    else:
        low, high = n1 * m1, n2 * m2
    if high <= low:
        return low, None
    return low, high


def parse_money(text: str) -> Money | None:
    """Read the first amount of money in a text.

    :param text: plain text such as ``"$49.8 million"``, ``"₹10 crore (US$1.5 million)"``,
        ``"$3.5–4 million"`` or ``"3,000,000 USD"``.
    :returns: a :class:`Money` for the first amount whose currency is known (written
        before the number as a sign or ISO code, after it as an ISO code or a
        currency name, or implied by "crore"/"lakh", which mean INR); ``None`` when
        the text has no such amount. Amounts with an ambiguous currency ("kr") or
        none are skipped. Values are exact :class:`~decimal.Decimal` numbers with no
        exponent (``Decimal("3500000")``). A range (``$10–12 million``,
        ``$10 million to $12 million``) gives ``min_value``/``max_value``; lower-
        bound words ("over", "more than", "+") are ignored; estimate words set
        ``estimated``.
    """
    text = _clean(text)
    previous_end = 0
    for match in _MONEY_RE.finditer(text):
        given, code = _amount_currency(match)
        if not given or code is None:
            previous_end = match.end()
            continue
        try:
            # enough precision for the exact product of every digit in the match
            with localcontext(Context(prec=max(28, 2 * len(match.group()) + 20))):
                low, high = _amount_values(match, code)
                low = _normalise(low)
                high = _normalise(high) if high is not None else None
        except (InvalidOperation, ValueError, OverflowError):
            previous_end = match.end()
            continue
        estimated = bool(
            _ESTIMATE_BEFORE_RE.search(text, previous_end, match.start())
            or _ESTIMATE_AFTER_RE.match(text, match.end())
        )
        if high is None:
            return Money(code, low, estimated=estimated)
        return Money(code, None, low, high, estimated=estimated)
    return None


# ---------------------------------------------------------------------------
# Durations
# ---------------------------------------------------------------------------

_QTY = r"(?<![0-9.,])[0-9]{1,6}(?:\.[0-9]{1,3})?(?![0-9])"
_RUNTIME_RE = re.compile(
    rf"""
    (?=[0-9])
    (?:(?P<h>{_QTY})(?:{_DASH}{_QTY})?\s?(?:hours|hour|hrs|hr|h)(?![A-Za-z])\.?(?:,?\s?(?:and\s)?)?)?
    (?:(?P<m>{_QTY})(?:{_DASH}{_QTY})?\s?(?:minutes|minute|mins|min|m|′|')(?![A-Za-z])\.?(?:,?\s?(?:and\s)?)?)?
    (?:(?P<s>{_QTY})\s?(?:seconds|second|secs|sec|s|″|")(?![A-Za-z])\.?)?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_BARE_RUNTIME_RE = re.compile(
    rf"^(?:(?P<n>{_QTY})(?:{_DASH}{_QTY})?(?:\s?\([^()]*\))?[\s,;/]*)+$"
)
_BARE_NUMBER_RE = re.compile(rf"({_QTY})(?:{_DASH}{_QTY})?")
# A running time written as a clock, hours:minutes:seconds or minutes:seconds, alone.
_CLOCK_RE = re.compile(r"^(?:(?P<h>[0-9]{1,2}):(?=[0-5][0-9]:))?(?P<m>[0-9]{1,3}):(?P<s>[0-5][0-9])$")


def _seconds(quantity: str | None, unit: int) -> Decimal:
    return Decimal(quantity) * unit if quantity else Decimal(0)


def parse_runtime(text: str) -> list[int]:
    """Read the running times in a text.

    :param text: plain text such as ``"111 minutes"``, ``"1 hr. 51 min."``, ``"1h 51m"``
        or ``"142 minutes (theatrical) 155 minutes (extended)"``.
    :returns: each running time, in seconds, in the order the text gives them
        (``[8520, 9300]`` for the last example); ``[]`` when there is none. A range
        (``"90–95 minutes"``) gives its first value. A text of bare numbers
        (``"111"``, ``"111 (TV)"``) is read as minutes; a clock alone (``"1:36:00"``,
        ``"96:00"``, as {{Duration}} shows a time) as hours, minutes and seconds.
    """
    text = _clean(text)
    clock = _CLOCK_RE.match(text)
    if clock:  # "1:36:00", "96:00": what {{Duration}} shows
        h, m, s = clock.group("h", "m", "s")
        return [int(h or 0) * 3600 + int(m) * 60 + int(s)]
    result: list[int] = []
    for match in _RUNTIME_RE.finditer(text):
        h, m, s = match.group("h", "m", "s")
        if h is None and m is None and s is None:
            continue
        total = _seconds(h, 3600) + _seconds(m, 60) + _seconds(s, 1)
        result.append(int(total.to_integral_value()))
    if result or not _BARE_RUNTIME_RE.match(text):
        return result
    without_notes = re.sub(r"\([^()]*\)", " ", text)
    return [
        int((Decimal(n) * 60).to_integral_value()) for n in _BARE_NUMBER_RE.findall(without_notes)
    ]


def duration_to_xsd(seconds: int) -> str:
    """Format a duration as an ISO 8601 / ``xsd:duration`` literal.

    :param seconds: a non-negative whole number of seconds.
    :returns: minutes and seconds, with minutes *not* folded into hours, as is the
        convention for film running times: 6660 → ``"PT111M"``, 242 → ``"PT4M2S"``,
        30 → ``"PT30S"``, 0 → ``"PT0S"``.
    :raises ValueError: for a negative number of seconds.
    """
    seconds = int(seconds)
    if seconds < 0:
        raise ValueError(f"a duration cannot be negative: {seconds}")
    if seconds == 0:
        return "PT0S"
    minutes, secs = divmod(seconds, 60)
    return "PT" + (f"{minutes}M" if minutes else "") + (f"{secs}S" if secs else "")


_TRACK_RE = re.compile(
    r"^(?:(?P<h>[0-9]{1,3}):(?P<m2>[0-5][0-9])|(?P<m>[0-9]{1,6})):(?P<s>[0-5][0-9])"
    r"(?:\s?(?:minutes|minute|mins|min|m)\.?)?$",
    re.IGNORECASE,
)


def parse_track_length(text: str) -> int | None:
    """Read a track length written as a clock time.

    :param text: ``"m:ss"`` or ``"h:mm:ss"``, optionally followed by "min"
        (``"4:02"``, ``"0:32"``, ``"1:02:03"``, ``"4:02 min"``).
    :returns: the length in seconds (242, 32, 3723, 242), or ``None`` when the text
        is not such a time (``""``, ``"abc"``, ``"4:75"``).
    """
    match = _TRACK_RE.match(_clean(text))
    if match is None:
        return None
    if match.group("h") is not None:
        return int(match.group("h")) * 3600 + int(match.group("m2")) * 60 + int(match.group("s"))
    return int(match.group("m")) * 60 + int(match.group("s"))


# ---------------------------------------------------------------------------
# Languages and countries
# ---------------------------------------------------------------------------

_LANGUAGE_SUFFIX_RE = re.compile(r"\s(?:language|languages|lang\.?)$")


def language_code(name: str) -> str | None:
    """Look up the BCP 47 code of a language as film infoboxes name it.

    :param name: an English language name (``"Hindi"``, ``"Mandarin"``,
        ``"American Sign Language"``), in any case, optionally followed by
        "language" and surrounded by whitespace.
    :returns: the code from :data:`LANGUAGES` (``"hi"``, ``"cmn"``, ``"ase"``), or
        ``None`` for an unknown name and for "Silent"/"None" (:data:`NO_LANGUAGE`).
    """
    key = _clean(name).casefold()
    if key in NO_LANGUAGE:
        return None
    if key in LANGUAGES:  # "American Sign Language" ends in "language" itself
        return LANGUAGES[key]
    return LANGUAGES.get(_LANGUAGE_SUFFIX_RE.sub("", key).strip())


def normalise_country(name: str) -> str:
    """Return the Wikipedia article title of a country as an infobox writes it.

    :param name: a country name or abbreviation (``"USA"``, ``"U.K."``, ``"Britain"``,
        ``"USSR"``, ``"France"``).
    :returns: the title from :data:`COUNTRY_ALIASES` when the name is an alias
        (``"United States"``, ``"United Kingdom"``, ``"Soviet Union"``); otherwise
        the name with whitespace cleaned up and its first letter upper-cased.
        England, Scotland, Wales, West Germany … are left as they are.
    """
    text = _clean(name)
    key = re.sub(r"^the\s", "", text.casefold().replace(".", "").strip()).strip()
    key = _SPACES_RE.sub(" ", key)
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    return text[:1].upper() + text[1:]
