// The extension's own words in the reader's language (`_locales/*/messages.json`, English when a
// message is missing). Pages mark translatable text with data-i18n attributes; scripts call t().
(function (root) {
  "use strict";

  const api = root.browser || root.chrome;

  /** The message `key` with its $1…$9 filled from `subs`; the key itself if no locale has it. */
  function t(key, ...subs) {
    let message = "";
    try {
      message = api.i18n.getMessage(key, subs.map(String));
    } catch {
      message = "";
    }
    return message || key;
  }

  /** The browser's UI language ("de", "en-US"): the one `t` speaks. */
  function language() {
    try {
      return api.i18n.getUILanguage() || "en";
    } catch {
      return "en";
    }
  }

  const ATTRIBUTES = { "data-i18n-title": "title", "data-i18n-placeholder": "placeholder", "data-i18n-aria-label": "aria-label" };

  /** Fill every [data-i18n] element's text and every [data-i18n-*] attribute of `doc`. */
  function localize(doc) {
    doc.documentElement.lang = language();
    for (const node of doc.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    for (const [attribute, target] of Object.entries(ATTRIBUTES)) {
      for (const node of doc.querySelectorAll(`[${attribute}]`)) node.setAttribute(target, t(node.getAttribute(attribute)));
    }
  }

  root.Masthead = root.Masthead || {};
  root.Masthead.i18n = { t, language, localize };
})(globalThis);
