"""The Redis keys and scripts one shared crawl uses (``--redis redis://HOST:PORT/DB``).

One crawl at a time per Redis database: the keys have a fixed prefix, and the crawl's token
(in ``state``) tells a worker of this crawl from one left over from an earlier one. Scripts run
inside Redis, so what they check and change is one atomic step, and they take the time from the
Redis server, so the workers' clocks need not agree.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

PREFIX = "prohori"
SESSION = f"{PREFIX}:session"  # the pickled Session (without the stored URLs)
STATE = f"{PREFIX}:state"  # hash: token, status (running, finished), seeded, done
KNOWN = f"{PREFIX}:known"  # hash: stored canonical URL -> fetched at ("" for drops)
QUEUE = f"{PREFIX}:requests"  # scrapy-redis priority queue (sorted set)
DUPES = f"{PREFIX}:dupefilter"  # scrapy-redis duplicate filter (set of fingerprints)
ITEMS = f"{PREFIX}:items"  # stream of finished items, drops and worker reports
GROUP = "writer"  # the stream's consumer group; its one consumer is the writer
WORKER_STATES = f"{PREFIX}:workers"  # hash: worker -> busy, idle or done
WORKER_SEEN = f"{PREFIX}:seen"  # hash: worker -> last heartbeat (Redis time, ms)
POLITE = f"{PREFIX}:polite:"  # + host: when the next request to that host may start (ms)

_NOW = "local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000)\n"

# Pop the best request and mark the worker busy in one step, so that no moment exists where
# the queue is empty and the worker holding the request looks idle.
POP = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0)
if #r == 0 then return false end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
redis.call('HSET', KEYS[2], ARGV[1], 'busy')
return r[1]
"""
# The one worker that yields the crawl's start requests, marked busy until its engine is idle.
SEED = """
if redis.call('HEXISTS', KEYS[1], 'seeded') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'seeded', ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], 'busy')
return 1
"""
HEARTBEAT = _NOW + "redis.call('HSET', KEYS[1], ARGV[1], now) return now"
# The crawl is done when it was seeded, the queue is empty and no live worker is busy (a
# worker silent for ARGV[1] ms is taken for dead: what it held is found by the next run).
DONE = (
    _NOW
    + """
if redis.call('HGET', KEYS[1], 'done') then return 1 end
if redis.call('HEXISTS', KEYS[1], 'seeded') == 0 then return 0 end
if redis.call('ZCARD', KEYS[2]) > 0 then return 0 end
local states = redis.call('HGETALL', KEYS[3])
for i = 1, #states, 2 do
  local seen = tonumber(redis.call('HGET', KEYS[4], states[i]) or '0')
  if states[i + 1] == 'busy' and seen > now - tonumber(ARGV[1]) then return 0 end
end
redis.call('HSET', KEYS[1], 'done', '1')
return 1
"""
)
# Per-host politeness shared by every worker: each request to a host starts at least ARGV[1]
# ms after the previous one, whichever worker sends them; returns how long to wait (ms).
POLITE_SLOT = (
    _NOW
    + """
local start = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local until_ = start + tonumber(ARGV[1])
redis.call('SET', KEYS[1], until_, 'PX', until_ - now + 60000)
return start - now
"""
)


def redis_client(url: str) -> Any:
    """A client for ``url`` (redis://HOST:PORT/DB); connects on first use."""
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=30)


def describe(url: str) -> str:
    """The URL without a password, for messages."""
    parts = urlsplit(url)
    return f"redis://{parts.hostname}:{parts.port or 6379}{parts.path or '/0'}"
