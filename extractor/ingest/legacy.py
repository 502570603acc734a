"""Legacy (single-byte) encodings: windows-1252 recognised before charset-normalizer is asked.

charset-normalizer's mess score rates windows-1252's euro sign and curly quotes as noise where
another code page turns the same bytes into letters: English text with "€5 billion" and smart
quotes comes back as cp775 ("Ć5 billion"), cp852 or, once the text is longer, cp1251 ("Ђ5
billion"), and cp1252 is not even among its candidates. So the common case is recognised
first, by a deliberately strict test (a text that fails it goes to charset-normalizer as before):

- the bytes decode as cp1252 (its five unassigned bytes do not occur);
- at most 10% of the characters are non-ASCII, and none comes three in a row as letters
  (text in Cyrillic or Greek code pages read as cp1252 is nearly all such letters);
- every non-ASCII character is a letter of Western European languages or cp1252 punctuation;
  ð, þ and ý, rare in cp1252 documents, are the bytes of ğ, ş and ı in Turkish cp1254 and of
  š and ž in Baltic cp1257, so they disqualify;
- no symbol sits between two letters ("Za¿ó³æ" is Polish cp1250 read as cp1252), except the
  apostrophes, hyphens, dashes and middle dot that do in real text.
"""

from __future__ import annotations

import re

_LETTERS = "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜßàáâãäåæçèéêëìíîïñòóôõöøùúûüÿŒœŠšŽžŸ"
_PUNCTUATION = "€‚„…†‡‰‹›‘’“”•–—™\u00a0¡¢£¥§©ª«®°±²³´µ¶·¹º»¼½¾¿×÷\u00ad"
_BETWEEN_LETTERS_OK = "’‘–—·\u00ad"
_ALLOWED = set(_LETTERS + _PUNCTUATION)
_LETTER = rf"[A-Za-z{_LETTERS}]"
_SANDWICHED = re.compile(
    rf"{_LETTER}[{re.escape(''.join(sorted(set(_PUNCTUATION) - set(_BETWEEN_LETTERS_OK))))}]{_LETTER}"
)
_RUN = re.compile(rf"[{_LETTERS}]{{3}}")
_FOREIGN = re.compile("[ðþýÐÞÝ]")  # Turkish ğ ş ı, Baltic š ž, Czech ý read as cp1252
_ASCII = bytes(range(128))
# Western and Central European DOS and Mac code pages: rare in documents, often charset-normalizer's
# mistaken pick for windows-125x text. (DOS Cyrillic, cp866, is still met and stays as picked.)
_DOS_OR_MAC = re.compile(r"^(?:cp(?:437|775|850|852|857|858|860|861|863|865)|mac_\w+|hp_roman8)$")
_NEARLY = 0.1  # mess-score margin within which a Windows code page is preferred


def plain_cp1252(data: bytes) -> str | None:
    """The text, when the bytes are plainly windows-1252 (the test above); else None."""
    high = data.translate(None, _ASCII)  # the non-ASCII bytes (one character each in cp1252)
    if not high or len(high) > 0.1 * len(data):
        return None
    try:
        if not _ALLOWED.issuperset(bytes(sorted(set(high))).decode("cp1252")):
            return None
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if _RUN.search(text) or _SANDWICHED.search(text):
        return None
    return text


def _cp1252_suspect(data: bytes) -> bool:
    """The cp1252 reading shows another code page's letters: ð, þ or ý, or a symbol inside a word."""
    text = data[:200_000].decode("cp1252", "replace")
    return bool(_FOREIGN.search(text) or _SANDWICHED.search(text))


def legacy_choice(results, best, data: bytes) -> str:
    """charset-normalizer's pick among single-byte code pages, with two corrections. Short English
    text with smart quotes reads as cleanly in cp852, cp437 or cp1250 as in cp1252; cp1252 is by
    far the most common legacy encoding of such text, so it wins a tie, unless its reading shows
    another code page's letters (Polish "Rz¹d" for "Rząd"). And when it picks a DOS, Mac or HP
    code page and a Windows one scores nearly as well, the Windows one (cp1252 first) is taken;
    when it picks cp1252 for a suspect reading, another Windows code page scoring nearly as well."""
    suspect = _cp1252_suspect(data)
    if not suspect and any("cp1252" in m.could_be_from_charset and m.chaos <= best.chaos for m in results):
        return "cp1252"
    if _DOS_OR_MAC.match(best.encoding) or (suspect and best.encoding == "cp1252"):
        windows = sorted(
            (c != "cp1252", m.chaos, c)
            for m in results
            for c in m.could_be_from_charset
            if c.startswith("cp125") and m.chaos <= best.chaos + _NEARLY and not (suspect and c == "cp1252")
        )
        if windows:
            return windows[0][2]
    return best.encoding
