"""Stories, page variants and the page being built."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Story:
    name: str
    source: str
    title: str
    paragraphs: list[str]
    published: datetime
    modified: datetime | None = None
    authors: list[str] = field(default_factory=list)
    section: str = "national"
    desk: str | None = None
    origin_url: str | None = None
    precise: bool = False  # the source gives seconds


@dataclass
class Variant:
    read_more: int = 0
    caption: bool = False
    nested: bool = False
    precomposed: bool = False
    dari: str = ""  # "", "I", "|" or "৷": how the page writes the dari
    flag: str = ""  # style-specific switch


@dataclass
class Page:
    style: str
    story: Story
    variant: Variant
    side: list[str]
    read_more: list[str]
    url: str = ""
    published: datetime | None = None
    modified: datetime | None = None
    printed: list[str] = field(default_factory=list)
    marked: list[int] = field(default_factory=list)
    without: list[str] = field(default_factory=list)
