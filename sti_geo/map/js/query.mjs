// Drawing a rectangle, polygon or circle asks "what lies within" it: the shape is reported as text in
// model.within's form (c:lon,lat,km | r:w,s,e,n | p:lon,lat,…), in the map's display coordinates.
export const MAX_POLYGON_POINTS = 60;

export function r5(x) { return String(Math.round(x * 1e5) / 1e5); }

export function circleText(lng, lat, metres) {
  return 'c:' + r5(lng) + ',' + r5(lat) + ',' + r5(metres / 1000);
}

export function rectangleText(west, south, east, north) {
  return 'r:' + [west, south, east, north].map(r5).join(',');
}

// A polygon of 3 to MAX_POLYGON_POINTS points ([{lat, lng}]); null otherwise (nothing is asked).
export function polygonText(ring) {
  if (!ring || ring.length < 3 || ring.length > MAX_POLYGON_POINTS) { return null; }
  return 'p:' + ring.map(function (p) { return r5(p.lng) + ',' + r5(p.lat); }).join(',');
}
