// <alliance-check> — the widget as a custom element, rendered into a shadow
// root so the host page's CSS cannot reach in and the widget's cannot leak
// out. Attributes mirror the mount() options:
//   <alliance-check namespace="my-practice" lang="es" mode="shared"
//                   theme="dark" profiles="codes" idle-seconds="120"
//                   instrument="/questions.json" widget-title="off"></alliance-check>
import { showFirstScreen } from './first-screen.js';

const STYLESHEET = new URL('./alliance-check.css', import.meta.url).href;

/** Attribute → option name, for the plain string and number options. */
const OPTIONS = {
  namespace: 'namespace',
  profile: 'profile',
  lang: 'lang',
  mode: 'mode',
  theme: 'theme',
  profiles: 'profiles',
  variant: 'variant',
};

class AllianceCheckElement extends HTMLElement {
  #handle = null;

  async connectedCallback() {
    if (this.#handle) return;
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = STYLESHEET;
    const container = document.createElement('div');
    root.replaceChildren(link, container);
    const options = {};
    for (const [attr, name] of Object.entries(OPTIONS)) {
      if (this.hasAttribute(attr)) options[name] = this.getAttribute(attr);
    }
    if (this.hasAttribute('idle-seconds')) options.idleSeconds = Number(this.getAttribute('idle-seconds'));
    if (this.hasAttribute('list-profiles')) options.listProfiles = true;
    if (this.hasAttribute('events-include-text')) options.eventsIncludeText = true;
    // `title` would also be the element's tooltip, so the attribute is longer.
    if (this.hasAttribute('widget-title')) options.title = this.getAttribute('widget-title');
    if (this.hasAttribute('handover-url')) options.handoverUrl = this.getAttribute('handover-url');
    if (this.hasAttribute('shared-downloads')) options.sharedDownloads = this.getAttribute('shared-downloads') || 'on';
    const url = this.getAttribute('instrument');
    // The first step at once, from the pre-rendered screens (not for a
    // practice's own instrument, whose wording comes with it).
    if (!url) showFirstScreen(container, options);
    if (url) {
      const resolved = new URL(url, document.baseURI);
      if (resolved.origin === location.origin) {
        try {
          const response = await fetch(resolved);
          if (response.ok) options.instrument = await response.json();
          else console.error(`alliance-check: instrument ${url} answered ${response.status}`);
        } catch (e) {
          console.error(`alliance-check: instrument ${url} could not be loaded`, e);
        }
      } else {
        console.error(`alliance-check: instrument ${url} is not on this site`);
      }
    }
    const { mount } = await import('./embed.js');
    if (!this.isConnected || this.#handle) return;
    this.#handle = mount(container, options);
  }

  disconnectedCallback() {
    this.#handle?.destroy();
    this.#handle = null;
    this.shadowRoot?.replaceChildren();
  }
}

if (!customElements.get('alliance-check')) customElements.define('alliance-check', AllianceCheckElement);
