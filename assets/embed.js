// Trainlab's one-line embed. A course page writes
//
//   <div data-trainlab="grokking?p=47&hide=seed"></div>
//   <script src="https://<site>/embed.js" async></script>
//
// and this script replaces each such div with an iframe of /embed/<slug>?<query> on the site that
// served it, sized to the panel's content and resized whenever that changes. Options on the div:
//   data-title="…"          the iframe's accessible title (default: "Trainlab: <slug>")
//   data-sandbox            load the panel in <iframe sandbox="allow-scripts allow-downloads">
// The div then also offers (see the README's section for course authors):
//   div.trainlab.play() / .pause() / .reset()   commands to the panel
//   div.trainlab.metrics()                      a promise of its series, as window.trainlab.metrics
//                                               (rejected when no answer comes within 15 s)
// Commands given before the panel says it is ready wait for it (the panel's trainlab:ready).
//   'trainlab:status' events on the div         detail: {status, steps}
// Messages from the frames are trusted only from the site's origin (or "null", a sandboxed frame),
// only from an iframe this script made, and only in the documented shape (src/app/embed_bridge.rs).
(() => {
  if (window.trainlabEmbed) return; // loaded twice
  const script = document.currentScript;
  const site = new URL('.', script?.src ?? location.href);
  const SLUG = /^[a-z0-9][a-z0-9-]*$/;
  const frames = new Map(); // iframe contentWindow -> { div, iframe, ready, queue, waiting: Map(id -> resolve) }
  let nextId = 1;

  function mount(div) {
    if (div.dataset.trainlabMounted) return;
    const spec = div.dataset.trainlab ?? '';
    const q = spec.indexOf('?');
    const slug = q < 0 ? spec : spec.slice(0, q);
    const query = q < 0 ? '' : spec.slice(q + 1);
    if (!SLUG.test(slug)) {
      div.textContent = `Trainlab: "${slug}" is not a panel's name.`;
      return;
    }
    div.dataset.trainlabMounted = '1';
    const iframe = document.createElement('iframe');
    iframe.src = new URL(`embed/${slug}${query ? `?${query}` : ''}`, site).href;
    iframe.title = div.dataset.title || `Trainlab: ${slug}`;
    if ('sandbox' in div.dataset) iframe.setAttribute('sandbox', 'allow-scripts allow-downloads');
    iframe.setAttribute('allow', 'clipboard-write');
    iframe.style.cssText = 'display:block;width:100%;height:640px;border:0;overflow:hidden';
    div.replaceChildren(iframe);
    const entry = { div, iframe, ready: false, queue: [], waiting: new Map() };
    const send = (type, id) => {
      const msg = id === undefined ? { type } : { type, id };
      if (entry.ready) iframe.contentWindow?.postMessage(msg, '*');
      else entry.queue.push(msg);
    };
    div.trainlab = {
      play: () => send('trainlab:play'),
      pause: () => send('trainlab:pause'),
      reset: () => send('trainlab:reset'),
      metrics: () =>
        new Promise((resolve, reject) => {
          const id = nextId++;
          const timer = setTimeout(() => {
            entry.waiting.delete(id);
            reject(new Error(`Trainlab: ${slug} did not answer with its metrics`));
          }, 15000);
          entry.waiting.set(id, (m) => {
            clearTimeout(timer);
            resolve(m);
          });
          send('trainlab:metrics', id);
        }),
    };
    if (iframe.contentWindow) frames.set(iframe.contentWindow, entry);
  }

  window.addEventListener('message', (e) => {
    if (e.origin !== site.origin && e.origin !== 'null') return;
    const entry = frames.get(e.source);
    const d = e.data;
    if (!entry || !d || typeof d !== 'object' || typeof d.type !== 'string') return;
    if (d.type === 'trainlab:ready') {
      entry.ready = true;
      for (const msg of entry.queue.splice(0)) entry.iframe.contentWindow?.postMessage(msg, '*');
    } else if (d.type === 'trainlab:height') {
      const h = Number(d.height);
      if (Number.isFinite(h) && h > 0 && h < 100000) entry.iframe.style.height = `${Math.ceil(h)}px`;
    } else if (d.type === 'trainlab:status' && typeof d.status === 'string') {
      entry.div.dispatchEvent(new CustomEvent('trainlab:status', { detail: { status: d.status, steps: Number(d.steps) } }));
    } else if (d.type === 'trainlab:metrics' && entry.waiting.has(d.id)) {
      entry.waiting.get(d.id)(d.metrics ?? {});
      entry.waiting.delete(d.id);
    }
  });

  const scan = () => document.querySelectorAll('div[data-trainlab]').forEach(mount);
  window.trainlabEmbed = { mount, scan };
  scan();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
})();
