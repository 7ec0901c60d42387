"""The annotation: what a plugin found, how sure it is, and where it is on the page.

One type serves both directions: plugins return `Annotation` objects from their hooks, and the
server sends the same fields to the extension. Targets follow the W3C Web Annotation selector
model so that any annotation client can re-anchor them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

Display = Literal["banner", "highlight", "collapse", "badge", "none"]
Severity = Literal["info", "notice", "warning"]
Presentation = Literal["notice", "provenance", "source", "claim", "clutter", "region", "info"]

DISPLAYS: tuple[str, ...] = ("banner", "highlight", "collapse", "badge", "none")
SEVERITIES: tuple[str, ...] = ("info", "notice", "warning")
#: What a finding is for the reader, so a client draws and groups any plugin's finding without
#: knowing its kind: `notice` (a banner-level provenance notice), `provenance` (who published or
#: wrote it), `source` (a named source of a claim), `claim` (a vague or unsourced claim, or the
#: sourcing summary), `clutter` (a block the reader may collapse), `region` (the article region;
#: not drawn), `info` (listed, not highlighted).
PRESENTATIONS: tuple[str, ...] = (
    "notice",
    "provenance",
    "source",
    "claim",
    "clutter",
    "region",
    "info",
)


@dataclass(frozen=True)
class Link:
    """A link shown with an annotation. Only http(s) URLs pass validation."""

    href: str
    label: str = ""


@dataclass(frozen=True)
class Target:
    """Where an annotation sits: W3C selectors, tried by the client in order.

    `selectors` holds plain dicts in the W3C shape (`{"type": "CssSelector", "value": ...}`),
    plus Masthead's `MastheadIdSelector` naming the `data-masthead-id` the extension stamped on
    the element in the copy it sent.
    """

    selectors: tuple[dict[str, Any], ...] = ()

    def selector(self, type_: str) -> dict[str, Any] | None:
        """The first selector of a type, or None."""
        return next((s for s in self.selectors if s.get("type") == type_), None)

    @property
    def exact(self) -> str | None:
        """The quoted text, when the target has a TextQuoteSelector."""
        quote = self.selector("TextQuoteSelector")
        return quote["exact"] if quote else None

    def to_dict(self) -> dict[str, Any]:
        return {"selectors": [dict(s) for s in self.selectors]}


@dataclass(frozen=True)
class Annotation:
    """One finding. `kind` names what it is; `display` hints how the extension should draw it,
    and `presentation` what it is for the reader (see `PRESENTATIONS`).

    `plugin` and `id` are filled in by the host: a plugin cannot speak for another one.
    """

    kind: str
    title: str = ""
    text: str = ""
    display: Display = "none"
    severity: Severity = "info"
    presentation: Presentation = "info"
    confidence: float = 1.0
    target: Target | None = None
    links: tuple[Link, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
    plugin: str = ""
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "plugin": self.plugin,
            "kind": self.kind,
            "display": self.display,
            "severity": self.severity,
            "presentation": self.presentation,
            "title": self.title,
            "text": self.text,
            "confidence": self.confidence,
            "links": [{"href": link.href, "label": link.label} for link in self.links],
            "target": self.target.to_dict() if self.target else None,
            "data": self.data,
        }


class Findings:
    """The read-only list of annotations that earlier phases produced, as `annotate` sees it."""

    def __init__(self, annotations: Iterable[Annotation] = ()) -> None:
        self._items: tuple[Annotation, ...] = tuple(annotations)

    def __iter__(self) -> Iterator[Annotation]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __repr__(self) -> str:
        return f"Findings({len(self._items)} annotations)"

    def of_kind(self, *kinds: str) -> list[Annotation]:
        """The findings of any of these kinds, in the order they were produced."""
        return [a for a in self._items if a.kind in kinds]

    def from_plugin(self, name: str) -> list[Annotation]:
        return [a for a in self._items if a.plugin == name]
