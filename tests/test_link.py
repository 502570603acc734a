"""Commitments: what each amount is tied to, case by case."""

from conftest import extract_text


def commitments(text, **kw):
    return [(c.amount.text, c.companies, c.sectors, c.deadline) for c in extract_text(text, **kw).commitments]


def test_the_project_sentence_after_gives_the_companies_and_roles():
    rec = extract_text(
        "The first is a roughly $40 billion plan to build gas-fired power plants for data centers. "
        "The project is being led by SoftBank Group, with involvement from GE Vernova."
    )
    c = rec.commitments[0]
    assert c.companies == ["SoftBank Group", "GE Vernova"]
    assert [(r.role, r.cue) for r in c.company_roles] == [("lead", "led by"), ("partner", "involvement from")]
    assert c.sectors == ["energy", "artificial_intelligence"]


def test_several_amounts_in_one_sentence_each_take_the_nearest_company():
    assert commitments(
        "The list names up to $100 billion for Westinghouse to build reactors, and up to $25 billion "
        "for GE Vernova to supply turbines."
    ) == [
        ("up to $100 billion", ["Westinghouse"], ["energy"], None),
        ("up to $25 billion", ["GE Vernova"], ["energy"], None),
    ]


def test_a_sentence_subject_is_shared_by_its_amounts_each_with_its_own_sector():
    assert commitments("Hanwha Group will invest $5 billion in shipyards and $3 billion in steel by 2028.") == [
        ("$5 billion", ["Hanwha Group"], ["shipbuilding"], "2028-12-31"),
        ("$3 billion", ["Hanwha Group"], ["manufacturing"], "2028-12-31"),
    ]


def test_a_total_and_its_parts():
    rec = extract_text(
        "The commitments add up to $490 billion. The largest share ($332 billion) is for energy "
        "infrastructure. Additional energy projects totaled $70 billion."
    )
    total, *parts = rec.commitments
    assert total.is_total and total.amount.value == 490_000_000_000
    assert [p.part_of for p in parts] == [0, 0]


def test_the_same_sum_named_twice_is_one_commitment_with_both_mentions():
    rec = extract_text("Japan pledged $550 billion. The $550 billion framework will run through January 19, 2029.")
    assert len(rec.commitments) == 1
    c = rec.commitments[0]
    assert c.deadline == "2029-01-19" and len(c.mentions) == 2


def test_a_bullet_inherits_its_heading_and_a_table_row_its_cells():
    rec = extract_text(
        "Critical Minerals\n- Copper smelting and refining by Mitsubishi Corporation, up to $2 billion.\n"
        "\nCompany | Award | Status\nMicron Technology | $6.165 billion | Final\n"
    )
    assert [(c.amount.text, c.companies, c.sectors, c.context) for c in rec.commitments] == [
        ("up to $2 billion", ["Mitsubishi Corporation"], ["critical_minerals"], "sentence"),
        ("$6.165 billion", ["Micron Technology"], [], "table_row"),
    ]


def test_sizes_are_not_commitments():
    rec = extract_text("Korea holds about $430 billion of foreign-exchange reserves. Amazon will invest $5 billion.")
    assert [c.amount.text for c in rec.commitments] == ["$5 billion"]
    assert len(rec.amounts) == 2


def test_a_company_closing_an_amounts_clause_belongs_to_it_not_to_the_next_amount():
    assert commitments(
        "The package sets aside $12 billion for chip plants in partnership with Micron and "
        "$4 billion for undersea cables with Corning."
    ) == [
        ("$12 billion", ["Micron"], ["semiconductors"], None),
        ("$4 billion", ["Corning"], ["telecommunications"], None),
    ]


def test_a_company_opening_the_next_clause_belongs_to_the_next_amount():
    rec = extract_text("Toyota will invest $10 billion in battery plants and Honda $5 billion in vehicle lines.")
    assert [(c.amount.text, c.companies) for c in rec.commitments] == [
        ("$10 billion", ["Toyota"]),
        ("$5 billion", ["Honda"]),
    ]


def test_a_sum_restated_in_another_currency_points_at_the_first():
    rec = extract_text(
        "Google will invest RM9.4 billion (US$2 billion) in a cloud region. "
        "Toyota will add ¥1 trillion (about $6.7 billion) and $3 billion more."
    )
    assert [(c.amount.text, c.equivalent_of) for c in rec.commitments] == [
        ("RM9.4 billion", None),
        ("US$2 billion", 0),
        ("¥1 trillion", None),
        ("about $6.7 billion", 2),
        ("$3 billion", None),
    ]


