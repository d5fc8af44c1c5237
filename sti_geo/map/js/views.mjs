// The map's view and Python's: views asked while the map zooms land where asked, and a person's pan (not
// arriving where Python sent the map) is reported once the map has been still `delay` ms.

export function followViews(map, delay, report) {
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
  var moveTimer = null;
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
    }, delay);
  });
}
