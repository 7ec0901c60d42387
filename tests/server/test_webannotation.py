"""The W3C export (`?format=w3c`) meets the Web Annotation Data Model's MUSTs, checked by a
JSON-LD processor (pyld): expansion succeeds and the required properties are there, as IRIs.

The published context (`http://www.w3.org/ns/anno.jsonld`) cannot be fetched here, so the
document loader serves `TERMS`: our own statement, written from the Web Annotation Vocabulary
(`oa:`), Activity Streams (`as:`) and Dublin Core, of the IRI of each term the export uses. Any
other URL is refused, so a term the context does not define is dropped by expansion and fails
the checks below instead of reaching the network.
"""

from __future__ import annotations

import pytest
from pyld import jsonld

from masthead.sdk import Annotation, Link, hookimpl
from masthead.server.analysis import run_analysis
from masthead.server.host import PluginHost
from masthead.server.webannotation import ANNO_CONTEXT, MASTHEAD_TERM, to_collection

OA, AS = "http://www.w3.org/ns/oa#", "http://www.w3.org/ns/activitystreams#"
RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"
XSD = "http://www.w3.org/2001/XMLSchema#"
TERMS = {
    "@context": {
        "oa": OA,
        "as": AS,
        "dc": "http://purl.org/dc/elements/1.1/",
        "dcterms": "http://purl.org/dc/terms/",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "xsd": XSD,
        "id": "@id",
        "type": "@type",
        "Annotation": "oa:Annotation",
        "AnnotationCollection": "as:OrderedCollection",
        "AnnotationPage": "as:OrderedCollectionPage",
        "SpecificResource": "oa:SpecificResource",
        "TextualBody": "oa:TextualBody",
        "Software": "as:Application",
        "TextQuoteSelector": "oa:TextQuoteSelector",
        "TextPositionSelector": "oa:TextPositionSelector",
        "CssSelector": "oa:CssSelector",
        "XPathSelector": "oa:XPathSelector",
        "highlighting": "oa:highlighting",
        "commenting": "oa:commenting",
        "describing": "oa:describing",
        "linking": "oa:linking",
        "body": {"@id": "oa:hasBody", "@type": "@id"},
        "target": {"@id": "oa:hasTarget", "@type": "@id"},
        "source": {"@id": "oa:hasSource", "@type": "@id"},
        "selector": {"@id": "oa:hasSelector", "@type": "@id"},
        "motivation": {"@id": "oa:motivatedBy", "@type": "@vocab"},
        "purpose": {"@id": "oa:hasPurpose", "@type": "@vocab"},
        "creator": {"@id": "dcterms:creator", "@type": "@id"},
        "value": "rdf:value",
        "exact": "oa:exact",
        "prefix": "oa:prefix",
        "suffix": "oa:suffix",
        "start": {"@id": "oa:start", "@type": "xsd:nonNegativeInteger"},
        "end": {"@id": "oa:end", "@type": "xsd:nonNegativeInteger"},
        "format": "dc:format",
        "name": "foaf:name",
        "label": "rdfs:label",
        "total": {"@id": "as:totalItems", "@type": "xsd:nonNegativeInteger"},
        "first": {"@id": "as:first", "@type": "@id"},
        "items": {"@id": "as:items", "@type": "@id", "@container": "@list"},
        "startIndex": {"@id": "as:startIndex", "@type": "xsd:nonNegativeInteger"},
    }
}

# One code point each, two UTF-16 units each: a ship, math bold letters, a CJK Ext. B ideograph.
ASTRAL = "🚢 𝐁𝐨𝐥𝐝 𠀋"
PAGE = f"""<html><head><title>Harbour</title></head><body><article>
<p>{ASTRAL} arrivals were counted at the quay this week by the harbour office.</p>
<p id="claim">Passenger numbers rose, officials said, after the 🛳️ timetable changed.</p>
</article></body></html>"""


def _loader(url: str, options: dict | None = None) -> dict:
    if url != ANNO_CONTEXT:
        raise jsonld.JsonLdError(f"no network in tests: {url}", "loading document failed")
    return {"contextUrl": None, "documentUrl": url, "document": TERMS}


class Cites:
    """A third party's finding with a quote after astral characters and two links."""

    @hookimpl
    def masthead_detect(self, page):
        el = page.root.get_element_by_id("claim")
        yield Annotation(
            kind="vague-claim",
            title="Unnamed officials",
            text="The officials are not named.",
            display="highlight",
            presentation="claim",
            target=page.target(el, quote="officials said"),
            links=(Link("https://example.org/a", "a"), Link("https://example.org/b", "b")),
        )


@pytest.fixture(scope="module")
def exported() -> tuple[dict, dict]:
    host = PluginHost()  # the installed built-ins, and a third party
    host.register(Cites(), "cites")
    document = run_analysis(host.start(), "https://harbour.example/news/quay", PAGE)
    return document, to_collection(document)


def _expand(collection: dict) -> dict:
    (expanded,) = jsonld.expand(collection, {"documentLoader": _loader})
    return expanded


def _one(node: dict, prop: str) -> dict:
    values = node.get(prop, [])
    assert len(values) == 1, f"{prop}: {values}"
    return values[0]


