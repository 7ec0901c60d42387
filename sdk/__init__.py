"""The Masthead plugin SDK: everything a plugin imports.

from masthead.sdk import hookimpl, Annotation

@hookimpl
def masthead_detect(page):
    if "sponsored" in page.title.lower():
        yield Annotation(kind="sponsored-title", title="Sponsored", display="badge")
"""

from . import kinds, language
from ._lazy import ViewError
from .annotations import (
    DISPLAYS,
    PRESENTATIONS,
    SEVERITIES,
    Annotation,
    Findings,
    Link,
    Presentation,
    Target,
)
from .article import Article, build_article, default_article
from .deadline import OutOfTime, check_time, time_left
from .domains import hostname, registrable_domain, same_site
from .hookspecs import hookimpl
from .language import LANGUAGES, Wording, best_language
from .metadata import Metadata, jsonld_name, jsonld_types
from .outlets import OUTLET_LAYERS, Outlet, OutletLayer, OutletRegistry, normalize_name
from .page import Page, PageLink, PageTooComplex
from .settings import Settings
from .text import BLOCK_TAGS, Block, lowercase_pattern, normalize_space

__all__ = [
    "BLOCK_TAGS",
    "DISPLAYS",
    "LANGUAGES",
    "OUTLET_LAYERS",
    "PRESENTATIONS",
    "SEVERITIES",
    "Annotation",
    "Article",
    "Block",
    "Findings",
    "Link",
    "Metadata",
    "OutOfTime",
    "Outlet",
    "OutletLayer",
    "OutletRegistry",
    "Page",
    "PageLink",
    "PageTooComplex",
    "Presentation",
    "Settings",
    "Target",
    "ViewError",
    "Wording",
    "best_language",
    "build_article",
    "check_time",
    "default_article",
    "hookimpl",
    "hostname",
    "jsonld_name",
    "jsonld_types",
    "kinds",
    "language",
    "lowercase_pattern",
    "normalize_name",
    "normalize_space",
    "registrable_domain",
    "same_site",
    "time_left",
]
