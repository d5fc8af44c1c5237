"""Finding named features: the search box's options and matching."""

from __future__ import annotations

from ..model.catalog import Catalog

SEARCHABLE_GROUPS = ("areas", "layout", "parks", "platforms")


def search_options(catalog: Catalog, lang: str = "zh") -> dict[str, str]:
    """``{feature id: label}`` for every named feature, each id once, label with its layer."""
    options: dict[str, str] = {}
    for lid, gdf in catalog.layers.items():
        spec = catalog.specs[lid]
        if spec.group not in SEARCHABLE_GROUPS:
            continue
        title = spec.title_in(lang)
        for fid, zh, en in zip(gdf["id"], gdf["name"], gdf["name_en"], strict=True):
            if fid not in options:
                options[fid] = f"{en if lang == 'en' else zh} · {zh if lang == 'en' else en} ({title})"
    return options


def find_features(catalog: Catalog, query: str, lang: str = "zh", limit: int = 20) -> list[str]:
    """Ids of features whose label contains every word of ``query`` (case-insensitive)."""
    words = [w for w in query.lower().split() if w]
    if not words:
        return []
    return [fid for fid, label in search_options(catalog, lang).items()
            if all(w in label.lower() for w in words)][:limit]

