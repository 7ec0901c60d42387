"""Small pages written for these tests, and helpers to run the attribution plugin on them."""

from __future__ import annotations

import html as html_lib

from masthead.sdk.testing import Result, analyze

PROVENANCE = ("credit-line", "wire-dateline", "metadata-origin")
FILLER = (
    "The council met on Tuesday evening to discuss the budget for the coming year, and "
    "members debated the proposals for more than three hours before adjourning."
)


def page(
    body: str,
    *,
    head: str = "",
    site_name: str = "Example Gazette",
    title: str = "A story | Example Gazette",
    lang: str = "en",
) -> str:
    """An article page: site name in Open Graph, two filler paragraphs, then `body`."""
    meta = (
        f'<meta property="og:site_name" content="{html_lib.escape(site_name)}">'
        if site_name
        else ""
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><title>{html_lib.escape(title)}</title>'
        f"{meta}{head}</head><body><header><nav><a href='/'>Home</a></nav></header>"
        f"<main><article><h1>A story</h1><div class='content'><p>{FILLER}</p><p>{FILLER}</p>"
        f"{body}</div></article></main><footer><p>Contact us</p></footer></body></html>"
    )


def run(html: str, url: str = "https://www.gazette.example.com/news/story") -> Result:
    result = analyze(html, url, plugins=["attribution"])
    assert result.errors == {}, result.errors
    return result


def provenance(result: Result) -> list:
    return result.of_kind(*PROVENANCE)


def credit(text: str, url: str = "https://www.gazette.example.com/news/story", **kw) -> list:
    """Credit-line findings for a paragraph holding `text`."""
    return run(page(f"<p>{text}</p>", **kw), url).of_kind("credit-line")
