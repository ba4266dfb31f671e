"""The mini-web: a local replay of fictional Bengali outlets for the demo, tests and benchmarks.

Four outlets are served under stable ``*.test`` host names by one local HTTP server that acts as
an HTTP proxy, so an article's URL is the same in every run. The stories are real texts (see
``data/PROVENANCE.md``); the page chrome is modelled on real outlets' markup.
"""

from pathlib import Path

from crawler.miniweb.server import MiniWeb

OUTLETS_DIR = Path(__file__).parent / "outlets"
JS_OUTLETS_DIR = Path(__file__).parent / "outlets_js"  # needs a browser (render: true)
HOSTILE_OUTLETS_DIR = Path(__file__).parent / "outlets_hostile"  # payloads in texts
# Outlets as real ones behave in 2026 (bot walls, JSON, daily sitemaps): MiniWeb(realities=True)
REALITY_OUTLETS_DIR = Path(__file__).parent / "outlets_2026"
STORIES_FILE = Path(__file__).parent / "data" / "stories.jsonl"

__all__ = [
    "HOSTILE_OUTLETS_DIR",
    "JS_OUTLETS_DIR",
    "OUTLETS_DIR",
    "REALITY_OUTLETS_DIR",
    "STORIES_FILE",
    "MiniWeb",
]
