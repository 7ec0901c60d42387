// What a finding means for the reader, shared by the background (the badge), the content script
// (what may never be folded) and the popup (its groups, the quoted sentence, the one-line
// provenance summary). A classic script, like settings.js; no DOM here, so node tests check it.
(function (root) {
  "use strict";

  const PRESENTATIONS = new Set(["notice", "provenance", "source", "claim", "clutter", "region", "info"]);

  // A server from before the `presentation` hint: what the built-in kinds and displays mean.
  const BY_KIND = {
    republication: "notice",
    "text-origin": "notice",
    site: "provenance",
    byline: "provenance",
    date: "provenance",
    "credit-line": "provenance",
    "wire-dateline": "provenance",
    "metadata-origin": "provenance",
    "named-source": "source",
    "vague-attribution": "claim",
    "unattributed-assertion": "claim",
    "sourcing-summary": "claim",
    article: "region",
  };
  const BY_DISPLAY = { banner: "notice", collapse: "clutter" };

  /** The groups of the popup, in the order a reader wants them. */
  const GROUPS = Object.freeze([
    { id: "published", message: "groupPublished", presentations: ["notice", "provenance"] },
    { id: "sourcing", message: "groupSourcing", presentations: ["source", "claim"] },
    { id: "clutter", message: "groupClutter", presentations: ["clutter"] },
    { id: "other", message: "groupOther", presentations: ["info"] },
  ]);

  /** The server's `presentation` hint, or what the finding's kind and display implied before it. */
  function presentationOf(annotation) {
    if (PRESENTATIONS.has(annotation.presentation)) return annotation.presentation;
    return BY_KIND[annotation.kind] || BY_DISPLAY[annotation.display] || "info";
  }

  /**
   * What the toolbar badge counts: provenance notices and flagged claims. Promos are clutter, with
   * their own count in the popup; the site, byline and date are on every page and say nothing new.
   */
  function badgeCount(annotations, hiddenPlugins = []) {
    const hidden = new Set(hiddenPlugins);
    return annotations.filter((a) => {
      if (!a || a.display === "none" || hidden.has(a.plugin)) return false;
      const presentation = presentationOf(a);
      return presentation === "notice" || presentation === "claim";
    }).length;
  }

  /** [{group, items}] for the groups that have findings; hidden plugins and regions left out. */
  function groupFindings(annotations, hiddenPlugins = []) {
    const hidden = new Set(hiddenPlugins);
    const rank = { notice: 0, provenance: 1, claim: 0, source: 1 };
    return GROUPS.map((group) => ({
      group,
      items: annotations
        .filter((a) => a && typeof a === "object" && !hidden.has(a.plugin))
        .filter((a) => group.presentations.includes(presentationOf(a)))
        .map((a, order) => ({ a, order }))
        .sort((x, y) => (rank[presentationOf(x.a)] ?? 0) - (rank[presentationOf(y.a)] ?? 0) || x.order - y.order)
        .map(({ a }) => a),
    })).filter((g) => g.items.length);
  }

  /** The words on the page a finding is about (its TextQuoteSelector), or "". */
  function quoteOf(annotation) {
    const selectors = (annotation.target && annotation.target.selectors) || [];
    const quote = selectors.find((s) => s && s.type === "TextQuoteSelector" && typeof s.exact === "string");
    return quote ? quote.exact.replace(/\s+/g, " ").trim() : "";
  }

  /** Whether the page can be scrolled to the finding: it has a place there and was found. */
  function canReveal(annotation, unanchored) {
    return Boolean(annotation.target && (annotation.target.selectors || []).length) && !unanchored.has(String(annotation.id));
  }

  function data(annotation) {
    return annotation && annotation.data && typeof annotation.data === "object" ? annotation.data : {};
  }

  function strings(value) {
    return (Array.isArray(value) ? value : []).filter((v) => typeof v === "string" && v.trim()).map((v) => v.trim());
  }

  /**
   * The facts of the compact provenance line: site, its publisher (when another name than the
   * site's), authors, date, and the outlet that first published the text when a notice names
   * one. Missing facts are left empty.
   */
  function provenanceFacts(annotations) {
    const live = annotations.filter((a) => a && typeof a === "object");
    const of = (kind) => live.find((a) => a.kind === kind);
    const site = data(of("site"));
    const byline = data(of("byline"));
    const naming = (p) =>
      live.find((a) => presentationOf(a) === p && typeof data(a).outlet === "string" && data(a).outlet && a.display !== "none");
    // A notice is the server's judgement; a credit line drawn in the page says it too. Evidence
    // it keeps to itself (display "none": the canonical address) may be the site's own elsewhere.
    const notice = naming("notice") || naming("provenance");
    const authors = strings(byline.authors);
    const published = [byline.published, site.published].find((d) => typeof d === "string" && d.trim()) || "";
    return {
      site: typeof site.name === "string" ? site.name : "",
      publisher: typeof site.publisher === "string" ? site.publisher.trim() : "",
      domain: typeof site.domain === "string" ? site.domain : "",
      authors: authors.length ? authors : strings(byline.roles),
      published,
      firstPublishedBy: notice ? data(notice).outlet : "",
    };
  }

  const MAX_AUTHORS = 3;

  /**
   * The compact provenance line, as [what, words] parts, for the popup and for the in-page line
   * alike ("DER STANDARD · By Birgit Baumann, Anna Fink · 3 May 2024 · First published by …").
   * `t` words it in the reader's language, `language` writes the date; `host` names the site
   * when the server found nothing about it, and a page with neither author nor date says so.
   */
  function provenanceParts(annotations, { t, language, host = "" }) {
    const facts = provenanceFacts(annotations);
    const parts = [];
    const site = facts.site || facts.domain;
    if (site) parts.push(["site", site]);
    if (facts.publisher) parts.push(["publisher", t("provenancePublisher", facts.publisher)]);
    const authors = facts.authors;
    if (authors.length > MAX_AUTHORS) parts.push(["authors", t("provenanceByMore", authors.slice(0, MAX_AUTHORS).join(", "))]);
    else if (authors.length) parts.push(["authors", t("provenanceBy", authors.join(", "))]);
    if (facts.published) parts.push(["date", readableDate(facts.published, language)]);
    if (facts.firstPublishedBy) parts.push(["first", t("provenanceFirst", facts.firstPublishedBy)]);
    if (!authors.length && !facts.published) {
      if (!site && host) parts.unshift(["site", host]);
      parts.push(["none", t("provenanceNoByline")]);
    }
    return parts;
  }

  /** A date as the reader writes it ("12 May 2023" / "May 12, 2023"), or the text as given. */
  function readableDate(value, language) {
    const day = /^\d{4}-\d{2}-\d{2}(?=$|T)/.exec(String(value || "")); // the day as the page wrote it
    const when = new Date(day ? day[0] : value);
    if (!value || Number.isNaN(when.getTime())) return value || "";
    try {
      return when.toLocaleDateString(language, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    } catch {
      return value;
    }
  }

  root.Masthead = root.Masthead || {};
  root.Masthead.findings = { GROUPS, presentationOf, badgeCount, groupFindings, quoteOf, canReveal, provenanceFacts, provenanceParts, readableDate };
})(globalThis);
