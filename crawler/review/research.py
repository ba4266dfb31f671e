"""The research view's figures: flagged stories per month by partner, topic and outlet; story
threads with their first report; outlet-by-outlet coverage of those threads. Each figure is also
a table (``Table``) served as CSV.

A story is counted once, not per copy: a syndication cluster is one story, dated and attributed
by its first report (the cluster's canonical copy, the earliest published), as the review queue
shows it. Which stories count (``basis``): those the model flagged, or those whose latest review
decision is "relevant". A story naming two partners counts under both, so the stacks of the
partner and topic charts can add up to more than the month's stories; each chart carries the
month's count of distinct stories beside its stacks.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from crawler.review.data import Filters
from crawler.review.threads import Thread, instant, threads

BASES = {"flagged": "flagged by the model", "reviewed": "judged relevant by a reviewer"}
DIMENSIONS = ("partner", "topic", "outlet")
TIMELINE_THREADS = 40  # threads drawn on the timeline (the newest); the CSV has them all
MAX_SERIES = 10  # stacks drawn per chart; the smaller ones are drawn as one "other" stack
NONE = "(none)"
_LATEST = """
    with latest as (
        select canonical_url, decision from reviews r1
        where id = (select max(id) from reviews r2 where r2.canonical_url = r1.canonical_url
                    and r2.decision in ('relevant', 'irrelevant')))"""


@dataclass
class Scope:
    """The research view's filters: the queue's, and which stories count."""

    filters: Filters = field(default_factory=Filters)
    basis: str = "flagged"

    @classmethod
    def from_args(cls, args: Any) -> Scope:
        basis = args.get("basis") or "flagged"
        return cls(Filters.from_args(args), basis if basis in BASES else "flagged")

    def as_args(self) -> dict[str, str]:
        args = self.filters.as_args()
        if self.basis != "flagged":
            args["basis"] = self.basis
        return args


@dataclass
class Table:
    """A figure's data: what the chart draws and what its CSV holds."""

    columns: list[str]
    rows: list[list[Any]]

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow(["true" if v is True else "false" if v is False else v for v in row])
        return out.getvalue()


@dataclass
class Story:
    canonical_url: str
    outlet: str
    month: str | None  # YYYY-MM of the first report; None when undated
    partners: list[str]
    topics: list[str]
    thread_id: str | None


def _list(value: str | None) -> list[str]:
    try:
        loaded = json.loads(value) if value else []
    except ValueError:
        return []
    return sorted({str(v) for v in loaded}) if isinstance(loaded, list) else []


def _month(published: str | None) -> str | None:
    month = (published or "")[:7]
    if len(month) == 7 and month[4] == "-" and month[:4].isdigit() and month[5:].isdigit():
        return month if 1 <= int(month[5:]) <= 12 else None
    return None


def stories(db: sqlite_utils.Database, scope: Scope) -> list[Story]:
    """The stories in scope: canonical copies that count under the basis and pass the filters."""
    where, params = scope.filters.sql()
    counted = "a.relevant = 1" if scope.basis == "flagged" else "l.decision = 'relevant'"
    rows = db.execute(
        f"""{_LATEST}
            select a.canonical_url, a.outlet, a.published, a.partners, a.topics, a.thread_id
            from articles a left join latest l on l.canonical_url = a.canonical_url
            where a.duplicate_of is null and {counted}{where}
            order by a.published, a.canonical_url""",
        params,
    ).fetchall()
    return [
        Story(url, outlet or "", _month(published), _list(partners), _list(topics), thread)
        for url, outlet, published, partners, topics, thread in rows
    ]


def _months(found: list[Story], scope: Scope) -> list[str]:
    """Every month from the first to the last (the filter's dates when given), none skipped."""
    dated = [s.month for s in found if s.month]
    first = scope.filters.since[:7] or (min(dated) if dated else "")
    last = scope.filters.until[:7] or (max(dated) if dated else "")
    if not first or not last or first > last:
        return []
    months = []
    year, month = int(first[:4]), int(first[5:7])
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def per_month(found: list[Story], scope: Scope, dimension: str) -> dict[str, Any]:
    """Stories per month, stacked by partner, topic or outlet (of the first report)."""
    months = _months(found, scope)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    shown = set(months)
    for story in found:
        if story.month not in shown:
            continue
        totals[story.month] += 1
        values = {"partner": story.partners, "topic": story.topics, "outlet": [story.outlet]}
        for value in values[dimension] or [NONE]:
            counts[value][story.month] += 1
    order = sorted(counts, key=lambda v: (-sum(counts[v].values()), v))
    table = Table(
        ["month", dimension, "stories", "stories_in_month"],
        [
            [month, value, counts[value][month], totals[month]]
            for month in months
            for value in order
            if counts[value][month]
        ],
    )
    series: list[dict[str, Any]] = [
        {"name": v, "counts": [counts[v][m] for m in months]} for v in order
    ]
    if len(series) > MAX_SERIES:
        rest = series[MAX_SERIES - 1 :]
        series = [
            *series[: MAX_SERIES - 1],
            {
                "name": f"other ({len(rest)})",
                "counts": [sum(s["counts"][i] for s in rest) for i in range(len(months))],
            },
        ]
    return {
        "id": f"by-{dimension}",
        "months": months,
        "series": series,
        "totals": [totals[m] for m in months],
        "undated": sum(1 for s in found if not s.month),
        "table": table,
    }


