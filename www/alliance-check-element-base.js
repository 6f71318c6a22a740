// What the <alliance-check> custom element does, shared by the site build
// (alliance-check-element.js: stylesheet link, pre-rendered first screen,
// the loader) and the npm package (`alliance-check/element`: the package's
// own mount, which adopts the stylesheet). The widget renders into a shadow
// root, so the host page's CSS cannot reach in and the widget's cannot
// leak out. Attributes mirror the mount() options:
//   <alliance-check namespace="my-practice" lang="es" mode="shared"
//                   theme="dark" profiles="codes" idle-seconds="120"
//                   instrument="/questions.json" widget-title="off"></alliance-check>

import { fail } from './failure.js';

/** Attribute → option name, for the plain string options. */
const OPTIONS = {
  namespace: 'namespace',
  profile: 'profile',
  lang: 'lang',
  mode: 'mode',
  theme: 'theme',
  profiles: 'profiles',
  variant: 'variant',
  // `title` would also be the element's tooltip, so the attribute is longer.
  'widget-title': 'title',
  'handover-url': 'handoverUrl',
};

/** The mount() options an element's attributes ask for (not the instrument). */
export function optionsOf(element) {
  const options = {};
  for (const [attr, name] of Object.entries(OPTIONS)) {
    if (element.hasAttribute(attr)) options[name] = element.getAttribute(attr);
  }
  if (element.hasAttribute('idle-seconds')) options.idleSeconds = Number(element.getAttribute('idle-seconds'));
  if (element.hasAttribute('profile-expiry')) options.profileExpiry = Number(element.getAttribute('profile-expiry'));
  // Present and not "false" (React 18 writes false as "false"), as the
  // data-* attributes are read.
  const on = (attr) => element.hasAttribute(attr) && element.getAttribute(attr) !== 'false';
  if (on('list-profiles')) options.listProfiles = true;
  if (on('events-include-text')) options.eventsIncludeText = true;
  if (element.hasAttribute('shared-downloads')) options.sharedDownloads = element.getAttribute('shared-downloads') || 'on';
  return options;
}

/** A practice's own instrument from a same-origin URL, or undefined (said on the console). */
async function instrumentAt(url) {
  const resolved = new URL(url, document.baseURI);
  if (resolved.origin !== location.origin) {
    console.error(`alliance-check: instrument ${url} is not on this site`);
    return undefined;
  }
  try {
    const response = await fetch(resolved);
    if (response.ok) return await response.json();
    console.error(`alliance-check: instrument ${url} answered ${response.status}`);
  } catch (e) {
    console.error(`alliance-check: instrument ${url} could not be loaded`, e);
  }
  return undefined;
}

/**
 * Defines <alliance-check> (once per page) and returns its class; on a
 * server (no `customElements`, as in a framework's server render) it
 * defines nothing and returns undefined. `prepare(root, container,
 * options, instrumentUrl)` fills the fresh shadow root before the widget
 * loads; `load()` resolves to the widget's `mount(container, options)`.
 * If the module cannot load or the options are refused, the element shows
 * the message in place and sends `alliance-check:error`.
 */
export function defineAllianceCheck({ prepare, load }) {
  if (typeof customElements === 'undefined') return undefined;
  const existing = customElements.get('alliance-check');
  if (existing) return existing;
  class AllianceCheckElement extends HTMLElement {
    #handle = null;

    async connectedCallback() {
      if (this.#handle) return;
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      const container = document.createElement('div');
      const options = optionsOf(this);
      const url = this.getAttribute('instrument');
      prepare(root, container, options, url);
      if (url) {
        const instrument = await instrumentAt(url);
        if (instrument) options.instrument = instrument;
      }
      let mount;
      try {
        mount = await load();
      } catch (error) {
        fail(container, options, { reason: 'load', message: String(error?.message ?? error) });
        return;
      }
      let handle;
      try {
        handle = mount(container, options);
      } catch (error) {
        console.error(error);
        fail(container, options, { reason: 'options', message: String(error?.message ?? error) });
        return;
      }
      if (!this.isConnected || this.#handle) {
        handle.destroy();
        return;
      }
      this.#handle = handle;
    }

    disconnectedCallback() {
      this.#handle?.destroy();
      this.#handle = null;
      this.shadowRoot?.replaceChildren();
    }
  }
  customElements.define('alliance-check', AllianceCheckElement);
  return AllianceCheckElement;
}
