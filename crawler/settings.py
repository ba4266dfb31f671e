"""Scrapy settings for Prohori: the one place where every knob lives.

Scrapy's own settings come first, then Prohori's ``PROHORI_*`` settings, each documented here
(``tests/test_settings.py`` checks that every ``PROHORI_*`` name has a comment and appears in the
README). Override any of them on the command line with ``prohori crawl -s NAME=VALUE``.
"""

from __future__ import annotations

BOT_NAME = "prohori"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# --- Politeness -------------------------------------------------------------------------------
# Identify the crawler and give a way to reach its operator (PROHORI_CONTACT is appended).
USER_AGENT = "Prohori/0.1 (+https://github.com/prohori/prohori; research crawler)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # a news page over 10 MB is not a news page
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
LOG_INSTALL_ROOT_HANDLER = True

# --- Components -------------------------------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.fetch.middlewares.RetryAfterMiddleware": 550,
    # Sees a response before the retries do: a bot wall's page goes once through the browser.
    "crawler.fetch.botwall.BotWallMiddleware": 560,
    # Before HttpProxyMiddleware (750): points *.test hosts at the local mini-web when it runs.
    "crawler.fetch.middlewares.MiniWebProxyMiddleware": 740,
}
ADDONS = {
    "crawler.fetch.render.RenderAddon": 100,  # scrapy-playwright for outlets with render: true
}
EXTENSIONS = {
    "crawler.monitor.stats.OutletStats": 500,
    # The run's row and figures (crawl_runs, run_outlets), then health verdicts and alerts.
    "crawler.store.run.RunRecorder": 505,
    "crawler.monitor.extension.HealthAlerts": 506,
    "spidermon.contrib.scrapy.extensions.Spidermon": 510,
}
# Spidermon at spider close (crawler/monitor/suites.py); failures go to the alerts file.
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ("crawler.monitor.suites.CloseMonitorSuite",)
SPIDERMON_MIN_ITEMS = 0  # an incremental crawl of unchanged outlets rightly stores nothing
SPIDERMON_MAX_ERRORS = 0
SPIDERMON_EXPECTED_FINISH_REASONS = ["finished"]
SPIDERMON_ADD_FIELD_COVERAGE = True
SPIDERMON_FIELD_COVERAGE_SKIP_NONE = True
ITEM_PIPELINES = {
    "pipelines.extract.ExtractPipeline": 100,
    "pipelines.language.LanguagePipeline": 200,
    # Classify before dedup: it judges in batches, and in a scaled-out crawl it runs in the
    # workers while dedup and store run in the one writer (crawler/scale/).
    "pipelines.classify.ClassifyPipeline": 250,
    "pipelines.dedup.DedupPipeline": 300,
    "pipelines.store.StorePipeline": 500,
}
FEED_EXPORT_ENCODING = "utf-8"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"

# --- Prohori ----------------------------------------------------------------------------------
# Longest Retry-After (seconds) a crawl waits for; a longer one gives the page up for this run.
PROHORI_MAX_RETRY_AFTER = 120.0
# Chromium used for outlets with render: true (Debian: apt-get install chromium). Empty: the
# browser Playwright would download itself (not possible offline).
PROHORI_BROWSER_PATH = "/usr/bin/chromium"
# Seconds a rendered page may take to load and settle.
PROHORI_RENDER_TIMEOUT = 30.0
# Seconds the browser waits for a site's own challenge script ("Just a moment...") to move on
# to the page, after a bot wall answered plain HTTP (outlets with fetch: auto).
PROHORI_CHALLENGE_WAIT = 15.0
# Health: runs in a row without a new or updated article before an outlet is "stale".
PROHORI_HEALTH_STALE_RUNS = 3
# Health: share of fetched pages without an article above which extraction is "failing".
PROHORI_HEALTH_FAILURE_SHARE = 0.5
# Health: a share (non-Bengali, failures, flagged) this far above the outlet's past median.
PROHORI_HEALTH_JUMP = 0.3
# Health: how many of an outlet's past runs that median is taken over (bounds the cost of judging).
PROHORI_HEALTH_HISTORY_RUNS = 200
# Alerts for unhealthy outlets go to the log and to this JSON-lines file (empty: <db>.alerts.jsonl).
PROHORI_ALERTS_FILE = ""
# A Slack-compatible incoming-webhook URL for alerts (empty: none).
PROHORI_ALERT_WEBHOOK = ""
# Spidermon: least share of stored articles with each field (judged when articles were stored).
PROHORI_MIN_COVERAGE = {"title": 0.98, "text": 1.0, "published": 0.9}
# Operator contact appended to the User-Agent, e.g. "mailto:you@example.org".
PROHORI_CONTACT = ""
# Folder of outlet seed files (one YAML per outlet).
PROHORI_SEEDS_DIR = "seeds"
# Crawl only this outlet (name, key or domain); empty for all.
PROHORI_OUTLET = ""
# SQLite database the store pipeline writes to.
PROHORI_DB = "prohori.db"
# Seconds to wait for a locked SQLite database before giving up with a clear error.
PROHORI_DB_TIMEOUT = 30.0
# host:port of a running mini-web; when set, requests to *.test hosts go through it.
PROHORI_MINIWEB = ""
# Send If-None-Match / If-Modified-Since for feeds, sitemaps and listings seen before.
PROHORI_CONDITIONAL_GET = True
# Backfill: also crawl the outlets' date archives from this day (YYYY-MM-DD) on; empty: none.
PROHORI_SINCE = ""
# Last day of a backfill (YYYY-MM-DD); empty: today.
PROHORI_UNTIL = ""
# Skip article URLs already stored (incremental crawls); feeds and listings are always fetched.
PROHORI_SKIP_KNOWN = True
# A page larger than this is dropped as "too_large" before extraction (the download limit,
# DOWNLOAD_MAXSIZE, stops larger transfers earlier).
PROHORI_MAX_PAGE_BYTES = 8 * 1024 * 1024
# An extracted body shorter than this many characters is dropped as "no_text".
PROHORI_MIN_TEXT_CHARS = 200
# Share of Bengali letters at or above which a text is Bengali without asking langdetect.
PROHORI_BENGALI_SHARE_YES = 0.6
# Share of Bengali letters below which a text is not Bengali without asking langdetect.
PROHORI_BENGALI_SHARE_NO = 0.2
# Seed for langdetect, so that the same text always gets the same language.
PROHORI_LANGDETECT_SEED = 0
# Copies (crawler.dedup.copies): share of the shorter text's word 3-shingles found in the
# longer one at or above which two texts may be copies (the other rules still apply).
PROHORI_COPY_CONTAINMENT = 0.60
# Story threads (crawler.dedup.threads): TF-IDF cosine to a thread member at or above which an
# article may join that member's thread (the centroid test and the other bars still apply).
PROHORI_THREAD_LINK = 0.30
# Score at or above which a story is flagged relevant (0-1); empty: the model's own threshold,
# F2*/5, the expected-F2-optimal cut for its calibrated scores (recall counts twice).
PROHORI_RELEVANCE_THRESHOLD = ""
# A crawl shared through Redis: seconds without a heartbeat after which a worker counts as
# gone (killed, cut off); the crawl ends without it and the next run fetches what it held.
PROHORI_WORKER_TIMEOUT = 30.0
# A model file written by `prohori train`; empty: the newest model recorded in the database,
# else the model trained on the shipped labels (cached under ~/.cache/prohori).
PROHORI_MODEL = ""
