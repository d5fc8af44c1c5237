"""The page state and its URL: decoded once, typed while the page is used, encoded once back into the link.

A bad query parameter is ignored with a notice. The fields every page shares are :class:`View`'s own; a
page's and its panels' parameters are :class:`~sti_geo.views.params.Param` keys into it
(``view.get(WHERE)`` is a ``Where``), decoded against the catalog by :func:`view_from_params` and written
back by :func:`params_from_view`. What is computed from a typed value (the ids a filter hides, a theme's
classes) is cached with the catalog, keyed by the value itself (``model.catalog.DataCache``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

from .._errors import InputError
from ..model.catalog import Catalog
from ..model.validate import UPLOAD_ID_PREFIX
from ..text.i18n import DEFAULT_LANG, LANGS, is_default_lang
from ..text.numbers import decimal
from .params import NotAChoice, Param

T = TypeVar("T")

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
    """The page's state, which a link restores. ``None`` fields mean "the page's default"."""

    lang: str = DEFAULT_LANG
    basemap: str | None = None
    layers: tuple[str, ...] | None = None
    selected: str | None = None
    center: tuple[float, float] | None = None
    zoom: int | None = None
    notices: list[str] = field(default_factory=list)
    # where the app last asked the map to be (a fly-to, or the link's view): what the map component is given.
    # A user's pan changes center/zoom (the URL) but not this, so the map is never pushed back. Not in the URL.
    asked: tuple[tuple[float, float], int] | None = None
    # the page's own parameters (a filter, a query, a theme, a scene …): decoded values by name, read and
    # changed through get/set with the Param as key; a value equal to its default is not kept
    values: dict[str, Any] = field(default_factory=dict)
    params: dict[str, Param[Any]] = field(default_factory=dict)
    data_token: str = ""  # the catalog the values were decoded against (another: decoded again, see redecode)

    def get(self, param: Param[T]) -> T:
        """The value of ``param`` (its default when the link and the page set none)."""
        value: T = self.values.get(param.name, param.default)
        return value

    def set(self, param: Param[T], value: T) -> None:
        """Change ``param``'s value (a value equal to its default is dropped: the link leaves it out)."""
        self.params.setdefault(param.name, param)
        if value == param.default:
            self.values.pop(param.name, None)
        else:
            self.values[param.name] = value

    def keep(self, names: Iterable[str]) -> None:
        """Drop every page value but those named (a choice that makes the others meaningless)."""
        kept = set(names)
        self.values = {name: value for name, value in self.values.items() if name in kept}

    def redecode(self, catalog: Catalog) -> None:
        """Check the values against another catalog (the data changed under a kept view).

        Each is written as its link has it and read again; what no longer holds (a feature edited away) falls
        back to its default.
        """
        if self.data_token == catalog.token:
            return
        for name, value in list(self.values.items()):
            param = self.params.get(name)
            if param is None:
                continue
            try:
                self.values[name] = param.decode(catalog, param.encode(value))
            except (InputError, NotAChoice):
                del self.values[name]
        self.data_token = catalog.token


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


def view_from_params(params: Mapping[str, object], *, catalog: Catalog, basemaps: Iterable[str],
                     page_params: Iterable[Param[Any]] = (),
                     area: tuple[float, float, float, float] | None = None) -> View:
    """Decode query parameters against what exists, once; anything unknown or malformed becomes a notice.

    ``page_params`` are the page's and its panels' own (a filter, a query, a district …), each decoded against
    ``catalog`` into its typed value. ``area`` (:func:`view_area`): a ``view=`` centred outside it is another
    place's view (a link made for another region), refused by name.
    """
    view = View(params={p.name: p for p in page_params}, data_token=catalog.token)
    allowed_layers, allowed_features, allowed_basemaps = set(catalog.specs), set(catalog.index), set(basemaps)
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
        elif key in view.params:
            param = view.params[key]
            try:
                decoded = param.decode(catalog, value)
            except InputError as err:  # a parameter that can say what is wrong (a filter), in its words (Chinese
                # values included): one line, cut; the page renders every notice inert
                view.notices.append(f"{shown(key)}: {' '.join(str(err).split())[:MAX_VALUE_LEN]}")
                continue
            except NotAChoice:
                view.notices.append(f"{shown(key)}={shown(value)}: not a valid choice")
                continue
            if decoded != param.default:
                view.values[key] = decoded
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
    for name, value in view.values.items():
        text = view.params[name].text(value)
        if text:
            out[name] = text
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
