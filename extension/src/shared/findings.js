// What a finding means for the reader, shared by the background (the badge), the content script
// (what may never be folded) and the popup (its groups). A classic script, like settings.js.
(function (root) {
  "use strict";

  // Kind names an older server sends without the `presentation` hint (see docs/plugins.md).
  const PROVENANCE_KINDS = new Set(["credit-line", "wire-dateline", "metadata-origin", "byline", "site", "date"]);
  const CLAIM_KINDS = new Set(["vague-attribution", "unattributed-assertion", "sourcing-summary"]);

  /** The server's `presentation` hint, or what the finding's display and kind implied before it. */
  function presentationOf(annotation) {
    if (annotation && typeof annotation.presentation === "string") return annotation.presentation;
    if (annotation.display === "banner") return "notice";
    if (annotation.display === "collapse") return "clutter";
    if (annotation.kind === "article") return "region";
    if (PROVENANCE_KINDS.has(annotation.kind)) return "provenance";
    if (CLAIM_KINDS.has(annotation.kind)) return "claim";
    return "info";
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

  root.Masthead = root.Masthead || {};
  root.Masthead.findings = { presentationOf, badgeCount };
})(globalThis);
