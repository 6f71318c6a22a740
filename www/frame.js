// frame.html: the widget configured by the query string, for an iframe on
// a page the host cannot add scripts or files to (a CMS). It tells the
// embedding page its height and hands on the widget's events by
// postMessage; frame-host.js on that page listens (or the host's own code:
// messages are `{ source: "alliance-check", type, ... }`).
//   frame.html?namespace=my-practice&lang=es&mode=shared&accent=%23224488
// Events carry no free text (the comment, goal wording), as by default
// everywhere, and go only to the embedding page's origin: the `origin`
// parameter, else the origin the browser gives as referrer.
import { fail } from './failure.js';

/** Query parameter → the widget's data-* attribute. */
const OPTIONS = {
  namespace: 'data-namespace',
  lang: 'data-lang',
  mode: 'data-mode',
  variant: 'data-variant',
  theme: 'data-theme',
  title: 'data-title',
  profiles: 'data-profiles',
  profile: 'data-profile',
  'idle-seconds': 'data-idle-seconds',
  'profile-expiry': 'data-profile-expiry',
  'shared-downloads': 'data-shared-downloads',
  // Not `handover-url`: anyone can write a link's query, and a crafted one
  // must not send a client's hand-over to another site.
};
/** Query parameter → the theming custom property it sets (README "Theming"). */
const COLOURS = ['accent', 'accent-text', 'fg', 'bg', 'border'];
const THEME = Object.fromEntries(
  [...COLOURS, ...COLOURS.map((c) => `${c}-dark`)].map((c) => [c, `--alliance-check-${c}`]),
);
const EVENTS = ['alliance-check:saved', 'alliance-check:exported', 'alliance-check:error'];

const params = new URLSearchParams(location.search);
const widget = document.getElementById('alliance-check');
widget.setAttribute('data-alliance-check', '');

/** The page this frame is in, as an origin, or null (not framed, or unknown). */
function embedder() {
  if (window.parent === window) return null;
  const given = params.get('origin');
  try {
    if (given) return new URL(given).origin;
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch {
    return null;
  }
}

/** Sets up the element from the query; the first problem, in words, or null. */
function configure() {
  for (const [name, value] of params) {
    if (name === 'origin') continue;
    if (OPTIONS[name]) widget.setAttribute(OPTIONS[name], value);
    else if (THEME[name]) {
      if (!CSS.supports('color', value)) return `parameter "${name}": "${value}" is not a CSS colour`;
      document.documentElement.style.setProperty(THEME[name], value);
    } else if (name === 'radius') {
      if (!CSS.supports('border-radius', value)) return `parameter "radius": "${value}" is not a CSS length`;
      document.documentElement.style.setProperty('--alliance-check-radius', value);
    } else {
      const known = ['origin', ...Object.keys(OPTIONS), ...Object.keys(THEME), 'radius'];
      return `unknown parameter "${name}"; the parameters are ${known.join(', ')}`;
    }
  }
  return null;
}

const parent = embedder();
const post = (message, origin) => {
  if (window.parent !== window) window.parent.postMessage({ source: 'alliance-check', ...message }, origin);
};

// The height, whenever it changes, and when frame-host.js asks (it may
// load after the first one was sent). Not sensitive: to any embedder.
const measure = () =>
  post({ type: 'alliance-check:resize', height: Math.ceil(document.documentElement.getBoundingClientRect().height) }, '*');
new ResizeObserver(measure).observe(document.documentElement);
addEventListener('message', (e) => {
  if (e.source === window.parent && e.data?.source === 'alliance-check' && e.data.type === 'alliance-check:measure') measure();
});

// The widget's events, to the embedding page only.
if (parent) {
  for (const type of EVENTS) {
    document.addEventListener(type, (e) => post({ type, detail: e.detail }, parent));
  }
}

const problem = configure();
if (problem) {
  console.error(`alliance-check: ${problem}`);
  const options = { namespace: params.get('namespace'), mode: params.get('mode'), variant: params.get('variant') };
  fail(widget, { ...options, lang: params.get('lang') ?? navigator.language }, { reason: 'options', message: problem });
} else {
  await import('./embed.js');
}
