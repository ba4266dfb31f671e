"""Scrapy spiders: one generic spider, ``outlets``, driven by the seed files."""
