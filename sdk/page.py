"""The Page: parsed once by the host, shared read-only by every plugin.

Each view (metadata, text index, blocks, BeautifulSoup, article) is computed lazily, the first
time any plugin asks, and cached on the page. Plugins must not modify the tree: the host checks
and reports a plugin that does.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from . import domains
from ._lazy import lazy, memoize
from .annotations import Target
from .article import Article, default_article
from .language import DEFAULT_LANGUAGE, LANGUAGES
from .metadata import Metadata, read_metadata
from .parse_limits import MAX_ATTRIBUTES, cut_long_values, scan_long_tags
from .targets import make_target
from .text import Block, TextIndex, normalize_space, read_text

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

T = TypeVar("T")
ArticleProvider = Callable[["Page"], Article]
"""Computes a page's article view; the host gives each page one (`Page.use_article_provider`)."""

# libxml2 stops nesting at 255 levels and silently drops what lies deeper: a page that reaches
# this depth has been truncated by the parser, so the host refuses it rather than mislead.
PARSER_MAX_DEPTH = 255


class PageTooComplex(ValueError):
    """The page's tree is deeper or larger than the configured limits."""

    def __init__(self, message: str, field: str = "html") -> None:
        super().__init__(message)
        self.field = field


_NO_REL: frozenset[str] = frozenset()
_NO_LINK = ("", "")
# hrefs that lead nowhere else: `page.links` leaves them out
_NOT_LINKS = ("#", "javascript:", "mailto:", "tel:")


@dataclass(frozen=True, init=False)
class PageLink:
    """An `<a href>` on the page, resolved against the page URL."""

    element: HtmlElement
    href: str
    text: str
    domain: str
    rel: frozenset[str]

    def __init__(
        self, element: HtmlElement, href: str, text: str, domain: str, rel: frozenset[str]
    ) -> None:
        # Straight into the instance dict, as Block does: a page has hundreds of links.
        fields = self.__dict__
        fields["element"] = element
        fields["href"] = href
        fields["text"] = text
        fields["domain"] = domain
        fields["rel"] = rel


