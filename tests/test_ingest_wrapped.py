"""Hard-wrapped plain text (wire copy, e-mailed statements): a line pushed down by the wrap continues
its paragraph or bullet, even when it starts with a capital ('... joined\nToyota Chairman ...')."""

import textwrap

from extractor.ingest import ingest

PARAGRAPH = (
    "The ministry said the first tranche would go to projects led by Toyota Tsusho and Sojitz, "
    "with Mitsubishi Heavy Industries and Hitachi supplying turbines, transformers and switchgear "
    "for the Ohio and Texas sites, and that Marubeni would arrange the long-term fuel contracts."
)


def blocks(text: str) -> list[tuple[str, str]]:
    doc = ingest(text.encode(), "a.txt")
    return [(b.kind, " ".join(doc.text[b.start : b.end].split())) for b in doc.blocks]


def test_wrapped_paragraph_is_one_block_whatever_the_next_line_starts_with():
    wrapped = "\n".join(textwrap.wrap(PARAGRAPH, 72))
    assert any(line[:1].isupper() for line in wrapped.splitlines()[1:]), "the test needs a capital continuation"
    assert blocks(wrapped + "\n\nA second paragraph follows here.\n") == [
        ("paragraph", PARAGRAPH),
        ("paragraph", "A second paragraph follows here."),
    ]


def test_wrapped_bullets_keep_their_lines_and_stay_apart():
    items = ["• " + PARAGRAPH, "• Sojitz will take a 20% stake in the Louisiana terminal, its board said on Friday."]
    text = "\n".join(line for item in items for line in textwrap.wrap(item, 72, subsequent_indent="  "))
    assert [k for k, _ in blocks(text)] == ["list_item", "list_item"]
    assert blocks(text)[0][1] == "• " + PARAGRAPH


def test_short_lines_that_fit_are_not_joined():
    text = "Key Facts\nToyota will invest $10 billion.\nHonda will invest $5 billion.\nNissan will wait.\n"
    assert len(blocks(text)) == 4
