"""Types and ranges of the settings Prohori relies on, checked before a crawl starts.

Scrapy reads a setting only when a component asks for it, so ``-s DOWNLOAD_DELAY=fast`` used to
fail in the middle of a crawl with a traceback, and ``-s PROHORI_COPY_CONTAINMENT=5`` was taken as
it was. Every ``PROHORI_*`` setting of ``crawler/settings.py`` has a rule here (a test checks
both lists agree), and so do the Scrapy settings whose values shape a crawl's politeness and
limits. A bad value is reported with the setting, the value and what is accepted.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from scrapy.settings import BaseSettings


class SettingError(ValueError):
    """A setting has a value Prohori cannot use, or a PROHORI_* name is unknown."""


@dataclass(frozen=True)
class Rule:
    accepts: str  # what the error message says is accepted
    check: Callable[[Any], bool]


def _number(kind: type, low: float | None = None, high: float | None = None, *,
            low_open: bool = False) -> Rule:  # fmt: skip
    def check(value: Any) -> bool:
        if isinstance(value, bool):
            return False
        try:
            number = kind(value)
        except (TypeError, ValueError):
            return False
        if kind is int and isinstance(value, float) and value != number:
            return False
        if low is not None and (number <= low if low_open else number < low):
            return False
        return high is None or number <= high

    name = "an integer" if kind is int else "a number"
    bounds = []
    if low is not None:
        bounds.append(f"{'>' if low_open else '≥'} {low:g}")
    if high is not None:
        bounds.append(f"≤ {high:g}")
    return Rule(f"{name} {' and '.join(bounds)}".strip(), check)


def _bool() -> Rule:
    def check(value: Any) -> bool:
        if isinstance(value, bool | int):
            return value in (0, 1)
        return str(value).strip().lower() in ("true", "false", "1", "0", "yes", "no", "")

    return Rule("true or false (1 or 0)", check)


def _text() -> Rule:
    return Rule("text", lambda value: isinstance(value, str))


def _day() -> Rule:
    def check(value: Any) -> bool:
        if value in ("", None):
            return True
        try:
            date.fromisoformat(str(value))
        except ValueError:
            return False
        return True

    return Rule("a day as YYYY-MM-DD, or empty", check)


def _url_or_empty() -> Rule:
    def check(value: Any) -> bool:
        if value in ("", None):
            return True
        parts = urlsplit(str(value))
        return parts.scheme in ("http", "https") and bool(parts.hostname)

    return Rule("an http(s) address, or empty", check)


def _threshold_or_empty() -> Rule:
    inner = _number(float, 0, 1)
    return Rule("a number from 0 to 1, or empty (the model's own)",
                lambda value: value in ("", None) or inner.check(value))  # fmt: skip


def _host_port_or_empty() -> Rule:
    def check(value: Any) -> bool:
        if value in ("", None):
            return True
        text = str(value)
        parts = urlsplit(text if "://" in text else f"http://{text}")
        try:
            return bool(parts.hostname) and parts.port is not None
        except ValueError:
            return False

    return Rule("host:port of a running mini-web, or empty", check)


def _coverage() -> Rule:
    share = _number(float, 0, 1)

    def check(value: Any) -> bool:
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                return False
        return isinstance(value, dict) and all(
            isinstance(k, str) and share.check(v) for k, v in value.items()
        )

    return Rule('a JSON object of field shares, e.g. {"title": 0.98}', check)


def _choice(*options: str) -> Rule:
    return Rule(f"one of {', '.join(options)}", lambda value: str(value).upper() in options)


RULES: dict[str, Rule] = {
    # Prohori's own (crawler/settings.py documents each).
    "PROHORI_ALERTS_FILE": _text(),
    "PROHORI_ALERT_WEBHOOK": _url_or_empty(),
    "PROHORI_BENGALI_SHARE_NO": _number(float, 0, 1),
    "PROHORI_BENGALI_SHARE_YES": _number(float, 0, 1),
    "PROHORI_BROWSER_PATH": _text(),
    "PROHORI_CHALLENGE_WAIT": _number(float, 0, low_open=True),
    "PROHORI_CONDITIONAL_GET": _bool(),
    "PROHORI_CONTACT": _text(),
    "PROHORI_COPY_CONTAINMENT": _number(float, 0, 1, low_open=True),
    "PROHORI_DB": _text(),
    "PROHORI_DB_TIMEOUT": _number(float, 0),
    "PROHORI_HEALTH_FAILURE_SHARE": _number(float, 0, 1),
    "PROHORI_HEALTH_HISTORY_RUNS": _number(int, 1),
    "PROHORI_HEALTH_JUMP": _number(float, 0, 1),
    "PROHORI_HEALTH_STALE_RUNS": _number(int, 1),
    "PROHORI_LANGDETECT_SEED": _number(int, 0),
    "PROHORI_MAX_PAGE_BYTES": _number(int, 1),
    "PROHORI_MAX_RETRY_AFTER": _number(float, 0),
    "PROHORI_MINIWEB": _host_port_or_empty(),
    "PROHORI_MIN_COVERAGE": _coverage(),
    "PROHORI_MIN_TEXT_CHARS": _number(int, 0),
    "PROHORI_MODEL": _text(),
    "PROHORI_OUTLET": _text(),
    "PROHORI_RELEVANCE_THRESHOLD": _threshold_or_empty(),
    "PROHORI_RENDER_TIMEOUT": _number(float, 0, low_open=True),
    "PROHORI_SEEDS_DIR": _text(),
    "PROHORI_SINCE": _day(),
    "PROHORI_THREAD_LINK": _number(float, 0, 1, low_open=True),
    "PROHORI_SKIP_KNOWN": _bool(),
    "PROHORI_UNTIL": _day(),
    "PROHORI_WORKER_TIMEOUT": _number(float, 0, low_open=True),
    # Scrapy's, as Prohori relies on them (politeness, limits, logging).
    "AUTOTHROTTLE_ENABLED": _bool(),
    "AUTOTHROTTLE_MAX_DELAY": _number(float, 0),
    "AUTOTHROTTLE_START_DELAY": _number(float, 0),
    "AUTOTHROTTLE_TARGET_CONCURRENCY": _number(float, 0, low_open=True),
    "CLOSESPIDER_ERRORCOUNT": _number(int, 0),
    "CLOSESPIDER_ITEMCOUNT": _number(int, 0),
    "CLOSESPIDER_PAGECOUNT": _number(int, 0),
    "CLOSESPIDER_TIMEOUT": _number(float, 0),
    "CONCURRENT_REQUESTS": _number(int, 1),
    "CONCURRENT_REQUESTS_PER_DOMAIN": _number(int, 1),
    "COOKIES_ENABLED": _bool(),
    "DOWNLOAD_DELAY": _number(float, 0),
    "DOWNLOAD_MAXSIZE": _number(int, 0),
    "DOWNLOAD_TIMEOUT": _number(float, 0, low_open=True),
    "DOWNLOAD_WARNSIZE": _number(int, 0),
    "LOG_LEVEL": _choice("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"),
    "REDIRECT_MAX_TIMES": _number(int, 0),
    "RETRY_TIMES": _number(int, 0),
    "ROBOTSTXT_OBEY": _bool(),
    "SPIDERMON_MAX_ERRORS": _number(int, 0),
    "SPIDERMON_MIN_ITEMS": _number(int, 0),
    "USER_AGENT": _text(),
}


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return repr(text) if isinstance(value, str) else text


def check_settings(settings: BaseSettings) -> None:
    """Raise :class:`SettingError` for the first bad value or unknown ``PROHORI_*`` name."""
    problems = []
    for name in sorted(settings.attributes):
        if name not in RULES and not name.startswith("PROHORI_"):
            continue  # (reading every setting would also trip Scrapy's deprecation warnings)
        value = settings.get(name)
        if name not in RULES:
            near = difflib.get_close_matches(name, [k for k in RULES if k[:8] == "PROHORI_"])
            hint = f" (did you mean {', '.join(near)}?)" if near else ""
            problems.append(f"unknown setting {name}{hint}; Prohori's settings are listed in "
                            "crawler/settings.py and the README")  # fmt: skip
            continue
        rule = RULES.get(name)
        if rule is not None and not rule.check(value):
            problems.append(f"setting {name}={_shown(value)} is not {rule.accepts}")
    share_no = settings.getfloat("PROHORI_BENGALI_SHARE_NO") if not problems else 0.0
    share_yes = settings.getfloat("PROHORI_BENGALI_SHARE_YES") if not problems else 1.0
    if share_no > share_yes:
        problems.append(
            f"setting PROHORI_BENGALI_SHARE_NO={share_no:g} is above PROHORI_BENGALI_SHARE_YES="
            f"{share_yes:g}; it must not be"
        )
    if problems:
        raise SettingError(problems[0] if len(problems) == 1 else "; ".join(problems))
