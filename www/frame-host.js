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
  addEventListener('message', (e) => {
    const data = e.data;
    if (!data || data.source !== 'alliance-check' || typeof data.type !== 'string') return;
    const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
    if (!frame) return;
    let origin;
    try {
      origin = new URL(frame.src, document.baseURI).origin;
    } catch {
      return;
    }
    if (origin !== e.origin) return;
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
})();
