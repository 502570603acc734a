"""The typed output of the extraction stage: mentions with exact document offsets."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from extractor.models import DeadlineKind, Qualifier, Sector


@dataclass(frozen=True)
class AmountMention:
    start: int
    end: int
    text: str
    value: Decimal
    currency: str
    qualifier: Qualifier
    min: Decimal | None = None
    max: Decimal | None = None


@dataclass(frozen=True)
class PercentMention:
    start: int
    end: int
    text: str
    value: Decimal


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    code: str


@dataclass
class CompanyEntity:
    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    canonical: str | None = None  # the knowledge base's name for the firm
    country: str | None = None  # its home country (ISO alpha-3), from the knowledge base


@dataclass(frozen=True)
class DeadlineMention:
    start: int
    end: int
    text: str
    kind: DeadlineKind
    date: str | None
    duration: str | None
    unresolved: bool = False


@dataclass(frozen=True)
class SectorMention:
    start: int
    end: int
    sector: Sector
    phrase: str


@dataclass(frozen=True)
class Mentions:
    """Everything the extraction stage found in one document, each list in document order."""

    countries: list[CountryMention]
    amounts: list[AmountMention]
    percentages: list[PercentMention]
    companies: list[CompanyEntity]
    sectors: list[SectorMention]
    deadlines: list[DeadlineMention]
