"""The legend: exactly the visible layers, schematic geometry labelled as such."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.catalog import Catalog
from ..model.specs import LayerSpec
from ..text.i18n import t
from ..text.safe_text import text


def _legend_row(spec: LayerSpec, lang: str) -> str:
    label = spec.legend_label_in(lang)
    s = spec.style
    if spec.legend_symbol == "circle":
        swatch = (f'<span style="display:inline-block;width:12px;height:12px;border-radius:50%;'
                  f'background:{s.fill_color};border:2px solid {s.color}"></span>')
    elif spec.legend_symbol == "line":
        dash = "dashed" if s.dash else "solid"
        swatch = f'<span style="display:inline-block;width:22px;border-top:4px {dash} {s.color}"></span>'
    else:
        dash = "dashed" if s.dash else "solid"
        swatch = (f'<span style="display:inline-block;width:18px;height:12px;background:{s.fill_color};'
                  f'opacity:0.8;border:2px {dash} {s.color}"></span>')
    return f'<div class="sti-legend-row" data-layer="{text(spec.id)}">{swatch} {text(label, 80)}</div>'


def legend_html(catalog: Catalog, layer_ids: Iterable[str], lang: str = "zh",
                extra: Iterable[LayerSpec] = ()) -> str:
    """Plain-HTML legend for exactly the given (visible) layers and ``extra`` (uploaded) layers.

    Schematic layers are labelled as such.
    """
    layer_ids = list(layer_ids)
    rows = [_legend_row(catalog.specs[lid], lang) for lid in layer_ids]
    rows += [_legend_row(spec, lang) for spec in extra]
    schematic = any((catalog.layers[lid].get("geometry_basis") == "schematic").any() for lid in layer_ids)
    note = t("legend_schematic", lang)
    note_html = f'<div style="font-size:0.8em;color:#555">{text(note)}</div>' if schematic else ""
    return f'<div class="sti-legend"><b>{text(t("legend", lang))}</b>{"".join(rows)}{note_html}</div>'
