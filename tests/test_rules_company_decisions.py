"""Every named company rule (extractor/extract/companies/decisions.py), by rows: a sentence of our own,
a candidate in it, and the rule that must decide it. `extractor explain` prints the same decisions."""

import pytest
from conftest import CORPUS

from extractor.config import ExtractConfig
from extractor.explain import explain_decisions, explain_lines
from extractor.extract.companies.decisions import RULES

# (rule, text, candidate): the rule that drops (or "accepted": keeps) that candidate.
ROWS = [
    ("accepted", "Toyota will invest $10 billion in new plants in Kentucky.", "Toyota"),
    ("no_evidence", "Officials gathered in Geneva for a second round of talks.", "Geneva"),
    ("not_company_term", "Kepco, Jera and GW will share the new capacity.", "GW"),
    ("not_company_term", "Kestrel Cells will make LFP and NMC packs, and DRAM supply stays tight.", "DRAM"),
    ("share_label", "Follow us on Facebook, LinkedIn and Instagram.", "LinkedIn"),
    ("person_name", "President Maria Ortega met the delegation. Ortega will invest nothing herself.", "Ortega"),
    ("sentence_initial_weak", "Analysts said the order would go to Bechtel.", "Analysts"),
    ("not_proper", "It ordered the radar from Raytheon.", "It"),
    ("capitalized_common_word", "Summit said it would bid, though the summit ended early.", "Summit"),
    ("person_entity", "The agreement was signed with Okonjo.", "Okonjo"),
    ("person_name", "The agreement was signed with Jensen Huang. Huang will invest nothing himself.", "Huang"),
    ("after_title", "The decision of Chairman\nFord will cost millions.", "Ford"),
    ("public_body", "The Korea Development Agency will invest $2 billion in the port.", "Korea Development Agency"),
    (
        "outlet",
        "Boeing will deliver the jets, Tradewire Ltd reported.\nBy Ann Lee, Reporter at Tradewire",
        "Tradewire Ltd",
    ),
    ("outlet", "Kestrel Foods did not answer questions from Harbor Times reporters.", "Harbor Times"),
    (
        "outlet",
        "Toyota will invest $1 billion in Ohio, the company said on Tuesday.\nby Marrow Media · May 2, 2025",
        "Marrow Media",
    ),
    ("accepted", "Deutsche Post will invest $1 billion in new hubs.", "Deutsche Post"),
    ("leader_or_country", "Toyota reached a deal with the Marlow administration last week.", "Marlow"),
    (
        "no_evidence",
        "Guests included Dana Whitfield, the CEO of investment firm Kestrel Capital, and others.",
        "Dana Whitfield",
    ),
    ("common_of_country", "Toyota praised its ties with the Friends of Canada at the forum.", "Friends of Canada"),
    ("accepted", "Bank of America will lend $2 billion for the plant.", "Bank of America"),
    ("paragraph_label", "Key Projects: Westinghouse will build four reactors.", "Key Projects"),
    ("accepted", "• Apple: $500 billion over four years, including a server plant in Houston.", "Apple"),
    ("no_letters", "Q will invest $5 billion in a new data center.", "Q"),
    ("number_word", "Rivals including Ford, Toyota and 1990s startups lost share.", "1990s"),
    ("suffix_only", "Samsung and Company will each invest in Texas.", "Company"),
    ("accepted", "Energy Capital Partners will invest $2 billion in gas plants.", "Energy Capital Partners"),
    ("title_only", "HD Hyundai Co. Vice Chairman Kim Min-ho attended.", "Vice"),
    (
        "person_before_employer",
        "The roundtable drew executives including Boeing, Airbus, Grace Hall from Google, and Pfizer.",
        "Grace Hall",
    ),
    ("person_of_firm", "SoftBank Group's Yoshimitsu Goto said the company would invest more.", "Yoshimitsu Goto"),
    (
        "field_name",
        "Emerging Technologies (ET) and Artificial Intelligence (AI) lead the agenda.",
        "Artificial Intelligence",
    ),
    (
        "long_common_phrase",
        "Orders went to suppliers including Raytheon, Boeing and Small Coastal Radar Warning System.",
        "Small Coastal Radar Warning System",
    ),
    (
        "common_label",
        "Toyota will invest in Ohio under the plan.\n\n  • Research Priorities: Over the next five years, it will cost more.",
        "Research Priorities",
    ),
    ("accepted", "• Kestrel Foods: $2 billion for two plants in Ohio.", "Kestrel Foods"),
    ("term_acronym", "Google will install 5,000 vector math engines (VMEs) in the new hall.", "VMEs"),
    ("term_acronym", "Oracle will build a Secure Data Exchange (SDE) next year.", "Secure Data Exchange"),
    ("accepted", "Zentrova Mining (ZM) will open a lithium mine in Nevada.", "Zentrova Mining"),
    ("model_name", "The airline ordered 30 Boeing 737 MAX jets and ten 777X freighters.", "MAX"),
    ("product_plural", "Apple will make more iPhones and Macs in the United States, Apple said.", "iPhones"),
    ("accepted", "The Honda Nissan plant in Ohio will double its output.", "Honda Nissan"),
    ("brand_product", "Sales of products including the Apple Watch, Galaxy Ring and Pixel Watch rose.", "Apple Watch"),
    ("list_of_places", "Deals include Microsoft, Jubilee Park, Forge Works and Marina City.", "Forge Works"),
    ("accepted", "The forum drew Jensen Huang of Nvidia and the chief of Boeing.", "Nvidia"),
    ("kb_common_word", "Mosaic tiles covered the walls of the lobby.", "Mosaic"),
    ("accepted", "The report said Shell will buy the cargoes.", "Shell"),
    ("kb_short_alias_alone", "SK rose 3% after the report.", "SK"),
    ("accepted", "Investors welcomed Elon Musk's xAI as a new partner.", "xAI"),
    ("product_of_possessor", "Nvidia will ship its Blackwell chips to the new campus.", "Blackwell"),
    ("thing_name", "Lockheed Martin, Boeing and Artemis program partners will meet.", "Artemis"),
    ("named_thing", "Nvidia will ship a new accelerator, known as Halcyon, to Oracle.", "Halcyon"),
    ("number_word", "Boeing said $250B Energy Capital Rush will reshape its plans.", "250B Energy Capital Rush"),
    ("location", "The plant will open in Boise, Idaho, and Micron will run it.", "Boise"),
    ("place_after_in", "Texas Instruments and Infineon are expanding plants in Melaka and Kulim.", "Kulim"),
    ("with_end_only", "The deal was signed with Nara.", "Nara"),
    ("product_name", "The cluster will use 18,000 Halcyon Vector AI chips and Ardent networking.", "Halcyon Vector AI"),
    ("accepted", "Nvidia chips will power the new campus.", "Nvidia"),
    (
        "site_after_in",
        "Google will pour $5bn into a new data center in Kestrel Cross, while Salesforce commits $2bn.",
        "Kestrel Cross",
    ),
    ("accepted", "Nvidia will invest in Zentrova Labs, while Oracle adds another.", "Zentrova Labs"),
    ("model_number_alone", "Vietjet said 737-8s will join its fleet.", "737-8s"),
    ("major_place", "The fund bought a stake in Houston’s port terminals.", "Houston"),
    (
        "numbered_document",
        "The rules follow Planning Circular No. 12, which Brightwell Holdings welcomed.",
        "Planning Circular No",
    ),
    ("region_note", "Equinix plans two halls in Dugny (Seine-Saint-Denis) and one more in Lyon.", "Seine-Saint-Denis"),
    ("modifier_compound", "Shares of the Nasdaq-listed firm rose.", "Nasdaq-listed"),
    ("accepted", "Brightwell kept its pledge, officials said.", "Brightwell"),
    (
        "model_label_only_plain_word",
        "The plan adds 6,000 roles from Glasgow and Sakai to the Midlands and the north.",
        "Sakai",
    ),
    ("country_and_plural", "The $5 billion will go to key American Sectors, officials said.", "American Sectors"),
    ("accepted", "Korean Air will buy 20 jets.", "Korean Air"),
    ("accepted", "Senior figures from Boeing, Halliburton, State Street and Parsons Corp attended.", "State Street"),
    (
        "field_name",
        "The money goes to sectors including Critical Minerals, Aviation, Automotive Parts, and others.",
        "Aviation",
    ),
    ("accepted", "Grain went to Cargill, Bunge and Columbia Grain International.", "Columbia Grain International"),
    ("person_name", "The deal was praised by Trump on Friday, and Boeing will deliver.", "Trump"),
    ("alias_of_non_company", "The Federation of Korean Industries (FKI) hosted the forum with Samsung.", "FKI"),
]


