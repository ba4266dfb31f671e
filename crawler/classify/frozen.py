"""The frozen test: every labelled Bangla Tribune item, fixed before any model or lexicon change.

Definition (``data/frozen-test.json``, see ``data/README.md``):

* part (a), *time*: the items published on or after ``TIME_FROM``, each scored by a model trained
  on every label that is not a Bangla Tribune item plus the Bangla Tribune items published before
  ``TIME_FROM``;
* part (b), *cross-outlet*: every item, each scored by a model trained without any Bangla Tribune
  item;
* the headline figures: every item predicted once by a model that never saw it, the items of
  part (a) by model (a) and the others by model (b).

Each item is scored three ways: as the full text the feed gave, as headline + lead (``lead``),
and as headline only. Features, lexicon terms, weights and thresholds are chosen by
cross-validation on the other labels (``tools/classifier_dev_cv.py``), never on these items.
``evaluate_on_frozen`` is what the benchmark and ``prohori train`` call.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from scipy.stats import binomtest

from crawler.classify.examples import Example, label_data, lead
from crawler.classify.lexicon import keyword_baseline
from crawler.classify.model import RelevanceModel

LABELS = "banglatribune-labels.jsonl.gz"
FROZEN_FILE = "frozen-test.json"
TIME_FROM = "2026-07-01"
KINDS = ("full", "headline_lead", "headline")
KIND_NAMES = {"full": "full text", "headline_lead": "headline + lead", "headline": "headline only"}
PARTS = ("all", "time", "cross_outlet")
PART_NAMES = {
    "all": "frozen test (each item by a model that never saw it)",
    "time": f"part (a) time: published from {TIME_FROM}",
    "cross_outlet": "part (b) cross-outlet: trained without Bangla Tribune",
}


def digest(pairs: Iterable[tuple[str, str]]) -> str:
    """sha256 of the sorted ``id<TAB>label`` lines: changes with any id or label."""
    lines = "".join(f"{item}\t{label}\n" for item, label in sorted(pairs))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def label_rows() -> list[dict[str, Any]]:
    """The Bangla Tribune label file's rows."""
    raw = resources.files("crawler.classify").joinpath("data", LABELS).read_bytes()
    return [json.loads(line) for line in gzip.decompress(raw).decode("utf-8").splitlines() if line]


