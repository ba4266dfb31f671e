"""Re-score stored articles with the current relevance model (``prohori reclassify``).

A crawl scores each article once, with the model of that day. After ``prohori train`` or an
upgrade that ships a new model, the stored corpus still carries the old verdicts; this brings
every article to the model a crawl would use now. It works in batches, each its own
transaction, and skips articles that already carry the model's version, so a run that is
killed or meets a locked database resumes where it stopped. Review decisions are never touched:
they live in ``reviews``, beside the machine label.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from crawler.classify.model import RelevanceModel
from crawler.store import Storage


@dataclass
class Outcome:
    model_version: str
    scored: int = 0
    newly_flagged: int = 0
    unflagged: int = 0
    examples: dict[str, list[str]] = field(default_factory=lambda: {"flagged": [], "unflagged": []})


def pending(db: sqlite_utils.Database, version: str, everything: bool) -> int:
    where = "" if everything else "where model_version is not ?"
    args = [] if everything else [version]
    return int(db.execute(f"select count(*) from articles {where}", args).fetchone()[0])


def reclassify(
    storage: Storage,
    model: RelevanceModel,
    threshold: float | None = None,
    everything: bool = False,
    batch: int = 200,
    progress: Callable[[int], Any] | None = None,
) -> Outcome:
    """Re-score the articles not yet scored by ``model`` (all of them with ``everything``)."""
    version = model.label_version(threshold)
    outcome = Outcome(version)
    last = 0  # rowid: pages through the table once, whatever the batches change
    db = storage.db
    while True:
        rows = db.execute(
            """select rowid, canonical_url, title, text, relevant from articles
               where rowid > ? and (? or model_version is not ?) order by rowid limit ?""",
            [last, int(everything), version, batch],
        ).fetchall()
        if not rows:
            return outcome
        verdicts = model.judge_many(
            [(title or "", text or "") for _, _, title, text, _ in rows], threshold
        )
        updates = []
        for (rowid, url, title, _, was), verdict in zip(rows, verdicts, strict=True):
            updates.append(
                (
                    int(verdict.relevant),
                    verdict.score,
                    json.dumps(verdict.partners),
                    json.dumps(verdict.topics),
                    verdict.evidence,
                    verdict.model_version,
                    rowid,
                )
            )
            if verdict.relevant and not was:
                outcome.newly_flagged += 1
                outcome.examples["flagged"].append(title or url)
            elif was and not verdict.relevant:
                outcome.unflagged += 1
                outcome.examples["unflagged"].append(title or url)
        with storage.write():  # one batch, one transaction: a kill loses at most this batch
            storage.conn.executemany(
                """update articles set relevant = ?, score = ?, partners = ?, topics = ?,
                   evidence = ?, model_version = ? where rowid = ?""",
                updates,
            )
        outcome.scored += len(rows)
        last = rows[-1][0]
        if progress:
            progress(len(rows))
