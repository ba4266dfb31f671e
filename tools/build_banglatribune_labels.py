"""Build the Bangla Tribune label files from the selection and the two annotations (issue 15).

    .venv/bin/python tools/build_banglatribune_labels.py SELECTION.jsonl LABEL_DIR

SELECTION is the output of ``tools/select_banglatribune.py``; LABEL_DIR holds the two blind
annotations, ``A-*.labels.jsonl`` (the labels) and ``B-*.labels.jsonl`` (the second annotator),
one line per item: ``id``, ``label``, ``borderline``, ``partners``, ``topics``, ``evidence``,
``why``. Writes, in ``crawler/classify/data``:

* ``banglatribune-labels.jsonl.gz``: every selected item with annotator A's label, except where
  the adjudication below decides (the one item the two annotators disagree on), in the fields of
  ``jugantor-labels.jsonl`` plus ``frozen``; the adjudicated item also carries ``adjudication``;
* ``banglatribune-second-annotator.jsonl``: annotator B's labels as given;
* ``frozen-test.json``: the frozen test's ids, labels and sha256 (``crawler.classify.frozen``).
  It was written once, before any model or lexicon change; rebuilding it from other labels
  makes ``tests/test_frozen.py`` fail on purpose.

The feed's ``description`` is the article body; for a few items the feed gave only an HTML
teaser (picture, lead, "বিস্তারিত" link), which is reduced to its text here. Title, text and
evidence are stored in the project's canonical text form
(``crawler.text.bangla.normalize_text``), in which each evidence sentence is a substring of the
title or text (checked). The gzip output has no timestamp, so the same inputs give the same
bytes.
"""

from __future__ import annotations

import glob
import gzip
import html
import json
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.classify.frozen import FROZEN_FILE  # noqa: E402
from crawler.classify.frozen import record as frozen_record  # noqa: E402
from crawler.text.bangla.normalize import normalize_text  # noqa: E402

DATA = ROOT / "crawler" / "classify" / "data"
SOURCE = "shared/corpus/banglatribune-feed-2026-05_2026-08.jsonl.gz (evilgodfahim/bt @ 79edc34c)"
TOPICS = {
    "meeting",
    "arms",
    "exercise",
    "training",
    "basing",
    "aid",
    "agreement",
    "sanctions",
    "nuclear",
    "personnel",
    "other",
}
# The one disagreement (A relevant, B irrelevant), decided by the lead engineer.
ADJUDICATION: dict[str, dict[str, Any]] = {
    "https://www.banglatribune.com/foreign/959027/%E0%A6%A6%E0%A6%BF%E0%A6%A8%E0%A7%87%E0%A6%B0-"
    "%E0%A6%97%E0%A7%81%E0%A6%B0%E0%A7%81%E0%A6%A4%E0%A7%8D%E0%A6%AC%E0%A6%AA%E0%A7%82%E0%A6%B0"
    "%E0%A7%8D%E0%A6%A3-%E0%A6%86%E0%A6%A8%E0%A7%8D%E0%A6%A4%E0%A6%B0%E0%A7%8D%E0%A6%9C%E0%A6%BE"
    "%E0%A6%A4%E0%A6%BF%E0%A6%95-%E0%A6%96%E0%A6%AC%E0%A6%B0": {
        "label": "relevant",
        "borderline": True,
        "partners": ["Turkey"],
        "topics": ["arms", "sanctions"],
        "adjudication": {
            "by": "the project's lead engineer",
            "annotators": {"A": "relevant", "B": "irrelevant"},
            "why": (
                "a daily international digest whose lead and one paragraph of its own cover US "
                "pressure on Turkey over its Russian S-400; the guideline's borderline rule "
                "(defence is one of several agenda items and gets at least one full sentence of "
                "its own) makes it relevant, borderline"
            ),
        },
    }
}
_TAG = re.compile(r"<[^>]+>")
_MORE_LINK = re.compile(r"<a\b[^>]*more_link[^>]*>.*?</a>", re.S)


