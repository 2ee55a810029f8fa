// The owner of a suggestion is one of the chosen department's staff: when the department changes, offer only
// its people. Without JavaScript the page does the same on the server ("Show this department's staff").
(function () {
  'use strict';
  for (const department of document.querySelectorAll('select[data-owner-filter]')) {
    const owner = document.getElementById(department.dataset.ownerFilter);
    if (!owner) continue;
    const refresh = department.form && department.form.querySelector('[data-owner-refresh]');
    if (refresh) refresh.hidden = true;
    const apply = () => {
      for (const group of owner.querySelectorAll('optgroup[data-department]')) {
        const other = Boolean(department.value) && group.dataset.department !== department.value;
        group.disabled = other;
        group.hidden = other;
      }
      const chosen = owner.selectedOptions[0];
      if (chosen && chosen.parentElement && chosen.parentElement.disabled) owner.value = '';
    };
    department.addEventListener('change', apply);
    apply();
  }
})();
