-- The deal tracker's database: `extractor collect OUT --db deals.sqlite`.
--
-- One row per thing a record says, each with its evidence: the document (documents.id is the
-- record's name under OUT, which is the input path relative to IN), the character span into the
-- document's extracted text, the page (PDFs) and the sentence. Ids are text and derived from the
-- record (`<record>#amount-1`), so the same OUT always gives the same rows, however it was reached.
-- Indexes in a list (`idx`) are 0-based, as in the record (commitments.part_of points at one).
-- Cross-document tables: companies, countries, sectors, deals; everything else belongs to one
-- document and goes with it (ON DELETE CASCADE).

-- A database of another schema version is rebuilt from the records on the next collect.
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    id                    TEXT PRIMARY KEY,      -- the record's path under OUT without .json (= the input's path)
    source                TEXT NOT NULL,         -- document.source: the input path relative to IN
    sha256                TEXT NOT NULL,         -- document.id: sha256 of the input bytes
    record_sha256         TEXT NOT NULL,         -- sha256 of the record file: unchanged records are skipped
    format                TEXT,
    encoding              TEXT,
    title                 TEXT,
    published             TEXT,
    reference_date        TEXT,
    reference_date_source TEXT,
    pages                 INTEGER,
    characters            INTEGER,
    extractor_version     TEXT,
    warnings              TEXT NOT NULL          -- JSON list of strings
);

CREATE TABLE IF NOT EXISTS failed_documents (    -- OUT/.extractor/errors.jsonl
    file       TEXT PRIMARY KEY,
    stage      TEXT,
    error_type TEXT,
    message    TEXT
);

