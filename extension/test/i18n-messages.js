// `chrome.i18n` for node tests, over the extension's real English messages (`_locales/en`), with
// the browser's $1…$9 substitution: the renderer's own words are tested as a reader sees them.
import { readFileSync } from "node:fs";

const messages = JSON.parse(readFileSync(new URL("../src/_locales/en/messages.json", import.meta.url), "utf8"));

globalThis.chrome = {
  i18n: {
    getMessage(key, subs = []) {
      const entry = messages[key];
      return entry ? entry.message.replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? "") : "";
    },
    getUILanguage: () => "en",
  },
};
