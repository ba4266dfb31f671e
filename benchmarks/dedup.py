"""The dedup stage: quality on the real pairs (copies and threads), the synthetic set, and its cost
per article at 1M stored articles.

Quality (``benchmarks/dedup_real.py``): the 57,895 shared texts are replayed through the stage in
publication order and the real pairs are scored at both levels, on the test part (the contract's
figures; never tuned on) and on the dev part (where the thresholds were chosen). The synthetic
set (``tests/resources/dedup/eval.jsonl``, edited copies and look-alikes) is scored as a second
figure: each pair's copy decision, the first text stored alone.

Cost: a database and its dedup index are filled with ``--size`` synthetic stored articles
(``PER_DAY`` a day, up to the days of the timed texts, which are consecutive real texts whose
times are compressed to arrive at that rate too; random keys, sketches and term vectors of
real sizes: distinct texts share no keys, so random ones load the index as distinct real texts
would, a lower bound where a day's big story shares many terms), then three consecutive blocks of
``--texts`` real texts (after one more, untimed, that warms the caches; the median block's mean
is reported) go through the whole stage as the pipeline runs it (``Deduplicator.judge``: URL
and content-hash lookups, tokens, fingerprint, copy candidates and decision, articles-table
checks, thread filing; the index checkpointed every 100 articles), each stored afterwards as
the store stage would (not timed). Resident memory is read at the end.

    python benchmarks/dedup.py                      # 1M stored (~4 min, ~4 GB of disk)
    python benchmarks/dedup.py --size 100000        # quicker; the last line is then not at 1M
    python benchmarks/dedup.py --size 2000 --texts 50 --real-limit 3000   # a smoke run

Last line: ``dedup: precision=X recall=X thread_precision=X thread_recall=X
ms_per_article_at_1M=X rss_mb_at_1M=X`` (precision and recall: copies on the real test pairs).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import last_line  # noqa: E402
from benchmarks.dedup_real import _order, corpus, evaluate  # noqa: E402
from crawler.dedup import copies  # noqa: E402
from crawler.dedup.cache import close_cache, open_cache  # noqa: E402
from crawler.dedup.decide import Deduplicator  # noqa: E402
from crawler.dedup.fingerprint import fingerprint  # noqa: E402
from crawler.dedup.stage import DedupStage, when  # noqa: E402
from crawler.items import Article  # noqa: E402
from crawler.text.bangla import normalize_text  # noqa: E402
from pipelines.dedup import COMMIT_EVERY  # noqa: E402

EVAL = ROOT / "tests/resources/dedup/eval.jsonl"
PER_DAY = 3000  # stored articles a day (about 40 outlets)
BLOCKS = 3  # timed blocks; the median is reported
WORDS, SHINGLES, KEYS, TERMS, POSTED = 330, 328, 50, 48, 10  # a typical article's sizes
ARTICLES = """create table articles (canonical_url text primary key, title text, published text,
    fetched_at text, content_hash text, duplicate_of text, cluster_id text, thread_id text);
