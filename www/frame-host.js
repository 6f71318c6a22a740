// alliance-check's frame-host.js: on a page that embeds frame.html in an
// iframe, sizes each such iframe to the widget's height and dispatches the
// widget's events on the iframe element (`alliance-check:saved`,
// `alliance-check:exported`, `alliance-check:error`; they bubble):
//   <iframe src="https://example.org/alliance-check-0.1.0/frame.html?namespace=my-practice"
//           title="Session check" width="100%" height="700"></iframe>
//   <script src="https://example.org/alliance-check-0.1.0/frame-host.js" async></script>
//   document.addEventListener('alliance-check:saved', (e) => console.log(e.detail.ratings));
// The snippet has no style attribute, so a page whose policy has a strict
// style-src can take it as it is. A plain script (no module, no globals). Only messages from an iframe on
// this page, from the origin its src names, are heard.
(() => {
  const EVENTS = ['alliance-check:saved', 'alliance-check:exported', 'alliance-check:error'];
  // The site this script came from: only its frame.html is listened to (an
  // ad or chat iframe on the page cannot pass for the check). Imported as a
  // module (the configurator), there is no current script: then any
  // frame.html on the page.
  const own = document.currentScript?.src ? new URL(document.currentScript.src).origin : null;
  /** The iframe's address, if it is alliance-check's frame.html. */
  const checkFrame = (frame) => {
    try {
      const url = new URL(frame.src, document.baseURI);
      return url.pathname.endsWith('/frame.html') && (!own || url.origin === own) ? url : null;
    } catch {
      return null;
    }
  };
  addEventListener('message', (e) => {
    const data = e.data;
    if (!data || data.source !== 'alliance-check' || typeof data.type !== 'string') return;
    const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
    const url = frame && checkFrame(frame);
    if (!url || url.origin !== e.origin) return;
    if (data.type === 'alliance-check:resize') {
      const height = Number(data.height);
      if (!(height > 0 && height < 100000)) return;
      // Through the CSSOM, which a strict style-src allows (a style
      // attribute in the snippet would not be).
      frame.style.border = '0';
      frame.style.height = `${Math.ceil(height)}px`;
    } else if (EVENTS.includes(data.type)) {
      frame.dispatchEvent(new CustomEvent(data.type, { bubbles: true, detail: data.detail }));
    }
  });
  // Frames that sent their height before this script was there: ask again.
  const ask = () => {
    for (const frame of document.querySelectorAll('iframe')) {
      const url = checkFrame(frame);
      if (url) frame.contentWindow?.postMessage({ source: 'alliance-check', type: 'alliance-check:measure' }, url.origin);
    }
  };
  ask();
  addEventListener('load', ask, { once: true });
})();
