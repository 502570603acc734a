"""The shape of every rule-data file (extractor/data/*.json), as pydantic models.

`resources.load_json` validates each file against its model when it is first loaded, so a typo
in a key, a sector label the record does not know, or a list where a mapping belongs fails at
once with the file and the key named, not later as a wrong record. Words stay in the files;
this module only says what kind of value each key holds. Company knowledge-base files are
validated by extractor/extract/companies/kb.py.
"""

from __future__ import annotations

from typing import Annotated, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from extractor.models import DeadlineKind, Qualifier, Role, Sector

Words = list[str]
Iso4217 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Iso3166 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    doc: str = Field(default="", alias="_doc")


class _Open(_File):
    """A file another part of the project is still growing: known keys checked, new keys allowed."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class CommitmentsFile(_File):
    anaphora_subjects: Words
    anaphora_nouns: Words
    role_cues_before: dict[Role, Words]
    role_verbs_after: dict[Role, Words]
    total_cues: Words
    anaphora_verbs: Words
    anaphora_pronouns: Words
    role_verb_helpers: Words
    amount_lead_words: (
        Words  # 'Cellnex will invest €2.5 billion', 'Santander at $2 billion': a firm leads to its amount
    )


class CountryEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Iso3166
    name: str
    aliases: Words = []
    demonyms: Words = []
    capitals: Words = []


class AmbiguousCountry(BaseModel):
    """A name that is a country only in some documents: when the text holds one of `needs_any` (if any are
    given) and none of `unless_any` ('Congo' is the DR Congo unless the text says 'Brazzaville')."""

    model_config = ConfigDict(extra="forbid")

    code: Iso3166
    needs_any: Words = []
    unless_any: Words = []


class CountriesFile(_File):
    countries: list[CountryEntry]
    not_countries: Words
    ambiguous: dict[str, AmbiguousCountry]
    us_state_codes: Words
    us_states: Words
    major_places: Words  # cities, states and regions deal news names ('Chicago', 'Lagos', 'Western Australia'): no firm


class ContextCurrency(BaseModel):
    """A symbol or word several currencies use ('Rs', 'pesos'): the country cues that pick one."""

    model_config = ConfigDict(extra="forbid")

    default: Optional[Iso4217]
    cues: dict[Iso4217, Words]


class MoneyFile(_Open):
    currency_prefixes: dict[str, Iso4217]
    currency_prefixes_case_sensitive: Words
    prefixes_need_magnitude: Words
    prefixes_by_context: dict[str, ContextCurrency]
    currency_words: dict[str, Iso4217]
    currency_words_case_sensitive: Words
    currency_by_context: dict[str, ContextCurrency]
    magnitudes: dict[str, int]
    magnitudes_case_sensitive: Words
    qualifiers_before: dict[str, Qualifier]
    qualifiers_after: dict[str, Qualifier]
    sum_verbs_before_up_to: Words
    per_unit_after: Words
    change_verbs_before_from: Words
    not_commitment_after: Words
    size_nouns_before: Words
    number_words: dict[str, float]
    number_word_magnitudes: Words
    range_openers: Words
    range_joiners: Words
    size_approximations: Words
    conversion_cues: Words
    split_nouns: Words


class DeadlinesFile(_Open):
    cues: dict[DeadlineKind, Words]
    clock_time_zones: Words
    months: dict[str, Annotated[int, Field(ge=1, le=12)]]
    number_words: dict[str, int]
    duration_units: dict[str, str]
    events: Words
    relative_years: dict[str, int]
    period_parts: dict[str, list[int]]
    relative_months: dict[str, int]
    seasons: dict[str, int]
    fiscal_year_end: dict[str, Union[list[int], str]]
    open_period_cues: dict[DeadlineKind, Words]
    time_allowed_more: Words
    limit_for_fillers: Words
    in_duration_fillers: Words
    open_period_modifiers: Words
    duration_nouns: Words
    duration_noun_modifiers: Words
    duration_noun_determiners: Words
    bare_over_cues: Words
    bare_over_not_after: Words
    bare_over_not_before: Words
    bare_over_spend_verbs: Words
    record_words: Words
    vague_duration_after: Words
    clause_end_cues: Words
    clause_end_verbs: Words


class HtmlFile(_Open):
    title_meta: Words
    site_name_meta: Words
    description_meta: Words


class DocumentsFile(_File):
    dateline_labels: Words
    reference_date_labels: Words
    weekdays: Words
    share_words: Words
    byline_cues: Words
    not_title_starts: Words
    letterhead_bodies: Words
    letterhead_states: Words
    letterhead_names: Words
    masthead_periodicals: Words
    masthead_words: Words
    issue_labels: Words
    series_labels: Words
    document_kinds: Words
    document_kind_modifiers: Words
    page_number_labels: Words
    page_number_joiners: Words
    page_tail_labels: Words
    page_tail_joiners: Words


class OrganizationsFile(_File):
    suffixes: Words
    legal_suffixes: Words
    non_company_words: Words
    non_company_names: Words
    outlet_cues: Words
    outlet_after: Words
    outlet_heads: Words
    government_nouns_after: Words
    naming_cues: Words
    list_cues: Words
    subject_verbs: Words
    strong_subject_verbs: Words
    object_cues: Words
    table_headers: Words
    name_of_thing_after: Words
    company_nouns: Words
    public_body_heads: Words
    news_outlets: Words
    stock_exchanges: Words
    person_titles: Words
    corporate_titles: Words
    reporting_verbs: Words
    not_company_terms: Words
    share_labels: Words
    field_words: Words
    place_heads: Words
    name_connectors: Words
    and_joins_before: Words
    legal_forms_after_name: Words
    name_abbreviations: Words
    abbreviations: Words
    hyphen_joiners: Words
    legal_words_dropped: Words
    legal_prefixes: Words  # legal forms written before the name ('PT Vale Indonesia'): the same firm without them
    private_legal_forms: Words  # forms no public body ends its name with ('Public Service Company of Oklahoma')
    words_after_mention: Words
    subject_verb_helpers: Words
    strong_subject_verb_helpers: Words
    object_cue_fillers: Words
    web_domains: Words
    number_unit_suffixes: Words
    speech_verbs: Words
    product_nouns_after: Words
    site_nouns: Words  # what a firm owns and a possessive names ("Hyundai's Georgia plant", "X's Matawinie Mine")
    known_people: dict[str, Words]


class ScoringFile(_File):
    """Not an extraction rule: the evaluation's name matching, mirroring ../shared/eval/score.py."""

    name_suffixes: Words
    name_prefixes: Words


class SectorsFile(_File):
    sectors: dict[Sector, Words]
    weak: Words
    trade_object_cues: Words
    not_sector: Words


FILE_MODELS: dict[str, type[BaseModel]] = {
    "commitments.json": CommitmentsFile,
    "countries.json": CountriesFile,
    "money.json": MoneyFile,
    "deadlines.json": DeadlinesFile,
    "documents.json": DocumentsFile,
    "html.json": HtmlFile,
    "organizations.json": OrganizationsFile,
    "scoring.json": ScoringFile,
    "sectors.json": SectorsFile,
}
