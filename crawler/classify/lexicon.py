"""First relevance scorer for Russia's military ties (``../shared/relevance-guideline.md``).

A Bengali-aware lexicon, applied sentence by sentence: a story is relevant when Russia, a partner
state and defence vocabulary meet in the same sentences, above all in the headline and lead.
Russia's own war (Ukraine, strikes, casualties) counts against. This is version ``lexicon-1``;
a trained model replaces it (issue: relevance classifier).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from crawler.bangla.normalize import normalize_text

MODEL_VERSION = "lexicon-1"
_B = "\u0980-\u09ff"

RUSSIA = [
    "রাশিয়া",
    "রুশ",
    "মস্কো",
    "পুতিন",
    "ক্রেমলিন",
    "সোভিয়েত",
    "ল্যাভরভ",
    "শোইগু",
    "বেলোসভ",
    "পেসকভ",
    "জাখারোভা",
    "ভাগনার",
    "ওয়াগনার",
    "আফ্রিকা কোর",
]
PARTNERS = {
    "আফগানিস্তান": "Afghanistan",
    "আফগান": "Afghanistan",
    "তালেবান": "Afghanistan",
    "সিরিয়া": "Syria",
    "সিরীয়": "Syria",
    "দামেস্ক": "Syria",
    "বাংলাদেশ": "Bangladesh",
    "পাকিস্তান": "Pakistan",
    "ইসলামাবাদ": "Pakistan",
    "ইরাক": "Iraq",
    "বাগদাদ": "Iraq",
    "ভারত": "India",
    "দিল্লি": "India",
    "ইরান": "Iran",
    "তেহরান": "Iran",
    "উত্তর কোরিয়া": "North Korea",
    "পিয়ংইয়ং": "North Korea",
    "চীন": "China",
    "বেইজিং": "China",
    "মিয়ানমার": "Myanmar",
    "বেলারুশ": "Belarus",
    "তুরস্ক": "Turkey",
    "মিসর": "Egypt",
    "মিশর": "Egypt",
    "আলজেরিয়া": "Algeria",
    "ভিয়েতনাম": "Vietnam",
    "লিবিয়া": "Libya",
    "মালির": "Mali",
    "বুরকিনা ফাসো": "Burkina Faso",
    "নাইজার": "Niger",
    "সুদান": "Sudan",
    "মধ্য আফ্রিকান প্রজাতন্ত্র": "Central African Republic",
    "সৌদি": "Saudi Arabia",
    "ইন্দোনেশিয়া": "Indonesia",
    "কিউবা": "Cuba",
    "ভেনেজুয়েলা": "Venezuela",
    "নিকারাগুয়া": "Nicaragua",
    "সার্বিয়া": "Serbia",
    "আর্মেনিয়া": "Armenia",
    "আজারবাইজান": "Azerbaijan",
    "কাজাখস্তান": "Kazakhstan",
    "তাজিকিস্তান": "Tajikistan",
    "কিরগিজস্তান": "Kyrgyzstan",
    "উজবেকিস্তান": "Uzbekistan",
    "মঙ্গোলিয়া": "Mongolia",
    "লাওস": "Laos",
    "ইথিওপিয়া": "Ethiopia",
    "সংযুক্ত আরব আমিরাত": "UAE",
    "কাতার": "Qatar",
    "শ্রীলঙ্কা": "Sri Lanka",
    "নেপাল": "Nepal",
    "মালয়েশিয়া": "Malaysia",
    "থাইল্যান্ড": "Thailand",
    "ফিলিপাইন": "Philippines",
    "ব্রাজিল": "Brazil",
    "দক্ষিণ আফ্রিকা": "South Africa",
    "হিজবুল্লাহ": "Hezbollah",
    "হামাস": "Hamas",
    "হুতি": "Houthis",
}
DEFENCE = [
    "প্রতিরক্ষা",
    "সামরিক",
    "সেনাবাহিনী",
    "সেনাপ্রধান",
    "নৌবাহিনী",
    "বিমানবাহিনী",
    "সমরাস্ত্র",
    "সামরিক অ্যাটাশে",
    "নিরাপত্তা সহযোগিতা",
]
TOPICS = {
    "meeting": ["বৈঠক", "সফর", "সাক্ষাৎ", "আলোচনা"],
    "arms": [
        "অস্ত্র",
        "সমরাস্ত্র",
        "যুদ্ধবিমান",
        "হেলিকপ্টার",
        "ক্ষেপণাস্ত্র",
        "এস-৪০০",
        "ট্যাংক",
        "সরঞ্জাম",
        "গোলাবারুদ",
        "সাবমেরিন",
        "যুদ্ধজাহাজ",
        "সুখোই",
        "মিগ",
    ],
    "exercise": ["মহড়া"],
    "training": ["প্রশিক্ষণ"],
    "basing": ["ঘাঁটি", "নৌঘাঁটি", "বিমানঘাঁটি", "বন্দর ব্যবহার"],
    "aid": ["সামরিক সহায়তা", "সহায়তা", "সহযোগিতা", "সমর্থন"],
    "agreement": ["চুক্তি", "সমঝোতা", "স্মারক"],
    "sanctions": ["নিষেধাজ্ঞা", "ক্যাটসা"],
    "nuclear": ["পারমাণবিক অস্ত্র", "পরমাণু অস্ত্র"],
    "personnel": ["সৈন্য", "সেনা পাঠা", "ভাড়াটে যোদ্ধা", "ভাগনার", "ওয়াগনার", "উপদেষ্টা"],
}
WAR = [
    "ইউক্রেন",
    "কিয়েভ",
    "কিয়েভ",
    "জেলেনস্কি",
    "হামলা",
    "নিহত",
    "ভূপাতিত",
    "যুদ্ধক্ষেত্র",
    "ফ্রন্ট",
    "ক্রিমিয়া",
    "দখল",
]


def _pattern(terms: list[str], tail: str = "{0,4}") -> re.Pattern[str]:
    """Terms at a word start, followed by a few letters of inflection (রাশিয়ার, রাশিয়াকে);
    ``tail="*"`` also admits compounds (প্রতিরক্ষামন্ত্রী, সেনাপ্রধান)."""
    alt = "|".join(sorted({re.escape(normalize_text(t)) for t in terms}, key=len, reverse=True))
    return re.compile(rf"(?<![{_B}])(?:{alt})[{_B}]{tail}(?![{_B}])")


_RUSSIA = _pattern(RUSSIA)
_DEFENCE = _pattern(DEFENCE, "*")
_WAR = _pattern(WAR)
_TOPICS = {topic: _pattern(words) for topic, words in TOPICS.items()}
_PARTNER_OF = {normalize_text(bn): en for bn, en in PARTNERS.items()}
_PARTNERS = re.compile(
    rf"(?<![{_B}])("
    + "|".join(sorted(map(re.escape, _PARTNER_OF), key=len, reverse=True))
    + rf")[{_B}]{{0,4}}(?![{_B}])"
)
_SENTENCE = re.compile(r"(?<=[।!?])\s+|\n+")


@dataclass
class Judgement:
    relevant: bool
    score: float
    partners: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    evidence: str | None = None
    model_version: str = MODEL_VERSION


def _partners(sentence: str) -> list[str]:
    found: list[str] = []
    for match in _PARTNERS.finditer(sentence):
        partner = _PARTNER_OF[match.group(1)]
        if partner not in found:
            found.append(partner)
    return found


def _sentence_score(sentence: str) -> float:
    russia = bool(_RUSSIA.search(sentence))
    partners = bool(_partners(sentence))
    defence = len(_DEFENCE.findall(sentence)) + len(_TOPICS["arms"].findall(sentence))
    relation = sum(
        1
        for t in ("meeting", "aid", "agreement", "exercise", "training", "basing")
        if _TOPICS[t].search(sentence)
    )
    war = len(_WAR.findall(sentence))
    if not (russia and defence):
        return 0.0
    return 1.0 * partners + 0.6 * min(defence, 2) + 0.4 * min(relation, 2) - 0.5 * min(war, 2)


def classify(title: str, text: str, threshold: float = 0.5) -> Judgement:
    """Score a story (headline plus lead, or a full article) for relevance."""
    title = normalize_text(title or "")
    sentences = [s.strip() for s in _SENTENCE.split(normalize_text(text or "")) if s.strip()]
    lead = sentences[:3]
    scored = [(_sentence_score(s), s) for s in sentences]
    title_score = _sentence_score(title)
    lead_score = max((_sentence_score(s) for s in lead), default=0.0)
    strong = [s for score, s in scored if score >= 1.6]
    war_share = sum(1 for s in sentences if _WAR.search(s)) / max(len(sentences), 1)
    russia_share = sum(1 for s in sentences if _RUSSIA.search(s)) / max(len(sentences), 1)
    z = (
        -4.0
        + 1.2 * title_score
        + 0.8 * lead_score
        + 0.9 * min(len(strong), 4)
        + 2.0 * russia_share
        - 3.0 * war_share
    )
    score = 1.0 / (1.0 + math.exp(-z))
    best = max([(title_score, title), *scored], key=lambda pair: pair[0], default=(0.0, None))
    relation_sentences = [title, *strong] if title_score >= 1.6 else strong
    partners: list[str] = []
    for sentence in relation_sentences:
        for partner in _partners(sentence):
            if partner not in partners:
                partners.append(partner)
    topics = [t for t, p in _TOPICS.items() if any(p.search(s) for s in relation_sentences)]
    evidence = max(scored, key=lambda pair: pair[0])[1] if scored and best[0] > 0 else None
    return Judgement(score >= threshold, round(score, 4), partners, topics or [], evidence)
