// Types of `alliance-check/element`.

// The events' types (`alliance-check:saved`, …) on every element and the
// document, as `alliance-check` declares them.
import type {} from './index.js';

/**
 * `<alliance-check>`: the widget in its own shadow root; attributes mirror
 * the mount options. Undefined on a server (nothing is defined there).
 */
export declare class AllianceCheckElement extends HTMLElement {}

declare global {
  interface HTMLElementTagNameMap {
    'alliance-check': AllianceCheckElement;
  }
}
