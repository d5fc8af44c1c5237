// A name on a dark thematic fill turns light (black on the darkest class read ~2:1).
// True when dark text on `colour` (#rrggbb) would fall under 4.5:1 (WCAG relative luminance < 0.18).
export function darkFill(colour) {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour || '');
  if (!m) { return false; }
  const lin = [m[1], m[2], m[3]].map(function (h) {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2] < 0.18;
}
