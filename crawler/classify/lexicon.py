"""First relevance scorer for Russia's military ties (``../shared/relevance-guideline.md``).

A Bengali-aware lexicon, applied sentence by sentence: a story is relevant when Russia, a partner
state and defence vocabulary meet in the same sentences, above all in the headline and lead.
Russia's own war (Ukraine, strikes, casualties) counts against, a sentence without a partner
counts half, and a partner does not count where Russia only reacts to a third state's action
(condemning US strikes on Iran). This is version ``lexicon-3``; its features feed the trained
model (``model.py``), which is what crawls use.

lexicon-3 adds what the guideline names among military aid and lexicon-2 lacked: intelligence,
satellite imagery and targeting data shared for military use (``DEFENCE``, topic ``aid``); a
warning *to* Russia (``রাশিয়াকে হুঁশিয়ারি``) is pressure on Russia's relation, not Russia reacting
to a third state; and partners are looked for in the headline, lead and Russia sentences when
the relation sentences name none (recruits, Africa), with the United States the partner of an
arms-control treaty (the labels' decision 2).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from crawler.bangla.normalize import normalize_text

MODEL_VERSION = "lexicon-3"
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
    "আফ্রিকা": "Africa",
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
# Intelligence, satellite imagery and targeting data shared for military use (the guideline's
# military aid). They count as defence words only beside a verb of giving (``SHARING``): "Russia
# received intelligence that ..." or "satellite images show ..." is a source, not a tie.
INTELLIGENCE = [
    "গোয়েন্দা",
    "স্যাটেলাইট চিত্র",
    "স্যাটেলাইট ছবি",
    "স্যাটেলাইট তথ্য",
    "উপগ্রহ চিত্র",
    "উপগ্রহের ছবি",
    "লক্ষ্যবস্তু",
    "লক্ষ্য নির্ধারণ",
    "টার্গেটিং",
]
SHARING = [
    "দিচ্ছ",
    "দিয়েছ",
    "দিয়ে আস",
    "দিয়ে যাচ্ছ",
    "দেওয়া",
    "দেয়া",
    "দেবে",
    "দিতে",
    "সরবরাহ",
    "শেয়ার",
    "আদান-প্রদান",
    "হস্তান্তর",
    "সহায়তা",
    "সহযোগিতা",
]
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
        "জঙ্গিবিমান",
        "হেলিকপ্টার",
        "ক্ষেপণাস্ত্র",
        "মিসাইল",
        "এস-৪০০",
        "এস-৫০০",
        "এসইউ",
        "সু-৩০",
        "সু-৩৫",
        "সুখোই",
        "মিগ",
        "ফাইটার",
        "স্টেলথ",
        "হাইপারসনিক",
        "ইস্কান্দার",
        "ট্যাংক",
        "সরঞ্জাম",
        "গোলাবারুদ",
        "কামান",
        "সাবমেরিন",
        "ডুবোজাহাজ",
        "যুদ্ধজাহাজ",
        "ড্রোন",
        "রাডার",
        "আকাশ প্রতিরক্ষা",
    ],
    "exercise": ["মহড়া"],
    "training": ["প্রশিক্ষণ"],
    "basing": ["ঘাঁটি", "নৌঘাঁটি", "বিমানঘাঁটি", "বন্দর ব্যবহার", "মোতায়েন"],
    "aid": [
        "সামরিক সহায়তা",
        "সহায়তা",
        "সহযোগিতা",
        "সমর্থন",
        "সরবরাহ",
        "দিতে প্রস্তুত",
        "প্রস্তাব",
    ],
    "agreement": ["চুক্তি", "সমঝোতা", "স্মারক", "কিনছে", "কিনতে", "কেনার", "ক্রয়", "বিক্রি"],
    "sanctions": ["নিষেধাজ্ঞা", "ক্যাটসা"],
    "nuclear": ["পারমাণবিক অস্ত্র", "পরমাণু অস্ত্র", "নিউ স্টার্ট", "প্লুটোনিয়াম"],
    "personnel": [
        "সৈন্য",
        "সেনা পাঠা",
        "ভাড়াটে",
        "ভাগনার",
        "ওয়াগনার",
        "উপদেষ্টা",
        "রিক্রুট",
        "হয়ে লড়",
        "পক্ষে লড়",
        "হয়ে যুদ্ধ",
        "যুদ্ধে পাঠা",
    ],
}
# A third state acting on the partner (US strikes on Iran, a US base in Afghanistan) while Russia
# comments: the military relation in the sentence is not Russia's.
THIRD = [
    "যুক্তরাষ্ট্র",
    "মার্কিন",
    "আমেরিকা",
    "ওয়াশিংটন",
    "ট্রাম্প",
    "ইসরায়েল",
    "ইসরাইল",
    "ন্যাটো",
    "পশ্চিমা",
    "ইউরোপ",
    "ব্রিটেন",
    "যুক্তরাজ্য",
    "ফ্রান্স",
    "জার্মানি",
]
REACT = [
    "নিন্দা",
    "প্রতিক্রিয়া",
    "সতর্ক",
    "হুঁশিয়ারি",
    "কড়া বার্তা",
    "বিরোধিতা",
    "বিরোধীতা",
    "সমালোচনা",
    "বেপরোয়া",
    "প্রত্যাখ্যান",
    "যা বলল",
]
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


def pattern(terms: list[str], tail: str = "{0,4}") -> re.Pattern[str]:
    """Terms at a word start, followed by a few letters of inflection (রাশিয়ার, রাশিয়াকে);
    ``tail="*"`` also admits compounds (প্রতিরক্ষামন্ত্রী, সেনাপ্রধান)."""
    alt = "|".join(sorted({re.escape(normalize_text(t)) for t in terms}, key=len, reverse=True))
    return re.compile(rf"(?<![{_B}])(?:{alt})[{_B}]{tail}(?![{_B}])")


RUSSIA_RE = pattern(RUSSIA)
# Foreign military support *for* Russia: fighting on Russia's side (রাশিয়ার হয়ে / পক্ষে).
_FOR_RUSSIA = re.compile(normalize_text("(?:রাশিয়া|রুশ)[^ ]{0,4} (?:হয়ে|পক্ষে|বাহিনীতে|সেনাবাহিনীতে)"))
_DEFENCE = pattern(DEFENCE, "*")
_WAR = pattern(WAR)
_TOPICS = {topic: pattern(words) for topic, words in TOPICS.items()}
PARTNER_OF = {normalize_text(bn): en for bn, en in PARTNERS.items()}
PARTNERS_RE = re.compile(
    rf"(?<![{_B}])("
    + "|".join(sorted(map(re.escape, PARTNER_OF), key=len, reverse=True))
    + rf")[{_B}]{{0,4}}(?![{_B}])"
)
_THIRD = pattern(THIRD, "*")
_INTELLIGENCE = pattern(INTELLIGENCE, "*")
_SHARING = pattern(SHARING, "*")
_US = pattern(["যুক্তরাষ্ট্র", "মার্কিন", "আমেরিকা", "ওয়াশিংটন"], "*")
# Russia as the object: "রাশিয়াকে", "চীন-রাশিয়াকে", "মস্কোকে", "পুতিনকে".
_RUSSIA_NAMES = "|".join(re.escape(normalize_text(t)) for t in RUSSIA)
_RUSSIA_OBJECT = re.compile(rf"(?<![{_B}])(?:{_RUSSIA_NAMES})[{_B}]{{0,3}}কে(?![{_B}])")
# Arms-control treaties between Russia and the United States (the labels' decision 2).
ARMS_CONTROL_RE = re.compile(
    normalize_text(
        "নিউ স্টার্ট|অস্ত্র নিয়ন্ত্রণ|প্লুটোনিয়াম|নিরস্ত্রীকরণ|(?:পারমাণবিক|পরমাণু) অস্ত্র[^ ]{0,4} (?:নিয়ন্ত্রণ )?চুক্তি"
    )
)
_REACT = pattern(REACT, "*")
_SENTENCE = re.compile(r"(?<=[।!?])\s+|\n+")


@dataclass
class Judgement:
    relevant: bool
    score: float
    partners: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    evidence: str | None = None
    model_version: str = MODEL_VERSION


def partners_in(sentence: str) -> list[str]:
    found: list[str] = []
    for match in PARTNERS_RE.finditer(sentence):
        partner = PARTNER_OF[match.group(1)]
        if partner not in found:
            found.append(partner)
    return found


def reaction(sentence: str) -> bool:
    """Russia reacting to what a third state does (condemns, warns, criticises); not a warning
    *to* Russia (``রাশিয়াকে``), which is pressure on Russia's own relation."""
    return bool(
        RUSSIA_RE.search(sentence)
        and _REACT.search(sentence)
        and _THIRD.search(sentence)
        and not _RUSSIA_OBJECT.search(sentence)
    )


