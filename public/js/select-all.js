// "Select all" and "Select none" for a list of checkboxes: <p class="select-all" data-select-name="NAME" hidden>
// with two buttons (data-select="all" / "none"). Without JavaScript the paragraph stays hidden and each box is
// ticked by hand; the form works the same either way.
(function () {
  'use strict';
  for (const bar of document.querySelectorAll('.select-all[data-select-name]')) {
    const name = bar.dataset.selectName;
    const boxes = () => [...document.querySelectorAll('input[type="checkbox"]')].filter((box) => box.name === name && !box.disabled);
    if (!boxes().length) continue;
    bar.hidden = false;
    for (const button of bar.querySelectorAll('button[data-select]')) {
      button.addEventListener('click', () => {
        const checked = button.dataset.select === 'all';
        for (const box of boxes()) box.checked = checked;
      });
    }
  }
})();
