"""A crawl's figures, per outlet or summed over a run: the one definition of what is counted.

Components count into Scrapy's stats under ``prohori/outlet/<key>/<figure>`` (a counter field)
or ``prohori/outlet/<key>/<figure>/<reason>`` (a field that counts by reason); the run recorder
turns them into :class:`Figures` and stores them as JSON (``run_outlets.figures``,
``crawl_runs.figures``); ``prohori status``, the health rules and the dashboard read them back
as :class:`Figures`. A new figure is one field here, and the code that counts it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from typing import Any

PREFIX = "prohori/outlet"
logger = logging.getLogger(__name__)


@dataclass
class Figures:
    requests: int = 0  # requests that reached the downloader
    responses: int = 0
    answered: int = 0  # responses with a page (2xx, 3xx, 304), robots.txt not counted
    bytes: int = 0
    discovered: int = 0  # article links found that pass allow/deny
    skipped_known: int = 0  # of those, already stored (incremental crawls)
    refetched_changed: int = 0  # stored, but the outlet says changed: fetched again
    not_modified: int = 0  # feeds, sitemaps and listings that answered 304
    robots_forbidden: int = 0  # refused by robots.txt (politeness, not a failure)
    browser_retries: int = 0  # pages a bot wall refused to plain HTTP, sent to the browser
    browser_passed: int = 0  # of those, the browser got the page
    browser_blocked: int = 0  # of those, still walled in the browser
    articles_new: int = 0
    articles_duplicate: int = 0  # syndicated copies, stored and linked to their cluster
    articles_updated: int = 0  # stored articles updated in place
    flagged: int = 0
    dropped: dict[str, int] = field(default_factory=dict)  # pages not kept, by reason
    error_reasons: dict[str, int] = field(default_factory=dict)  # failures, by reason
    statuses: dict[str, int] = field(default_factory=dict)  # responses by HTTP status

    # The stats name of a field that counts by reason, where it differs from the field's.
    STATS_NAMES = {"error_reasons": "errors", "statuses": "status"}  # noqa: RUF012

    @property
    def errors(self) -> int:
        return sum(self.error_reasons.values())

    @property
    def fetched(self) -> int:
        """Article pages fetched: stored, updated or dropped."""
        return (
            sum(self.dropped.values())
            + self.articles_new
            + self.articles_duplicate
            + self.articles_updated
        )

    def add(self, other: Figures) -> None:
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, dict):
                for key, count in theirs.items():
                    mine[key] = mine.get(key, 0) + count
            else:
                setattr(self, f.name, mine + theirs)

    def as_dict(self) -> dict[str, Any]:
        """The figures as stored and as ``prohori status --json`` prints them (with ``errors``,
        the failures summed)."""
        return {**asdict(self), "errors": self.errors}

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Figures:
        """Figures read back (a field missing from an older row is 0; ``errors`` is derived)."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (data or {}).items() if k in known})

    @classmethod
    def from_json(cls, text: str | None) -> Figures:
        return cls.from_dict(json.loads(text) if text else None)

    @classmethod
    def per_outlet(cls, stats: dict[str, Any]) -> dict[str, Figures]:
        """Regroup flat ``prohori/outlet/<key>/<figure>[/<reason>]`` stats by outlet."""
        by_stats_name = {cls.STATS_NAMES.get(f.name, f.name): f.name for f in fields(cls)}
        result: dict[str, Figures] = {}
        for name, value in stats.items():
            if not name.startswith(PREFIX + "/"):
                continue
            outlet, _, figure = name[len(PREFIX) + 1 :].partition("/")
            head, _, reason = figure.partition("/")
            attribute = by_stats_name.get(head)
            if attribute is None:
                logger.warning("stats figure %r is not a Figures field: not recorded", figure)
                continue
            figures = result.setdefault(outlet, cls())
            if reason:
                counts = getattr(figures, attribute)
                counts[reason] = counts.get(reason, 0) + int(value)
            else:
                setattr(figures, attribute, int(value))
        return result
