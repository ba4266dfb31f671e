"""Relevance classifier against the keyword baseline, on the shipped labelled set.

* time split: train on the older 70 % of items (by publication time), test on the newer 30 %;
* cross-validated: 5 stratified folds (seeded);
* false positives on stories about Russia's war itself (irrelevant items naming Russia and
  Ukraine), the guideline's hardest negatives: in the time split's test part (feed headlines and
  leads), and among the full articles under cross-validation (the articles are all older than the
  time split's cut, so the time split never tests one);
* speed: 1,000 items classified with one trained model;
* calibration of the cross-validated scores (Brier score, predicted vs observed by band);
* exact binomial intervals for the time split's precision and recall, since its test part holds
  only a handful of relevant items.

    python benchmarks/classifier.py

Last line (time split): ``classifier: precision=X recall=Y f1=Z baseline_f1=W``.
"""

from __future__ import annotations

import re
import sys
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from scipy.stats import binomtest  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402

from crawler.bangla import normalize_text  # noqa: E402
from crawler.classify.lexicon import keyword_baseline  # noqa: E402
from crawler.classify.model import TRAINING_FILES, Example, label_data, train  # noqa: E402

WAR = re.compile(normalize_text("ইউক্রেন|কিয়েভ|জেলেনস্কি"))


