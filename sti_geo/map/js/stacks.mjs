// Stacks of two layers at one place (the city's parks and platforms, both at the city's anchor) sat on top of
// each other and one took every click: a kind's stacks stand a fixed step right of the kind before (parks where
// they are, platforms 18 px right, …: their documents give a district, not a site, so the shift claims no
// position; fixed by kind, so a page's other layers do not move them).
export const STACK_FRONT = 500;
export const STACK_STEP = 18;
export const STACK_ORDER = ['parks', 'platforms', 'layout'];

export function stackOffset(group) {
  const at = STACK_ORDER.indexOf(group);
  return (at === -1 ? STACK_ORDER.length : at) * STACK_STEP;
}

// A stack: members that share one position (within 1e-7°), and the largest accuracy among them in km.
// `members`: [{lat, lng, acc}] (acc in metres).
export function stackSummary(members) {
  const at = members[0];
  const same = members.every(function (m) {
    return Math.abs(m.lat - at.lat) <= 1e-7 && Math.abs(m.lng - at.lng) <= 1e-7;
  });
  let acc = 0;
  members.forEach(function (m) { acc = Math.max(acc, m.acc || 0); });
  return {same: same, km: Math.round(acc / 1000)};
}

// Members in the order a list shows them: by name, as the reader's language sorts.
export function byName(a, b) {
  return (a || '').localeCompare(b || '');
}
