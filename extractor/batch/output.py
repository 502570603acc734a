"""OUT's layout: where a record goes, how it is written, which files are records, what is shown.

Records live at OUT/<relative path>.json; the run's own files live under OUT/.extractor/, which
no record can shadow (hidden inputs are not inputs). Nothing here writes or deletes outside OUT.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Set
from pathlib import Path

from extractor.batch.errors import DocumentError, OutputFull, OutputUnusable
from extractor.serialize import write_atomic

RUN_DIR = ".extractor"
STATE_FILE = "state.json"
MANIFEST = "manifest.json"
ERROR_LOG = "errors.jsonl"
LOCK_FILE = "lock"
#: Run files of the old layout (before OUT/.extractor/), at the top of OUT: read once for migration, then removed.
LEGACY = {
    "state": ".extractor-state.json",
    "lock": ".extractor.lock",
    "manifest": "manifest.json",
    "errors": "errors.jsonl",
}
TMP_PREFIX, TMP_SUFFIX = ".tmp-", ".part"
FATAL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO}


def shown(name: str) -> str:
    """A file name safe to print: undecodable bytes as \\xNN, control and other unprintable
    characters escaped (\\n, \\x1b), so a name cannot break a line or drive the terminal."""
    text = json_name(name)
    out = []
    for ch in text:
        if ch.isprintable() or ch == " ":
            out.append(ch)
        elif ch in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
    return "".join(out)


def json_name(name: str) -> str:
    """The name as valid Unicode text: bytes that are not UTF-8 (surrogate-escaped) become \\xNN."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def is_valid_name(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def record_path(out_dir: Path, rel: str) -> Path:
    return out_dir / (rel + ".json")


def prepare(out_dir: Path) -> Path:
    """Create OUT and OUT/.extractor and prove they are writable; OutputUnusable otherwise."""
    run_dir = out_dir / RUN_DIR
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        run_dir.mkdir(exist_ok=True)
        probe = run_dir / f"{TMP_PREFIX}probe-{os.getpid()}{TMP_SUFFIX}"
        with open(probe, "wb") as f:
            f.write(b"ok")
        probe.unlink()
    except FileExistsError as e:
        where = e.filename or out_dir
        raise OutputUnusable(f"cannot use {out_dir} as the output folder: {where} is a file, not a folder")
    except OSError as e:
        raise OutputUnusable(f"cannot write to the output folder {out_dir}: {e.strerror or e}")
    return run_dir


def target_problem(out_dir: Path, rel: str, name_max: int) -> DocumentError | None:
    """Why the record of `rel` cannot be written, found before extracting it; None when it can."""
    target = record_path(out_dir, rel)
    parts = (rel + ".json").split("/")
    if any(len(os.fsencode(p)) > name_max for p in parts) or len(os.fsencode(str(target))) >= 4096:
        return DocumentError(
            "name_too_long",
            f"the record's name would be longer than the file system allows ({name_max} bytes)",
            stage="write",
        )
    parent = out_dir
    for p in parts[:-1]:
        parent = parent / p
        try:
            st = os.lstat(parent)
        except FileNotFoundError:
            break
        except OSError as e:
            return DocumentError("output_conflict", f"the record's folder cannot be used: {e.strerror}", stage="write")
        if stat.S_ISLNK(st.st_mode):
            if not _inside(parent, out_dir):
                return DocumentError(
                    "output_conflict", "a symlink in OUT on the record's path leads outside OUT", stage="write"
                )
            try:
                st = os.stat(parent)
            except OSError:
                return DocumentError(
                    "output_conflict", "a broken symlink in OUT is where the record's folder goes", stage="write"
                )
        if not stat.S_ISDIR(st.st_mode):
            return DocumentError("output_conflict", "a file in OUT is where the record's folder goes", stage="write")
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as e:
        return DocumentError("output_conflict", f"the record's place cannot be used: {e.strerror}", stage="write")
    if not stat.S_ISREG(st.st_mode):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "something other than a file"
        return DocumentError("output_conflict", f"{kind} is already where the record goes", stage="write")
    return None


