// The sandbox payment page: spaces the card number as typed, puts the slash in MM/YY, counts down.
(function () {
  var card = document.getElementById('card');
  if (card) {
    card.addEventListener('input', function () {
      var digits = card.value.replace(/\D/g, '').slice(0, 19);
      card.value = digits.replace(/(\d{4})(?=\d)/g, '$1 ');
    });
  }
  var expiry = document.getElementById('expiry');
  if (expiry) {
    expiry.addEventListener('input', function (event) {
      var digits = expiry.value.replace(/\D/g, '').slice(0, 4);
      var deleting = event.inputType && event.inputType.indexOf('delete') === 0;
      expiry.value =
        digits.length > 2 || (digits.length === 2 && !deleting)
          ? digits.slice(0, 2) + '/' + digits.slice(2)
          : digits;
    });
  }
  var timer = document.getElementById('countdown');
  if (timer) {
    var end = Date.now() + Number(timer.getAttribute('data-seconds')) * 1000;
    var tick = function () {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      timer.textContent =
        Math.floor(left / 60) +
        ' ' +
        timer.getAttribute('data-min') +
        ' ' +
        (left % 60) +
        ' ' +
        timer.getAttribute('data-sec');
      if (left === 0) {
        var button = document.querySelector('button[type=submit]');
        if (button) button.disabled = true;
        return;
      }
      setTimeout(tick, 1000);
    };
    tick();
  }
  var summary = document.getElementById('summary');
  if (summary) summary.focus();
})();
