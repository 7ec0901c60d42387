"""Word count and reading time of the article, as a badge beside it.

The article is `page.article`, the region the host's article provider chose (the built-in promo
plugin when it is enabled), so promos, share bars and comments are not counted.

Chinese and Japanese are written without spaces between words: each of their characters counts
as a word, as word processors count them, and is read at `characters_per_minute`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any

from masthead.sdk import Annotation, Page, Settings, hookimpl

NAME = "reading-time"

# Han ideographs, kana and their compatibility/extension blocks: one character, one word.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
CJK_CHAR = re.compile(f"[{_CJK}]")
# A run of letters or digits; an apostrophe, hyphen or a separator between digits joins two runs
# into one word ("don't", "well-known", "3,000", "U.S").
WORD = re.compile(rf"[^\W_{_CJK}]+(?:['’.,\-][^\W_{_CJK}]+)*")


@dataclass(frozen=True)
class Speeds:
    """Reading speeds and the shortest text worth a badge; `[plugins.reading-time]` sets them."""

    words_per_minute: float = 238  # silent reading of non-fiction in English (Brysbaert, 2019)
    characters_per_minute: float = 300
    min_words: int = 50


@dataclass(frozen=True)
class Count:
    words: int
    cjk_characters: int

    @property
    def total(self) -> int:
        return self.words + self.cjk_characters

    def minutes(self, speeds: Speeds) -> int:
        exact = (
            self.words / speeds.words_per_minute
            + self.cjk_characters / speeds.characters_per_minute
        )
        return max(1, math.ceil(exact - 1e-9))


def count_words(text: str) -> Count:
    return Count(len(WORD.findall(text)), len(CJK_CHAR.findall(text)))


def read_speeds(section: Mapping[str, Any]) -> Speeds:
    """Speeds from the operator's section; a bad value stops the plugin at startup, not later."""
    unknown = set(section) - {f.name for f in fields(Speeds)}
    if unknown:
        raise ValueError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    values = {}
    for key, value in section.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise ValueError(f"{key} must be a positive number, not {value!r}")
        values[key] = value
    return Speeds(**values)


class ReadingTime:
    """The plugin. The entry point names this class, so each host makes its own instance and
    keeps its own operator's speeds: nothing is kept at module level."""

    def __init__(self) -> None:
        self.speeds = Speeds()

    @hookimpl
    def masthead_startup(self, settings: Settings) -> None:
        self.speeds = read_speeds(settings.plugin(NAME))

    @hookimpl
    def masthead_detect(self, page: Page) -> Iterator[Annotation]:
        article = page.article
        count = count_words(article.text)
        if count.total < self.speeds.min_words:
            return
        minutes = count.minutes(self.speeds)
        unit = "minute" if minutes == 1 else "minutes"
        yield Annotation(
            kind="reading-time",
            title=f"{minutes} min read",
            text=f"{count.total:,} words, about {minutes} {unit} to read.",
            display="badge",
            target=page.target(article.elements[0]) if article.elements else None,
            data={"words": count.total, "minutes": minutes},
        )
