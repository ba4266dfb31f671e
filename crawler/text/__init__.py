"""Stage 100: from a raw page to clean Bengali text and its metadata (extraction, cleanup,
Bengali dates and digits, page checks, language)."""
