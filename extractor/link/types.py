"""What the linking stage gives the record: one Link per amount that funds or prices something."""
from __future__ import annotations

from dataclasses import dataclass, field

from extractor.extract.mentions import AmountMention, DeadlineMention


@dataclass
class Link:
    amount: AmountMention
    companies: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)  # name, mention, role, cue
    countries: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    deadline: DeadlineMention | None = None
    context: str = "sentence"
    is_total: bool = False
    part_of: int | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    equivalent_of: int | None = None  # index of the link whose sum this one restates in another currency
