"""Item pipelines, one module per stage, wired by priority in ``crawler.settings``."""
