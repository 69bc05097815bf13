// The territory picker of the stakeholder form. Without this script it is a plain field (type
// names or INS codes, several separated by ";") with the browser's suggestions; with it, a
// suggestion picked (or typed in full) and Enter become a checked box in the list above, the
// field empties for the next one, and a screen reader hears what was added. No dependencies.
(function () {
  var input = document.getElementById('territory');
  var list = document.getElementById('territory-chosen');
  var names = document.getElementById('territory-names');
  var said = document.getElementById('territory-said');
  if (!input || !list || !names) return;
  function find(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) return null;
    for (var i = 0; i < names.options.length; i++) {
      var o = names.options[i];
      if (o.value.toLowerCase() === wanted || o.label.toLowerCase() === wanted) return o;
    }
    return null;
  }
  function add() {
    var o = find(input.value);
    if (!o) return false;
    var ins = o.getAttribute('data-ins');
    var box = list.querySelector('input[value="' + ins + '"]');
    if (!box) {
      var li = document.createElement('li');
      var label = document.createElement('label');
      box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'territory';
      box.value = ins;
      label.appendChild(box);
      label.appendChild(document.createTextNode(' ' + (o.label || o.value)));
      li.appendChild(label);
      list.appendChild(li);
    }
    box.checked = true;
    input.value = '';
    if (said) said.textContent = (list.getAttribute('data-added') || '') + ' ' + (o.label || o.value);
    return true;
  }
  // A suggestion picked from the list fires "input" with the whole name in the field.
  input.addEventListener('input', function (e) {
    if (e.inputType === 'insertReplacementText') add();
  });
  input.addEventListener('change', add);
  input.addEventListener('keydown', function (e) {
    // Enter adds the territory typed instead of sending the form.
    if (e.key === 'Enter' && input.value.trim() && add()) e.preventDefault();
  });
})();
