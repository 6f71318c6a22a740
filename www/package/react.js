// `alliance-check/react`: the widget as a React component (React 18 and 19).
//   import { AllianceCheck } from 'alliance-check/react';
//   <AllianceCheck options={{ namespace: 'my-practice' }} onSaved={(d) => …} />
// Safe under StrictMode, whose development build runs every effect twice:
// a mount still waiting for the WebAssembly is called off by the cleanup,
// so the widget is mounted once, and destroyed when the component goes.
// Safe to import in a server render (Next.js): nothing runs before the effect.
import { createElement, useEffect, useRef } from 'react';
import init, { mount } from './index.js';
import { fail } from './failure.js';

const EVENTS = [
  ['alliance-check:saved', 'onSaved'],
  ['alliance-check:exported', 'onExported'],
  ['alliance-check:error', 'onError'],
];

/**
 * A `<div>` the widget renders into. `options` are mount()'s (compared by
 * value: a new object with the same options does not remount); `onSaved`,
 * `onExported` and `onError` receive the events' details; other props go
 * to the `<div>` (not `children`: the widget owns what is inside).
 */
export function AllianceCheck({ options, onSaved, onExported, onError, children: _children, ...props }) {
  const ref = useRef(null);
  const handlers = useRef({});
  handlers.current = { onSaved, onExported, onError };
  const key = JSON.stringify(options ?? {});

  useEffect(() => {
    const element = ref.current;
    const listeners = EVENTS.map(([type, prop]) => {
      const listener = (e) => handlers.current[prop]?.(e.detail);
      element.addEventListener(type, listener);
      return [type, listener];
    });
    let handle = null;
    let cancelled = false;
    init().then(
      () => {
        if (cancelled) return;
        try {
          handle = mount(element, JSON.parse(key));
        } catch (e) {
          console.error(e); // Shown in place and sent as alliance-check:error by mount().
        }
      },
      (e) => {
        if (!cancelled) fail(element, JSON.parse(key), { reason: 'load', message: String(e?.message ?? e) });
      },
    );
    return () => {
      cancelled = true;
      handle?.destroy();
      for (const [type, listener] of listeners) element.removeEventListener(type, listener);
    };
  }, [key]);

  return createElement('div', { ...props, ref });
}