CREATE TABLE IF NOT EXISTS countries (
    code TEXT PRIMARY KEY,                       -- ISO 3166-1 alpha-3
    name TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS sectors (
    label TEXT PRIMARY KEY                       -- the fixed taxonomy of RECORD.md
);

CREATE TABLE IF NOT EXISTS companies (
    id        TEXT PRIMARY KEY,                  -- canonical name when the knowledge base knows the firm, else its name
    name      TEXT NOT NULL,
    canonical TEXT,                              -- null for firms the knowledge base does not know
    country   TEXT REFERENCES countries(code)    -- home country, null when unknown
);

CREATE TABLE IF NOT EXISTS amounts (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       NUMERIC,
    currency    TEXT,
    qualifier   TEXT,
    min         NUMERIC,
    max         NUMERIC,
    span_start  INTEGER,
    span_end    INTEGER,
    page        INTEGER,
    sentence    TEXT
);

CREATE TABLE IF NOT EXISTS company_mentions (    -- one row per place a document names a company
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    company_id  TEXT NOT NULL REFERENCES companies(id),
    idx         INTEGER NOT NULL,                -- the company's index in the record
    mention     INTEGER NOT NULL,                -- the mention's index
    name        TEXT NOT NULL,                   -- as the document first names it in full
    span_start  INTEGER,
    span_end    INTEGER,
    page        INTEGER,
    sentence    TEXT                             -- the sentence of the first mention
);

CREATE TABLE IF NOT EXISTS deadlines (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    kind        TEXT,
    date        TEXT,
    duration    TEXT,
    span_start  INTEGER,
    span_end    INTEGER,
    page        INTEGER,
    sentence    TEXT
);

CREATE TABLE IF NOT EXISTS sector_mentions (     -- one row per sector label a document carries
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sector      TEXT NOT NULL REFERENCES sectors(label),
    evidence    TEXT NOT NULL,                   -- JSON list of the phrases that triggered the label
    mentions    INTEGER NOT NULL,
    span_start  INTEGER,                         -- the first mention
    span_end    INTEGER
);

CREATE TABLE IF NOT EXISTS country_mentions (    -- one row per country a document names
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    country     TEXT NOT NULL REFERENCES countries(code),
    mentions    INTEGER NOT NULL,
    span_start  INTEGER,                         -- the first mention
    span_end    INTEGER
);

CREATE TABLE IF NOT EXISTS commitments (
    id            TEXT PRIMARY KEY,
    document_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    amount_text   TEXT NOT NULL,
    value         NUMERIC,
    currency      TEXT,
    qualifier     TEXT,
    min           NUMERIC,                       -- from the amount at the same span
    max           NUMERIC,
    deadline      TEXT,
    deadline_text TEXT,
    is_total      INTEGER NOT NULL,              -- 1 when later commitments are parts of this one
    part_of       TEXT REFERENCES commitments(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,  -- its total
    context       TEXT,
    span_start    INTEGER,
    span_end      INTEGER,
    page          INTEGER,
    sentence      TEXT,
    mentions      TEXT NOT NULL,                 -- JSON list of every span naming the same sum
    equivalent_of TEXT REFERENCES commitments(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
                                                 -- the sum this one restates in another currency: count one
);

CREATE TABLE IF NOT EXISTS commitment_companies (
    commitment_id TEXT NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    company_id    TEXT NOT NULL REFERENCES companies(id),
    document_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,                 -- as the record's commitment names it
    role          TEXT,                          -- investor, builder, supplier, buyer, partner, lead
    cue           TEXT,                          -- the words that tied the company to the amount
    PRIMARY KEY (commitment_id, company_id)
);

CREATE TABLE IF NOT EXISTS commitment_countries (
    commitment_id TEXT NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    country       TEXT NOT NULL REFERENCES countries(code),
    document_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (commitment_id, country)
);

CREATE TABLE IF NOT EXISTS commitment_sectors (
    commitment_id TEXT NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    sector        TEXT NOT NULL REFERENCES sectors(label),
    document_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (commitment_id, sector)
);

-- Deals: commitments across documents that are the same real-world commitment
-- (extractor/tracker/deals.py, rules in extractor/data/deals.json). Recomputed on every collect;
-- only rows that differ are written. A commitment that restates another in a second currency is a
-- source of that one's deal, never a deal of its own.
CREATE TABLE IF NOT EXISTS deals (
    id          TEXT PRIMARY KEY,                -- 'deal:' + the id of its first commitment
    currency    TEXT NOT NULL,
    value       NUMERIC,
    amount_text TEXT NOT NULL,                   -- the most precise wording among its sources
    is_total    INTEGER NOT NULL,
    part_of     TEXT REFERENCES deals(id) DEFERRABLE INITIALLY DEFERRED,  -- the deal this is a part of
    sources     INTEGER NOT NULL,                -- number of commitments (documents) reporting it
    companies   TEXT NOT NULL,                   -- JSON lists, the union over its sources
    countries   TEXT NOT NULL,
    sectors     TEXT NOT NULL,
    deadline    TEXT,
    first_commitment TEXT NOT NULL REFERENCES commitments(id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE IF NOT EXISTS deal_sources (
    commitment_id TEXT PRIMARY KEY REFERENCES commitments(id) ON DELETE CASCADE,
    deal_id       TEXT NOT NULL REFERENCES deals(id) DEFERRABLE INITIALLY DEFERRED
);

CREATE INDEX IF NOT EXISTS amounts_document ON amounts(document_id);
CREATE INDEX IF NOT EXISTS amounts_currency_value ON amounts(currency, value);
CREATE INDEX IF NOT EXISTS company_mentions_document ON company_mentions(document_id);
CREATE INDEX IF NOT EXISTS company_mentions_company ON company_mentions(company_id);
CREATE INDEX IF NOT EXISTS companies_country ON companies(country);
CREATE INDEX IF NOT EXISTS deadlines_document ON deadlines(document_id);
CREATE INDEX IF NOT EXISTS deadlines_date ON deadlines(date);
CREATE INDEX IF NOT EXISTS sector_mentions_document ON sector_mentions(document_id);
CREATE INDEX IF NOT EXISTS sector_mentions_sector ON sector_mentions(sector);
CREATE INDEX IF NOT EXISTS country_mentions_document ON country_mentions(document_id);
CREATE INDEX IF NOT EXISTS country_mentions_country ON country_mentions(country);
CREATE INDEX IF NOT EXISTS commitments_document ON commitments(document_id);
CREATE INDEX IF NOT EXISTS commitments_part_of ON commitments(part_of);
CREATE INDEX IF NOT EXISTS commitments_equivalent_of ON commitments(equivalent_of);
CREATE INDEX IF NOT EXISTS commitments_currency_value ON commitments(currency, value);
CREATE INDEX IF NOT EXISTS commitment_companies_company ON commitment_companies(company_id);
CREATE INDEX IF NOT EXISTS commitment_companies_document ON commitment_companies(document_id);
CREATE INDEX IF NOT EXISTS commitment_countries_country ON commitment_countries(country);
CREATE INDEX IF NOT EXISTS commitment_countries_document ON commitment_countries(document_id);
CREATE INDEX IF NOT EXISTS commitment_sectors_sector ON commitment_sectors(sector);
CREATE INDEX IF NOT EXISTS commitment_sectors_document ON commitment_sectors(document_id);
CREATE INDEX IF NOT EXISTS deals_part_of ON deals(part_of);
CREATE INDEX IF NOT EXISTS deals_first_commitment ON deals(first_commitment);
CREATE INDEX IF NOT EXISTS deal_sources_deal ON deal_sources(deal_id);

-- Readable joins for Datasette and sqlite3 users.
CREATE VIEW IF NOT EXISTS deal_source_list AS
SELECT d.id AS deal_id, d.amount_text AS deal_amount, d.currency, d.value AS deal_value,
       c.id AS commitment_id, c.document_id, doc.title, c.amount_text, c.span_start, c.span_end, c.page, c.sentence
FROM deals d JOIN deal_sources s ON s.deal_id = d.id JOIN commitments c ON c.id = s.commitment_id
JOIN documents doc ON doc.id = c.document_id;
