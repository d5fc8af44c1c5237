// Labels never pile up: every label that may show is placed in priority order and one that would touch a
// placed label is hidden. A scene's own labels (`must`) try further up or down, the other side of their dot
// and smaller type before giving up a place. The DOM work is the runtime's; these are the rules.

export const SHIFTS = [0, -1.1, 1.1];
export const MUST_SHIFTS = [0, -1.1, 1.1, -2.2, 2.2];
export const PAD = 2;  // px kept free around a placed label

// The places a label tries, in order: {size: '' | 'sti-label-small', shift (× its height), left}.
// `area`: a line's or an area's name (it may move up or down); else a point's (it may go left of its dot).
export function labelTries(area, must) {
  const tries = [];
  (must ? ['', 'sti-label-small'] : ['']).forEach(function (size) {
    (area ? (must ? MUST_SHIFTS : SHIFTS) : [0]).forEach(function (shift) {
      tries.push({size: size, shift: shift, left: false});
      if (!area && must) { tries.push({size: size, shift: shift, left: true}); }
    });
  });
  return tries;
}

// Whether rectangle `r` ({left, right, top, bottom}) keeps PAD px clear of every rectangle in `placed`.
export function isFree(r, placed, pad = PAD) {
  return !placed.some(function (p) {
    return r.left < p.right + pad && r.right > p.left - pad && r.top < p.bottom + pad && r.bottom > p.top - pad;
  });
}

// A label's rank: its layer's priority, and 10 more when its feature is highlighted.
export function labelRank(priority, lit) {
  return Number(priority) + (lit ? 10 : 0);
}
