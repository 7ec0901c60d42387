"""Plain news prose and the small page builders the extractor's tests write their pages with.

Written for the tests (not taken from any corpus), so a rule fitted to them fits nothing real.
"""

from __future__ import annotations

from masthead.extract import find_article
from masthead.sdk import Page, build_article

URL = "https://news.example.org/2024/harbour"
PROSE = [
    "The harbour authority said on Tuesday that the new breakwater, which took four years to "
    "build, would protect the fishing fleet from winter storms for at least half a century.",
    "Engineers poured more than 40,000 tonnes of concrete into the sea wall, and divers spent "
    "months checking each block, according to the project's final report.",
    "Local fishers, who had campaigned for the wall since the storms of 2009, welcomed the news "
    "but warned that dredging the channel would be just as important.",
    "The council will vote next month on whether to fund the dredging, which is expected to "
    "cost about twice as much as the wall itself, officials said.",
]


def paragraphs(texts: list[str], between: str = "") -> str:
    """Each text as a `<p>`, with `between` (markup) before each one."""
    return "".join(f"{between}<p>{t}</p>" for t in texts)


def article_text(html: str, url: str = URL) -> str:
    """The text the built-in extractor takes as the article of `html`."""
    page = Page(html, url)
    return build_article(page, *find_article(page)).text
