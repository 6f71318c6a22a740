// alliance-check loader. First the pre-rendered first screen of every
// `[data-alliance-check]` element (first-screen.js, a few KB), so a client
// can start rating at once; then the WebAssembly, which mounts the widget on
// each of them and takes over what was already set. Re-exports `mount` for
// pages that mount by hand:
//   import { mount } from './embed.js';
//   const handle = mount(element, { namespace: 'my-practice' });
//   handle.destroy();
import './first-screen.js';

const glue = await import('./alliance_check.js');
await glue.default();

export const mount = glue.mount;
