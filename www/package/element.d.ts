// Types of `alliance-check/element`.

/** `<alliance-check>`: the widget in its own shadow root; attributes mirror the mount options. */
export declare class AllianceCheckElement extends HTMLElement {}

declare global {
  interface HTMLElementTagNameMap {
    'alliance-check': AllianceCheckElement;
  }
}
