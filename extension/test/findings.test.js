// The popup's reading of the findings: groups by the `presentation` hint (and, from an older
// server, by kind and display), the quoted sentence, and the compact provenance line's facts.
import assert from "node:assert/strict";
import { test } from "node:test";
import "../src/shared/findings.js";

const { groupFindings, presentationOf, quoteOf, provenanceFacts, provenanceParts, readableDate, canReveal } = globalThis.Masthead.findings;

const a = (kind, extra = {}) => ({ id: `p/${kind}/0`, plugin: "p", kind, display: "none", title: kind, text: "", target: null, data: {}, ...extra });

test("the presentation hint decides the group; a plugin's own kind needs it", () => {
  const mine = a("ferry-timetable", { presentation: "provenance" });
  const other = a("ferry-timetable");
  const groups = groupFindings([
    a("promo", { display: "collapse" }),
    a("vague-attribution", { display: "highlight" }),
    mine,
    a("named-source"),
    a("republication", { display: "banner" }),
    other,
    a("article"),
    a("weird", { presentation: "not-a-presentation", display: "banner" }),
  ]);
  assert.deepEqual(groups.map((g) => g.group.id), ["published", "sourcing", "clutter", "other"]);
  const [published, sourcing, clutter, rest] = groups.map((g) => g.items.map((x) => x.kind));
  assert.deepEqual(published, ["republication", "weird", "ferry-timetable"], "notices first");
  assert.deepEqual(sourcing, ["vague-attribution", "named-source"], "claims before sources");
  assert.deepEqual(clutter, ["promo"]);
  assert.deepEqual(rest, ["ferry-timetable"]);
  assert.equal(presentationOf(a("article")), "region");
  assert.equal(presentationOf(a("site", { presentation: "clutter" })), "clutter", "the hint wins over the kind");
});

test("hidden plugins are left out of every group", () => {
  const groups = groupFindings([a("byline"), a("byline", { plugin: "muted" })], ["muted"]);
  assert.equal(groups[0].items.length, 1);
});

test("the quote is the TextQuoteSelector's words, on one line", () => {
  const target = { selectors: [{ type: "CssSelector", value: "p" }, { type: "TextQuoteSelector", exact: "  Fares\n   rise " }] };
  assert.equal(quoteOf(a("x", { target })), "Fares rise");
  assert.equal(quoteOf(a("x")), "");
  assert.equal(canReveal(a("x", { target }), new Set()), true);
  assert.equal(canReveal(a("x", { target }), new Set(["p/x/0"])), false, "not found on the page");
  assert.equal(canReveal(a("x"), new Set()), false);
});

test("provenance facts: site, authors, date and the first publisher a notice names", () => {
  const facts = provenanceFacts([
    a("site", { data: { name: "Harbour Gazette", publisher: "Coast Media Group", domain: "harbour.example", published: "2024-03-14T08:30:00+01:00" } }),
    a("byline", { data: { authors: ["Mara Lind", " ", 3], published: "" } }),
    a("credit-line", { data: { outlet: "Credited Only" } }),
    a("republication", { display: "banner", data: { outlet: "The Coastal Review" } }),
  ]);
  assert.deepEqual(facts, {
    site: "Harbour Gazette",
    publisher: "Coast Media Group",
    domain: "harbour.example",
    authors: ["Mara Lind"],
    published: "2024-03-14T08:30:00+01:00",
    firstPublishedBy: "The Coastal Review",
  });
  const credited = a("credit-line", { display: "highlight", data: { outlet: "Credited Only" } });
  assert.equal(provenanceFacts([credited]).firstPublishedBy, "Credited Only", "a credit line drawn in the page");
  const canonical = a("metadata-origin", { data: { outlet: "harbour.example", domain: "harbour.example" } });
  assert.equal(provenanceFacts([canonical]).firstPublishedBy, "", "evidence the server keeps to itself is not a notice");
  assert.deepEqual(provenanceFacts([]), { site: "", publisher: "", domain: "", authors: [], published: "", firstPublishedBy: "" });
});

test("a date reads as the page's own day, in the reader's language", () => {
  assert.equal(readableDate("2024-03-14T23:30:00-05:00", "en-US"), "March 14, 2024", "not the next day in UTC");
  assert.equal(readableDate("2024-03-14", "de"), "14. März 2024");
  assert.equal(readableDate("last Tuesday", "en"), "last Tuesday");
  assert.equal(readableDate("", "en"), "");
});

test("the provenance line's parts: worded by the given t, three authors at most, the host when nothing is known", () => {
  const t = (key, ...subs) => `${key}(${subs.join("|")})`;
  const parts = provenanceParts(
    [
      a("site", { data: { name: "Harbour Gazette", published: "2024-03-14T08:30:00+01:00" } }),
      a("byline", { data: { authors: ["A One", "B Two", "C Three", "D Four"] } }),
      a("republication", { display: "banner", data: { outlet: "The Coastal Review" } }),
    ],
    { t, language: "de", host: "harbour.example" },
  );
  assert.deepEqual(parts, [
    ["site", "Harbour Gazette"],
    ["authors", "provenanceByMore(A One, B Two, C Three)"],
    ["date", "14. März 2024"],
    ["first", "provenanceFirst(The Coastal Review)"],
  ]);
  const bare = provenanceParts([], { t, language: "en", host: "harbour.example" });
  assert.deepEqual(bare, [["site", "harbour.example"], ["none", "provenanceNoByline()"]]);
  const byDomain = provenanceParts([a("site", { data: { domain: "harbour.example" } }), a("byline", { data: { authors: ["A One"] } })], { t, language: "en" });
  assert.deepEqual(byDomain, [["site", "harbour.example"], ["authors", "provenanceBy(A One)"]]);
});
