"""Finding named features: the search box's options and matching."""

from __future__ import annotations

from ..model.catalog import Catalog
from ..text.i18n import field_in, other_lang

SEARCHABLE_GROUPS = ("areas", "layout", "parks", "platforms")


_CACHE: dict[tuple[str, str], dict[str, str]] = {}


def search_options(catalog: Catalog, lang: str = "zh") -> dict[str, str]:
    """``{feature id: label}`` for every named feature, each id once, label with its layer.

    Computed once per data version and language (every rerun of a map draws the search box); read-only.
    """
    key = (catalog.token, lang)
    if catalog.token and key in _CACHE:
        return _CACHE[key]
    options: dict[str, str] = {}
    for lid, gdf in catalog.layers.items():
        spec = catalog.specs[lid]
        if spec.group not in SEARCHABLE_GROUPS:
            continue
        title = spec.title_in(lang)
        names, others = gdf[field_in("name", lang)], gdf[field_in("name", other_lang(lang))]
        for fid, name, other in zip(gdf["id"], names, others, strict=True):
            if fid not in options:
                options[fid] = f"{name} · {other} ({title})"
    if catalog.token:
        if len(_CACHE) > 16:
            _CACHE.clear()
        _CACHE[key] = options
    return options

