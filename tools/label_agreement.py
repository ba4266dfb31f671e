"""Agreement between the labels and the blind second annotations.

    .venv/bin/python tools/label_agreement.py

Two sets: the Jugantor Russia items (``jugantor-labels.jsonl`` against
``jugantor-second-annotator.jsonl``) and every Bangla Tribune item
(``banglatribune-labels.jsonl.gz`` against ``banglatribune-second-annotator.jsonl``; the labels
there are annotator A's, with one adjudicated item). For each it prints Cohen's kappa on relevant /
irrelevant over the items both annotated, agreement on the borderline flag, partners and topics
where both said relevant, and every disagreement with the second annotator's reason (see
``crawler/classify/data/README.md``, "Second annotation"). Where an item was adjudicated, the
agreement is computed with the first annotator's own label (``adjudication.annotators.A``), so the
kappa is the annotators' agreement, not the agreement after adjudication.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from sklearn.metrics import cohen_kappa_score

DATA = Path(__file__).resolve().parents[1] / "crawler" / "classify" / "data"
SETS = {
    "Jugantor": ("jugantor-labels.jsonl", "jugantor-second-annotator.jsonl"),
    "Bangla Tribune": ("banglatribune-labels.jsonl.gz", "banglatribune-second-annotator.jsonl"),
}


def read(name: str) -> dict[str, dict[str, Any]]:
    raw = (DATA / name).read_bytes()
    text = (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")
    rows = (json.loads(line) for line in text.splitlines() if line)
    return {row["id"]: row for row in rows}


def _own(row: dict[str, Any]) -> str:
    """The first annotator's label, before any adjudication."""
    label: str = row.get("adjudication", {}).get("annotators", {}).get("A", row["label"])
    return label


def agreement(name: str = "Jugantor") -> dict[str, Any]:
    labels, second_name = SETS[name]
    first, second = read(labels), read(second_name)
    ids = [i for i in second if i in first]
    a = [_own(first[i]) for i in ids]
    b = [second[i]["label"] for i in ids]
    both = [i for i in ids if _own(first[i]) == second[i]["label"] == "relevant"]
    return {
        "items": len(ids),
        "agree": sum(x == y for x, y in zip(a, b, strict=True)),
        "kappa": float(cohen_kappa_score(a, b)),
        "relevant": (a.count("relevant"), b.count("relevant")),
        "both_relevant": len(both),
        "borderline_agree": sum(first[i]["borderline"] == second[i]["borderline"] for i in both),
        "partners_overlap": sum(
            bool(set(first[i]["partners"]) & set(second[i]["partners"])) for i in both
        ),
        "topics_overlap": sum(
            bool(set(first[i]["topics"]) & set(second[i]["topics"])) for i in both
        ),
        "disagreements": [
            (i, _own(first[i]), second[i]["label"], first[i]["title"], second[i]["why"])
            for i in ids
            if _own(first[i]) != second[i]["label"]
        ],
        "adjudicated": [
            (i, first[i]["label"], first[i]["adjudication"]["by"])
            for i in ids
            if "adjudication" in first[i]
        ],
    }


def main() -> None:
    for name in SETS:
        result = agreement(name)
        print(
            f"{name}: {result['items']} items: {result['agree']} agree, Cohen's kappa "
            f"{result['kappa']:.3f}; relevant {result['relevant'][0]} (labels) vs "
            f"{result['relevant'][1]} (second)"
        )
        print(
            f"  both relevant: {result['both_relevant']}; borderline flag agrees on "
            f"{result['borderline_agree']}, partners overlap on {result['partners_overlap']}, "
            f"topics overlap on {result['topics_overlap']}"
        )
        for item, label, other, title, why in result["disagreements"]:
            print(
                f"  {item}\n    labels: {label}, second: {other} — {title}\n    second says: {why}"
            )
        for item, label, by in result["adjudicated"]:
            print(f"  adjudicated {item}: {label} (by {by})")


if __name__ == "__main__":
    main()
