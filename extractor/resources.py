"""Rule data files shipped inside the package (extractor/data/*.json)."""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from importlib import resources
from typing import Any, get_args

DATA_PACKAGE = "extractor.data"
# Data files the extraction never reads (the deal tracker's grouping rules, the evaluation's name
# matching): changing them reprocesses nothing.
NOT_EXTRACTION_RULES = frozenset({"deals.json", "scoring.json"})


class RuleDataError(ValueError):
    """A rule-data file that does not have the shape its model says (the message names file and key)."""


@cache
def load_json(name: str) -> dict:
    """A rule-data file of extractor/data/, validated against its model in extractor/rule_files.py."""
    return validated(name, json.loads(resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")))


def validated(name: str, data: dict) -> dict:
    """`data` if it has the shape FILE_MODELS gives `name` (files without a model pass); else RuleDataError."""
    from pydantic import ValidationError

    from extractor.rule_files import FILE_MODELS

    model = FILE_MODELS.get(name)
    if model is not None:
        try:
            model.model_validate(data)
        except ValidationError as exc:
            raise RuleDataError(f"extractor/data/{name}: {exc}") from exc
    return data


def rules_digest(folder=None) -> str:
    """sha256 over every rule-data file, subfolders included (path and bytes): part of the state key."""
    h = hashlib.sha256()
    folder = folder if folder is not None else resources.files(DATA_PACKAGE)

    def walk(node, prefix: str) -> None:
        for entry in sorted(node.iterdir(), key=lambda p: p.name):
            if entry.is_dir() and not entry.name.startswith(("_", ".")):
                walk(entry, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".json") and f"{prefix}{entry.name}" not in NOT_EXTRACTION_RULES:
                h.update(f"{prefix}{entry.name}".encode() + b"\0" + entry.read_bytes() + b"\0")

    walk(folder, "")
    return h.hexdigest()


def alternation(words, flexible_space: bool = True) -> str:
    """A regex alternation of literal words, longest first (so 'Air Lines' wins over 'Air');
    with `flexible_space`, a space in a word matches any run of white space.

    >>> alternation(["Co", "Co. Ltd", "Corp"])
    'Co\\\\.\\\\s+Ltd|Corp|Co'
    """
    escaped = (re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
    return "|".join(e.replace(r"\ ", r"\s+") if flexible_space else e for e in escaped)


def one_of(value: str, literal: Any, where: str) -> Any:
    """`value` checked against a Literal type of the record (a sector label, a qualifier, a role):
    data files may only use the record's own words. Raises ValueError naming the file and the value.

    >>> from extractor.models import Qualifier
    >>> one_of("approx", Qualifier, "money.json")
    'approx'
    """
    if value not in get_args(literal):
        raise ValueError(f"{where}: {value!r} is not one of {get_args(literal)}")
    return value
