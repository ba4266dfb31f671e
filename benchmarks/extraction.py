"""Prohori's extraction against plain trafilatura on the gold set (tests/resources/extraction).

Body scores are word-level (bag of words of the canonical text): precision, recall and F1 of the
extracted body against the gold body, summed over pages. A leak is a ``without`` snippet (a
read-more headline, a caption, a desk code, a footer line, the date bar ...) found in the body.
Titles and publication dates must equal the gold exactly. Times are per page, best of three.

    python benchmarks/extraction.py

Last line: ``extraction: f1=X precision=Y leaks=N titles=a/b dates=a/b ms_per_page=M
trafilatura_ms_per_page=T`` (one line).
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from benchmarks import last_line  # noqa: E402
from crawler.text.bangla import normalize_text  # noqa: E402
from crawler.text.extraction import extract  # noqa: E402
from crawler.text.language import detect_language  # noqa: E402

GOLD = ROOT / "tests" / "resources" / "extraction"
_WORDS = re.compile(r"[\u0980-\u09ff\w]+")


def load_gold() -> list[tuple[Path, dict[str, Any], str]]:
    pages = []
    for gold in sorted(GOLD.glob("*/*.json")):
        html = gold.with_suffix(".html").read_text(encoding="utf-8")
        pages.append((gold, json.loads(gold.read_text(encoding="utf-8")), html))
    return pages


def words(text: str) -> Counter[str]:
    return Counter(_WORDS.findall(normalize_text(text)))


def score(results: list[tuple[dict[str, Any], str]]) -> tuple[float, float, float, int, list[str]]:
    tp = fp = fn = 0
    leaks: list[str] = []
    for gold, text in results:
        got, want = words(text), words(gold["body"])
        overlap = sum((got & want).values())
        tp += overlap
        fp += sum(got.values()) - overlap
        fn += sum(want.values()) - overlap
        body = normalize_text(text)
        leaks += [f"{gold['url'][:60]}: {s}" for s in gold["without"] if normalize_text(s) in body]
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return (
        precision,
        recall,
        2 * precision * recall / max(precision + recall, 1e-9),
        len(leaks),
        leaks,
    )


def timed(fn: Callable[[], Any], pages: int) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best / pages * 1000


def main() -> None:
    pages = load_gold()
    ours = [(gold, extract(html, gold["url"])) for _, gold, html in pages]
    plain = [(gold, trafilatura.extract(html, url=gold["url"]) or "") for _, gold, html in pages]
    p, r, f, leak_count, leaks = score([(gold, found.text) for gold, found in ours])
    tp, tr, tf, t_leaks, _ = score(plain)
    titles = sum(found.title == normalize_text(gold["title"]) for gold, found in ours)
    dates = sum(found.published == gold["published"] for gold, found in ours)
    for gold, found in ours:
        if found.title != normalize_text(gold["title"]):
            print(f"title  {gold['url'][:70]}\n   got {found.title!r}\n  want {gold['title']!r}")
        if found.published != gold["published"]:
            print(f"date   {gold['url'][:70]}: got {found.published} want {gold['published']}")
    for leak in leaks:
        print(f"leak   {leak}")
    ms = timed(lambda: [extract(html, g["url"]) for _, g, html in pages], len(pages))
    t_ms = timed(
        lambda: [trafilatura.extract(html, url=g["url"]) for _, g, html in pages], len(pages)
    )
    texts = [found.text for _, found in ours]
    lang_ms = timed(lambda: [detect_language(t) for t in texts], len(texts))
    from langdetect import DetectorFactory, detect

    DetectorFactory.seed = 0
    agree = sum(detect_language(t)[0] == detect(t) for t in texts)
    print(f"pages: {len(pages)} in {len({g['style'] for _, g, _ in pages})} styles")
    print(f"prohori:     precision={p:.4f} recall={r:.4f} f1={f:.4f} leaks={leak_count}")
    print(f"trafilatura: precision={tp:.4f} recall={tr:.4f} f1={tf:.4f} leaks={t_leaks}")
    print(f"language stage: {lang_ms:.3f} ms/page, agrees with langdetect on {agree}/{len(texts)}")
    figures = {
        "f1": f"{f:.4f}",
        "precision": f"{p:.4f}",
        "leaks": str(leak_count),
        "titles": f"{titles}/{len(pages)}",
        "dates": f"{dates}/{len(pages)}",
        "ms_per_page": f"{ms:.2f}",
        "trafilatura_ms_per_page": f"{t_ms:.2f}",
    }
    print(last_line("extraction", figures))


if __name__ == "__main__":
    main()
