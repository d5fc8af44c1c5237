"""The printed view's map panel (:mod:`.printed`), drawn with matplotlib; imported only when a print is made.

Extent, layers, highlights, the query's outline, names placed without overlap, scale bar and north arrow.
:mod:`.print_figure` puts the panel on the sheet with the title, legend, notes and link.
"""

from __future__ import annotations

import math
import textwrap

import geopandas as gpd
import matplotlib
from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.transforms import offset_copy

from ..model.catalog import Catalog
from ..model.specs import BASE_BOUNDARIES, BASE_LAND, DISTRICTS, LayerSpec
from ..model.within import projected_crs, query_from_text, regions
from ..text.i18n import field_in, t
from .labels import label_point, label_rule, layer_labels
from .printed import PrintView

MERCATOR = "EPSG:3857"  # what the screen shows: the print matches it
SCREEN_PX = (900, 620)  # the map's usual size on screen; the print keeps the view's centre and zoom
BOUNDS_PAD = 0.08  # around a view given by its bounds (a tour scene), as a share of their size
EARTH_RADIUS_M = 6378137.0
# A label's background for legibility. Not a stroked halo: matplotlib draws path-effect text as outlines,
# and a PDF's or SVG's names must stay text (searchable, copyable, inert).
# Where a name may go, in order (ha, offset in points): a point's name right of it, else left, above or below
# (a long name near the frame's edge); an area's name on its label point, else a line up or down.
PLACES = {
    "left": (("left", (6, 0)), ("right", (-6, 0)), ("center", (0, 10)), ("center", (0, -10))),
    "center": (("center", (0, 0)), ("center", (0, 11)), ("center", (0, -11))),
}
# a scene's own names, short of room, also try further away before they shrink
MUST_PLACES = {
    "left": (("center", (0, 20)), ("center", (0, -20))),
    "center": (("center", (0, 22)), ("center", (0, -22)), ("center", (0, 33)), ("center", (0, -33))),
}
STACKED, LIFTED = 6.0, 6.8  # points' z-order: stacks (with their count), then single elements; names at 8
HALO = {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}




def _mercator(lon: float, lat: float) -> tuple[float, float]:
    return (math.radians(lon) * EARTH_RADIUS_M,
            math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * EARTH_RADIUS_M)


def _extent(view: PrintView, aspect: float) -> tuple[float, float, float, float]:
    """The view's extent in Web Mercator metres, widened to the map frame's ``aspect`` (width / height).

    The view's ``bounds`` (padded) when it has them, else its centre and zoom on a ``SCREEN_PX`` map.
    """
    if view.bounds is not None:
        (x0, y0), (x1, y1) = _mercator(*view.bounds[:2]), _mercator(*view.bounds[2:])
        x, y = (x0 + x1) / 2, (y0 + y1) / 2
        width, height = (x1 - x0) * (1 + 2 * BOUNDS_PAD), (y1 - y0) * (1 + 2 * BOUNDS_PAD)
    else:
        x, y = _mercator(view.center[1], view.center[0])
        metres_per_px = 2 * math.pi * EARTH_RADIUS_M / (256 * 2 ** view.zoom)
        width, height = SCREEN_PX[0] * metres_per_px, SCREEN_PX[1] * metres_per_px
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    return x - width / 2, y - height / 2, x + width / 2, y + height / 2


def line_dash(spec: LayerSpec):
    """The layer's dash as the map draws it, in the line's widths (matplotlib's unit; Leaflet's is the pixel).

    Read as widths, a 5 px corridor's "10 6" became 56 pt pieces with 34 pt gaps on paper.
    """
    weight = spec.style.weight or 1.0
    parts = [float(p) / weight for p in spec.style.dash.replace(",", " ").split()]
    return (0, tuple(parts)) if parts else "solid"


STACK_STEP_PT = 13.5  # each point layer's stacks stand this far right of the one before (18 px on the map)


