"""Per-outlet health rules over the history of runs (``run_outlets``).

An outlet is ``ok`` or carries the list of what is wrong, worded for the person reading the
cron mail: the feed or sitemap is gone (404/410), challenge pages are served instead of
articles, most responses are 403/429/503, nothing was discovered, extraction fails on most
pages (a layout change), the share of non-Bengali pages or of flagged stories jumps against the
outlet's own past, or no new article arrived for several runs. Thresholds are settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from crawler.monitor.figures import Figures

BLOCKING = {"403", "429", "503"}


@dataclass(frozen=True)
class HealthRules:
    stale_runs: int = 3  # runs in a row without a new or updated article
    min_pages: int = 5  # fewer fetched pages than this: shares are not judged
    failure_share: float = 0.5  # extraction failures (no_text / not_article) above this share
    jump: float = 0.3  # a share this much above the outlet's past median is a jump
    flagged_min: int = 20  # new articles needed before judging the flagged share
    history_runs: int = 200  # past runs whose median a share is compared with


DEFAULT_RULES = HealthRules()
# Fetch failures (crawler.fetch.failures) that mean the site was not reached.
UNREACHABLE = ("dns", "timeout", "connection_refused", "truncated", "ConnectionLost")


def _share(run: Figures, reasons: tuple[str, ...]) -> float | None:
    if not run.fetched:
        return None
    return sum(run.dropped.get(r, 0) for r in reasons) / run.fetched


def _past(history: list[Figures], rules: HealthRules) -> list[Figures]:
    """The runs before the last one that a share is compared with: a bounded window, so judging
    an outlet costs the same however many runs there were."""
    return history[-rules.history_runs - 1 : -1]


def _jumped(history: list[Figures], reasons: tuple[str, ...], rules: HealthRules) -> bool:
    last = history[-1]
    now = _share(last, reasons)
    past = [s for run in _past(history, rules) if (s := _share(run, reasons)) is not None]
    if now is None or last.fetched < rules.min_pages or not past:
        return False
    return now > median(past) + rules.jump


def outlet_health(
    history: list[Figures],
    rules: HealthRules = DEFAULT_RULES,
    stored_before: bool | None = None,
) -> list[str]:
    """What is wrong with an outlet, judged from its runs (oldest first); [] when healthy.

    ``stored_before``: whether the outlet ever stored an article, for a caller that passes only
    its recent runs; by default it is read from ``history``.
    """
    if not history:
        return []
    last = history[-1]
    problems: list[str] = []
    reasons = last.error_reasons
    gone = sum(v for k, v in reasons.items() if k in ("source_http_404", "source_http_410"))
    if gone:
        problems.append(f"feed or sitemap gone: {gone} source(s) answered 404/410")
    challenges = (
        reasons.get("challenge", 0)
        + reasons.get("source_challenge", 0)
        + last.dropped.get("challenge", 0)
    )
    if last.browser_blocked:
        problems.append(
            f"blocked by a bot wall, in the browser too: {last.browser_blocked} page(s)"
        )
    elif challenges and not last.browser_passed:
        problems.append(f"anti-bot challenge pages served: {challenges}")
    responses = max(last.responses, 1)
    blocked = sum(v for k, v in last.statuses.items() if k in BLOCKING)
    if blocked * 2 >= responses and blocked:
        problems.append(f"blocked: {blocked} of {responses} responses were 403/429/503")
    network = {
        k.removeprefix("source_"): v
        for k, v in reasons.items()
        if k.startswith("source_") and k.removeprefix("source_") in UNREACHABLE
    }
    if network and not last.discovered and not last.not_modified:
        # Say why nothing was found: the outlet could not be reached at all.
        detail = ", ".join(f"{k} {v}" for k, v in sorted(network.items()))
        problems.append(f"unreachable: its feeds, sitemaps or listings failed ({detail})")
    elif not last.discovered and not last.not_modified:
        problems.append("no articles discovered")
    failed = _share(last, ("no_text", "not_article"))
    if (
        failed is not None
        and last.fetched >= rules.min_pages
        and (failed > rules.failure_share or _jumped(history, ("no_text", "not_article"), rules))
    ):
        problems.append(f"extraction failing: {failed:.0%} of fetched pages gave no article")
    if _jumped(history, ("not_bengali",), rules):
        problems.append(f"non-Bengali pages jumped to {_share(last, ('not_bengali',)):.0%}")
    new = last.articles_new
    past_shares = [
        r.flagged / r.articles_new
        for r in _past(history, rules)
        if r.articles_new >= rules.flagged_min
    ]
    if new >= rules.flagged_min and past_shares:
        share = last.flagged / new
        if abs(share - median(past_shares)) > rules.jump:
            problems.append(
                f"flagged share moved to {share:.0%} (usually {median(past_shares):.0%})"
            )
    recent = history[-rules.stale_runs :]
    if stored_before is None:
        stored_before = any(r.articles_new for r in history)
    if (
        len(recent) >= rules.stale_runs
        and stored_before
        and not any(r.articles_new + r.articles_updated for r in recent)
    ):
        problems.append(f"no new article for {rules.stale_runs} runs")
    return problems
