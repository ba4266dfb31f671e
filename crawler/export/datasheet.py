"""The datasheet (README.md) written beside every export."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from crawler.export.rows import FIELDS, Filters, query


def _metrics(version: str, metrics: Any, threshold: float) -> str:
    m = json.loads(metrics) if isinstance(metrics, str) else metrics
    return (
        f"{version}: cross-validated precision {m['cv_precision']}, recall "
        f"{m['cv_recall']} on {m['examples']} labelled items ({m['positives']} relevant), "
        f"threshold {threshold}"
    )


def _shipped_metrics() -> str:
    from crawler.classify.cache import default_model

    model = default_model()
    return _metrics(model.version, model.metrics, model.threshold)


def datasheet(db: sqlite_utils.Database, name: str, fmt: str, count: int, filters: Filters) -> str:
    sql, params = query(filters)
    summary = db.execute(
        f"select outlet, count(*), sum(relevant), min(published), max(published),"
        f" count(review_decision), max(model_version), max(extraction_version)"
        f" from ({sql}) group by outlet",
        params,
    ).fetchall()
    model = (
        db.execute(
            "select version, metrics, threshold from models order by trained_at desc limit 1"
        ).fetchone()
        if "models" in db.table_names()
        else None
    )
    versions = {
        v for (v,) in db.execute(f"select distinct model_version from ({sql})", params) if v
    }
    lines = [
        "# Prohori corpus export",
        "",
        f"Bengali news stories crawled by Prohori, exported on "
        f"{datetime.now(UTC).isoformat(timespec='seconds')} as `{name}` ({fmt}, {count} rows).",
        "Each row is one article; copies of a syndicated story share `cluster_id`"
        + (
            " and are included"
            if filters.include_duplicates
            else "; only each cluster's earliest copy is included (use --include-duplicates)"
        )
        + ".",
        "",
        "## Filters",
        "",
        *(f"- {k}: {v}" for k, v in vars(filters).items() if v not in (None, False)),
        "- (none)" if not any(v not in (None, False) for v in vars(filters).values()) else "",
        "",
        "## Outlets",
        "",
        "| outlet | rows | flagged | reviewed | first published | last published |",
        "|---|---|---|---|---|---|",
        *(
            f"| {o} | {n} | {f or 0} | {rv} | {lo or ''} | {hi or ''} |"
            for o, n, f, lo, hi, rv, _, _ in summary
        ),
        "",
        "## Classifier",
        "",
        f"Model versions in these rows: {', '.join(sorted(versions)) or 'none'}.",
        (
            f"Newest model trained on this database: {_metrics(model[0], model[1], model[2])}."
            if model
            else f"Shipped model {_shipped_metrics()}; the labelled set and how it was made: "
            "`crawler/classify/data/README.md`; `benchmarks/classifier.py` measures it."
        ),
        "",
        "## Fields",
        "",
        "| field | meaning |",
        "|---|---|",
        *(f"| `{f}` | {meaning} |" for f, meaning in FIELDS.items()),
        "",
        "## Provenance",
        "",
        "Texts are the publishers' copyright; the crawl obeyed robots.txt. `MANIFEST` lists the "
        "SHA-256 of every file here (`sha256sum -c MANIFEST`).",
        "",
    ]
    return "\n".join(lines)
