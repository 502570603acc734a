"""Warnings with a code and a span (`record.notices`); `record.warnings` keeps their plain messages."""

from conftest import extract_text


def test_an_unresolved_relative_deadline_is_a_coded_notice_with_its_span():
    text = "Toyota will invest $10 billion by next year."
    rec = extract_text(text)
    assert [(n.code, text[n.span[0] : n.span[1]]) for n in rec.notices] == [("unresolved_deadline", "by next year")]
    assert rec.warnings == [n.message for n in rec.notices]


def test_a_deadline_no_rule_can_date_is_a_notice():
    text = "The plants must be finished before the end of the administration."
    rec = extract_text(text, reference_date="2026-01-05")
    assert [n.code for n in rec.notices] == ["deadline_without_date"]
    assert "before the end of the administration" in text[rec.notices[0].span[0] : rec.notices[0].span[1]]


def test_a_resolved_deadline_gives_no_notice():
    assert extract_text("Toyota will invest $10 billion by next year.", reference_date="2026-01-05").notices == []
