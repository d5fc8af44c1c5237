// "What lies within": drawing a shape asks it; Python's answer comes back as the query's outline.
import {circleText, polygonText, rectangleText} from './query.mjs';

// A drawn rectangle, polygon or circle as query text (model.within's form, the map's display coordinates).
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

function localiseDraw(s) {
  var d = L.drawLocal.draw;
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

// The drawing tools (leaflet-draw, when the page loaded them); a finished shape is reported as a query.
export function drawQueries(map, strings, report) {
  if (!L.Control || !L.Control.Draw) { return; }
  localiseDraw(strings);
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

// A spatial query's outline: the area it certainly covers (dashed) and, around an approximate feature, the
// wider area it possibly covers (dotted). A new query (not the one a link opened with) is flown to.
export function queryOutline(map) {
  var queryLayer = null, queryText, queryRenderer;
  function show(query) {
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
              fill: certain, fillColor: '#7c3aed', fillOpacity: 0.06,
              className: 'sti-query sti-query-' + f.properties.kind};
    }}).addTo(map);
    if (!first) { map.fitBounds(queryLayer.getBounds(), {padding: [20, 20]}); }
  }
  return {show: show};
}
