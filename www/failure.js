// When the widget cannot start (its WebAssembly missing, blocked or refused;
// an invalid option), the client must not be left with a first screen that
// looks alive and a Next that waits forever. `fail()` puts a plain message
// in place, with a button to reload the page, and tells the host page
// (`alliance-check:error`). On the client's own device the ratings already
// given in the pre-rendered first screen are kept in this tab
// (sessionStorage, under the widget's namespace) and put back by
// `restore()` on the next load. On a shared screen nothing is kept: the
// next person must not find them. Texts: failure-texts.js, generated from
// the widget's own catalogue (core/src/i18n) at build time.

/** Where the first screen's ratings wait for the next load, in this tab only. */
const keyOf = (namespace) => `${namespace || 'alliance-check'}:first-screen`;

/** Used only if failure-texts.js cannot be loaded either. */
const ENGLISH = {
  message: 'This check could not start. Please reload the page; your answers here were not saved.',
  kept: 'This check could not start. Please reload the page. Nothing was saved yet; the ratings you gave will be back after the reload.',
  reload: 'Reload the page',
};

async function textsFor(lang, children) {
  try {
    const all = (await import('./failure-texts.js')).default;
    const tag = all[lang] ? lang : String(lang).toLowerCase().split(/[-_]/)[0];
    return all[`${tag}${children ? '-children' : ''}`] ?? all[tag] ?? all.en ?? ENGLISH;
  } catch {
    return ENGLISH;
  }
}

/** The ratings given in a first screen: `{ goals: "7.4", bond: "25" }` (a face's value in tenths). */
function ratingsIn(section) {
  const ratings = {};
  for (const scale of section?.querySelectorAll('.ac-scale[data-scale]:not(.is-unset)') ?? []) {
    const face = scale.querySelector('input[type=radio]:checked');
    const range = scale.querySelector('input[type=range]');
    const value = face?.value ?? range?.value;
    if (value !== undefined) ratings[scale.dataset.scale] = value;
  }
  return ratings;
}

/** Keeps the first screen's ratings for the next load; true if there were any and they are kept. */
function keep(section, options) {
  if (options.mode === 'shared') return false;
  const ratings = ratingsIn(section);
  if (!Object.keys(ratings).length) return false;
  try {
    sessionStorage.setItem(keyOf(options.namespace), JSON.stringify(ratings));
    return true;
  } catch {
    return false;
  }
}

/**
 * Puts ratings kept by an earlier failed load back into a freshly wired
 * first screen (as if the client had given them again), then forgets them.
 */
export function restore(section, options) {
  if (options.mode === 'shared') return;
  let ratings;
  try {
    ratings = JSON.parse(sessionStorage.getItem(keyOf(options.namespace)) ?? 'null');
    sessionStorage.removeItem(keyOf(options.namespace));
  } catch {
    return;
  }
  if (!ratings || typeof ratings !== 'object') return;
  for (const [scale, value] of Object.entries(ratings)) {
    const el = [...section.querySelectorAll('.ac-scale[data-scale]')].find((s) => s.dataset.scale === scale);
    const face = [...(el?.querySelectorAll('input[type=radio]') ?? [])].find((r) => r.value === String(value));
    const range = el?.querySelector('input[type=range]');
    if (face) {
      face.checked = true;
      face.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (range && /^\d{1,2}(\.\d)?$/.test(String(value)) && Number(value) <= 10) {
      range.value = String(value);
      range.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }
}

/**
 * Shows, in `container` (the element the widget was to render into), that
 * the check could not start. `options`: the widget's options as far as
 * known (namespace, mode, variant, lang). `detail`: `{ reason, message }`
 * for the host's `alliance-check:error` event, dispatched unless
 * `announce` is false (the WebAssembly already sent it).
 */
export async function fail(container, options, detail, announce = true) {
  if (!(container instanceof Element) || container.hasAttribute('data-alliance-check-mounted')) return;
  if (container.hasAttribute('data-alliance-check-failed')) return;
  container.setAttribute('data-alliance-check-failed', '');
  if (announce) {
    container.dispatchEvent(new CustomEvent('alliance-check:error', { bubbles: true, composed: true, detail }));
  }
  const first = container.querySelector('[data-ac-first]');
  const kept = keep(first, options);
  const lang = first?.getAttribute('lang') || options.lang || 'en';
  const texts = await textsFor(lang, options.variant === 'children');
  // A good mount may have come meanwhile (it clears the mark): leave it.
  if (container.hasAttribute('data-alliance-check-mounted') || !container.hasAttribute('data-alliance-check-failed')) return;
  const box = document.createElement('div');
  box.className = `ac ac-failed${options.mode === 'shared' ? ' ac--shared' : ''}`;
  box.lang = lang;
  const message = document.createElement('p');
  message.className = 'ac-failed__message';
  message.setAttribute('role', 'alert');
  message.textContent = kept ? texts.kept : texts.message;
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.className = 'ac-button ac-button--primary';
  reload.textContent = texts.reload;
  reload.addEventListener('click', () => location.reload());
  box.append(message, reload);
  container.replaceChildren(box);
}

/** The options `fail()` needs, from an auto-mounted element's data-* attributes. */
function declared(el) {
  const d = el.dataset;
  return { namespace: d.namespace, mode: d.mode, variant: d.variant, lang: d.lang ?? el.getAttribute('lang') ?? undefined };
}

/** Every declared widget not mounted yet: the module could not be loaded (`error`). */
export function failAll(error, root = document) {
  for (const el of root.querySelectorAll('[data-alliance-check]:not([data-alliance-check-mounted])')) {
    fail(el, declared(el), { reason: 'load', message: String(error?.message ?? error) });
  }
}

let listening = false;

/**
 * Shows the message when the WebAssembly refuses a declared widget's
 * options (it reports them as `alliance-check:error` with reason
 * `options`). Once per page.
 */
export function listen() {
  if (listening || typeof document === 'undefined') return;
  listening = true;
  document.addEventListener('alliance-check:error', (e) => {
    const target = e.composedPath()[0];
    if (e.detail?.reason === 'options' && target instanceof Element && target.hasAttribute('data-alliance-check')) {
      fail(target, declared(target), e.detail, false);
    }
  });
}

/**
 * `mount` with its refusal shown in place too: an invalid option (or a
 * missing element) still throws for the host's code, and the client sees
 * the message rather than an empty space.
 */
export function mountOrFail(mount, element, options) {
  try {
    return mount(element, options);
  } catch (error) {
    fail(element, options ?? {}, { reason: 'options', message: String(error?.message ?? error) });
    throw error;
  }
}
