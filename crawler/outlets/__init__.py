"""Outlets as data: ``seeds/*.yaml`` loaded and validated into frozen dataclasses.

``spec`` holds what a seed describes (outlet, sources, evidence); ``parse`` validates files and
refuses a bad one with :class:`SeedError`, whose message names the file, the field and the fix,
in the spirit of Fundus' ``Publisher`` specs.
"""

from crawler.outlets.parse import SeedError, check_outlets, load_outlet, load_outlets, parse_outlet
from crawler.outlets.spec import Evidence, Outlet, Source

__all__ = [
    "Evidence",
    "Outlet",
    "SeedError",
    "Source",
    "check_outlets",
    "load_outlet",
    "load_outlets",
    "parse_outlet",
]
