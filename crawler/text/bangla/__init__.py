"""Bengali text helpers: one canonical Unicode form, digits and dates written in Bengali."""

from crawler.text.bangla.normalize import bengali_share, normalize_text, to_ascii_digits

__all__ = ["bengali_share", "normalize_text", "to_ascii_digits"]
