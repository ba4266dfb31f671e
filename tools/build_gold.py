"""Build the extraction gold set from the real texts in ``../shared`` (developer tool).

Run from the project root::

    python3 tools/build_gold.py /work/shared tests/resources/extraction

It writes ``<style>/<name>.html`` and ``<style>/<name>.json`` for seven page styles modelled on
real Bengali outlets (``tests/resources/extraction/README.md`` describes styles, provenance and
the gold format). Article texts are real: the five seed stories (with all of their real
boilerplate placed in the page chrome), Prothom Alo articles from the 2024 CSV and dated Bengali
articles of BDNewsPaperScraper. Sidebar, "আরও পড়ুন" and list headlines are real headlines from
the RSS feeds in ``shared/corpus/feeds``. Deterministic: the corpus sample uses
``random.Random(2026)`` and every other choice derives from the page name. Standard library
only. The script checks its own output (each ``with`` snippet in the body, each ``without``
snippet absent from the body and present in the HTML) and exits non-zero on a violation. The
code lives in the ``tools/gold/`` package (``gold/__init__.py`` lists its modules); this file is
its command line.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold.build import main

if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python3 tools/build_gold.py SHARED_DIR OUT_DIR")
    sys.exit(main(sys.argv[1], sys.argv[2]))
