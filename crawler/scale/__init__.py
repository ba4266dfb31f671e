"""Scale-out: a crawl in several processes (``prohori crawl --workers N``) or on several
machines (``--redis``, ``prohori worker``, ``prohori ingest``).

Workers run the stateless, CPU-heavy stages — fetch, extract, language, classify — and hand
each finished item to one writer, which runs the stateful ones — dedup (with its index),
clusters, store and the search index — and is the only process that opens the database. Both
sides are ordinary Scrapy crawls, so the run recorder, per-outlet figures, health and
Spidermon work unchanged in the writer:

* ``session``: what a worker starts from (its outlets, stored URLs, HTTP validators, the model)
  and how it hands items on;
* ``worker``: a worker process; ``writer``: the writer's spider, fed by a queue;
* ``local``: the queue of one machine (pipes to worker processes, outlets shared out);
* ``frontier`` and ``stream``: Redis — scrapy-redis's scheduler and duplicate filter, per-domain
  politeness shared by every worker, a stream with a consumer group for finished items.
"""
