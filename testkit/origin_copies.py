"""Copies of real corpus articles inside other sites' templates, and the look-alikes that are not.

Origins are real fundus pages, indexed from their own HTML with the project's extractor. Copies
are built from the labelled paragraphs of those pages, placed in templates we wrote: a different
site's navigation, footer, calls to action and related links around them.
"""

from __future__ import annotations

import gzip
import html as html_lib
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from masthead.server.analysis import run_analysis
from masthead.server.host import PluginHost
from masthead.server.origins import OriginIndex
from masthead.server.origins.pages import index_page, parse_time
from support import CORPUS

FUNDUS = CORPUS / "fundus"


@dataclass(frozen=True)
class CorpusArticle:
    file: str
    publisher: str
    url: str
    title: str
    published: str
    paragraphs: tuple[str, ...]

    @property
    def html(self) -> str:
        return gzip.decompress((FUNDUS / self.file).read_bytes()).decode("utf-8")

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


@cache
def corpus() -> dict[str, CorpusArticle]:
    labels = json.loads((FUNDUS / "labels.json").read_text(encoding="utf-8"))
    return {
        r["file"].removeprefix("html/").removesuffix(".html.gz"): CorpusArticle(
            r["file"],
            r["publisher"],
            r["url"],
            r["title"],
            r["publishing_date"].replace(" ", "T"),
            tuple(r["paragraphs"]),
        )
        for r in labels
    }


def article(key: str) -> CorpusArticle:
    return corpus()[key]


#: Site furniture a copying site wraps around the text; some of it inside the article body.
BOILERPLATE = (
    "Follow us on Telegram for the latest news and updates from our newsroom.",
    "Subscribe to our newsletter to get the top stories in your inbox every morning.",
    "Support our independent journalism: donate today and help us keep reporting.",
)


def template(
    site: str, title: str, paragraphs: list[str] | tuple[str, ...], published: str = ""
) -> str:
    """A page of a site we made up: header, menu, the article, boilerplate, related, footer."""
    body = "\n".join(f"<p>{html_lib.escape(p)}</p>" for p in paragraphs)
    furniture = "\n".join(f"<p class='cta'>{html_lib.escape(b)}</p>" for b in BOILERPLATE)
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html_lib.escape(title)} | {site}</title>
<meta property="og:site_name" content="{site}">{meta}</head>
<body>
<header><a href="/">{site}</a>
<nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/opinion">Opinion</a></li><li><a href="/about">About us</a></li></ul></nav></header>
<main><article>
<h1>{html_lib.escape(title)}</h1>
<div class="meta">Posted by the editors</div>
<div class="entry-content">
{body}
{furniture}
</div>
</article>
<aside><h3>Related stories</h3><ul>
<li><a href="/a">Markets wobble as investors weigh the latest figures</a></li>
<li><a href="/b">Five things to know before the weekend</a></li></ul></aside>
</main>
<footer><p>© {site}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


def excerpt(paragraphs: tuple[str, ...], share: float = 0.4) -> list[str]:
    """The first paragraphs, up to `share` of the words: how sites quote "read the rest there"."""
    total = sum(len(p.split()) for p in paragraphs)
    out: list[str] = []
    for paragraph in paragraphs:
        if sum(len(p.split()) for p in out) >= share * total:
            break
        out.append(paragraph)
    return out


#: A paragraph a copying site adds of its own.
ADDED = (
    "Our readers have been asking what this means for them, and we will keep following the "
    "story as it develops over the coming days and weeks."
)


