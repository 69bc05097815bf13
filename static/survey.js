// Respondent pages: conditional questions, search-as-you-type over the inventory for network
// questions, and removing a named organisation without a round trip. Everything also works
// without this script (the server re-renders), so it only makes things quicker.
(function () {
  "use strict";
  var form = document.getElementById("survey");
  if (!form) return;

  // Show a block when the question it depends on has one of the listed answers.
  function answered(name) {
    var values = [];
    form.querySelectorAll("[name='" + name + "']").forEach(function (el) {
      if ((el.type === "radio" || el.type === "checkbox") ? el.checked : el.value) values.push(el.value);
    });
    return values;
  }
  function refresh() {
    form.querySelectorAll("[data-show-if]").forEach(function (block) {
      var wanted = block.getAttribute("data-show-in").split(" ");
      var show = answered(block.getAttribute("data-show-if")).some(function (v) { return wanted.indexOf(v) >= 0; });
      block.hidden = !show;
      if (block.tagName === "FIELDSET") block.disabled = !show;
    });
  }
  form.addEventListener("change", refresh);
  refresh();

  // After a refused submission, bring the first question to fix into view.
  var bad = form.querySelector("fieldset.invalid");
  if (bad) bad.scrollIntoView({ block: "start" });

  // Network questions.
  var roster = form.querySelector("[data-roster]");
  if (!roster) return;
  var question = roster.getAttribute("data-question");
  var list = form.querySelector("[data-ties='" + question + "']");
  var template = form.querySelector("[data-tie-template='" + question + "']");
  var results = roster.querySelector("[data-results]");
  var find = roster.querySelector("input[type=search]");
  var count = form.querySelector("[data-tie-count]");
  var nojs = roster.querySelector("[data-nojs]");
  if (nojs) nojs.hidden = true;

  function updateCount() { count.textContent = list.querySelectorAll(".tie").length; }
  function chosen(id) { return !!list.querySelector("[data-key='s" + id + "']"); }

  function add(entry) {
    if (chosen(entry.id)) return;
    var html = template.innerHTML.replace(/KEY/g, "s" + entry.id);
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var tie = holder.firstElementChild;
    tie.querySelector("[data-name]").textContent = entry.name;
    tie.querySelector("[data-detail]").textContent = entry.detail;
    list.appendChild(tie);
    updateCount();
    var first = tie.querySelector("select");
    if (first) first.focus();
  }

  list.addEventListener("click", function (e) {
    var button = e.target.closest("[data-remove]");
    if (!button) return;
    e.preventDefault();
    button.closest(".tie").remove();
    updateCount();
  });

  var timer = null, seq = 0;
  function search() {
    var params = new URLSearchParams();
    params.set("q", find.value);
    roster.querySelectorAll("select").forEach(function (s) {
      if (s.name === "_find_level") params.set("level", s.value);
      if (s.name === "_find_province") params.set("province", s.value);
    });
    var mine = ++seq;
    fetch(roster.getAttribute("data-roster") + "?" + params.toString(), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (found) {
        if (mine !== seq) return;
        results.innerHTML = "";
        found.forEach(function (entry) {
          var li = document.createElement("li");
          var b = document.createElement("button");
          b.type = "button";
          b.className = "secondary roster-add";
          b.disabled = chosen(entry.id);
          b.textContent = "+ " + entry.name;
          var d = document.createElement("span");
          d.className = "muted";
          d.textContent = " " + entry.detail;
          b.appendChild(d);
          b.addEventListener("click", function () { add(entry); b.disabled = true; });
          li.appendChild(b);
          results.appendChild(li);
        });
      })
      .catch(function () {});
  }
  find.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 200); });
  find.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); search(); } });
  roster.querySelectorAll("select").forEach(function (s) { s.addEventListener("change", search); });
})();
