"""Declarative layer specs (``layers/*.toml``): parsing and validation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._errors import Problem
from ..text.i18n import in_lang
from .tables import TABLE_KEYS, read_toml, rel

# Layer ids the code relies on. A pack must have the required ones (checked at load, so a missing one is a
# validation problem naming the pack and the layer, not a KeyError on a click); the others are used where present.
BASE_LAND, BASE_BOUNDARIES = "base_land", "base_boundaries"
DISTRICTS, PARKS, PLATFORMS = "districts", "parks", "platforms"
NAMED_AREAS, CORE_SYSTEM = "named_areas", "core_system"
REQUIRED_LAYERS = (BASE_LAND, BASE_BOUNDARIES, DISTRICTS, PARKS, PLATFORMS)
GROUPS = ("base", "layout", "areas", "parks", "platforms")
GEOMETRY_TYPES = ("Point", "LineString", "Polygon")
PROVENANCES = ("plan", "dataset")
BASES = ("official", "approximate", "schematic")
LEGEND_SYMBOLS = ("circle", "fill", "line")
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def type_names(typ: type | tuple[type, ...]) -> str:
    """``str``, or ``int or float`` for a tuple of types (for messages)."""
    return " or ".join(t.__name__ for t in typ) if isinstance(typ, tuple) else typ.__name__


def check_required_layers(specs: list[LayerSpec], layers_dir: Path, base: Path, pack: str) -> list[Problem]:
    """A problem for each layer the code needs that the pack does not define."""
    have = {s.id for s in specs}
    return [Problem(rel(layers_dir / f"{lid}.toml", base), lid, "layer",
                    f"region pack {pack!r} has no {lid!r} layer spec; the app needs it")
            for lid in REQUIRED_LAYERS if lid not in have]


@dataclass(frozen=True)
class Style:
    """How a layer is drawn (Leaflet path options)."""

    color: str = "#333333"
    fill_color: str = "#999999"
    weight: float = 1.0
    opacity: float = 1.0
    fill_opacity: float = 0.3
    radius: float = 6.0
    dash: str = ""


@dataclass(frozen=True)
class LayerSpec:
    """One map layer: where its rows come from and how it is drawn and labelled."""

    id: str
    title: str
    title_en: str
    group: str
    order: int
    table: str
    geometry_type: str
    provenance: str
    style: Style
    legend_label: str
    legend_label_en: str
    legend_symbol: str
    popup_fields: tuple[str, ...]
    tooltip_fields: tuple[str, ...]
    filter_field: str = ""
    filter_values: tuple[str, ...] = ()
    default_visible: bool = True
    geometry_basis: str = ""  # only for dataset layers, whose rows do not say
    description: str = ""
    description_en: str = ""
    path: str = field(default="", compare=False)

    def title_in(self, lang: str) -> str:
        """The layer's title in ``lang``."""
        return in_lang((self.title, self.title_en), lang)

    def legend_label_in(self, lang: str) -> str:
        """The layer's legend label in ``lang``."""
        return in_lang((self.legend_label, self.legend_label_en), lang)


_REQUIRED: dict[str, type | tuple[type, ...]] = {
    "id": str, "title": str, "title_en": str, "group": str, "order": int, "table": str,
    "geometry_type": str, "provenance": str,
}


