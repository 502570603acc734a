"""Extract the given files in the given order in this one process; print {path: sha256 of the record}.

Run as a script by test_independence.py, so each call is a fresh interpreter whose
hash seed the test chooses.
"""

import hashlib
import json
import sys
from pathlib import Path

from extractor.config import ExtractConfig
from extractor.pipeline import extract_document, extract_documents
from extractor.serialize import dumps


def _record(result) -> str:
    return dumps(result) if not isinstance(result, Exception) else f"{type(result).__name__}: {result}"


def main(paths: list[str], batch: int | None = None) -> None:
    """One record at a time (extract_document), or `batch` documents parsed together (extract_documents)."""
    config = ExtractConfig()
    digests = {}
    if batch:
        items = [(Path(p).read_bytes(), Path(p).name) for p in paths]
        for p, result in zip(paths, extract_documents(items, config, batch=batch)):
            digests[p] = hashlib.sha256(_record(result).encode("utf-8")).hexdigest()
    for p in paths if not batch else ():
        path = Path(p)
        try:
            record = dumps(extract_document(path.read_bytes(), path.name, config))
        except Exception as exc:  # the failure is part of what must not depend on order
            record = f"{type(exc).__name__}: {exc}"
        digests[p] = hashlib.sha256(record.encode("utf-8")).hexdigest()
    json.dump(digests, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--batch"]:
        main(args[2:], batch=int(args[1]))
    else:
        main(args)
