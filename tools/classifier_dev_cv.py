"""Model development without touching the frozen test.

Repeated stratified 5-fold cross-validation on the labels outside the frozen test (the Jugantor
feed items and the full articles: every label that is not a Bangla Tribune item), each fold
trained exactly as ``prohori train`` trains (its own calibration and threshold), so the figures
printed are those of the whole procedure. Each held-out item is scored three ways, as the
frozen test scores (``crawler.classify.frozen.views``): as given (full text for articles,
headline + lead for feed items), headline + lead, and headline only. Decide feature, lexicon
and threshold changes on these figures, then run ``benchmarks/classifier.py`` (the frozen test)
once; with few positives a single 5-fold run moves by several points of AP from one fold seed
to the next, so compare variants over the same seeds.

    .venv/bin/python tools/classifier_dev_cv.py [REPEATS] [--seed N] [--set KEY=VALUE ...]

``--set`` overrides a training setting (``crawler.classify.model.TRAINING``) for a comparison,
e.g. ``--set views=0`` or ``--set view_weight=1``. Prints, per input kind, mean AP (and its
spread over the repeats) and mean precision / recall / F2 at the model's own threshold; on the
relevant items flagged from the full text, how often partners and topics overlap the label's
and whether the evidence sentence names Russia; and the items misclassified most often.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from sklearn.metrics import average_precision_score
from sklearn.model_selection import StratifiedKFold

from crawler.classify import examples as classifier_examples
from crawler.classify import version as classifier
from crawler.classify.examples import label_data
from crawler.classify.frozen import KIND_NAMES, KINDS, LABELS, views
from crawler.classify.lexicon import RUSSIA_RE
from crawler.classify.model import train


def development_set() -> list[classifier_examples.Example]:
    """Every label outside the frozen test (which is every Bangla Tribune item)."""
    return [e for e in label_data() if e.source != LABELS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repeats", nargs="?", type=int, default=10)
    parser.add_argument("--seed", type=int, default=100, help="fold seed of the first repeat")
    parser.add_argument("--errors", type=int, default=15, help="how many error items to list")
    parser.add_argument("--set", action="append", default=[], help="KEY=VALUE training setting")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    for item in args.set:
        key, value = item.split("=", 1)
        if key not in classifier.TRAINING:
            raise SystemExit(f"unknown setting {key}: {sorted(classifier.TRAINING)}")
        classifier.TRAINING[key] = json.loads(value)

    dev = development_set()
    truth = np.array([e.relevant for e in dev])
    aps: dict[str, list[float]] = {k: [] for k in KINDS}
    prf: dict[str, list[tuple[float, float]]] = {k: [] for k in KINDS}
    tags = Counter[str]()
    errors: dict[str, Counter[int]] = {k: Counter() for k in KINDS}
    for repeat in range(args.repeats):
        folds = StratifiedKFold(5, shuffle=True, random_state=args.seed + repeat)
        score = {k: np.zeros(len(dev)) for k in KINDS}
        predicted = {k: np.zeros(len(dev), dtype=bool) for k in KINDS}
        for train_idx, test_idx in folds.split(dev, truth):
            model = train([dev[i] for i in train_idx])
            for kind in KINDS:
                verdicts = model.judge_many([views(dev[i])[kind] for i in test_idx])
                for i, verdict in zip(test_idx, verdicts, strict=True):
                    score[kind][i], predicted[kind][i] = verdict.score, verdict.relevant
                    if kind == "full" and verdict.relevant and dev[i].relevant:
                        tags["hits"] += 1
                        tags["partners"] += bool(set(verdict.partners) & set(dev[i].partners))
                        tags["topics"] += bool(set(verdict.topics) & set(dev[i].topics))
                        tags["evidence"] += bool(RUSSIA_RE.search(verdict.evidence or ""))
        for kind in KINDS:
            aps[kind].append(average_precision_score(truth, score[kind]))
            tp = int((predicted[kind] & truth).sum())
            prf[kind].append((tp / max(int(predicted[kind].sum()), 1), tp / int(truth.sum())))
            errors[kind].update(int(i) for i in np.flatnonzero(predicted[kind] != truth))

    settings = ", ".join(f"{k}={v}" for k, v in classifier.TRAINING.items())
    print(
        f"development set: {len(dev)} items, {int(truth.sum())} relevant; {args.repeats} x 5-fold"
    )
    print(f"settings: {settings}; seeds {args.seed}-{args.seed + args.repeats - 1}")
    for kind in KINDS:
        p = float(np.mean([x[0] for x in prf[kind]]))
        r = float(np.mean([x[1] for x in prf[kind]]))
        f2 = float(np.mean([5 * a * b / max(4 * a + b, 1e-9) for a, b in prf[kind]]))
        print(
            f"{KIND_NAMES[kind]:<16} AP={np.mean(aps[kind]):.3f} (sd {np.std(aps[kind]):.3f}) "
            f"precision={p:.3f} recall={r:.3f} f2={f2:.3f}"
        )
    hits = max(tags["hits"], 1)
    print(
        f"tags on relevant items flagged (as given): partners overlap "
        f"{tags['partners'] / hits:.3f},"
        f" topics overlap {tags['topics'] / hits:.3f}, evidence names Russia "
        f"{tags['evidence'] / hits:.3f}"
    )
    for kind in ("full", "headline"):
        print(f"most frequent errors, {KIND_NAMES[kind]}:")
        for i, count in errors[kind].most_common(args.errors):
            what = "missed" if dev[i].relevant else "flagged"
            print(f"{count:>3}/{args.repeats} {what:<7} {dev[i].id}  {dev[i].title[:70]}")


if __name__ == "__main__":
    main()
