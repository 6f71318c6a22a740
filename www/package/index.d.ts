// Types of the `alliance-check` package: mount options, the handle, and the
// events the widget sends to the host page.

// The glue's MountHandle is disposable (`Symbol.dispose`): a host whose
// `lib` predates it still type-checks with `skipLibCheck` off.
/// <reference lib="esnext.disposable" />

import type { InitInput, InitOutput, SyncInitInput } from './alliance_check.js';
export type { InitInput, InitOutput, SyncInitInput } from './alliance_check.js';
export { MountHandle, initSync } from './alliance_check.js';

/**
 * Initialises the WebAssembly module; call (and await) once before
 * `mount()`. Later calls share the first one. Elements declared with
 * `data-alliance-check` are mounted then.
 */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> },
): Promise<InitOutput>;

/** Text in each of an instrument's languages, keyed by language tag. */
export type Localized = Record<string, string>;

/** One scale of a practice's own instrument. */
export interface InstrumentScale {
  /** Stable key used in records and events; never shown. */
  id: string;
  label: Localized;
  /** What 0 means. */
  low: Localized;
  /** What 10 means. */
  high: Localized;
  /** Ratings below this invite a conversation (default 9). */
  threshold?: number;
}

/** A practice's own questions (for licensed or local wording). */
export interface Instrument {
  id: string;
  /** Bump whenever wording or scales change. */
  version: number;
  /** Language tags every text is given in; the first is the fallback. */
  languages: string[];
  scales: InstrumentScale[];
  /** Ask progress on the client's own goals (1–3 active). */
  goals?: { max_active?: 1 | 2 | 3 };
  /** The one open question at the end. */
  question?: { text: Localized; max_length?: number };
  /** Five faces per scale instead of a slider (for children). */
  faces?: boolean;
}

/** Options of `mount()`. Unknown or invalid ones are refused with an error naming them. */
export interface MountOptions {
  /** Prefix of every storage key (default `"alliance-check"`). */
  namespace?: string;
  /** The profile used when no code is asked (default `"default"`). */
  profile?: string;
  /** Default: the page's `lang`, then the browser's languages. Another is refused by name. */
  lang?: 'en' | 'es' | 'de' | 'fr' | 'es-x-usted';
  /** `"children"`: five faces per scale and simple words (ages about 6–12). */
  variant?: 'adult' | 'children';
  /** `"shared"`: a neutral start, each profile opened with its code and secret and sealed, idle reset. */
  mode?: 'personal' | 'shared';
  theme?: 'auto' | 'light' | 'dark';
  /** Personal mode: `"codes"` asks each client for a nickname or code first (shared mode always does, with a secret). */
  profiles?: 'single' | 'codes';
  /** With codes, list the profiles kept on this device (off by default). */
  listProfiles?: boolean;
  /** Shared mode: remove sealed profiles not opened for this many days (1–3650; off by default). */
  profileExpiry?: number;
  /** Shared mode: seconds without a touch or key before the reset (10–3600, default 120). */
  idleSeconds?: number;
  /** Put free text (the comment, goal wording) into events (off by default). */
  eventsIncludeText?: boolean;
  /** A practice's own questions. */
  instrument?: Instrument;
  /** `"off"` hides the widget's own title when the page's heading already asks. */
  title?: 'on' | 'off';
  /** The page a hand-over QR code opens on the client's phone (default: this page). */
  handoverUrl?: string;
  /** Shared mode: also offer file downloads and import (off by default). */
  sharedDownloads?: 'on' | 'off';
  /** `false`: do not adopt the widget's stylesheet (load `alliance-check/style.css` yourself). */
  styles?: boolean;
}

/**
 * Renders the widget into `element`; `init()` must have finished. Throws
 * an error naming the problem for a missing element or an invalid option,
 * and shows the client a message in the element.
 */
export function mount(element: Element, options?: MountOptions): import('./alliance_check.js').MountHandle;

/** Detail of `alliance-check:saved`, sent after a confirmed save. */
export interface SavedDetail {
  /** The session's id. */
  id: string;
  /** When it was saved (ISO 8601, UTC). */
  at: string;
  instrument: { id: string; version: number };
  /** Scale id → rating from 0 to 10 in tenths. */
  ratings: Record<string, number>;
  /** Progress on each goal; `text` only with `eventsIncludeText`. */
  goals: Array<{ goal: string; progress: number; text?: string }>;
  /** Only with `eventsIncludeText`; `null` when the client wrote none. */
  comment?: string | null;
}

/** Detail of `alliance-check:exported`, sent after a download. */
export interface ExportedDetail {
  format: 'json' | 'csv' | 'fhir';
  /** How many sessions the file holds. */
  sessions: number;
}

/** Detail of `alliance-check:error`: the widget could not start, and says so in place. */
export interface ErrorDetail {
  /** `load`: the WebAssembly could not be loaded; `options`: an option was refused. */
  reason: 'load' | 'options';
  /** What went wrong, in words (e.g. `option "mode": unknown value "kiosk", …`). */
  message: string;
}

/** The widget's events; they bubble and leave shadow roots (`composed`). */
export interface AllianceCheckEventMap {
  'alliance-check:saved': CustomEvent<SavedDetail>;
  'alliance-check:exported': CustomEvent<ExportedDetail>;
  'alliance-check:error': CustomEvent<ErrorDetail>;
}

declare global {
  interface HTMLElementEventMap extends AllianceCheckEventMap {}
  interface DocumentEventMap extends AllianceCheckEventMap {}
  interface WindowEventMap extends AllianceCheckEventMap {}
}