def _threads(db: sqlite_utils.Database, found: list[Story]) -> list[Thread]:
    """The threads that hold a story in scope, first reports oldest first."""
    chosen = threads(db, {s.thread_id for s in found if s.thread_id})
    return sorted(
        chosen.values(),
        key=lambda t: (t.first_published is None, t.first_published or "", t.thread_id),
    )


def timeline(found_threads: list[Thread]) -> dict[str, Any]:
    """Each thread from its first report to its latest article (the newest are drawn)."""
    table = Table(
        ["thread_id", "title", "first_published", "first_outlet", "first_url",
         "last_published", "articles", "outlets"],
        [
            [t.thread_id, t.title, t.first_published, t.first.outlet, t.first.url,
             t.last_published, len(t.members), len(t.outlets)]
            for t in found_threads
        ],
    )  # fmt: skip
    drawn = [t for t in found_threads if t.first_published][-TIMELINE_THREADS:]
    return {
        "id": "threads",
        "threads": [
            {
                "thread_id": t.thread_id,
                "title": t.title,
                "first": t.first_published,
                "last": t.last_published or t.first_published,
                "first_ms": _ms(t.first_published),
                "last_ms": _ms(t.last_published or t.first_published),
                "first_outlet": t.first.outlet,
                "articles": len(t.members),
                "outlets": len(t.outlets),
            }
            for t in drawn
        ],
        "total": len(found_threads),
        "table": table,
    }


def _ms(published: str | None) -> int | None:
    at = instant(published)
    return int(at.timestamp() * 1000) if at else None


def coverage(found_threads: list[Thread]) -> dict[str, Any]:
    """Per outlet: threads it reported first, threads it followed, and how long after."""
    rows = []
    first: Counter[str] = Counter()
    followed: Counter[str] = Counter()
    lags: dict[str, list[float]] = defaultdict(list)
    for thread in found_threads:
        for c in thread.coverage():
            rows.append([thread.thread_id, c.outlet, c.first_published, c.lag_hours, c.articles,
                         c.first_report])  # fmt: skip
            (first if c.first_report else followed)[c.outlet] += 1
            if not c.first_report and c.lag_hours is not None:
                lags[c.outlet].append(c.lag_hours)
    outlets = sorted(set(first) | set(followed), key=lambda o: (-first[o] - followed[o], o))
    return {
        "id": "coverage",
        "outlets": [
            {
                "outlet": o,
                "first": first[o],
                "followed": followed[o],
                "median_lag_hours": _median(lags[o]),
            }
            for o in outlets
        ],
        "matrix": [
            {
                "thread_id": t.thread_id,
                "title": t.title,
                "cells": {c.outlet: c for c in t.coverage()},
            }
            for t in found_threads[-TIMELINE_THREADS:]
        ],
        "matrix_outlets": sorted({m.outlet for t in found_threads for m in t.members}),
        "table": Table(
            ["thread_id", "outlet", "first_published", "lag_hours", "articles", "first_report"],
            rows,
        ),
    }


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return round((ordered[middle - 1] + ordered[middle]) / 2, 2)


def figures(db: sqlite_utils.Database, scope: Scope) -> dict[str, Any]:
    """Every figure of the research view, read in one pass over the stories in scope."""
    found = stories(db, scope)
    found_threads = _threads(db, found)
    result: dict[str, Any] = {d: per_month(found, scope, d) for d in DIMENSIONS}
    result["threads"] = timeline(found_threads)
    result["coverage"] = coverage(found_threads)
    result["stories"] = len(found)
    return result


CHARTS = {f"by-{d}": d for d in DIMENSIONS} | {"threads": "threads", "coverage": "coverage"}


def chart_data(figs: dict[str, Any]) -> dict[str, Any]:
    """What the page's script draws (tables left out; they are the CSV downloads)."""
    drawn: dict[str, Any] = {}
    for chart, key in CHARTS.items():
        figure = {k: v for k, v in figs[key].items() if k not in ("table", "matrix")}
        drawn[chart] = figure
    return drawn
