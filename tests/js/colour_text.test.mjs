import assert from 'node:assert/strict';
import {test} from 'node:test';

import {darkFill} from '../../sti_geo/map/js/colour.mjs';
import {say} from '../../sti_geo/map/js/text.mjs';

test('a dark thematic fill takes light names; a light one keeps dark names', () => {
  assert.equal(darkFill('#08306b'), true);
  assert.equal(darkFill('#f7fbff'), false);
  assert.equal(darkFill('#FFFFFF'), false);
  assert.equal(darkFill('navy'), false);  // not #rrggbb: left as it is
  assert.equal(darkFill(null), false);
});

test("the runtime's words are the catalogue's, fields filled, unknown ones blank", () => {
  const strings = {stack_title: '{n} 个要素(±{km} 公里)'};
  assert.equal(say(strings, 'stack_title', {n: 5, km: 13}), '5 个要素(±13 公里)');
  assert.equal(say(strings, 'missing', {}), '');
  assert.equal(say(strings, 'stack_title', {n: 2}), '2 个要素(± 公里)');
  assert.equal(say(undefined, 'stack_title', {}), '');
});