create index idx_hash on articles (content_hash); create index idx_cluster on articles (cluster_id);
create index idx_thread on articles (thread_id);"""


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def synthetic_quality() -> tuple[float, float, int]:
    pairs = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines()]
    tp = fp = fn = 0
    for pair in pairs:
        a = fingerprint(pair["a"]["text"], pair["a"].get("title") or "", normalized=False)
        b = fingerprint(pair["b"]["text"], pair["b"].get("title") or "", normalized=False)
        found = copies.is_copy(copies.features(b, None, a, None, 1.0))
        duplicate = pair["label"] == "duplicate"
        tp += found and duplicate
        fp += found and not duplicate
        fn += duplicate and not found
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), len(pairs)


def fill(index: sqlite3.Connection, db: sqlite3.Connection, size: int, last_day: int) -> None:
    """``size`` synthetic stored articles, ``PER_DAY`` a day, the last on ``last_day``."""
    rng = np.random.default_rng(0)
    first_day = last_day - size // PER_DAY
    chunk = 20_000
    for start in range(0, size, chunk):
        n = min(chunk, size - start)
        ids = np.arange(start, start + n, dtype=np.int64) + (1 << 40)
        days = first_day + (np.arange(start, start + n) // PER_DAY)
        hours = days * 24.0 + rng.uniform(0, 24, n)
        keys = rng.integers(1, 2**63 - 1, (n, KEYS), dtype=np.int64)
        sample = np.sort(rng.integers(0, 2**32, (n, SHINGLES), dtype=np.uint32), axis=1)
        small = rng.integers(1, 2**62, (n, 8), dtype=np.int64)
        terms = np.sort(rng.integers(1, 2**62, (n, TERMS), dtype=np.int64), axis=1)
        weights = rng.uniform(0, 1, (n, TERMS)).astype(np.float32)
        anchors = rng.integers(1, 2**62, (n, 7), dtype=np.int64)
        index.executemany(
            "insert into copy_docs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (int(days[i]), int(ids[i]), f"https://synthetic.test/{ids[i]}", float(hours[i]),
                 WORDS, SHINGLES, keys[i].tobytes(), sample[i].tobytes(), small[i, :4].tobytes(),
                 small[i].tobytes(), b"", 0, 0)
                for i in range(n)
            ),
        )  # fmt: skip
        index.executemany(
            "insert or ignore into copy_anchors values (?, ?, ?)",
            sorted(
                (int(a), int(days[i]), int(ids[i])) for i in range(n) for a in anchors[i].tolist()
            ),
        )
        index.executemany(
            "insert into thread_docs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (int(days[i]), int(ids[i]), int(ids[i]), float(hours[i]), 0, 0,
                 terms[i].tobytes(), weights[i].tobytes(), terms[i, :POSTED].tobytes(), "", "")
                for i in range(n)
            ),
        )  # fmt: skip
        db.executemany(
            "insert into articles values (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (f"https://synthetic.test/{ids[i]}", "", f"{hours[i]:.0f}", "",
                 f"{small[i, 0]:x}", None, f"c-{ids[i]:x}", f"t-{ids[i]:016x}")
                for i in range(n)
            ),
        )  # fmt: skip
        index.commit()
        db.commit()
    index.execute("insert or replace into state values ('n_docs', ?)", [size])
    index.commit()


def timed_docs(n: int) -> list[dict[str, Any]]:
    """``n`` consecutive real texts (publication order) from the corpus's densest stretch, their
    times compressed so that they arrive at ``PER_DAY`` a day, as a crawl of that size meets
    them (the corpus itself holds a few hundred texts a day)."""
    docs = sorted(corpus(), key=_order)
    hours = [_order(d)[0] for d in docs]
    n = min(n, len(docs))
    start = min(range(0, len(docs) - n + 1, 100), key=lambda i: hours[i + n - 1] - hours[i])
    chosen, t0 = docs[start : start + n], hours[start]
    factor = max((hours[start + n - 1] - t0) / 24.0 / (n / PER_DAY), 1.0)
    for doc, h in zip(chosen, hours[start : start + n], strict=True):
        moment = datetime.fromtimestamp((t0 + (h - t0) / factor) * 3600.0, UTC)
        doc["published"] = doc["scraped_at"] = moment.isoformat()
    return chosen


def article(doc: dict[str, Any], i: int) -> Article:
    item = Article(url=f"https://real.test/{i}", outlet=doc.get("outlet") or "", html="")
    item.title = normalize_text(doc.get("title") or "")
    item.text = normalize_text(doc.get("text") or "")
    item.published = doc.get("published")
    item.fetched_at = doc.get("scraped_at") or ""
    return item


def cost(size: int, n_texts: int, blocks: int = BLOCKS) -> tuple[float, float, float]:
    """(ms per article, RSS MB, index MB on disk) of the whole stage with ``size`` stored: the
    median over ``blocks`` consecutive blocks of ``n_texts`` timed articles (one slow block, a
    day's postings loaded or another process on a shared machine, moves a single mean by a
    third), after ``n_texts`` that warm the caches."""
    docs = timed_docs((blocks + 1) * n_texts)
    items = [article(d, i) for i, d in enumerate(docs)]
    last_day = max(when(d.get("published"), d.get("scraped_at"))[1] for d in docs)
    with tempfile.TemporaryDirectory() as tmp:
        index = open_cache(Path(tmp) / "bench.db-dedup", "bench")
        db = sqlite3.connect(Path(tmp) / "bench.db")
        db.executescript(ARTICLES)
        began = time.perf_counter()
        fill(index, db, size, last_day)
        print(f"filled {size:,} stored articles in {time.perf_counter() - began:.0f} s")
        judge = Deduplicator(db, DedupStage(index))
        spent = [0.0] * (blocks + 1)
        counted = [0] * (blocks + 1)
        for n, item in enumerate(items, 1):
            start = time.perf_counter()
            judge.judge(item)
            if n % COMMIT_EVERY == 0:
                judge.stage.checkpoint()
            block = min((n - 1) // n_texts, blocks)  # block 0 warms the caches
            spent[block] += time.perf_counter() - start
            counted[block] += 1
            db.execute(
                "insert or ignore into articles values (?, ?, ?, ?, ?, ?, ?, ?)",
                [item.canonical_url, item.title, item.published, item.fetched_at,
                 item.content_hash, item.duplicate_of, item.cluster_id, item.thread_id],
            )  # fmt: skip
            db.commit()
        judge.stage.checkpoint()
        rss = rss_mb()
        disk = (Path(tmp) / "bench.db-dedup").stat().st_size / 2**20
        close_cache(index)
        db.close()
    per_block = [s / c * 1000 for s, c in zip(spent[1:], counted[1:], strict=True) if c]
    print("timed blocks (ms/article): " + ", ".join(f"{ms:.3f}" for ms in per_block))
    return float(np.median(per_block)), rss, disk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000, help="stored articles")
    parser.add_argument("--texts", type=int, default=2000, help="real texts timed")
    parser.add_argument(
        "--real-limit", type=int, default=None, help="replay only this many corpus texts"
    )
    args = parser.parse_args()
    # Cost first, in a process that has not replayed the corpus yet (RSS is the stage's).
    ms, rss, disk = cost(args.size, args.texts)
    cost_line = f"{args.size:,} stored: {ms:.3f} ms/article, rss {rss:.0f} MB, index {disk:.0f} MB"
    print(cost_line)
    p, r, n = synthetic_quality()
    print(f"synthetic set: {n} pairs, copies precision={p:.4f} recall={r:.4f}")
    done, figures = evaluate(("dev", "test"), args.real_limit)
    print(
        f"real pairs: {done.n:,} corpus texts replayed in {done.seconds:.0f} s "
        f"({done.seconds / max(done.n, 1) * 1000:.2f} ms/article, in-memory index)"
    )
    for split, f in figures.items():
        print(f"  {split} ({f.n_pairs} pairs): copies {f.copies}")
        print(f"  {split}: copies against `different` only {f.copies_vs_different}")
        print(f"  {split}: threads {f.threads}")
        print(f"  {split}: {f.bootstrap_line()}")
        copies_first, threads_first = f.first_reading
        print(f"  {split}, against the first reading: copies {copies_first}")
        print(f"  {split}, against the first reading: threads {threads_first}")
    print(f"whole stage at {cost_line}")
    if args.size != 1_000_000:
        print(f"(measured at {args.size:,} stored articles, not 1M: not the contract's figures)")
    test = figures["test"]
    values = {
        "precision": f"{test.copies.precision:.3f}",
        "recall": f"{test.copies.recall:.3f}",
        "thread_precision": f"{test.threads.precision:.3f}",
        "thread_recall": f"{test.threads.recall:.3f}",
        "ms_per_article_at_1M": f"{ms:.3f}",
        "rss_mb_at_1M": f"{rss:.0f}",
    }
    print(last_line("dedup", values))


if __name__ == "__main__":
    main()
