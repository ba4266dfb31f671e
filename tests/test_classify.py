"""The rule scorer (lexicon-3, `rule_judgement`) on the mini-web's real texts."""

from __future__ import annotations

import re
from typing import Any

import pytest

from crawler.classify import lexicon, rule_judgement
from crawler.miniweb.server import load_stories
from crawler.text.bangla import normalize_text

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
    verdict = rule_judgement(story["title"], "\n".join(story["paragraphs"]))
    assert verdict.relevant
    assert verdict.score >= 0.5
    assert story["partners"][0] in verdict.partners
    assert verdict.evidence and verdict.evidence in normalize_text("\n".join(story["paragraphs"]))
    assert set(verdict.topics) & set(story["topics"])


@pytest.mark.parametrize("story", RUSSIA_NOT_TIES, ids=lambda s: str(s["id"]))
def test_russia_without_military_ties_is_not_flagged(story: dict[str, Any]) -> None:
    verdict = rule_judgement(story["title"], "\n".join(story["paragraphs"]))
    assert not verdict.relevant, story["title"]


def test_headline_and_lead_are_enough() -> None:
    seed = SEEDS[0]
    verdict = rule_judgement(seed["title"], seed["paragraphs"][0])
    assert verdict.relevant


def test_inflected_and_decomposed_forms_match() -> None:
    title = "রাশি\u09af\u09bcার সঙ্গে প্রতিরক্ষা চুক্তি করল ভারত"
    text = "রাশিয়াকে সামরিক সহযোগিতার প্রস্তাব দিয়েছে ভারত। দুই দেশের প্রতিরক্ষামন্ত্রী বৈঠক করেন।"
    verdict = rule_judgement(title, text)
    assert verdict.relevant and verdict.partners == ["India"]
    assert "agreement" in verdict.topics


def test_empty_input() -> None:
    verdict = rule_judgement("", "")
    assert not verdict.relevant and verdict.evidence is None


def test_russia_reacting_to_a_third_state_is_not_a_tie() -> None:
    """Russia, Iran and "military" in one sentence, but the relation is the US's with Iran."""
    reaction = "ইরানের বিরুদ্ধে যুক্তরাষ্ট্রের সামরিক হামলার তীব্র নিন্দা জানিয়েছে রাশিয়া।"
    tie = "ইরানকে সামরিক সহায়তা ও যুদ্ধবিমান দিতে প্রস্তুত রাশিয়া।"
    assert lexicon.reaction(normalize_text(reaction)) and not lexicon.reaction(normalize_text(tie))
    assert lexicon.sentence_score(normalize_text(reaction)) < 1.0
    assert lexicon.sentence_score(normalize_text(tie)) >= 1.6
    assert rule_judgement(tie, tie).relevant and not rule_judgement(reaction, reaction).relevant


def test_a_sentence_without_a_partner_counts_half() -> None:
    own = normalize_text("রাশিয়ার সামরিক বাহিনী নতুন ক্ষেপণাস্ত্র পরীক্ষা করেছে।")
    with_partner = normalize_text("রাশিয়ার সামরিক বাহিনী ভারতের জন্য নতুন ক্ষেপণাস্ত্র পরীক্ষা করেছে।")
    assert 0 < lexicon.sentence_score(own) < lexicon.sentence_score(with_partner) / 2


def test_intelligence_shared_with_a_partner_is_a_tie() -> None:
    """The guideline's military aid includes intelligence, satellite imagery and targeting data;
    intelligence as a *source* ("Russia received intelligence that ...") is not a tie."""
    shared = normalize_text("রাশিয়া ইরানকে গোয়েন্দা তথ্য ও স্যাটেলাইট চিত্র দিচ্ছে।")
    source = normalize_text(
        "পুতিন বলেছেন, রাশিয়া এমন গোয়েন্দা তথ্য পেয়েছে যা ইঙ্গিত দেয় তুরস্কে পাইপলাইনে হামলা হতে পারে।"
    )
    shown = normalize_text("স্যাটেলাইট চিত্রে দেখা গেছে, রাশিয়ার হামলায় ইরানের সীমান্তে ক্ষতি হয়েছে।")
    assert lexicon.intelligence_shared(shared) and lexicon.sentence_score(shared) >= 1.6
    assert not lexicon.intelligence_shared(source) and lexicon.sentence_score(source) == 0
    assert not lexicon.intelligence_shared(shown)
    verdict = rule_judgement("ইরানকে গোয়েন্দা তথ্য দিচ্ছে রাশিয়া", shared)
    assert verdict.relevant and verdict.partners == ["Iran"] and "aid" in verdict.topics


def test_a_warning_to_russia_is_not_russia_reacting() -> None:
    to_russia = normalize_text("ইরানকে অস্ত্র দেওয়া নিয়ে রাশিয়াকে যুক্তরাষ্ট্রের হুঁশিয়ারি")
    from_russia = normalize_text("ইরানের বিরুদ্ধে মার্কিন হুমকিতে কড়া বার্তা রাশিয়ার")
    assert not lexicon.reaction(to_russia) and lexicon.reaction(from_russia)
    assert lexicon.sentence_score(to_russia) > lexicon.sentence_score(from_russia)


def test_partners_of_recruits_and_arms_control() -> None:
    """Partners come from the headline and lead when no relation sentence names one, and the
    United States is the partner of an arms-control treaty (the labels' decision 2)."""
    recruits = rule_judgement(
        "কাজের টোপ দিয়ে ইউক্রেন যুদ্ধে পাঠানো হচ্ছে বাংলাদেশিদের",
        "চাকরির কথা বলে রাশিয়ায় নিয়ে রুশ বাহিনীর হয়ে যুদ্ধে পাঠানো হচ্ছে বাংলাদেশিদের।",
    )
    assert recruits.partners == ["Bangladesh"]
    africa = rule_judgement("রাশিয়ার হয়ে লড়ছে দেড় হাজার আফ্রিকান", "")
    assert africa.partners == ["Africa"]
    treaty = rule_judgement(
        "নিউ স্টার্ট চুক্তির মেয়াদ বাড়াতে যুক্তরাষ্ট্রকে প্রস্তাব পুতিনের",
        "রাশিয়া ও যুক্তরাষ্ট্রের পারমাণবিক অস্ত্র নিয়ন্ত্রণ চুক্তি নিউ স্টার্টের মেয়াদ শেষ হচ্ছে।",
    )
    assert treaty.partners == ["United States"] and "nuclear" in treaty.topics


def test_a_headline_alone_has_its_evidence() -> None:
    verdict = rule_judgement("পাকিস্তানকে সামরিক সহায়তা দিতে প্রস্তুত রাশিয়া", "")
    assert verdict.evidence == "পাকিস্তানকে সামরিক সহায়তা দিতে প্রস্তুত রাশিয়া"