def test_the_collection_expands_with_ids_and_types(exported):
    _, collection = exported
    expanded = _expand(collection)
    assert expanded["@type"] == [AS + "OrderedCollection"]
    assert expanded["@id"].startswith("urn:uuid:")
    page = _one(expanded, AS + "first")
    assert page["@type"] == [AS + "OrderedCollectionPage"]
    assert page["@id"].startswith("urn:uuid:") and page["@id"] != expanded["@id"]
    (items,) = page[AS + "items"]
    annotations = items["@list"]
    assert len(annotations) == collection["total"] == len(exported[0]["annotations"]) >= 3
    ids = [a["@id"] for a in annotations]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("urn:uuid:") for i in ids)


def test_every_annotation_has_its_musts(exported):
    annotations = _expand(exported[1])[AS + "first"][0][AS + "items"][0]["@list"]
    for annotation in annotations:
        assert OA + "Annotation" in annotation["@type"]
        target = _one(annotation, OA + "hasTarget")
        assert target["@type"] == [OA + "SpecificResource"]
        assert _one(target, OA + "hasSource")["@id"] == "https://harbour.example/news/quay"
        for selector in target.get(OA + "hasSelector", []):
            kind = selector["@type"][0]
            needs = {
                OA + "TextQuoteSelector": [OA + "exact"],
                OA + "TextPositionSelector": [OA + "start", OA + "end"],
                OA + "CssSelector": [RDF_VALUE],
                OA + "XPathSelector": [RDF_VALUE],
            }[kind]
            assert all(prop in selector for prop in needs), selector
        bodies = annotation[OA + "hasBody"]
        assert bodies and all(body.get("@type") for body in bodies)
        for body in bodies:
            if body["@type"] == [OA + "TextualBody"]:
                assert _one(body, RDF_VALUE)["@value"]
            else:
                assert body["@type"] == [OA + "SpecificResource"]
                assert _one(body, OA + "hasSource")["@id"].startswith("https://")
        finding = _one(annotation, MASTHEAD_TERM)
        assert finding["@type"] == "@json" and finding["@value"]["kind"]


def test_link_bodies_are_specific_resources_with_a_source(exported):
    annotations = _expand(exported[1])[AS + "first"][0][AS + "items"][0]["@list"]
    (cited,) = [a for a in annotations if _one(a, MASTHEAD_TERM)["@value"]["kind"] == "vague-claim"]
    links = [b for b in cited[OA + "hasBody"] if b["@type"] == [OA + "SpecificResource"]]
    assert [_one(b, OA + "hasSource")["@id"] for b in links] == [
        "https://example.org/a",
        "https://example.org/b",
    ]
    assert [_one(b, OA + "hasPurpose")["@id"] for b in links] == [OA + "linking"] * 2


def test_ids_are_unique_per_response_not_per_finding(exported):
    document, first = exported
    second = to_collection(document)  # the same (cached) document, answered again
    assert first["id"] != second["id"]
    assert first["first"]["id"] != second["first"]["id"]
    ids = {a["id"] for a in first["first"]["items"]} | {a["id"] for a in second["first"]["items"]}
    assert len(ids) == 2 * first["total"]
    # The finding's own id stays, under the masthead key, for clients of both formats.
    assert [a["masthead"]["id"] for a in first["first"]["items"]] == [
        a["id"] for a in document["annotations"]
    ]


def test_text_positions_count_code_points_on_a_page_outside_the_bmp(exported):
    """Offsets after astral characters: counted in code points (the model's rule), so the
    quote sits at [start, end) of the page text as Python counts it, and six UTF-16 units
    later as JavaScript would (the extension converts, see extension/test/anchoring.test.js)."""
    from masthead.sdk import Page

    _, collection = exported
    text = Page(PAGE, "https://harbour.example/news/quay").text
    (cited,) = [a for a in collection["first"]["items"] if a["masthead"]["kind"] == "vague-claim"]
    selectors = {s["type"]: s for s in cited["target"]["selector"]}
    position, quote = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
    assert text[position["start"] : position["end"]] == quote["exact"] == "officials said"
    utf16 = len(text[: position["start"]].encode("utf-16-le")) // 2
    assert utf16 - position["start"] == len(ASTRAL.replace(" ", "")) == 6
    (expanded,) = [
        a
        for a in _expand(collection)[AS + "first"][0][AS + "items"][0]["@list"]
        if _one(a, MASTHEAD_TERM)["@value"]["kind"] == "vague-claim"
    ]
    selector = next(
        s
        for s in _one(expanded, OA + "hasTarget")[OA + "hasSelector"]
        if s["@type"] == [OA + "TextPositionSelector"]
    )
    assert _one(selector, OA + "start") == {
        "@value": position["start"],
        "@type": XSD + "nonNegativeInteger",
    }


def test_a_term_the_context_does_not_define_would_be_caught(exported):
    """The checks above can fail: an undefined key is dropped by expansion."""
    collection = {**exported[1], "first": {**exported[1]["first"]}}
    item = {**collection["first"]["items"][0], "unknownKey": "x"}
    item.pop("target")
    collection["first"]["items"] = [item]
    (annotation,) = _expand(collection)[AS + "first"][0][AS + "items"][0]["@list"]
    assert OA + "hasTarget" not in annotation
    assert not any("unknownKey" in key for key in annotation)
