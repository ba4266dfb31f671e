"""Is a text Bengali? The share of Bengali letters decides most pages at no cost; langdetect
(seeded, so the same text always gets the same answer) is asked only when the share is in
between — mixed or short text. Assamese shares the script; its letters ৰ and ৱ give it away.
"""

from __future__ import annotations

from crawler.text.bangla.normalize import bengali_share

ASSAMESE_LETTERS = ("ৰ", "ৱ")


def detect_language(
    text: str, yes: float = 0.6, no: float = 0.2, seed: int = 0
) -> tuple[str, float]:
    share = bengali_share(text)
    if share >= yes:
        assamese = sum(text.count(c) for c in ASSAMESE_LETTERS)
        return ("as" if assamese >= 3 else "bn"), share
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = seed
    # Below ``no`` the page is not Bengali whatever langdetect says: it only names the language
    # of a page that is dropped, and a shorter sample does that at half the cost.
    sample = text[:1000] if share < no else text[:5000]
    try:
        language = detect(sample)
    except LangDetectException:
        language = "unknown"
    # With so few Bengali letters the page cannot be a Bengali article, whatever langdetect says.
    if language == "bn" and share < no:
        language = "unknown"
    return language, share
