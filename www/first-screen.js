// The first screen before the WebAssembly: for every `[data-alliance-check]`
// element it puts the pre-rendered first step on the page (from `first/`, or
// already in the page when the build inlined it) and makes it work on its
// own: a moved slider or a chosen face shows its value, a typed number is
// checked, Next or Start waits quietly for the widget. The widget then takes
// the element over and carries over every value, the focus and a pending
// Next or Start (src/takeover.rs). Our own build output only: no user text.

const LANGUAGES = ['en', 'es', 'de', 'fr'];
const FIRST = new URL('./first/', import.meta.url);
let next = 1;

// A hand-over link (issue 16) carries a history in its fragment. Browsers
// never send the fragment to a server; it leaves the address bar and the
// history entry here, before the WebAssembly loads, and waits under a
// registered symbol (no named global on the host page) for the widget,
// which takes it (src/lib.rs `take_handover`).
const HANDOVER = Symbol.for('alliance-check:handover');
if (location.hash.startsWith('#alliance-check=')) {
  globalThis[HANDOVER] = location.hash;
  history.replaceState(history.state, '', location.href.split('#')[0]);
}
// A link opened on a page already showing it (the same code scanned or
// pasted again) changes only the fragment: load afresh to receive it.
addEventListener('hashchange', () => {
  if (location.hash.startsWith('#alliance-check=')) location.reload();
});

// The languages other than English are not in the WebAssembly: the widget
// asks for the one a client reads (src/languages.rs) through this function,
// left under a registered symbol. The first screen's language is asked for
// as soon as the first screen is shown, so it arrives with the WebAssembly.
const LANGUAGE_FILES = new URL('./i18n/', import.meta.url);
const languageFiles = new Map();
/** The text of a language's file (`i18n/<tag>.json`), fetched once. */
function languageFile(tag) {
  let text = languageFiles.get(tag);
  if (!text) {
    text = fetch(new URL(`${tag}.json`, LANGUAGE_FILES)).then((r) =>
      r.ok ? r.text() : Promise.reject(new Error(`i18n/${tag}.json: ${r.status}`)),
    );
    languageFiles.set(tag, text);
    // Asked again next time (the connection may be back).
    text.catch(() => languageFiles.delete(tag));
  }
  return text;
}
globalThis[Symbol.for('alliance-check:languages')] ??= languageFile;

/** Starts fetching what `tag` needs (its language's file, a variant's own), if not English. */
function prefetch(tag) {
  if (!tag || tag === 'en') return;
  for (const file of new Set([tag.split('-')[0], tag])) languageFile(file).catch(() => {});
}

/** The bundled language for `wanted` (`es-MX` → `es`), if any. */
function best(wanted) {
  const tag = String(wanted ?? '').trim().toLowerCase();
  const primary = tag.split(/[-_]/)[0];
  return LANGUAGES.find((l) => l === tag || l === primary);
}

/**
 * The language chosen by hand on an earlier visit, kept by the widget
 * (`Store::language` in src/storage/mod.rs writes this key): read here too,
 * so the first screen is already in it.
 */
