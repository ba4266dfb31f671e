"""The real pairs, scored as a crawl meets them: the shared texts replayed through the stage.

``tests/resources/dedup/corpus.jsonl.xz`` holds the 57,895 texts the real pairs were read from
(``tools/build_dedup_corpus.py``). Every text goes through the dedup stage
(``crawler.dedup.stage``: tokens, fingerprint, copy candidates and decision, thread filing) in
publication order (undated ones at their scrape time), so candidates, document frequencies, stop
keys and thread chaining are those of a real stream. A text joins the copy cluster of the best
stored article it copies, as the pipeline files it. Then every pair of the split asked for is
scored:

* copies: are the two in the same copy cluster? (positive: ``copy``; also given against the
  ``different`` pairs only, since a copy/follow-up confusion keeps both in the right thread)
* threads: are the two in the same story thread? (positive: ``copy`` or ``same_story``)

``dev`` is where the thresholds were chosen; ``test`` is only ever scored, never tuned on.
"""

from __future__ import annotations

import gzip
import json
import lzma
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from crawler.classify.frozen import clopper_pearson
from crawler.dedup.cache import SCHEMA
from crawler.dedup.stage import DedupStage, when
from crawler.text.bangla import normalize_text

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests/resources/dedup/real-pairs.jsonl.gz"
CORPUS = ROOT / "tests/resources/dedup/corpus.jsonl.xz"


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    tp: int
    fp: int
    fn: int

    def __str__(self) -> str:
        # Exact 95 % intervals, pairs taken as independent (they are not quite: pairs of one
        # story share articles, so the true intervals are somewhat wider).
        p_lo, p_hi = clopper_pearson(self.tp, self.tp + self.fp)
        r_lo, r_hi = clopper_pearson(self.tp, self.tp + self.fn)
        return (
            f"P={self.precision:.3f} ({p_lo:.2f}-{p_hi:.2f}) R={self.recall:.3f}"
            f" ({r_lo:.2f}-{r_hi:.2f}) (tp={self.tp} fp={self.fp} fn={self.fn})"
        )


def score(judged: list[tuple[bool, bool]]) -> Score:
    """Precision and recall of (predicted, gold) pairs."""
    tp = sum(1 for p, g in judged if p and g)
    fp = sum(1 for p, g in judged if p and not g)
    fn = sum(1 for p, g in judged if g and not p)
    return Score(tp / max(tp + fp, 1), tp / max(tp + fn, 1), tp, fp, fn)


def pairs(split: str) -> list[dict[str, Any]]:
    with gzip.open(PAIRS, "rt", encoding="utf-8") as f:
        return [r for r in map(json.loads, f) if r["split"] == split]