def spec_from_dict(data: dict[str, Any], path: str, problems: list[Problem]) -> LayerSpec | None:
    """Build a spec from parsed TOML, recording every problem (file, id, field)."""
    sid = str(data.get("id", Path(path).stem))
    before = len(problems)

    def bad(fld: str, msg: str) -> None:
        problems.append(Problem(path, sid, fld, msg))

    for key, typ in _REQUIRED.items():
        if key not in data:
            bad(key, "is required")
        elif not isinstance(data[key], typ) or isinstance(data[key], bool):
            bad(key, f"must be {type_names(typ)}")
    if isinstance(data.get("id"), str) and not _ID.match(data["id"]):
        bad("id", "must be lower-case ASCII letters, digits and _")
    _check_choice(data, "group", GROUPS, bad)
    _check_choice(data, "geometry_type", GEOMETRY_TYPES, bad)
    _check_choice(data, "provenance", PROVENANCES, bad)
    table = data.get("table")
    if isinstance(table, str) and table not in TABLE_KEYS and not table.startswith("build/"):
        bad("table", f"unknown table {table!r}; one of {sorted(TABLE_KEYS)} or a build/*.geojson file")
    if data.get("provenance") == "dataset" and data.get("geometry_basis") not in BASES:
        bad("geometry_basis", f"a dataset layer must state its geometry_basis, one of {BASES}")

    style_raw = data.get("style", {})
    style_kw: dict[str, Any] = {}
    if not isinstance(style_raw, dict):
        bad("style", "must be a table")
        style_raw = {}
    for key, value in style_raw.items():
        if key not in Style.__dataclass_fields__:
            bad(f"style.{key}", "unknown style option")
        elif key in ("color", "fill_color") and not (isinstance(value, str) and _HEX.match(value)):
            bad(f"style.{key}", "must be a colour like #1a2b3c")
        elif key in ("weight", "opacity", "fill_opacity", "radius") and not isinstance(value, (int, float)):
            bad(f"style.{key}", "must be a number")
        else:
            style_kw[key] = value

    legend = data.get("legend", {}) if isinstance(data.get("legend", {}), dict) else {}
    for key in ("label", "label_en", "symbol"):
        if not isinstance(legend.get(key), str):
            bad(f"legend.{key}", "is required (text)")
    if isinstance(legend.get("symbol"), str) and legend["symbol"] not in LEGEND_SYMBOLS:
        bad("legend.symbol", f"must be one of {LEGEND_SYMBOLS}")

    popup = _field_list(data, "popup", bad)
    tooltip = _field_list(data, "tooltip", bad)
    flt = data.get("filter", {})
    if not isinstance(flt, dict) or (flt and not (isinstance(flt.get("field"), str)
                                                  and isinstance(flt.get("values"), list))):
        bad("filter", "must be { field = \"...\", values = [...] }")
        flt = {}

    if len(problems) > before:
        return None
    return LayerSpec(
        id=data["id"], title=data["title"], title_en=data["title_en"], group=data["group"],
        order=data["order"], table=data["table"], geometry_type=data["geometry_type"],
        provenance=data["provenance"], style=Style(**style_kw),
        legend_label=legend["label"], legend_label_en=legend["label_en"], legend_symbol=legend["symbol"],
        popup_fields=popup, tooltip_fields=tooltip,
        filter_field=flt.get("field", ""), filter_values=tuple(str(v) for v in flt.get("values", [])),
        default_visible=bool(data.get("default_visible", True)),
        geometry_basis=data.get("geometry_basis", ""),
        description=str(data.get("description", "")), description_en=str(data.get("description_en", "")),
        path=path,
    )


def _check_choice(data: dict, key: str, choices: tuple[str, ...], bad) -> None:
    if isinstance(data.get(key), str) and data[key] not in choices:
        bad(key, f"must be one of {choices}, not {data[key]!r}")


def _field_list(data: dict, key: str, bad) -> tuple[str, ...]:
    section = data.get(key, {})
    fields = section.get("fields") if isinstance(section, dict) else None
    if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields) or not fields:
        bad(f"{key}.fields", "must be a non-empty list of field names")
        return ()
    return tuple(fields)


def specs_from_dir(layers_dir: Path, problems: list[Problem]) -> list[LayerSpec]:
    """Every ``*.toml`` spec in ``layers_dir``, sorted by drawing order; problems gathered."""
    specs: list[LayerSpec] = []
    files = sorted(layers_dir.glob("*.toml"))
    if not files:
        problems.append(Problem(rel(layers_dir, layers_dir), "-", "-", "no layer specs (*.toml) found"))
    for path in files:
        data = read_toml(path, layers_dir, problems)
        if not data:
            continue
        spec = spec_from_dict(data, rel(path, layers_dir), problems)
        if spec is not None:
            if spec.id != path.stem:
                problems.append(Problem(spec.path, spec.id, "id", f"must match the file name {path.stem!r}"))
            specs.append(spec)
    ids = [s.id for s in specs]
    for sid in {i for i in ids if ids.count(i) > 1}:
        problems.append(Problem(rel(layers_dir, layers_dir), sid, "id", "used by more than one spec"))
    return sorted(specs, key=lambda s: (s.order, s.id))
