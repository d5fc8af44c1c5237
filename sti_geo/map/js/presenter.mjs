// Presenter keys, wherever the focus is (the page or the map) and never while typing: a USB clicker sends
// PageDown/PageUp. They press the page's own buttons, so the keys and the mouse take the same path; F is
// fullscreen, B (or ".") blanks the screen, Q leaves presenter mode, P pauses autoplay. Esc is left to the page:
// it is what people press to close a popover (the print's), and must not end the talk.
export const KEY_ACTIONS = {
  ArrowRight: 'next', PageDown: 'next', ' ': 'next', ArrowLeft: 'prev', PageUp: 'prev', Home: 'first', End: 'last',
  f: 'fullscreen', F: 'fullscreen', b: 'blank', B: 'blank', '.': 'blank', q: 'leave', Q: 'leave', p: 'pause',
  P: 'pause',
};
export const NAV = {next: true, prev: true, first: true, last: true};  // the actions that change the scene
export const LAND_MS = 5000;  // a press that changes nothing (or is lost) holds the keys after it no longer
export const TYPING = 'input:not([type=checkbox]):not([type=radio]), textarea, select, [contenteditable=""],'
  + ' [contenteditable=true], [role=combobox], [role=listbox]';

// The action a key press asks for while presenting, or null (a modifier held, typing, not a presenter key).
// `event`: {key, ctrlKey, metaKey, altKey}; `typing`: whether the focus is in a text field.
export function keyAction(event, typing) {
  if (event.ctrlKey || event.metaKey || event.altKey || typing) { return null; }
  return Object.prototype.hasOwnProperty.call(KEY_ACTIONS, event.key) ? KEY_ACTIONS[event.key] : null;
}

// Whether a pressed scene key has landed: the scene count changed and the script stopped, or it waited too long.
export function landed(pressed, count, idle, now) {
  return (count !== pressed.before && idle) || now - pressed.at >= LAND_MS;
}

// Autoplay's next second: {left, advance} — at zero the count starts again and the tour moves on.
export function tick(left, secs) {
  const next = left - 1;
  return next <= 0 ? {left: secs, advance: true} : {left: next, advance: false};
}
