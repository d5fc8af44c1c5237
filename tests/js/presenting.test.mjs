import assert from 'node:assert/strict';
import {test} from 'node:test';

import {presenterControls} from '../../sti_geo/map/js/presenting.mjs';

// A page bridge that records what the presenter presses (no DOM: the scene count changes when "next" is pressed).
function fakePage() {
  const pressed = [];
  let scene = 1;
  return {
    pressed,
    reachable: true,
    own: () => null,
    hidden: () => false,
    sceneCount: () => `${scene} / 6`,
    scriptIdle: () => true,
    disabled: () => false,
    press: (name) => { pressed.push(name); scene += name === 'next' ? 1 : 0; return true; },
    toggleFullscreen: () => pressed.push('fullscreen'),
    leavePresenting: () => pressed.push('leave'),
  };
}

function key(k, extra = {}) {
  const e = {key: k, ctrlKey: false, metaKey: false, altKey: false, target: null, stopped: false, prevented: false,
    preventDefault() { this.prevented = true; }, stopPropagation() { this.stopped = true; }, ...extra};
  return e;
}

test("while presenting, a clicker's PageDown presses the page's next button and is kept from the page", () => {
  const page = fakePage();
  const controls = presenterControls(page, {}, () => true);
  const e = key('PageDown');
  controls.onKey(e);
  assert.deepEqual(page.pressed, ['next']);
  assert.ok(e.prevented && e.stopped);  // it must not scroll the page or pan the map
});

test('keys do nothing when not presenting, or while typing in a field', () => {
  const page = fakePage();
  presenterControls(page, {}, () => false).onKey(key('PageDown'));
  const typing = {closest: () => ({})};  // inside an input
  presenterControls(page, {}, () => true).onKey(key('PageDown', {target: typing}));
  assert.deepEqual(page.pressed, []);
});

test('F is fullscreen and Q leaves presenter mode through the bridge', () => {
  const page = fakePage();
  const controls = presenterControls(page, {}, () => true);
  controls.onKey(key('f'));
  controls.onKey(key('Q'));
  assert.deepEqual(page.pressed, ['fullscreen', 'leave']);
});

test('keys pressed at once take effect in order, each once', () => {
  const page = fakePage();
  const controls = presenterControls(page, {}, () => true);
  controls.onKey(key('PageDown'));
  controls.onKey(key('PageUp'));  // waits until the first has landed (the count changed, the script idle)
  assert.deepEqual(page.pressed, ['next', 'prev']);
});
