"""The shared Page model: metadata, text, blocks, targets and limits."""

from __future__ import annotations

import re
import threading

import lxml.etree
import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from masthead.sdk import Page, PageTooComplex, registrable_domain
from masthead.sdk.targets import find_quote
from masthead.server.analysis import page_facts

HTML = """<!doctype html><html lang="de"><head>
<title>Ein Titel | Beispiel</title>
<meta property="og:site_name" content="Beispiel Zeitung">
<meta name="Author" content="Erika Muster">
<link rel="canonical" href="/artikel/1">
<script type="application/ld+json">
<!-- {"@context": "https://schema.org", "@graph": [
  {"@type": ["NewsArticle"], "headline": "H",
   "publisher": {"@type": "Organization", "name": "Beispiel Verlag"}},
  [{"@type": "Person", "name": "Erika"}]
]} -->
</script>
<script type="application/ld+json">{not json</script>
</head><body>
<div id="main"><p>Erster Absatz mit <a href="/x">einem Link</a> darin.</p>
<p>Zweiter   Absatz,
 mit Umbruch.</p><div>Direkter Text <p>verschachtelt</p> danach</div></div>
<div id="dup"></div><div id="dup"><p>Gleich</p><p>Gleich</p></div>
<script>var secret = "not page text";</script>
</body></html>"""


@pytest.fixture
def page() -> Page:
    return Page(HTML, "https://www.beispiel.de/seite?x=1")


def test_metadata(page):
    md = page.meta
    assert md.title == "Ein Titel | Beispiel" and page.title == md.title
    assert md.lang == "de"
    assert md.first("og:site_name") == "Beispiel Zeitung"
    assert md.first("author") == "Erika Muster"
    assert md.canonical == "https://www.beispiel.de/artikel/1"
    assert [o["headline"] for o in md.jsonld_of_type("NewsArticle")] == ["H"]
    assert md.jsonld_of_type("Person")[0]["name"] == "Erika"
    assert page_facts(page)["publisher"] == "Beispiel Verlag"


def test_domains(page):
    assert page.hostname == "www.beispiel.de" and page.domain == "beispiel.de"
    assert registrable_domain("news.bbc.co.uk") == "bbc.co.uk"
    assert registrable_domain("https://someone.github.io/post") == "someone.github.io"
    assert registrable_domain("127.0.0.1") == "127.0.0.1"


def test_text_excludes_scripts_and_blocks_partition_it(page):
    assert "secret" not in page.text
    texts = [b.text for b in page.blocks]
    assert "Erster Absatz mit einem Link darin." in texts
    assert "Zweiter Absatz, mit Umbruch." in texts
    assert "Direkter Text danach" in texts and "verschachtelt" in texts
    first = next(b for b in page.blocks if b.text.startswith("Erster"))
    assert first.link_chars == len("einem Link")
    assert page.links[0].href == "https://www.beispiel.de/x"
    assert page.links[0].domain == "beispiel.de"


def test_target_selectors(page):
    p = page.body.find(".//p")
    target = page.target(p)
    css = target.selector("CssSelector")["value"]
    assert css == "#main > p:nth-of-type(1)"
    quote = target.selector("TextQuoteSelector")
    position = target.selector("TextPositionSelector")
    assert quote["exact"] == "Erster Absatz mit einem Link darin."
    assert page.text[position["start"] : position["end"]] == quote["exact"]
    assert page.text.endswith(quote["suffix"]) or quote["suffix"] in page.text
    narrowed = page.target(p, quote="einem Link")
    assert narrowed.exact == "einem Link"
    assert narrowed.selector("TextQuoteSelector")["prefix"].endswith("Erster Absatz mit ")
    second = page.body.findall(".//p")[1]
    assert page.target(second, quote="Absatz, mit Umbruch").exact == "Absatz,\n mit Umbruch"
    with pytest.raises(ValueError):
        page.target(p, quote="not in this paragraph")


def test_duplicate_ids_are_not_used_as_anchors(page):
    same = page.body.xpath("//div[@id='dup']/p")[1]
    assert page.target(same).selector("CssSelector")["value"] == (
        "html > body > div:nth-of-type(3) > p:nth-of-type(2)"
    )


