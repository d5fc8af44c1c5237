// Presenter mode's keys, scene steps, notices, blank screen and autoplay, on the page around the map.
// The keys press the page's own scene buttons through the bridge, so keys and mouse take the same path.
import {NAV, TYPING, keyAction, landed, tick} from './presenter.mjs';

// `page`: the bridge; `strings`: the catalogue's words; `presenting()`: whether the page is in presenter mode.
export function presenterControls(page, strings, presenting) {
  function typing(target) {
    return !!(target && target.closest && target.closest(TYPING));
  }
  // Scene keys take effect one at a time, in the order pressed: a key waits until the page shows what the one
  // before asked (the scene count changed and the script stopped). Pressed at once, a key would press a button
  // drawn for a scene already left: End still disabled on the last scene after Home, a step taken twice.
  var nav = {queue: [], pressed: null, timer: null};
  function navPump() {
    if (nav.pressed) {
      if (!landed(nav.pressed, page.sceneCount(), page.scriptIdle(), Date.now())) { return; }
      nav.pressed = null;
    }
    while (nav.queue.length) {
      var before = page.sceneCount();
      var action = nav.queue.shift();
      var wraps = action === 'next' && page.disabled('last');  // the page disables "last" on the last scene
      if (page.press(action)) {  // the tour goes round: say so, or it looks like a restart
        nav.pressed = {before: before, at: Date.now()};
        if (wraps) { notice(strings.tour_wrapped || ''); }
        return;
      }
    }
    clearInterval(nav.timer);
    nav.timer = null;
  }
  function notice(text) {
    var box = page.own('sti-notice');
    if (box) { box.remove(); }
    if (!text) { return; }
    box = page.make('div', 'sti-notice', 'position:fixed;left:50%;top:18px;transform:translateX(-50%);'
      + 'z-index:999991;background:rgba(17,24,39,.9);color:#fff;font:600 18px/1.3 sans-serif;padding:8px 18px;'
      + 'border-radius:18px');
    box.setAttribute('role', 'status');
    box.textContent = text;
    page.show(box);
    setTimeout(function () { box.remove(); }, 2500);
  }
  function navigate(action) {
    nav.queue.push(action);
    if (!nav.timer) { nav.timer = setInterval(navPump, 30); }
    navPump();
  }
  function blank(on) {
    var curtain = page.own('sti-blank');
    if (on === undefined) { on = !curtain; }
    if (!on && curtain) { curtain.remove(); }
    if (on && !curtain) {
      curtain = page.make('div', 'sti-blank', 'position:fixed;inset:0;background:#000;z-index:2147483647;'
        + 'cursor:none');
      curtain.addEventListener('click', function () { blank(false); });
      page.show(curtain);
    }
  }
  // Autoplay: every `secs` seconds the page's "next" button is pressed (the tour loops), with a visible
  // countdown and a pause button at the bottom of the page; P pauses, a blank screen holds the count, and a
  // scene changed by hand restarts it. Browser-only: the interval itself is in the URL.
  var autoplay = {secs: 0, left: 0, paused: false, timer: null};
  function autoplayBar() {
    var bar = page.own('sti-autoplay');
    if (!bar) {
      bar = page.make('div', 'sti-autoplay', 'position:fixed;left:50%;bottom:14px;transform:translateX(-50%);'
        + 'z-index:999990;background:rgba(17,24,39,.88);color:#fff;font:600 15px/1.3 sans-serif;'
        + 'padding:6px 8px 6px 14px;border-radius:18px;display:flex;gap:10px;align-items:center');
      bar.setAttribute('role', 'status');
      var text = page.make('span');
      var button = page.make('button', '', 'all:unset;cursor:pointer;background:#fff;color:#111;'
        + 'border-radius:12px;padding:2px 10px;font:600 14px/1.4 sans-serif');
      button.type = 'button';
      button.addEventListener('click', function () { autoplayPause(!autoplay.paused); });
      bar.appendChild(text);
      bar.appendChild(button);
      page.show(bar);
    }
    return bar;
  }
  function autoplayShow() {
    if (!autoplay.secs) { return; }
    var bar = autoplayBar();
    bar.firstChild.textContent = autoplay.paused ? (strings.autoplay_paused || '')
      : (strings.autoplay_next || '').replace('{s}', String(autoplay.left));
    bar.lastChild.textContent = autoplay.paused ? (strings.autoplay_resume || '') : (strings.autoplay_pause || '');
    bar.setAttribute('data-paused', autoplay.paused ? '1' : '0');
  }
  function autoplayTick() {
    if (autoplay.paused || page.own('sti-blank') || page.hidden()) { return; }
    var next = tick(autoplay.left, autoplay.secs);
    autoplay.left = next.left;
    if (next.advance) { navigate('next'); }  // the tour wraps: next on the last scene is the first
    autoplayShow();
  }
  function autoplayPause(paused) {
    autoplay.paused = paused;
    autoplay.left = autoplay.secs;
    autoplayShow();
  }
  function autoplaySet(secs) {
    if (!page.reachable || secs === autoplay.secs) { return; }
    clearInterval(autoplay.timer);
    autoplay = {secs: secs, left: secs, paused: false, timer: null};
    var bar = page.own('sti-autoplay');
    if (!secs) { if (bar) { bar.remove(); } return; }
    autoplay.timer = setInterval(autoplayTick, 1000);
    autoplayShow();
  }
  function onKey(e) {
    if (!presenting()) { return; }
    var action = keyAction(e, typing(e.target));
    if (!action) { return; }
    var curtain = page.own('sti-blank');
    e.preventDefault();
    e.stopPropagation();  // arrows and Space must not pan the map or scroll the page
    // on a blank screen a key brings the slide back and does nothing more: the audience sees the scene it left
    if (curtain && action !== 'leave') { blank(false); return; }
    if (action === 'blank') { blank(true); return; }
    if (action === 'pause') { if (autoplay.secs) { autoplayPause(!autoplay.paused); } return; }
    if (action === 'fullscreen') { page.toggleFullscreen(); return; }  // the slide without sidebar and frame
    if (action === 'leave') {
      blank(false);
      page.leavePresenting();
      return;
    }
    if (NAV[action]) { navigate(action); autoplay.left = autoplay.secs; autoplayShow(); }  // by hand: a full interval
  }
  return {
    onKey: onKey,
    autoplay: autoplaySet,  // seconds between scenes while presenting, 0 off
    stop: function () { blank(false); autoplaySet(0); },
  };
}
