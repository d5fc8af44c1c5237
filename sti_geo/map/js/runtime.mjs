// sti_geo's map runtime: the browser answers what it already knows.
// Every overlay of a page is present; this code shows/hides layers, highlights and selects features
// and opens the in-map panel at once, then tells Python (one component value per event, no debounce).
// Python's answer comes back as the page's state element (".sti-map-state", data-state = JSON), which
// stays the single source of truth: the map follows it whenever it changes.
import {pageBridge} from './bridge.mjs';
import {darkFill} from './colour.mjs';
import {isFree, labelRank, labelTries} from './labels.mjs';
import {NAV, TYPING, keyAction, landed, tick} from './presenter.mjs';
import {circleText, polygonText, rectangleText} from './query.mjs';
import {STACK_FRONT, byName, stackOffset, stackSummary} from './stacks.mjs';
import {say as sayText} from './text.mjs';


// Start the runtime on Leaflet map `map`; `config` comes from Python (sti_geo/map/leaflet.py MapRuntime):
// {key, moveDelay, strings, draw, home, page (the page's element names, sti_app/keys.py)}.
export function start(map, config) {
  var PHONE = 640;  // px of the page's width: a phone held upright
  var layers = {};     // layer id -> {group, layer, clusters, points, style, lineSelected}
  var features = {};   // feature id -> {lid, layer, feature}
  var hits = [];       // every drawn feature, also the second copy of one in two layers
  var state = {layers: null, selected: null, highlight: [], hidden: []};
  var presenting = false;
  var stateText = null;
  var selectionMarks = [];
  var seq = 0;
  var moveTimer = null;
  var page = pageBridge(window, config.page || {});

  function report(value) {
    seq += 1;
    value.seq = seq;
    if (window.Streamlit && window.Streamlit.setComponentValue) { window.Streamlit.setComponentValue(value); }
  }

  // A label is a text node (never HTML: names render inert) with its layer's zoom and priority.
  function labelSpan(text, rule, lid, fid) {
    var span = document.createElement('span');
    span.className = 'sti-label';
    span.textContent = text;
    span.setAttribute('data-layer', lid);
    span.setAttribute('data-fid', fid);
    span.setAttribute('data-prio', rule.priority);
    span.setAttribute('data-minzoom', rule.minZoom);
    return span;
  }

  function dotIcon(f, on, style, radius, label, prefix) {  // prefix: sti-f- (sti-r- on a compared right side)
    var size = on ? radius * 2 + 8 : radius * 2;
    var ring = on ? '#facc15' : style.color;
    var box = document.createElement('div');
    var dot = document.createElement('div');
    dot.style.cssText = 'width:' + size + 'px;height:' + size + 'px;border-radius:50%;background:'
      + style.fillColor + ';border:' + (on ? 3 : 2) + 'px solid ' + ring + ';box-sizing:border-box';
    box.appendChild(dot);
    if (label && f.properties._lbl) { box.appendChild(labelSpan(f.properties._lbl, label.rule, label.lid, f.properties.id)); }
    return L.divIcon({
      className: 'sti-dot ' + (prefix || 'sti-f-') + f.properties._id + (on ? ' sti-lit' : ''),
      iconSize: [size, size],
      html: box
    });
  }

  function say(name, fields) { return sayText(config.strings, name, fields); }

  // A stack: members that share one position (the documents give their district, not their site).
  function stackOf(cluster) {
    var members = cluster.getAllChildMarkers();
    var summary = stackSummary(members.map(function (m) {
      var at = m.getLatLng();
      return {lat: at.lat, lng: at.lng, acc: m.feature.properties._acc};
    }));
    return {members: members, same: summary.same, km: summary.km};
  }

  // Clicking a stack lists its members (each opens its panel); a cluster of several positions zooms in.
  function onClusterClick(e) {
    var stack = stackOf(e.layer);
    if (!stack.same) { e.layer.zoomToBounds({padding: [30, 30]}); return; }
    var box = document.createElement('div');
    box.className = 'sti-stack';
    var title = document.createElement('div');
    title.className = 'sti-stack-title';
    title.textContent = say('stack_title', {n: stack.members.length, km: stack.km});
    var hint = document.createElement('div');
    hint.className = 'sti-stack-hint';
    hint.textContent = say('stack_hint', {});
    var list = document.createElement('ul');
    stack.members.slice().sort(function (a, b) {
      return byName(a.feature.properties._name, b.feature.properties._name);
    }).forEach(function (m) {
      var item = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = m.feature.properties._name || m.feature.properties.id;
      button.setAttribute('data-feature', m.feature.properties.id);
      button.addEventListener('click', function () { clicked(m.feature.properties.id, e.layer.getLatLng()); });
      item.appendChild(button);
      list.appendChild(item);
    });
    box.appendChild(title); box.appendChild(hint); box.appendChild(list);
    L.popup({className: 'sti-popup sti-stack-popup', maxWidth: 320, autoPan: true})
      .setLatLng(e.layer.getLatLng()).setContent(box).openOn(map);
    var first = list.querySelector('button');  // opened by a key: the keyboard goes on into the list
    if (first && e.originalEvent && /^key/.test(e.originalEvent.type)) { first.focus(); }
  }

  function onClusterOver(e) {
    var stack = stackOf(e.layer);
    if (!stack.same) { return; }
    if (!e.layer.getTooltip()) {
      e.layer.bindTooltip(say('stack_tip', {n: stack.members.length, km: stack.km}), {direction: 'top'});
    }
    e.layer.openTooltip();
  }

  // A feature by keyboard: Tab reaches it (markers, and the areas' and lines' shapes, which Chrome makes tab
  // stops), a screen reader reads its name, Enter or Space opens its panel as a click does.
  function keyboardReachable(f, layer) {
    var name = f.properties._name || f.properties._lbl || '';
    layer.on('keypress', function (e) {
      var key = e.originalEvent.key;
      if (key === 'Enter' || key === ' ') { L.DomEvent.preventDefault(e.originalEvent); clicked(f.properties.id, null); }
    });
    layer.on('add', function () {
      if (layer._path && name) {
        layer._path.setAttribute('aria-label', name);
        layer._path.setAttribute('role', 'button');
      }
    });
  }

  // A div icon whose element carries a name (a stack is "5 features here", not "5", to a screen reader)
  function named(name, options) {
    var icon = L.divIcon(options), create = icon.createIcon;
    icon.createIcon = function (old) {
      var el = create.call(icon, old);
      el.setAttribute('aria-label', name);
      el.title = name;
      return el;
    };
    return icon;
  }

  // Stacks of two layers at one place (the city's parks and platforms, both at the city's anchor) sat on top
  // of each other and one took every click: a kind's stacks stand a fixed step right of the kind before
  // (parks where they are, platforms 18 px right, …: their documents give a district, not a site, so the
  // shift claims no position; fixed by kind, so a page's other layers do not move them).
  function clusterGroup(style, lit, pane, kind) {
    var dx = stackOffset(kind || '');
    var ring = lit ? '#facc15' : style.color;
    var group = L.markerClusterGroup({maxClusterRadius: 30, spiderfyOnMaxZoom: false, showCoverageOnHover: false,
      zoomToBoundsOnClick: false, clusterPane: pane || L.Marker.prototype.options.pane,
      iconCreateFunction: function (c) {
        var n = c.getChildCount(), s = n < 10 ? 26 : 32;
        // a stack over a single dot at its place (a park dot took the click meant for the platforms' stack),
        // under the layout elements (front: 1000), which stay above everything
        c.options.zIndexOffset = STACK_FRONT;
        return named(say('cluster_name', {n: n}), {className: 'sti-cluster' + (lit ? ' sti-cluster-lit' : ''),
                                                     iconSize: [s, s], iconAnchor: [s / 2 - dx, s / 2], html:
          '<div style="width:' + s + 'px;height:' + s + 'px;line-height:' + (s - 6) + 'px;'
          + 'border-radius:50%;background:' + style.fillColor + ';border:3px solid ' + ring + ';'
          + 'color:#fff;font:600 12px sans-serif;text-align:center;box-sizing:border-box;'
          + 'text-shadow:0 0 2px #000">' + n + '</div>'});
      }});
    group.on('clusterclick', onClusterClick);
    group.on('clusterkeypress', function (e) {
      if (e.originalEvent && (e.originalEvent.key === 'Enter' || e.originalEvent.key === ' ')) { onClusterClick(e); }
    });
    group.on('clustermouseover', onClusterOver);
    return group;
  }

  // An overlay registers itself: one L.geoJSON per layer, points optionally in two cluster groups
  // (plain and highlighted) so that a highlighted point is never hidden in a plain cluster.
  function add(lid, data, opts, parent) {
    var style = opts.style;
    var entry = {lid: lid, group: opts.group || '', parent: parent, style: style, radius: opts.radius,
                 cluster: opts.cluster,
                 lineSelected: opts.selectedStyle, shown: false, parts: [], front: opts.front ? 1000 : 0,
                 label: opts.label ? {rule: opts.label, lid: lid} : null, data: data};
    var gj = L.geoJSON(data, {
      style: function (f) {  // a layer added after a theme arrived is drawn in its colours at once
        return Object.assign(themedStyle(lid, f.properties.id, style), {className: 'sti-f-' + f.properties._id});
      },
      pointToLayer: function (f, latlng) {  // title: its name for a screen reader, hidden label or not
        return L.marker(latlng, {icon: dotIcon(f, false, style, opts.radius, entry.label), riseOnHover: true,
                                 zIndexOffset: entry.front, title: f.properties._name || f.properties._lbl || '',
                                 alt: f.properties._name || f.properties._lbl || ''});
      },
      onEachFeature: function (f, layer) {
        layer.bindTooltip(f.properties._tip, {sticky: f.geometry.type !== 'Point'});
        layer.on('click', function (e) { clicked(f.properties.id, e.latlng); });
        keyboardReachable(f, layer);
        // a feature in two layers (a view such as core_system) is found by id in the last; hits has both
        features[f.properties.id] = {lid: lid, layer: layer, feature: f, point: f.geometry.type === 'Point'};
        hits.push(features[f.properties.id]);
      }
    });
    if (opts.cluster) {
      entry.plain = clusterGroup(style, false, null, opts.group);
      entry.lit = clusterGroup(style, true, null, opts.group);
      gj.eachLayer(function (m) { entry.plain.addLayer(m); });
      entry.parts = [entry.plain, entry.lit];
      [entry.plain, entry.lit].forEach(function (g) { g.on('animationend', declutter); });
    } else {
      entry.parts = [gj];
    }
    if (entry.label) {
      var names = nameMarkers(gj, entry, 'sti-labels', function (p, name) { features[p.id].name = name; });
      if (names.getLayers().length) { entry.parts.push(names); entry.names = names; }
    }
    entry.gj = gj;
    layers[lid] = entry;
    if (swipe.spec && (swipe.spec.layers || []).indexOf(lid) !== -1) { swipeLayer(lid); }
    apply(true);  // restyles both sides
    return gj;
  }

  // Lines and areas: a label marker at the point Python chose (points carry theirs in their icon).
  function nameMarkers(gj, entry, pane, each) {
    var names = L.layerGroup();
    gj.eachLayer(function (l) {
      var p = l.feature.properties;
      if (!p._lbl || !p._lpt) { return; }
      var name = L.marker(L.latLng(p._lpt[1], p._lpt[0]), {pane: pane, interactive: false,
        keyboard: false, icon: L.divIcon({className: 'sti-label-at', iconSize: null,
                                          html: labelSpan(p._lbl, entry.label.rule, entry.lid, p.id)})});
      names.addLayer(name);
      if (each) { each(p, name); }
    });
    return names;
  }

  // Labels never pile up: at each stop of the map, every label that may show (its layer on, the zoom
  // reached) is placed in priority order and one that would touch a placed label is hidden. The highlighted
  // features' labels go first; in presenter mode they are the scene's own, shown whatever the zoom, and before
  // giving up a place they try further up or down, the other side of their dot and smaller type.
  var placing = false;
  function declutter() {
    if (placing) { return; }
    placing = true;
    (window.requestAnimationFrame || setTimeout)(function () { placing = false; placeLabels(); });
  }
  function labelAt(el, t) {
    el.classList.toggle('sti-label-small', !!t.size);
    el.classList.toggle('sti-label-left', t.left);
    el.style.marginTop = t.shift ? (t.shift * el.offsetHeight) + 'px' : '';
  }
  function placeLabels() {
    var zoom = map.getZoom();
    var lit = {};
    (state.highlight || []).forEach(function (fid) { lit[fid] = true; });
    function must(el) { return presenting && lit[el.getAttribute('data-fid')] === true; }
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
  if (!map.getPane('sti-labels')) {
    var pane = map.createPane('sti-labels');
    pane.style.zIndex = 640;  // above markers (600), under tooltips (650) and popups (700)
    pane.style.pointerEvents = 'none';
  }
  map.on('zoomend moveend resize', declutter);
  // A closed panel fades out (Leaflet keeps it 200 ms at opacity 0): invisible, it must not take the next click
  // meant for the feature beneath it. An opened one takes clicks again (Leaflet reuses a panel's element).
  map.on('popupclose', function (e) { var el = e.popup.getElement(); if (el) { el.style.pointerEvents = 'none'; } });
  map.on('popupopen', function (e) { var el = e.popup.getElement(); if (el) { el.style.pointerEvents = ''; } });
  // markers enter and leave clusters on their own timers: any label added or removed places them again
  new MutationObserver(declutter).observe(map.getContainer(), {childList: true, subtree: true});

  function setShown(entry, on) {
    if (entry.shown === on) { return; }
    entry.parts.forEach(function (p) { if (on) { entry.parent.addLayer(p); } else { entry.parent.removeLayer(p); } });
    if (entry.direct) { if (on) { map.addLayer(entry.direct); } else { map.removeLayer(entry.direct); } }
    entry.shown = on;
  }

  function unmark() {
    selectionMarks.forEach(function (m) { map.removeLayer(m); });
    selectionMarks = [];
  }

  // A thematic map colours one layer's areas by class (a theme: {layer, colours: {id: colour}}; the map's
  // own is state.theme, a compared right side's its own); the highlight and selection styles go over it.
  function themedStyle(lid, fid, style, theme) {
    var base = Object.assign({}, style);
    if (theme === undefined) { theme = state.theme; }
    var colour = theme && theme.layer === lid && theme.colours ? theme.colours[fid] : null;
    if (colour) { base.fillColor = colour; base.fillOpacity = 0.8; }
    return base;
  }
  // What each feature's style level is now: 1 highlighted, 2 selected (absent: plain).
  function wanted() {
    var want = {};
    (state.highlight || []).forEach(function (fid) { want[fid] = 1; });
    if (state.selected) { want[state.selected] = 2; }
    return want;
  }
  function hiddenSet() {
    var off = {};
    (state.hidden || []).forEach(function (fid) { off[fid] = true; });
    return off;
  }
  function baseStyle(hit) {
    return themedStyle(hit.lid, hit.feature.properties.id, layers[hit.lid].style);
  }

  function restyle(fid, level) {
    restyleHit(features[fid], level);
  }

  function restyleHit(hit, level) {
    // level: 0 plain, 1 highlighted, 2 selected
    if (!hit) { return; }
    var entry = layers[hit.lid];
    if (hit.point) {
      var m = hit.layer;
      m.setIcon(dotIcon(hit.feature, level > 0, entry.style, entry.radius, entry.label));
      m.setZIndexOffset(entry.front + (level > 0 ? 1000 : 0));
      if (entry.cluster && !entry.shown) {
        // markercluster loses track of a marker moved between groups while they are off the map (its
        // _needsRemoving queue): the move waits until the layer is shown again (apply)
        entry.stale = true;
      } else if (entry.cluster) {
        // a selected point leaves its cluster and sits on the map itself, with its accuracy circle
        var want = hit.off || level === 2 ? null : level === 1 ? entry.lit : entry.plain;
        if (entry.direct === m && (level !== 2 || hit.off)) { map.removeLayer(m); entry.direct = null; }
        [entry.plain, entry.lit].forEach(function (g) { if (g !== want && g.hasLayer(m)) { g.removeLayer(m); } });
        if (want && !want.hasLayer(m)) { want.addLayer(m); }
        if (level === 2 && !hit.off && entry.direct !== m) {
          if (entry.direct) { restyle(entry.direct.feature.properties.id, 0); }
          entry.direct = m;
          if (entry.shown) { map.addLayer(m); }
        }
      }
    } else if (hit.layer.setStyle) {
      var base = baseStyle(hit);
      hit.layer.setStyle(level > 0 ? Object.assign(base, entry.lineSelected) : base);
      if (level > 0 && entry.shown && hit.layer.bringToFront) { hit.layer.bringToFront(); }
      var el = hit.layer.getElement ? hit.layer.getElement() : null;
      if (el) { el.classList.toggle('sti-lit', level > 0); }
    }
  }

  var marked = {};
  // A filter hides features the page's facets leave out (state.hidden): a clustered point leaves its
  // cluster groups (moved only while its layer is shown, see restyle), any other feature its layer, an
  // area its name; all come back when the filter lets them.
  function filterFeatures() {
    var off = hiddenSet();
    var changed = [];
    hits.forEach(function (hit) {
      var now = !!off[hit.feature.properties.id];
      if (!!hit.off === now) { return; }
      hit.off = now;
      var entry = layers[hit.lid];
      if (hit.point && entry.cluster) { changed.push(hit); return; }
      if (now) { entry.gj.removeLayer(hit.layer); } else { entry.gj.addLayer(hit.layer); }
      if (hit.name && entry.names) { if (now) { entry.names.removeLayer(hit.name); } else { entry.names.addLayer(hit.name); } }
      var el = hit.layer.getElement ? hit.layer.getElement() : null;
      if (el) { el.classList.toggle('sti-off', now); }
    });
    return changed;
  }

  // A thematic map says each area's value on hover (the tooltip gave only the name), and a name on a dark fill
  // turns light (black on the darkest class read ~2:1): both follow the theme, and go with it.
  function themeReadouts(theme) {
    hits.forEach(function (hit) {
      var p = hit.feature.properties, tip = hit.layer.getTooltip && hit.layer.getTooltip();
      var on = theme && theme.layer === hit.lid && theme.values && Object.prototype.hasOwnProperty.call(theme.values, p.id);
      if (tip) {
        if (on) {
          var box = document.createElement('div');
          var name = document.createElement('b');
          name.textContent = p._name || '';
          box.appendChild(name);
          box.appendChild(document.createElement('br'));
          box.appendChild(document.createTextNode((theme.label || '') + ': ' + theme.values[p.id]));
          hit.layer.setTooltipContent(box);
        } else {
          hit.layer.setTooltipContent(p._tip);
        }
      }
      var labels = map.getContainer().querySelectorAll('.sti-label[data-fid="' + CSS.escape(p.id) + '"]');
      Array.prototype.forEach.call(labels, function (el) {
        el.classList.toggle('sti-label-light', !!(on && darkFill(theme.colours[p.id])));
      });
    });
  }

  function apply(force) {
    var visible = state.layers;
    var refreshed = {};
    var filtered = filterFeatures();  // clustered points whose filter state changed
    var themeNow = JSON.stringify(state.theme || null);
    var rethemed = themeNow !== themeText;
    themeText = themeNow;
    Object.keys(layers).forEach(function (lid) {
      var entry = layers[lid];
      setShown(entry, visible === null ? true : visible.indexOf(lid) !== -1);
      if (entry.shown && entry.stale) { entry.stale = false; refreshed[lid] = true; }
    });
    var want = wanted();
    hits.forEach(function (hit) {  // back on the map: every point to its right group
      if (refreshed[hit.lid]) { restyleHit(hit, want[hit.feature.properties.id] || 0); }
    });
    filtered.forEach(function (hit) {
      if (!refreshed[hit.lid]) { restyleHit(hit, want[hit.feature.properties.id] || 0); }
    });
    if (rethemed) {  // every area back to its (new) base colour, its highlight kept
      hits.forEach(function (hit) { if (!hit.point) { restyleHit(hit, want[hit.feature.properties.id] || 0); } });
    }
    if (rethemed || force) { themeReadouts(state.theme); }  // force: a layer just added
    var ids = Object.keys(Object.assign({}, marked, want));
    ids.forEach(function (fid) {
      var level = want[fid] || 0;
      if (refreshed[(features[fid] || {}).lid]) { return; }
      if (force || (marked[fid] || 0) !== level) { restyle(fid, level); }
    });
    marked = want;
    if (swipe.spec) { swipeRestyle(want); }
    unmark();
    var sel = state.selected && features[state.selected];
    if (sel && sel.point && !sel.off && layers[sel.lid].shown && sel.feature.properties._acc) {
      var circle = L.circle(sel.layer.getLatLng(), {radius: sel.feature.properties._acc, color: '#ca8a04',
        weight: 2, dashArray: '6 4', fill: true, fillOpacity: 0.05, interactive: false, className: 'sti-accuracy'});
      circle.addTo(map);
      selectionMarks.push(circle);
    }
    declutter();
  }

  function panel(fid, latlng) {
    var hit = features[fid];
    if (!hit || !hit.feature.properties._pop) { return; }
    var at = latlng || (hit.point ? hit.layer.getLatLng() : hit.layer.getBounds().getCenter());
    // in view and clear of the controls down the left edge (on a phone they covered a tapped panel)
    var controls = map.getContainer().querySelector('.leaflet-top.leaflet-left');
    var left = (controls ? controls.offsetWidth : 0) + 8;
    var mini = map.getContainer().querySelector('.leaflet-control-minimap');  // and clear of the minimap's corner
    var below = mini && mini.offsetHeight > 40 ? mini.offsetHeight + 12 : 8;
    L.popup({className: 'sti-popup', maxWidth: Math.min(320, Math.max(160, map.getSize().x - left - 24)),
             autoPan: true, autoPanPaddingTopLeft: L.point(left, 8), autoPanPaddingBottomRight: L.point(8, below)})
      .setLatLng(at).setContent(hit.feature.properties._pop).openOn(map);
  }

  function clicked(fid, latlng) {
    state.selected = fid;   // at once, before Python answers
    apply(false);
    panel(fid, latlng);
    report({event: 'click', id: fid});
  }

  // A spatial query's outline: the area it certainly covers (dashed) and, around an approximate feature,
  // the wider area it possibly covers (dotted). A new query (not the one a link opened with) is flown to.
  var queryLayer = null, queryText, queryRenderer, themeText = 'null';
  function drawQuery(query) {
    var text = JSON.stringify(query);
    if (text === queryText) { return; }
    var first = queryText === undefined;
    queryText = text;
    if (queryLayer) { map.removeLayer(queryLayer); queryLayer = null; }
    if (!query) { return; }
    if (!map.getPane('sti-query')) {  // over both compared sides, under the markers
      map.createPane('sti-query').style.zIndex = 450;
      queryRenderer = L.svg({pane: 'sti-query'});
    }
    queryLayer = L.geoJSON(query, {interactive: false, renderer: queryRenderer, style: function (f) {
      var certain = f.properties.kind === 'certain';
      return {color: '#7c3aed', weight: certain ? 2.5 : 1.5, dashArray: certain ? '8 5' : '2 6',
              fill: certain, fillColor: '#7c3aed', fillOpacity: 0.06, className: 'sti-query sti-query-' + f.properties.kind};
    }}).addTo(map);
    if (!first) { map.fitBounds(queryLayer.getBounds(), {padding: [20, 20]}); }
  }

  // Compare (swipe): the map's own panes are the left side; the right side (state.compare: its layers, its
  // theme) is drawn again from the same data in panes of its own, and leaflet-compare clips each side's
  // wrapper either side of its divider. One map, so pan and zoom are shared. Dropping the divider reports
  // its place (per cent) for the permalink; each side's name sits beside the divider.
  var swipe = {control: null, text: null, spec: null, layers: [], hits: {}, marked: {}, renderer: null};
  function sidePanes() {
    if (map.getPane('sti-left')) { return; }
    var left = map.createPane('sti-left'), right = map.createPane('sti-right');
    left.style.zIndex = 400;
    right.style.zIndex = 401;
    ['overlayPane', 'markerPane', 'sti-labels'].forEach(function (name) { left.appendChild(map.getPane(name)); });
    [['sti-r-overlay', 400], ['sti-r-marker', 600], ['sti-r-labels', 640]].forEach(function (p) {
      map.createPane(p[0], right).style.zIndex = p[1];
    });
    map.getPane('sti-r-labels').style.pointerEvents = 'none';
    swipe.renderer = L.svg({pane: 'sti-r-overlay'});
  }
  function swipeRestyle(want) {
    Object.keys(swipe.hits).forEach(function (fid) {
      var level = want[fid] || 0;
      if ((swipe.marked[fid] || 0) === level) { return; }
      swipe.hits[fid].forEach(function (hit) {
        var entry = layers[hit.lid];
        if (hit.point) {
          hit.layer.setIcon(dotIcon(hit.feature, level > 0, entry.style, entry.radius, entry.label, 'sti-r-'));
          hit.layer.setZIndexOffset(entry.front + (level > 0 ? 1000 : 0));
        } else if (hit.layer.setStyle) {
          var base = themedStyle(hit.lid, fid, entry.style, swipe.spec.theme);
          hit.layer.setStyle(level > 0 ? Object.assign(base, entry.lineSelected) : base);
          if (level > 0 && hit.layer.bringToFront) { hit.layer.bringToFront(); }
        }
      });
    });
    swipe.marked = want;
  }
  function swipeClear() {
    swipe.layers.forEach(function (l) { map.removeLayer(l); });
    swipe.layers = [];
    swipe.hits = {};
    swipe.marked = {};
  }
  function swipeBuild() {
    swipeClear();
    (swipe.spec.layers || []).forEach(swipeLayer);
    swipeRestyle(wanted());
  }
  // One layer's copy on the right side (also when the layer registers after the state arrived); its copies
  // are plain until the next swipeRestyle marks every highlight again.
  function swipeLayer(lid) {
    var entry = layers[lid];
    if (!entry) { return; }
    var off = hiddenSet();
    var theme = swipe.spec.theme;
    var gj = L.geoJSON(entry.data, {
      pane: 'sti-r-overlay', renderer: swipe.renderer,
      filter: function (f) { return !off[f.properties.id]; },
      style: function (f) {
        return Object.assign(themedStyle(lid, f.properties.id, entry.style, theme),
                             {className: 'sti-r sti-r-' + f.properties._id});
      },
      pointToLayer: function (f, latlng) {
        return L.marker(latlng, {icon: dotIcon(f, false, entry.style, entry.radius, entry.label, 'sti-r-'),
                                 pane: 'sti-r-marker',
                                 riseOnHover: true, zIndexOffset: entry.front});
      },
      onEachFeature: function (f, layer) {
        layer.bindTooltip(f.properties._tip, {sticky: f.geometry.type !== 'Point'});
        layer.on('click', function (e) { clicked(f.properties.id, e.latlng); });
        keyboardReachable(f, layer);
        (swipe.hits[f.properties.id] = swipe.hits[f.properties.id] || []).push(
          {lid: lid, layer: layer, feature: f, point: f.geometry.type === 'Point'});
      }
    });
    var parts = [gj];
    if (entry.cluster) {
      var group = clusterGroup(entry.style, false, 'sti-r-marker', entry.group);
      gj.eachLayer(function (m) { group.addLayer(m); });
      group.on('animationend', declutter);
      parts = [group];
    }
    if (entry.label) {
      var names = nameMarkers(gj, entry, 'sti-r-labels');
      if (names.getLayers().length) { parts.push(names); }
    }
    parts.forEach(function (part) { map.addLayer(part); swipe.layers.push(part); });
    swipe.marked = {};
  }
  function swipeBadges(x) {
    var box = map.getContainer().querySelector('.sti-cmp-badges');
    if (!box || !swipe.spec) { return; }
    var labels = swipe.spec.labels || ['', ''];
    box.firstChild.textContent = '\u25c0 ' + labels[0];
    box.lastChild.textContent = labels[1] + ' \u25b6';
    box.firstChild.style.right = (map.getSize().x - x + 10) + 'px';
    box.lastChild.style.left = (x + 10) + 'px';
  }
  function swipeSet(spec) {
    var text = JSON.stringify([spec, spec ? state.hidden : null]);
    if (text === swipe.text) { return; }
    swipe.text = text;
    if (!spec) {
      if (swipe.control) { swipe.control.remove(); swipe.control = null; }
      swipeClear();
      swipe.spec = null;
      var old = map.getContainer().querySelector('.sti-cmp-badges');
      if (old) { old.remove(); }
      return;
    }
    sidePanes();
    var before = swipe.spec;
    swipe.spec = spec;
    swipeBuild();
    if (!swipe.control) {
      var leftSide = {getContainer: function () { return map.getPane('sti-left'); }};
      var rightSide = {getContainer: function () { return map.getPane('sti-right'); }};
      swipe.control = L.control.compare([leftSide], [rightSide], {position: spec.split / 100}).addTo(map);
      var range = map.getContainer().querySelector('.leaflet-sbs-range');
      range.setAttribute('aria-label', (config.strings || {}).swipe_divider || '');
      // a press on the divider's handle must not reach the map: Leaflet 1.9 drags the map on pointer events,
      // which leaflet-compare does not stop on a desktop (it listens for touchstart there)
      L.DomEvent.disableClickPropagation(range);
      L.DomEvent.on(range, 'pointerdown', L.DomEvent.stopPropagation);
      range.addEventListener('change', function () {
        var pct = Math.max(5, Math.min(95, Math.round(+range.value * 100)));
        if (swipe.spec) { swipe.spec.split = pct; }
        report({event: 'split', value: pct});
      });
      var badges = L.DomUtil.create('div', 'sti-cmp-badges', map.getContainer());
      L.DomUtil.create('div', 'sti-cmp-badge sti-cmp-left', badges);
      L.DomUtil.create('div', 'sti-cmp-badge sti-cmp-right', badges);
      swipe.control.on('dividermove', function (e) { swipeBadges(e.x); });
    } else if (!before || Math.abs(before.split - spec.split) >= 1) {
      swipe.control.setPosition(spec.split / 100);
    }
    swipeBadges(swipe.control.getPosition());
    declutter();
  }

  // Drawing a rectangle, polygon or circle asks "what lies within" it: the shape is reported as text
  // (model.within's form, in the map's display coordinates) and Python answers with the query's outline.
  function queryOf(type, layer) {
    if (type === 'circle') {
      var c = layer.getLatLng();
      return circleText(c.lng, c.lat, layer.getRadius());
    }
    if (type === 'rectangle') {
      var b = layer.getBounds();
      return rectangleText(b.getWest(), b.getSouth(), b.getEast(), b.getNorth());
    }
    return polygonText(layer.getLatLngs()[0] || []);
  }
  function localiseDraw() {
    var s = config.strings || {}, d = L.drawLocal.draw;
    d.toolbar.buttons.rectangle = s.draw_rectangle; d.toolbar.buttons.polygon = s.draw_polygon;
    d.toolbar.buttons.circle = s.draw_circle;
    d.toolbar.actions.text = s.draw_cancel; d.toolbar.actions.title = s.draw_cancel;
    d.toolbar.finish.text = s.draw_finish; d.toolbar.finish.title = s.draw_finish;
    d.toolbar.undo.text = s.draw_undo; d.toolbar.undo.title = s.draw_undo;
    d.handlers.rectangle.tooltip.start = s.draw_drag; d.handlers.circle.tooltip.start = s.draw_drag;
    d.handlers.circle.radius = s.draw_radius; d.handlers.simpleshape.tooltip.end = s.draw_release;
    d.handlers.polygon.tooltip.start = s.draw_polygon_start; d.handlers.polygon.tooltip.cont = s.draw_polygon_next;
    d.handlers.polygon.tooltip.end = s.draw_polygon_next;
  }
  if (config.draw && L.Control && L.Control.Draw) {
    localiseDraw();
    var shape = {color: '#7c3aed', weight: 2, dashArray: '8 5', fillOpacity: 0.06};
    map.addControl(new L.Control.Draw({position: 'topleft', edit: false, draw: {
      polyline: false, marker: false, circlemarker: false,
      rectangle: {showArea: false, shapeOptions: shape},  // showArea trips a leaflet-draw 1.0.4 bug
      polygon: {allowIntersection: false, showArea: false, shapeOptions: shape},
      circle: {showRadius: true, metric: true, shapeOptions: shape}}}));
    map.on(L.Draw.Event.CREATED, function (e) {
      var text = queryOf(e.layerType, e.layer);
      if (text) { report({event: 'query', text: text}); }
    });
  }

  function readState() {
    var text = page.stateText();
    if (text === null || text === stateText) { return; }
    stateText = text;
    var next;
    try { next = JSON.parse(text); } catch (err) { return; }
    var selectedBefore = state.selected;
    state = {layers: next.layers, selected: next.selected || null, highlight: next.highlight || [],
             hidden: next.hidden || [], theme: next.theme || null};
    presenting = !!next.present;
    map.getContainer().classList.toggle('sti-present', presenting);  // larger labels for a room
    fitSlide();
    autoplaySet(presenting ? (next.autoplay || 0) : 0);
    drawQuery(next.query || null);
    apply(false);
    declutter();  // the highlighted (a scene's) labels go first
    swipeSet(next.compare || null);
    if (!state.selected && selectedBefore) { map.closePopup(); }
  }

  // A sidebar layer checkbox hides/shows its layer before Python's rerun (the bridge names its layer).
  function onParentChange(e) {
    var box = e.target;
    var lid = page.layerOf(box);
    if (!lid) { return; }
    // while comparing, Python decides what each side shows (a theme side keeps its districts, the own layer
    // stays on its side): its answer comes in one fragment run
    if (swipe.spec) { return; }
    var visible = state.layers === null ? Object.keys(layers) : state.layers.slice();
    var at = visible.indexOf(lid);
    if (box.checked && at === -1) { visible.push(lid); }
    if (!box.checked && at !== -1) { visible.splice(at, 1); }
    state.layers = visible;
    apply(false);
  }


  // Leaflet cannot start a pan while a zoom animation runs (or waits for its first frame): the zoom's
  // end puts the map back at the zoom's target and the pan lands beside its own (a scene picked while the
  // previous one zooms). A view asked for meanwhile is kept and applied when the zoom ends; only the
  // newest one counts. The zoom is given up on after a second, in case its end never comes.
  var setView = map.setView, pendingView = null, zoomingSince = 0;
  function zooming() { return map._animatingZoom || (zoomingSince > 0 && Date.now() - zoomingSince < 1000); }
  function flush() {
    if (pendingView && !zooming()) { var v = pendingView; pendingView = null; map.setView(v[0], v[1], v[2]); }
  }
  map.setView = function (center, zoom, options) {
    if (zooming()) { pendingView = [center, zoom, options]; setTimeout(flush, 1050); return map; }
    pendingView = null;
    if (zoom !== undefined && zoom !== null && map._limitZoom(zoom) !== map.getZoom()) { zoomingSince = Date.now(); }
    return setView.call(map, center, zoom, options);
  };
  map.on('zoomend', function () { zoomingSince = 0; flush(); });

  // Whether the map shows the view Python last sent (streamlit-folium keeps it in __GLOBAL_DATA__).
  function atAsked(asked) {
    if (!asked.last_center || asked.last_zoom !== map.getZoom()) { return false; }
    var at = map.latLngToContainerPoint(L.latLng(asked.last_center));
    return at.distanceTo(map.getSize().divideBy(2)) <= 2;
  }

  var awayFrom = null;  // the asked view (as text) the map last reported leaving
  map.on('moveend', function () {
    clearTimeout(moveTimer);
    moveTimer = setTimeout(function () {
      var asked = window.__GLOBAL_DATA__ || {};
      var askedText = JSON.stringify([asked.last_center, asked.last_zoom]);
      var home = atAsked(asked);
      // Arriving where Python asked (a scene, a search pick, the first draw) tells it nothing new, and
      // a run it caused would only compete with the next click; coming back after a reported pan does.
      if (home && awayFrom !== askedText) { return; }
      awayFrom = home ? null : askedText;
      var c = map.getCenter();
      report({event: 'move', center: {lat: c.lat, lng: c.lng}, zoom: map.getZoom(),
              asked: {center: asked.last_center, zoom: asked.last_zoom}});
    }, config.moveDelay);
  });
  // Presenter keys (presenter.mjs): they press the page's own scene buttons through the bridge.
  function typing(target) {
    return !!(target && target.closest && target.closest(TYPING));
  }
  // Scene keys take effect one at a time, in the order pressed: a key waits until the page shows what the one
  // before asked (the scene count changed and the script stopped). Pressed at once, a key would press a button
  // drawn for a scene already left: End still disabled on the last scene after Home, a step taken twice.
  var nav = {queue: [], pressed: null, timer: null};
  function navPump() {
    if (nav.pressed) {
      if (!landed(nav.pressed, page.sceneCount(), page.scriptIdle(), Date.now())) { return; }
      nav.pressed = null;
    }
    while (nav.queue.length) {
      var before = page.sceneCount();
      var action = nav.queue.shift();
      var wraps = action === 'next' && page.disabled('last');  // the page disables "last" on the last scene
      if (page.press(action)) {  // the tour goes round: say so, or it looks like a restart
        nav.pressed = {before: before, at: Date.now()};
        if (wraps) { notice((config.strings || {}).tour_wrapped || ''); }
        return;
      }
    }
    clearInterval(nav.timer);
    nav.timer = null;
  }
  function notice(text) {
    var box = page.own('sti-notice');
    if (box) { box.remove(); }
    if (!text) { return; }
    box = page.make('div', 'sti-notice', 'position:fixed;left:50%;top:18px;transform:translateX(-50%);'
      + 'z-index:999991;background:rgba(17,24,39,.9);color:#fff;font:600 18px/1.3 sans-serif;padding:8px 18px;'
      + 'border-radius:18px');
    box.setAttribute('role', 'status');
    box.textContent = text;
    page.show(box);
    setTimeout(function () { box.remove(); }, 2500);
  }
  function navigate(action) {
    nav.queue.push(action);
    if (!nav.timer) { nav.timer = setInterval(navPump, 30); }
    navPump();
  }
  function blank(on) {
    var curtain = page.own('sti-blank');
    if (on === undefined) { on = !curtain; }
    if (!on && curtain) { curtain.remove(); }
    if (on && !curtain) {
      curtain = page.make('div', 'sti-blank', 'position:fixed;inset:0;background:#000;z-index:2147483647;'
        + 'cursor:none');
      curtain.addEventListener('click', function () { blank(false); });
      page.show(curtain);
    }
  }
  // Autoplay: every `secs` seconds the page's "next" button is pressed (the tour loops), with a visible
  // countdown and a pause button at the bottom of the page; P pauses, a blank screen holds the count, and a
  // scene changed by hand restarts it. Browser-only: the interval itself is in the URL.
  var autoplay = {secs: 0, left: 0, paused: false, timer: null};
  function autoplayBar() {
    var bar = page.own('sti-autoplay');
    if (!bar) {
      bar = page.make('div', 'sti-autoplay', 'position:fixed;left:50%;bottom:14px;transform:translateX(-50%);'
        + 'z-index:999990;background:rgba(17,24,39,.88);color:#fff;font:600 15px/1.3 sans-serif;'
        + 'padding:6px 8px 6px 14px;border-radius:18px;display:flex;gap:10px;align-items:center');
      bar.setAttribute('role', 'status');
      var text = page.make('span');
      var button = page.make('button', '', 'all:unset;cursor:pointer;background:#fff;color:#111;'
        + 'border-radius:12px;padding:2px 10px;font:600 14px/1.4 sans-serif');
      button.type = 'button';
      button.addEventListener('click', function () { autoplayPause(!autoplay.paused); });
      bar.appendChild(text);
      bar.appendChild(button);
      page.show(bar);
    }
    return bar;
  }
  function autoplayShow() {
    if (!autoplay.secs) { return; }
    var bar = autoplayBar();
    var s = config.strings || {};
    bar.firstChild.textContent = autoplay.paused ? (s.autoplay_paused || '')
      : (s.autoplay_next || '').replace('{s}', String(autoplay.left));
    bar.lastChild.textContent = autoplay.paused ? (s.autoplay_resume || '') : (s.autoplay_pause || '');
    bar.setAttribute('data-paused', autoplay.paused ? '1' : '0');
  }
  function autoplayTick() {
    if (autoplay.paused || page.own('sti-blank') || page.hidden()) { return; }
    var next = tick(autoplay.left, autoplay.secs);
    autoplay.left = next.left;
    if (next.advance) { navigate('next'); }  // the tour wraps: next on the last scene is the first
    autoplayShow();
  }
  function autoplayPause(paused) {
    autoplay.paused = paused;
    autoplay.left = autoplay.secs;
    autoplayShow();
  }
  function autoplaySet(secs) {
    if (!page.reachable || secs === autoplay.secs) { return; }
    clearInterval(autoplay.timer);
    autoplay = {secs: secs, left: secs, paused: false, timer: null};
    var bar = page.own('sti-autoplay');
    if (!secs) { if (bar) { bar.remove(); } return; }
    autoplay.timer = setInterval(autoplayTick, 1000);
    autoplayShow();
  }
  function onKey(e) {
    if (!presenting) { return; }
    var action = keyAction(e, typing(e.target));
    if (!action) { return; }
    var curtain = page.own('sti-blank');
    e.preventDefault();
    e.stopPropagation();  // arrows and Space must not pan the map or scroll the page
    // on a blank screen a key brings the slide back and does nothing more: the audience sees the scene it left
    if (curtain && action !== 'leave') { blank(false); return; }
    if (action === 'blank') { blank(true); return; }
    if (action === 'pause') { if (autoplay.secs) { autoplayPause(!autoplay.paused); } return; }
    if (action === 'fullscreen') { page.toggleFullscreen(); return; }  // the slide without sidebar and frame
    if (action === 'leave') {
      blank(false);
      page.leavePresenting();
      return;
    }
    if (NAV[action]) { navigate(action); autoplay.left = autoplay.secs; autoplayShow(); }  // by hand: a full interval
  }
  // The map and its controls, named in the page's language for a keyboard and a screen reader: the frame was
  // "streamlit_folium.st_folium", the zoom buttons and the Leaflet link English on a Chinese page.
  (function nameTheMap() {
    var name = say('map_name', {});
    map.getContainer().setAttribute('aria-label', name);
    map.getContainer().setAttribute('role', 'region');
    if (window.frameElement) { window.frameElement.setAttribute('aria-label', name); }
    if (map.zoomControl) {
      [[map.zoomControl._zoomInButton, 'zoom_in'], [map.zoomControl._zoomOutButton, 'zoom_out']].forEach(function (b) {
        if (b[0]) { b[0].title = say(b[1], {}); b[0].setAttribute('aria-label', say(b[1], {})); }
      });
    }
    if (map.attributionControl) {
      var link = document.createElement('a');
      link.href = 'https://leafletjs.com';
      link.title = say('leaflet_title', {});
      link.textContent = 'Leaflet';
      map.attributionControl.setPrefix(link.outerHTML);
    }
  })();

  // On a phone (a map under 480 px) drawing and measuring wait behind one button: shown, they took a column of
  // the map. The button says what it holds and whether it is open.
  var Tools = L.Control.extend({options: {position: 'topleft'}, onAdd: function () {
    var box = L.DomUtil.create('div', 'sti-tools leaflet-bar leaflet-control');
    var button = L.DomUtil.create('button', '', box);
    button.type = 'button';
    button.textContent = '\u270E';
    button.title = say('map_tools', {});
    button.setAttribute('aria-label', say('map_tools', {}));
    button.setAttribute('aria-expanded', 'false');
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.on(button, 'click', function () {
      var open = map.getContainer().classList.toggle('sti-tools-open');
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
    return box;
  }});
  new Tools().addTo(map);
  // A narrow window opened from the sidebar's page list keeps the sidebar over most of the page (Streamlit closes
  // it after a page link only on a phone's user agent): the new page's map closes it.
  (function closeSidebarOnNarrowScreens() {
    if (page.width() > PHONE) { return; }
    page.closeSidebar();
  })();

  // Presenter mode is a slide: the map reaches down to the bottom of the screen (a 1366×768 projector and
  // 1920×1080 alike, fullscreen or not) and the caption's column is as tall as the map, scrolling inside.
  // On a phone the map takes three quarters of the screen's height (Python's height is a laptop's). Elsewhere
  // the map has the height Python gave it.
  var fitted = null;  // the heights before fitting: {frame, div}
  function fitSlide() {
    var frame = window.frameElement, div = document.getElementById('map_div');
    if (!frame || !div || !page.reachable) { return; }
    var side = page.slideSide();
    var phone = !presenting && page.width() <= PHONE;
    if (!presenting && !phone) {
      if (fitted) {
        frame.style.height = fitted.frame;
        div.style.height = fitted.div;
        if (side) { side.style.maxHeight = ''; }
        fitted = null;
        map.invalidateSize();
      }
      return;
    }
    if (!fitted) { fitted = {frame: frame.style.height, div: div.style.height}; }
    var top = frame.getBoundingClientRect().top;
    for (var el = frame.parentElement; el; el = el.parentElement) { top += el.scrollTop; }  // as if unscrolled
    var height = Math.max(280, Math.floor(phone ? page.height() * 0.75 : page.height() - top - 12)) + 'px';
    if (side && presenting) { side.style.maxHeight = height; }
    if (frame.style.height === height && div.style.height === height) { return; }
    frame.style.height = height;
    div.style.height = height;
    map.invalidateSize();
  }
  // A phone opened on the region's own view (not a link's) sees the whole region: at the laptop's zoom a
  // 358 px map cut off a county (乳山). Once, when the page's first view has arrived.
  var homeFitted = false;
  function fitHome() {
    var home = config.home, asked = window.__GLOBAL_DATA__ || {};
    if (homeFitted || !home || !asked.last_center) { return; }
    homeFitted = true;
    if (page.width() > PHONE || asked.last_zoom !== home.zoom) { return; }
    var at = L.latLng(asked.last_center), bounds = L.latLngBounds(home.bounds);
    if (at.distanceTo(L.latLng(home.center)) > 50 || map.getBounds().contains(bounds)) { return; }
    map.fitBounds(bounds, {padding: [6, 6]});
  }
  fitSlide();
  if (page.reachable) {
    page.on('resize', fitSlide);
    page.on('fullscreenchange', function () { setTimeout(fitSlide, 50); });
    page.on('change', onParentChange, true);
    page.on('keydown', onKey, true);
    document.addEventListener('keydown', onKey, true);
    window.addEventListener('unload', function () {
      page.close();
      blank(false);
      autoplaySet(0);
    });
    page.watch(readState);
  }
  // in case an update slipped past the observer; and the slide refitted when the page above the map moved
  setInterval(function () { readState(); if (presenting || fitted) { fitSlide(); } fitHome(); }, 250);
  window.stiMap = {add: add, state: function () { return state; }, layers: layers, features: features, swipe: swipe,
                   readState: readState, placeLabels: placeLabels};
  readState();
}
