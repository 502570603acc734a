"""Rule data files shipped inside the package (extractor/data/*.json)."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources

DATA_PACKAGE = "extractor.data"


@lru_cache(maxsize=None)
def load_json(name: str) -> dict:
    return json.loads(resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8"))


def rules_digest(folder=None) -> str:
    """sha256 over every rule-data file (name and bytes): part of the incremental state key."""
    h = hashlib.sha256()
    folder = folder if folder is not None else resources.files(DATA_PACKAGE)
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".json"):
            h.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    return h.hexdigest()
