// How tall the map is: presenter mode is a slide (the map reaches down to the bottom of the screen, a
// 1366×768 projector and 1920×1080 alike, fullscreen or not, and the caption's column is as tall as the map,
// scrolling inside); on a phone the map takes three quarters of the screen's height (Python's height is a
// laptop's). Elsewhere the map has the height Python gave it.
export const PHONE = 640;  // px of the page's width: a phone held upright

// `home`: the region's own view ({center, zoom, bounds}); `presenting()`: whether the page is in presenter mode.
export function slideFitter(map, page, home, presenting) {
  var fitted = null;  // the heights before fitting: {frame, div}
  function fit() {
    var frame = window.frameElement, div = document.getElementById('map_div');
    if (!frame || !div || !page.reachable) { return; }
    var side = page.slideSide();
    var phone = !presenting() && page.width() <= PHONE;
    if (!presenting() && !phone) {
      if (fitted) {
        frame.style.height = fitted.frame;
        div.style.height = fitted.div;
        if (side) { side.style.maxHeight = ''; }
        fitted = null;
        map.invalidateSize();
      }
      return;
    }
    if (!fitted) { fitted = {frame: frame.style.height, div: div.style.height}; }
    var top = frame.getBoundingClientRect().top;
    for (var el = frame.parentElement; el; el = el.parentElement) { top += el.scrollTop; }  // as if unscrolled
    var height = Math.max(280, Math.floor(phone ? page.height() * 0.75 : page.height() - top - 12)) + 'px';
    if (side && presenting()) { side.style.maxHeight = height; }
    if (frame.style.height === height && div.style.height === height) { return; }
    frame.style.height = height;
    div.style.height = height;
    map.invalidateSize();
  }
  // A phone opened on the region's own view (not a link's) sees the whole region: at the laptop's zoom a
  // 358 px map cut off a county (乳山). Once, when the page's first view has arrived.
  var homeFitted = false;
  function fitHome() {
    var asked = window.__GLOBAL_DATA__ || {};
    if (homeFitted || !home || !asked.last_center) { return; }
    homeFitted = true;
    if (page.width() > PHONE || asked.last_zoom !== home.zoom) { return; }
    var at = L.latLng(asked.last_center), bounds = L.latLngBounds(home.bounds);
    if (at.distanceTo(L.latLng(home.center)) > 50 || map.getBounds().contains(bounds)) { return; }
    map.fitBounds(bounds, {padding: [6, 6]});
  }
  return {
    fit: fit,
    fitHome: fitHome,
    fitted: function () { return fitted !== null; },
    // A narrow window opened from the sidebar's page list keeps the sidebar over most of the page (Streamlit
    // closes it after a page link only on a phone's user agent): the new page's map closes it.
    closeSidebarOnPhones: function () { if (page.width() <= PHONE) { page.closeSidebar(); } },
  };
}
