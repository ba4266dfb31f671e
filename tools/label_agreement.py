"""Agreement between the labels and the blind second annotation of the Russia items.

    .venv/bin/python tools/label_agreement.py

Prints Cohen's kappa on relevant / irrelevant over the items both annotated, agreement on the
borderline flag, partners and topics where both said relevant, and every disagreement with the
second annotator's reason (see ``crawler/classify/data/README.md``, "Second annotation").
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sklearn.metrics import cohen_kappa_score

DATA = Path(__file__).resolve().parents[1] / "crawler" / "classify" / "data"


def read(name: str) -> dict[str, dict[str, Any]]:
    rows = (json.loads(line) for line in (DATA / name).read_text("utf-8").splitlines() if line)
    return {row["id"]: row for row in rows}


def agreement() -> dict[str, Any]:
    first, second = read("jugantor-labels.jsonl"), read("jugantor-second-annotator.jsonl")
    ids = [i for i in second if i in first]
    a = [first[i]["label"] for i in ids]
    b = [second[i]["label"] for i in ids]
    both = [i for i in ids if first[i]["label"] == second[i]["label"] == "relevant"]
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
            (i, first[i]["label"], second[i]["label"], first[i]["title"], second[i]["why"])
            for i in ids
            if first[i]["label"] != second[i]["label"]
        ],
    }


def main() -> None:
    result = agreement()
    print(
        f"{result['items']} items: {result['agree']} agree, Cohen's kappa {result['kappa']:.3f}; "
        f"relevant {result['relevant'][0]} (labels) vs {result['relevant'][1]} (second)"
    )
    print(
        f"both relevant: {result['both_relevant']}; borderline flag agrees on "
        f"{result['borderline_agree']}, partners overlap on {result['partners_overlap']}, "
        f"topics overlap on {result['topics_overlap']}"
    )
    for item, label, other, title, why in result["disagreements"]:
        print(f"{item}\n  labels: {label}, second: {other} — {title}\n  second says: {why}")


if __name__ == "__main__":
    main()
