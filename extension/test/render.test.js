// The renderer where the CSS Custom Highlight API is missing (as in jsdom, and older browsers):
// highlights fall back to outlines, and everything drawn is taken away without a trace.
import assert from "node:assert/strict";
import { test } from "node:test";
import { page, renderer, serializer } from "./dom.js";

const BODY = `<article><h1>Ferry fares rise</h1>
<p id="claim" style="color: rgb(10, 20, 30)">Fares will reportedly rise by a fifth in spring.</p>
<div class="promo">Win a cruise for two</div>
<p>Officials declined to comment.</p></article>`;

function annotation(kind, display, target, extra = {}) {
  return { id: `t/${kind}/0`, plugin: "t", kind, display, title: kind, text: "", target, links: [], data: {}, ...extra };
}

function findings() {
  return {
    annotations: [
      annotation("republication", "banner", null, { title: "<img src=x onerror=alert(1)>", links: [{ href: "javascript:alert(1)", label: "run" }] }),
      annotation("vague-attribution", "highlight", {
        selectors: [{ type: "CssSelector", value: "#claim" }, { type: "TextQuoteSelector", exact: "reportedly" }],
      }),
      annotation("promo", "collapse", { selectors: [{ type: "CssSelector", value: "div.promo" }] }, { title: "Competition" }),
      annotation("credit-line", "highlight", { selectors: [{ type: "TextQuoteSelector", exact: "not on this page at all" }] }),
      annotation("hidden", "highlight", { selectors: [{ type: "CssSelector", value: "h1" }] }, { plugin: "muted" }),
    ],
  };
}

test("without the Highlight API, highlights outline their element, and clearing leaves no trace", () => {
  const doc = page(BODY);
  const before = doc.body.innerHTML;
  const { elements } = serializer.serialize(doc);
  const drawn = renderer.render(doc, findings(), { byId: serializer.idMap(elements), hiddenPlugins: ["muted"] });
  assert.deepEqual(drawn.unanchored, ["t/credit-line/0"]);
  assert.equal(drawn.shown, 4);
  const claim = doc.getElementById("claim");
  assert.match(claim.getAttribute("style"), /^color: rgb\(10, 20, 30\); outline: 2px solid/);
  assert.equal(doc.querySelector("h1").getAttribute("style"), null, "a hidden plugin draws nothing");
  assert.match(doc.querySelector("div.promo").getAttribute("style"), /display: none !important/);
  const strip = doc.querySelector("masthead-strip").shadowRoot.textContent;
  assert.ok(strip.includes("Competition · show"));
  renderer.clear(doc);
  assert.equal(doc.body.innerHTML, before);
});

test("a plugin's text is inserted as text, and only http(s) links become links", () => {
  const doc = page(BODY);
  renderer.render(doc, findings(), {});
  const shadow = doc.querySelector("masthead-ui").shadowRoot;
  assert.equal(shadow.querySelector(".title").textContent, "<img src=x onerror=alert(1)>");
  assert.equal(shadow.querySelector("img"), null);
  assert.equal(shadow.querySelectorAll("a").length, 0);
  assert.equal(shadow.querySelector(".links span").textContent, "run");
  renderer.clear(doc);
});

test("safeHref accepts http(s) only", () => {
  assert.equal(renderer.safeHref("https://example.org/a b"), "https://example.org/a%20b");
  assert.equal(renderer.safeHref("http://example.org"), "http://example.org/");
  for (const bad of ["javascript:alert(1)", " JAVASCRIPT:x", "data:text/html,x", "vbscript:x", "/relative", "", null]) {
    assert.equal(renderer.safeHref(bad), null, String(bad));
  }
});

test("the banner's own words come from _locales, and its provenance line is the popup's", () => {
  const doc = page(BODY);
  const result = findings();
  result.annotations.push(
    annotation("site", "none", null, { data: { name: "Harbour Gazette", published: "2024-03-14" } }),
    annotation("byline", "none", null, { data: { authors: ["Mara Lind"] } }),
  );
  result.annotations[0].data = { outlet: "The Coastal Review" };
  const { elements } = serializer.serialize(doc);
  renderer.render(doc, result, { byId: serializer.idMap(elements), hiddenPlugins: ["muted"], provenanceBanner: true });
  const shadow = doc.querySelector("masthead-ui").shadowRoot;
  assert.equal(
    shadow.querySelector(".provenance").textContent,
    "Harbour Gazette · By Mara Lind · March 14, 2024 · First published by The Coastal Review",
  );
  assert.equal(shadow.querySelector(".summary").textContent, "1 promo collapsed · 1 passage highlighted");
  assert.equal(shadow.querySelector(".close").getAttribute("aria-label"), "Hide this notice");
  const strip = doc.querySelector("masthead-strip").shadowRoot;
  strip.querySelector("button").click();
  assert.equal(strip.querySelector("button").textContent, "hide again");
  renderer.clear(doc);
});
