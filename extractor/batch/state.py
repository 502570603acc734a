"""The incremental state: which input bytes each record was made from, under which run key.

OUT/.extractor/state.json = {"key": <sha256 of the run key>, "documents": {<relative name>:
{"sha256": <hex>}}}. It is validated on reading (pydantic): a file of the wrong shape is ignored
as a whole (everything is reprocessed), an entry whose name is not a plain relative path inside
OUT (`../victim`, `/etc/x`) is dropped. The state only ever decides what to skip: no file is
written or deleted because of a name found in it.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path, PurePosixPath
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from extractor.batch.output import LEGACY, STATE_FILE, write_run_file
from extractor.serialize import dumps


class DocState(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class State(BaseModel):
    model_config = ConfigDict(extra="ignore")
    key: Optional[str] = None
    documents: dict[str, DocState] = Field(default_factory=dict)

    @field_validator("documents", mode="before")
    @classmethod
    def _safe_names(cls, docs):
        if not isinstance(docs, dict):
            raise ValueError("documents must be an object")
        return {k: v for k, v in docs.items() if isinstance(k, str) and is_safe_name(k)}


def is_safe_name(name: str) -> bool:
    """A relative POSIX path with no empty, '.', '..' or hidden part, no NUL, valid UTF-8."""
    if not name or "\0" in name or name.startswith("/"):
        return False
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    parts = PurePosixPath(name).parts
    return (
        bool(parts)
        and "/".join(parts) == name
        and all(p not in ("", ".", "..") and not p.startswith(".") for p in parts)
    )


def key_hash(key: dict) -> str:
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()


def load_state(run_dir: Path, out_dir: Path, log) -> State:
    """The state, from OUT/.extractor/state.json or, once, from where the old layout kept it
    (OUT/.extractor-state.json); an empty state when there is none or it is invalid."""
    path = run_dir / STATE_FILE
    if not path.exists() and (out_dir / LEGACY["state"]).is_file():
        path = out_dir / LEGACY["state"]
    if not path.exists():
        return State()
    try:
        return State.model_validate(json.loads(path.read_bytes().decode("utf-8")))
    except (OSError, ValueError, ValidationError) as e:
        reason = (
            "not valid JSON"
            if isinstance(e, ValueError) and not isinstance(e, ValidationError)
            else "of the wrong shape"
            if isinstance(e, ValidationError)
            else "unreadable"
        )
        log(f"state file {path.name} is {reason}; reprocessing everything")
        return State()


def save_state(run_dir: Path, key: str, documents: dict[str, dict]) -> None:
    write_run_file(run_dir / STATE_FILE, dumps({"key": key, "documents": dict(sorted(documents.items()))}))


def file_hash(path: Path) -> str | None:
    """sha256 of a regular file's bytes (None when it cannot be read: the worker will say why)."""
    h = hashlib.sha256()
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        while chunk := os.read(fd, 1 << 20):
            h.update(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    return h.hexdigest()
