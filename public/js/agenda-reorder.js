// Optional: drag the rows of the agenda table to reorder them. Without JavaScript (or a mouse), the
// "Up" and "Down" buttons of each row do the same, one place at a time.
(function () {
  'use strict';
  const table = document.querySelector('table.agenda-table[data-reorder-url]');
  const body = table && table.tBodies[0];
  const csrf = document.querySelector('input[name="_csrf"]');
  if (!body || !csrf || !window.fetch || body.rows.length < 2) return;
  let dragged = null;
  let startOrder = '';
  const order = () => Array.from(body.rows, (row) => row.dataset.itemId);

  // Save when the drag ends, wherever it is dropped: the rows already show the new order.
  async function saveOrder() {
    const ids = order();
    if (ids.join(',') === startOrder) return;
    const form = new URLSearchParams();
    form.append('_csrf', csrf.value);
    for (const id of ids) form.append('order', id);
    table.setAttribute('aria-busy', 'true');
    try {
      // Not following the redirect keeps the confirmation for the reloaded page.
      await fetch(table.dataset.reorderUrl, { method: 'POST', body: form, credentials: 'same-origin', redirect: 'manual' });
    } finally {
      // The page shows the saved order and the new times (or, if the save failed, the order as it was).
      window.location.reload();
    }
  }

  for (const row of body.rows) {
    row.draggable = true;
    row.classList.add('agenda-row--draggable');
    row.addEventListener('dragstart', (event) => {
      dragged = row;
      startOrder = order().join(',');
      row.classList.add('agenda-row--dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', row.dataset.itemId || '');
    });
    row.addEventListener('dragend', () => {
      row.classList.remove('agenda-row--dragging');
      dragged = null;
      saveOrder();
    });
  }

  const follow = (event) => {
    if (!dragged) return;
    event.preventDefault();
    const target = event.target instanceof Element ? event.target.closest('tr') : null;
    if (!target || target === dragged || target.parentNode !== body) return;
    const box = target.getBoundingClientRect();
    body.insertBefore(dragged, event.clientY > box.top + box.height / 2 ? target.nextSibling : target);
  };
  body.addEventListener('dragenter', follow);
  body.addEventListener('dragover', follow);
  body.addEventListener('drop', (event) => event.preventDefault());
})();
