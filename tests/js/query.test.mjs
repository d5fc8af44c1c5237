import assert from 'node:assert/strict';
import {test} from 'node:test';

import {MAX_POLYGON_POINTS, circleText, polygonText, r5, rectangleText} from '../../sti_geo/map/js/query.mjs';

test('coordinates are rounded to 1e-5 degrees', () => {
  assert.equal(r5(122.123456789), '122.12346');
  assert.equal(r5(37), '37');
});

test('a circle is reported as centre and radius in km, in model.within form', () => {
  assert.equal(circleText(122.1, 37.5, 12345), 'c:122.1,37.5,12.345');
});

test('a rectangle is reported west, south, east, north', () => {
  assert.equal(rectangleText(121.9, 36.8, 122.6, 37.6), 'r:121.9,36.8,122.6,37.6');
});

test('a polygon is reported lon,lat pairs; too few or too many points ask nothing', () => {
  const ring = [{lat: 37, lng: 122}, {lat: 37.1, lng: 122.2}, {lat: 36.9, lng: 122.3}];
  assert.equal(polygonText(ring), 'p:122,37,122.2,37.1,122.3,36.9');
  assert.equal(polygonText(ring.slice(0, 2)), null);
  assert.equal(polygonText(Array.from({length: MAX_POLYGON_POINTS + 1}, (_, i) => ({lat: 37, lng: 122 + i / 100}))),
    null);
  assert.equal(polygonText(undefined), null);
});
