import assert from 'node:assert/strict';
import {test} from 'node:test';

import {MUST_SHIFTS, SHIFTS, isFree, labelRank, labelTries} from '../../sti_geo/map/js/labels.mjs';

test('a point name tries only its place; an area name tries up and down', () => {
  assert.deepEqual(labelTries(false, false), [{size: '', shift: 0, left: false}]);
  assert.deepEqual(labelTries(true, false).map((t) => t.shift), SHIFTS);
});

test("a scene's own point name also tries the other side of its dot and smaller type", () => {
  const tries = labelTries(false, true);
  assert.equal(tries.length, 4);
  assert.deepEqual(tries.map((t) => [t.size, t.left]),
    [['', false], ['', true], ['sti-label-small', false], ['sti-label-small', true]]);
});

test("a scene's own area name tries two steps each way, at both sizes", () => {
  const tries = labelTries(true, true);
  assert.equal(tries.length, MUST_SHIFTS.length * 2);
  assert.ok(tries.every((t) => t.left === false));
  assert.deepEqual(tries.slice(0, MUST_SHIFTS.length).map((t) => t.shift), MUST_SHIFTS);
});

test('a label is free only when it keeps the padding clear of every placed label', () => {
  const placed = [{left: 0, right: 10, top: 0, bottom: 10}];
  assert.equal(isFree({left: 20, right: 30, top: 0, bottom: 10}, placed), true);
  assert.equal(isFree({left: 11, right: 20, top: 0, bottom: 10}, placed), false);  // within 2 px
  assert.equal(isFree({left: 12, right: 20, top: 0, bottom: 10}, placed), true);
  assert.equal(isFree({left: 5, right: 8, top: 5, bottom: 8}, []), true);
});

test('a highlighted feature outranks any priority of a plain one', () => {
  assert.ok(labelRank('1', true) > labelRank('9', false));
  assert.equal(labelRank('3', false), 3);
});