def partners_of(sentences: list[str]) -> list[str]:
    """The partners named in these sentences, in order; the United States for an arms-control
    treaty (New START), which the labels count as a tie (decision 2)."""
    found: list[str] = []
    for sentence in sentences:
        named = partners_in(sentence)
        if ARMS_CONTROL_RE.search(sentence) and _US.search(sentence):
            named.append("United States")
        found += [p for p in named if p not in found]
    return found


def intelligence_shared(sentence: str) -> bool:
    """Intelligence, satellite imagery or targeting data beside a verb of giving."""
    return bool(_INTELLIGENCE.search(sentence) and _SHARING.search(sentence))


def sentence_score(sentence: str) -> float:
    if not RUSSIA_RE.search(sentence):
        return 0.0
    # Russia condemning US strikes on Iran names Russia, Iran and "military", but the
    # relation in the sentence is the third state's, not Russia's.
    partners = bool(partners_in(sentence)) and not reaction(sentence)
    defence = (
        len(_DEFENCE.findall(sentence))
        + len(_TOPICS["arms"].findall(sentence))
        + intelligence_shared(sentence)
    )
    relation = sum(
        1
        for t in ("meeting", "aid", "agreement", "exercise", "training", "basing")
        if _TOPICS[t].search(sentence)
    )
    war = len(_WAR.findall(sentence))
    if not defence:
        return 0.0
    score = 1.0 * partners + 0.6 * min(defence, 2) + 0.4 * min(relation, 2) - 0.5 * min(war, 2)
    # Without a partner the sentence is about Russia's own forces unless the rest of the story
    # names one; before lexicon-2 two defence words outscored a partner and one.
    return score if partners else 0.5 * score


