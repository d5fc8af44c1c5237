// The one adapter between the map (inside streamlit-folium's iframe) and Streamlit's page around it.
// Every element of the page the runtime reads or presses is named by Python (sti_app/keys.py,
// `map_page_elements`), never derived here from the app's widget-key format.

// The layer a sidebar checkbox's container stands for: its class list holds `layerPrefix` + the layer id,
// or the own layer's toggle class (then 'upload'); null for any other container.
export function toggledLayer(className, names) {
  const classes = String(className || '').split(/\s+/);
  for (const c of classes) {
    if (names.uploadToggle && c === names.uploadToggle) { return 'upload'; }
    if (names.layerToggle && c.startsWith(names.layerToggle) && c.length > names.layerToggle.length) {
      return c.slice(names.layerToggle.length);
    }
  }
  return null;
}

// The page around the map: `win` is the map frame's window, `names` the elements Python named.
// `doc` is null when the page cannot be reached (another origin): every method then does nothing.
export function pageBridge(win, names) {
  let doc = null;
  try { doc = win.parent.document; } catch (err) { doc = null; }
  const parent = doc ? win.parent : null;
  const listened = [];

  function one(selector) { return doc && selector ? doc.querySelector(selector) : null; }

  return {
    reachable: !!doc,
    width: function () { return parent ? parent.innerWidth : Infinity; },
    height: function () { return parent ? parent.innerHeight : 0; },
    hidden: function () { return !!(doc && doc.hidden); },
    // the page's state for this map (data-state = JSON), or null
    stateText: function () {
      const el = one(names.state);
      return el ? el.getAttribute('data-state') : null;
    },
    // press a scene button (next, prev, first, last); false when absent or disabled
    press: function (name) {
      const el = one((names.buttons || {})[name]);
      if (el && !el.disabled) { el.click(); return true; }
      return false;
    },
    disabled: function (name) {
      const el = one((names.buttons || {})[name]);
      return !!(el && el.disabled);
    },
    // leave presenter mode as its toggle does
    leavePresenting: function () {
      const toggle = one(names.present);
      if (toggle && toggle.checked) { toggle.click(); }
    },
    sceneCount: function () {
      const el = one(names.sceneCount);
      return el ? el.textContent : '';
    },
    scriptIdle: function () {
      const el = one(names.scriptState);
      return !el || el.getAttribute(names.scriptStateAttribute) === 'notRunning';
    },
    slideSide: function () { return one(names.slideSide); },
    // the layer a changed checkbox toggles, or null
    layerOf: function (target) {
      if (!target || target.type !== 'checkbox' || !target.closest) { return null; }
      const holder = target.closest(names.keyedContainer);
      return holder ? toggledLayer(holder.className, names) : null;
    },
    // fullscreen of the page's main area (title, scene controls, map, caption), or its end
    toggleFullscreen: function () {
      if (!doc) { return; }
      const slide = one(names.main) || doc.documentElement;
      if (doc.fullscreenElement) { doc.exitFullscreen(); } else if (slide.requestFullscreen) { slide.requestFullscreen(); }
    },
    // a narrow window opened from the sidebar's page list: close the sidebar Streamlit leaves open
    closeSidebar: function () {
      const sidebar = one(names.sidebar);
      const close = sidebar && sidebar.querySelector(names.sidebarClose);
      if (close && sidebar.getAttribute('data-collapsed') === 'false') { close.click(); }
    },
    // an element of the runtime's own on the page (the notice, the curtain, the autoplay bar)
    own: function (id) { return doc ? doc.getElementById(id) : null; },
    make: function (tag, id, css) {
      const el = doc.createElement(tag);
      if (id) { el.id = id; }
      if (css) { el.style.cssText = css; }
      return el;
    },
    show: function (el) { doc.body.appendChild(el); },
    // listen on the page (removed together by `close`)
    on: function (type, handler, capture) {
      if (!doc) { return; }
      const target = type === 'resize' ? parent : doc;
      target.addEventListener(type, handler, !!capture);
      listened.push([target, type, handler, !!capture]);
    },
    watch: function (handler) {
      if (!doc) { return; }
      new MutationObserver(handler).observe(doc.body, {subtree: true, childList: true, attributes: true,
                                                       attributeFilter: ['data-state']});
    },
    close: function () {
      listened.forEach(function (l) { l[0].removeEventListener(l[1], l[2], l[3]); });
      listened.length = 0;
    },
  };
}
