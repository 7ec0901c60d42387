import assert from "node:assert/strict";
import { test } from "node:test";
import { anchoring, page } from "./dom.js";

const { anchor, textIndex, matchQuote, similarity, unitsAt } = anchoring;

const ARTICLE = `
<header><nav>Home News</nav></header>
<article>
  <h1>Harbour reopens</h1>
  <script>var secret = "not text";</script>
  <style>p { color: red }</style>
  <p id="lead">The harbour reopened on Monday, officials said.</p>
  <p>Trade is expected to recover. Trade is expected to recover slowly.</p>
  <p class="credit"><em>This story was first published by <a href="https://example.org/">The Example Gazette</a></em></p>
  <svg><text>chart label</text></svg>
</article>`;

function quote(text, exact) {
  const at = text.indexOf(exact);
  return {
    type: "TextQuoteSelector",
    exact,
    prefix: text.slice(Math.max(0, at - 32), at),
    suffix: text.slice(at + exact.length, at + exact.length + 32),
  };
}

test("page text leaves out head, scripts, styles, svg and the extension's own elements", () => {
  const doc = page(ARTICLE + "<masthead-ui>banner</masthead-ui>", "<title>T</title>");
  const { text } = textIndex(doc.documentElement);
  assert.ok(text.includes("The harbour reopened on Monday"));
  for (const hidden of ["not text", "color: red", "chart label", "banner", "T\n"]) {
    assert.ok(!text.includes(hidden), hidden);
  }
});

test("the stamped id wins, and a quote narrows the range to the words inside the element", () => {
  const doc = page(ARTICLE);
  const lead = doc.getElementById("lead");
  const byId = { get: (id) => (id === "7" ? lead : undefined) };
  const text = textIndex(doc.documentElement).text;
  const target = {
    selectors: [
      { type: "MastheadIdSelector", value: "7" },
      { type: "CssSelector", value: "p.nothing-here" },
      quote(text, "officials said"),
    ],
  };
  const hit = anchor(target, doc, byId);
  assert.equal(hit.method, "id");
  assert.equal(hit.element, lead);
  assert.equal(hit.range.toString(), "officials said");
});

test("a CSS path that now points at other text is not trusted; the quote is", () => {
  const doc = page(ARTICLE);
  const text = textIndex(doc.documentElement).text;
  const target = {
    selectors: [
      { type: "CssSelector", value: "#lead" },
      quote(text, "This story was first published by The Example Gazette"),
    ],
  };
  const hit = anchor(target, doc, null);
  assert.equal(hit.method, "quote");
  assert.equal(hit.range.toString(), "This story was first published by The Example Gazette");
  assert.equal(hit.element.localName, "em");
});

test("a CSS path that still holds the quote is used", () => {
  const doc = page(ARTICLE);
  const text = textIndex(doc.documentElement).text;
  const target = { selectors: [{ type: "CssSelector", value: "p.credit" }, quote(text, "first published")] };
  const hit = anchor(target, doc, null);
  assert.equal(hit.method, "css");
  assert.equal(hit.range.toString(), "first published");
});

test("prefix and suffix choose between repeated words", () => {
  const doc = page(ARTICLE);
  const text = textIndex(doc.documentElement).text;
  const second = text.indexOf("Trade is expected to recover slowly");
  const target = {
    selectors: [
      {
        type: "TextQuoteSelector",
        exact: "Trade is expected to recover",
        prefix: text.slice(second - 32, second),
        suffix: text.slice(second + 28, second + 60),
      },
    ],
  };
  const hit = anchor(target, doc, null);
  assert.equal(hit.range.toString(), "Trade is expected to recover");
  const after = hit.range.startContainer.data.slice(hit.range.startOffset);
  assert.equal(after, "Trade is expected to recover slowly.", "the second of the two repeats");
});

test("a quote survives changed white space and small edits", () => {
  const doc = page(`<p>The   committee
    published its  findings on Tuesday, a week later than planned.</p>`);
  const loose = matchQuote(textIndex(doc.documentElement).text, {
    exact: "The committee published its findings",
  });
  assert.equal(loose.how, "quote-loose");
  const edited = anchor(
    {
      selectors: [
        {
          type: "TextQuoteSelector",
          exact: "published its findings on Wednesday, a week later than planned",
          prefix: "committee ",
          suffix: ".",
        },
      ],
    },
    doc,
    null,
  );
  assert.equal(edited.method, "quote-approx");
  assert.match(edited.range.toString(), /findings on Tuesday, a week later than planned/);
});

test("text that is gone does not anchor anywhere", () => {
  const doc = page(ARTICLE);
  const target = {
    selectors: [
      { type: "MastheadIdSelector", value: "99" },
      { type: "CssSelector", value: "div >>> nonsense" },
      { type: "TextQuoteSelector", exact: "A sentence this page never had in it at all", prefix: "", suffix: "" },
      { type: "TextPositionSelector", start: 5, end: 48 },
    ],
  };
  assert.equal(anchor(target, doc, { get: () => undefined }), null);
});

test("the text position is the last resort, and must agree with the quote", () => {
  const doc = page(ARTICLE);
  const text = textIndex(doc.documentElement).text;
  const start = text.indexOf("Harbour reopens");
  const hit = anchor({ selectors: [{ type: "TextPositionSelector", start, end: start + 15 }] }, doc, null);
  assert.equal(hit.method, "position");
  assert.equal(hit.range.toString(), "Harbour reopens");
  assert.equal(hit.element.localName, "h1");
});

test("text positions count code points, so characters outside the BMP do not shift them", () => {
  // Each of these is one code point and two UTF-16 units: a ship emoji, math bold letters, a
  // CJK Extension B ideograph. The server counts code points (Python strings), as the W3C model
  // says a TextPositionSelector does.
  const doc = page("<p>🚢 𝐁𝐨𝐥𝐝 𠀋 arrivals</p><h2>Harbour reopens</h2>");
  const text = textIndex(doc.documentElement).text;
  const at = text.indexOf("Harbour");
  const start = [...text.slice(0, at)].length; // in code points
  assert.equal(at - start, 6, "six characters outside the BMP before the heading");
  const hit = anchor({ selectors: [{ type: "TextPositionSelector", start, end: start + 15 }] }, doc, null);
  assert.equal(hit.method, "position");
  assert.equal(hit.range.toString(), "Harbour reopens");
  assert.equal(unitsAt("a🚢b", 2), 3);
  assert.equal(unitsAt("a🚢b", 3), 4);
  assert.equal(unitsAt("a🚢b", 4), -1);
  assert.equal(unitsAt("lone \ud800 surrogate", 7), 7); // a broken pair counts as it stands
});

test("an element target without a quote anchors the whole element", () => {
  const doc = page(ARTICLE);
  const hit = anchor({ selectors: [{ type: "CssSelector", value: "article > p:nth-of-type(3)" }] }, doc, null);
  assert.equal(hit.element.className, "credit");
});

test("similarity ignores case and white space", () => {
  assert.equal(similarity("Hello  World", "hello world"), 1);
  assert.ok(similarity("abcdef", "uvwxyz") < 0.2);
});

test("hostile selectors and missing targets do not throw", () => {
  const doc = page(ARTICLE);
  assert.equal(anchor(null, doc, null), null);
  assert.equal(anchor({ selectors: [{ type: "CssSelector", value: "<img onerror=x>" }] }, doc, null), null);
  assert.equal(anchor({ selectors: [{ type: "TextQuoteSelector", exact: "" }] }, doc, null), null);
});
