"""Retraining with reviewers' decisions, judged on the frozen test before it is adopted.

``prohori train --db`` learns from the shipped labels plus the database's review decisions. A
new model is only as good as its reviews: before a crawl uses it, the *procedure* that made it
(the same code, these labels and reviews) is measured on the frozen test
(``crawler.classify.frozen.evaluate_on_frozen``: each frozen item scored by a model that never
saw it) beside the procedure that made the model in use now (the same labels with the reviews it
was trained on, none for the shipped model). The candidate is adopted when it is not worse: its
F2 on full texts (the recall-favouring measure the threshold also serves) is at least the
current one's. ``--force`` adopts it anyway.

The current procedure's figures are cached beside the trained models (they depend only on what
its model key covers), so a second ``prohori train`` does not measure it again.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Sequence
from dataclasses import dataclass

from crawler.classify.cache import cache_dir
from crawler.classify.examples import Example, label_data
from crawler.classify.frozen import Figures, FrozenResult, evaluate_on_frozen
from crawler.classify.model import train
from crawler.classify.version import model_key

log = logging.getLogger(__name__)


def f2(figures: Figures) -> float:
    p, r = figures.precision, figures.recall
    return 5 * p * r / (4 * p + r) if p + r else 0.0


def frozen_figures(reviews: Sequence[Example]) -> FrozenResult:
    """The frozen-test figures of training on the shipped labels plus ``reviews`` (cached)."""
    key = model_key([*label_data(), *reviews])[:16]
    path = cache_dir() / f"frozen-{key}.pkl"
    if path.exists():
        try:
            cached = pickle.loads(path.read_bytes())
            if isinstance(cached, FrozenResult):
                return cached
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
            log.warning("cached frozen figures %s are unusable (%s); measuring again", path, exc)
    result = evaluate_on_frozen(train, extra=list(reviews))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(result))
    except OSError as exc:  # a read-only home: measure again next time
        log.warning("cannot cache the frozen figures at %s (%s)", path, exc)
    return result


@dataclass(frozen=True)
class Comparison:
    current: FrozenResult
    candidate: FrozenResult

    @property
    def adopt(self) -> bool:
        """The candidate is not worse on the frozen test (F2, full texts)."""
        return f2(self.candidate.headline) >= f2(self.current.headline)

    def lines(self, current_name: str, candidate_name: str) -> list[str]:
        result = ["frozen test, full text (each item scored by a model that never saw it):"]
        for name, found in ((current_name, self.current), (candidate_name, self.candidate)):
            fig = found.headline
            result.append(f"  {name}: {fig.line()} f2={f2(fig):.3f}")
        return result


def compare(current_reviews: Sequence[Example], reviews: Sequence[Example]) -> Comparison:
    """The current model's procedure (its reviews) against the candidate's (all reviews)."""
    return Comparison(frozen_figures(current_reviews), frozen_figures(reviews))
