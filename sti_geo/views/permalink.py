"""The view in the URL: parse query parameters (ignoring bad ones with a notice) and write them back."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .._errors import InputError
from ..model.validate import UPLOAD_ID_PREFIX
from ..text.i18n import DEFAULT_LANG, LANGS, is_default_lang
from ..text.numbers import decimal

MAX_VALUE_LEN = 300
LONG_VALUES = {"q": 1500}  # a drawn polygon's corners (model.within: at most 60, ≈ 1 m)
ZOOM_RANGE = (5, 18)
IGNORED = {"embed", "embed_options"}  # Streamlit's own
_SHOWN = re.compile(r"[^A-Za-z0-9_.,:\-]")


def shown(value: str, limit: int = 40) -> str:
    """A value made safe to echo in a notice: odd characters become '?', long ones are cut."""
    return _SHOWN.sub("?", value[:limit]) + ("…" if len(value) > limit else "")


@dataclass
class View:
    """What a link restores. ``None`` fields mean "the page's default"."""

    lang: str = DEFAULT_LANG
    basemap: str | None = None
    layers: tuple[str, ...] | None = None
    selected: str | None = None
    center: tuple[float, float] | None = None
    zoom: int | None = None
    extra: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    # where the app last asked the map to be (a fly-to, or the link's view): what the map component is given.
    # A user's pan changes center/zoom (the URL) but not this, so the map is never pushed back. Not in the URL.
    asked: tuple[tuple[float, float], int] | None = None


def _first(value) -> str:
    if isinstance(value, (list, tuple)):
        return str(value[-1]) if value else ""
    return str(value)


def view_area(manifest: Mapping[str, object]) -> tuple[float, float, float, float] | None:
    """Where a view of the region may be centred (lon/lat w, s, e, n), None when the pack gives none.

    Its pack's ``[build] bbox``: the region and what a zoomed-out view shows around it.
    """
    build = manifest.get("build")
    box = build.get("bbox") if isinstance(build, Mapping) else None
    if not isinstance(box, (list, tuple)) or len(box) != 4:
        return None
    w, s, e, n = (float(v) for v in box)
    return w, s, e, n


def view_from_params(params: Mapping[str, object], *, layers: Iterable[str], features: Iterable[str],
                     basemaps: Iterable[str],
                     extra: Mapping[str, Iterable[str] | Callable[[str], bool]] | None = None,
                     area: tuple[float, float, float, float] | None = None) -> View:
    """Parse query parameters against what exists; anything unknown or malformed becomes a notice.

    ``extra`` names page-specific parameters and their allowed values
    (e.g. ``{"district": ids}``), or a predicate that accepts a value. ``area`` (:func:`view_area`): a
    ``view=`` centred outside it is another place's view (a link made for another region), refused by name.
    """
    view = View()
    allowed_layers, allowed_features, allowed_basemaps = set(layers), set(features), set(basemaps)
    extra = {k: (v if callable(v) else set(v)) for k, v in (extra or {}).items()}
    choices: dict[str, tuple[set[str], str, str]] = {  # parameter: (allowed values, View attribute, why refused)
        "lang": (set[str](LANGS), "lang", f"not one of {', '.join(LANGS)}"),
        "basemap": (allowed_basemaps, "basemap", "unknown or unavailable"),
        "sel": (allowed_features, "selected", "no such feature"),
    }
    for key, raw in params.items():
        value = _first(raw).strip()
        if key in IGNORED:
            continue
        if len(value) > LONG_VALUES.get(key, MAX_VALUE_LEN):
            view.notices.append(f"{shown(key)}: value too long")
            continue
        if key in choices:
            allowed, attr, why = choices[key]
            if value in allowed:
                setattr(view, attr, value)
            else:
                view.notices.append(f"{key}={shown(value)}: {why}")
        elif key == "layers":
            wanted = [v for v in value.split(",") if v]
            bad = [v for v in wanted if v not in allowed_layers]
            if bad:
                view.notices.append(f"layers: unknown {', '.join(shown(b) for b in bad)}")
            if not bad or len(bad) < len(wanted):  # only unknown ids: the page's own layers, not an empty map
                view.layers = tuple(v for v in wanted if v in allowed_layers)
        elif key == "view":
            parsed = _parse_view(value)
            if parsed is None:
                view.notices.append(f"view={shown(value)}: expected lat,lon,zoom within range")
            elif area is not None and not (area[0] <= parsed[1] <= area[2] and area[1] <= parsed[0] <= area[3]):
                view.notices.append(f"view={shown(value)}: outside this region's map (lon {area[0]:g}–{area[2]:g}, "
                                    f"lat {area[1]:g}–{area[3]:g})")
            else:
                view.center, view.zoom = parsed[:2], int(parsed[2])
        elif key in extra:
            rule = extra[key]
            try:
                ok = rule(value) if callable(rule) else value in rule
            except InputError as err:  # a rule that can say what is wrong (a filter), in its words (Chinese
                # values included): one line, cut; the page renders every notice inert
                view.notices.append(f"{shown(key)}: {' '.join(str(err).split())[:MAX_VALUE_LEN]}")
                continue
            if ok:
                view.extra[key] = value
            else:
                view.notices.append(f"{shown(key)}={shown(value)}: not a valid choice")
        else:
            view.notices.append(f"{shown(key)}: unknown parameter")
    return view


def _parse_view(value: str) -> tuple[float, float, float] | None:
    parts = value.split(",")
    if len(parts) != 3:
        return None
    try:
        lat, lon, zoom = (decimal(p.strip()) for p in parts)
    except InputError:
        return None
    if not (-85 <= lat <= 85 and -180 <= lon <= 180 and ZOOM_RANGE[0] <= zoom <= ZOOM_RANGE[1]):
        return None
    return lat, lon, zoom


def params_from_view(view: View, *, default_layers: Iterable[str], default_basemap: str) -> dict[str, str]:
    """Query parameters for ``view``, leaving out what equals the page's defaults."""
    out: dict[str, str] = {}
    if not is_default_lang(view.lang):
        out["lang"] = view.lang
    if view.basemap and view.basemap != default_basemap:
        out["basemap"] = view.basemap
    if view.layers is not None and tuple(view.layers) != tuple(default_layers):
        out["layers"] = ",".join(view.layers)
    if view.selected and not view.selected.startswith(UPLOAD_ID_PREFIX):  # session-only: a link would break
        out["sel"] = view.selected
    if view.center is not None and view.zoom is not None:
        out["view"] = f"{view.center[0]:.5f},{view.center[1]:.5f},{int(view.zoom)}"
    out.update({k: v for k, v in view.extra.items() if v})
    return out


def public_link(browser_url: str, public: str) -> str:
    """``browser_url`` (the page as the browser reached it, without its query) at the ``public`` base address.

    The page's own path is kept below the base (``http://localhost:8501/layout`` with ``https://x.gov/sti``
    gives ``https://x.gov/sti/layout``); no ``public``: the browser's address as it is.
    """
    if not public:
        return browser_url
    path = urlsplit(browser_url).path
    return public.rstrip("/") + (path if path.startswith("/") else f"/{path}" if path else "")


def parsed_by(parse: Callable[[str], object]) -> Callable[[str], bool]:
    """A parameter rule that accepts what ``parse`` accepts; its ``InputError`` becomes the notice's words."""
    def _check(value: str) -> bool:
        parse(value)
        return True
    return _check


def csv_subset(allowed: Iterable[str]) -> Callable[[str], bool]:
    """Predicate: a comma-separated list of distinct values, each allowed."""
    ok = set(allowed)

    def _check(value: str) -> bool:
        parts = value.split(",")
        return bool(value) and len(parts) == len(set(parts)) and set(parts) <= ok

    return _check
