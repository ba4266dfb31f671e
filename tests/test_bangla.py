"""Bengali normalisation and dates written in Bengali."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from crawler.text.bangla import bengali_share, normalize_text, to_ascii_digits
from crawler.text.bangla.dates import find_dates, labelled_dates, parse_bengali_date

DHAKA = ZoneInfo("Asia/Dhaka")


def test_both_forms_of_ya_compare_equal() -> None:
    precomposed = "রাশি\u09dfা"
    decomposed = "রাশি\u09af\u09bcা"
    assert precomposed != decomposed
    assert normalize_text(precomposed) == normalize_text(decomposed)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("সহযোগিতা করবেI তারপর", "সহযোগিতা করবে। তারপর"),  # Latin I used as a dari (seed 003)
        ("একমাত্র দেশ।৷ স্বীকৃতির", "একমাত্র দেশ। স্বীকৃতির"),  # doubled dari (seed 000)
        ("দেশ৷", "দেশ।"),
        ("র\u200c্যাব\u200b  বাহিনী", "র্যাব বাহিনী"),
        ("শিরোনাম | প্রথম আলো", "শিরোনাম | প্রথম আলো"),  # a spaced pipe is a separator
        ("২০২৫| বিকাল ৩:১৭", "২০২৫| বিকাল ৩:১৭"),  # a pipe after a digit is not a dari
    ],
)
def test_normalize_text(raw: str, clean: str) -> None:
    assert normalize_text(raw) == normalize_text(clean)
    assert normalize_text(normalize_text(raw)) == normalize_text(raw)  # idempotent


def test_digits_and_script_share() -> None:
    assert to_ascii_digits("২০২৬") == "2026"
    assert bengali_share("রাশিয়া Russia") == pytest.approx(6 / 12, abs=0.1)
    assert bengali_share("১২৩ ...") == 0.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("০৮ এপ্রিল ২০২১, ১১:২১", datetime(2021, 4, 8, 11, 21)),
        ("এপ্রিল ৯, ২০২৫ ৭:২৭ অপরাহ্ণ", datetime(2025, 4, 9, 19, 27)),  # seed 002
        ("বুধবার, ১৬ই এপ্রিল, ২০২৫| বিকাল ৩:১৭", datetime(2025, 4, 16, 15, 17)),
        ("আপডেটঃ ০৬ জুন ২০২৬ | ০৭:০৭", datetime(2026, 6, 6, 7, 7)),  # Samakal RSS
        ("০৯ ফেব্রুয়ারী ২০২০, ১৫:৫৭", datetime(2020, 2, 9, 15, 57)),  # spelling variant
        ("রাত ১১:০৫, ৩ আগষ্ট ২০২৪", datetime(2024, 8, 3, 0, 0)),
        ("১২ ডিসেম্বর ২০২৪ সকাল ১২:৩০", datetime(2024, 12, 12, 0, 30)),
    ],
)
def test_bengali_dates(text: str, expected: datetime) -> None:
    found = parse_bengali_date(text)
    assert found == expected.replace(tzinfo=DHAKA)


def test_bangla_calendar_date_is_not_a_gregorian_date() -> None:
    assert find_dates("১৪ বৈশাখ ১৪৩১") == []


def test_labelled_dates_skip_the_date_bar() -> None:
    page = (
        "শনিবার, ২৭ এপ্রিল ২০২৪ ১৪ বৈশাখ ১৪৩১ ... বিদেশ ডেস্ক প্রকাশ: ০৮ এপ্রিল ২০২১, ১১:২১ "
        "আপডেট : ০৮ এপ্রিল ২০২১, ১১:২৪"
    )
    found = labelled_dates(page)
    assert found["published"] == datetime(2021, 4, 8, 11, 21, tzinfo=DHAKA)
    assert found["modified"] == datetime(2021, 4, 8, 11, 24, tzinfo=DHAKA)
    assert labelled_dates("শনিবার, ২৭ এপ্রিল ২০২৪") == {}


def test_dateparser_fallback_for_other_forms() -> None:
    assert parse_bengali_date("2024-03-05 10:00") == datetime(2024, 3, 5, 10, 0, tzinfo=DHAKA)


@pytest.mark.parametrize(
    "text",
    [
        "এপ্রিল ৯, ২০২৫ ৭:২৭ অপরাহ্ণ",  # month first with a Bengali half-day marker (seed 002)
        "আপডেটঃ ০৬ জুন ২০২৬ | ০৭:০৭",  # a label and a pipe before the time (Samakal RSS)
    ],
)
def test_what_dateparser_misses_and_the_tables_handle(text: str) -> None:
    """dateparser (languages=['bn']) returns None for these; our tables parse them."""
    import dateparser

    assert dateparser.parse(text, languages=["bn"]) is None
    assert find_dates(text)
