"""The same annotations as a W3C Web Annotation collection (JSON-LD), for other clients.

What the Web Annotation Data Model requires, and how this export meets it:
- the collection, its page and every annotation carry an `id`, unique per response: `urn:uuid:`
  IRIs, the collection's random and the others derived from it (a cached document exported
  twice gets new ids each time, as two responses should);
- every body and target has a `type`; a link body is a `SpecificResource` whose `source` is the
  linked URL, and a target is a `SpecificResource` whose `source` is the page;
- `TextPositionSelector` offsets count code points, as the model says (the server's strings are
  Python's; the extension converts them to UTF-16 units when it anchors);
- the `masthead` key, which the model does not know, is defined in the context (a JSON literal
  under Masthead's own IRI), so a JSON-LD processor keeps it instead of dropping it.
"""

from __future__ import annotations

import uuid
from typing import Any

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MASTHEAD_TERM = "urn:masthead:vocab:finding"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"masthead": {"@id": MASTHEAD_TERM, "@type": "@json"}}]


def to_collection(document: dict[str, Any]) -> dict[str, Any]:
    source = document["page"]["url"]
    collection = uuid.uuid4()
    items = [_to_w3c(a, source, collection) for a in document["annotations"]]
    return {
        "@context": CONTEXT,
        "id": f"urn:uuid:{collection}",
        "type": "AnnotationCollection",
        "label": f"Masthead findings for {source}",
        "total": len(items),
        "first": {
            "id": _derived(collection, "page/0"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def _derived(collection: uuid.UUID, name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(collection, name)}"


def _to_w3c(annotation: dict[str, Any], source: str, collection: uuid.UUID) -> dict[str, Any]:
    target: dict[str, Any] = {"type": "SpecificResource", "source": source}
    selectors = [
        s
        for s in (annotation.get("target") or {}).get("selectors", [])
        if s.get("type") != "MastheadIdSelector"
    ]
    if selectors:
        target["selector"] = selectors if len(selectors) > 1 else selectors[0]
    body = [
        {
            "type": "TextualBody",
            "value": annotation["text"] or annotation["title"],
            "format": "text/plain",
            "purpose": "describing",
        }
    ]
    body += [
        {"type": "SpecificResource", "source": link["href"], "purpose": "linking"}
        for link in annotation["links"]
    ]
    return {
        "id": _derived(collection, f"annotation/{annotation['id']}"),
        "type": "Annotation",
        "motivation": "highlighting" if annotation["display"] == "highlight" else "commenting",
        "creator": {"type": "Software", "name": f"masthead/{annotation['plugin']}"},
        "body": body,
        "target": target,
        "masthead": {
            "id": annotation["id"],
            **{
                k: annotation[k]
                for k in ("kind", "display", "severity", "presentation", "confidence", "data")
            },
        },
    }
