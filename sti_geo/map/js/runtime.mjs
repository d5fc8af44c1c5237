// sti_geo's map runtime: the browser answers what it already knows.
// Every overlay of a page is present; this code shows/hides layers, highlights and selects features
// and opens the in-map panel at once, then tells Python (one component value per event, no debounce).
// Python's answer comes back as the page's state element (".sti-map-state", data-state = JSON), which
// stays the single source of truth: the map follows it whenever it changes.
import {pageBridge} from './bridge.mjs';
import {darkFill} from './colour.mjs';
import {addToolsButton, nameTheMap} from './controls.mjs';
import {drawQueries, queryOutline} from './draw.mjs';
import {labelPlacer, labelSpan} from './label_dom.mjs';
import {presenterControls} from './presenting.mjs';
import {slideFitter} from './slide.mjs';
import {stackGroups} from './stack_dom.mjs';
import {say as sayText} from './text.mjs';
import {followViews} from './views.mjs';


// Start the runtime on Leaflet map `map`; `config` comes from Python (sti_geo/map/leaflet.py MapRuntime):
// {key, moveDelay, strings, draw, home, page (the page's element names, sti_app/keys.py)}.
export function start(map, config) {
  var layers = {};     // layer id -> {group, layer, clusters, points, style, lineSelected}
  var features = {};   // feature id -> {lid, layer, feature}
  var hits = [];       // every drawn feature, also the second copy of one in two layers
  var state = {layers: null, selected: null, highlight: [], hidden: []};
  var presenting = false;
  var stateText = null;
  var selectionMarks = [];
  var seq = 0;
  var themeText = 'null';  // the theme the map is coloured by (as its state element wrote it)
  var page = pageBridge(window, config.page || {});
  var presenter = presenterControls(page, config.strings || {}, function () { return presenting; });
  var slide = slideFitter(map, page, config.home, function () { return presenting; });
  var outline = queryOutline(map);
  var labels = labelPlacer(map, function () { return state.highlight || []; }, function () { return presenting; });
  var declutter = labels.declutter, placeLabels = labels.place;

  function report(value) {
    seq += 1;
    value.seq = seq;
    if (window.Streamlit && window.Streamlit.setComponentValue) { window.Streamlit.setComponentValue(value); }
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

  var clusterGroup = stackGroups(map, say, function (fid, latlng) { clicked(fid, latlng); });

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

  if (config.draw) { drawQueries(map, config.strings || {}, report); }

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
    slide.fit();
    presenter.autoplay(presenting ? (next.autoplay || 0) : 0);
    outline.show(next.query || null);
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


  followViews(map, config.moveDelay, report);
  nameTheMap(map, say);
  addToolsButton(map, say);
  slide.closeSidebarOnPhones();
  slide.fit();
  if (page.reachable) {
    page.on('resize', slide.fit);
    page.on('fullscreenchange', function () { setTimeout(slide.fit, 50); });
    page.on('change', onParentChange, true);
    page.on('keydown', presenter.onKey, true);
    document.addEventListener('keydown', presenter.onKey, true);
    window.addEventListener('unload', function () {
      page.close();
      presenter.stop();
    });
    page.watch(readState);
  }
  // in case an update slipped past the observer; and the slide refitted when the page above the map moved
  setInterval(function () { readState(); if (presenting || slide.fitted()) { slide.fit(); } slide.fitHome(); }, 250);
  window.stiMap = {add: add, state: function () { return state; }, layers: layers, features: features, swipe: swipe,
                   readState: readState, placeLabels: placeLabels};
  readState();
}
