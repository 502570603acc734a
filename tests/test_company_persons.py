"""The names a document gives people (extractor/extract/companies/persons.py): full names and the
short forms the press uses for them, and never a firm the model mistook for a person."""

from extractor.config import ExtractConfig
from extractor.extract.companies.kb import knowledge_base
from extractor.extract.companies.persons import person_names
from extractor.ingest import ingest
from extractor.nlp import parser


def names_of(text: str) -> set[str]:
    doc = ingest(text.encode(), "p.txt")
    nlp = parser(ExtractConfig().model)
    with nlp.memory_zone():
        return person_names(nlp.analyze(doc), [], knowledge_base())


def test_titled_name_gives_the_surname_and_the_honorific_short_form():
    names = names_of("Datuk Seri Amran Hakim welcomed the delegation in Kuala Lumpur.")
    assert {"Amran Hakim", "Hakim", "Datuk Seri Amran"} <= names


def test_korean_shape_gives_the_family_name():
    names = names_of("The yard is run by Park Min-jae, who joined last year.")
    assert "Park" in names


def test_particle_surname_is_learned_in_both_cases():
    names = names_of("Commission chief Greta von der Berg met the delegation on Tuesday.")
    assert {"von der Berg", "Von der Berg", "Berg"} <= names


def test_a_firm_the_model_calls_a_person_is_no_person():
    names = names_of("Hanwha Shipping ordered ten tankers, and Morgan Stanley advised the buyer.")
    assert not names & {"Hanwha Shipping", "Shipping", "Hanwha", "Morgan Stanley", "Stanley", "Morgan"}


def test_a_name_that_owns_a_title_or_an_acronym_is_no_person():
    """Whatever the model's label, a name with its own CEO or a defined acronym is an organization's."""
    names = names_of(
        "Ridgeway Foundries (RF) will expand its plant. Ridgeway Foundries CEO Ada Lane said so, "
        "and Corwin Halloway Chairman Ben Ito agreed."
    )
    assert not names & {"Ridgeway Foundries", "Foundries", "Corwin Halloway", "Halloway"}
