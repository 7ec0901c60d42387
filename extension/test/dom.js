// A DOM for unit tests: jsdom, plus the extension's classic scripts loaded onto globalThis.
import { JSDOM } from "jsdom";
import "../src/content/anchoring.js";
import "../src/content/serialize.js";

export const { anchoring, serializer } = globalThis.Masthead;

export function page(body, head = "") {
  const dom = new JSDOM(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`);
  return dom.window.document;
}
