"""Facets: narrowing the plan's features by what the data says of them, alike on the map, in lists and exports.

A filter (:class:`Where`) chooses values per facet: a feature is kept when, for every facet that applies to
its layer, it has one of the chosen values (any of them within a facet, all facets together). A facet
applies to the layers that have its field, so "platform type = 实验室" narrows the platforms and leaves
the parks alone; base layers (land, boundaries) are never narrowed. The same text form serves the CLI's
``--where`` and the page's ``where=`` parameter: ``platform_type=实验室,技术创新中心;district=huancui``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import pandas as pd

from .._errors import InputError
from ..text.glossary import type_label
from ..text.i18n import field_in, in_lang, t
from ..text.values import is_blank
from .catalog import Catalog, DataCache
from .layers import CITY_ID
from .specs import DISTRICTS

PAIR_SEPARATOR, KEY_SEPARATOR, VALUE_SEPARATOR = ";", "=", ","


@dataclass(frozen=True)
class Facet:
    """A field features can be narrowed by: its key (CLI, URL), column and label."""

    key: str
    column: str
    label: tuple[str, str]

    def label_in(self, lang: str) -> str:
        """The facet's name in ``lang``."""
        return in_lang(self.label, lang)


FACETS: tuple[Facet, ...] = (
    Facet("district", "district_id", ("所在区市", "District")),
    Facet("industry", "", ("产业集群/产业链", "Industry cluster / chain")),  # no column: see INDUSTRY
    Facet("park_type", "park_type", ("园区类型", "Park type")),
    Facet("platform_type", "platform_type", ("平台类型", "Platform type")),
    Facet("level", "level", ("平台级别(文件所述)", "Platform level (as stated)")),
    Facet("system", "system", ("“1+4+N”体系节点", "'1+4+N' system nodes")),
    Facet("basis", "geometry_basis", ("几何依据", "Geometry basis")),
)
FACET_BY_KEY = {f.key: f for f in FACETS}
INDUSTRY = "industry"  # not a column: a feature hosts an industry through the links table (with its chains)


class Where(Mapping[str, tuple[str, ...]]):
    """A filter: facet key → the values chosen (a feature needs any one of them; all facets together).

    Immutable and hashable, facets in ``FACETS`` order and facets choosing nothing dropped: two equal filters
    are one cache key, whatever order they were chosen in (no round trip through the text form).
    """

    __slots__ = ("_hash", "_values")

    def __init__(self, chosen: Mapping[str, Iterable[str]] | None = None) -> None:
        given = {key: tuple(values) for key, values in (chosen or {}).items()}
        order = [f.key for f in FACETS if f.key in given] + [k for k in given if k not in FACET_BY_KEY]
        self._values = {key: given[key] for key in order if given[key]}
        self._hash = hash(tuple(self._values.items()))

    def __getitem__(self, key: str) -> tuple[str, ...]:
        """The values chosen for a facet."""
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        """The facets that choose something, in ``FACETS`` order."""
        return iter(self._values)

    def __len__(self) -> int:
        """How many facets choose something."""
        return len(self._values)

    def __hash__(self) -> int:
        """Equal filters, equal hashes."""
        return self._hash

    def __eq__(self, other: object) -> bool:
        """Equal to any mapping choosing the same values."""
        return isinstance(other, Mapping) and dict(self._values) == {k: tuple(v) for k, v in other.items() if v}

    def __repr__(self) -> str:
        """The facets and values."""
        return f"Where({self._values!r})"


NO_FILTER = Where()


_HOSTS: DataCache[dict[str, set[str]]] = DataCache(max_entries=8)


def industry_hosts(catalog: Catalog) -> dict[str, set[str]]:
    """Industry id -> the features linked to it or to one of its chains (shared, read-only; once per data)."""
    return _HOSTS.get(catalog, ("hosts",), lambda: _hosts(catalog))


def _hosts(catalog: Catalog) -> dict[str, set[str]]:
    links = catalog.links
    parents = dict(zip(catalog.industries["id"], catalog.industries["parent"], strict=True))
    out: dict[str, set[str]] = {}
    for industry, feature in zip(links["industry"], links["feature"], strict=True):
        out.setdefault(str(industry), set()).add(str(feature))
        if parents.get(industry):
            out.setdefault(str(parents[industry]), set()).add(str(feature))
    return out


def _narrowed(catalog: Catalog) -> list[str]:
    return [lid for lid, spec in catalog.specs.items() if spec.group != "base" and lid in catalog.layers]


def applies(facet: Facet, gdf: pd.DataFrame) -> bool:
    """Whether the facet narrows a layer (the layer has its field)."""
    return facet.key == INDUSTRY or facet.column in gdf.columns


