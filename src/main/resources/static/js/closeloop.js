// Long operations (the whole-plant report, re-computing the audit chain) show that they are running.
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (form.classList && form.classList.contains('long')) {
    form.classList.add('busy');
  }
});