class Page:
    """A web page as the extension sent it: URL, title and DOM, parsed once.

    Its attributes are read-only once it is built: every plugin reads the same page, so one
    that set `page.url` (or replaced a view) would change what every later plugin sees.
    """

    _sealed = False

    def __init__(
        self,
        html: str,
        url: str,
        title: str | None = None,
        *,
        max_depth: int = 200,
        max_elements: int = 300_000,
        article_provider: ArticleProvider | None = None,
        reader_language: str = DEFAULT_LANGUAGE,
    ) -> None:
        if reader_language not in LANGUAGES:
            raise ValueError(
                f"reader_language must be one of {', '.join(LANGUAGES)}, not {reader_language!r}"
            )
        self._reader_language = reader_language
        self.url = url
        self.html = html
        self._title = title
        self._limits = (max_depth, max_elements)
        self._view_lock = threading.RLock()
        self._article_provider = article_provider
        too_wide, too_long = scan_long_tags(html)  # before the parse, which took minutes
        if too_wide:
            raise PageTooComplex(f"an element has more than {MAX_ATTRIBUTES:,} attributes")
        self.root: HtmlElement = _parse(html)
        # Found once: `body` is read a dozen times a page, and `find` is a Python-level path
        # search. The tree does not change after this (the host checks).
        body = self.root.find("body")
        self._body: HtmlElement = body if body is not None else self.root
        # What the parse limits cut from the tree (an attribute value), for `page.cut` in the
        # response: plugins read the cut tree.
        self.parse_cut: tuple[str, ...] = tuple(cut_long_values(self.root) if too_long else ())
        if _reaches_depth(self.root, min(max_depth, PARSER_MAX_DEPTH)):
            raise PageTooComplex(f"the page nests elements deeper than {max_depth} levels")
        self.element_count = count_nodes(self.root)
        if self.element_count > max_elements:
            raise PageTooComplex(f"the page has more than {max_elements} elements")
        self._sealed = True

    def __setattr__(self, name: str, value: Any) -> None:
        if self._sealed and not name.startswith("_"):
            raise AttributeError(
                f"Page.{name} is read-only: every plugin reads the same page, so a change "
                "would reach the plugins after this one"
            )
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        if self._sealed and not name.startswith("_"):
            raise AttributeError(f"Page.{name} is read-only")
        super().__delattr__(name)

    def fingerprint(self) -> bytes:
        """A digest of everything plugins read from the page: URL, title and the whole tree
        (tags, attributes, text, comments). The host compares it before and after each call
        to notice a plugin that changed the page, even one that kept its shape."""
        digest = hashlib.blake2b(digest_size=16)
        digest.update(f"{self.url}\0{self._title}\0".encode("utf-8", "surrogatepass"))
        digest.update(etree.tostring(self.root, encoding="utf-8"))
        return digest.digest()

    def _after_fork(self) -> None:
        """In a process forked to run one plugin call: locks that other threads held at the
        fork are copied held, and nobody in the child would release them."""
        self._view_lock = threading.RLock()
        locks = self.__dict__.get("_view_locks")
        if locks is not None:
            self.__dict__["_view_locks"] = {name: threading.RLock() for name in locks}

    @lazy
    def depth(self) -> int:
        """How deep the tree nests: the root is 0, its children 1 (comments count)."""
        return _depth(self.root)

    def __repr__(self) -> str:
        return f"<Page {self.url!r} ({self.element_count} elements)>"

    @property
    def reader_language(self) -> str:
        """The language the reader wants notices in (one of `masthead.sdk.language.LANGUAGES`),
        from the request's `Accept-Language`. Not the page's own language: that is `meta.lang`."""
        return self._reader_language

    def use_article_provider(self, provider: ArticleProvider | None) -> None:
        """Who computes `page.article`; None means `default_article`.

        The host sets it before any plugin reads the page, so that the `masthead_article`
        implementations run under its guard. Once the view is computed it stays as it is.
        """
        self._article_provider = provider

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A plugin's own per-page value: `compute()` runs once per key, the first time anyone
        asks, and the value lives as long as the page.

        This is where a plugin keeps what it works out about a page and reads again in a later
        hook, instead of a module-level cache. Key it with something the plugin owns (its
        instance, a module-level object), so that no two plugins or hosts share an entry.
        """
        return memoize(self, key, compute)

    def copy(self) -> Page:
        """A fresh parse of the same HTML, URL and title, with the same limits, article
        provider and reader language, and none of this page's computed views.

        The host hands the copy on when a plugin modified the tree, so later plugins see the
        page as it was sent.
        """
        max_depth, max_elements = self._limits
        return Page(
            self.html,
            self.url,
            self._title,
            max_depth=max_depth,
            max_elements=max_elements,
            article_provider=self._article_provider,
            reader_language=self._reader_language,
        )

    # -- where the page is ------------------------------------------------------------------
    @property
    def hostname(self) -> str:
        return domains.hostname(self.url)

    @property
    def domain(self) -> str:
        """The registrable domain of the page's URL (`www.bbc.co.uk` → `bbc.co.uk`)."""
        return domains.registrable_domain(self.hostname)

    def resolve(self, href: str) -> str:
        """An absolute URL for a link found on the page; "" when the href is malformed.

        As a browser does, tabs and newlines inside the href are dropped and spaces become
        `%20`, so one sloppy href still names the URL the reader would reach.
        """
        return self._resolved(href)[0]

    def _resolved(self, href: str) -> tuple[str, re.Match[str] | None]:
        """`resolve`'s answer, with its `PLAIN_ABSOLUTE` match when a shortcut made one (for
        `links`, which needs the netloc, so that it need not match the URL again)."""
        href = domains.clean_href(href)
        origin = self._origin
        if origin is not None:
            # Shortcuts for the common links, taken only where urljoin's answer is certain:
            # a plain absolute URL comes back as it is, a plain `/path` goes after the origin.
            plain = domains.PLAIN_ABSOLUTE.match(href)
            if plain:
                return href, plain
            if origin and href[:1] == "/" and href[1:2] != "/" and "/." not in href:
                joined = origin + href
                plain = domains.PLAIN_ABSOLUTE.match(joined)
                if plain:
                    return joined, plain
        try:
            return urljoin(self.url, href), None
        except ValueError:
            return "", None

    @lazy
    def _origin(self) -> str | None:
        """`scheme://host` of the page URL for `resolve`: "" when it is not a plain http(s) URL,
        None when urljoin could not even parse it (then every href goes the slow way)."""
        try:
            parts = urlsplit(self.url)
        except ValueError:
            return None
        origin = f"{parts.scheme}://{parts.netloc}"
        plain = parts.scheme in ("http", "https") and domains.PLAIN_ABSOLUTE.match(origin)
        return origin if plain else ""

    # -- tree views -------------------------------------------------------------------------
    @property
    def body(self) -> HtmlElement:
        """The `<body>` element; the root when the tree has none."""
        return self._body

    @lazy
    def soup(self) -> BeautifulSoup:
        """A BeautifulSoup view of the same HTML, for plugin authors who prefer it.

        It is a separate tree: pass its tags to `target()` and they are mapped back by position.
        """
        from bs4 import BeautifulSoup

        return BeautifulSoup(self.html, "lxml")

    @lazy
    def meta(self) -> Metadata:
        """`<title>`, meta tags, Open Graph, JSON-LD (flattened out of `@graph`), link rels."""
        return read_metadata(self.root, self.url, self.resolve)

    @property
    def sent_title(self) -> str:
        """The title the client sent (the tab's title), stripped; "" when it sent none."""
        return (self._title or "").strip()

    @property
    def title(self) -> str:
        """The sent title, else the page's own `<title>`."""
        return self.sent_title or self.meta.title

    @lazy
    def _text_views(self) -> tuple[TextIndex, list[Block]]:
        return read_text(self.body)

    @property
    def text_index(self) -> TextIndex:
        """The page text and each element's span in it: what targets point into."""
        return self._text_views[0]

    @property
    def text(self) -> str:
        """All visible text under `<body>`, as the browser's text nodes hold it."""
        return self.text_index.text

    @property
    def blocks(self) -> list[Block]:
        """Block-level elements with text of their own, in document order."""
        return self._text_views[1]

    @lazy
    def links(self) -> list[PageLink]:
        found: list[PageLink] = []
        append = found.append
        # A page links to the same address many times over (a teaser's picture, headline and
        # "more"): each distinct href is resolved and its domain found once, or found to be
        # no link at all ("#top", "javascript:...").
        known: dict[str, tuple[str, str]] = {}
        resolve = self._resolve_link
        for a in self.body.iter("a"):
            href = a.get("href")
            if not href:
                continue
            resolved = known.get(href)
            if resolved is None:
                stripped = href.strip()
                if not stripped or stripped.startswith(_NOT_LINKS):
                    resolved = _NO_LINK
                else:
                    resolved = resolve(stripped)
                known[href] = resolved
            absolute, domain = resolved
            if not absolute:
                continue
            # text_content() runs an XPath; a link holding only text needs none
            text = a.text_content() if len(a) else a.text
            rel = a.get("rel")
            append(
                PageLink(
                    element=a,
                    href=absolute,
                    text=normalize_space(text) if text else "",
                    domain=domain,
                    rel=frozenset(rel.lower().split()) if rel else _NO_REL,
                )
            )
        return found

    def _resolve_link(self, href: str) -> tuple[str, str]:
        """An href's absolute URL and registrable domain; ("", "") when it is malformed."""
        absolute, plain = self._resolved(href)
        if not absolute:
            return _NO_LINK
        if plain is None:
            plain = domains.PLAIN_ABSOLUTE.match(absolute)
        if plain:
            return absolute, domains.netloc_domain(plain["netloc"])
        return absolute, domains.registrable_domain(domains.hostname(absolute))

    @lazy
    def article(self) -> Article:
        """The article region and its clean text (see `masthead.sdk.article`)."""
        if self._article_provider is not None:
            return self._article_provider(self)
        return default_article(self)

    @lazy
    def _id_counts(self) -> Counter[str]:
        return Counter(str(value) for value in _IDS(self.root) if value)

    # -- helpers ----------------------------------------------------------------------------
    def text_of(self, el: Any) -> str:
        """An element's text with white space collapsed."""
        return normalize_space(el.text_content() if hasattr(el, "text_content") else el.get_text())

    def target(self, el: Any, quote: str | None = None, *, quoted: bool = True) -> Target:
        """Selectors for an element, or for `quote` inside it (ValueError if it is not there).

        A short element's text is quoted too, so the reader sees what the finding is about;
        `quoted=False` leaves it out, for a finding about the element as a whole (a summary of
        the article is not about its words). Accepts lxml elements from `page.root` and
        BeautifulSoup tags from `page.soup`.
        """
        if not isinstance(el, HtmlElement):
            el = self._from_soup(el)
        return make_target(el, self.text_index, self._id_counts, quote, quoted)

    def _from_soup(self, tag: Any) -> HtmlElement:
        """The lxml element at the same position as a BeautifulSoup tag."""
        path = []
        node = tag
        while node is not None and node.parent is not None and node.name != "[document]":
            siblings = [s for s in node.parent.find_all(node.name, recursive=False)]
            path.append((node.name, siblings.index(node)))
            node = node.parent
        el = self.root
        for name, position in reversed(path[:-1] if path and path[-1][0] == "html" else path):
            matches = [c for c in el if c.tag == name]
            if position >= len(matches):
                raise ValueError(f"cannot map <{tag.name}> back to the page tree")
            el = matches[position]
        return el