def edited(paragraphs: tuple[str, ...]) -> list[str]:
    """One paragraph dropped, one added, and a word changed in every third paragraph."""
    out = list(paragraphs)
    del out[len(out) // 2]
    out.insert(1, ADDED)
    for position in range(0, len(out), 3):
        words = out[position].split()
        if len(words) > 8:
            words[len(words) // 2] = "reportedly"
            out[position] = " ".join(words)
    return out


def reordered(paragraphs: tuple[str, ...]) -> list[str]:
    """The same paragraphs, the second half first."""
    half = len(paragraphs) // 2
    return [*paragraphs[half:], *paragraphs[:half]]


#: The copies a copying site makes of an article: (headline, paragraphs) from the original.
COPIES = {
    "full": lambda a: (a.title, list(a.paragraphs)),
    "excerpt": lambda a: ("Read this", excerpt(a.paragraphs, 0.4)),
    "edited": lambda a: ("A headline of our own", edited(a.paragraphs)),
    "reordered": lambda a: (a.title, reordered(a.paragraphs)),
}


def quoting(own: tuple[str, ...], quoted: tuple[str, ...], paragraphs: int = 2) -> list[str]:
    """An article of its own that quotes a paragraph or two of another, in the middle."""
    middle = len(own) // 2
    return [*own[:middle], *(f"“{p}”" for p in quoted[1 : 1 + paragraphs]), *own[middle:]]


#: Two outlets' independent reports of one event (written for these tests): the same names,
#: numbers and quote, different running text.
REPORT_A = (
    "Flooding forced about 3,000 residents of Marlow Vale from their homes on Sunday after the "
    "river Esk burst its banks following three days of heavy rain across the region.",
    "Emergency crews used boats to reach people trapped on upper floors in the town centre, "
    "according to the county fire service, which said its teams had carried out 140 rescues.",
    'Mayor Helen Okafor said the town had never seen water rise so quickly. "We are asking '
    'everyone to stay away from the river and to follow the advice of the emergency services," '
    "she told reporters outside the town hall.",
    "The Environment Agency issued six severe flood warnings for the Esk valley and said more "
    "rain was expected on Monday night. Schools in the area will remain closed until Wednesday.",
    "Insurers estimated early on that the damage could run into tens of millions of pounds, "
    "while shop owners on the high street began clearing mud from their premises.",
)
REPORT_B = (
    "Around 3,000 people in Marlow Vale spent Sunday night in emergency shelters as the Esk "
    "overflowed after a weekend of relentless downpours.",
    "Firefighters said they had made 140 rescues, many of them by boat, as water poured into "
    "streets near the market square and cut off the main road to the north.",
    '"We are asking everyone to stay away from the river and to follow the advice of the '
    'emergency services," Mayor Helen Okafor said, adding that volunteers had opened the '
    "community centre to families who had nowhere else to go.",
    "Forecasters warned that another band of rain would arrive late on Monday, and the "
    "Environment Agency kept six severe warnings in place along the valley.",
    "Local schools stay shut until midweek. Traders who lost stock said they were still waiting "
    "to hear from their insurers about when assessors would visit.",
)


#: Real pages the index holds in the matching tests: news and wire copy from four countries.
ORIGINS = (
    "au__NineNews_2026_07_04",
    "ca__CBCNews_2024_08_08",
    "ca__GlobalNews_2026_05_24",
    "uk__BBC_2024_08_01",
    "uk__DailyStar_2024_04_23",
    "uk__Metro_2024_07_17",
    "us__APNews_2024_09_03",
    "uk__TheMirror_2024_04_28",
)


class Origins:
    def __init__(self, index: OriginIndex, host: PluginHost) -> None:
        self.index, self.host = index, host

    def add(self, key: str, url: str = "") -> None:
        page = article(key)
        index_page(
            self.index, self.host, page.html, url or page.url, "", parse_time(page.published)
        )

    def notices(self, html: str, url: str) -> list[dict[str, Any]]:
        document = run_analysis(self.host, url, html)
        return [a for a in document["annotations"] if a["kind"] in ("text-origin", "republication")]

    def text_origin(self, html: str, url: str) -> dict[str, Any] | None:
        found = [a for a in self.notices(html, url) if a["kind"] == "text-origin"]
        assert len(found) <= 1
        return found[0] if found else None