def prf(predicted: Sequence[bool], truth: Sequence[bool]) -> tuple[float, float, float]:
    tp = sum(p and t for p, t in zip(predicted, truth, strict=True))
    precision = tp / max(sum(predicted), 1)
    recall = tp / max(sum(truth), 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


@dataclass
class Result:
    model: tuple[float, float, float]
    interval: dict[str, tuple[float, float]]
    baseline: tuple[float, float, float]
    war_fp: int
    war_fp_baseline: int
    war: int
    positives: int
    n: int
    threshold: float


def is_war(example: Example) -> bool:
    return not example.relevant and bool(
        WAR.search(normalize_text(example.title + " " + example.text))
    )


def interval(predicted: Sequence[bool], truth: Sequence[bool]) -> dict[str, tuple[float, float]]:
    """Exact (Clopper-Pearson) 95 % intervals of precision and recall as binomial proportions:
    with a handful of positives, one story moves either by 0.1 or more (a bootstrap would give
    a 6-of-6 recall the interval 1-1)."""
    tp = sum(p and t for p, t in zip(predicted, truth, strict=True))
    result = {}
    for name, n in (("precision", sum(predicted)), ("recall", sum(truth))):
        ci = binomtest(tp, n).proportion_ci(method="exact") if n else None
        result[name] = (ci.low, ci.high) if ci else (0.0, 1.0)
    return result


def calibration(scores: Sequence[float], truth: Sequence[bool]) -> str:
    """Brier score, and predicted vs observed share of relevant stories by score band: a
    calibrated score of 0.8 should be right about 8 times in 10."""
    y = np.asarray(truth, dtype=float)
    s = np.asarray(scores)
    bands = []
    for low, high in ((0.0, 0.1), (0.1, 0.5), (0.5, 0.9), (0.9, 1.01)):
        inside = (s >= low) & (s < high)
        if inside.any():
            bands.append(
                f"{low:.1f}-{min(high, 1.0):.1f}: n={int(inside.sum())} "
                f"predicted {s[inside].mean():.2f} observed {y[inside].mean():.2f}"
            )
    return f"calibration: brier={np.mean((s - y) ** 2):.4f}; " + "; ".join(bands)


def evaluate(train_set: Sequence[Example], test_set: Sequence[Example]) -> Result:
    model = train(train_set)
    verdicts = model.judge_many([(e.title, e.text) for e in test_set])
    truth = [e.relevant for e in test_set]
    predicted = [v.relevant for v in verdicts]
    baseline = [keyword_baseline(e.title, e.text) for e in test_set]
    war = [i for i, e in enumerate(test_set) if is_war(e)]
    return Result(
        prf(predicted, truth),
        interval(predicted, truth),
        prf(baseline, truth),
        sum(predicted[i] for i in war),
        sum(baseline[i] for i in war),
        len(war),
        sum(truth),
        len(test_set),
        model.threshold,
    )


def show(name: str, result: Result) -> None:
    p, r, f = result.model
    bp, br, bf = result.baseline
    print(f"{name:<12} n={result.n} positives={result.positives} threshold={result.threshold:.3f}")
    print(
        f"{'':<12} classifier precision={p:.3f} recall={r:.3f} f1={f:.3f} | "
        f"baseline precision={bp:.3f} recall={br:.3f} f1={bf:.3f}"
    )
    (plo, phi), (rlo, rhi) = result.interval["precision"], result.interval["recall"]
    print(
        f"{'':<12} classifier 95 % interval (Clopper-Pearson): precision {plo:.2f}-{phi:.2f}, "
        f"recall {rlo:.2f}-{rhi:.2f}"
    )
    print(
        f"{'':<12} war stories flagged: classifier {result.war_fp}/{result.war}, "
        f"baseline {result.war_fp_baseline}/{result.war}"
    )


def main() -> None:
    warnings.filterwarnings("ignore")
    examples = sorted(label_data(TRAINING_FILES), key=lambda e: e.published or "")
    cut = int(len(examples) * 0.7)
    split = evaluate(examples[:cut], examples[cut:])
    show("time split", split)
    print(
        f"{'':<12} (train up to {examples[cut - 1].published[:10]}, test from "
        f"{examples[cut].published[:10]})"
    )

    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    truth = [e.relevant for e in examples]
    pooled: dict[str, list[bool]] = {"model": [], "baseline": [], "truth": [], "article": []}
    scores: list[float] = []
    for train_idx, test_idx in folds.split(examples, truth):
        model = train([examples[i] for i in train_idx])
        test = [examples[i] for i in test_idx]
        verdicts = model.judge_many([(e.title, e.text) for e in test])
        pooled["model"] += [v.relevant for v in verdicts]
        scores += [v.score for v in verdicts]
        pooled["baseline"] += [keyword_baseline(e.title, e.text) for e in test]
        pooled["truth"] += [e.relevant for e in test]
        # Full articles (Prothom Alo, BDNewsPaperScraper, seeds) have no feed link as id.
        pooled["article"] += [is_war(e) and not e.id.startswith("http") for e in test]
    p, r, f = prf(pooled["model"], pooled["truth"])
    bp, br, bf = prf(pooled["baseline"], pooled["truth"])
    print(
        f"{'5-fold CV':<12} classifier precision={p:.3f} recall={r:.3f} f1={f:.3f} | "
        f"baseline precision={bp:.3f} recall={br:.3f} f1={bf:.3f}"
    )
    (plo, phi), (rlo, rhi) = interval(pooled["model"], pooled["truth"]).values()
    print(
        f"{'':<12} classifier 95 % interval (Clopper-Pearson): precision {plo:.2f}-{phi:.2f}, "
        f"recall {rlo:.2f}-{rhi:.2f}"
    )
    print(f"{'':<12} {calibration(scores, pooled['truth'])}")
    articles = [i for i, a in enumerate(pooled["article"]) if a]
    print(
        f"{'':<12} war full articles flagged: classifier "
        f"{sum(pooled['model'][i] for i in articles)}/{len(articles)}, "
        f"baseline {sum(pooled['baseline'][i] for i in articles)}/{len(articles)}"
    )

    model = train(examples)
    items = [(e.title, e.text) for e in (examples * 2)[:1000]]
    start = time.perf_counter()
    model.judge_many(items)
    print(f"speed: 1000 items in {time.perf_counter() - start:.2f}s")
    p, r, f = split.model
    bf = split.baseline[2]
    print(f"classifier: precision={p:.3f} recall={r:.3f} f1={f:.3f} baseline_f1={bf:.3f}")


if __name__ == "__main__":
    main()
