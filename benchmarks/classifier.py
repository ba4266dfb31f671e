"""Relevance classifier against the keyword baseline: the frozen test, the old time split, speed.

* **frozen test** (``crawler/classify/frozen.py``, ``crawler/classify/data/README.md``): every
  labelled Bangla Tribune item (May to Aug 2026), each predicted by a model that never saw it —
  part (a) *time* (items from 2026-07-01, model trained on every other label plus the earlier
  Bangla Tribune items) and part (b) *cross-outlet* (every item, model trained without Bangla
  Tribune). Precision and recall with exact 95 % (Clopper-Pearson) intervals for all items and
  by input kind: the full text, headline + lead, and headline only;
* **Jugantor time split** (as before issue 15): train on the older 70 % of the other labels (by
  publication time), test on the newer 30 %;
* false positives on stories about Russia's war itself (irrelevant items naming Russia and
  Ukraine), the guideline's hardest negatives;
* speed: 1,000 items of mixed length (full articles, headline + lead, headlines) classified by
  the shipped model on one core.

    python benchmarks/classifier.py

Features and thresholds are never chosen on these figures (``tools/classifier_dev_cv.py`` is for
that). Last line (the frozen test, full text):
``classifier: precision=P recall=R f1=F baseline_f1=B frozen_n=N frozen_positives=K``.
"""

from __future__ import annotations

import re
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from benchmarks import last_line  # noqa: E402
from crawler.classify.cache import default_model  # noqa: E402
from crawler.classify.examples import Example, label_data  # noqa: E402
from crawler.classify.frozen import (  # noqa: E402
    KIND_NAMES,
    KINDS,
    LABELS,
    PART_NAMES,
    PARTS,
    Figures,
    FrozenResult,
    evaluate_on_frozen,
    figures,
    views,
)
from crawler.classify.lexicon import keyword_baseline  # noqa: E402
from crawler.classify.model import train  # noqa: E402
from crawler.text.bangla import normalize_text  # noqa: E402

WAR = re.compile(normalize_text("ইউক্রেন|কিয়েভ|জেলেনস্কি"))


def is_war(example: Example) -> bool:
    return not example.relevant and bool(
        WAR.search(normalize_text(example.title + " " + example.text))
    )


def row(name: str, model: Figures, baseline: Figures) -> None:
    (plo, phi), (rlo, rhi) = model.precision_ci, model.recall_ci
    print(
        f"  {name:<16} n={model.n:<4} positives={model.positives:<3} flagged={model.flagged:<3} "
        f"precision={model.precision:.3f} ({plo:.2f}-{phi:.2f}) "
        f"recall={model.recall:.3f} ({rlo:.2f}-{rhi:.2f}) f1={model.f1:.3f} | "
        f"baseline precision={baseline.precision:.3f} recall={baseline.recall:.3f} "
        f"f1={baseline.f1:.3f}"
    )


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


def frozen_test() -> FrozenResult:
    result = evaluate_on_frozen(train)
    print(f"frozen test (models {result.versions['time']}, {result.versions['cross_outlet']})")
    for part in PARTS:
        print(PART_NAMES[part])
        for kind in KINDS:
            row(KIND_NAMES[kind], result.model[(part, kind)], result.baseline[(part, kind)])
    print(f"  {calibration(result.scores['full'], result.truth)} (full text, all items)")
    hits, total = result.partners_agree
    topics, _ = result.topics_agree
    print(
        f"  on the {total} relevant items flagged (full text): partners overlap the label's on "
        f"{hits}, topics on {topics}"
    )
    headline = result.headline
    for target, met in result.meets_targets().items():
        print(f"  target {target}: {'met' if met else 'NOT met'}")
    print(
        f"  (recall {headline.recall:.3f}, interval {headline.recall_ci[0]:.2f}-"
        f"{headline.recall_ci[1]:.2f}; precision {headline.precision:.3f})"
    )
    return result


def time_split() -> None:
    examples = sorted(
        (e for e in label_data() if e.source != LABELS), key=lambda e: e.published or ""
    )
    cut = int(len(examples) * 0.7)
    older, newer = examples[:cut], examples[cut:]
    model = train(older)
    verdicts = model.judge_many([(e.title, e.text) for e in newer])
    truth = [e.relevant for e in newer]
    predicted = [v.relevant for v in verdicts]
    baseline = [keyword_baseline(e.title, e.text) for e in newer]
    war = [i for i, e in enumerate(newer) if is_war(e)]
    print(
        f"Jugantor time split: train up to {older[-1].published[:10]}, test from "
        f"{newer[0].published[:10]} (threshold {model.threshold:.3f})"
    )
    row("headline + lead", figures(predicted, truth), figures(baseline, truth))
    print(
        f"  war stories flagged: classifier {sum(predicted[i] for i in war)}/{len(war)}, "
        f"baseline {sum(baseline[i] for i in war)}/{len(war)}"
    )


def speed() -> None:
    """1,000 items of mixed length: Bangla Tribune full articles, their headline + lead and
    headline, and Jugantor feed items, scored by the shipped model on one core."""
    examples = label_data()
    articles = [e for e in examples if e.source == LABELS]
    feed = [e for e in examples if e.source != LABELS]
    items = [views(e)["full"] for e in articles[:400]]
    items += [views(e)["headline_lead"] for e in articles[400:550]]
    items += [views(e)["headline"] for e in articles[550:650]]
    items += [(e.title, e.text) for e in feed[: 1000 - len(items)]]
    model = default_model()
    chars = sum(len(title) + len(text) for title, text in items) / len(items)
    with threadpool_limits(limits=1):
        model.judge_many(items[:50])  # warm up
        start = time.perf_counter()
        model.judge_many(items)
        elapsed = time.perf_counter() - start
    print(
        f"speed: {len(items)} items (mean {chars:.0f} characters) in {elapsed:.2f}s on one core "
        f"({model.version})"
    )


def main() -> None:
    warnings.filterwarnings("ignore")
    result = frozen_test()
    time_split()
    speed()
    fig, base = result.headline, result.headline_baseline
    figures = {
        "precision": f"{fig.precision:.3f}",
        "recall": f"{fig.recall:.3f}",
        "f1": f"{fig.f1:.3f}",
        "baseline_f1": f"{base.f1:.3f}",
        "frozen_n": str(fig.n),
        "frozen_positives": str(fig.positives),
    }
    print(last_line("classifier", figures))


if __name__ == "__main__":
    main()