# Rules whose row is a sentence of a corpus document, where the model's labels make it fire.
CORPUS_ROWS = [("plural_or_label", "10-uk-us-tech-prosperity-deal.txt", "Health")]


def decision_of(text: str, candidate: str) -> str:
    rules = [
        d.rule for d in explain_decisions(text.encode(), "row.txt", ExtractConfig()) if d.candidate.text == candidate
    ]
    assert rules, f"{candidate!r} is no candidate of {text!r}"
    return rules[0]


def test_explain_prints_signals_trims_and_rule():
    lines = explain_lines(b"Samsung Electronics Chairman Jay Y. Lee will visit Texas.", "a.txt")
    assert lines[0].startswith("KEEP  'Samsung Electronics' [0,19]")
    assert "signals=" in lines[0] and "suffix" in lines[0] and "title_owner" in lines[0]
    assert "accepted: supported by" in lines[0] and "trimmed[person title: 'Chairman Jay Y. Lee']" in lines[0]


@pytest.mark.parametrize("rule,text,candidate", ROWS, ids=[f"{r}:{c}" for r, _, c in ROWS])
def test_company_rule_decides_its_row(rule, text, candidate):
    assert decision_of(text, candidate) == rule


@pytest.mark.parametrize("rule,name,candidate", CORPUS_ROWS, ids=[f"{r}:{c}" for r, _, c in CORPUS_ROWS])
def test_company_rule_decides_its_corpus_row(rule, name, candidate):
    assert decision_of((CORPUS / "documents" / name).read_text(encoding="utf-8"), candidate) == rule


