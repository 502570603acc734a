"""What the PDF libraries say and raise, made the document's business.

pdfminer, pdfplumber and pypdfium2 log warnings ("Cannot set gray level because ...") and issue
Python warnings while a file is read. Left alone these reach stderr without saying which document
they are about, even with `-q`. `library_noise` collects them for the duration of one read into
the document's warnings: deduplicated, in order of first appearance, at most `MAX_NOTES`, with
memory addresses blanked so records stay byte-identical across runs.

`pdf_errors()` is the tuple of exceptions the libraries raise on a bad file; `classify` maps one
to a typed IngestError (`encrypted` or `corrupt`). pdfminer also leaks plain ValueError, KeyError,
TypeError and the like from deep inside its parser; those count as the file's fault only when
raised inside a library's own code: the same exception raised in ours is a bug and propagates.
"""

from __future__ import annotations

import logging
import re
import struct
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from extractor.ingest.document import IngestError

LIBRARIES = ("pdfminer", "pdfplumber", "pypdfium2")
MAX_NOTES = 10
MAX_NOTE_CHARS = 200
_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")
# Built-in exceptions pdfminer lets escape on malformed input.
_LEAKY = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    AssertionError,
    ArithmeticError,
    EOFError,
    UnicodeError,
    struct.error,
    zlib.error,
)


def _from_library(module: str | None) -> bool:
    return module is not None and module.split(".", 1)[0] in LIBRARIES


class _Notes:
    """Distinct messages in order of first appearance, at most MAX_NOTES, and a count of the rest."""

    def __init__(self) -> None:
        self.seen: dict[str, None] = {}
        self.dropped = 0

    def add(self, source: str, message: str) -> None:
        message = _ADDRESS.sub("0x…", " ".join(str(message).split()))
        if len(message) > MAX_NOTE_CHARS:
            message = message[: MAX_NOTE_CHARS - 1] + "…"
        note = f"PDF library warning ({source}): {message}"
        if note in self.seen:
            return
        if len(self.seen) < MAX_NOTES:
            self.seen[note] = None
        else:
            self.dropped += 1

    def lines(self) -> list[str]:
        extra = [f"PDF library warnings: {self.dropped} more distinct message(s) not listed"] if self.dropped else []
        return [*self.seen, *extra]


class _Collect(logging.Handler):
    def __init__(self, notes: _Notes) -> None:
        super().__init__(level=logging.WARNING)
        self.notes = notes

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a library's malformed log call must not fail the read
            message = str(record.msg)
        self.notes.add(record.name, message)


@contextmanager
def library_noise(sink: list[str]) -> Iterator[None]:
    """Route the PDF libraries' log records (WARNING and up) and Python warnings raised in their code
    into `sink` instead of stderr. Other code's warnings are issued again unchanged on exit.
    Not thread-safe (it swaps logger settings and the warnings filters); workers are processes."""
    notes = _Notes()
    handler = _Collect(notes)
    loggers = [logging.getLogger(name) for name in LIBRARIES]
    children = _library_children()
    saved = [(logger.propagate, logger.level, logger.disabled) for logger in loggers]
    saved_children = [(child.level, child.disabled) for child in children]
    # What the record says must not depend on how the host configured logging (`logging.disable`,
    # a dictConfig that disabled existing loggers, a level set on a library logger): lifted here,
    # restored on exit.
    disabled_below = logging.root.manager.disable
    logging.disable(logging.NOTSET)
    for logger in loggers:
        logger.addHandler(handler)
        logger.propagate = False
        logger.disabled = False
        logger.setLevel(logging.WARNING)
    for child in children:
        child.disabled = False
        child.setLevel(logging.NOTSET)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
    finally:
        for logger, (propagate, level, disabled) in zip(loggers, saved):
            logger.removeHandler(handler)
            logger.propagate = propagate
            logger.setLevel(level)
            logger.disabled = disabled
        for child, (level, disabled) in zip(children, saved_children):
            child.setLevel(level)
            child.disabled = disabled
        logging.disable(disabled_below)
        others = []
        for w in caught:
            module = _module_of(w.filename)
            if module:
                notes.add(module, f"{w.category.__name__}: {w.message}")
            else:
                others.append(w)
        for w in others:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        sink.extend(notes.lines())


def _library_children() -> list[logging.Logger]:
    """The libraries' module loggers that exist so far ('pdfminer.pdfinterp'), in name order."""
    found = logging.root.manager.loggerDict.items()
    return [
        log for name, log in sorted(found) if isinstance(log, logging.Logger) and "." in name and _from_library(name)
    ]


def _module_of(filename: str) -> str | None:
    """The library a warning's file belongs to ('pdfminer'), or None."""
    parts = re.split(r"[\\/]", filename or "")
    return next((part for part in reversed(parts[:-1]) if part in LIBRARIES), None)


def pdf_errors() -> tuple[type[BaseException], ...]:
    """The exceptions a bad PDF makes the libraries raise (wrappers and their own families)."""
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
    from pypdfium2 import PdfiumError

    return (PSException, PdfminerException, MalformedPDFException, PdfiumError, *_LEAKY)


def raised_by_library(e: BaseException) -> bool:
    """Is `e` the libraries' verdict on the file (their own exception types, or a built-in one raised
    inside their code), rather than a bug of ours?"""
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
    from pypdfium2 import PdfiumError

    if isinstance(e, (PSException, PdfminerException, MalformedPDFException, PdfiumError)):
        return True
    tb = e.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    return _from_library(tb.tb_frame.f_globals.get("__name__"))


def classify(e: BaseException) -> IngestError:
    """`encrypted` for pdfminer's encryption errors (bare or wrapped by pdfplumber), else `corrupt`."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = e.args[0] if e.args else None
    locked = (PDFEncryptionError, PDFPasswordIncorrect)
    if isinstance(e, locked) or isinstance(inner, locked):
        return IngestError("encrypted", "PDF is encrypted (password protected)")
    detail = str(inner if isinstance(inner, BaseException) else e) or type(inner or e).__name__
    return IngestError("corrupt", f"PDF cannot be parsed: {detail}")
