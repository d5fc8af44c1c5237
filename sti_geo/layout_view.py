"""What the Layout page shows for each structure element (一核 … 五区)."""

from __future__ import annotations

from .catalog import Catalog
from .mapview import text
from .tour import Scene, scene_texts

ELEMENTS = ("一核", "一城", "一带", "一廊", "五区")
ELEMENT_LAYERS: dict[str, tuple[str, ...]] = {
    "一核": ("layout_core", "core_system"),
    "一城": ("layout_ocean_city", "layout_ocean_cores"),
    "一带": ("named_areas", "layout_belt"),
    "一廊": ("named_areas", "layout_corridor"),
    "五区": ("layout_demo_zones",),
}


def element_layers(catalog: Catalog, elements) -> list[str]:
    """Layers to draw for the chosen elements, districts underneath, in drawing order."""
    wanted = {"districts"} | {lid for e in elements for lid in ELEMENT_LAYERS.get(e, ())}
    return [lid for lid in catalog.specs if lid in wanted]


def element_rows(catalog: Catalog, element: str) -> list[str]:
    """Ids of the layout features of one element, in data order."""
    ids: list[str] = []
    for lid in ELEMENT_LAYERS[element]:
        gdf = catalog.layers[lid]
        if "element" in gdf.columns:
            ids += [i for i in gdf[gdf["element"] == element]["id"] if i not in ids]
    return ids


def scene_caption_html(catalog: Catalog, scene: Scene, lang: str) -> str:
    """Large-type caption of a tour scene: its title, each element's description and industries."""
    title = scene.title_en if lang == "en" else scene.title
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
