// alliance-check loader: initialises the WebAssembly module, which mounts the
// widget on every element carrying `data-alliance-check`. Re-exports `mount`
// for pages that mount by hand:
//   import { mount } from './embed.js';
//   const handle = mount(element, { namespace: 'my-practice' });
//   handle.destroy();
import init, { mount } from './alliance_check.js';

await init();

export { mount };