def _parse(html: str) -> HtmlElement:
    if not html.strip():
        return _empty_document()
    # libxml2 reads UTF-8 bytes a third faster than the str itself (which lxml hands it as
    # Latin-1, UCS-2 or UCS-4); the tree is the same. A str that is no valid UTF-8 (a lone
    # surrogate), or bytes libxml2 refuses, take the str path below, as before.
    try:
        data = html.encode("utf-8")
    except UnicodeEncodeError:
        data = None
    if data is not None:
        try:
            return lxml.html.document_fromstring(data, parser=_parser("utf-8"))
        except (lxml.etree.ParserError, ValueError):
            pass
    try:
        return lxml.html.document_fromstring(html, parser=_parser(None))
    except ValueError:  # a str with an XML encoding declaration: hand lxml the bytes
        try:
            data = html.encode("utf-8", "replace")
            return lxml.html.document_fromstring(data, parser=_parser("utf-8"))
        except (lxml.etree.ParserError, ValueError):
            pass
    except lxml.etree.ParserError:
        pass
    return _empty_document()


def _empty_document() -> HtmlElement:
    return lxml.html.document_fromstring("<html><body></body></html>", parser=_parser(None))


_parsers = threading.local()

# Every element is a plain `HtmlElement`, every comment an `HtmlComment`: lxml.html's own lookup
# is a Python method, called for each node the first time Python touches it (about 1,000 times
# a page), only to give form controls their `FormElement`/`InputElement` classes, which nothing
# here reads. This one is decided in C; the `HtmlElement` API is the same on every element.
_ELEMENT_CLASSES = etree.ElementDefaultClassLookup(
    element=HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


def _parser(encoding: str | None) -> lxml.html.HTMLParser:
    """This thread's HTML parser for `encoding` (None: a str): an lxml parser must not be used
    by two threads at once."""
    key = encoding or "str"
    parser: lxml.html.HTMLParser | None = getattr(_parsers, key, None)
    if parser is None:
        parser = lxml.html.HTMLParser(encoding=encoding)
        parser.set_element_class_lookup(_ELEMENT_CLASSES)
        setattr(_parsers, key, parser)
    return parser


_IDS = etree.XPath("descendant-or-self::*/@id")  # collected in C, not element by element


def count_nodes(root: HtmlElement) -> int:
    """Elements, comments and processing instructions under `root`, as `root.iter()` yields them.

    XPath counts inside libxml2 without making a Python object per node: the host runs this
    after every plugin call to notice a modified tree.
    """
    return int(_COUNT_NODES(root))


# Every node but text, in two passes rather than one each for elements, comments and PIs (an
# HTML tree holds no other kinds below its root).
_COUNT_NODES = etree.XPath("count(descendant-or-self::node()) - count(descendant::text())")


def _reaches_depth(root: HtmlElement, depth: int) -> bool:
    """Whether any node sits `depth` levels below the root (the root is level 0)."""
    return depth <= 0 or bool(_depth_probe(depth)(root))


@lru_cache(maxsize=8)
def _depth_probe(depth: int) -> etree.XPath:
    # Level by level, inside libxml2: each step keeps only the nodes one level further down.
    return etree.XPath("boolean(" + "*/" * (depth - 1) + "node()[not(self::text())])")


def _depth(root: HtmlElement) -> int:
    deepest = 0
    stack = [(root, 0)]
    while stack:
        el, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in el)
    return deepest