def body_text(description: str) -> str:
    """The article text of a feed description: the body as given, or an HTML teaser's text."""
    if "<" in description:
        description = _TAG.sub(" ", _MORE_LINK.sub(" ", description))
    lines = (line.strip() for line in html.unescape(description).splitlines())
    return normalize_text("\n".join(line for line in lines if line))


def section(link: str) -> str:
    """The URL path before the article number: ``foreign/america``, ``national``."""
    parts = urlsplit(link).path.strip("/").split("/")
    head = []
    for part in parts:
        if part.isdigit():
            break
        head.append(part)
    return "/".join(head)


def read_labels(pattern: str) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for name in sorted(glob.glob(pattern)):
        for line in Path(name).read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row["id"] in rows:
                    raise SystemExit(f"{row['id']} labelled twice in {pattern}")
                rows[row["id"]] = row
    return rows


def evidence_of(row: dict[str, Any], title: str, text: str) -> str | None:
    if row["label"] != "relevant":
        return None
    evidence = normalize_text(row["evidence"] or "")
    if not evidence or (evidence not in title and evidence not in text):
        raise SystemExit(f"{row['id']}: evidence is not a sentence of the item")
    return evidence


def check(row: dict[str, Any]) -> None:
    if row["label"] not in ("relevant", "irrelevant") or not set(row["topics"]) <= TOPICS:
        raise SystemExit(f"{row['id']}: bad label or topic")


def main(argv: list[str]) -> None:
    if len(argv) != 3:
        sys.exit(__doc__)
    selection = [json.loads(x) for x in Path(argv[1]).read_text("utf-8").splitlines() if x]
    first = read_labels(str(Path(argv[2]) / "A-*.labels.jsonl"))
    second = read_labels(str(Path(argv[2]) / "B-*.labels.jsonl"))
    ids = [item["link"] for item in selection]
    if set(first) != set(ids) or set(second) != set(ids) or len(set(ids)) != len(ids):
        raise SystemExit("the annotations do not cover the selection exactly")
    disagree = {i for i in ids if first[i]["label"] != second[i]["label"]}
    if disagree != set(ADJUDICATION):
        raise SystemExit(f"disagreements without adjudication: {sorted(disagree)}")
    out, other = [], []
    for item in selection:
        key = item["link"]
        row = dict(first[key], **ADJUDICATION.get(key, {}))
        check(row)
        check(second[key])
        title, text = normalize_text(item["title"]), body_text(item["description"])
        relevant = row["label"] == "relevant"
        record = {
            "id": key,
            "title": title,
            "text": text,
            "published": item["published"],
            "section": section(key),
            "label": row["label"],
            "borderline": bool(row["borderline"]) and relevant,
            "partners": row["partners"] if relevant else [],
            "topics": row["topics"] if relevant else [],
            "evidence": evidence_of(row, title, text),
            "russia": item["russia"],
            "subset": item["subset"],
            "how": "read",
            "source": SOURCE,
            "frozen": item["frozen"],
        }
        if "adjudication" in row:
            record["adjudication"] = row["adjudication"]
        out.append(record)
        b = second[key]
        other.append(
            {
                "id": key,
                "label": b["label"],
                "borderline": bool(b["borderline"]),
                "partners": b["partners"],
                "topics": b["topics"],
                "evidence": normalize_text(b["evidence"]) if b["evidence"] else None,
                "why": b["why"],
            }
        )
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out).encode()
    (DATA / "banglatribune-labels.jsonl.gz").write_bytes(gzip.compress(data, 9, mtime=0))
    (DATA / "banglatribune-second-annotator.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in other), "utf-8"
    )
    frozen = frozen_record(out)
    items = frozen.pop("items")
    head = json.dumps(frozen, ensure_ascii=False, indent=1)[:-2]  # without the closing brace
    lines = ",\n".join("  " + json.dumps(x, ensure_ascii=False) for x in items)
    (DATA / FROZEN_FILE).write_text(f'{head},\n "items": [\n{lines}\n ]\n}}\n', "utf-8")
    relevant = sum(r["label"] == "relevant" for r in out)
    print(f"{len(out)} items, {relevant} relevant, {len(disagree)} adjudicated", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