def _draw_layer(ax, spec: LayerSpec, gdf: gpd.GeoDataFrame, highlight: set[str],
                fills: dict[str, str] | None = None, stack_shift: float = 0.0) -> bool:
    """Draw one layer; whether it drew a stack (the next layer's stacks then stand further right)."""
    s = spec.style
    lw = s.weight * 0.75  # screen px to points
    if spec.geometry_type == "Point":
        stacks = gdf.groupby([gdf.geometry.x.round(6), gdf.geometry.y.round(6)])
        # two layers' stacks at one place (the city's parks and platforms) were printed one over the other
        shifted = offset_copy(ax.transData, fig=ax.figure, x=stack_shift, units="points")
        any_stack = False
        for (x, y), members in stacks:
            lit = bool(highlight & set(members["id"]))
            stacked = len(members) > 1
            size = (s.radius * 2 + (4 if stacked else 0)) * 0.75
            # a scene's own element, or a layout element, above the stacks that share its place (一核 sits where
            # the city-level parks and platforms are stacked, and was hidden under their "5")
            lifted = not stacked and (lit or spec.group == "layout")
            where = shifted if stacked else ax.transData
            ax.plot(x, y, "o", ms=size, mfc=s.fill_color, mec="#facc15" if lit else s.color, mew=1.5 if lit else 1,
                    zorder=LIFTED if lifted else STACKED, transform=where)
            if stacked:  # a stack: the documents give the district, not the site
                any_stack = True
                ax.text(x, y, str(len(members)), ha="center", va="center", fontsize=6, color="white",
                        fontweight="bold", zorder=STACKED + 0.1, transform=where)
        return any_stack
    if spec.geometry_type == "LineString":
        gdf.plot(ax=ax, color=s.color, linewidth=lw * 1.5, linestyle=line_dash(spec), zorder=4)
        return False
    gdf.plot(ax=ax, facecolor=s.fill_color, edgecolor=s.color, linewidth=lw, alpha=None, zorder=3,
             linestyle=line_dash(spec))
    if fills:  # a thematic map: each area in its class's colour, as on screen
        ax.collections[-1].set_facecolor([(*matplotlib.colors.to_rgb(fills.get(fid, s.fill_color)), 0.8)
                                          for fid in gdf["id"]])
    else:
        ax.collections[-1].set_facecolor([(*matplotlib.colors.to_rgb(s.fill_color), s.fill_opacity)])
    lit = gdf[gdf["id"].isin(highlight)]
    if len(lit):
        lit.plot(ax=ax, facecolor="none", edgecolor="#facc15", linewidth=2.5, zorder=5)
    return False


def _draw_query(ax, catalog: Catalog, text: str) -> None:
    """A spatial query's outline as the map draws it: dashed where certain, dotted where only possible."""
    inner, outer = regions(catalog, query_from_text(catalog, text))
    shapes = [(inner, (0, (6, 3)))] if inner.equals(outer) else [(outer, (0, (1, 3))), (inner, (0, (6, 3)))]
    for geom, dash in shapes:
        if not geom.is_empty:
            gpd.GeoSeries([geom], crs=projected_crs(catalog)).to_crs(MERCATOR).plot(
                ax=ax, facecolor="none", edgecolor="#7c3aed", linewidth=1.8, linestyle=dash, zorder=6)


def _labels(ax, fig: Figure, catalog: Catalog, layers: dict[str, gpd.GeoDataFrame], view: PrintView) -> int:
    """Names in the map's priority order; one that would touch a placed name is left out. Returns the count.

    The highlighted features (a scene's own) go first: short of room they try further places and smaller type
    before one is left out (a name over a name helps no one), as on the map (``js/label_dom.mjs``).
    """
    lit = set(view.highlight)
    candidates = []
    for lid, gdf in layers.items():
        spec = catalog.specs[lid]
        rule = label_rule(spec, len(gdf))
        if rule is None:
            continue
        names = layer_labels(spec, list(gdf[field_in("name", view.lang)]), view.lang)
        stacked = gdf.geometry.duplicated(keep=False) if spec.geometry_type == "Point" else None
        for i, (name, geom, fid) in enumerate(zip(names, gdf.geometry, gdf["id"], strict=True)):
            must = fid in lit
            if (view.zoom < rule.min_zoom and not must) or (stacked is not None and stacked.iloc[i]):
                continue  # a stack shows its count; its members are listed in the app
            rank = rule.priority + (10 if must else 0)
            if geom.geom_type == "Point":
                candidates.append((rank, rule.priority, must, wrapped(name), geom.x, geom.y, "left"))
            else:
                x, y = label_point(geom)  # type: ignore[misc]
                candidates.append((rank, rule.priority, must, wrapped(name), x, y, "center"))
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # an Agg canvas (print_figure)
    placed: list = []
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    inside = ax.get_window_extent(renderer)
    for _rank, prio, must, name, x, y, align in sorted(candidates, key=lambda c: -c[0]):
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            continue
        size = 9 if prio >= 4 else 7.5
        places = PLACES[align] + (MUST_PLACES[align] if must else ())
        tries = [(ha, offset, size) for ha, offset in places]
        if must:
            tries += [(ha, offset, 6.5) for ha, offset in places]
        for ha, offset, fontsize in tries:  # the first place where it touches nothing, inside
            text = ax.annotate(name, (x, y), xytext=offset, textcoords="offset points", ha=ha, va="center",
                               fontsize=fontsize, fontweight="bold" if prio >= 4 else "normal",
                               color="#7c2d12" if prio in (3, 5) else "#1f2937", zorder=8, bbox=HALO,
                               multialignment="center")
            box = text.get_window_extent(renderer).expanded(1.05, 1.1)
            if (any(box.overlaps(p) for p in placed) or not inside.contains(box.x0, box.y0)
                    or not inside.contains(box.x1, box.y1)):
                text.remove()
                continue
            placed.append(box)
            break
    return len(placed)


