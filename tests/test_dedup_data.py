"""The real dedup pairs: their counts, the test part's labels frozen by hash (tuning happens on the
dev part; a changed test label would change every reported figure), and the settled labels
reproduced from the readers' files."""

from __future__ import annotations

import gzip
import hashlib
import json
import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import dedup_readings

PAIRS = ROOT / "tests/resources/dedup/real-pairs.jsonl.gz"
# The first reading of the test part, frozen before any tuning ...
TEST_FIRST_SHA256 = "3bbdaacceb2b119088736d70a1eda34302ed55ad797e56a599dafb10f26901ad"
# ... and the labels settled by the blind second, third and re-readings (README, "Who labelled").
TEST_SHA256 = "0b5d80b4dd3d23df1d301581d182a84a8db678eef3754464c529f4514fd161cd"


def _rows() -> list[dict[str, object]]:
    with gzip.open(PAIRS, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _test_hash(rows: list[dict[str, object]], field: str) -> str:
    test = sorted([r["pair_id"], r[field]] for r in rows if r["split"] == "test")
    return hashlib.sha256(json.dumps(test).encode()).hexdigest()


def test_real_pairs_counts_and_frozen_test_part() -> None:
    rows = _rows()
    labels = [r["label"] for r in rows]
    assert (labels.count("copy"), labels.count("same_story"), labels.count("different")) == (
        226, 326, 315,
    )  # fmt: skip
    assert {r["split"] for r in rows} == {"dev", "test"}
    assert _test_hash(rows, "label_first") == TEST_FIRST_SHA256
    assert _test_hash(rows, "label") == TEST_SHA256
    dev_articles = {r[s]["id"] for r in rows if r["split"] == "dev" for s in "ab"}  # type: ignore[index]
    test_articles = {r[s]["id"] for r in rows if r["split"] == "test" for s in "ab"}  # type: ignore[index]
    assert not dev_articles & test_articles


def test_settled_labels_follow_from_the_readings() -> None:
    pairs, readings = dedup_readings.load_pairs(), dedup_readings.load_readings()
    assert set(readings) == {p["pair_id"] for p in pairs}
    for p in pairs:
        reading = readings[p["pair_id"]]
        first = dedup_readings.first_label(p)
        # a third reading exactly where the first two disagreed
        assert (reading["third"] is not None) == (reading["second"]["label"] != first)
        assert (p["label"], p["label_how"]) == dedup_readings.settle(first, reading)
    how = [p["label_how"] for p in pairs]
    assert (how.count("agreed"), how.count("majority"), how.count("reread")) == (668, 176, 22)


def test_settle_rules() -> None:
    second = {"label": "copy"}
    assert dedup_readings.settle("copy", {"second": second, "third": None, "reread": []}) == (
        "copy", "agreed",
    )  # fmt: skip
    third = {"label": "same_story"}
    split = {"second": second, "third": third, "reread": []}
    assert dedup_readings.settle("same_story", split) == ("same_story", "majority")
    assert dedup_readings.settle("different", split) == ("same_story", "third")
    reread = [{"label": "same_story", "reader": 1}, {"label": "different", "reader": 2}]
    again = {"second": second, "third": third, "reread": reread}
    assert dedup_readings.settle("same_story", again) == ("same_story", "reread")
    assert dedup_readings.settle("copy", again) == ("different", "reread")


def test_component_bootstrap_resamples_whole_stories() -> None:
    from benchmarks.dedup_real import bootstrap, components

    rows = [
        {"a": {"id": a}, "b": {"id": b}}
        for a, b in [("x", "y"), ("y", "z"), ("p", "q"), ("r", "s"), ("s", "t")]
    ]
    groups = components(rows)
    assert groups.tolist() == [0, 0, 1, 2, 2]
    right = [(True, True)] * 5
    assert bootstrap(right, groups) == (1.0, 1.0, 1.0, 1.0)
    # one story wrong in all its pairs: the interval spans drawing it never to drawing it thrice
    judged = [(False, True), (False, True), (True, True), (True, True), (True, True)]
    p_lo, p_hi, r_lo, r_hi = bootstrap(judged, groups)
    assert (p_lo, p_hi) == (1.0, 1.0) and r_lo == 0.0 and r_hi == 1.0
