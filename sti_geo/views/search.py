"""Finding named features: the search box's options and matching."""

from __future__ import annotations

from ..model.catalog import Catalog, DataCache
from ..text.i18n import field_in, other_lang

SEARCHABLE_GROUPS = ("areas", "layout", "parks", "platforms")


_OPTIONS: DataCache[dict[str, str]] = DataCache(max_entries=16)


def search_options(catalog: Catalog, lang: str = "zh") -> dict[str, str]:
    """``{feature id: label}`` for every named feature, each id once, label with its layer.

    Computed once per data version and language (every rerun of a map draws the search box); read-only.
    """
    return _OPTIONS.get(catalog, (lang,), lambda: _options(catalog, lang))


def _options(catalog: Catalog, lang: str) -> dict[str, str]:
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
    return options

