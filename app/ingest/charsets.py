"""The text encodings articles come in: Python codec names, what to call them, and declared labels.

``CANDIDATES`` is the order in which equally plausible readings are preferred (most common first).
"""

from __future__ import annotations

import codecs

UTF16 = ("utf-16-le", "utf-16-be")
SINGLE_BYTE = ("cp1252", "cp1250", "cp1251", "iso8859_2", "koi8_r", "koi8_u", "iso8859_15", "cp1254",
               "cp1257", "cp1253", "cp1256", "cp1255", "cp874")
MULTI_BYTE = ("cp932", "gb18030", "euc_kr", "euc_jp", "big5", "cp949")
CANDIDATES = ("utf-8", "cp1252", "cp1250", "cp1251", "cp932", "gb18030", "euc_kr", "euc_jp", "big5",
              "iso8859_2", "koi8_r", "koi8_u", "iso8859_15", "cp1254", "cp1257", "cp1253", "cp1256",
              "cp1255", "cp874", "cp949", *UTF16)

# The scripts written in Latin letters: a wrong guess among them shows in the accented letters.
LATIN_PAGES = frozenset({"cp1252", "cp1250", "iso8859_2", "iso8859_15", "cp1254", "cp1257"})

NAMES = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16 (little-endian)",
    "utf-16-be": "UTF-16 (big-endian)",
    "cp1252": "Windows-1252 (Western European)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "iso8859_2": "ISO-8859-2 (Central European)",
    "iso8859_15": "ISO-8859-15 (Western European)",
    "koi8_r": "KOI8-R (Russian)",
    "koi8_u": "KOI8-U (Ukrainian)",
    "cp1253": "Windows-1253 (Greek)",
    "cp1254": "Windows-1254 (Turkish)",
    "cp1255": "Windows-1255 (Hebrew)",
    "cp1256": "Windows-1256 (Arabic)",
    "cp1257": "Windows-1257 (Baltic)",
    "cp874": "Windows-874 (Thai)",
    "cp932": "Shift_JIS (Japanese)",
    "euc_jp": "EUC-JP (Japanese)",
    "iso2022_jp": "ISO-2022-JP (Japanese)",
    "gb18030": "GB18030 (Chinese)",
    "big5": "Big5 (Traditional Chinese)",
    "euc_kr": "EUC-KR (Korean)",
    "cp949": "Windows-949 (Korean)",
}

# Declared labels as browsers read them (WHATWG encoding standard), mapped to the codec we decode with.
_LABELS = {
    "cp1252": "iso-8859-1 iso8859-1 iso_8859-1 latin1 l1 us-ascii ascii windows-1252 cp1252 x-cp1252 cp819 ibm819",
    "cp1250": "windows-1250 cp1250 x-cp1250",
    "cp1251": "windows-1251 cp1251 x-cp1251",
    "iso8859_2": "iso-8859-2 iso8859-2 iso_8859-2 latin2 l2",
    "iso8859_15": "iso-8859-15 iso8859-15 iso_8859-15 latin9 l9",
    "koi8_r": "koi8-r koi8 koi8_r cskoi8r",
    "koi8_u": "koi8-u koi8-ru",
    "cp1253": "windows-1253 cp1253",
    "cp1254": "windows-1254 cp1254 iso-8859-9 iso8859-9 latin5 l5",
    "cp1255": "windows-1255 cp1255",
    "cp1256": "windows-1256 cp1256",
    "cp1257": "windows-1257 cp1257",
    "cp874": "windows-874 tis-620 iso-8859-11 dos-874",
    "cp932": "shift_jis shift-jis sjis x-sjis windows-31j ms_kanji ms932 cp932 csshiftjis",
    "euc_jp": "euc-jp x-euc-jp cseucpkdfmtjapanese",
    "iso2022_jp": "iso-2022-jp csiso2022jp",
    "gb18030": "gb18030 gbk gb2312 x-gbk chinese csgb2312 cp936 windows-936 iso-ir-58",
    "big5": "big5 big5-hkscs cn-big5 x-x-big5 csbig5",
    "cp949": "euc-kr ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 korean windows-949 cp949",
    # A page whose declaration could be read as ASCII is not UTF-16, whatever it says (WHATWG).
    "utf-8": "utf-8 utf8 unicode-1-1-utf-8 utf-16 utf-16le utf-16be unicode",
}
LABELS = {label: codec for codec, labels in _LABELS.items() for label in labels.split()}


def codec_for_label(label: str) -> str | None:
    """The codec to decode with for a declared charset label, or None when we do not know the label."""
    label = label.strip().lower()
    if label in LABELS:
        return LABELS[label]
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return LABELS.get(name, name)


def describe(codec: str) -> str:
    return NAMES.get(codec, codec.upper().replace("_", "-"))


def check_hint(codec: str) -> str:
    return "check accented letters" if codec in LATIN_PAGES else "check that the text reads right"
