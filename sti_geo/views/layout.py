"""What the Layout page shows for each element of the plan's spatial structure (the pack's ``[layout]``)."""

from __future__ import annotations

from ..model.catalog import Catalog
from ..model.specs import DISTRICTS
from ..text.i18n import field_in
from ..text.safe_text import text
from .tour import Scene, scene_texts


def elements(catalog: Catalog) -> tuple[str, ...]:
    """The structure's elements in the plan's order (empty when the pack defines no layout)."""
    return tuple(catalog.manifest.get("layout", {}).get("elements", ()))


def element_names(catalog: Catalog, lang: str) -> dict[str, str]:
    """Each element's name in ``lang``: the plan's words, or the pack's ``elements_en``.

    One vocabulary: the switches, the legend, the map's labels and the scenes say "One Core", never "一核" or
    "Core".
    """
    layout = catalog.manifest.get("layout", {})
    names = layout.get(field_in("elements", lang), ())
    return {e: (names[i] if i < len(names) else e) for i, e in enumerate(elements(catalog))}


def _element_layers(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    table = catalog.manifest.get("layout", {}).get("element_layers", {})
    return {e: tuple(lid for lid in lids if lid in catalog.layers) for e, lids in table.items()}


def element_layers(catalog: Catalog, chosen) -> list[str]:
    """Layers to draw for the chosen elements, districts underneath, in drawing order."""
    table = _element_layers(catalog)
    wanted = {DISTRICTS} | {lid for e in chosen for lid in table.get(e, ())}
    return [lid for lid in catalog.specs if lid in wanted]


def element_rows(catalog: Catalog, element: str) -> list[str]:
    """Ids of the layout features of one element, in data order."""
    ids: list[str] = []
    for lid in _element_layers(catalog).get(element, ()):
        gdf = catalog.layers[lid]
        if "element" in gdf.columns:
            ids += [i for i in gdf[gdf["element"] == element]["id"] if i not in ids]
    return ids


def scene_caption_html(catalog: Catalog, scene: Scene, lang: str) -> str:
    """Large-type caption of a tour scene: its title, each element's description and industries."""
    title = scene.title_in(lang)
    parts = [f'<div class="sti-scene"><h2>{text(title)}</h2>']
    for name, description, industries in scene_texts(catalog, scene, lang):
        parts.append(f"<h3>{text(name)}</h3><p>{text(description)}</p>")
        if industries:
            parts.append(f'<p class="sti-scene-ind">{text(industries)}</p>')
    parts.append("</div><style>.sti-scene h2{font-size:2.2rem;margin:0 0 .6rem}.sti-scene h3{font-size:1.5rem;"
                 "margin:.8rem 0 .2rem}.sti-scene p{font-size:1.25rem;line-height:1.5}"
                 ".sti-scene-ind{color:#0f766e;font-weight:600}"
                 ".sti-scene-count{text-align:center;font-size:1.3rem;font-weight:600;padding-top:.3rem}</style>")
    return "".join(parts)
