// Optional: saves a minutes item a couple of seconds after the secretary stops typing, as JSON with the
// CSRF token in a header, and says "saved" or "conflict". Each save names the revision it was based on;
// a conflict stops autosaving (nothing is overwritten) and the Save button shows both versions side by
// side. Without JavaScript the Save button does the same job.
(function () {
  'use strict';
  const form = document.querySelector('form[data-autosave]');
  if (!form || !window.fetch || !window.FormData) return;
  const IDLE_MS = 2000;
  const RETRY_MS = 10000;
  const status = form.querySelector('[data-autosave-status]');
  const base = form.querySelector('[data-base-revision]');
  const preview = document.querySelector('[data-notes-preview]');
  const previewBody = document.querySelector('[data-preview-body]');
  let timer = null;
  let saving = false;
  let dirty = false;
  let stopped = false;
  let pendingSubmitter = undefined;

  function show(state, text) {
    status.dataset.state = state;
    status.textContent = text || form.dataset['msg' + state.charAt(0).toUpperCase() + state.slice(1)] || '';
  }

  // The same fields the form posts, shaped as the server's JSON schema expects.
  function payload() {
    const data = new FormData(form);
    const actions = [];
    for (const [name, value] of data) {
      const match = /^actions\[(\d+)\]\[(\w+)\]$/.exec(name);
      if (match) (actions[Number(match[1])] = actions[Number(match[1])] || {})[match[2]] = value;
    }
    return {
      baseRevision: Number(base.value),
      notes: data.get('notes') || '',
      keyPoints: data.get('keyPoints') || '',
      decisions: data.get('decisions') || '',
      actions: actions.filter(Boolean),
    };
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  async function handle(res) {
    const body = await res.json().catch(() => ({}));
    if (res.ok) {
      base.value = String(body.revision);
      if (preview && previewBody) {
        // notesHtml is the server's renderMarkdown output (no raw HTML, no script links), as on the page.
        previewBody.innerHTML = body.notesHtml || '';
        preview.hidden = !body.notesHtml;
      }
      show(dirty ? 'unsaved' : 'saved');
      return;
    }
    if (res.status === 409) {
      // Someone else saved first, or the minutes are frozen: stop, keep the text, let the Save button explain.
      stopped = true;
      show('conflict', body.theirs ? undefined : body.error && body.error.message);
      return;
    }
    show('error', body.error && body.error.message);
    if (res.status >= 500) schedule(RETRY_MS);
  }

  async function save() {
    if (stopped) return;
    if (saving) {
      dirty = true;
      return;
    }
    saving = true;
    dirty = false;
    show('saving');
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': form.elements._csrf.value },
        body: JSON.stringify(payload()),
      });
      await handle(res);
    } catch {
      dirty = true;
      show('error');
      schedule(RETRY_MS);
    } finally {
      saving = false;
      if (pendingSubmitter !== undefined) {
        const submitter = pendingSubmitter;
        pendingSubmitter = undefined;
        form.requestSubmit(submitter || undefined);
      } else if (dirty && !stopped) {
        schedule(IDLE_MS);
      }
    }
  }

  function changed() {
    if (stopped) return;
    dirty = true;
    show('unsaved');
    schedule(IDLE_MS);
  }

  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('submit', (event) => {
    clearTimeout(timer);
    // Let a save in flight finish first, so the form is based on it (else it would conflict with itself).
    if (saving) {
      event.preventDefault();
      pendingSubmitter = event.submitter || null;
      return;
    }
    stopped = true;
    dirty = false;
  });
  window.addEventListener('beforeunload', (event) => {
    if (dirty && !stopped) event.preventDefault();
  });
})();
