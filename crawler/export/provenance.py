"""Where an export comes from: the crawl runs that collected its rows, their period, the outlets
and the source URLs the rows were found at, the pages dropped on the way, the extraction and
model versions, the software version and commit, and the files every export carries (the
relevance definition and ``CITATION.cff``).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import sqlite_utils

from crawler.export.rows import Filters, query

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
GUIDELINE = DATA / "relevance-guideline.md"
# The definition the labels were made against (crawler/classify/data/README.md records it too).
GUIDELINE_SHA256 = "c477672a4ea28b42f18fb2c91a27d65781a17abbc20ff957b2c495c1ee5b725b"
CITATION = ROOT / "CITATION.cff"
SOURCES_SHOWN = 12  # source URLs listed per outlet in the datasheet (all are in the rows)

# The shipped classifier's measured quality: its one run on the frozen test, quoted from
# crawler/classify/data/README.md ("Frozen test runs"); tests/test_export.py keeps them in step.
FROZEN_TEST = {
    "model": "prohori-clf-5",
    "run": "2026-12-01, commit f49a464",
    "items": "691 Bangla Tribune articles of May to Aug 2026 (20 relevant), never used to "
    "choose features, weights or thresholds; each scored by a model that did not train on it",
    "rows": [
        ("full text", "0.522 (0.31–0.73)", "0.600 (0.36–0.81)"),
        ("headline + lead", "1.000 (0.59–1.00)", "0.350 (0.15–0.59)"),
        ("headline only", "1.000 (0.54–1.00)", "0.300 (0.12–0.54)"),
    ],
    "targets": "recall ≥ 0.94 and precision ≥ 0.90: not met",
}


@dataclass
class Outlet:
    key: str
    name: str
    domain: str
    rows: int = 0
    flagged: int = 0
    reviewed: int = 0
    first: str | None = None
    last: str | None = None
    sources: list[str] = field(default_factory=list)


@dataclass
class Collection:
    runs: list[int]
    started: str | None
    finished: str | None
    outlets: list[Outlet]
    dropped: dict[str, int]
    extraction_versions: list[str]
    model_versions: list[str]
    rows: int = 0
    stories: int = 0  # syndication clusters among the rows
    threads: int = 0
    reviews: int = 0


def collect(db: sqlite_utils.Database, filters: Filters) -> Collection:
    sql, params = query(filters)
    selected = f"({sql})"
    outlets: dict[str, Outlet] = {}
    names = {
        k: (n or k, d or "") for k, n, d in db.execute("select key, name, domain from outlets")
    }
    for key, n, flagged, reviewed, first, last in db.execute(
        f"""select outlet, count(*), sum(relevant = 1), count(review_decision), min(published),
                   max(published) from {selected} group by outlet order by outlet""",
        params,
    ):
        name, domain = names.get(key, (key, ""))
        outlets[key] = Outlet(key, name, domain, n, flagged or 0, reviewed, first, last)
    for key, source in db.execute(
        f"""select distinct a.outlet, a.source_url from articles a
            where a.canonical_url in (select canonical_url from {selected})
              and a.source_url is not null order by 1, 2""",
        params,
    ):
        if key in outlets:
            outlets[key].sources.append(source)
    runs = [
        r
        for (r,) in db.execute(
            f"""select distinct a.first_run from articles a
                where a.canonical_url in (select canonical_url from {selected})
                  and a.first_run is not null order by 1""",
            params,
        )
    ]
    started = finished = None
    dropped: Counter[str] = Counter()
    if runs:
        marks = ",".join("?" * len(runs))
        started, finished = db.execute(
            f"select min(started), max(finished) from crawl_runs where id in ({marks})", runs
        ).fetchone()
        keys = list(outlets)
        outlet_marks = ",".join("?" * len(keys))
        for (figures,) in db.execute(
            f"""select figures from run_outlets where run_id in ({marks})
                and outlet in ({outlet_marks})""",
            [*runs, *keys],
        ):
            dropped.update(json.loads(figures or "{}").get("dropped") or {})

    def distinct(column: str) -> list[str]:
        return [
            v
            for (v,) in db.execute(f"select distinct {column} from {selected} order by 1", params)
            if v
        ]

    counts = db.execute(
        f"select count(*), count(distinct cluster_id), count(distinct thread_id) from {selected}",
        params,
    ).fetchone()
    reviews = db.execute(
        f"""select count(*) from reviews
            where canonical_url in (select canonical_url from {selected})""",
        params,
    ).fetchone()[0]
    return Collection(
        runs=runs,
        started=started,
        finished=finished,
        outlets=list(outlets.values()),
        dropped=dict(sorted(dropped.items())),
        extraction_versions=distinct("extraction_version"),
        model_versions=distinct("model_version"),
        rows=counts[0],
        stories=counts[1],
        threads=counts[2],
        reviews=reviews,
    )


def run_ranges(runs: list[int]) -> str:
    """Run ids as ranges: 1–3, 5."""
    parts: list[str] = []
    for run in runs:
        if parts and run == int(parts[-1].split("–")[-1]) + 1:
            parts[-1] = f"{parts[-1].split('–')[0]}–{run}"
        else:
            parts.append(str(run))
    return ", ".join(parts) or "none"


def software() -> dict[str, str]:
    """Prohori's version and, in a git checkout, the commit (``+changes`` when files differ)."""
    try:
        version = metadata.version("prohori")
    except metadata.PackageNotFoundError:
        version = "unknown"
    commit = "unknown (not a git checkout)"
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "HEAD"],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()  # fmt: skip
        changed = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()  # fmt: skip
        commit = head + (" +changes" if changed else "")
    except (OSError, subprocess.SubprocessError):
        pass
    return {"version": version, "commit": commit}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
