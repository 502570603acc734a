"""Bytes to str: BOM, declared charset, strict UTF-8, mostly-UTF-8 repaired, then charset-normalizer."""

from __future__ import annotations

import codecs
import re
import unicodedata

from extractor.ingest.charsets import whatwg_codec
from extractor.ingest.document import IngestError, Notice
from extractor.ingest.legacy import legacy_choice, plain_cp1252

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_ESCAPED = re.compile("[\udc80-\udcff]+")  # bytes that are not UTF-8, kept by surrogateescape
# windows-1252 byte by byte; its five unassigned bytes map to the same code point, as in WHATWG's table.
_CP1252 = [bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(256)]
_ASCII = bytes(range(128))


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


def is_blank(data: bytes) -> bool:
    """Nothing but a byte-order mark and ASCII whitespace."""
    for bom, _ in _BOMS:
        if data.startswith(bom):
            data = data[len(bom) :]
            break
    return not data.strip()


def _empty() -> IngestError:
    return IngestError("empty", "file is empty or holds only whitespace", stage="decode")


def utf8_repaired(data: bytes) -> tuple[str, int, int] | None:
    """Bytes that are mostly UTF-8 (more than half of their non-ASCII bytes form valid UTF-8
    sequences), decoded as UTF-8 with each invalid segment decoded as windows-1252: a UTF-8 file
    with a pasted cp1252 passage, or a UTF-8 page with stray Latin-1 bytes. Returns (text, invalid
    segments, invalid bytes), or None when the bytes are not mostly UTF-8 (or are valid UTF-8)."""
    text = data.decode("utf-8", "surrogateescape")
    segments = _ESCAPED.findall(text)
    if not segments:
        return None
    bad = sum(len(seg) for seg in segments)
    valid = len(data.translate(None, _ASCII)) - bad  # non-ASCII bytes inside valid UTF-8 sequences
    if valid <= bad:
        return None
    text = _ESCAPED.sub(lambda m: "".join(_CP1252[ord(c) - 0xDC00] for c in m.group()), text)
    return text, len(segments), bad


def decode(data: bytes, declared: str | None = None, warnings: list[Notice] | None = None) -> tuple[str, str]:
    """Return (text, encoding); notes about the decoding (a repaired mixed encoding) are appended to
    `warnings`. Raises IngestError('decode' stage) for empty, binary or undecodable bytes."""
    if is_blank(data):
        raise _empty()
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
        named = _declared(declared, data)
        if named:
            candidates.append(named)
    candidates.append("utf-8")
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        return _checked(text, enc), enc
    if b"\x00" in data[:8192]:
        raise IngestError("binary", "binary data (NUL bytes), not text", stage="decode")
    repaired = utf8_repaired(data)
    if repaired is not None:
        text, segments, bad = repaired
        text = _checked(text, "utf-8")
        if warnings is not None:
            warnings.append(
                Notice(
                    "mixed_encoding",
                    f"mixed encodings: read as UTF-8, {segments} invalid byte "
                    f"sequence(s) ({bad} bytes) read as windows-1252",
                )
            )
        return text, "utf-8"
    western = plain_cp1252(data)  # before charset-normalizer, which can read such text as cp775 or cp1251
    if western is not None:
        return _checked(western, "cp1252"), "cp1252"
    from charset_normalizer import from_bytes

    results = from_bytes(data[:1_000_000])
    best = results.best()
    if best is None:
        raise IngestError("decode", "no text encoding decodes these bytes", stage="decode")
    error: Exception | None = None
    for enc in dict.fromkeys([legacy_choice(results, best, data), best.encoding]):
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError) as e:
            error = error or e
            continue
        return _checked(text, enc), enc
    raise IngestError("decode", f"bytes do not decode as {best.encoding}: {error}", stage="decode") from error


def _declared(label: str, data: bytes) -> str | None:
    """The declared charset worth trying, or None. Labels are read by the WHATWG rules (unknown ones
    are ignored; `latin1` means windows-1252; a UTF-16 label, which ASCII bytes cannot truthfully
    carry, means UTF-8). Any other label on bytes that are valid non-ASCII UTF-8, and a
    windows-1252 label on bytes that are mostly UTF-8, are skipped too: pages often declare one
    charset and are saved in another."""
    enc = whatwg_codec(label)
    if enc is None:
        return None
    if enc.startswith("utf-16"):
        return "utf-8"
    if enc != "utf-8" and not data.isascii():
        try:
            data.decode("utf-8")
            return None
        except UnicodeDecodeError:
            pass
        if enc == "cp1252" and utf8_repaired(data) is not None:
            return None
    return enc


def _checked(text: str, enc: str) -> str:
    """Normalize newlines and NFC; reject text that is mostly control characters."""
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise IngestError("binary", f"binary data, not {enc} text", stage="decode")
    if not text.strip():
        raise _empty()  # a BOM alone, or whitespace in a wider encoding
    text = _NEWLINES.sub("\n", text)
    text = _CONTROL.sub(" ", text)
    return unicodedata.normalize("NFC", text)