_VALUES: DataCache[dict[str, int]] = DataCache(max_entries=256)


def facet_values(catalog: Catalog, facet: Facet, layer_ids: Iterable[str] | None = None) -> dict[str, int]:
    """The facet's values among the layers' features, with how many features have each (most first).

    A feature in two layers (``core_system`` is a view of the platforms) counts once. Computed once per
    data version, facet and layers.
    """
    ids = None if layer_ids is None else tuple(layer_ids)
    return _VALUES.get(catalog, ("values", facet.key, ids), lambda: _facet_values(catalog, facet, ids))


def _facet_values(catalog: Catalog, facet: Facet, layer_ids: tuple[str, ...] | None) -> dict[str, int]:
    counts = {value: len(fids) for value, fids in _members(catalog, facet, layer_ids).items() if fids}
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


KINDS = ("parks", "platforms", "areas", "layout")  # layer groups a count is split by, in the order it is said
_COUNTS: DataCache[dict[str, dict[str, int]]] = DataCache(max_entries=512)


def facet_counts(catalog: Catalog, facet: Facet, layer_ids: Iterable[str], where: Where) -> dict[str, dict[str, int]]:
    """Each of the facet's values (as :func:`facet_values`): how many features of each kind the *other* facets keep.

    What a planner reads beside "环翠区" is how many parks and platforms choosing it would show, given the rest
    of the filter — not areas, parks and platforms added together, whatever else is chosen. A kind is the
    layer's group; a feature in two layers (a platform that is also a "1+4+N" node) counts once, as its own kind.
    """
    ids = tuple(layer_ids)
    others = Where({k: v for k, v in where.items() if k != facet.key})
    return _COUNTS.get(catalog, ("counts", facet.key, ids, others),
                       lambda: _facet_counts(catalog, facet, ids, others))


def _facet_counts(catalog: Catalog, facet: Facet, layer_ids: tuple[str, ...],
                  others: Where) -> dict[str, dict[str, int]]:
    narrowed = [lid for lid in layer_ids if lid in _narrowed(catalog)]
    rank = {g: i for i, g in enumerate(KINDS)}
    kind: dict[str, str] = {}
    kept: set[str] = set()
    for lid in sorted(narrowed, key=lambda lid: rank.get(catalog.specs[lid].group, len(KINDS))):
        gdf = catalog.layers[lid]
        for fid in gdf["id"]:
            kind.setdefault(str(fid), catalog.specs[lid].group)
        kept.update(str(f) for f in gdf.loc[feature_mask(catalog, gdf, others), "id"])
    out = {}
    for value, fids in _members(catalog, facet, layer_ids).items():
        per_kind: dict[str, int] = {}
        for fid in fids & kept:
            per_kind[kind[fid]] = per_kind.get(kind[fid], 0) + 1
        out[value] = {k: per_kind[k] for k in sorted(per_kind, key=lambda k: rank.get(k, len(KINDS)))}
    return out


def _members(catalog: Catalog, facet: Facet, layer_ids: tuple[str, ...] | None) -> dict[str, set[str]]:
    """The facet's values among the layers' features: the ids of the features having each."""
    members: dict[str, set[str]] = {}
    ids = _narrowed(catalog) if layer_ids is None else [lid for lid in layer_ids if lid in _narrowed(catalog)]
    hosts = industry_hosts(catalog) if facet.key == INDUSTRY else {}
    for lid in ids:
        gdf = catalog.layers[lid]
        if facet.key == INDUSTRY:
            for industry, features in hosts.items():
                members.setdefault(industry, set()).update(gdf["id"][gdf["id"].isin(features)])
        elif facet.column in gdf.columns:
            for fid, value in zip(gdf["id"], gdf[facet.column], strict=True):
                if not is_blank(value):
                    members.setdefault(str(value), set()).add(str(fid))
    return {value: {str(f) for f in fids} for value, fids in members.items() if fids}


def value_label(catalog: Catalog, facet: Facet, value: str, lang: str) -> str:
    """How a facet value reads in ``lang``: a district's or industry's name, a type's label."""
    if facet.key == "district":
        if value == CITY_ID:
            return in_lang((f"{catalog.manifest.get('name', '')}(全市)", f"{catalog.manifest.get('name_en', '')} "
                            "(city-wide)"), lang)
        names = catalog.layers[DISTRICTS].set_index("id") if DISTRICTS in catalog.layers else None
        if names is not None and value in names.index:
            return str(names.loc[value, field_in("name", lang)])
        return value
    if facet.key == INDUSTRY:
        rows = catalog.industries.set_index("id")
        return str(rows.loc[value, field_in("name", lang)]) if value in rows.index else value
    if facet.key == "basis":
        return t(f"basis_{value}", lang)
    if facet.key == "system":
        return value
    return type_label(value, lang)


