// The all-sites permission that "Analyse articles automatically" needs, and nothing else does: by
// default the extension runs only on the page the reader clicks it on (activeTab). A classic
// script shared by the background and the options page.
(function (root) {
  "use strict";

  const api = root.browser || root.chrome;

  /** Every http(s) page: what the automatic mode reads, as the manifest lists it as optional. */
  const ALL_SITES = Object.freeze(["http://*/*", "https://*/*"]);

  /** Whether the reader has granted it (and not taken it back in the browser's own settings). */
  function hasAllSites() {
    return api.permissions.contains({ origins: [...ALL_SITES] });
  }

  /** Ask the reader for it: call this straight from their click (browsers refuse it otherwise). */
  function requestAllSites() {
    return api.permissions.request({ origins: [...ALL_SITES] });
  }

  root.Masthead = root.Masthead || {};
  root.Masthead.permissions = { ALL_SITES, hasAllSites, requestAllSites };
})(globalThis);
