"""The language stage: Bengali by script share, langdetect (seeded) only when ambiguous."""

from __future__ import annotations

from crawler.miniweb.server import load_stories
from crawler.text.language import detect_language

STORIES = load_stories()


def test_bengali_and_english_stories() -> None:
    for story in STORIES[:40] + [s for s in STORIES if s["lang"] == "en"]:
        language = detect_language("\n".join(story["paragraphs"]))[0]
        assert language == story["lang"], story["id"]


def test_assamese_is_not_bengali() -> None:
    # Assamese (same script) with its distinguishing letters ৰ and ৱ.
    text = "অসমৰ মুখ্যমন্ত্ৰীয়ে আজি গুৱাহাটীত এখন সভাত ভাষণ দিয়ে। ৰাজ্যৰ উন্নয়নৰ বাবে নতুন আঁচনি ঘোষণা কৰে।"
    assert detect_language(text)[0] == "as"


def test_mixed_text_is_decided_by_langdetect_deterministically() -> None:
    text = "Dhaka, Nov 23 (Reuters) - The talks in Moscow ended today. রাশিয়া বৈঠক।"
    first = detect_language(text)
    assert first[0] == "en" and 0.0 < first[1] < 0.6
    assert all(detect_language(text) == first for _ in range(5))
