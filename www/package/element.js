// `alliance-check/element`: defines <alliance-check>, which renders the
// widget in its own shadow root with the stylesheet adopted there.
//   import 'alliance-check/element';
//   <alliance-check namespace="my-practice" lang="es"></alliance-check>
import init, { mount } from './index.js';
import { defineAllianceCheck } from './alliance-check-element-base.js';

/** The element's class (also registered as `alliance-check`). */
export const AllianceCheckElement = defineAllianceCheck({
  prepare(root, container) {
    root.replaceChildren(container);
  },
  async mount(container, options) {
    await init();
    return mount(container, options);
  },
});
