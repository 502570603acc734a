"""Walk IN: the input files, and a problem for every entry that cannot be an input.

Only regular files are inputs. Hidden entries and those matched by IN/.extractorignore are left
out without a word; symlinked folders are not followed. Everything else that is not a readable
regular file inside IN is reported at once, with its name relative to IN: a FIFO or device
(`not_regular_file`), a symlink loop, a dangling symlink, a symlink leading outside IN, a name that
is not UTF-8, a folder that cannot be read.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from extractor.batch.output import is_valid_name, json_name

IGNORE_FILE = ".extractorignore"


@dataclass(frozen=True)
class Input:
    rel: str  # relative POSIX path under IN (may hold surrogate escapes; see output.json_name)
    path: Path
    size: int


@dataclass
class Problem:
    file: str
    error_type: str
    message: str
    stage: str = "read"

    def entry(self) -> dict:
        return {
            "file": json_name(self.file),
            "stage": self.stage,
            "error_type": self.error_type,
            "message": self.message,
        }


@dataclass
class Discovery:
    inputs: list[Input] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)  # files no reader takes: skipped, counted

    @property
    def names(self) -> set[str]:
        """Every name seen, inputs and problems alike: none of them is an orphan."""
        return {i.rel for i in self.inputs} | {p.file for p in self.problems} | set(self.unsupported)

    def under_unreadable(self, name: str) -> bool:
        """Is `name` inside a folder that could not be read (so whether its source exists is unknown)?"""
        return any(p.file == "./" or name.startswith(p.file) for p in self.problems if p.file.endswith("/"))


def discover_inputs(options) -> Discovery:
    """The inputs of a run (`RunOptions`): a folder walked here, an fsspec URL by remote.py."""
    if isinstance(options.in_dir, str):
        from extractor.batch.remote import discover_url

        return discover_url(options.in_dir)
    return discover(options.in_dir, include=options.include, exclude=options.exclude, strict=options.strict)


def discover(
    in_dir: Path, include: tuple[str, ...] = (), exclude: tuple[str, ...] = (), strict: bool = False
) -> Discovery:
    """`include`/`exclude`: gitignore-style patterns (pathspec) a file must match / must not match;
    files that no reader takes by extension and content are set aside in `unsupported`, or left
    as inputs to fail (`strict`)."""
    root = os.path.realpath(in_dir)
    patterns = _patterns(in_dir)
    found = Discovery()
    wanted, unwanted = _spec(include), _spec(exclude)

    def onerror(err: OSError) -> None:
        rel = _rel(in_dir, err.filename)
        found.problems.append(Problem(rel + "/", "unreadable", f"folder cannot be read: {err.strerror}"))

    for dirpath, dirnames, filenames in os.walk(in_dir, onerror=onerror, followlinks=False):
        rel_dir = Path(dirpath).relative_to(in_dir).as_posix()
        keep = []
        for d in sorted(dirnames):
            rel = d if rel_dir == "." else f"{rel_dir}/{d}"
            if (
                d.startswith(".")
                or _ignored(rel + "/", patterns)
                or (unwanted and unwanted.match_file(rel + "/"))
                or os.path.islink(os.path.join(dirpath, d))
            ):
                continue  # symlinked folders are not followed
            keep.append(d)
        dirnames[:] = keep
        for f in sorted(filenames):
            rel = f if rel_dir == "." else f"{rel_dir}/{f}"
            if f.startswith(".") or _ignored(rel, patterns):
                continue
            if (wanted and not wanted.match_file(rel)) or (unwanted and unwanted.match_file(rel)):
                continue
            item = _classify(Path(dirpath) / f, rel, root)
            if isinstance(item, Input) and not strict and not _readable(item):
                found.unsupported.append(rel)
                continue
            if isinstance(item, Input):
                found.inputs.append(item)
            else:
                found.problems.append(item)
    found.inputs.sort(key=lambda i: i.rel)
    found.unsupported.sort()
    return found


def _spec(patterns: tuple[str, ...]):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None


def _readable(item: Input) -> bool:
    """Would a reader take the file, by its extension or its first bytes? (Unreadable: let it fail.)"""
    from extractor.ingest import EXTENSIONS, has_reader

    name = item.rel.rsplit("/", 1)[-1]
    if "." not in name or "." + name.rsplit(".", 1)[-1].lower() in EXTENSIONS:
        return True
    try:
        with open(item.path, "rb") as fh:
            head = fh.read(2048)
    except OSError:
        return True
    return has_reader(head, name)


def _classify(path: Path, rel: str, root: str) -> Input | Problem:
    if not is_valid_name(rel):
        return Problem(rel, "bad_file_name", "the file name is not valid UTF-8; rename the file")
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return Problem(rel, "vanished", "the file was deleted while the folder was read")
    except OSError as e:
        return Problem(rel, "unreadable", f"cannot stat the file: {e.strerror}")
    if stat.S_ISLNK(st.st_mode):
        try:
            st = os.stat(path)
        except OSError as e:
            if e.errno == errno.ELOOP:
                return Problem(rel, "symlink_loop", "a symlink loop (the link leads back to itself)")
            if e.errno == errno.ENOENT:
                return Problem(rel, "dangling_symlink", "a symlink whose target does not exist")
            return Problem(rel, "unreadable", f"cannot follow the symlink: {e.strerror}")
        if not Path(os.path.realpath(path)).is_relative_to(root):
            return Problem(rel, "outside_input", "symlink leads outside the input folder; not followed")
    if stat.S_ISDIR(st.st_mode):
        return Problem(rel, "not_regular_file", "a folder that could not be walked")
    if not stat.S_ISREG(st.st_mode):
        return Problem(rel, "not_regular_file", f"a {_kind(st.st_mode)}, not a regular file; not read")
    return Input(rel, path, st.st_size)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def _rel(in_dir: Path, filename) -> str:
    try:
        return Path(filename).relative_to(in_dir).as_posix()
    except (TypeError, ValueError):
        return str(filename)


def _patterns(in_dir: Path) -> list[str]:
    ignore = in_dir / IGNORE_FILE
    try:
        text = ignore.read_text(encoding="utf-8", errors="replace") if ignore.is_file() else ""
    except OSError:
        return []
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _ignored(rel: str, patterns: list[str]) -> bool:
    for p in patterns:
        p = p.lstrip("/")
        if p.endswith("/"):
            if rel.startswith(p) or f"/{p}" in f"/{rel}":
                return True
        elif fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel.rsplit("/", 1)[-1], p):
            return True
    return False
