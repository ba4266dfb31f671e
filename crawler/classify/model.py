"""The trained relevance classifier: lexicon features + character and word n-grams, logistic
regression.

Character n-grams (2–4, within words) of the story's *focus* — headline, lead and the sentences
that name Russia — let the model learn inflected Bengali forms and vocabulary the lexicon lacks.
Word n-grams (1–3) of the same focus with Russia and partner names masked (``features.masked``)
let a pattern learnt for one partner carry over to another. The lexicon features
(Russia/partner/defence co-occurrence, war-only share, topic flags) and the relation features
(``features.relation_features``: ties in one sentence, Russia reacting to a third state,
fighters for Russia, arms control) carry the guideline's structure. Probabilities are
calibrated by Platt scaling fitted on 5-fold cross-validated decision values (one model and two
numbers at prediction time), and the threshold is chosen for recall: F2*/5, the F2-optimal
threshold for calibrated scores (``_choose_threshold``), where F2* is the best F2 of those
cross-validated predictions. A story that never names Russia cannot be relevant.

Training is seeded and deterministic: the same labelled data gives the same model. The trained
model is cached under a key of everything that shapes it (``model_key``). Measured figures are
in ``data/README.md`` and ``benchmarks/classifier.py``, not here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, cross_val_predict

from crawler.classify.examples import Example, lead, names_russia
from crawler.classify.features import masked, relation_features
from crawler.classify.lexicon import Analysis, Judgement, analyse
from crawler.classify.version import MODEL_NAME, SEED, TRAINING, model_key

log = logging.getLogger(__name__)


def _char_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(2, 4),
        min_df=2,
        sublinear_tf=True,
        max_features=60000,
        dtype=np.float32,
    )


def _word_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="word",
        ngram_range=(1, 3),
        min_df=2,
        sublinear_tf=True,
        lowercase=False,  # keeps the RUS / PTR placeholders apart from any Latin text
        token_pattern=r"[\u0980-\u09ffA-Z]+",
        dtype=np.float32,
    )


def _structured(found: Analysis) -> list[float]:
    return found.features + relation_features(found)


@dataclass
class RelevanceModel:
    vectorizer: TfidfVectorizer
    words: TfidfVectorizer
    classifier: LogisticRegression
    platt: tuple[float, float]  # p = 1 / (1 + exp(-(a * decision + b)))
    threshold: float
    version: str
    trained_on: int
    metrics: dict[str, Any] = field(default_factory=dict)
    trained_ids: frozenset[str] = frozenset()  # what it must not be tested on

    def _matrix(self, found: Sequence[Analysis]) -> Any:
        focus = [f.focus for f in found]
        return hstack(
            [
                self.vectorizer.transform(focus),
                self.words.transform([masked(x) for x in focus]),
                csr_matrix(np.asarray([_structured(f) for f in found])),
            ]
        ).tocsr()

    def scores(self, stories: Iterable[tuple[str, str]]) -> list[tuple[float, Any]]:
        found = [analyse(title, text) for title, text in stories]
        if not found:
            return []
        decision = self.classifier.decision_function(self._matrix(found))
        probs = _platt(decision, self.platt)
        return [
            (float(p) if f.russia else min(float(p), 0.01), f)
            for p, f in zip(probs, found, strict=True)
        ]

    def label_version(self, threshold: float | None = None) -> str:
        """The version recorded with a verdict: the model's, plus ``@threshold`` when a threshold
        other than its own decided the label, so labels made at different cuts stay apart."""
        if threshold is None or threshold == self.threshold:
            return self.version
        return f"{self.version}@{threshold:g}"

    def judge(self, title: str, text: str, threshold: float | None = None) -> Judgement:
        return self.judge_many([(title, text)], threshold)[0]

    def judge_many(
        self, stories: Iterable[tuple[str, str]], threshold: float | None = None
    ) -> list[Judgement]:
        cut = self.threshold if threshold is None else threshold
        label = self.label_version(threshold)
        result = []
        for score, found in self.scores(stories):
            relevant = score >= cut
            result.append(
                Judgement(
                    relevant,
                    round(score, 4),
                    found.partners if relevant else [],
                    found.topics if relevant else [],
                    found.evidence,
                    label,
                )
            )
        return result


def _platt(decision: Any, params: tuple[float, float]) -> Any:
    a, b = params
    return 1.0 / (1.0 + np.exp(-(a * np.asarray(decision) + b)))


@dataclass
class _Rows:
    """The training rows: each example's views, with their labels, weights and example index."""

    stories: list[tuple[str, str]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)


def training_views(examples: Sequence[Example]) -> _Rows:
    """Each example as given, and (with ``TRAINING["views"]``) its headline + lead and its
    headline alone, when they differ from it. A relevant story's shorter view that no longer
    names Russia is left out: no model may flag it (a story that never names Russia cannot be
    relevant), so it would only teach the n-grams of its headline as a tie."""
    rows = _Rows()
    for index, e in enumerate(examples):
        stories = [(e.title, e.text)]
        if TRAINING["views"]:
            stories += [(e.title, lead(e.text)), (e.title, "")]
        seen: set[tuple[str, str]] = set()
        for n, story in enumerate(stories):
            if story in seen or (n and e.relevant and not names_russia(*story)):
                continue
            seen.add(story)
            rows.stories.append(story)
            rows.labels.append(int(e.relevant))
            rows.weights.append(1.0 if n == 0 else float(TRAINING["view_weight"]))
            rows.groups.append(index)
    return rows


