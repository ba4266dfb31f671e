"""The seven page styles: one builder per style and the feeds its lists draw headlines from."""

from __future__ import annotations

from .amadershomoy import build_amadershomoy
from .deshjogot import build_deshjogot
from .kalerkantho import build_kalerkantho
from .odhikar import build_odhikar
from .prothomalo import build_prothomalo
from .samakal import build_samakal
from .wordpress import build_wordpress

BUILDERS = {
    "prothomalo": build_prothomalo,
    "samakal": build_samakal,
    "kalerkantho": build_kalerkantho,
    "wordpress": build_wordpress,
    "amadershomoy": build_amadershomoy,
    "odhikar": build_odhikar,
    "deshjogot": build_deshjogot,
}
STYLE_FEEDS = {
    "prothomalo": ["prothomalo-opinion.rss.xml"],
    "samakal": ["samakal-opinion.rss.xml"],
    "kalerkantho": ["kalerkantho-world.rss.xml"],
    "wordpress": ["opinion-aggregate.rss.xml", "banglanews24-world.rss.xml"],
    "amadershomoy": ["amadershomoy-opinion.rss.xml"],
    "odhikar": ["banglanews24-world.rss.xml"],
    "deshjogot": ["jugantor-latest.rss.xml"],
}
