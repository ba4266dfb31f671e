"""The labelled examples the model learns from, and the shorter views of a story.

``label_data`` reads the shipped label files (``data/README.md`` says how they were made);
``training_data`` leaves out the items the mini-web serves, so the demo shows the model on
stories it never saw; ``review_examples`` turns a database's review decisions into examples.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from crawler.classify.lexicon import RUSSIA_RE
from crawler.text.bangla.normalize import normalize_text

LABEL_FILES = ("jugantor-labels.jsonl", "articles-labels.jsonl", "banglatribune-labels.jsonl.gz")
# Labelled items the mini-web serves: the shipped model does not train on them (data/README.md).
HOLDOUT_FILE = "holdout.json"
LEAD_CHARS = 250


@dataclass
class Example:
    id: str
    title: str
    text: str
    relevant: bool
    published: str = ""
    source: str = "labels"
    partners: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)


_SENTENCE_END = re.compile(r"(?<=[।!?])\s+")


def lead(text: str) -> str:
    """What a feed gives as the lead: the first paragraph's opening sentences, up to
    ``LEAD_CHARS`` characters (at least one whole sentence)."""
    paragraph = next((p.strip() for p in (text or "").split("\n") if p.strip()), "")
    sentences = _SENTENCE_END.split(paragraph)
    result = sentences[0]
    for sentence in sentences[1:]:
        if len(result) + 1 + len(sentence) > LEAD_CHARS:
            break
        result += " " + sentence
    return result


def label_data(files: Sequence[str] = LABEL_FILES) -> list[Example]:
    """The labelled set shipped in ``crawler/classify/data`` (see its README)."""
    examples = []
    for name in files:
        raw = resources.files("crawler.classify").joinpath("data", name).read_bytes()
        text = (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")
        for line in text.splitlines():
            if line.strip():
                row = json.loads(line)
                examples.append(
                    Example(
                        row["id"],
                        row.get("title") or "",
                        row.get("text") or "",
                        row["label"] == "relevant",
                        row.get("published") or "",
                        name,
                        row.get("partners") or [],
                        row.get("topics") or [],
                    )
                )
    return examples


def holdout_ids() -> frozenset[str]:
    """The labelled items the mini-web serves (``data/holdout.json``)."""
    text = resources.files("crawler.classify").joinpath("data", HOLDOUT_FILE).read_text("utf-8")
    return frozenset(json.loads(text)["ids"])


def training_data() -> list[Example]:
    """What the shipped model and ``prohori train`` learn from: every label except the items
    the mini-web serves, so that the demo and the tests that expect a story flagged show the
    model on stories it never saw."""
    held_out = holdout_ids()
    return [e for e in label_data() if e.id not in held_out]


def review_examples(db: Any, until: str | None = None) -> list[Example]:
    """Reviewed articles as training examples: the latest decision per article ("skip" is no
    decision, so an earlier relevant / irrelevant stands); with ``until``, as they stood then
    (decisions made up to that ISO time)."""
    rows = db.execute(
        """select a.canonical_url, a.title, a.text, a.published, r.decision from reviews r
           join articles a on a.canonical_url = r.canonical_url
           where r.id = (select max(id) from reviews r2 where r2.canonical_url = r.canonical_url
                         and r2.decision in ('relevant', 'irrelevant')
                         and (:until is null or r2.decided_at <= :until))""",
        {"until": until},
    ).fetchall()
    return [
        Example(url, title or "", text or "", decision == "relevant", published or "", "review")
        for url, title, text, published, decision in rows
    ]


def names_russia(title: str, text: str) -> bool:
    return bool(RUSSIA_RE.search(normalize_text(f"{title}\n{text}")))
