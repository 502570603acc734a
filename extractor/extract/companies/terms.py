"""Common words dressed as names: an acronym defined for a common phrase ('graphics processing units
(GPUs)') and a bullet label of common words ('Investment Scale:'). The predicates of the rules
term_acronym and common_label (decisions.py)."""

from __future__ import annotations

from extractor.extract.companies.candidates import SHAPE, Candidate
from extractor.extract.companies.context import Context
from extractor.extract.companies.evidence import Signal
from extractor.extract.companies.rules import company_rules


def _expansion(ctx: Context, acronym: str, paren: int) -> list | None:
    """The words before '(' at `paren` whose initials spell `acronym` ('graphics processing units' for
    'GPUs', 'High-Performance Computing' for 'HPC'); function words may stand inside ('Bank of X')."""
    letters = [ch for ch in acronym.rstrip("s") if ch.isalpha()] if acronym[:-1].isupper() else list(acronym)
    letters = [ch.lower() for ch in letters if ch.isalpha()]
    block = ctx.analysis.block_at(paren)
    toks = ctx.analysis.tokens(max(block.start if block else 0, paren - 150), paren)
    found: list = []
    i = len(letters) - 1
    for t in reversed(toks):
        if i < 0:
            break
        if t.text in "-‐–" and found:
            continue  # "High-Performance"
        if t.is_alpha and t.lower_[0] == letters[i]:
            found.append(t)
            i -= 1
        elif not (t.is_alpha and t.is_stop and found):
            return None
    return found[::-1] if i < 0 else None


def _ordinary(ctx: Context, toks: list) -> bool:
    """Every word in lower case, or a common English word (the lemmatizer's lists)."""
    return all(t.is_lower for t in toks) or all(_is_common(t, ctx) for t in toks)


def _is_common(t, ctx: Context) -> bool:
    """A common English word, or its plural ('Areas', which the tagger may leave unlemmatized)."""
    w = t.lower_
    plural = {w[:-1], w[:-2], w[:-3] + "y"} if len(w) > 3 and w.endswith("s") else set()
    return t.is_stop or w in ctx.common or t.lemma_.lower() in ctx.common or bool(plural & ctx.common)


def _defines_term(c: Candidate, ctx: Context) -> bool:
    """An acronym in brackets after the common phrase it stands for, or that phrase itself:
    'graphics processing units (GPUs)', 'High-Performance Computing (HPC)'."""
    text = ctx.text
    if text[c.start - 1 : c.start] == "(" and text[c.end : c.end + 1] == ")" and len(c.text.split()) == 1:
        toks = _expansion(ctx, c.text, c.start - 1)
        if toks is None or not _ordinary(ctx, toks):
            return False
        if all(t.is_lower for t in toks):
            return True
        # "Energy Capital Partners (ECP)": a known firm or a corporate last word names a firm.
        r = company_rules()
        phrase = " ".join(t.text for t in toks)
        return ctx.kb.lookup(phrase) is None and toks[-1].lower_ not in r.suffixes | r.legal_suffixes
    # The phrase itself, whose acronym follows ('High-Performance Computing (HPC)'): its own words.
    words_of = [t for t in ctx.analysis.tokens(c.start, c.end) if t.is_alpha]
    return Signal.ACRONYM in c.signals and bool(words_of) and _ordinary(ctx, words_of)


def _common_label(c: Candidate, ctx: Context) -> bool:
    """A bullet label of two or more common English words ('Investment Scale:', 'Focus Areas:')."""
    toks = [t for t in ctx.analysis.tokens(c.start, c.end) if not t.is_punct]
    return (
        len(c.text.split()) >= 2
        and not SHAPE.search(c.text)
        and all(t.is_alpha and not t.is_upper for t in toks)
        and _ordinary(ctx, toks)
    )
