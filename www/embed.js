// alliance-check loader. First the pre-rendered first screen of every
// `[data-alliance-check]` element (first-screen.js, a few KB), so a client
// can start rating at once; then the WebAssembly, which mounts the widget on
// each of them and takes over what was already set. Re-exports `mount` for
// pages that mount by hand:
//   import { mount } from './embed.js';
//   const handle = mount(element, { namespace: 'my-practice' });
//   handle.destroy();
//
// When the WebAssembly cannot be loaded (missing, blocked, refused), every
// declared widget says so in place and the host hears `alliance-check:error`
// (failure.js); this module then fails to load too, so `import { mount }`
// does not hand out a mount that cannot work.
import './first-screen.js';
import { failAll, listen, mountOrFail } from './failure.js';

listen();
let glue;
try {
  glue = await import('./alliance_check.js');
  await glue.default();
} catch (error) {
  failAll(error);
  throw error;
}

/** Renders the widget into `element`; an invalid option throws and shows the message in place. */
export const mount = (element, options) => mountOrFail(glue.mount, element, options);

// The project's standalone page (the one with a web app manifest) is
// installable and works offline: its service worker (sw.js) keeps the
// widget's own files, scoped to this folder. Host pages that embed the
// widget are left alone: nothing is registered there.
if (
  'serviceWorker' in navigator &&
  document.documentElement.hasAttribute('data-alliance-check-page') &&
  document.querySelector('link[rel="manifest"]')
) {
  const register = () =>
    navigator.serviceWorker
      .register(new URL('./sw.js', import.meta.url), { scope: new URL('./', import.meta.url).href })
      .catch(() => {});
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
