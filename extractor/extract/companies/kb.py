"""The company knowledge base: well-known firms as data (extractor/data/companies/*.json).

One file per region, entries sorted by name. Each entry is a canonical name, its
aliases (other names the press uses; tickers only in `tickers`), its home country
(ISO 3166-1 alpha-3) and its main sector. The KB is one piece of evidence for the
company rules, never the only way in, and it gives a found company its canonical
name and home country.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from extractor.models import Sector
from extractor.resources import load_json

KB_PACKAGE = "extractor.data.companies"
KbSector = Optional[Sector | Literal["finance", "consumer", "conglomerate", "logistics", "other"]]
_ALPHA3 = re.compile(r"^[A-Z]{3}$")


@lru_cache(maxsize=1)
def _legal_head() -> re.Pattern:
    """Legal forms written before the name ('PT Vale Indonesia'; organizations.json legal_prefixes)."""
    prefixes = load_json("organizations.json")["legal_prefixes"]
    words = "|".join(re.escape(w.lower().rstrip(".")) for w in sorted(set(prefixes), key=lambda w: (-len(w), w)))
    return re.compile(rf"^(?:{words})\.?\s+(?=\S)")


@lru_cache(maxsize=1)
def _legal_tail() -> re.Pattern:
    """Trailing words that do not change which firm is named: "Toyota Motor Corp." is "Toyota Motor"
    (organizations.json legal_words_dropped; a period inside a word is optional)."""
    dropped = load_json("organizations.json")["legal_words_dropped"]
    words = "|".join(re.escape(w).replace(r"\.", r"\.?") for w in sorted(set(dropped), key=lambda w: (-len(w), w)))
    return re.compile(rf"(?:[\s,]+(?:{words})\.?)+$")


class KnownCompany(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=2, description="canonical name, as the firm names itself in English")
    aliases: list[str] = Field(default_factory=list, description="other names the press uses")
    country: str = Field(description="home country, ISO 3166-1 alpha-3")
    sector: KbSector = None
    tickers: list[str] = Field(default_factory=list, description="exchange tickers, matched only as tickers")

    @field_validator("country")
    @classmethod
    def _alpha3(cls, v: str) -> str:
        if not _ALPHA3.match(v):
            raise ValueError(f"country {v!r} is not ISO alpha-3")
        return v


class KbFile(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    doc: str = Field(alias="_doc")
    companies: list[KnownCompany]


class KbError(ValueError):
    """A knowledge-base file that does not validate: names the file and what is wrong."""


@lru_cache(maxsize=1 << 16)  # a pure function of the string, asked ~300 times a document
def name_key(name: str) -> str:
    """The form two names of one firm share: case, accents, punctuation and legal tails folded.

    >>> name_key("Toyota Motor Corp.") == name_key("TOYOTA MOTOR")
    True
    >>> name_key("Hanwha Ocean Co., Ltd.")
    'hanwha ocean'
    """
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = s.replace("&", " and ").replace("’", "'")
    s = re.sub(r"^the\s+", "", s)
    s = _legal_head().sub("", s)
    s = _legal_tail().sub("", s.strip())
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return s.strip()


@dataclass(frozen=True)
class KnowledgeBase:
    companies: tuple[KnownCompany, ...]
    by_key: dict[str, KnownCompany]
    # One-word names, for a name written apart ('Global Foundries' for GlobalFoundries); a name the
    # KB knows with its space ('Soft Bank' as an alias of its own) is found in by_key first.
    by_joined: dict[str, KnownCompany] = field(default_factory=dict)

    def lookup(self, name: str, joined: bool = True) -> KnownCompany | None:
        """The known firm `name` names (any case, accents, punctuation, legal tail), else None; with
        `joined`, also a one-word name written apart ('Global Foundries')."""
        key = name_key(name)
        found = self.by_key.get(key)
        if found is None and joined and " " in key:
            found = self.by_joined.get(key.replace(" ", ""))
        return found


def read_files() -> dict[str, KbFile]:
    """Every KB file, validated: {file name: content}. Raises KbError naming the file."""
    files: dict[str, KbFile] = {}
    for entry in sorted(resources.files(KB_PACKAGE).iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        try:
            files[entry.name] = KbFile.model_validate_json(entry.read_text(encoding="utf-8"))
        except ValidationError as exc:
            raise KbError(f"data/companies/{entry.name}: {exc}") from exc
    return files


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """All files merged. An alias claimed by two firms is an error (the integrity test names it)."""
    companies: list[KnownCompany] = []
    by_key: dict[str, KnownCompany] = {}
    for fname, f in read_files().items():
        for c in f.companies:
            companies.append(c)
            for n in (c.name, *c.aliases):
                k = name_key(n)
                if k in by_key and by_key[k].name != c.name:
                    raise KbError(f"data/companies/{fname}: {n!r} names both {by_key[k].name!r} and {c.name!r}")
                by_key[k] = c
    by_joined = {k: c for k, c in by_key.items() if " " not in k}
    return KnowledgeBase(tuple(companies), by_key, by_joined)
