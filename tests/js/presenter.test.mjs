import assert from 'node:assert/strict';
import {test} from 'node:test';

import {KEY_ACTIONS, LAND_MS, keyAction, landed, tick} from '../../sti_geo/map/js/presenter.mjs';

const press = (key, extra = {}) => ({key, ctrlKey: false, metaKey: false, altKey: false, ...extra});

test("a clicker's PageDown/PageUp and the arrows step through the scenes", () => {
  assert.equal(keyAction(press('PageDown'), false), 'next');
  assert.equal(keyAction(press('ArrowRight'), false), 'next');
  assert.equal(keyAction(press(' '), false), 'next');
  assert.equal(keyAction(press('PageUp'), false), 'prev');
  assert.equal(keyAction(press('Home'), false), 'first');
  assert.equal(keyAction(press('End'), false), 'last');
});

test('F, B or ".", Q and P are fullscreen, blank, leave and pause in either case', () => {
  for (const [key, action] of [['f', 'fullscreen'], ['F', 'fullscreen'], ['b', 'blank'], ['.', 'blank'],
    ['q', 'leave'], ['Q', 'leave'], ['p', 'pause']]) {
    assert.equal(keyAction(press(key), false), action, key);
  }
});

test('Esc is left to the page, and nothing is taken while typing or with a modifier', () => {
  assert.equal(keyAction(press('Escape'), false), null);
  assert.equal(keyAction(press('PageDown'), true), null);
  assert.equal(keyAction(press('f', {ctrlKey: true}), false), null);
  assert.equal(keyAction(press('ArrowRight', {altKey: true}), false), null);
  assert.equal(keyAction(press('toString'), false), null);  // not an inherited property
  assert.ok(!Object.values(KEY_ACTIONS).includes('escape'));
});

test('a scene key has landed when the count changed and the script stopped, or after LAND_MS', () => {
  const pressed = {before: '1 / 6', at: 1000};
  assert.equal(landed(pressed, '1 / 6', true, 1500), false);
  assert.equal(landed(pressed, '2 / 6', false, 1500), false);  // still running
  assert.equal(landed(pressed, '2 / 6', true, 1500), true);
  assert.equal(landed(pressed, '1 / 6', true, 1000 + LAND_MS), true);  // lost: the keys go on
});

test('autoplay counts down and moves on at zero, starting the count again', () => {
  assert.deepEqual(tick(3, 10), {left: 2, advance: false});
  assert.deepEqual(tick(1, 10), {left: 10, advance: true});
});
