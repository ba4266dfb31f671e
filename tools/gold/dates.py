"""Bengali dates."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta, timezone

from .text import nfc

DHAKA = timezone(timedelta(hours=6))


def _nfc_all(words: str) -> list[str]:
    return [nfc(w) for w in words.split()]


BN_MONTHS = _nfc_all("জানুয়ারি ফেব্রুয়ারি মার্চ এপ্রিল মে জুন জুলাই আগস্ট সেপ্টেম্বর অক্টোবর নভেম্বর ডিসেম্বর")
BN_WEEKDAYS = _nfc_all("সোমবার মঙ্গলবার বুধবার বৃহস্পতিবার শুক্রবার শনিবার রবিবার")
BANGLA_MONTHS = _nfc_all("বৈশাখ জ্যৈষ্ঠ আষাঢ় শ্রাবণ ভাদ্র আশ্বিন কার্তিক অগ্রহায়ণ পৌষ মাঘ ফাল্গুন চৈত্র")
_BN_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def bn(value: int | str, width: int = 0) -> str:
    return str(value).zfill(width).translate(_BN_DIGITS)


def bangla_calendar(day: date) -> str:
    """Revised Bangladeshi calendar (2019): বৈশাখ-আশ্বিন 31 days, ফাল্গুন 29 (30 in leap years)."""
    start = date(day.year, 4, 14) if day >= date(day.year, 4, 14) else date(day.year - 1, 4, 14)
    offset = (day - start).days
    lengths = [31] * 6 + [30] * 4 + [30 if calendar.isleap(start.year + 1) else 29, 30]
    for month, length in enumerate(lengths):
        if offset < length:
            return f"{bn(offset + 1)} {BANGLA_MONTHS[month]} {bn(start.year - 593)}"
        offset -= length
    raise ValueError(day)


def ordinal_day(day: int) -> str:
    suffix = {1: "লা", 2: "রা", 3: "রা", 4: "ঠা"}.get(day, "ই" if day <= 18 else "শে")
    return bn(day) + suffix


def part_of_day(hour: int) -> str:
    if 4 <= hour < 6:
        return "ভোর"
    if 6 <= hour < 12:
        return "সকাল"
    if 12 <= hour < 15:
        return "দুপুর"
    if 15 <= hour < 18:
        return "বিকাল"
    if 18 <= hour < 20:
        return "সন্ধ্যা"
    return "রাত"


def hour12(hour: int) -> int:
    return hour % 12 or 12


def dmy(moment: datetime) -> str:
    """০৮ এপ্রিল ২০২১"""
    return f"{bn(moment.day, 2)} {BN_MONTHS[moment.month - 1]} {bn(moment.year)}"


def hm(moment: datetime) -> str:
    return f"{bn(moment.hour, 2)}:{bn(moment.minute, 2)}"


def weekday(moment: datetime) -> str:
    return BN_WEEKDAYS[moment.weekday()]


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")
