"""The deal-grouping rules (extractor/data/deals.json), validated: which checks run and their settings."""

from __future__ import annotations

from functools import lru_cache

from extractor.resources import load_json


class RulesError(ValueError):
    """deals.json is not of the expected shape."""


def validate(rules: dict) -> dict:
    """The rules, checked: known check names, numbers where numbers belong. Raises RulesError."""
    from extractor.tracker.deals import CHECKS  # the named check functions live with the grouping

    def need(cond: object, what: str) -> None:
        if not cond:
            raise RulesError(f"deals.json: {what}")

    need(isinstance(rules, dict), "must be an object")
    # `checks` and `value` are used below: checked by an `if`, which narrows their type (need() does not)
    checks = rules.get("checks")
    if not (isinstance(checks, list) and checks and all(isinstance(c, str) for c in checks)):
        raise RulesError("deals.json: 'checks' must be a non-empty list of check names")
    unknown = [c for c in checks if c not in CHECKS]
    need(not unknown, f"unknown checks {unknown}; known: {sorted(CHECKS)}")
    value = rules.get("value")
    if not isinstance(value, dict):
        raise RulesError("deals.json: 'value' must be an object")
    tol = value.get("relative_tolerance")
    need(
        isinstance(tol, (int, float)) and not isinstance(tol, bool) and 0 <= tol < 0.5,
        "'value.relative_tolerance' must be a number in [0, 0.5)",
    )
    digits = value.get("min_significant_digits")
    need(
        isinstance(digits, int) and not isinstance(digits, bool) and 1 <= digits <= 15,
        "'value.min_significant_digits' must be an integer from 1 to 15",
    )
    share = (rules.get("totals") or {}).get("min_share_of_sources")
    need(
        isinstance(share, (int, float)) and not isinstance(share, bool) and 0 < share <= 1,
        "'totals.min_share_of_sources' must be a number in (0, 1]",
    )
    need(
        isinstance(rules.get("parties"), dict) and isinstance(rules["parties"].get("one_side_empty"), bool),
        "'parties.one_side_empty' must be true or false",
    )
    anonymous = rules.get("anonymous") or {}
    shared = anonymous.get("min_shared_countries")
    need(
        isinstance(shared, int) and not isinstance(shared, bool) and shared >= 0,
        "'anonymous.min_shared_countries' must be a non-negative integer",
    )
    common = anonymous.get("common_countries")
    need(
        isinstance(common, list) and all(isinstance(c, str) and len(c) == 3 for c in common),
        "'anonymous.common_countries' must be a list of ISO alpha-3 codes",
    )
    return rules


@lru_cache(maxsize=1)
def default_rules() -> dict:
    return validate(load_json("deals.json"))


# --- the checks ------------------------------------------------------------------------------