def test_every_rule_has_a_row():
    assert {r.name for r in RULES} - {r for r, _, _ in ROWS + CORPUS_ROWS} == set()


def test_explain_command_prints_each_candidate(tmp_path):
    from click.testing import CliRunner

    from extractor.cli import cli

    doc = tmp_path / "a.txt"
    doc.write_text("Nvidia CEO Jensen Huang said Nvidia will invest in Texas.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["explain", str(doc)])
    assert result.exit_code == 0, result.output
    assert "KEEP  'Nvidia' [0,6]" in result.output and "person title: 'CEO Jensen Huang'" in result.output
    kept = CliRunner().invoke(cli, ["explain", str(doc), "--kept"]).output.splitlines()
    assert kept and all(line.startswith("KEEP") for line in kept)


def test_names_linked_by_the_kb_and_by_prefix_merge_without_a_cycle():
    """'Samsung' (a KB alias of Samsung Electronics) named first, then 'Samsung Electronics Co.':
    the KB and the prefix rule both link them; regression for a merge that never ended."""
    from conftest import extract_text

    text = (
        "Samsung will expand in Texas. Samsung Electronics Co. Chairman Jay Y. Lee said "
        "Samsung Electronics would invest $37 billion."
    )
    companies = extract_text(text).companies
    assert [(c.name, c.canonical, c.country) for c in companies] == [
        ("Samsung Electronics Co.", "Samsung Electronics", "KOR")
    ]
    assert [text[s:e] for s, e in companies[0].mentions] == [
        "Samsung",
        "Samsung Electronics Co.",
        "Samsung Electronics",
    ]


def test_a_kept_firms_other_kb_names_are_its_mentions():
    from conftest import extract_text

    text = "We welcome Tesla, Microsoft and Amazon Web Services (AWS), and AWS will open a region."
    by_name = {c.name: [text[s:e] for s, e in c.mentions] for c in extract_text(text).companies}
    assert by_name["Amazon Web Services"] == ["Amazon Web Services", "AWS", "AWS"]
