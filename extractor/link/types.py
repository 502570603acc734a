"""What the linking stage gives the record: one Link per amount that funds or prices something."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from extractor.extract.mentions import AmountMention, DeadlineMention
from extractor.models import Role, Sector

Context = Literal["sentence", "block", "table_row", "heading"]


@dataclass(frozen=True)
class LinkedCompany:
    """A company tied to an amount: its entity name, the words that named it there, and its role."""

    name: str
    mention: str
    role: Role | None = None
    cue: str | None = None


@dataclass
class Link:
    amount: AmountMention
    companies: list[LinkedCompany] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    sectors: list[Sector] = field(default_factory=list)
    deadline: DeadlineMention | None = None
    context: Context = "sentence"
    is_total: bool = False
    part_of: int | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    equivalent_of: int | None = None  # index of the link whose sum this one restates in another currency