PRINT_WRAP = 22  # characters per line of a long (English) name on paper; CJK names are short enough


def wrapped(name: str, width: int = PRINT_WRAP) -> str:
    """A long name on up to three lines (words kept whole), as the map wraps it."""
    if len(name) <= width or " " not in name:
        return name
    return "\n".join(textwrap.wrap(name, width, max_lines=3, placeholder="…"))


def _nice_km(km: float) -> float:
    exp = 10 ** math.floor(math.log10(km))
    return max(m * exp for m in (1, 2, 5) if m * exp <= km)


def _scale_bar(ax, extent: tuple[float, float, float, float], lat: float, lang: str) -> None:
    minx, miny, maxx, maxy = extent
    ground_km = (maxx - minx) * math.cos(math.radians(lat)) / 1000  # Mercator metres shrink by cos(lat)
    km = _nice_km(ground_km / 5)
    length = km * 1000 / math.cos(math.radians(lat))
    x, y = minx + (maxx - minx) * 0.04, miny + (maxy - miny) * 0.05
    ax.add_patch(Rectangle((x, y), length, (maxy - miny) * 0.008, facecolor="#111", edgecolor="#111", zorder=9))
    ax.text(x + length / 2, y + (maxy - miny) * 0.018, t("print_km", lang, km=f"{km:g}"), ha="center",
            va="bottom", fontsize=8, zorder=9, bbox=HALO)


def _north_arrow(ax) -> None:
    ax.annotate("N", xy=(0.95, 0.95), xytext=(0.95, 0.86), xycoords="axes fraction", ha="center", va="center",
                fontsize=10, fontweight="bold", zorder=9,
                arrowprops={"arrowstyle": "-|>", "color": "#111", "lw": 1.5})


def map_axes(fig: Figure, box: tuple[float, float, float, float], catalog: Catalog, view: PrintView):
    """The view's map in ``box`` (figure fractions): base, visible layers, highlights, names, scale bar, north."""
    ax = fig.add_axes(box)
    w_in, h_in = fig.get_size_inches()
    extent = _extent(view, (w_in * box[2]) / (h_in * box[3]))
    ax.set_facecolor("#cfe0ee")
    visible = [lid for lid in view.layers if lid in catalog.layers]
    drawn = {}
    # GeoDataFrame.plot asks the canvas to redraw the whole figure after each layer; a plain canvas ignores
    # that (an Agg one would draw every page once per layer), and the Agg canvas returns to measure the names
    FigureCanvasBase(fig)
    stack_shift = 0.0
    for lid in (BASE_LAND, BASE_BOUNDARIES, *[v for v in visible if v not in (BASE_LAND, BASE_BOUNDARIES)]):
        gdf = catalog.layers[lid]
        if view.hidden and catalog.specs[lid].group != "base":
            gdf = gdf[~gdf["id"].isin(view.hidden)]
        gdf = gdf.to_crs(MERCATOR)
        if gdf.empty:
            continue
        if _draw_layer(ax, catalog.specs[lid], gdf, set(view.highlight),
                       dict(view.fills) if lid == DISTRICTS else None, stack_shift):
            stack_shift += STACK_STEP_PT
        if lid in visible:
            drawn[lid] = gdf
    if view.query:
        _draw_query(ax, catalog, view.query)
    FigureCanvasAgg(fig)
    ax.set_xlim(extent[0], extent[2])
    ax.set_ylim(extent[1], extent[3])
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    _labels(ax, fig, catalog, drawn, view)
    lat = view.center[0] if view.bounds is None else (view.bounds[1] + view.bounds[3]) / 2
    _scale_bar(ax, extent, lat, view.lang)
    _north_arrow(ax)
    return ax


