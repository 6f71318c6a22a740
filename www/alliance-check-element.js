// <alliance-check> on a site that serves dist/: the widget's stylesheet by
// link, the pre-rendered first step at once, then the loader (embed.js).
// What the element does is in alliance-check-element-base.js.
import { defineAllianceCheck } from './alliance-check-element-base.js';
import { showFirstScreen } from './first-screen.js';

const STYLESHEET = new URL('./alliance-check.css', import.meta.url).href;

defineAllianceCheck({
  prepare(root, container, options, instrumentUrl) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = STYLESHEET;
    root.replaceChildren(link, container);
    // The first step at once (not for a practice's own instrument, whose
    // wording comes with it).
    if (!instrumentUrl) showFirstScreen(container, options);
  },
  async load() {
    return (await import('./embed.js')).mount;
  },
});
