"""No rule word list left in code: the words the rules match live in extractor/data/*.json.

Every string literal of extractor/**/*.py is read for words that only a rule list uses (month
names, legal forms, money words, deadline cues, sector phrases, ...). Docstrings and comments may
name such words as examples ("Toyota Motor Corp."): comments never reach the tokens read here, and
docstrings (a string that is a statement of its own) are skipped, as are examples quoted inside a
message or help text ("a unit or time zone ('GW', 'EST')"). A regex is read as words: its escapes
(\\s, \\b) count as spaces, so 'no\\s+later\\s+than' is the phrase 'no later than' and
'Jan(?:uary)?' names 'Jan'.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "extractor"

# Words (or phrases) that belong to a rule list, comma-separated. An entry with a capital letter
# matches as written ('May', not the verb); a lower-case entry matches in any case ('gmbh' finds 'GmbH').
KNOWN_RULE_WORDS: dict[str, str] = {
    "month names (deadlines.json months)": (
        "january, february, March, april, May, june, july, august, september, october, november, december, "
        "Jan, Feb, Mar, Apr, Jun, Jul, Aug, Sep, Sept, Oct, Nov, Dec"
    ),
    "weekdays (documents.json)": (
        "monday, tuesday, wednesday, thursday, friday, saturday, sunday, Tues, Wednes, Thurs, Satur"
    ),
    "dateline words (documents.json)": "Published, Posted, Dated, Compiled, Date of issue, For release",
    "legal forms (organizations.json)": (
        "gmbh, ltd, llc, plc, Inc, Corp, incorporated, corporation, berhad, bhd, pjsc, oyj, tbk, pte, pty"
    ),
    "abbreviations (organizations.json)": "Bros, Mfg, Intl, Mrs",
    "hyphen joiners (organizations.json)": "headquartered, affiliated",
    "money words (money.json)": (
        "billion, trillion, million, quadrillion, bn, mln, dollars, euros, rupees, pesos, riyals"
    ),
    "qualifiers (money.json)": (
        "approximately, roughly, nearly, in excess of, upwards of, as much as, no more than, equivalent to"
    ),
    "deadline cues (deadlines.json)": (
        "no later than, not later than, by the end of, on or before, deadline of, business days"
    ),
    "sector phrases (sectors.json)": "semiconductor, lithium, rare earth, liquefied natural gas, shipyard",
    "company context words (organizations.json)": "stated, is set to, agreed to, Japanese, Korean, gw, mw, km, kg",
    "commitment cues (commitments.json)": "pledged to, committed to",
    "title and page words (documents.json)": (
        "whatsapp, pinterest, linkedin, twitter, embassy, consulate, secretariat, Ministry, Bureau, "
        "newsletter, bulletin, Weekly, quarterly, seite, página"
    ),
    "meta names (html.json)": "og, publisher",
    "time zones (deadlines.json)": "GMT, UTC, EDT, EST, KST, JST",
}

# Files whose rule words are part of a grammar, not a list, with the reason.
ALLOWED_FILES: dict[str, str] = {
    "extract/deadlines.py": (
        "the grammar of its period patterns: a.m./p.m., ordinal quarters and halves and fiscal-year words are "
        "bound to the regex groups that compute the date (deadline_calendar.py reads those groups)"
    )
}

# Single words that are not rule data where they stand.
ALLOWED_WORDS: dict[tuple[str, str], str] = {
    ("batch/worker.py", "Corp"): "the warm-up sentence a worker runs through the pipeline: a sample text",
    ("batch/worker.py", "billion"): "the warm-up sentence a worker runs through the pipeline: a sample text",
    ("tracker/report.py", "trillion"): "the report spells a sum out for its reader: output wording, not a rule",
    ("tracker/report.py", "billion"): "the report spells a sum out for its reader: output wording, not a rule",
    ("tracker/report.py", "million"): "the report spells a sum out for its reader: output wording, not a rule",
}

_WORD = re.compile(r"[^\W\d]+")  # letters and '_': 'critical_minerals' (a record label) stays one word
_ESCAPE = re.compile(r"\\[A-Za-z]")  # \s, \b, \d, \n: white space to the words around them
_PREFIX = re.compile(r"^[A-Za-z]*")
# An example quoted in a message: opened after a space or bracket, closed before one, no regex inside.
_QUOTED = re.compile(r"""(?:^|(?<=[\s(\[]))(['‘"“])[^'‘’"“”|\\]{1,80}?['’"”](?=$|[\s),.;:\]])""")


def _phrases() -> list[tuple[str, tuple[str, ...], bool]]:
    """(what, words of the phrase, case-sensitive) for every known entry."""
    out = []
    for what, entries in KNOWN_RULE_WORDS.items():
        for entry in entries.split(", "):
            out.append((what, tuple(entry.split()), entry != entry.lower()))
    return out


def _docstring_spans(tree: ast.AST) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where the strings that are statements of their own (docstrings) start and end."""
    spans = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            end = (node.end_lineno or node.lineno, node.end_col_offset or 0)
            spans.append(((node.lineno, node.col_offset), end))
    return spans


def string_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal that is not a docstring, a line per line of the literal."""
    docs = _docstring_spans(ast.parse(source))
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type != tokenize.STRING or any(a <= tok.start and tok.end <= b for a, b in docs):
            continue
        body = tok.string[len(_PREFIX.match(tok.string).group(0)) :]
        quote = body[:3] if body[:3] in ('"""', "'''") else body[:1]
        for i, line in enumerate(body[len(quote) : -len(quote)].split("\n")):
            out.append((tok.start[0] + i, line))
    return out


def rule_words(source: str) -> list[tuple[int, str, str, str]]:
    """(line, entry, what, as written) for every known rule word in the string literals of `source`."""
    phrases = _phrases()
    hits = []
    for line, text in string_literals(source):
        words = _WORD.findall(_ESCAPE.sub(" ", _QUOTED.sub(" ", text)))
        folded = [w.lower() for w in words]
        for what, phrase, case_sensitive in phrases:
            seq = words if case_sensitive else folded
            n = len(phrase)
            for i in range(len(seq) - n + 1):
                if tuple(seq[i : i + n]) == phrase:
                    hits.append((line, " ".join(phrase), what, " ".join(words[i : i + n])))
                    break
    return hits


def scan(package: Path = PACKAGE) -> dict[str, list[tuple[int, str, str, str]]]:
    """{path under extractor/: hits} for every module with a rule word in its code, allowed words left out."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        hits = [h for h in rule_words(path.read_text(encoding="utf-8")) if (rel, h[1]) not in ALLOWED_WORDS]
        if hits:
            found[rel] = hits
    return found


def test_no_rule_word_lists_in_code():
    found = {rel: hits for rel, hits in scan().items() if rel not in ALLOWED_FILES}
    report = [
        f"extractor/{rel}:{line}: {written!r} is one of the {what}: it belongs in extractor/data/, not in code"
        for rel, hits in found.items()
        for line, _, what, written in hits
    ]
    assert not report, "rule words in code:\n" + "\n".join(report)


@pytest.mark.parametrize(
    "source, expected",
    [
        ('X = re.compile(r"(?:Inc|Ltd|GmbH)\\.?")\n', {"ltd", "gmbh", "Inc"}),
        ('M = r"Jan(?:uary)?|Sept?(?:ember)?"\n', {"Jan", "Sept"}),
        ('CUES = {"no later than", "by the end of"}\n', {"no later than", "by the end of"}),
        ('P = r"no\\s+later\\s+than"\n', {"no later than"}),
        ('f"{n} billion"\n', {"billion"}),
        ('"""Toyota Motor Corp. raised $2 billion in May."""\n# GmbH, Ltd\nX = 1\n', set()),
        ('def f():\n    """Bros. and Mfg."""\n    return "may"\n', set()),
        ('SECTOR = "critical_minerals"\nY = "may not"\n', set()),
        ("HELP = \"dates ('next year', 'a March summit') in documents\"\n", set()),
        ("R = Rule(\"suffix_only\", \"only a corporate word ('Company', 'Inc.')\")\n", set()),
        ('J = re.compile(r"(?:’s|\'s)\\s+|-(?:owned|headquartered)\\b")\n', {"headquartered"}),
        ('Q = r"[\'’]s\\s+(?:GmbH|Ltd)"\n', {"gmbh", "ltd"}),
    ],
)
def test_the_scan_reads_code_not_docs(source, expected):
    assert {entry for _, entry, _, _ in rule_words(source)} == expected
