// Optional: keeps the sending progress page current by polling its JSON every second, then reloads it
// once to show the final report. Without JavaScript the page refreshes itself (<noscript> meta refresh).
(function () {
  'use strict';
  const box = document.getElementById('send-progress');
  if (!box || box.dataset.done === '1' || !window.fetch) return;
  const url = box.dataset.progressUrl;
  const bar = box.querySelector('progress');
  const field = (name) => box.querySelector('[data-field="' + name + '"]');

  function show(p) {
    const processed = p.sent + p.failed;
    bar.max = Math.max(p.total, 1);
    bar.value = processed;
    for (const name of ['sent', 'failed', 'remaining']) field(name).textContent = String(p[name]);
    const summary = field('summary');
    summary.textContent = summary.textContent.replace(/\d+(\D+)\d+/, processed + '$1' + p.total);
  }

  async function poll() {
    try {
      const res = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
      // Signed out or the batch is gone: stop, the page itself says what it knows.
      if (res.status >= 400 && res.status < 500) return;
      if (res.ok) {
        const p = await res.json();
        show(p);
        if (p.done) {
          window.location.reload();
          return;
        }
      }
    } catch {
      // A network hiccup: try again at the next tick.
    }
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 1000);
})();
