"""`extractor extract` on one document: IN a single file (record to OUT/<name>.json) or `-`
(standard input; the record goes to standard output when OUT is `-` too, else to OUT/<name>.json).

No state, manifest or lock: one document is extracted in this process and its record written at
once (to a temporary file, fsynced and renamed). A document that cannot be read is one line on
stderr with its error type, and exit status 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from extractor.config import ExtractConfig


def is_single(in_arg: str) -> bool:
    """Is IN one document (`-` or a file) rather than a folder or URL?"""
    return in_arg == "-" or ("://" not in in_arg and Path(in_arg).is_file())


def extract_one(in_arg: str, out_arg: str, config: ExtractConfig, name: str | None, quiet: bool) -> int:
    from extractor.ingest import IngestError
    from extractor.pipeline import extract_document
    from extractor.serialize import dumps

    if in_arg == "-":
        data = sys.stdin.buffer.read()
        source = name or "stdin"
    else:
        path = Path(in_arg)
        try:
            data = path.read_bytes()
        except OSError as e:
            click.echo(f"extractor: cannot read {in_arg}: {e.strerror}", err=True)
            return 2
        source = name or path.name
    try:
        record = extract_document(data, source, config)
    except IngestError as e:
        click.echo(f"FAILED  {source}: {e.error_type}: {e}", err=True)
        return 1
    text = dumps(record)
    if out_arg == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    out = Path(out_arg)
    if out.exists() and not out.is_dir():
        click.echo(f"extractor: OUT {out} is a file, not a folder", err=True)
        return 2
    target = out / f"{Path(source).name}.json"
    try:
        out.mkdir(parents=True, exist_ok=True)
        _write(target, text)
    except OSError as e:
        click.echo(f"extractor: cannot write {target}: {e.strerror}", err=True)
        return 2
    if not quiet:
        click.echo(f"extractor: 1 extracted -> {target}", err=True)
    return 0


def _write(target: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