def name_max(out_dir: Path) -> int:
    try:
        return int(os.pathconf(out_dir, "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):
        return 255


def _inside(path: Path, root: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def write_record(out_dir: Path, rel: str, content: str) -> None:
    """Write one record atomically. DocumentError for this document; OutputFull when OUT itself fails."""
    target = record_path(out_dir, rel)
    if not _inside(target.parent, out_dir):
        raise DocumentError("output_conflict", "the record's folder leads outside OUT", stage="write")
    try:
        write_atomic(target, content)
    except OSError as e:
        raise _write_error(e) from e


def _write_error(e: OSError) -> Exception:
    if e.errno in FATAL_ERRNOS:
        return OutputFull(f"cannot write to the output folder: {e.strerror}")
    if e.errno == errno.ENAMETOOLONG:
        return DocumentError("name_too_long", "the record's name is longer than the file system allows", "write")
    if e.errno in (errno.EISDIR, errno.ENOTDIR, errno.EEXIST, errno.ENOTEMPTY):
        return DocumentError("output_conflict", f"the record cannot be written where it goes: {e.strerror}", "write")
    return DocumentError("write_failed", f"the record cannot be written: {e.strerror or e}", "write")


def write_run_file(path: Path, content: str) -> None:
    """A state, manifest or log file; OutputFull when it cannot be written."""
    try:
        write_atomic(path, content)
    except OSError as e:
        raise OutputFull(f"cannot write {path.name} to the output folder: {e.strerror or e}") from e


def read_record(out_dir: Path, rel: str) -> dict | None:
    """The record of `rel` if it is a whole record (parses, is an object with a document), else None."""
    path = record_path(out_dir, rel)
    try:
        with open(path, "rb") as f:
            data = json.loads(f.read().decode("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("document"), dict):
        return None
    return data


def remove_record(out_dir: Path, rel: str) -> bool:
    """Delete the record of `rel` if there is one (a regular file inside OUT). True when deleted."""
    path = record_path(out_dir, rel)
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode) or not _inside(path.parent, out_dir):
            return False
        path.unlink()
        return True
    except OSError:
        return False


def walk_out(out_dir: Path):
    """(relative POSIX path, path) of every file under OUT, hidden folders and symlinked folders left
    out; nothing outside OUT is visited."""
    for dirpath, dirnames, filenames in os.walk(out_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel_dir = Path(dirpath).relative_to(out_dir).as_posix()
        for f in sorted(filenames):
            yield (f if rel_dir == "." else f"{rel_dir}/{f}"), Path(dirpath) / f


def record_names(out_dir: Path, known: Set[str] = frozenset()) -> set[str]:
    """Relative input names of the files under OUT that are records (`<name>.json` holding a record
    whose document.source is that name), names in `known` left out unread. Other JSON files in OUT
    are not touched."""
    found = set()
    for rel, _path in walk_out(out_dir):
        if not rel.endswith(".json") or rel.rsplit("/", 1)[-1].startswith("."):
            continue
        name = rel[: -len(".json")]
        if name in known:
            continue
        rec = read_record(out_dir, name)
        if rec is not None and rec["document"].get("source") == name:
            found.add(name)
    return found


def clean_temp_files(out_dir: Path) -> int:
    """Delete `.tmp-*.part` files a killed write left under OUT (OUT/.extractor included). Call with
    the lock held: another run's temp files are in flight otherwise."""
    removed = 0
    for dirpath, dirnames, filenames in os.walk(out_dir, followlinks=False):
        dirnames[:] = [d for d in dirnames if d == RUN_DIR or not d.startswith(".")]
        for f in filenames:
            if f.startswith(TMP_PREFIX) and f.endswith(TMP_SUFFIX):
                p = Path(dirpath) / f
                try:
                    if stat.S_ISREG(os.lstat(p).st_mode):
                        p.unlink()
                        removed += 1
                except OSError:
                    pass
    return removed
