"""Every public entry point says in its docstring what goes in and what comes out.

The entry points: extract_document and the stages it sequences (ingest and every reader of the
registry, Parser.analyze, every public find_* of the extraction stage, link, assemble), and the
batch `run`. find_* and read_* functions are discovered, so a new one cannot slip in without one.
"""

import importlib
import inspect
import pkgutil

import pytest

import extractor.extract
import extractor.ingest
from extractor.assemble import assemble
from extractor.batch.run import run as batch_run
from extractor.ingest import READERS, ingest
from extractor.link import link
from extractor.nlp import Parser, analyze
from extractor.pipeline import extract_document, extract_documents, find_mentions
from extractor.runner import run as runner_run

MIN_CHARS = 60  # a sentence, not a label


def _discovered() -> list:
    found = []
    for package in (extractor.extract, extractor.ingest):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for name, fn in vars(module).items():
                if name.startswith(("find_", "read_")) and inspect.isfunction(fn) and fn.__module__ == module.__name__:
                    found.append(fn)
    return found


ENTRY_POINTS = list(
    dict.fromkeys(
        [
            extract_document,
            extract_documents,
            find_mentions,
            ingest,
            *READERS.values(),
            Parser.analyze,
            Parser.analyze_many,
            analyze,
            link,
            assemble,
            batch_run,
            runner_run,
            *_discovered(),
        ]
    )
)


def test_discovery_finds_the_stage_functions():
    names = {fn.__name__ for fn in ENTRY_POINTS}
    assert {"find_amounts", "find_companies", "find_deadlines", "find_sectors", "read_pdf", "read_html"} <= names


@pytest.mark.parametrize("fn", ENTRY_POINTS, ids=lambda fn: f"{fn.__module__}.{fn.__qualname__}")
def test_entry_point_has_a_docstring(fn):
    doc = inspect.getdoc(fn) or ""
    assert len(doc) >= MIN_CHARS, f"{fn.__module__}.{fn.__qualname__}: no docstring saying what goes in and out"
