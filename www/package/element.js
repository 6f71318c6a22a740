// `alliance-check/element`: defines <alliance-check>, which renders the
// widget in its own shadow root with the stylesheet adopted there.
//   import 'alliance-check/element';
//   <alliance-check namespace="my-practice" lang="es"></alliance-check>
import init, { mount } from './index.js';
import { defineAllianceCheck } from './alliance-check-element-base.js';

/**
 * The element's class (also registered as `alliance-check`); undefined on
 * a server, where importing this module defines nothing (Next.js, Nuxt).
 */
export const AllianceCheckElement = defineAllianceCheck({
  prepare(root, container) {
    root.replaceChildren(container);
  },
  async load() {
    await init();
    return mount;
  },
});