def corpus(limit: int | None = None) -> Iterator[dict[str, Any]]:
    with lzma.open(CORPUS, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                return
            yield json.loads(line)


def _order(doc: dict[str, Any]) -> tuple[float, str]:
    hours, day = when(doc.get("published"), doc.get("scraped_at"))
    return (hours if hours is not None else day * 24.0 + 12.0), doc["id"]


@dataclass
class Replay:
    cluster: dict[str, str]  # text id → copy cluster (the id of its first member)
    thread: dict[str, int]  # text id → thread
    seconds: float
    n: int


def replay(limit: int | None = None) -> Replay:
    """Every corpus text through the stage (an in-memory index), in publication order."""
    docs = sorted(corpus(limit), key=_order)
    conn = sqlite3.connect(":memory:")
    conn.executescript(SCHEMA)
    stage = DedupStage(conn)
    cluster: dict[str, str] = {}
    filed: dict[str, int] = {}
    began = time.perf_counter()
    for i, doc in enumerate(docs):
        hours, day = when(doc.get("published"), doc.get("scraped_at"))
        url = doc["id"]
        title, text = normalize_text(doc.get("title") or ""), normalize_text(doc.get("text") or "")
        found = stage.examine(url, title, text, hours, day)
        best = next((c for c in found.accepted if c.url in cluster), None)
        cluster[url] = cluster[best.url] if best is not None else url
        done = stage.file(found, (best.doc, best.day) if best is not None else None)
        filed[url] = done.thread
        if i % 1000 == 999:
            stage.checkpoint()
    stage.checkpoint()
    seconds = time.perf_counter() - began
    thread = {url: stage.threads.resolve(t) for url, t in filed.items()}
    conn.close()
    return Replay(cluster, thread, seconds, len(docs))


def components(rows: list[dict[str, Any]]) -> np.ndarray:
    """Each pair's connected component over shared articles (union-find): pairs of one story
    share articles, so they are not independent draws."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in rows:
        parent[find(r["a"]["id"])] = find(r["b"]["id"])
    roots: dict[str, int] = {}
    return np.array([roots.setdefault(find(r["a"]["id"]), len(roots)) for r in rows])


def bootstrap(
    judged: list[tuple[bool, bool]], groups: np.ndarray, rounds: int = 4000, seed: int = 16
) -> tuple[float, float, float, float]:
    """95 % percentile intervals (precision low, high, recall low, high) resampling whole
    components with replacement: wider than the exact binomial ones, which take pairs as
    independent, and honest about a story that fills many pairs."""
    predicted = np.array([p for p, _ in judged], dtype=bool)
    gold = np.array([g for _, g in judged], dtype=bool)
    n = int(groups.max()) + 1 if len(groups) else 0
    counts = np.zeros((3, n))
    for row, hit in enumerate((predicted & gold, predicted & ~gold, gold & ~predicted)):
        np.add.at(counts[row], groups, hit)
    draws = np.random.default_rng(seed).integers(0, n, size=(rounds, n))
    tp, fp, fn = (counts[row][draws].sum(axis=1) for row in range(3))
    with np.errstate(invalid="ignore", divide="ignore"):
        precision, recall = tp / (tp + fp), tp / (tp + fn)
    p_lo, p_hi = np.nanpercentile(precision, [2.5, 97.5])
    r_lo, r_hi = np.nanpercentile(recall, [2.5, 97.5])
    return float(p_lo), float(p_hi), float(r_lo), float(r_hi)


def interval_text(name: str, ci: tuple[float, float, float, float]) -> str:
    return f"{name} P {ci[0]:.2f}-{ci[1]:.2f} R {ci[2]:.2f}-{ci[3]:.2f}"


@dataclass(frozen=True)
class RealFigures:
    copies: Score
    copies_vs_different: Score
    threads: Score
    n_pairs: int
    first_reading: tuple[Score, Score]  # (copies, threads) against label_first
    n_components: int
    copies_boot: tuple[float, float, float, float]
    threads_boot: tuple[float, float, float, float]

    def bootstrap_line(self) -> str:
        return (
            f"{self.n_components} components, bootstrap 95 %: "
            f"{interval_text('copies', self.copies_boot)}; "
            f"{interval_text('threads', self.threads_boot)}"
        )


def evaluate(
    splits: tuple[str, ...] = ("dev", "test"), limit: int | None = None
) -> tuple[Replay, dict[str, RealFigures]]:
    """Both levels on each split of the real pairs, from one replay (pairs whose texts the replay
    did not reach, with ``limit``, are left out)."""
    done = replay(limit)

    def same(level: dict[str, Any], r: dict[str, Any]) -> bool:
        return bool(level[r["a"]["id"]] == level[r["b"]["id"]])

    out = {}
    for split in splits:
        chosen = [
            r for r in pairs(split) if r["a"]["id"] in done.cluster and r["b"]["id"] in done.cluster
        ]
        copies = [(same(done.cluster, r), r["label"] == "copy") for r in chosen]
        vs_different = [
            (same(done.cluster, r), r["label"] == "copy")
            for r in chosen
            if r["label"] != "same_story"
        ]
        threads = [(same(done.thread, r), r["label"] != "different") for r in chosen]
        groups = components(chosen)
        first = (  # the first reading, frozen before any tuning (the labels are settled since)
            score([(same(done.cluster, r), r["label_first"] == "copy") for r in chosen]),
            score([(same(done.thread, r), r["label_first"] != "different") for r in chosen]),
        )
        out[split] = RealFigures(
            score(copies), score(vs_different), score(threads), len(chosen), first,
            int(groups.max()) + 1 if len(groups) else 0,
            bootstrap(copies, groups), bootstrap(threads, groups),
        )  # fmt: skip
    return done, out
