"""One language per page: every page, in each language, shows no words of the other one.

English pages: no Chinese characters, except the language switch's own names and text marked as Chinese
(``lang="zh"``: verbatim quotes, a feature's Chinese name beside its English one). Chinese pages: no English
words, except names and codes that are not words of a language (file formats, licences, products, EPSG,
identifiers with ``_`` or digits, ``code`` spans), key names, and the few strings of Streamlit's own widgets that
Streamlit 1.67 does not let an app translate (docs/languages.md). Table cells are data and are not walked;
verbatim quotes keep the documents' own acronyms. Inside the map's frame the names a screen reader reads
(``aria-label``, ``title``) are walked too.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PAGES = ["", "layout", "districts", "industries", "metrics", "my-layer", "export", "about"]
SKIP = ("script,style,noscript,code,blockquote,[translate=no],[data-verbatim],[data-testid=stSkipToContent],"
        "[data-testid=stDataFrame]")
TEXTS = """([lang, skip]) => {
  const other = lang === 'en' ? 'zh' : 'en';
  function marked(el, doc) {  // inside an element marked as the other language (the page's <html> does not count)
    const l = el.closest('[lang]');
    return !!l && l !== doc.documentElement && l.getAttribute('lang').startsWith(other);
  }
  function texts(doc, attributes) {
    const out = [], walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    let n;
    while ((n = walker.nextNode())) {
      const el = n.parentElement;
      if (!el || el.closest(skip) || marked(el, doc)) continue;
      const cs = doc.defaultView.getComputedStyle(el);
      if (cs.display === 'none' || cs.visibility === 'hidden') continue;
      const t = n.textContent.trim();
      if (t) out.push(t);
    }
    if (attributes) {
      doc.querySelectorAll('[title],[aria-label]').forEach(e => {
        if (marked(e, doc)) return;
        ['title', 'aria-label'].forEach(a => { const v = e.getAttribute(a); if (v) out.push(v); });
      });
    }
    return out;
  }
  let all = texts(document, false);
  document.querySelectorAll('iframe').forEach(f => {
    try { all = all.concat(texts(f.contentDocument, true)); } catch (e) { /* not ours */ }
  });
  return all;
}"""
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
SWITCH = {"语言 / Language", "中文", "English"}  # the language switch names each language in itself
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# not words of English: formats, standards, licences, products, places' romanised names in attributions, keys
ALLOWED_WORDS = {
    "Enter", "Tab", "Home", "End", "PageDown", "PageUp", "Esc",  # keys
    "Leaflet", "OpenStreetMap", "GeoNames", "ODbL", "CC", "BY", "WGS", "GCJ", "EPSG", "CGCS", "GDP", "PNG", "PDF",
    "SVG", "CSV", "WKT", "GeoJSON", "GeoPackage", "KML", "KMZ", "Shapefile", "zip", "QGIS", "ArcGIS", "Excel", "UTF",
    "GBK", "MIT", "BSD", "Clause", "npm", "CDN", "cnmaps", "data", "Amap", "roaring", "landmask", "china", "division",
    "txt", "toml", "dpi", "km", "MB", "English",
    "Upload", "per", "file",  # Streamlit's file uploader ("Upload", "50MB per file"): see docs/languages.md
    "GDAL", "WFS", "OAPIF", "GPKG", "URL",  # the service's clients and formats (docs/languages.md)
}
STANDARD = re.compile(r"OGC API\s*[–-]\s*Features")  # a standard's name, as QGIS's Chinese dialog shows it too


def _foreign(text: str, lang: str) -> bool:
    if text in SWITCH:
        return False
    if lang == "en":
        return bool(CJK.search(text))
    if re.search(r"https?://|\.txt\b|python -m", text):
        return False
    text = STANDARD.sub("", text)
    words = [w for w in WORD.findall(text) if len(w) >= 3 and "_" not in w and not re.search(r"\d", w)]
    return any(w not in ALLOWED_WORDS for w in words)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_a_page_speaks_one_language(session, page, lang):
    session.page.goto(f"{session.base}/{page}?lang={lang}")
    session.page.locator("h1").first.wait_for()
    session.idle()
    session.page.wait_for_timeout(1500)  # the map's runtime names its controls after it loads
    found = session.page.evaluate(TEXTS, [lang, SKIP])
    assert [t for t in dict.fromkeys(found) if _foreign(t, lang)] == []
    assert not [t for t in found if re.search(r"&#\d+;|&[a-z]+;", t)]  # no character reference shown as text
