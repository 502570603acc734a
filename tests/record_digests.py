"""Extract the given files in the given order in this one process; print {path: sha256 of the record}.

Run as a script by test_independence.py, so each call is a fresh interpreter whose
hash seed the test chooses.
"""

import hashlib
import json
import sys
from pathlib import Path

from extractor.config import ExtractConfig
from extractor.pipeline import extract_document
from extractor.serialize import dumps


def main(paths: list[str]) -> None:
    config = ExtractConfig()
    digests = {}
    for p in paths:
        path = Path(p)
        try:
            record = dumps(extract_document(path.read_bytes(), path.name, config))
        except Exception as exc:  # the failure is part of what must not depend on order
            record = f"{type(exc).__name__}: {exc}"
        digests[p] = hashlib.sha256(record.encode("utf-8")).hexdigest()
    json.dump(digests, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
