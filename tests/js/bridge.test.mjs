import assert from 'node:assert/strict';
import {test} from 'node:test';

import {pageBridge, toggledLayer} from '../../sti_geo/map/js/bridge.mjs';

const names = {layerToggle: 'st-key-w-overview-layer-', uploadToggle: 'st-key-w-overview-upload_visible'};

test("a layer toggle's container names its layer by the prefix Python gave", () => {
  assert.equal(toggledLayer('stElementContainer st-key-w-overview-layer-parks e1', names), 'parks');
  assert.equal(toggledLayer('st-key-w-overview-layer-core_system', names), 'core_system');
  assert.equal(toggledLayer('x st-key-w-overview-upload_visible', names), 'upload');
});

test("another page's or another widget's container is no layer toggle", () => {
  assert.equal(toggledLayer('st-key-w-districts-layer-parks', names), null);
  assert.equal(toggledLayer('st-key-w-overview-layer-', names), null);
  assert.equal(toggledLayer('st-key-w-overview-present', names), null);
  assert.equal(toggledLayer('', names), null);
  assert.equal(toggledLayer(undefined, {}), null);
});

test('a page out of reach (another origin) makes every call a no-op', () => {
  const win = {get parent() { return {get document() { throw new Error('cross-origin'); }}; }};
  const page = pageBridge(win, names);
  assert.equal(page.reachable, false);
  assert.equal(page.stateText(), null);
  assert.equal(page.press('next'), false);
  assert.equal(page.sceneCount(), '');
  assert.equal(page.scriptIdle(), true);
  assert.equal(page.own('sti-blank'), null);
  page.on('keydown', () => {});
  page.watch(() => {});
  page.close();
});

test('the state element and the scene buttons are found by the names Python gave', () => {
  const clicked = [];
  const elements = {
    '.state': {getAttribute: (a) => (a === 'data-state' ? '{"selected":"p1"}' : null)},
    '.next button': {disabled: false, click: () => clicked.push('next')},
    '.last button': {disabled: true, click: () => clicked.push('last')},
  };
  const doc = {querySelector: (s) => elements[s] || null};
  const page = pageBridge({parent: {document: doc, innerWidth: 1366, innerHeight: 768}},
    {state: '.state', buttons: {next: '.next button', last: '.last button'}});
  assert.equal(page.stateText(), '{"selected":"p1"}');
  assert.equal(page.press('next'), true);
  assert.equal(page.press('last'), false);  // disabled: not pressed
  assert.equal(page.press('first'), false);  // not named
  assert.equal(page.disabled('last'), true);
  assert.deepEqual(clicked, ['next']);
  assert.equal(page.width(), 1366);
});
