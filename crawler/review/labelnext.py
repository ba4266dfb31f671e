"""The "label next" queue: the undecided stories whose labels would teach the model most.

Three kinds, each marked on the page: stories scored nearest the model's threshold (the model
is least sure of them), stories that name Russia and scored high but were not flagged (where
its misses would hide), and a few random ones, so the labels also measure the model where it
is sure (calibration). A decision here is an ordinary review (a ``reviews`` row), which
``prohori train`` learns from like any other.

The threshold is the one that labelled each story: ``model_version`` ends in ``@T`` when a
threshold T other than the model's own decided; a model trained on the database has its own in
``models``; the shipped model's is read from the model cache when a crawl on this machine put it
there (the page never trains a model). Failing those, it is estimated from the stored labels:
midway between the highest unflagged and the lowest flagged score of that model version.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from crawler.review.data import Filters
from crawler.store.search import FTS_TABLE, fts_query

KINDS = {
    "near": "near the threshold: the model is least sure",
    "russia": "names Russia, scored high, not flagged: a possible miss",
    "random": "random: checks the model where it is sure",
}
# Shares of the queue; the kinds are interleaved in these proportions (smooth round robin).
SHARES = {"near": 0.5, "russia": 0.3, "random": 0.2}
_UNDECIDED = """not exists (select 1 from reviews r where r.canonical_url = a.canonical_url
                and (r.decision in ('relevant', 'irrelevant')
                     or (r.decision = 'skip' and r.reviewer = ?)))"""
_COLUMNS = "a.rowid, a.title, a.outlet, a.published, a.score, a.relevant, a.model_version"


@dataclass
class Candidate:
    id: int
    title: str
    outlet: str
    published: str | None
    score: float | None
    relevant: bool
    model_version: str | None
    kind: str = ""
    threshold: float | None = None
    threshold_source: str = ""

    @property
    def why(self) -> str:
        return KINDS[self.kind]


def _russia_query() -> str:
    from crawler.classify.terms import RUSSIA

    return fts_query(" OR ".join(f'"{t}"' if " " in t else t for t in RUSSIA))


_SHIPPED: list[tuple[str, float]] = []  # found once per process
_LOOKED: list[float] = []  # when it was last looked for in vain
_LOOK_AGAIN = 600.0  # seconds before a missing model is looked for again (reading costs a second)


def shipped_threshold() -> tuple[str, float] | None:
    """The shipped model's version and threshold when it is in the model cache (None while no
    crawl on this machine has trained it; a server started before that finds it later)."""
    if _SHIPPED:
        return _SHIPPED[0]
    if _LOOKED and time.monotonic() - _LOOKED[-1] < _LOOK_AGAIN:
        return None
    from crawler.classify.cache import cache_dir, load
    from crawler.classify.examples import training_data
    from crawler.classify.version import MODEL_NAME, model_key

    path = cache_dir() / f"{MODEL_NAME}-{model_key(training_data())[:16]}.pkl"
    try:
        model = load(path)
    except (OSError, ValueError):
        _LOOKED.append(time.monotonic())
        return None
    _SHIPPED.append((model.version, model.threshold))
    return _SHIPPED[0]


def thresholds(db: sqlite_utils.Database) -> dict[str, tuple[float, str]]:
    """The threshold each stored model version labelled with, and where it comes from: "set"
    (``@T``), "trained" (``models``), "shipped" (the model cache) or "estimated"."""
    known = {
        v: (float(t), "trained")
        for v, t in db.execute("select version, threshold from models")
        if t is not None
    }
    shipped = shipped_threshold()
    if shipped:
        known.setdefault(shipped[0], (shipped[1], "shipped"))
    found: dict[str, tuple[float, str]] = {}
    rows = db.execute(
        """select model_version, min(case when relevant = 1 then score end),
                  max(case when relevant = 0 then score end)
           from articles where model_version is not null and score is not null
           group by model_version"""
    ).fetchall()
    for version, lowest_flagged, highest_unflagged in rows:
        explicit = version.rpartition("@")[2] if "@" in version else ""
        try:
            found[version] = (float(explicit), "set")
            continue
        except ValueError:
            pass
        if version in known:
            found[version] = known[version]
        elif lowest_flagged is not None and highest_unflagged is not None:
            found[version] = (round((lowest_flagged + highest_unflagged) / 2, 4), "estimated")
        else:
            found[version] = (float(lowest_flagged or highest_unflagged or 0.5), "estimated")
    return found


def _candidates(
    db: sqlite_utils.Database,
    sql: str,
    params: list[Any],
    kind: str,
    cut: dict[str, tuple[float, str]],
) -> list[Candidate]:
    found = []
    for row in db.execute(sql, params).fetchall():
        item = Candidate(row[0], row[1] or "", row[2] or "", row[3], row[4], bool(row[5]), row[6])
        item.kind = kind
        item.threshold, item.threshold_source = cut.get(item.model_version or "", (None, ""))
        found.append(item)
    return found


def _interleave(pools: dict[str, list[Candidate]], limit: int) -> list[Candidate]:
    taken: dict[str, int] = dict.fromkeys(SHARES, 0)
    seen: set[int] = set()
    result: list[Candidate] = []
    while len(result) < limit:
        open_kinds = [k for k in SHARES if pools[k]]
        if not open_kinds:
            break
        kind = min(open_kinds, key=lambda k: (taken[k] / SHARES[k], list(SHARES).index(k)))
        item = pools[kind].pop(0)
        if item.id in seen:
            continue
        seen.add(item.id)
        taken[kind] += 1
        result.append(item)
    return result


def queue(
    db: sqlite_utils.Database,
    filters: Filters,
    reviewer: str,
    limit: int = 20,
    today: str | None = None,
) -> tuple[list[Candidate], int]:
    """The next stories to label, interleaved by kind; and how many undecided stories there are.

    Only canonical stories (a syndicated copy is the same story), none anyone decided on and
    none this reviewer skipped. The random kind is drawn per reviewer and day, so the queue
    does not reshuffle after every decision."""
    cut = thresholds(db)
    where, params = filters.sql()
    base = f"a.duplicate_of is null and a.score is not null and {_UNDECIDED}{where}"
    base_params = [reviewer, *params]
    distance = (
        "abs(a.score - (case a.model_version "
        + " ".join("when ? then ?" for _ in cut)
        + " else 0.5 end))"
        if cut
        else "abs(a.score - 0.5)"
    )
    cut_params = [x for version, (value, _) in cut.items() for x in (version, value)]
    pools = {
        "near": _candidates(
            db,
            f"select {_COLUMNS} from articles a where {base}"
            f" order by {distance}, a.canonical_url limit ?",
            [*base_params, *cut_params, limit],
            "near",
            cut,
        ),
        "russia": _candidates(
            db,
            f"""select {_COLUMNS} from {FTS_TABLE} join articles a on a.rowid = {FTS_TABLE}.rowid
                where {FTS_TABLE} match ? and a.relevant = 0 and {base}
                order by a.score desc, a.canonical_url limit ?""",
            [_russia_query(), *base_params, limit],
            "russia",
            cut,
        ),
    }
    day = today or datetime.now(UTC).date().isoformat()
    salt = zlib.crc32(f"{reviewer}|{day}".encode())
    pools["random"] = _candidates(
        db,
        f"select {_COLUMNS} from articles a where {base}"
        " order by (a.rowid * 2654435761 + ?) % 4294967296 limit ?",
        [*base_params, salt, limit],
        "random",
        cut,
    )
    total = db.execute(f"select count(*) from articles a where {base}", base_params).fetchone()[0]
    return _interleave(pools, limit), int(total)
