// Optional: a "Copy" button next to each RSVP link. Without JavaScript the link stays selectable text.
(function () {
  'use strict';
  for (const button of document.querySelectorAll('.copy-button')) {
    const input = button.parentElement && button.parentElement.querySelector('input');
    if (!input) continue;
    button.hidden = false;
    const label = button.textContent;
    input.addEventListener('focus', () => input.select());
    button.addEventListener('click', async () => {
      input.select();
      try {
        await navigator.clipboard.writeText(input.value);
      } catch {
        document.execCommand('copy');
      }
      button.textContent = button.dataset.copyLabel || label;
      setTimeout(() => {
        button.textContent = label;
      }, 2000);
    });
  }
})();
