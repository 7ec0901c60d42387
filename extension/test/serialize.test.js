import assert from "node:assert/strict";
import { test } from "node:test";
import { JSDOM } from "jsdom";
import { page, serializer } from "./dom.js";

const { serialize, idMap } = serializer;

const FORM_PAGE = `
<article><h1>Letters</h1><p>Write to us.</p>
<script>window.track("reader-42")</script>
<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"name":"The Example Gazette"}}</script>
<style>.ad { display: none }</style>
<form>
  <input name="email" value="reader@example.org">
  <input type="hidden" name="csrf" value="tok-123">
  <input type="checkbox" name="news" checked>
  <input type="submit" value="Send">
  <textarea name="msg">my private draft</textarea>
  <select name="city"><option>Oslo</option><option selected>Bergen</option></select>
</form>
<div contenteditable="true"><p>unsent comment</p></div>
<p>After the form.</p>
</article>
<masthead-ui></masthead-ui>`;

function parse(html) {
  return new JSDOM(html).window.document;
}

test("the copy drops script bodies, styles, form values, editable text and the extension's UI", () => {
  const doc = page(FORM_PAGE);
  const { html } = serialize(doc);
  for (const gone of ["reader-42", ".ad {", "reader@example.org", "tok-123", "my private draft", "unsent comment", "masthead-ui"]) {
    assert.ok(!html.includes(gone), gone);
  }
  const copy = parse(html);
  assert.equal(copy.querySelector("option[selected]"), null);
  assert.equal(copy.querySelector("input[checked]"), null);
  assert.equal(copy.querySelector("input[type=submit]").getAttribute("value"), "Send");
  assert.match(html, /"publisher":\{"name":"The Example Gazette"\}/);
  assert.equal(copy.querySelectorAll("script").length, 2, "script elements stay, empty");
  assert.equal(copy.querySelectorAll("style").length, 1);
  assert.ok(html.includes("After the form."));
});

test("the live page is never stamped or changed", () => {
  const doc = page(FORM_PAGE);
  const before = doc.documentElement.outerHTML;
  serialize(doc);
  assert.equal(doc.documentElement.outerHTML, before);
  assert.equal(doc.querySelector("[data-masthead-id]"), null);
  assert.equal(doc.querySelector("textarea").value, "my private draft");
});

test("every element of the copy carries an id that maps back to the live element", () => {
  const doc = page(FORM_PAGE);
  const { html, elements } = serialize(doc);
  const copy = parse(html);
  const stamped = [...copy.querySelectorAll("[data-masthead-id]")];
  const live = [...doc.querySelectorAll("*")].filter((el) => !el.closest("masthead-ui, [contenteditable] *"));
  assert.equal(stamped.length, live.length);
  const ids = idMap(elements);
  stamped.forEach((el, n) => {
    assert.equal(el.getAttribute("data-masthead-id"), String(n), "sequential in document order");
    const original = ids.get(el.getAttribute("data-masthead-id"));
    assert.equal(original.localName, el.localName);
    assert.equal(original, live[n]);
  });
  assert.equal(ids.get("nope"), undefined);
  assert.equal(ids.get("123456"), undefined);
});

test("sibling positions match, so nth-of-type paths built by the server work on the live page", () => {
  const doc = page(`<div><p>a</p><masthead-ui></masthead-ui><script>x()</script><p>b</p><p>c</p></div>`);
  const copy = parse(serialize(doc).html);
  assert.equal(copy.querySelector("div > p:nth-of-type(3)").textContent, "c");
  assert.equal(doc.querySelector("div > p:nth-of-type(3)").textContent, "c");
});

test("an empty or odd document still serialises", () => {
  const doc = parse("");
  const { html, elements } = serialize(doc);
  assert.ok(html.startsWith("<!DOCTYPE html>"));
  assert.equal(elements.length, 3);
});

test("written in pieces or whole, the copy is the same HTML", () => {
  const rows = Array.from({ length: 30 }, (_, n) => `<li>Item ${n} &amp; more&nbsp;&lt;${n}&gt; <b>bold</b><!-- c${n} --></li>`).join("\n");
  const doc = page(`<div id="wrap" class="a&quot;b"><ul>${rows}</ul>
    <p>Text with <em>&lt;tags&gt;</em> &amp; entities</p><svg><path d="M0 0"/></svg>
    <script>if (a < b && c > d) {}</script><style>p > a { }</style><template><p>t</p></template>
    <pre>
  kept</pre><textarea>private</textarea></div>`);
  const whole = serialize(doc, { splitOver: Infinity });
  const pieces = serialize(doc, { splitOver: 2 });
  assert.equal(pieces.html, whole.html);
  assert.equal(pieces.elements.length, whole.elements.length);
  assert.ok(pieces.elements.every((el, n) => el === whole.elements[n]));
  assert.ok(!whole.html.includes("private"));
});
