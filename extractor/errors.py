"""Typed errors: one class per reason a document gets no record, each with a `code` (the error
log's `error_type`) and the `stage` that raised it. The CLI and the batch map classes, never
message text.

    ExtractorError
    ├── EmptyDocument        empty        nothing but whitespace or a byte-order mark
    ├── TooLarge             too_large    over --max-bytes (or the worker's memory cap)
    ├── TooManyPages         too_many_pages
    ├── UnsupportedFormat    unsupported_format
    ├── DecodeFailed         decode / binary
    ├── EncryptedPdf         encrypted
    ├── CorruptDocument      corrupt
    ├── Unreadable           unreadable
    ├── NeedsOcr             needs_ocr    image-only PDF and no Tesseract
    └── ModelUnavailable     model_unavailable   the spaCy pipeline cannot be loaded
"""

from __future__ import annotations


class ExtractorError(Exception):
    """A document cannot be turned into a record. `code` goes to the error log as `error_type`."""

    code = "error"
    default_stage = "extract"

    def __init__(self, message: str, *, code: str | None = None, stage: str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code
        self.stage = stage or self.default_stage

    @property
    def error_type(self) -> str:
        return self.code

    def __reduce__(self):  # survive pickling into and out of worker processes, whatever __init__ takes
        return _restore, (type(self), str(self), self.code, self.stage)


def _restore(cls: type[ExtractorError], message: str, code: str, stage: str) -> ExtractorError:
    error = Exception.__new__(cls)
    ExtractorError.__init__(error, message, code=code, stage=stage)
    return error


class EmptyDocument(ExtractorError):
    code, default_stage = "empty", "decode"


class TooLarge(ExtractorError):
    code, default_stage = "too_large", "limits"


class TooManyPages(ExtractorError):
    code, default_stage = "too_many_pages", "limits"


class UnsupportedFormat(ExtractorError):
    code, default_stage = "unsupported_format", "ingest"


class DecodeFailed(ExtractorError):
    code, default_stage = "decode", "decode"


class EncryptedPdf(ExtractorError):
    code, default_stage = "encrypted", "ingest"


class CorruptDocument(ExtractorError):
    code, default_stage = "corrupt", "ingest"


class Unreadable(ExtractorError):
    code, default_stage = "unreadable", "read"


class NeedsOcr(ExtractorError):
    code, default_stage = "needs_ocr", "ingest"


class ModelUnavailable(ExtractorError):
    code, default_stage = "model_unavailable", "analysis"


#: The class for each error code; codes without one ('binary') use the class named here.
BY_CODE: dict[str, type[ExtractorError]] = {
    "empty": EmptyDocument,
    "too_large": TooLarge,
    "too_many_pages": TooManyPages,
    "unsupported_format": UnsupportedFormat,
    "decode": DecodeFailed,
    "binary": DecodeFailed,
    "encrypted": EncryptedPdf,
    "corrupt": CorruptDocument,
    "unreadable": Unreadable,
    "needs_ocr": NeedsOcr,
    "model_unavailable": ModelUnavailable,
}


def error_for(code: str, message: str, stage: str | None = None) -> ExtractorError:
    """The typed error for an error code: `error_for("empty", "file is empty")` is an EmptyDocument."""
    return BY_CODE.get(code, ExtractorError)(message, code=code, stage=stage)