def _fit(
    examples: Sequence[Example],
) -> tuple[TfidfVectorizer, TfidfVectorizer, LogisticRegression, Any, _Rows]:
    """Fit the model; return it with the cross-validated decision values of the training rows
    (``training_views``) and the rows.

    The vectorizers are fitted on all the rows before cross-validation: they see no labels,
    and refitting them for every fold would slow training for a negligible difference. The
    folds keep every view of an example together.
    """
    rows = training_views(examples)
    found = [analyse(title, text) for title, text in rows.stories]
    focus = [f.focus for f in found]
    vectorizer, words = _char_vectorizer(), _word_vectorizer()
    matrix = hstack(
        [
            vectorizer.fit_transform(focus),
            words.fit_transform([masked(x) for x in focus]),
            csr_matrix(np.asarray([_structured(f) for f in found])),
        ]
    ).tocsr()
    labels = np.asarray(rows.labels, dtype=int)
    weights = np.asarray(rows.weights)
    classifier = LogisticRegression(
        C=float(TRAINING["C"]),
        class_weight="balanced",
        solver="newton-cg",
        max_iter=5000,
        random_state=SEED,
    )
    positives = sum(e.relevant for e in examples)
    folds = StratifiedGroupKFold(
        n_splits=max(2, min(5, positives)), shuffle=True, random_state=SEED
    )
    decision = cross_val_predict(
        classifier,
        matrix,
        labels,
        groups=rows.groups,
        cv=folds,
        method="decision_function",
        params={"sample_weight": weights},
    )
    classifier.fit(matrix, labels, sample_weight=weights)
    return vectorizer, words, classifier, decision, rows


def _calibrate(decision: Any, labels: Any, weights: Any = None) -> tuple[float, float]:
    """Platt scaling on out-of-fold decision values (no class weights: true base rates)."""
    platt = LogisticRegression(C=1e6, max_iter=1000, random_state=SEED)
    platt.fit(np.asarray(decision).reshape(-1, 1), labels, sample_weight=weights)
    return float(platt.coef_[0][0]), float(platt.intercept_[0])


def best_f2(probs: Any, labels: Any, weights: Any = None) -> float:
    """The highest F2 over all thresholds of cross-validated predictions (rows weighted)."""
    w = np.ones(len(labels)) if weights is None else np.asarray(weights)
    positive = np.asarray(labels) == 1
    best = 0.0
    for threshold in np.unique(np.round(probs, 4)):
        predicted = probs >= threshold
        tp = float(w[predicted & positive].sum())
        precision = tp / max(float(w[predicted].sum()), 1e-9)
        recall = tp / max(float(w[positive].sum()), 1e-9)
        best = max(best, 5 * precision * recall / max(4 * precision + recall, 1e-9))
    return best


def _choose_threshold(probs: Any, labels: Any, weights: Any = None) -> float:
    """F2* / 5, where F2* is the best F2 the cross-validated predictions reach.

    F2 weighs recall twice as much as precision: a reviewer removes a false positive in
    seconds, while a missed story is lost to the corpus. For calibrated probabilities the
    threshold that maximises the expected F-beta is F*/(1 + beta^2) (Lipton, Elkan &
    Narayanaswamy 2014, "Optimal thresholding of classifiers to maximize F1 measure"): a story
    is worth flagging when its probability exceeds that share of the best achievable score.
    Taking the argmax of the F2 curve instead puts the threshold on one training story's score,
    which jumps from fold to fold with few positives; F2*/5 is steadier (and scored better under
    repeated cross-validation: classify/data/README.md).
    """
    return best_f2(probs, labels, weights) / 5


def train(examples: Sequence[Example]) -> RelevanceModel:
    vectorizer, words, classifier, decision, rows = _fit(examples)
    labels, weights = np.asarray(rows.labels), np.asarray(rows.weights)
    platt = _calibrate(decision, labels, weights)
    probs = _platt(decision, platt)
    threshold = _choose_threshold(probs, labels, weights)
    # Cross-validated figures on the examples as given (each example's first row).
    first = np.r_[True, np.diff(rows.groups) != 0]
    predicted = (probs >= threshold)[first]
    truth = labels[first]
    tp = int((predicted & (truth == 1)).sum())
    metrics = {
        "cv_precision": round(tp / max(int(predicted.sum()), 1), 4),
        "cv_recall": round(tp / max(int(truth.sum()), 1), 4),
        "positives": int(truth.sum()),
        "examples": len(examples),
        "rows": len(labels),
    }
    version = f"{MODEL_NAME}+{model_key(examples)[:10]}"
    return RelevanceModel(
        vectorizer,
        words,
        classifier,
        platt,
        round(threshold, 4),
        version,
        len(examples),
        metrics,
        frozenset(e.id for e in examples),
    )
