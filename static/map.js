// Pan and zoom for the network map: Ctrl (or ⌘) + wheel, pinch or the buttons to zoom; drag
// with the mouse or two fingers to pan; keyboard + - 0. The wheel alone and one finger scroll
// the page, as everywhere else.
// Works on the SVG's viewBox, so links and tooltips stay live. No dependencies.
(function () {
  var box = document.getElementById('map');
  if (!box) return;
  var svg = box.querySelector('svg');
  if (!svg) return;
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  var vb = svg.viewBox.baseVal;
  if (!vb || !vb.width) {
    var b = svg.getBBox();
    svg.setAttribute('viewBox', b.x + ' ' + b.y + ' ' + b.width + ' ' + b.height);
    vb = svg.viewBox.baseVal;
  }
  var home = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
  function set(x, y, w, h) { svg.setAttribute('viewBox', x + ' ' + y + ' ' + w + ' ' + h); }
  function zoom(factor, cx, cy) {
    var v = svg.viewBox.baseVal;
    if (cx === undefined) { cx = v.x + v.width / 2; cy = v.y + v.height / 2; }
    var w = Math.min(home.w * 4, Math.max(home.w / 40, v.width * factor));
    var h = w * v.height / v.width;
    set(cx - (cx - v.x) * w / v.width, cy - (cy - v.y) * h / v.height, w, h);
  }
  function toSvg(evt) {
    var r = svg.getBoundingClientRect(), v = svg.viewBox.baseVal;
    var s = Math.max(v.width / r.width, v.height / r.height);
    var ox = (r.width - v.width / s) / 2, oy = (r.height - v.height / s) / 2;
    return { x: v.x + (evt.clientX - r.left - ox) * s, y: v.y + (evt.clientY - r.top - oy) * s, s: s };
  }
  box.addEventListener('wheel', function (e) {
    if (!e.ctrlKey && !e.metaKey) return; // The page scrolls.
    e.preventDefault();
    var p = toSvg(e);
    zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, p.x, p.y);
  }, { passive: false });
  // Two fingers pan and pinch; one finger is left to the page (touch-action: pan-x pan-y).
  var touches = {}, pinch = null;
  function middle() {
    var ids = Object.keys(touches);
    var a = touches[ids[0]], b = touches[ids[1]];
    return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, d: Math.hypot(a.x - b.x, a.y - b.y) || 1 };
  }
  box.addEventListener('pointerdown', function (e) {
    if (e.pointerType !== 'touch') return;
    touches[e.pointerId] = { x: e.clientX, y: e.clientY };
    if (Object.keys(touches).length === 2) pinch = middle();
  });
  box.addEventListener('pointermove', function (e) {
    if (e.pointerType !== 'touch' || !touches[e.pointerId]) return;
    touches[e.pointerId] = { x: e.clientX, y: e.clientY };
    if (!pinch || Object.keys(touches).length !== 2) return;
    var now = middle(), v = svg.viewBox.baseVal, r = svg.getBoundingClientRect();
    var s = Math.max(v.width / r.width, v.height / r.height);
    set(v.x - (now.x - pinch.x) * s, v.y - (now.y - pinch.y) * s, v.width, v.height);
    zoom(pinch.d / now.d, v.x + v.width / 2, v.y + v.height / 2);
    pinch = now;
  });
  function lift(e) { delete touches[e.pointerId]; if (Object.keys(touches).length < 2) pinch = null; }
  box.addEventListener('pointerup', lift);
  box.addEventListener('pointercancel', lift);
  var drag = null;
  box.addEventListener('pointerdown', function (e) {
    if (e.pointerType === 'touch') return;
    if (e.target.closest && e.target.closest('a')) return;
    drag = { x: e.clientX, y: e.clientY, v: { x: svg.viewBox.baseVal.x, y: svg.viewBox.baseVal.y }, s: toSvg(e).s };
    box.setPointerCapture(e.pointerId);
    box.style.cursor = 'grabbing';
  });
  box.addEventListener('pointermove', function (e) {
    if (!drag) return;
    var v = svg.viewBox.baseVal;
    set(drag.v.x - (e.clientX - drag.x) * drag.s, drag.v.y - (e.clientY - drag.y) * drag.s, v.width, v.height);
  });
  function end() { drag = null; box.style.cursor = 'grab'; }
  box.addEventListener('pointerup', end);
  box.addEventListener('pointercancel', end);
  document.querySelectorAll('[data-zoom]').forEach(function (b) {
    b.addEventListener('click', function () {
      var z = b.getAttribute('data-zoom');
      if (z === 'in') zoom(1 / 1.3); else if (z === 'out') zoom(1.3); else set(home.x, home.y, home.w, home.h);
    });
  });
  // The keyboard: one tab stop for the whole map (its actors leave the tab order), the arrow
  // keys move from actor to actor, Enter opens one, Escape comes back to the map.
  var actors = Array.prototype.slice.call(box.querySelectorAll('a'));
  actors.forEach(function (a) { a.setAttribute('tabindex', '-1'); });
  function visit(i) {
    if (!actors.length) return;
    var at = Math.max(0, Math.min(actors.length - 1, i));
    actors[at].focus();
  }
  box.addEventListener('keydown', function (e) {
    var at = actors.indexOf(document.activeElement);
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') { visit(at + 1); e.preventDefault(); }
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') { visit(at < 0 ? 0 : at - 1); e.preventDefault(); }
    else if (e.key === 'Escape') box.focus();
    else if (e.key === '+' || e.key === '=') zoom(1 / 1.3);
    else if (e.key === '-') zoom(1.3);
    else if (e.key === '0') set(home.x, home.y, home.w, home.h);
  });
  var present = document.getElementById('present');
  if (present && document.documentElement.requestFullscreen) {
    present.addEventListener('click', function () {
      // Full screen and the presentation layout together; the link alone still works.
      document.documentElement.requestFullscreen().catch(function () {});
    });
  }
})();
