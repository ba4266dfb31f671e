"""Model development without touching the time split's test part.

Repeated stratified 5-fold cross-validation on the *older 70 %* of the labelled set only (the
time split's training part), each fold trained exactly as ``prohori train`` trains (its own
calibration and threshold), so the precision and recall printed are those of the whole
procedure. Decide feature and threshold changes on these figures, then run
``benchmarks/classifier.py`` once; with ~30 positives a single 5-fold run moves by ±0.02 AP from
one fold seed to the next, so compare variants over the same seeds.

    .venv/bin/python tools/classifier_dev_cv.py [REPEATS] [--seed N]

Prints mean AP (and its spread over the repeats), mean precision / recall / F2 at the model's own
threshold, and the items misclassified most often.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from sklearn.metrics import average_precision_score
from sklearn.model_selection import StratifiedKFold

from crawler.classify.model import TRAINING_FILES, label_data, train


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repeats", nargs="?", type=int, default=10)
    parser.add_argument("--seed", type=int, default=100, help="fold seed of the first repeat")
    parser.add_argument("--errors", type=int, default=15, help="how many error items to list")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")

    examples = sorted(label_data(TRAINING_FILES), key=lambda e: e.published or "")
    dev = examples[: int(len(examples) * 0.7)]
    truth = np.array([e.relevant for e in dev])
    aps, precisions, recalls = [], [], []
    errors: Counter[int] = Counter()
    for repeat in range(args.repeats):
        folds = StratifiedKFold(5, shuffle=True, random_state=args.seed + repeat)
        score = np.zeros(len(dev))
        predicted = np.zeros(len(dev), dtype=bool)
        for train_idx, test_idx in folds.split(dev, truth):
            model = train([dev[i] for i in train_idx])
            verdicts = model.judge_many([(dev[i].title, dev[i].text) for i in test_idx])
            for i, verdict in zip(test_idx, verdicts, strict=True):
                score[i], predicted[i] = verdict.score, verdict.relevant
        aps.append(average_precision_score(truth, score))
        tp = int((predicted & truth).sum())
        precisions.append(tp / max(int(predicted.sum()), 1))
        recalls.append(tp / int(truth.sum()))
        errors.update(int(i) for i in np.flatnonzero(predicted != truth))

    f2 = [5 * p * r / max(4 * p + r, 1e-9) for p, r in zip(precisions, recalls, strict=True)]
    print(f"dev part: {len(dev)} items, {int(truth.sum())} relevant; {args.repeats} x 5-fold")
    print(f"AP={np.mean(aps):.3f} (sd {np.std(aps):.3f}, min {np.min(aps):.3f})")
    print(f"precision={np.mean(precisions):.3f} recall={np.mean(recalls):.3f} f2={np.mean(f2):.3f}")
    for i, count in errors.most_common(args.errors):
        kind = "missed" if dev[i].relevant else "flagged"
        print(f"{count:>3}/{args.repeats} {kind:<7} {dev[i].id}  {dev[i].title[:70]}")


if __name__ == "__main__":
    main()
