"""Tools for the people who read the records: `diff`, `review` (a static HTML site) and `export`.

They all start from an output folder of `extractor extract` and read only the records
(`OUT/<relative path>.json`): the run's own files (manifest, error log, incremental state, lock)
live in the hidden folder `OUT/.extractor/`, and anything hidden is left out. Records are read as plain JSON, not
validated, so records written by an older or newer extractor can still be compared.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath

__all__ = ["ReviewError", "load_records", "path_key", "NOT_RECORDS"]

#: Files at the top of OUT that belong to the run, not to a document: none since the run files moved
#: to OUT/.extractor/ (a top-level `manifest.json` is the record of an input named `manifest`; the
#: run manifest an older version left there holds no `document`, so it is skipped as a non-record).
NOT_RECORDS: frozenset[str] = frozenset()


class ReviewError(Exception):
    """An output folder that cannot be read (a record that is not valid JSON, an unreadable file)."""


def path_key(name: str) -> tuple[str, ...]:
    """Sort key for record names: path order, folder by folder."""
    return PurePosixPath(name).parts


def load_records(out_dir: Path) -> dict[str, dict]:
    """Every record under `out_dir`, keyed by its name, sorted in path order.

    The name is the record's path relative to `out_dir` (POSIX) without the final `.json`, which
    is the input's relative path (`documents/a.pdf.json` -> `documents/a.pdf`). Hidden files and
    folders (OUT/.extractor/ with the run files, temporary files) and any JSON file that is not an
    object with a `document` (an older version's manifest.json) are skipped. A `.json` file that does not parse raises
    ReviewError naming it.
    """
    out_dir = Path(out_dir)
    found: dict[str, dict] = {}
    for root, dirs, files in os.walk(out_dir, onerror=_raise):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_root = Path(root).relative_to(out_dir)
        for name in sorted(files):
            if name.startswith(".") or not name.endswith(".json"):
                continue
            if rel_root == Path(".") and name in NOT_RECORDS:
                continue
            path = Path(root) / name
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, ValueError) as e:
                raise ReviewError(f"{path}: cannot read record: {e}") from e
            if not isinstance(data, dict) or not isinstance(data.get("document"), dict):
                continue
            key = (rel_root / name).as_posix()[: -len(".json")]
            found[key] = data
    return {k: found[k] for k in sorted(found, key=path_key)}


def _raise(err: OSError) -> None:
    raise ReviewError(f"{err.filename}: {err.strerror or err}")