def test_masthead_id_comes_first():
    page = Page('<html><body><p data-masthead-id="17">Hi</p></body></html>', "https://a.com/")
    target = page.target(page.body.find("p"))
    assert target.selectors[0] == {"type": "MastheadIdSelector", "value": "17"}


def test_soup_tags_map_back_to_the_tree(page):
    tag = page.soup.find_all("p")[1]
    assert page.target(tag).exact == page.target(page.body.findall(".//p")[1]).exact


def test_views_are_computed_once_across_threads(page):
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(id(page.blocks))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(seen)) == 1


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<<<>>>",
        "\x00\x01",
        "<p>unclosed <b>tags",
        '<?xml version="1.0" encoding="utf-8"?><html><p>x</p></html>',
        "<table><tr><td>cell</table></div></div>",
    ],
)
def test_broken_html_still_parses(html):
    page = Page(html, "https://a.com/")
    assert page.body is not None
    _ = page.blocks, page.meta, page.text, page.article


def test_every_element_is_a_plain_html_element():
    """As documented: form controls too (not lxml's FormElement, InputElement...), and comments
    stay comments."""
    html = "<form><input name=q><select><option>a</select><textarea></textarea></form><!-- c -->"
    page = Page(html, "https://a.com/")
    assert {type(el) for el in page.root.iter() if isinstance(el.tag, str)} == {
        lxml.html.HtmlElement
    }
    assert [type(el) for el in page.root.iter(lxml.etree.Comment)] == [lxml.html.HtmlComment]
    assert page.body.find(".//input").get("name") == "q"


def test_limits():
    with pytest.raises(PageTooComplex):
        Page("<div>" * 300, "https://a.com/")
    with pytest.raises(PageTooComplex):
        Page("<p>x</p>" * 50, "https://a.com/", max_elements=20)


@pytest.mark.parametrize("leaf", ["<b>x</b>", "<!-- a comment is a level too -->"])
def test_depth_limit_is_exact(leaf):
    """html > body > 7 divs > leaf is 9 levels below the root: allowed at 10, refused at 9."""
    html = "<html><body>" + "<div>" * 7 + leaf + "</div>" * 7 + "</body></html>"
    page = Page(html, "https://a.com/", max_depth=10)
    assert page.depth == 9
    assert page.element_count == len(list(page.root.iter())) == 10
    with pytest.raises(PageTooComplex):
        Page(html, "https://a.com/", max_depth=9)


def test_find_quote_tolerates_whitespace():
    assert find_quote("a  b\nc", "a b c") == (0, 6)
    assert find_quote("abc", "") is None


_SPACED_TEXT = st.text(alphabet=["a", "b", " ", "\n", "\xa0", "\u2003", "."], max_size=16)


@settings(max_examples=400, deadline=None)
@given(_SPACED_TEXT, _SPACED_TEXT.filter(str.strip))
def test_find_quote_finds_what_the_whitespace_regex_finds(text: str, quote: str) -> None:
    """Without compiling a pattern per quote, the same place as the regex it replaced."""
    if quote in text:
        return  # found as is, before any tolerance
    regex = re.search(r"\s+".join(map(re.escape, quote.split())), text)
    assert find_quote(text, quote) == (regex.span() if regex else None)


TRICKY_HREFS = [
    "https://Sub.Example.co.uk/a/../b?x=1#top",
    "http://example.com/a",  # another scheme than the page's
    "https://example.com",
    "https://example.com/x?",  # urljoin drops an empty query ...
    "https://example.com/x#",  # ... and an empty fragment
    "https://example.com/x?#f",
    "https://example.com/x;p",  # params
    "https://example.com/x;",
    "https://user:pw@Host.Example.org.:8080/p",
    "https://[::1]:8/x",
    "https://[broken/x",
    "https:///no-host",
    "https://exa\tmple.com/tab",
    "https://example.com/a b/c d?q=e f",
    "/rooted with space",
    "https://bücher.example/ü",
    "HTTPS://EXAMPLE.COM/Upper",
    "//cdn.example.net/lib",
    "../up/one",
    "?page=2",
    "/rooted/path?q=1#f",
    "/rooted/./dot/../segments",
    "/rooted?",
    "/rooted;p",
]
TRICKY_BASES = [
    "https://www.example.com/news/story.html",
    "http://u:pw@Host.Example.com:8080/a;b?c",
    "file:///tmp/saved.html",
    "https://[broken/page",
]


