// Optional: keeps the check-in page's counts current (another door may be checking people in) by polling
// its JSON every few seconds while the page is visible. Without JavaScript the counts show as of page load.
(function () {
  'use strict';
  const box = document.querySelector('[data-checkin-counts]');
  if (!box || !window.fetch) return;
  const url = box.dataset.src;
  const interval = Number(box.dataset.interval) || 5000;
  let timer;

  function show(counts) {
    const values = {
      present: counts.present, expected: counts.expected, expectedPresent: counts.expectedPresent, walkIns: counts.walkIns,
      represented: counts.institutions.represented, accepted: counts.institutions.accepted, invited: counts.institutions.invited,
    };
    for (const [name, value] of Object.entries(values)) {
      const el = box.querySelector('[data-count="' + name + '"]');
      if (el && el.textContent !== String(value)) el.textContent = String(value);
    }
  }

  async function poll() {
    timer = undefined;
    try {
      const res = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
      // Signed out or no longer allowed: stop; the next page load says why.
      if (res.status >= 400 && res.status < 500) return;
      if (res.ok) show(await res.json());
    } catch {
      // The venue's wifi dropped: try again at the next tick.
    }
    schedule();
  }

  function schedule() {
    if (!document.hidden && timer === undefined) timer = setTimeout(poll, interval);
  }

  document.addEventListener('visibilitychange', () => {
    if (document.hidden) {
      clearTimeout(timer);
      timer = undefined;
    } else {
      poll();
    }
  });
  schedule();
})();
