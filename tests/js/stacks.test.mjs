import assert from 'node:assert/strict';
import {test} from 'node:test';

import {STACK_STEP, byName, stackOffset, stackSummary} from '../../sti_geo/map/js/stacks.mjs';

test("each kind's stacks stand a fixed step right of the kind before, whatever else the page shows", () => {
  assert.equal(stackOffset('parks'), 0);
  assert.equal(stackOffset('platforms'), STACK_STEP);
  assert.equal(stackOffset('layout'), 2 * STACK_STEP);
  assert.equal(stackOffset('upload'), 3 * STACK_STEP);
  assert.equal(stackOffset(''), 3 * STACK_STEP);
});

test('members at one position form a stack; its accuracy is the largest, in km', () => {
  const here = {lat: 37.5, lng: 122.1};
  assert.deepEqual(stackSummary([{...here, acc: 4000}, {...here, acc: 12600}, {...here}]), {same: true, km: 13});
  assert.deepEqual(stackSummary([here, {lat: 37.6, lng: 122.1}]), {same: false, km: 0});
  assert.equal(stackSummary([here, {lat: 37.5 + 5e-8, lng: 122.1}]).same, true);
});

test('a stack lists its members by name; a missing name sorts as empty, first', () => {
  const members = [{name: 'b'}, {name: undefined}, {name: 'a'}];
  assert.deepEqual(members.sort((x, y) => byName(x.name, y.name)).map((m) => m.name), [undefined, 'a', 'b']);
});
