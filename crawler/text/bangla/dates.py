"""Dates written in Bengali: ``০৮ এপ্রিল ২০২১, ১১:২১``, ``এপ্রিল ৯, ২০২৫ ৭:২৭ অপরাহ্ণ``.

dateparser handles the plain day-month-year form but misses the month-first form, the
পূর্বাহ্ণ/অপরাহ্ণ and সকাল/রাত markers and labels such as "আপডেটঃ"; this module parses those
with explicit tables and keeps dateparser as the fallback for anything else. Bangla-calendar
dates (``১৪ বৈশাখ ১৪৩১``) are deliberately not matched: they belong to the site's date bar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from crawler.text.bangla.normalize import normalize_text, to_ascii_digits

MONTHS = {
    1: ("জানুয়ারি", "জানুয়ারী", "জানু"),
    2: ("ফেব্রুয়ারি", "ফেব্রুয়ারী", "ফেব্রু"),
    3: ("মার্চ",),
    4: ("এপ্রিল",),
    5: ("মে",),
    6: ("জুন",),
    7: ("জুলাই",),
    8: ("আগস্ট", "আগষ্ট"),
    9: ("সেপ্টেম্বর", "সেপ্টে"),
    10: ("অক্টোবর", "অক্টো"),
    11: ("নভেম্বর", "নভে"),
    12: ("ডিসেম্বর", "ডিসে"),
}
_MONTH_BY_NAME = {normalize_text(n): m for m, names in MONTHS.items() for n in names}
_MONTH_ALT = "|".join(sorted(map(re.escape, _MONTH_BY_NAME), key=len, reverse=True))
_PM = ("অপরাহ্ণ", "অপরাহ্ন", "বিকাল", "বিকেল", "সন্ধ্যা", "রাত", "দুপুর", "পিএম", "PM", "pm")
_AM = ("পূর্বাহ্ণ", "পূর্বাহ্ন", "সকাল", "ভোর", "এএম", "AM", "am")
_MARK_ALT = "|".join(map(re.escape, (normalize_text(w) for w in _PM + _AM)))
_TIME = (
    rf"(?:[,|\s]*(?:(?P<mark1>{_MARK_ALT})\s*)?(?P<h>\d{{1,2}})[:.](?P<mi>\d{{2}})"
    rf"(?:\s*(?P<mark2>{_MARK_ALT}))?)?"
)
_DMY = re.compile(
    rf"(?P<d>\d{{1,2}})(?:ই|শে|লা|রা|ঠা)?\s+(?P<mon>{_MONTH_ALT})[,\s]+(?P<y>\d{{4}}){_TIME}"
)
_MDY = re.compile(
    rf"(?P<mon>{_MONTH_ALT})\s+(?P<d>\d{{1,2}})(?:ই|শে|লা|রা|ঠা)?,?\s+(?P<y>\d{{4}}){_TIME}"
)
PUBLISHED_LABELS = ("প্রকাশ", "প্রকাশিত", "প্রকাশের সময়", "Published")
UPDATED_LABELS = ("আপডেট", "সর্বশেষ আপডেট", "হালনাগাদ", "Updated")


def _hour(hour: int, mark: str | None) -> int:
    if mark is None:
        return hour
    if mark in {normalize_text(w) for w in _PM}:
        # দুপুর ১২টা is noon and রাত ১২টা midnight-ish; both stay 12 in news usage.
        return hour + 12 if hour < 12 else hour
    return 0 if hour == 12 else hour


def find_dates(
    text: str, tz: str = "Asia/Dhaka", normalized: bool = False
) -> list[tuple[int, datetime]]:
    """Every Gregorian date written in ``text``, with its character offset."""
    norm = to_ascii_digits(text if normalized else normalize_text(text))
    found: list[tuple[int, datetime]] = []
    zone = ZoneInfo(tz)
    for pattern in (_DMY, _MDY):
        for m in pattern.finditer(norm):
            try:
                hour = int(m["h"]) if m["h"] else 0
                minute = int(m["mi"]) if m["mi"] else 0
                mark = m["mark1"] or m["mark2"]
                value = datetime(
                    int(m["y"]),
                    _MONTH_BY_NAME[m["mon"]],
                    int(m["d"]),
                    _hour(hour, mark),
                    minute,
                    tzinfo=zone,
                )
            except ValueError:
                continue
            found.append((m.start(), value))
    found.sort(key=lambda pair: pair[0])
    return found


def parse_bengali_date(text: str, tz: str = "Asia/Dhaka") -> datetime | None:
    """The first date in ``text``; dateparser is tried when the tables find none."""
    dates = find_dates(text, tz)
    if dates:
        return dates[0][1]
    import dateparser  # slow to import; only needed for forms the tables do not cover

    parsed = dateparser.parse(
        to_ascii_digits(text),
        languages=["bn", "en"],
        settings={"TIMEZONE": tz, "RETURN_AS_TIMEZONE_AWARE": True, "PREFER_DATES_FROM": "past"},
    )
    return parsed


def _label_pattern(labels: Iterable[str]) -> re.Pattern[str]:
    alt = "|".join(map(re.escape, (normalize_text(x) for x in labels)))
    return re.compile(rf"(?:{alt})\s*[:ঃ]?\s*")


# Compiled once: every article page is searched for them.
_LABELS = (
    ("published", _label_pattern(PUBLISHED_LABELS)),
    ("modified", _label_pattern(UPDATED_LABELS)),
)


def labelled_dates(
    text: str, tz: str = "Asia/Dhaka", normalized: bool = False
) -> dict[str, datetime]:
    """Dates that follow a "প্রকাশ"/"আপডেট" label, keyed ``published`` / ``modified``.

    The label must come right before the date, which is what tells a story's own date from
    the site-wide date bar and from dates mentioned in the story. ``normalized``: the text is
    in canonical form already (``normalize_text``), as the extractor's is.
    """
    norm = to_ascii_digits(text if normalized else normalize_text(text))
    result: dict[str, datetime] = {}
    for key, label in _LABELS:
        for m in label.finditer(norm):
            window = norm[m.end() : m.end() + 60]
            dates = find_dates(window, tz, normalized=True)
            if dates and dates[0][0] == 0:
                result.setdefault(key, dates[0][1])
                break
    return result
