"""Near-duplicate detection: quality on the evaluation set, cost at 10k, 100k and 1M stored.

Quality: precision and recall on ``tests/resources/dedup/eval.jsonl`` (real texts: edited copies
as positives, look-alike different stories and follow-ups as negatives).

Scale: the SQLite-backed LSH index is filled with synthetic articles (random MinHash signatures
and openings: distinct texts have independent, uniformly spread band keys, so random keys load
the index exactly as real distinct texts would), then 1,000 real texts are fingerprinted,
queried and inserted one by one, each in its own transaction as in a crawl. The process's
resident memory is read after each step.

    python benchmarks/dedup.py              # 10k, 100k, 1M (a few minutes, ~2 GB of disk)
    python benchmarks/dedup.py --max 100000

Last line: ``dedup: precision=X recall=Y ms_per_article_at_1M=Z rss_mb_at_1M=M``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import last_line  # noqa: E402
from crawler.dedup.index import HEAD_WORDS, NearDuplicateIndex, is_copy, open_index  # noqa: E402
from crawler.text.bangla import normalize_text  # noqa: E402
from pipelines.dedup import COMMIT_EVERY  # noqa: E402

EVAL = ROOT / "tests/resources/dedup/eval.jsonl"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def quality(pairs: list[dict[str, Any]]) -> tuple[float, float]:
    tp = fp = fn = 0
    for pair in pairs:
        found = is_copy(pair["a"]["text"], pair["b"]["text"])
        duplicate = pair["label"] == "duplicate"
        tp += found and duplicate
        fp += found and not duplicate
        fn += duplicate and not found
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def fill(index: NearDuplicateIndex, start: int, stop: int, rng: np.random.Generator) -> None:
    conn, chunk = index.conn, 20000
    for first in range(start, stop, chunk):
        last = min(first + chunk, stop)
        n = last - first
        signatures = rng.integers(0, 2**32, size=(n, index.num_perm), dtype=np.uint32)
        heads = rng.integers(0, 2**32, size=(n, HEAD_WORDS - 2), dtype=np.uint32)
        conn.executemany(
            "insert into minhashes (id, canonical_url, cluster_id, published, signature, head)"
            " values (?, ?, ?, ?, ?, ?)",
            (
                (
                    first + i + 1,
                    f"https://synthetic.test/{first + i}",
                    f"c-{first + i}",
                    "2025-01-01T00:00:00+06:00",
                    signatures[i].tobytes(),
                    heads[i].tobytes(),
                )
                for i in range(n)
            ),
        )
        keys = rng.integers(0, 2**63 - 1, size=(n, index.bands), dtype=np.int64)
        conn.executemany(
            "insert or ignore into lsh_bands (key, article) values (?, ?)",
            ((int(keys[i, b]), first + i + 1) for i in range(n) for b in range(index.bands)),
        )
        conn.commit()


def timed_inserts(index: NearDuplicateIndex, texts: list[str], tag: str) -> float:
    start = time.perf_counter()
    for i, text in enumerate(texts):
        # Texts arrive normalised from the extract stage, as in a crawl.
        fingerprint = index.fingerprint(text, normalized=True)
        index.query(fingerprint)
        index.insert(f"https://real.test/{tag}/{i}", f"c-real-{tag}-{i}", None, fingerprint)
        if i % COMMIT_EVERY == COMMIT_EVERY - 1:
            index.conn.commit()  # as the dedup stage does
    index.conn.commit()
    return (time.perf_counter() - start) / len(texts) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max", type=int, default=1_000_000, help="largest index size")
    args = parser.parse_args()
    pairs = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines()]
    precision, recall = quality(pairs)
    print(f"evaluation set: {len(pairs)} pairs, precision={precision:.4f} recall={recall:.4f}")
    texts = [p["a"]["text"] for p in pairs] + [p["b"]["text"] for p in pairs]
    texts = [normalize_text(t) for t in (texts * 2)[:1000]]
    rng = np.random.default_rng(0)
    results: dict[int, tuple[float, float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "index.db"
        index = open_index(str(path))  # as the dedup stage opens it
        conn = index.conn
        stored = 0
        for size in (10_000, 100_000, 1_000_000):
            if size > args.max:
                break
            began = time.perf_counter()
            fill(index, stored, size, rng)
            stored = size
            ms = timed_inserts(index, texts, str(size))
            stored += len(texts)
            disk = path.stat().st_size / 2**20
            results[size] = (ms, rss_mb(), disk)
            print(
                f"{size:>9,} stored: insert+query {ms:.3f} ms/article, rss {rss_mb():.0f} MB,"
                f" index on disk {disk:.0f} MB ({disk * 1024 / size:.2f} KB/article), "
                f"filled in {time.perf_counter() - began:.0f}s"
            )
        conn.close()
    largest = max(results)
    ms, rss, _ = results[largest]
    if largest != 1_000_000:  # a quick run: not the contract's figures
        print(f"dedup (at {largest:,}): precision={precision:.4f} recall={recall:.4f} ms={ms:.3f}")
        return
    figures = {
        "precision": f"{precision:.4f}",
        "recall": f"{recall:.4f}",
        "ms_per_article_at_1M": f"{ms:.3f}",
        "rss_mb_at_1M": f"{rss:.0f}",
    }
    print(last_line("dedup", figures))


if __name__ == "__main__":
    main()
