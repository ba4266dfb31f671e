"""Digests, round-ups and recurring series: texts that must not glue stories together.

A "today's top news" piece, a newspaper review ("পত্রিকা: ...") or "the day's important
international news" quotes the lead of many stories. Against any one of them it looks like a long
text containing a short one (a copy, by containment) and it shares that story's names and places
(a thread, by entities). The gold set labels such pairs *different* (``digest_vs_item``). We keep
digests out of both levels:

* by title: the round-up series carry fixed headlines (``DIGEST_TITLE``: "একনজরে আজকের আলোচিত
  খবর", "দিনের গুরুত্বপূর্ণ আন্তর্জাতিক খবর", BBC's "পত্রিকা: ...", "top news", ...). A series whose
  headline is not in the list is not caught; a structural test (consecutive paragraphs sharing no
  rare word) is the natural extension, not implemented here.

Recurring *templates* (weather, gold price, prayer times, dengue bulletin) are the other trap: the
same fixed text with another day's numbers. They are recognised by their headline with digits and
dates masked (``series_key``: the copy decision and the thread linker both refuse to join two items
of one series published on different days) and, for the thread level, by a short list of daily
bulletin subjects (``ROUTINE_TITLE``): a bulletin is a story of one day.
"""

from __future__ import annotations

import re

# Headlines of round-up series (Bengali and English outlets). Deliberately specific: 'এক নজরে'
# alone also heads fixture lists and explainers, which are ordinary articles.
DIGEST_TITLE = re.compile(
    "|".join(
        [
            r"আলোচিত\s+(খবর|সংবাদ)",
            r"গুরুত্বপূর্ণ\s+(আন্তর্জাতিক\s+)?(খবর|সংবাদ)",
            r"আন্তর্জাতিক\s+খবর",
            r"(আজকের|দিনের|সারাদিনের|সকালের|রাতের)\s+(সেরা\s+|শীর্ষ\s+|বাছাই(করা)?\s+)?(খবর|সংবাদ|শিরোনাম)",
            r"(সংবাদ|খবরের)\s+শিরোনাম",
            r"শীর্ষ\s+(খবর|সংবাদ)",
            r"^\s*(আজকের\s+)?পত্রিকা\s*[:ঃ।-]",
            r"পত্রিকার\s+(পাতা|প্রথম\s+পাতা)",
            r"\btop\s+(news|stories|headlines)\b",
            r"\bnews\s+(at\s+a\s+glance|in\s+brief|roundup|round-up|digest)\b",
            r"\b(morning|evening|daily)\s+(briefing|digest|headlines)\b",
            r"\bnewspaper\s+(review|headlines)\b",
        ]
    ),
    re.IGNORECASE,
)
# Daily bulletins (weather, prices, rates, air quality, prayer times, horoscopes, the dengue and
# market reports): each issue is its own one-day story, and yesterday's issue shares most words.
ROUTINE_TITLE = re.compile(
    "|".join(
        [
            r"আবহাওয়া",
            r"পূর্বাভাস",
            r"(বৃষ্টি|ঝড়|বজ্রবৃষ্টি|বৃষ্টির|ঝড়ের)\s+(হতে\s+পারে|আভাস)",
            r"তাপমাত্রা",
            r"শৈত্যপ্রবাহ|তাপপ্রবাহ|ঘন\s+কুয়াশা",
            r"(স্বর্ণ|সোনা|রুপা|রূপা)(র|ের)?\s+(দাম|দর|ভরি)",
            r"ক্যারেট",
            r"ডলারের\s+বিপরীতে|বিনিময়\s+হার|টাকার\s+মান",
            r"বায়ুদূষণ|বায়ুমান|দূষিত\s+শহর",
            r"নামাজের\s+সময়সূচি|সেহরি|ইফতারের\s+সময়",
            r"রাশিফল|রাশির",
            r"ডেঙ্গু(তে|য়)\s.*(মৃত্যু|ভর্তি)",
            r"(ডিএসই|সিএসই|পুঁজিবাজার|শেয়ারবাজার).*(সূচক|লেনদেন)",
            r"\b(weather|forecast|gold\s+price|exchange\s+rate|air\s+quality|aqi)\b",
        ]
    ),
    re.IGNORECASE,
)
_DIGITS = re.compile(r"[0-9০-৯]+")
_MONTH_WORDS = re.compile(
    r"জানুয়ারি|ফেব্রুয়ারি|মার্চ|এপ্রিল|মে|জুন|জুলাই|আগস্ট|সেপ্টেম্বর|অক্টোবর|নভেম্বর|ডিসেম্বর|"
    r"শনিবার|রবিবার|রোববার|সোমবার|মঙ্গলবার|বুধবার|বৃহস্পতিবার|শুক্রবার|আজ|কাল|গতকাল"
)
_PUNCT = re.compile(r"[^\w\u0980-\u09ff]+")


def digest_title(title: str) -> bool:
    """A round-up headline (the title is in canonical form, as the pipeline's is)."""
    return bool(DIGEST_TITLE.search(title or ""))


def routine_title(title: str) -> bool:
    """A daily-bulletin headline (canonical form)."""
    return bool(ROUTINE_TITLE.search(title or ""))


def series_key(title: str) -> str:
    """The headline with digits, month and weekday names masked: '২৯ ডিসেম্বর: ২২ ক্যারেট স্বর্ণের
    ভরি কত?' and '৩১ ডিসেম্বর: ...' share one key. Two items with one key and different days are
    two issues of a template, never a copy of each other."""
    t = (title or "").lower()
    t = _DIGITS.sub("#", t)
    t = _MONTH_WORDS.sub("@", t)
    return _PUNCT.sub(" ", t).strip()