function remembered(namespace, shared) {
  if (shared) return undefined;
  try {
    return localStorage.getItem(`${namespace || 'alliance-check'}:lang`) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * As the widget chooses: a language chosen by hand before, the option, the
 * page's lang (not on our own pages, which follow the browser), the
 * browser's languages.
 */
function languageFor(options) {
  const html = document.documentElement;
  const page = html.hasAttribute('data-alliance-check-page') ? undefined : html.lang;
  const candidates = [remembered(options.namespace, options.mode === 'shared'), options.lang, page, ...(navigator.languages ?? [])];
  for (const c of candidates) {
    const found = best(c);
    if (found) return found;
  }
  return 'en';
}

/**
 * The file of the first screen for these options (`en-adult-personal.html`),
 * or null where it cannot be known before the widget runs: a practice's own
 * instrument, or a personal device that asks for a profile code first.
 */
export function firstScreenFor(options) {
  if (options.instrument) return null;
  const shared = options.mode === 'shared';
  if (options.profiles === 'codes' && !shared) return null;
  const variant = options.variant === 'children' ? 'children' : 'adult';
  return `${languageFor(options)}-${variant}-${shared ? 'shared' : 'personal'}.html`;
}

/** The first screen's options from an element's data-* attributes. */
function optionsOf(el) {
  const d = el.dataset;
  return { lang: d.lang ?? el.getAttribute('lang') ?? undefined, namespace: d.namespace, variant: d.variant, mode: d.mode, profiles: d.profiles, instrument: d.instrument, theme: d.theme, title: d.title };
}

/**
 * Ratings kept by a load that failed (failure.js) go back into the first
 * screen. failure.js is fetched only then: it is not on the way to the
 * first slider.
 */
function restore(section, options) {
  if (options.mode === 'shared') return;
  try {
    if (sessionStorage.getItem(`${options.namespace || 'alliance-check'}:first-screen`) === null) return;
  } catch {
    return;
  }
  import('./failure.js').then((failure) => failure.restore(section, options)).catch(() => {});
}

/** Fetches and shows the first screen in `container` (unless the widget got there first). */
export async function showFirstScreen(container, options, replacing = null) {
  const file = firstScreenFor(options);
  if (!file) return;
  prefetch(file.split('-')[0]);
  let html;
  try {
    const response = await fetch(new URL(file, FIRST));
    if (!response.ok) return;
    html = await response.text();
  } catch {
    return; // The widget still comes; only the head start is lost.
  }
  // Another first screen is there: leave it, unless it is the one being
  // replaced (a page's inlined screen in another language), untouched.
  const current = container.querySelector('[data-ac-first]');
  if (container.hasAttribute('data-alliance-check-mounted')) return;
  if (current && (current !== replacing || current.dataset.acTouched)) return;
  // Ids unique to this widget, so labels stay tied to their fields.
  const unique = html.replaceAll('ac0-', `acf${next++}-`);
  const fragment = document.createRange().createContextualFragment(unique);
  const section = fragment.querySelector('[data-ac-first]');
  if (!section) return;
  if (options.theme === 'light' || options.theme === 'dark') section.classList.add(`ac--${options.theme}`);
  if (options.title === 'off') {
    section.querySelector('.ac__header')?.classList.add('ac__header--untitled');
    section.querySelector('.ac__title')?.classList.add('ac-visually-hidden');
  }
  container.replaceChildren(fragment);
  wire(section);
  restore(section, options);
}

/** Makes a first screen work until the widget takes over. */
export function wire(section) {
  if (section.dataset.acWired) return;
  section.dataset.acWired = '1';
  for (const type of ['pointerdown', 'keydown', 'input', 'focusin']) {
    section.addEventListener(type, () => (section.dataset.acTouched = '1'), { once: true });
  }
  const words = section.dataset;
  const text = (value) => value.toFixed(1).replace('.', words.acDecimal);
  const rated = (scale, value) => {
    scale.classList.remove('is-unset');
    const range = scale.querySelector('input[type=range]');
    const number = scale.querySelector('.ac-scale__number');
    if (range) {
      range.value = String(value);
      range.setAttribute('aria-valuetext', words.acValuetext.replace('{value}', text(value)));
    }
    if (number) number.value = text(value);
    invalid(scale, false);
  };
  const invalid = (scale, on) => {
    const error = scale.querySelector('.ac-scale__error');
    const number = scale.querySelector('.ac-scale__number');
    if (error) error.textContent = on ? words.acInvalid : '';
    number?.setAttribute('aria-invalid', String(on));
  };
  const typed = (input) => {
    const raw = input.value.trim();
    const scale = input.closest('.ac-scale');
    if (!raw) return invalid(scale, false);
    const value = Number(raw.replace(',', '.'));
    if (/^\d{1,2}([.,]\d)?$/.test(raw) && value <= 10) rated(scale, value);
    else invalid(scale, true);
  };
  const slider = (e) => {
    if (e.target.type === 'range') rated(e.target.closest('.ac-scale'), Number(e.target.value));
  };
  section.addEventListener('input', slider);
  // A tap where the resting mark already is sends no input event.
  section.addEventListener('pointerup', slider);
  section.addEventListener('change', (e) => {
    // A language picked here: the widget takes over in it, so its texts
    // are asked for now, beside the WebAssembly.
    if (e.target.tagName === 'SELECT') prefetch(e.target.value);
    if (e.target.type === 'radio') e.target.closest('.ac-scale')?.classList.remove('is-unset');
    if (e.target.classList.contains('ac-scale__number')) typed(e.target);
  });
  section.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.target.classList.contains('ac-scale__number')) {
      e.preventDefault();
      typed(e.target);
    }
  });
  // Next, Start, History or Goals before the widget is ready: remembered
  // (the last one wins) and carried over.
  const wait = (button) => {
    section.dataset.acIntent = button.dataset.acIntent;
    for (const b of section.querySelectorAll('[aria-busy]')) b.removeAttribute('aria-busy');
    button.setAttribute('aria-busy', 'true');
    if (button.classList.contains('ac-nav__item')) return;
    button.setAttribute('aria-disabled', 'true');
    button.textContent = words.acLoading;
  };
  section.addEventListener('click', (e) => {
    const button = e.target.closest?.('[data-ac-intent]');
    if (!button) return;
    e.preventDefault();
    wait(button);
  });
  section.addEventListener('submit', (e) => {
    e.preventDefault();
    const button = section.querySelector('[data-ac-intent="next"]');
    if (button) wait(button);
  });
}

/** Shows and wires the first screen of every widget on the page not yet mounted. */
export function showAll(root = document) {
  for (const el of root.querySelectorAll('[data-alliance-check]:not([data-alliance-check-mounted])')) {
    const inlined = el.querySelector('[data-ac-first]');
    if (!inlined) {
      showFirstScreen(el, optionsOf(el));
      continue;
    }
    wire(inlined);
    restore(inlined, optionsOf(el));
    // A page's inlined screen is in the page's language; a client whose
    // browser (or earlier choice) asks for another gets that one instead.
    const file = firstScreenFor(optionsOf(el));
    if (file && !file.startsWith(`${inlined.getAttribute('lang')}-`)) showFirstScreen(el, optionsOf(el), inlined);
  }
}

showAll();
