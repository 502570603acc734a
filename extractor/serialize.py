"""The single JSON writer: fixed key order, indent=2, UTF-8, final newline, atomic replace."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from pydantic import BaseModel

_PAIR = re.compile(r"\[\s+(-?\d+),\s+(-?\d+)\s+\]")


def dumps(obj) -> str:
    if isinstance(obj, BaseModel):
        obj = obj.model_dump(mode="json", exclude_none=False)
        if obj.get("text", "") is None:
            del obj["text"]  # the extracted text appears only with --keep-text
    text = json.dumps(obj, ensure_ascii=False, indent=2, separators=(",", ": "))
    # Spans on one line ("[12, 40]"): records stay short and a moved span is a one-line diff.
    # Safe on the JSON text: newlines inside strings are escaped, so only real arrays match.
    return _PAIR.sub(r"[\1, \2]", text) + "\n"


def write_atomic(path: Path, content: str | bytes) -> None:
    """Temp file in the same directory, fsync, rename, fsync the directory: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