@dataclass
class Analysis:
    """What the lexicon sees in one story: features for the model, and the relation sentences
    that give partners, topics and the evidence sentence."""

    title: str
    sentences: list[str]
    features: list[float]
    focus: str
    russia: bool
    partners: list[str]
    topics: list[str]
    evidence: str | None
    lexicon_z: float


def analyse(title: str, text: str) -> Analysis:
    title = normalize_text(title or "")
    sentences = [s.strip() for s in _SENTENCE.split(normalize_text(text or "")) if s.strip()]
    scored = [(sentence_score(s), s) for s in sentences]
    title_score = sentence_score(title)
    lead_score = max((score for score, _ in scored[:3]), default=0.0)
    strong = [s for score, s in scored if score >= 1.6]
    count = max(len(sentences), 1)
    russia_sentences = [s for s in sentences if RUSSIA_RE.search(s)]
    war_share = sum(1 for s in sentences if _WAR.search(s)) / count
    russia_share = len(russia_sentences) / count
    russia_title = bool(RUSSIA_RE.search(title))
    z = (
        -4.0
        + 1.2 * title_score
        + 0.8 * lead_score
        + 0.9 * min(len(strong), 4)
        + 2.0 * russia_share
        - 3.0 * war_share
    )
    relation = [title, *strong] if title_score >= 1.6 else strong
    if not relation:  # no sentence with all three: fall back on those that name Russia
        relation = [x for x in [title, *russia_sentences] if RUSSIA_RE.search(x)]
    partners = partners_of(relation)
    if not partners:  # recruits, a partner named in the headline or lead only
        context = [title, *sentences[:3], *russia_sentences]
        partners = partners_of([x for x in context if not reaction(x)])
    topics = [
        t
        for t, p in _TOPICS.items()
        if any(p.search(x) or (t == "aid" and intelligence_shared(x)) for x in relation)
    ]
    # The body sentence that shows the relation best; the headline when the body shows none
    # (a feed without a lead gives a headline only).
    best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    if best[0] > 0:
        evidence = best[1]
    elif title_score > 0:
        evidence = title
    else:
        evidence = russia_sentences[0] if russia_sentences else title if russia_title else None
    window = [title, *russia_sentences]
    topic_flags = [float(any(p.search(x) for x in window)) for p in _TOPICS.values()]
    features = [
        title_score,
        lead_score,
        float(min(len(strong), 4)),
        russia_share,
        war_share,
        float(russia_title),
        float(bool(russia_sentences)),
        float(any(partners_in(x) for x in window)),
        float(min(sum(len(_DEFENCE.findall(x)) for x in window), 5)),
        math.log1p(len(sentences)),
        float(any(_FOR_RUSSIA.search(x) for x in window)),
        *topic_flags,
    ]
    # The lead's Russia sentences are not repeated: a repeat would double their n-grams.
    focus = "\n".join(
        [title, *sentences[:3], *[s for s in russia_sentences if s not in sentences[:3]][:8]]
    )
    return Analysis(
        title,
        sentences,
        features,
        focus,
        russia_title or bool(russia_sentences),
        partners,
        topics,
        evidence,
        z,
    )


def rule_judgement(title: str, text: str, threshold: float = 0.5) -> Judgement:
    """lexicon-2: score a story (headline plus lead, or a full article) by rule alone (the
    trained model, ``model.py``, is what crawls use)."""
    found = analyse(title, text)
    score = 1.0 / (1.0 + math.exp(-found.lexicon_z))
    return Judgement(
        score >= threshold, round(score, 4), found.partners, found.topics, found.evidence
    )


_KEYWORD_MILITARY = pattern(DEFENCE + TOPICS["arms"] + ["সেনা", "যুদ্ধ", "মহড়া", "ঘাঁটি"], "*")


def keyword_baseline(title: str, text: str) -> bool:
    """The rule the classifier must beat: a Russia word AND a military word anywhere."""
    whole = normalize_text(f"{title}\n{text}")
    return bool(RUSSIA_RE.search(whole) and _KEYWORD_MILITARY.search(whole))
