"""The first relevance scorer (lexicon-1) on the mini-web's real texts."""

from __future__ import annotations

import re
from typing import Any

import pytest

from crawler.bangla import normalize_text
from crawler.classify import classify
from crawler.miniweb.server import load_stories

STORIES = load_stories()
RUSSIA = re.compile(normalize_text("রাশিয়|রুশ|মস্কো|পুতিন|ক্রেমলিন"))
SEEDS = [s for s in STORIES if s["source"].startswith("shared/seeds/")]
RUSSIA_NOT_TIES = [
    s
    for s in STORIES
    if s["label"] == "irrelevant"
    and s["lang"] == "bn"
    and RUSSIA.search(normalize_text(s["title"] + " ".join(s["paragraphs"])))
]


def test_the_sets_are_what_the_guideline_says() -> None:
    assert len(SEEDS) == 5 and all(s["label"] == "relevant" for s in SEEDS)
    assert len(RUSSIA_NOT_TIES) >= 10  # war, politics, economy: Russia without military ties


@pytest.mark.parametrize("story", SEEDS, ids=lambda s: s["source"][-24:-4])
def test_seed_stories_are_flagged_with_their_partner(story: dict[str, Any]) -> None:
    verdict = classify(story["title"], "\n".join(story["paragraphs"]))
    assert verdict.relevant
    assert verdict.score >= 0.5
    assert story["partners"][0] in verdict.partners
    assert verdict.evidence and verdict.evidence in normalize_text("\n".join(story["paragraphs"]))
    assert set(verdict.topics) & set(story["topics"])


@pytest.mark.parametrize("story", RUSSIA_NOT_TIES, ids=lambda s: str(s["id"]))
def test_russia_without_military_ties_is_not_flagged(story: dict[str, Any]) -> None:
    verdict = classify(story["title"], "\n".join(story["paragraphs"]))
    assert not verdict.relevant, story["title"]


def test_headline_and_lead_are_enough() -> None:
    seed = SEEDS[0]
    verdict = classify(seed["title"], seed["paragraphs"][0])
    assert verdict.relevant


def test_inflected_and_decomposed_forms_match() -> None:
    title = "রাশি\u09af\u09bcার সঙ্গে প্রতিরক্ষা চুক্তি করল ভারত"
    text = "রাশিয়াকে সামরিক সহযোগিতার প্রস্তাব দিয়েছে ভারত। দুই দেশের প্রতিরক্ষামন্ত্রী বৈঠক করেন।"
    verdict = classify(title, text)
    assert verdict.relevant and verdict.partners == ["India"]
    assert "agreement" in verdict.topics


def test_empty_input() -> None:
    verdict = classify("", "")
    assert not verdict.relevant and verdict.evidence is None