def record(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """What ``frozen-test.json`` holds for these label rows."""
    time = [r for r in rows if r["published"][:10] >= TIME_FROM]
    return {
        "definition": (
            "Every labelled Bangla Tribune item. Part (a) time: items published on or after "
            f"{TIME_FROM} (UTC), scored by a model trained on all other labels plus the Bangla "
            "Tribune items published before. Part (b) cross-outlet: all items, scored by a model "
            "trained without any Bangla Tribune item. Headline figures: every item once, part "
            "(a)'s by model (a), the rest by model (b). sha256 over the sorted 'id<TAB>label' "
            "lines."
        ),
        "labels": LABELS,
        "time_from": TIME_FROM,
        "n": len(rows),
        "positives": sum(r["label"] == "relevant" for r in rows),
        "sha256": digest((r["id"], r["label"]) for r in rows),
        "time": {
            "n": len(time),
            "positives": sum(r["label"] == "relevant" for r in time),
            "sha256": digest((r["id"], r["label"]) for r in time),
        },
        "items": [
            {"id": r["id"], "label": r["label"], "time": r["published"][:10] >= TIME_FROM}
            for r in sorted(rows, key=lambda r: r["id"])
        ],
    }


def recorded() -> dict[str, Any]:
    text = resources.files("crawler.classify").joinpath("data", FROZEN_FILE).read_text("utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


@dataclass(frozen=True)
class FrozenSet:
    ids: frozenset[str]
    time_ids: frozenset[str]
    sha256: str


def frozen_set() -> FrozenSet:
    """The recorded frozen set, after checking that the label file still gives exactly it."""
    saved = recorded()
    items = saved["items"]
    pairs = [(x["id"], x["label"]) for x in items]
    if digest(pairs) != saved["sha256"]:
        raise ValueError(f"{FROZEN_FILE}: its items do not match its sha256")
    now = record(label_rows())
    if now["sha256"] != saved["sha256"] or now["time"]["sha256"] != saved["time"]["sha256"]:
        raise ValueError(f"{LABELS} no longer gives the frozen test recorded in {FROZEN_FILE}")
    return FrozenSet(
        frozenset(x["id"] for x in items),
        frozenset(x["id"] for x in items if x["time"]),
        saved["sha256"],
    )


def views(example: Example) -> dict[str, tuple[str, str]]:
    """The three inputs a story comes as: full text, headline + lead, headline only."""
    return {
        "full": (example.title, example.text),
        "headline_lead": (example.title, lead(example.text)),
        "headline": (example.title, ""),
    }


def clopper_pearson(k: int, n: int) -> tuple[float, float]:
    """Exact 95 % interval of a binomial proportion k/n ((0, 1) when n is 0)."""
    if not n:
        return (0.0, 1.0)
    ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="exact")
    return (float(ci.low), float(ci.high))


@dataclass(frozen=True)
class Figures:
    n: int
    positives: int
    flagged: int
    tp: int

    @property
    def precision(self) -> float:
        return self.tp / self.flagged if self.flagged else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.positives if self.positives else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def precision_ci(self) -> tuple[float, float]:
        return clopper_pearson(self.tp, self.flagged)

    @property
    def recall_ci(self) -> tuple[float, float]:
        return clopper_pearson(self.tp, self.positives)

    def line(self) -> str:
        (plo, phi), (rlo, rhi) = self.precision_ci, self.recall_ci
        return (
            f"n={self.n} positives={self.positives} flagged={self.flagged} tp={self.tp} "
            f"precision={self.precision:.3f} ({plo:.2f}-{phi:.2f}) "
            f"recall={self.recall:.3f} ({rlo:.2f}-{rhi:.2f}) f1={self.f1:.3f}"
        )


def figures(predicted: Sequence[bool], truth: Sequence[bool]) -> Figures:
    tp = sum(p and t for p, t in zip(predicted, truth, strict=True))
    return Figures(len(truth), sum(truth), sum(predicted), tp)


@dataclass
class FrozenResult:
    """Figures of one model procedure on the frozen test, by part and by input kind."""

    model: dict[tuple[str, str], Figures]
    baseline: dict[tuple[str, str], Figures]
    versions: dict[str, str]
    # On the relevant items flagged (full text): how often the verdict's partners and topics
    # share at least one with the label's.
    partners_agree: tuple[int, int] = (0, 0)
    topics_agree: tuple[int, int] = (0, 0)
    scores: dict[str, list[float]] = field(default_factory=dict, repr=False)
    truth: list[bool] = field(default_factory=list, repr=False)

    @property
    def headline(self) -> Figures:
        return self.model[("all", "full")]

    @property
    def headline_baseline(self) -> Figures:
        return self.baseline[("all", "full")]

    def meets_targets(self) -> dict[str, bool]:
        fig = self.headline
        return {
            "recall >= 0.94": fig.recall >= 0.94,
            "precision >= 0.90": fig.precision >= 0.90,
            "recall interval lower bound >= 0.80": fig.recall_ci[0] >= 0.80,
        }


TrainingFn = Callable[[list[Example]], RelevanceModel]


def evaluate_on_frozen(
    model_or_training_fn: RelevanceModel | TrainingFn,
    examples: Sequence[Example] | None = None,
    extra: Sequence[Example] = (),
) -> FrozenResult:
    """Figures with 95 % intervals on the frozen test.

    Given a training function (``examples -> RelevanceModel``, e.g. ``model.train`` or the
    ``prohori train`` procedure), it trains model (a) on the labels outside the frozen time part
    and model (b) on the labels outside Bangla Tribune, each plus ``extra`` (e.g. review
    decisions; any of them on a frozen item is left out), and scores each item by a model that
    never saw it. Given a trained model, it scores every item with that model, and refuses one
    that was trained on a frozen item. ``examples`` defaults to the shipped labels.
    """
    frozen = frozen_set()
    labelled = list(examples) if examples is not None else label_data()
    by_id = {e.id: e for e in labelled}
    missing = frozen.ids - set(by_id)
    if missing:
        raise ValueError(f"{len(missing)} frozen items are not in the labelled examples")
    items = [by_id[i] for i in sorted(frozen.ids)]
    extra = [e for e in extra if e.id not in frozen.ids]
    if isinstance(model_or_training_fn, RelevanceModel):
        seen = model_or_training_fn.trained_ids & frozen.ids
        if seen:
            raise ValueError(f"the model was trained on {len(seen)} frozen items")
        model_a = model_b = model_or_training_fn
    else:
        outside = [e for e in labelled if e.id not in frozen.ids]
        before = [e for e in labelled if e.id in frozen.ids and e.id not in frozen.time_ids]
        model_a = model_or_training_fn([*outside, *before, *extra])
        model_b = model_or_training_fn([*outside, *extra])
    truth = [e.relevant for e in items]
    in_time = [e.id in frozen.time_ids for e in items]
    result = FrozenResult({}, {}, {"time": model_a.version, "cross_outlet": model_b.version})
    result.truth = truth
    for kind in KINDS:
        stories = [views(e)[kind] for e in items]
        verdict_a = model_a.judge_many(stories)
        verdict_b = verdict_a if model_b is model_a else model_b.judge_many(stories)
        combined = [a if t else b for a, b, t in zip(verdict_a, verdict_b, in_time, strict=True)]
        base = [keyword_baseline(title, text) for title, text in stories]
        time_idx = [i for i, t in enumerate(in_time) if t]
        parts = {
            "all": (combined, base, truth),
            "time": (
                [verdict_a[i] for i in time_idx],
                [base[i] for i in time_idx],
                [truth[i] for i in time_idx],
            ),
            "cross_outlet": (verdict_b, base, truth),
        }
        for part, (verdicts, baseline, gold) in parts.items():
            result.model[(part, kind)] = figures([v.relevant for v in verdicts], gold)
            result.baseline[(part, kind)] = figures(baseline, gold)
        result.scores[kind] = [v.score for v in combined]
        if kind == "full":
            hits = [
                (e, v) for e, v in zip(items, combined, strict=True) if e.relevant and v.relevant
            ]
            result.partners_agree = (
                sum(bool(set(e.partners) & set(v.partners)) for e, v in hits),
                len(hits),
            )
            result.topics_agree = (
                sum(bool(set(e.topics) & set(v.topics)) for e, v in hits),
                len(hits),
            )
    return result
