// The extension's own words: every key the code and pages use exists in English, and every
// language has the same keys with the same $1…$9 substitutions (a missing one shows the key).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

const SRC = new URL("../src/", import.meta.url);
const read = (path) => readFileSync(new URL(path, SRC), "utf8");
const locale = (lang) => JSON.parse(read(`_locales/${lang}/messages.json`));
const LANGS = readdirSync(new URL("_locales/", SRC));
const placeholders = (message) => [...new Set(message.match(/\$\d/g) || [])].sort();

function sources() {
  const files = [];
  for (const dir of ["background", "content", "options", "popup", "shared"]) {
    for (const name of readdirSync(new URL(`${dir}/`, SRC))) if (/\.(js|html)$/.test(name)) files.push(`${dir}/${name}`);
  }
  return files.concat(["manifest.json"]);
}

test("four languages, each with the English keys and substitutions", () => {
  assert.deepEqual([...LANGS].sort(), ["de", "en", "es", "fr"]);
  const en = locale("en");
  for (const lang of LANGS) {
    const messages = locale(lang);
    assert.deepEqual(Object.keys(messages).sort(), Object.keys(en).sort(), lang);
    for (const [key, { message }] of Object.entries(messages)) {
      assert.ok(message.trim(), `${lang} ${key} is empty`);
      assert.deepEqual(placeholders(message), placeholders(en[key].message), `${lang} ${key}`);
    }
  }
});

test("every message the code names is in _locales", () => {
  const en = locale("en");
  const used = new Set();
  for (const file of sources()) {
    const text = read(file);
    for (const m of text.matchAll(/\bt\(\s*"([A-Za-z0-9_]+)"/g)) used.add(m[1]);
    for (const m of text.matchAll(/\bt\(\s*\w+\s*\?\s*"([A-Za-z0-9_]+)"\s*:\s*"([A-Za-z0-9_]+)"/g)) used.add(m[1]).add(m[2]);
    for (const m of text.matchAll(/data-i18n(?:-[a-z-]+)?="([A-Za-z0-9_]+)"/g)) used.add(m[1]);
    for (const m of text.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.add(m[1]);
  }
  assert.ok(used.size > 40, `found only ${used.size} keys: the patterns above no longer match the code`);
  const missing = [...used].filter((key) => !(key in en));
  assert.deepEqual(missing, []);
});
