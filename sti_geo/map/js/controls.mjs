// The map and its controls, named in the page's language for a keyboard and a screen reader: the frame was
// "streamlit_folium.st_folium", the zoom buttons and the Leaflet link English on a Chinese page.
// `say(name, fields)`: the catalogue's words.
export function nameTheMap(map, say) {
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
}

// On a phone (a map under 480 px) drawing and measuring wait behind one button: shown, they took a column of
// the map. The button says what it holds and whether it is open.
export function addToolsButton(map, say) {
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
}
