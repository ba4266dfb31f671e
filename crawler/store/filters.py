"""The article filters shared by the review queue and the exports, as SQL conditions."""

from __future__ import annotations

from typing import Any


def article_conditions(
    alias: str = "a",
    *,
    outlet: str | None = None,
    partner: str | None = None,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``articles`` (as ``alias``) and their parameters, for the filters
    given; dates are publication days (YYYY-MM-DD), compared on the outlet's own calendar."""
    wanted = [
        (outlet, f"{alias}.outlet = ?"),
        (partner, f"exists (select 1 from json_each({alias}.partners) where value = ?)"),
        (topic, f"exists (select 1 from json_each({alias}.topics) where value = ?)"),
        (since, f"substr({alias}.published, 1, 10) >= ?"),
        (until, f"substr({alias}.published, 1, 10) <= ?"),
    ]
    used = [(value, condition) for value, condition in wanted if value]
    return [condition for _, condition in used], [value for value, _ in used]
