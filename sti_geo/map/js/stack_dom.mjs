// Stacks: the cluster groups of a layer's points. Members at one position (the documents give a district, not a
// site) open as a list whose names open their panels; a cluster of several positions zooms in.
import {STACK_FRONT, byName, stackOffset, stackSummary} from './stacks.mjs';

// `say`: the catalogue's words; `clicked(fid, latlng)`: a member picked.
// Returns clusterGroup(style, lit, pane, kind): one cluster group of a layer's points (plain or highlighted).
export function stackGroups(map, say, clicked) {
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

  return clusterGroup;
}