def test_each_clause_of_a_sentence_keeps_its_own_company():
    rec = extract_text(
        "Other agreements include a US$1.5 billion chip packaging expansion by Intel in Penang, "
        "and Google's RM9.4 billion cloud region in Selangor."
    )
    assert [(c.amount.text, c.companies) for c in rec.commitments] == [
        ("US$1.5 billion", ["Intel"]),
        ("RM9.4 billion", ["Google"]),
    ]


def test_a_factbox_entry_heading_names_whom_its_paragraph_is_about():
    """'Kestrel Pharma' over its paragraph: the firm pays for the amounts under it, a sentence about 'the
    drugmaker' takes no firm from the sentence after it, and another heading starts another firm's entry."""
    from conftest import extract_text

    text = (
        "Drugmakers respond to tariffs\n\n"
        "Novartis\n\n"
        "The Swiss drugmaker plans to invest $23 billion over five years. It will build plants "
        "with Lonza in Texas.\n\n"
        "A year later, it announced another $2 billion for a plant in Indiana.\n\n"
        "Sanofi\n\n"
        "The company will spend $9 billion on a plant in Virginia.\n"
    )
    by_value = {c.amount.value: c for c in extract_text(text).commitments}
    assert by_value[23e9].companies == ["Novartis"] and by_value[23e9].context == "heading"
    assert by_value[23e9].sectors == ["biotechnology"]
    assert by_value[9e9].companies == ["Sanofi"]
    assert by_value[2e9].companies == ["Novartis"]  # a later paragraph of the same entry


def test_each_firm_of_a_list_sentence_takes_the_amount_it_leads_to():
    """'A will put in X, B will invest Y, and C has committed Z': each firm is the subject of the amount after
    it, even with a home country between them; an amount restated in brackets in another currency has the
    same payer; a company that closes an amount's clause keeps that amount."""
    from conftest import extract_text

    text = (
        "Money is earmarked for network infrastructure: Ericsson from Sweden will put in €3 billion, Nokia from Finland will invest "
        "€1.5 billion, and Cisco from the United States has committed €200 million. "
        "In Mexico, Holcim pledged 2 billion dollars (roughly 40 billion pesos); Cemex at 1 billion dollars. "
        "The fund adds $30 billion for grid upgrades with Hitachi and $20 billion for cables with Fujikura."
    )
    by_value = {(c.amount.value, c.amount.currency): c.companies for c in extract_text(text).commitments}
    assert by_value[(3e9, "EUR")] == ["Ericsson"]
    sectors = {c.amount.value: c.sectors for c in extract_text(text).commitments if c.amount.currency == "EUR"}
    assert sectors == {3e9: ["telecommunications"], 1.5e9: ["telecommunications"], 2e8: ["telecommunications"]}
    assert by_value[(1.5e9, "EUR")] == ["Nokia"]
    assert by_value[(2e8, "EUR")] == ["Cisco"]
    assert by_value[(2e9, "USD")] == ["Holcim"] and by_value[(4e10, "MXN")] == ["Holcim"]
    assert by_value[(1e9, "USD")] == ["Cemex"]
    assert by_value[(3e10, "USD")] == ["Hitachi"] and by_value[(2e10, "USD")] == ["Fujikura"]


def test_the_company_in_a_sentence_without_a_firm_is_the_firm_that_opens_a_sentence_before():
    from conftest import extract_text

    text = (
        "Toyota opened its plant with Denso in Kentucky in 1988. Officials praised the work.\n\n"
        '"This brings the company\'s total US investment to nearly $60 billion," a statement said. '
        "Separately, a $2 billion fund was set up."
    )
    by_value = {c.amount.value: c for c in extract_text(text).commitments}
    assert by_value[60e9].companies == ["Toyota"] and by_value[60e9].context == "block"
    assert by_value[2e9].companies == []


def test_respectively_pairs_the_firms_with_the_amounts_in_order():
    from conftest import extract_text

    text = (
        "Researched by Kestrel Data Services (Austin, Texas)--Micron Technology Incorporated and Texas "
        "Instruments pledged to invest $200 billion and $60 billion, respectively, in U.S. chip plants."
    )
    record = extract_text(text)
    assert [c.name for c in record.companies] == ["Micron Technology Incorporated", "Texas Instruments"]
    by_value = {c.amount.value: c.companies for c in record.commitments}
    assert by_value == {2e11: ["Micron Technology Incorporated"], 6e10: ["Texas Instruments"]}