@pytest.mark.parametrize("base", TRICKY_BASES)
@pytest.mark.parametrize("href", TRICKY_HREFS)
def test_links_resolve_exactly_like_urljoin(href: str, base: str) -> None:
    """Plain links skip urljoin for speed; every href must still come out as urljoin has it
    (after the browser's clean-up of white space inside the href)."""
    from html import escape
    from urllib.parse import urljoin

    from masthead.sdk import hostname
    from masthead.sdk.domains import clean_href

    page = Page(f'<body><a href="{escape(href)}">x</a></body>', base)
    try:
        expected = urljoin(base, clean_href(href))
    except ValueError:
        expected = ""
    if not expected:
        assert page.links == []
        return
    (link,) = page.links
    assert link.href == expected
    assert link.domain == registrable_domain(hostname(expected))


def test_normalize_space_matches_the_regex_definition():
    import re

    from masthead.sdk import normalize_space

    text = "\u00a0 a\u2003\u2003b\x1c\x1dc\u200bd\r\n\te\u3000 "  # \u200b is not white space
    assert normalize_space(text) == re.sub(r"\s+", " ", text).strip() == "a b c\u200bd e"


def test_blocks_own_their_text_and_count_link_characters():
    html = (
        "<body>lead <div>one <a href='/a'>link<!-- c -->ed<br>text</a> tail"
        "<p>inner <a href='/b'><span>x</span></a></p>after inner<script>no</script></div>"
        "<!-- c -->end</body>"
    )
    page = Page(html, "https://a.com/")
    assert [(b.tag, b.text, b.link_chars) for b in page.blocks] == [
        ("body", "lead end", 0),
        ("div", "one linked text tailafter inner", 10),
        ("p", "inner x", 1),
    ]


def test_every_css_selector_parses_and_selects_its_element():
    """Tags CSS cannot name (Office's `o:p`, inline `svg:path`), comments between siblings and
    ids CSS cannot spell still give a selector a standard parser accepts, selecting the element."""
    from lxml.cssselect import CSSSelector

    html = (
        "<html><body><div><!-- c --><p>One<o:p>x</o:p><o:p>y</o:p></p><!-- c -->"
        "<svg><svg:path d='M0'></svg:path><path d='M1'></path></svg>"
        "<p id='2bad id'>Two</p><p id='dup'>3</p><p id='dup'>4</p><span id='ok'>5</span>"
        "</div></body></html>"
    )
    page = Page(html, "https://example.org/")
    checked = 0
    for el in page.body.iter():
        if not isinstance(el.tag, str):
            continue
        (css,) = [s["value"] for s in page.target(el).selectors if s["type"] == "CssSelector"]
        assert CSSSelector(css)(page.root) == [el], (el.tag, css)
        checked += 1
    assert checked == 12


def test_an_href_with_white_space_resolves_as_a_browser_reads_it():
    page = Page("<p>x</p>", "https://example.org/news/")
    assert page.resolve(" https://example.com/a b\n/c ") == "https://example.com/a%20b/c"
    assert page.resolve("other story.html") == "https://example.org/news/other%20story.html"


def test_page_attributes_are_read_only_and_the_fingerprint_sees_text_and_attributes():
    page = Page("<html><body><p class='a'>One</p></body></html>", "https://a.example/")
    for name, value in (("url", "https://b.example/"), ("html", ""), ("meta", None)):
        with pytest.raises(AttributeError, match=f"Page.{name} is read-only"):
            setattr(page, name, value)
    with pytest.raises(AttributeError):
        del page.root
    before = page.fingerprint()
    assert page.fingerprint() == before  # stable
    paragraph = page.body.find("p")
    paragraph.set("class", "b")
    assert page.fingerprint() != before
    paragraph.set("class", "a")
    assert page.fingerprint() == before
    paragraph.text = "Two"
    assert page.fingerprint() != before
