"""Inputs behind an fsspec URL (s3://bucket/prefix, file:///archive, gcs://...): listed by the driver,
read by whichever process extracts them (a pool worker or a Dask worker).

The rules are those of a local IN: hidden names (any path part starting with '.') and names matched
by `<prefix>/.extractorignore` are not inputs; the relative name is the key below the prefix. Object
stores have no FIFOs or symlinks, so the only problems are a listing that fails and names that are
not valid UTF-8 (which a store cannot hold anyway). Credentials and endpoints come from the usual
places of each file system (for S3: AWS_* variables, ~/.aws, or FSSPEC_S3_ENDPOINT_URL for an
S3-compatible server).
"""

from __future__ import annotations

import hashlib

from extractor.batch.discover import IGNORE_FILE, Discovery, Input, Problem, _ignored
from extractor.batch.errors import DocumentError, UsageError

CHUNK = 1 << 20


def is_url(path) -> bool:
    return isinstance(path, str) and "://" in path


def _fs(url: str):
    import fsspec

    fs, root = fsspec.core.url_to_fs(url)
    return fs, root.rstrip("/")


def check_url(url: str) -> None:
    try:
        fs, root = _fs(url)
        ok = fs.isdir(root)
    except ImportError as e:
        raise UsageError(f"cannot read {url}: {e} (install the file system's fsspec package, e.g. s3fs)")
    except Exception as e:  # credentials, endpoint, bucket: one clear line
        raise UsageError(f"cannot list {url}: {type(e).__name__}: {e}")
    if not ok:
        raise UsageError(f"input {url} does not exist or is not a folder (prefix)")


def discover_url(url: str) -> Discovery:
    fs, root = _fs(url)
    found = Discovery()
    try:
        fs.invalidate_cache()
        entries = fs.find(root, detail=True)
    except Exception as e:
        found.problems.append(Problem("./", "unreadable", f"the prefix cannot be listed: {type(e).__name__}: {e}"))
        return found
    patterns = _patterns(fs, root)
    for path, info in sorted(entries.items()):
        if info.get("type", "file") != "file" or not path.startswith(root + "/"):
            continue
        rel = path[len(root) + 1 :]
        if not rel or any(part.startswith(".") for part in rel.split("/")) or _ignored(rel, patterns):
            continue
        if any(_ignored("/".join(rel.split("/")[:i]) + "/", patterns) for i in range(1, rel.count("/") + 1)):
            continue
        found.inputs.append(Input(rel, fs.unstrip_protocol(path), int(info.get("size") or 0)))
    found.inputs.sort(key=lambda i: i.rel)
    return found


def _patterns(fs, root: str) -> list[str]:
    try:
        text = fs.cat_file(f"{root}/{IGNORE_FILE}").decode("utf-8", "replace")
    except Exception:
        return []
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def read_url(url: str, max_bytes: int) -> bytes:
    """The object's bytes, at most max_bytes (an object past the limit fails as too_large)."""
    import fsspec

    try:
        with fsspec.open(url, "rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise DocumentError("vanished", "the object was deleted or moved before it was read")
    except OSError as e:
        raise DocumentError("unreadable", f"cannot read the object: {e}")
    if len(data) > max_bytes:
        raise DocumentError("too_large", f"over {max_bytes} bytes, the limit", stage="limits")
    return data


def url_hash(url: str) -> str | None:
    """sha256 of the object's bytes (None when it cannot be read: the worker will say why)."""
    import fsspec

    h = hashlib.sha256()
    try:
        with fsspec.open(url, "rb") as f:
            while chunk := f.read(CHUNK):
                h.update(chunk)
    except Exception:
        return None
    return h.hexdigest()
