// Types of `alliance-check/react`: the component, and `<alliance-check>`
// for TSX (define the element with `import 'alliance-check/element'`).
import type { DetailedHTMLProps, HTMLAttributes, ReactElement } from 'react';
import type { ErrorDetail, ExportedDetail, MountOptions, SavedDetail } from './index.js';

/** Props of `<AllianceCheck>`: mount()'s options, the events, and the `<div>`'s own props. */
export interface AllianceCheckProps extends Omit<HTMLAttributes<HTMLDivElement>, 'onError' | 'children'> {
  /** mount()'s options, compared by value. */
  options?: MountOptions;
  /** After a confirmed save. */
  onSaved?: (detail: SavedDetail) => void;
  /** After a download. */
  onExported?: (detail: ExportedDetail) => void;
  /** The widget could not start (its message is shown in place). */
  onError?: (detail: ErrorDetail) => void;
}

/** The widget in a `<div>`; StrictMode-safe; destroyed when the component goes. */
export function AllianceCheck(props: AllianceCheckProps): ReactElement;

/** Attributes of `<alliance-check>`, as its README table lists them. */
export interface AllianceCheckAttributes extends HTMLAttributes<HTMLElement> {
  namespace?: string;
  lang?: 'en' | 'es' | 'de' | 'fr' | 'es-x-usted';
  variant?: 'adult' | 'children';
  mode?: 'personal' | 'shared';
  theme?: 'auto' | 'light' | 'dark';
  profiles?: 'single' | 'codes';
  profile?: string;
  'list-profiles'?: boolean | '';
  'idle-seconds'?: number | `${number}`;
  'profile-expiry'?: number | `${number}`;
  'events-include-text'?: boolean | '';
  instrument?: string;
  'widget-title'?: 'on' | 'off';
  'handover-url'?: string;
  'shared-downloads'?: 'on' | 'off';
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'alliance-check': DetailedHTMLProps<AllianceCheckAttributes, HTMLElement>;
    }
  }
}
