"""Relation features for the trained model, on top of what the lexicon sees.

The lexicon (lexicon-2) asks whether Russia, a partner and defence words meet. The labelled
errors show what that misses: Russia *reacting* to another state's military action (condemning
US strikes on Iran or Venezuela) looks like a tie but is conflict news, while foreign recruits
fighting for Russia and US–Russia arms-control treaties are ties without the usual vocabulary.
These features name those patterns so that a model with few positives does not have to learn
them from character n-grams alone. ``masked`` replaces Russia and partner names by two
placeholders, so word n-grams learnt on "Russia sells India" carry over to "Russia sells Iran".
"""

from __future__ import annotations

import re

from crawler.classify.lexicon import (
    ARMS_CONTROL_RE,
    DEFENCE,
    PARTNERS_RE,
    RUSSIA_RE,
    TOPICS,
    Analysis,
    pattern,
    reaction,
)
from crawler.text.bangla.normalize import normalize_text

# Verbs and nouns of a tie between two states (buying, delivering, exercising, basing, aiding).
RELATION = [
    "কিন",
    "কেনা",
    "সংগ্রহ",
    "ক্রয়",
    "বিক্রি",
    "সরবরাহ",
    "হস্তান্তর",
    "রপ্তানি",
    "দিতে প্রস্তুত",
    "পাঠা",
    "প্রস্তাব",
    "চুক্তি",
    "সমঝোতা",
    "সহযোগিতা",
    "সহায়তা",
    "সমর্থন",
    "মহড়া",
    "যৌথ",
    "টহল",
    "ঘাঁটি",
    "মোতায়েন",
    "সফর",
    "বৈঠক",
    "প্রশিক্ষণ",
    "গোয়েন্দা",
    "স্যাটেলাইট",
]
# Russia taking a side in someone else's conflict: reaction, warning, condemnation, seizure.
ADVERSE = [
    "নিন্দা",
    "প্রতিক্রিয়া",
    "হুঁশিয়ারি",
    "হুমকি",
    "সতর্ক",
    "জব্দ",
    "আটক",
    "বিধ্বস্ত",
    "অভিযোগ",
    "উত্তেজনা",
    "কড়া বার্তা",
    "বিরোধিতা",
    "আগ্রাসন",
    "হামলা",
]
WAR_TITLE = ["ইউক্রেন", "কিয়েভ", "জেলেনস্কি", "ন্যাটো", "ট্রাম্প", "শান্তি"]
MILITARY = [*DEFENCE, *TOPICS["arms"], "সেনা", "সৈন্য", "যোদ্ধা", "বাহিনী"]

_RELATION = pattern(RELATION, "*")
_ADVERSE = pattern(ADVERSE, "*")
_WAR_TITLE = pattern(WAR_TITLE, "*")
_MILITARY = pattern(MILITARY, "*")
# Foreign fighters for Russia: "রাশিয়ার হয়ে / পক্ষে লড়ছে", "রুশ বাহিনীতে যোগ", "রাশিয়ায়
# গিয়ে ... যুদ্ধে" (taken to Russia and sent to fight).
_FOR_RUSSIA = re.compile(
    normalize_text(
        "(?:রাশিয়া|রুশ)[^ ]{0,4} (?:হয়ে|পক্ষে|বাহিনীতে|সেনাবাহিনীতে|বাহিনীর পক্ষে)|রাশিয়ায় (?:গিয়ে|নিয়ে|পাঠ)"
    )
)
_FIGHT = re.compile(normalize_text("যুদ্ধ|লড়|সেনা|সৈন্য"))
_ARMS_CONTROL = ARMS_CONTROL_RE


def _recruits(sentence: str) -> bool:
    return bool(_FOR_RUSSIA.search(sentence) and _FIGHT.search(sentence))


def _apparent(sentence: str) -> bool:
    return bool(
        RUSSIA_RE.search(sentence) and PARTNERS_RE.search(sentence) and _MILITARY.search(sentence)
    )


def _tie(sentence: str) -> bool:
    """Russia, a partner and a military relation in one sentence; or the two kinds of tie that
    the labels count without that vocabulary (fighters for Russia, arms-control treaties)."""
    if not RUSSIA_RE.search(sentence) or reaction(sentence):
        return False
    if _recruits(sentence) or _ARMS_CONTROL.search(sentence):
        return True
    return bool(
        PARTNERS_RE.search(sentence) and _MILITARY.search(sentence) and _RELATION.search(sentence)
    )


def relation_features(found: Analysis) -> list[float]:
    title = found.title
    lead = found.sentences[:3]
    window = [title, *lead, *(s for s in found.sentences[3:] if RUSSIA_RE.search(s))]
    count = max(len(window), 1)
    partner_anywhere = any(PARTNERS_RE.search(s) for s in window)
    return [
        float(_tie(title)),
        float(min(sum(_tie(s) for s in window), 3)),
        float(bool(PARTNERS_RE.search(title))),
        float(bool(_ADVERSE.search(title))),
        sum(bool(_ADVERSE.search(s)) for s in window) / count,
        float(bool(_WAR_TITLE.search(title))),
        float(any(_recruits(s) for s in window)),
        float(any(_ARMS_CONTROL.search(s) for s in window)),
        # Russia's own forces: military words beside Russia and no partner anywhere.
        float(bool(RUSSIA_RE.search(title) and _MILITARY.search(title)) and not partner_anywhere),
        # A tie's words in a sentence where Russia reacts to a third state: the military
        # relation there is the third state's with the partner.
        float(any(reaction(s) and _apparent(s) for s in [title, *lead])),
    ]


def masked(text: str) -> str:
    """The text with Russia and partner names replaced by placeholders (RUS, PTR)."""
    return PARTNERS_RE.sub(" PTR ", RUSSIA_RE.sub(" RUS ", text))
