"""The letters each language writes, the languages each legacy code page was made for, and the short words
that tell a Latin-script language from the others.

Encoding detection reads a file under each code page and asks whether the letters that come out belong to
one language that page serves: Polish read as Windows-1252 gives "ê", "ñ", "æ" and "œ" side by side, which
no Western language writes together, while Windows-1250 gives "ę", "ń", "ć", "ś", all Polish.
Only letters beyond ASCII are listed (lower case); ASCII letters belong to every Latin-script language.
"""

from __future__ import annotations

# Latin-script languages: their letters beyond ASCII.
LATIN = {
    "fr": "àâæçéèêëîïôœùûüÿ",
    "de": "äöüß",
    "es": "áéíñóúü",
    "pt": "áâãàçéêíóôõú",
    "it": "àèéìíîòóù",
    "ca": "àçèéíïòóúü",
    "nl": "áäéëèïíóöúü",
    "da": "æøåéó",  # and Norwegian
    "sv": "åäöé",
    "fi": "äöåšž",
    "is": "áæðéíóöúýþ",
    "et": "äõöüšž",
    "ga": "áéíóú",
    "sq": "çë",
    "tr": "âçğıîöşüû",
    "pl": "ąćęłńóśźż",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "hu": "áéíóöőúüű",
    "sl": "čšž",
    "hr": "čćđšž",  # and Bosnian, Serbian in Latin letters
    "ro": "ăâîşţșț",
    "lt": "ąčęėįšųūž",
    "lv": "āčēģīķļņšūž",
}

CYRILLIC = {
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюя",
    "sr": "абвгдђежзијклљмнњопрстћуфхцчџш",
    "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
}


def _block(first: int, last: int) -> str:
    return "".join(chr(c) for c in range(first, last + 1) if chr(c).isalpha())


# Scripts without case, or whose every letter serves its languages alike: the whole block (Greek without
# ΐ and ΰ, which hardly occur: Russian "а" read as Windows-1253 comes out as ΰ).
OTHER = {
    "el": _block(0x0370, 0x03FF).lower().replace("ΐ", "").replace("ΰ", ""),
    "he": _block(0x0590, 0x05FF),
    "ar": _block(0x0600, 0x06FF),
    "th": _block(0x0E00, 0x0E7F),
}

_WESTERN = ("fr", "de", "es", "pt", "it", "ca", "nl", "da", "sv", "fi", "is", "et", "ga", "sq")
_CENTRAL = ("pl", "cs", "sk", "hu", "sl", "hr", "ro", "de", "sq")
_CYRILLIC = ("ru", "uk", "be", "bg", "sr", "mk")

# The languages written in each code page (Python codec names).
CODE_PAGE_LANGUAGES: dict[str, tuple[str, ...]] = {
    "cp1252": _WESTERN,
    "iso8859_15": _WESTERN,
    "cp1250": _CENTRAL,
    "iso8859_2": _CENTRAL,
    "cp1254": ("tr", *_WESTERN),
    "cp1257": ("lt", "lv", "et", "pl", "de", "sv", "fi", "da"),
    "cp1251": _CYRILLIC,
    "koi8_r": ("ru", "bg"),
    "koi8_u": ("uk", "ru", "be", "bg"),
    "cp1253": ("el",),
    "cp1255": ("he",),
    "cp1256": ("ar", "fr"),
    "cp874": ("th",),
}


def letters(language: str) -> str:
    """The lower-case letters beyond ASCII that ``language`` writes."""
    return LATIN.get(language) or CYRILLIC.get(language) or OTHER[language]


# Short words that every text in the language is full of, spelt in ASCII (so that every reading of the
# bytes agrees on them): they tell the language before its accented letters are read.
FUNCTION_WORDS = {
    "en": "the of and to in is that for on with was as by at from it be are this have has were",
    "fr": "de le la les des du un une et est pour dans sur par pas au aux qui que avec ont sont ce cette",
    "de": "der die das und ist nicht mit von den dem sich auf ein eine auch zu im des wird wurde",
    "es": "de el los las del y en que por con para una es se lo como pero sus al",
    "pt": "de o os as do da dos das em que com para uma um no na por se",
    "it": "il di che la le gli della per con non sono una un nel alla anche",
    "nl": "de het een van en in is op te dat met voor niet zijn",
    "pl": "i w na z do nie to jest od za po o przez jak ale oraz",
    "cs": "a v se na je z do o ve jako pro ale by od",
    "sk": "a v sa na je z do o ako pre ale by od",
    "hu": "a az egy hogy is nem meg de van volt csak mint",
    "ro": "si de la cu in pe un o nu din care este",
    "hr": "i u je na se da za od su kao",
    "sl": "in je na v za se da so pa",
    "tr": "ve bir bu da de ile olarak gibi",
    "sv": "och att det som en av till med for den",
    "da": "og at det som en af er til med for den",
}
_WORD_LANGUAGES: dict[str, list[str]] = {}
for _language, _words in FUNCTION_WORDS.items():
    for _word in _words.split():
        _WORD_LANGUAGES.setdefault(_word, []).append(_language)
MIN_HITS = 3.0
LEAD = 2.0  # the top language's hits over the runner-up's


def identify_language(ascii_words: list[bytes]) -> str | None:
    """The language whose function words fill ``ascii_words`` (lower case), when one clearly leads.
    A word that several languages share counts for each in part ("de": French, Spanish, Dutch...)."""
    hits: dict[str, float] = {}
    for word in ascii_words:
        languages = _WORD_LANGUAGES.get(word.decode(), ())
        for language in languages:
            hits[language] = hits.get(language, 0.0) + 1.0 / len(languages)
    ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < MIN_HITS:
        return None
    if len(ranked) > 1 and ranked[0][1] < LEAD * ranked[1][1]:
        return None
    return ranked[0][0]
