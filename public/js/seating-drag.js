// Drag a seated name onto another seat: posts the same no-JavaScript move form (the other person swaps seats).
(function () {
  var form = document.getElementById('seating-drop-form');
  if (!form) return;
  var seats = document.querySelectorAll('.seating-seat');
  var dragged = null;
  seats.forEach(function (seat) {
    seat.addEventListener('dragstart', function (event) {
      dragged = seat.getAttribute('data-person');
      if (!dragged) return event.preventDefault();
      event.dataTransfer.setData('text/plain', dragged);
      event.dataTransfer.effectAllowed = 'move';
    });
    seat.addEventListener('dragover', function (event) {
      if (!dragged) return;
      event.preventDefault();
      seat.classList.add('is-drop-target');
    });
    seat.addEventListener('dragleave', function () {
      seat.classList.remove('is-drop-target');
    });
    seat.addEventListener('drop', function (event) {
      event.preventDefault();
      seat.classList.remove('is-drop-target');
      if (!dragged || seat.getAttribute('data-person') === dragged) return;
      form.elements.person.value = dragged;
      form.elements.seat.value = seat.getAttribute('data-seat');
      form.submit();
    });
  });
})();
