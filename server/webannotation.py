"""The same annotations as a W3C Web Annotation collection (JSON-LD), for other clients."""

from __future__ import annotations

from typing import Any

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def to_collection(document: dict[str, Any]) -> dict[str, Any]:
    source = document["page"]["url"]
    language = document.get("language", "en")
    items = [_to_w3c(a, source, language) for a in document["annotations"]]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": f"Masthead findings for {source}",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _to_w3c(annotation: dict[str, Any], source: str, language: str) -> dict[str, Any]:
    target: dict[str, Any] = {"source": source}
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
            "language": language,  # the reader's, as the server worded the text
            "purpose": "describing",
        }
    ]
    body += [
        {"type": "SpecificResource", "id": link["href"], "purpose": "linking"}
        for link in annotation["links"]
    ]
    return {
        "id": f"urn:masthead:{annotation['id']}",
        "type": "Annotation",
        "motivation": "highlighting" if annotation["display"] == "highlight" else "commenting",
        "creator": {"type": "Software", "name": f"masthead/{annotation['plugin']}"},
        "body": body,
        "target": target,
        "masthead": {
            k: annotation[k]
            for k in ("kind", "display", "severity", "presentation", "confidence", "data")
        },
    }
