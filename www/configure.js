// configure.html: a practice's web person picks the options, sees the real
// widget with them, and copies the snippet for the script tag, the custom
// element or the iframe (README "Embed it in a web page"). Everything stays
// on this page.
import './frame-host.js';
import texts from './failure-texts.js';

const form = document.getElementById('options');
const field = (name) => form.elements.namedItem(name);
const preview = document.getElementById('preview');
const error = document.getElementById('error');
let handle = null;
let renders = 0;

field('base').value = new URL('./', location.href).href;

/** The choices that differ from the widget's defaults, as option name → value. */
function choices() {
  const chosen = { namespace: field('namespace').value.trim() };
  for (const [name, fallback] of [['lang', ''], ['variant', 'adult'], ['mode', 'personal'], ['theme', 'auto']]) {
    const value = field(name).value;
    if (value !== fallback) chosen[name] = value;
  }
  if (!field('title').checked) chosen.title = 'off';
  return chosen;
}

const accent = () => field('accent').value.trim();
const method = () => form.querySelector('input[name=method]:checked').value;

/** The folder's address, ending in a slash. */
function base() {
  const raw = field('base').value.trim() || './';
  return raw.endsWith('/') ? raw : `${raw}/`;
}

/** Whether an address works only on this computer (a snippet with it would not work elsewhere). */
function local(address) {
  try {
    const { protocol, hostname } = new URL(address, location.href);
    return protocol === 'file:' || hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname);
  } catch {
    return false;
  }
}

/** Text for an HTML attribute value. */
const attr = (text) => String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The element attribute (or data-* name) of each option. */
const ELEMENT = { namespace: 'namespace', lang: 'lang', variant: 'variant', mode: 'mode', theme: 'theme', title: 'widget-title' };

function frameSrc(chosen, at) {
  const query = new URLSearchParams(chosen);
  if (accent()) query.set('accent', accent());
  return `${at}frame.html?${query}`;
}

/** The snippet for `how`, the stylesheet rule (or ''), and notes. */
function snippet(how, chosen) {
  const at = base();
  const css = accent() && how !== 'iframe' ? `:root { --alliance-check-accent: ${accent()}; }` : '';
  if (how === 'script') {
    const data = Object.entries(chosen).map(([k, v]) => ` data-${k}="${attr(v)}"`).join('');
    return {
      code: `<link rel="stylesheet" href="${attr(at)}alliance-check.css">\n<script type="module" src="${attr(at)}embed.js"></script>\n<div data-alliance-check${data}></div>`,
      css,
      where: 'Put the first two lines in the page\'s head (or anywhere before the widget), the last where the check should appear.',
      notes: 'Needs the files on your site (or a host that allows it, with CORS); see the README for the Content-Security-Policy.',
    };
  }
  if (how === 'element') {
    const attrs = Object.entries(chosen).map(([k, v]) => ` ${ELEMENT[k]}="${attr(v)}"`).join('');
    return {
      code: `<script type="module" src="${attr(at)}alliance-check-element.js"></script>\n<alliance-check${attrs}></alliance-check>`,
      css,
      where: 'Paste it where the check should appear. Your page\'s styles cannot reach into it, nor its styles out.',
      notes: 'Needs the files on your site (or a host that allows it, with CORS).',
    };
  }
  // The frame's title in the widget's language (the page's, if automatic).
  const lang = chosen.lang ?? document.documentElement.lang;
  const title = (texts[`${lang}${chosen.variant === 'children' ? '-children' : ''}`] ?? texts[lang] ?? texts.en).title;
  return {
    code: `<iframe src="${attr(frameSrc(chosen, at))}" title="${attr(title)}" width="100%" height="700" allow="clipboard-write"></iframe>\n<script src="${attr(at)}frame-host.js" async></script>`,
    css: '',
    where: 'Paste it into an HTML block of your page. The second line makes the frame as tall as the check and passes its events on; without it the frame keeps the height in the snippet (700 pixels) and a thin border.',
    notes: 'The check keeps its history under the frame\'s own address, separately for each site that embeds it.',
  };
}

/** Mounts the preview again with the current choices; says what is wrong, if anything. */
async function render() {
  const mine = ++renders;
  const chosen = choices();
  const how = method();
  const invalid = accent() && !CSS.supports('color', accent());
  const out = invalid ? { code: '', css: '', where: '', notes: '' } : snippet(how, chosen);
  document.getElementById('snippet').textContent = out.code;
  document.getElementById('snippet-where').textContent = out.where;
  document.getElementById('snippet-notes').textContent = out.notes;
  document.getElementById('snippet-css').textContent = out.css;
  document.getElementById('snippet-css-part').hidden = !out.css;
  document.getElementById('copied').textContent = '';
  document.getElementById('base-hint').textContent = local(base())
    ? 'This address works only on this computer: open the configurator on the site that will serve the folder, or type that address here.'
    : '';
  handle?.destroy();
  handle = null;
  preview.replaceChildren();
  error.textContent = '';
  preview.style.setProperty('--alliance-check-accent', accent() || null);
  if (invalid) {
    error.textContent = `The accent colour "${accent()}" is not a CSS colour.`;
    return;
  }
  if (how === 'iframe') {
    const frame = document.createElement('iframe');
    frame.title = 'Preview of the session check';
    frame.src = frameSrc(chosen, './');
    preview.append(frame);
    return;
  }
  const el = document.createElement('div');
  preview.append(el);
  try {
    const { mount } = await import('./embed.js');
    // A newer render started while this one waited for the module.
    if (mine !== renders) return;
    handle = mount(el, chosen);
  } catch (e) {
    error.textContent = `These options do not work: ${String(e?.message ?? e).replace(/^alliance-check: /, '')}`;
  }
}

let pending = 0;
form.addEventListener('input', () => {
  clearTimeout(pending);
  pending = setTimeout(render, 300);
});
form.addEventListener('change', () => {
  clearTimeout(pending);
  render();
});
form.addEventListener('submit', (e) => e.preventDefault());

document.getElementById('copy').addEventListener('click', async () => {
  const out = document.getElementById('snippet').textContent;
  const said = document.getElementById('copied');
  try {
    await navigator.clipboard.writeText(out);
    said.textContent = 'Copied.';
  } catch {
    // No clipboard (permissions): select the text for Ctrl+C.
    getSelection().selectAllChildren(document.getElementById('snippet'));
    said.textContent = 'Selected: press Ctrl+C (or ⌘C) to copy.';
  }
});

render();