def where_from_text(catalog: Catalog, text: str) -> Where:
    """Parse ``key=v1,v2;key2=v3`` (every problem found is reported at once, as one InputError).

    ``""`` is no filter; text that chooses nothing (``;;;``) is an error, not quietly no filter.
    """
    out: dict[str, tuple[str, ...]] = {}
    problems = []
    if text.strip() and not text.replace(PAIR_SEPARATOR, "").strip():
        raise InputError(f"bad filter: {text[:40]!r} chooses nothing; expected FACET=VALUE[,VALUE…]")
    for part in (p.strip() for p in text.split(PAIR_SEPARATOR)):
        if not part:
            continue
        key, sep, values = part.partition(KEY_SEPARATOR)
        key = key.strip()
        facet = FACET_BY_KEY.get(key)
        if not sep or facet is None:
            problems.append(f"{part!r}: expected FACET=VALUE[,VALUE…] with FACET one of {', '.join(FACET_BY_KEY)}")
            continue
        known = facet_values(catalog, facet)
        chosen = tuple(dict.fromkeys(v.strip() for v in values.split(VALUE_SEPARATOR) if v.strip()))
        unknown = [v for v in chosen if v not in known]
        if not known:  # this region's data gives no value of this facet (Qingdao's report names no level)
            problems.append(f"{key}: this region's data gives no {facet.label_in('en').lower()} to filter by")
            continue
        if unknown or not chosen:
            problems.append(f"{key}: unknown value(s) {', '.join(map(repr, unknown)) or '(none given)'}; "
                            f"one of: {', '.join(known)}")
            continue
        out[key] = tuple(sorted({*out.get(key, ()), *chosen}, key=list(known).index))
    if problems:
        raise InputError("bad filter: " + "; ".join(problems))
    return Where(out)


def where_to_text(where: Mapping[str, Iterable[str]]) -> str:
    """The filter in its text form (facets in ``FACETS`` order), ``""`` when it chooses nothing."""
    return PAIR_SEPARATOR.join(f"{f.key}{KEY_SEPARATOR}{VALUE_SEPARATOR.join(where[f.key])}"
                               for f in FACETS if where.get(f.key))


def feature_mask(catalog: Catalog, gdf: pd.DataFrame, where: Where) -> pd.Series:
    """True for the layer's features the filter keeps."""
    keep = pd.Series(True, index=gdf.index)
    for key, values in where.items():
        facet = FACET_BY_KEY[key]
        if not values or not applies(facet, gdf):
            continue
        if key == INDUSTRY:
            hosts = industry_hosts(catalog)
            keep &= gdf["id"].isin(set().union(*(hosts.get(v, set()) for v in values)))
        else:
            keep &= gdf[facet.column].astype(str).isin(values)
    return keep


_HIDDEN: DataCache[list[str]] = DataCache(max_entries=256)


def hidden_ids(catalog: Catalog, layer_ids: Iterable[str], where: Where) -> list[str]:
    """Ids of the features of these layers the filter leaves out (what the map hides); shared, read-only."""
    if not where:
        return []
    ids = tuple(layer_ids)
    chosen = where if isinstance(where, Where) else Where(where)  # the filter itself is the key
    return _HIDDEN.get(catalog, ("hidden", chosen, ids), lambda: _hidden_ids(catalog, ids, chosen))


def _hidden_ids(catalog: Catalog, layer_ids: tuple[str, ...], where: Where) -> list[str]:
    out: list[str] = []
    for lid in layer_ids:
        if lid in _narrowed(catalog):
            gdf = catalog.layers[lid]
            out += list(gdf.loc[~feature_mask(catalog, gdf, where), "id"])
    return list(dict.fromkeys(out))


def shown_count(catalog: Catalog, layer_ids: Iterable[str], where: Where) -> tuple[int, int]:
    """(features kept, features in all) over these layers, each feature counted once."""
    ids = [lid for lid in layer_ids if lid in _narrowed(catalog)]
    every = {fid for lid in ids for fid in catalog.layers[lid]["id"]}
    return len(every - set(hidden_ids(catalog, ids, where))), len(every)


def where_label(catalog: Catalog, where: Where, lang: str) -> str:
    """The filter in words: ``平台类型:实验室、技术创新中心;平台级别(文件所述):国家级``."""
    sep, colon, items = in_lang(("；", "; "), lang), in_lang(("：", ": "), lang), in_lang(("、", ", "), lang)
    return sep.join(f"{f.label_in(lang)}{colon}{items.join(value_label(catalog, f, v, lang) for v in where[f.key])}"
                    for f in FACETS if where.get(f.key))
