"""The frozen test (crawler/classify/frozen.py): its set cannot change silently, and
evaluate_on_frozen never scores an item with a model that saw it."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from crawler.classify import frozen
from crawler.classify.examples import Example, label_data
from crawler.classify.lexicon import Judgement
from crawler.classify.model import RelevanceModel
from crawler.text.bangla import normalize_text

# Changing the frozen set means changing this line too, where a reviewer sees it.
SHA256 = "988e5f69d61967c42a7b2b715ef680986104cb5bd21d79398aea29e9d9831cf7"
TIME_SHA256 = "ec6a514af6bb98d131aa9577f26e6c7f1b54fef8c5cce1c7cdb314a700e29e62"
DATA = Path(__file__).resolve().parents[1] / "crawler" / "classify" / "data"


def test_the_frozen_set_is_the_recorded_one() -> None:
    saved = frozen.recorded()
    assert saved["sha256"] == SHA256 and saved["time"]["sha256"] == TIME_SHA256
    found = frozen.frozen_set()
    rows = frozen.label_rows()
    assert found.ids == {r["id"] for r in rows} and len(found.ids) == saved["n"] == 691
    assert found.time_ids == {r["id"] for r in rows if r["published"][:10] >= "2026-07-01"}
    assert found.time_ids == {r["id"] for r in rows if r["frozen"]}  # the selection's flag
    assert (len(found.time_ids), saved["positives"], saved["time"]["positives"]) == (288, 20, 10)
    assert all(r["id"].startswith("https://www.banglatribune.com/") for r in rows)


def test_a_changed_label_or_set_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = frozen.label_rows()
    flipped = [dict(rows[0], label="relevant" if rows[0]["label"] == "irrelevant" else "x")]
    for changed in (flipped + rows[1:], rows[1:], [*rows, dict(rows[0], id="https://x.test/1")]):
        monkeypatch.setattr(frozen, "label_rows", lambda changed=changed: changed)
        with pytest.raises(ValueError, match="frozen test"):
            frozen.frozen_set()


def test_the_label_file_is_well_formed() -> None:
    rows = [
        json.loads(x) for x in gzip.decompress((DATA / frozen.LABELS).read_bytes()).splitlines()
    ]
    jugantor = json.loads((DATA / "jugantor-labels.jsonl").read_text("utf-8").splitlines()[0])
    for row in rows:
        assert set(jugantor) | {"frozen"} <= set(row) <= set(jugantor) | {"frozen", "adjudication"}
        assert row["text"] and row["title"] == normalize_text(row["title"])
        assert row["how"] == "read" and row["subset"] in ("russia", "hard_negative", "random")
        if row["label"] == "relevant":
            assert row["evidence"] in row["title"] or row["evidence"] in row["text"]
            assert row["partners"] and row["topics"] and row["subset"] == "russia"
        else:
            assert row["evidence"] is None and not row["partners"] and not row["borderline"]
    adjudicated = [r for r in rows if "adjudication" in r]
    assert len(adjudicated) == 1 and adjudicated[0]["adjudication"]["by"]


def test_intervals_are_exact() -> None:
    low, high = frozen.clopper_pearson(20, 20)
    assert low == pytest.approx(0.025 ** (1 / 20)) and high == 1.0
    assert frozen.clopper_pearson(0, 0) == (0.0, 1.0)
    fig = frozen.figures([True, True, False, False], [True, False, True, False])
    assert (fig.precision, fig.recall, fig.f1) == (0.5, 0.5, 0.5)


class _Oracle:
    """Stands in for a trained model: flags what the labels call relevant, and remembers what it
    was trained on."""

    def __init__(self, examples: list[Example], truth: dict[tuple[str, str], bool]) -> None:
        self.trained = {e.id for e in examples}
        self.truth = truth
        self.version = f"oracle-{len(examples)}"

    def judge_many(self, stories: Iterable[tuple[str, str]]) -> list[Judgement]:
        return [Judgement(self.truth.get(story, False), 0.5) for story in stories]


def test_each_item_is_scored_by_a_model_that_never_saw_it() -> None:
    examples = label_data()
    bt = {e.id: e for e in examples if e.id.startswith("https://www.banglatribune.com/")}
    truth = {(e.title, e.text): e.relevant for e in bt.values()}
    found = frozen.frozen_set()
    trained: list[_Oracle] = []

    def fit(training: list[Example]) -> Any:
        trained.append(_Oracle(training, truth))
        return trained[-1]

    review = Example(next(iter(found.time_ids)), "t", "x", True, "", "review")
    other = Example("https://x.test/review", "t", "x", True, "", "review")
    result = frozen.evaluate_on_frozen(fit, examples, extra=[review, other])
    time_model, cross_model = trained
    assert not time_model.trained & found.time_ids
    assert (found.ids - found.time_ids) <= time_model.trained
    assert not cross_model.trained & found.ids
    assert other.id in time_model.trained and other.id in cross_model.trained
    assert len(time_model.trained) + len(found.time_ids) == len(examples) + 1
    for part in frozen.PARTS:
        fig = result.model[(part, "full")]  # shorter views cannot tell every item apart
        assert fig.precision == fig.recall == 1.0, part
        assert result.model[(part, "headline")].n == fig.n
    assert result.headline.n == 691 and result.headline.positives == 20
    assert result.model[("time", "full")].n == 288
    assert all(result.meets_targets().values())
    assert result.headline_baseline.n == 691


def test_a_model_trained_on_frozen_items_is_refused() -> None:
    model = object.__new__(RelevanceModel)
    model.trained_ids = frozenset({next(iter(frozen.frozen_set().ids))})
    with pytest.raises(ValueError, match="trained on 1 frozen"):
        frozen.evaluate_on_frozen(model)


def test_views_cut_the_text_to_headline_and_lead() -> None:
    body = "প্রথম বাক্য। দ্বিতীয় বাক্য।\nদ্বিতীয় অনুচ্ছেদ।"
    views = frozen.views(Example("x", "শিরোনাম", body, True))
    assert views["full"] == ("শিরোনাম", body)
    assert views["headline_lead"] == ("শিরোনাম", "প্রথম বাক্য। দ্বিতীয় বাক্য।")
    assert views["headline"] == ("শিরোনাম", "")
    long = "ক" * 300 + "। " + "খ" * 10 + "।"
    assert frozen.views(Example("x", "t", long, True))["headline_lead"][1] == "ক" * 300 + "।"
