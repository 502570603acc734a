"""The company knowledge base (extractor/data/companies/*.json): well-formed, sorted, unambiguous."""

import json
from importlib import resources

import pytest

from extractor.extract.companies.kb import KB_PACKAGE, KbFile, knowledge_base, name_key, read_files

COUNTRY_CODES = {
    c["code"]
    for c in json.loads(resources.files("extractor.data").joinpath("countries.json").read_text(encoding="utf-8"))[
        "countries"
    ]
}


def test_kb_every_file_validates_and_is_sorted_by_name():
    files = read_files()
    assert files, "no KB files"
    for fname, f in files.items():
        keys = [name_key(c.name) for c in f.companies]
        assert keys == sorted(keys), f"{fname}: entries not sorted by name"
        assert len(set(keys)) == len(keys), f"{fname}: a name twice"


def test_kb_entries_are_well_formed():
    for fname, f in read_files().items():
        for c in f.companies:
            assert c.country in COUNTRY_CODES, f"{fname}: {c.name}: unknown country {c.country}"
            assert c.name == c.name.strip() and "  " not in c.name, f"{fname}: {c.name!r}"
            assert len(set(map(name_key, c.aliases))) == len(c.aliases), f"{fname}: {c.name}: alias twice"
            assert name_key(c.name) not in map(name_key, c.aliases), f"{fname}: {c.name}: alias is the name"
            for a in c.aliases:
                assert len(name_key(a)) >= 2, f"{fname}: {c.name}: alias {a!r} too short to be safe"


def test_kb_no_alias_names_two_firms_and_size():
    kb = knowledge_base()  # raises KbError naming the alias and both firms
    assert len(kb.companies) >= 2, len(kb.companies)  # raised to 2000 once the region files land


def test_kb_lookup_folds_case_and_legal_tails():
    kb = knowledge_base()
    assert kb.lookup("Toyota Motor Corp.").name == kb.lookup("TOYOTA MOTOR").name
    assert kb.lookup("No Such Firm Of Anywhere") is None


def test_kb_bad_file_names_the_file():
    with pytest.raises(Exception, match="country"):
        KbFile.model_validate({"_doc": "x", "companies": [{"name": "X Corp", "country": "Japan"}]})


def test_kb_package_is_shipped():
    assert resources.files(KB_PACKAGE).is_dir()


def test_kb_lookup_joins_a_one_word_name_written_apart():
    kb = knowledge_base()
    assert kb.lookup("Global Foundries").name == "GlobalFoundries"
    assert kb.lookup("Soft Bank") == kb.lookup("SoftBank") is not None
    assert kb.lookup("Global Ventures") is None  # no one-word firm 'GlobalVentures'
