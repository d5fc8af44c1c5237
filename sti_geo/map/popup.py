"""The in-map panel: what the map shows at once when a feature is clicked (the side panel has the rest).

Built in Python from the same details as the side panel, escaped, and sent with the feature, so the
browser opens it without asking the server.
"""

from __future__ import annotations

from ..model.catalog import Catalog, DataCache
from ..text.i18n import t
from ..text.safe_text import text
from ..views.details import FeatureDetails, feature_details

POPUP_INDUSTRIES = 6  # chips shown; the side panel lists them all
_POPUPS: DataCache[dict[str, str]] = DataCache(max_entries=64)


def popup_html(details: FeatureDetails, lang: str) -> str:
    """One feature's in-map panel as inert HTML: name, type, district, industries, position accuracy."""
    sub = " · ".join(text(v) for v in (details.type, details.district) if v)
    chips = "".join(f'<span class="sti-chip">{text(v, 40)}</span>' for v in details.industries[:POPUP_INDUSTRIES])
    more = len(details.industries) - POPUP_INDUSTRIES
    if more > 0:
        chips += f'<span class="sti-chip">+{more}</span>'
    parts = [f'<div class="sti-pop" data-feature="{text(details.id)}">',
             f'<b class="sti-pop-name">{text(details.name, 120)}</b>']
    if details.name_other and details.name_other != details.name:
        parts.append(f'<div class="sti-pop-other">{text(details.name_other, 120)}</div>')
    if sub:
        parts.append(f'<div class="sti-pop-sub">{sub}</div>')
    if details.edit_note:
        parts.append(f'<div class="sti-pop-edited" role="note">{text(t("edited", lang))}: '
                     f'{text(details.edit_note, 200)}</div>')
    if chips:
        parts.append(f'<div class="sti-pop-chips">{chips}</div>')
    if details.accuracy_m:
        km = f"{details.accuracy_m / 1000:g}"
        parts.append(f'<div class="sti-pop-note">{text(t("accuracy", lang))}: '
                     f'{text(t("accuracy_value", lang, km=km))}</div>')
    if details.outline_m:
        km = f"{details.outline_m / 1000:g}"
        parts.append(f'<div class="sti-pop-note">{text(t("outline", lang))}: '
                     f'{text(t("outline_value", lang, km=km))}</div>')
    parts.append("</div>")
    return "".join(parts)


def layer_details(catalog: Catalog, layer_id: str, lang: str) -> dict[str, FeatureDetails]:
    """``{feature id: its details}`` for a layer, each built once per feature and language.

    The one model the in-map panel, the stack list (name, accuracy) and the side panel are drawn from.
    """
    found = ((str(fid), feature_details(catalog, str(fid), lang)) for fid in catalog.layers[layer_id]["id"])
    return {fid: details for fid, details in found if details is not None}


def layer_popups(catalog: Catalog, layer_id: str, lang: str) -> dict[str, str]:
    """``{feature id: in-map panel HTML}`` for a layer, computed once per data version and language."""

    def _build() -> dict[str, str]:
        return {fid: popup_html(details, lang) for fid, details in layer_details(catalog, layer_id, lang).items()}

    return _POPUPS.get(catalog, (layer_id, lang), _build)
