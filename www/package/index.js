// The npm package's entry: the WebAssembly glue, with a `mount()` that
// brings the widget's stylesheet along (one constructable stylesheet per
// document, adopted by the document or the shadow root the widget is in),
// so the widget cannot end up unstyled by mistake. `styles: false` opts out
// for hosts that load `alliance-check/style.css` themselves.
import init, { initSync, mount as mountWidget, MountHandle } from './alliance_check.js';
import { failAll, listen, mountOrFail } from './failure.js';
import css from './style.js';

// The languages other than English are not in the WebAssembly: the widget
// asks for the one a client reads through this function (src/languages.rs),
// each file beside this one (bundlers copy `i18n/*.json` as assets). The
// same as first-screen.js's, which the package does not ship and which
// stays free of imports on the way to the first slider.
const languageFiles = new Map();
if (typeof globalThis.fetch === 'function') {
  globalThis[Symbol.for('alliance-check:languages')] ??= (tag) => {
    let text = languageFiles.get(tag);
    if (!text) {
      text = fetch(new URL(`./i18n/${tag}.json`, import.meta.url)).then((r) =>
        r.ok ? r.text() : Promise.reject(new Error(`i18n/${tag}.json: ${r.status}`)),
      );
      languageFiles.set(tag, text);
      text.catch(() => languageFiles.delete(tag));
    }
    return text;
  };
}

/** One stylesheet per document (a constructed sheet belongs to one). */
const sheets = new WeakMap();

/** Adopts the widget's stylesheet where `element` renders: its shadow root or document. */
function adopt(element) {
  const found = element.getRootNode();
  const root = 'adoptedStyleSheets' in found ? found : element.ownerDocument;
  const doc = root.ownerDocument ?? root;
  let sheet = sheets.get(doc);
  if (!sheet) {
    sheet = new doc.defaultView.CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(doc, sheet);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

let ready = null;

/**
 * Initialises the WebAssembly module, once: every call (two custom
 * elements, a page and a component) shares the first one's promise, and a
 * failed one may be retried. Widgets declared with `data-alliance-check`
 * are mounted then, with the stylesheet unless they carry
 * `data-styles="off"`.
 */
function start(moduleOrPath) {
  ready ??= (async () => {
    if (typeof document !== 'undefined') {
      for (const el of document.querySelectorAll('[data-alliance-check]:not([data-styles="off"])')) adopt(el);
    }
    listen();
    return init(moduleOrPath);
  })().catch((e) => {
    ready = null;
    // Declared widgets say in place that they could not start.
    if (typeof document !== 'undefined') failAll(e);
    throw e;
  });
  return ready;
}

/**
 * Renders the widget into `element` (after `init()`), with its stylesheet
 * unless `options.styles` is `false`; the other options go to the widget.
 */
export function mount(element, options = {}) {
  const { styles = true, ...rest } = options ?? {};
  if (typeof styles !== 'boolean') throw new TypeError('alliance-check: option "styles" must be true or false');
  if (styles && typeof Element !== 'undefined' && element instanceof Element) adopt(element);
  return mountOrFail(mountWidget, element, rest);
}

export { start as default, initSync, MountHandle };
