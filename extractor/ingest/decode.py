"""Bytes to str: BOM, declared charset, strict UTF-8, then charset-normalizer."""
from __future__ import annotations

import codecs
import re
import unicodedata

from extractor.ingest.document import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# Labels browsers read as windows-1252 (WHATWG Encoding Standard): real pages so labelled use its quotes.
_AS_CP1252 = {"iso8859-1", "ascii"}
# Declarations a page cannot truthfully make in ASCII bytes; browsers ignore them too.
_NOT_DECLARABLE = ("utf-16", "utf-32", "utf-7")


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII text leaves every other byte zero."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding). Raises IngestError('decode' stage) for binary or undecodable bytes."""
    if not data.strip():
        raise IngestError("empty", "file is empty or holds only whitespace", stage="decode")
    candidates: list[str] = []
    for bom, enc in _BOMS:
        if data.startswith(bom):
            candidates.append(enc)
            break
    if not candidates:
        utf16 = _guess_utf16(data)
        if utf16:
            candidates.append(utf16)
    if declared:
        enc = _declared(declared, data)
        if enc:
            candidates.append(enc)
    candidates.append("utf-8")
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        return _checked(text, enc), enc
    if b"\x00" in data[:8192]:
        raise IngestError("binary", "binary data (NUL bytes), not text", stage="decode")
    from charset_normalizer import from_bytes

    results = from_bytes(data[:1_000_000])
    best = results.best()
    if best is None:
        raise IngestError("decode", "no text encoding decodes these bytes", stage="decode")
    enc = best.encoding
    # Short English text with smart quotes reads as cleanly in cp852, cp437 or cp1250 as in cp1252;
    # cp1252 is by far the most common legacy encoding of such text, so it wins a tie.
    if any("cp1252" in m.could_be_from_charset and m.chaos <= best.chaos for m in results):
        enc = "cp1252"
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError) as e:
        raise IngestError("decode", f"bytes do not decode as {enc}: {e}", stage="decode") from e
    return _checked(text, enc), enc


def _declared(label: str, data: bytes) -> str | None:
    """The declared charset worth trying, or None: unknown labels, encodings that could not have
    written the ASCII declaration itself, and any other label on bytes that are valid non-ASCII
    UTF-8 (pages often declare one charset and are saved in another) are skipped."""
    try:
        enc = codecs.lookup(label).name
    except LookupError:
        return None
    if enc.startswith(_NOT_DECLARABLE) or "charset".encode(enc, "replace") != b"charset":
        return None
    enc = "cp1252" if enc in _AS_CP1252 else enc
    if enc != "utf-8" and not data.isascii():
        try:
            data.decode("utf-8")
            return None
        except UnicodeDecodeError:
            pass
    return enc


def _checked(text: str, enc: str) -> str:
    """Normalize newlines and NFC; reject text that is mostly control characters."""
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise IngestError("binary", f"binary data, not {enc} text", stage="decode")
    text = _NEWLINES.sub("\n", text)
    text = _CONTROL.sub(" ", text)
    return unicodedata.normalize("NFC", text)
