"""The record schema (RECORD.md) as pydantic models.

Field order here is the key order in the JSON output. `schemas/record.schema.json`
is generated from `Record` (`make schemas`); a test keeps the two in step.
"""

from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal["1"] = "1"

Number = Union[int, float]
Span = tuple[int, int]

Qualifier = Literal["exact", "approx", "up_to", "at_least", "range"]
DeadlineKind = Literal["by", "within", "through", "before", "starting"]
Sector = Literal[
    "energy",
    "critical_minerals",
    "semiconductors",
    "artificial_intelligence",
    "telecommunications",
    "biotechnology",
    "quantum",
    "space",
    "aerospace_defense",
    "shipbuilding",
    "automotive",
    "electronics",
    "cloud_digital",
    "infrastructure",
    "agriculture",
    "manufacturing",
]
ReferenceSource = Literal["option", "published", "dateline"]  # where document.reference_date came from
Role = Literal["investor", "builder", "supplier", "buyer", "partner", "lead"]
NoticeCode = Literal[
    "mixed_encoding",  # the file mixes UTF-8 and windows-1252; invalid segments were repaired
    "no_text_layer",  # a PDF with no extractable text (scanned?)
    "unmapped_glyphs",  # a PDF whose text layer is mostly unmapped glyphs
    "pdf_library",  # a warning the PDF libraries raised while reading
    "unresolved_deadline",  # a relative deadline with no reference date to resolve it against
    "deadline_without_date",  # a deadline no rule can date ('before the end of the administration')
    "html_fallback",  # trafilatura found no (or too little) main text: the HTML reader kept its own walk
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocumentInfo(_Model):
    id: str = Field(description="sha256 hex digest of the input bytes")
    source: str = Field(description="input path relative to IN, POSIX separators")
    format: str = Field(description="txt | html | pdf | docx | md")
    encoding: Optional[str] = Field(description="text encoding the bytes were decoded with (null for PDF)")
    title: Optional[str]
    published: Optional[str] = Field(description="ISO date the document says it was published")
    reference_date: Optional[str] = Field(description="ISO date relative expressions were resolved against")
    reference_date_source: Optional[ReferenceSource]
    pages: Optional[int] = Field(description="page count (PDF only)")
    ocr_pages: list[int] = Field(
        default_factory=list, description="PDF pages whose text was read by OCR (no text layer), 1-based"
    )
    characters: int = Field(description="length of the extracted text the spans point into")


class Country(_Model):
    name: str
    code: str = Field(description="ISO 3166-1 alpha-3")
    mentions: list[Span]


class Amount(_Model):
    text: str
    value: Number = Field(description="amount in units of currency; for a range, the upper end")
    currency: str = Field(description="ISO 4217")
    qualifier: Qualifier
    min: Optional[Number]
    max: Optional[Number]
    span: Span
    page: Optional[int]
    sentence: str


class Percentage(_Model):
    text: str
    value: Number
    span: Span
    page: Optional[int]


class Company(_Model):
    name: str = Field(description="as the document first names it in full")
    canonical: Optional[str] = Field(description="the firm's name in the company knowledge base (null when unknown)")
    country: Optional[str] = Field(description="the firm's home country, ISO 3166-1 alpha-3 (null when unknown)")
    mentions: list[Span]
    sentence: str = Field(description="sentence of the first mention")


class Deadline(_Model):
    text: str
    kind: DeadlineKind
    date: Optional[str]
    duration: Optional[str]
    span: Span
    page: Optional[int]
    sentence: str


class SectorHit(_Model):
    sector: Sector
    evidence: list[str]
    mentions: list[Span]


class CommitmentAmount(_Model):
    text: str
    value: Number
    currency: str
    qualifier: Qualifier


class CommitmentCompany(_Model):
    name: str
    mention: str = Field(description="the company as the context writes it")
    role: Optional[Role]
    cue: Optional[str] = Field(description="the words that tied the company to the amount")


class Commitment(_Model):
    amount: CommitmentAmount
    companies: list[str]
    company_roles: list[CommitmentCompany]
    countries: list[str]
    sectors: list[Sector]
    deadline: Optional[str]
    deadline_text: Optional[str]
    is_total: bool = Field(description="true when later amounts are parts of this one")
    part_of: Optional[int] = Field(description="index in `commitments` of the total this amount is a part of")
    context: Literal["sentence", "block", "table_row", "heading"] = Field(
        description="where the companies and sectors were found"
    )
    span: Span
    page: Optional[int]
    sentence: str
    mentions: list[Span] = Field(description="every place the document names this same sum")
    equivalent_of: Optional[int] = Field(
        default=None,
        description="index in `commitments` of the sum this one restates in another currency "
        "('RM10 billion (US$2.4 billion)'): count one of the two",
    )


class Notice(_Model):
    code: NoticeCode
    message: str
    span: Optional[Span] = None
    page: Optional[int] = None


class Record(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    extractor_version: str
    document: DocumentInfo
    countries: list[Country]
    amounts: list[Amount]
    percentages: list[Percentage]
    companies: list[Company]
    deadlines: list[Deadline]
    sectors: list[SectorHit]
    commitments: list[Commitment]
    warnings: list[str]
    notices: list[Notice] = Field(
        default_factory=list, description="the warnings with a code and, where one place is meant, its span and page"
    )
    text: Optional[str] = Field(default=None, description="the extracted text (only with --keep-text)")
