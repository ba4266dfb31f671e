"""The extraction gold set builder behind ``tools/build_gold.py`` (developer tool, stdlib only).

- ``text``: canonical text (the rules of crawler/text/bangla/normalize.py) and HTML escaping;
- ``dates``: Bengali dates (digits, months, weekdays, the Bangladeshi calendar);
- ``model``: ``Story``, ``Variant`` and ``Page``;
- ``corpus``: stories from ``shared`` (seeds, Prothom Alo CSV, BDNewsPaperScraper), feed titles;
- ``chrome``: helpers shared by the styles (body paragraphs, read-more inserts, lists, JSON-LD);
- ``styles``: the seven page styles, one module each, and the feeds their lists draw from;
- ``check``: the gold record of a page and its self-check;
- ``build``: the plan (style, source, variant per page) and ``main``.
"""
