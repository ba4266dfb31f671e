"""How pages are found and fetched: discovery from feeds, sitemaps and listings, the
downloader middlewares, the browser add-on, and why a fetch failed."""
