// Names on the map: each a text node (never HTML: names render inert) with its layer's zoom and priority,
// placed in priority order so that none is written over another (the rules are labels.mjs's).
import {isFree, labelRank, labelTries} from './labels.mjs';

export function labelSpan(text, rule, lid, fid) {
  var span = document.createElement('span');
  span.className = 'sti-label';
  span.textContent = text;
  span.setAttribute('data-layer', lid);
  span.setAttribute('data-fid', fid);
  span.setAttribute('data-prio', rule.priority);
  span.setAttribute('data-minzoom', rule.minZoom);
  return span;
}

function labelAt(el, t) {
  el.classList.toggle('sti-label-small', !!t.size);
  el.classList.toggle('sti-label-left', t.left);
  el.style.marginTop = t.shift ? (t.shift * el.offsetHeight) + 'px' : '';
}

// Labels never pile up: at each stop of the map, every label that may show (its layer on, the zoom reached) is
// placed in priority order and one that would touch a placed label is hidden. The highlighted features'
// (`highlighted()`) labels go first; while `presenting()` they are the scene's own, shown whatever the zoom, and
// before giving up a place they try further up or down, the other side of their dot and smaller type.
export function labelPlacer(map, highlighted, presenting) {
  function place() {
    var zoom = map.getZoom();
    var lit = {};
    highlighted().forEach(function (fid) { lit[fid] = true; });
    function must(el) { return presenting() && lit[el.getAttribute('data-fid')] === true; }
    function rank(el) { return labelRank(el.getAttribute('data-prio'), lit[el.getAttribute('data-fid')]); }
    var all = Array.prototype.slice.call(map.getContainer().querySelectorAll('.sti-label'));
    var candidates = [];
    all.forEach(function (el) {
      el.classList.remove('sti-label-off');
      if (zoom < +el.getAttribute('data-minzoom') && !must(el)) { el.classList.add('sti-label-off'); }
      else { candidates.push(el); }
    });
    candidates.sort(function (a, b) { return rank(b) - rank(a); });
    var sides = {left: [], right: []}, placed;  // compared sides: each has its own labels
    candidates.forEach(function (el) {
      placed = el.closest('.leaflet-sti-right-pane') ? sides.right : sides.left;
      var always = must(el), tries = labelTries(el.parentElement.classList.contains('sti-label-at'), always);
      for (var i = 0; i < tries.length; i += 1) {
        labelAt(el, tries[i]);
        var r = el.getBoundingClientRect();
        if (!r.width) { return; }
        if (isFree(r, placed)) { placed.push(r); return; }
      }
      labelAt(el, tries[0]);  // no place left even smaller: hidden, not written over another name
      el.classList.add('sti-label-off');
    });
  }
  var placing = false;
  function declutter() {  // at most once a frame, however many changes ask
    if (placing) { return; }
    placing = true;
    (window.requestAnimationFrame || setTimeout)(function () { placing = false; place(); });
  }
  return {place: place, declutter: declutter};
}
