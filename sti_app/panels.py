"""The map pages' panels as plug-ins: filters, "what lies within", thematic, compare, print.

A panel brings its URL part (typed ``params``), its sidebar ``controls``, its part of what the map is told
(``map_part``: ids to hide, a query's outline, a theme, two sides), and its side content in three slots
(``legend`` above the map's legend, ``tools`` under it, ``details`` further down). :func:`page.map_and_side`
composes the ones a page names, in the order given; a later panel may refine what an earlier one put in the
parts (compare replaces the map's own theme with its left side's). Nothing else wires them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sti_geo.map.basemaps import DEFAULT_BASEMAP, basemap_by_id
from sti_geo.model.catalog import Catalog
from sti_geo.views.params import Param
from sti_geo.views.permalink import View
from sti_geo.views.swipe import Compare
from sti_geo.views.thematic import Theme

from . import compare_panel, filtering, fragments, printing, thematic_panel, within_panel


@dataclass(frozen=True)
class Context:
    """What a panel works on: the page's data, state and layers, and the fragments a change reruns."""

    catalog: Catalog
    view: View
    page: str
    sent: tuple[str, ...]  # the layers sent to the map (toggles show or hide them)
    sidebar_key: str  # the sidebar's fragment (the panels' controls)
    side_key: str  # the side's fragment (the map state, legends, panels' answers)
    after_filter: tuple[str, ...] = ()  # what a filter change reruns (the below-the-map tables too)

    @property
    def lang(self) -> str:
        return self.view.lang

    @property
    def shown(self) -> tuple[str, ...]:
        return tuple(self.view.layers or ())


@dataclass
class Parts:
    """What the panels tell the map and the print, composed in one side run."""

    hidden: list[str] = field(default_factory=list)  # features the filter leaves out
    query: dict[str, Any] | None = None  # the query's outline(s), GeoJSON in the display's coordinates
    theme: Theme | None = None  # the map's own (left side's) theme
    comparing: Compare | None = None
    sides: tuple[list[str], dict[str, Any]] | None = None  # the left side's layers, the right side's state
    right_print: tuple[list[str], Theme | None, tuple[str, str]] | None = None  # the right side, printed


class Panel(Protocol):
    """A map page's panel (see the module's docstring)."""

    params: tuple[Param[Any], ...]
    sidebar_order: int  # where its controls sit in the sidebar (the measure, then compare, then the filters)

    def controls(self, ctx: Context) -> None: ...

    def map_part(self, ctx: Context, parts: Parts) -> None: ...

    def legend(self, ctx: Context, parts: Parts) -> None: ...

    def tools(self, ctx: Context, parts: Parts, highlight: Sequence[str]) -> None: ...

    def details(self, ctx: Context, parts: Parts) -> None: ...


class _Quiet:
    """A panel's slots default to drawing nothing."""

    params: tuple[Param[Any], ...] = ()
    sidebar_order = 9

    def controls(self, ctx: Context) -> None:
        return None

    def map_part(self, ctx: Context, parts: Parts) -> None:
        return None

    def legend(self, ctx: Context, parts: Parts) -> None:
        return None

    def tools(self, ctx: Context, parts: Parts, highlight: Sequence[str]) -> None:
        return None

    def details(self, ctx: Context, parts: Parts) -> None:
        return None


class Filters(_Quiet):
    """筛选: facets in the sidebar, the ids the map hides, "N of M shown"."""

    params = (filtering.WHERE,)
    sidebar_order = 2

    def controls(self, ctx: Context) -> None:
        filtering.controls(ctx.catalog, ctx.view, ctx.page, ctx.sent, then=ctx.after_filter)

    def map_part(self, ctx: Context, parts: Parts) -> None:
        parts.hidden = filtering.hidden(ctx.catalog, ctx.view, ctx.sent)

    def legend(self, ctx: Context, parts: Parts) -> None:
        filtering.count_line(ctx.catalog, ctx.view, ctx.shown)


class Query(_Quiet):
    """范围查询: the query's outline on the map, its form and answer beside it."""

    params = (within_panel.QUERY,)

    def map_part(self, ctx: Context, parts: Parts) -> None:
        gcj02 = basemap_by_id(ctx.view.basemap or DEFAULT_BASEMAP).gcj02  # drawn where the tiles are
        parts.query = within_panel.outline(ctx.catalog, ctx.view.get(within_panel.QUERY), gcj02)

    def details(self, ctx: Context, parts: Parts) -> None:
        side_key = ctx.side_key
        within_panel.panel(ctx.catalog, ctx.view, ctx.page, ctx.shown, parts.hidden,
                           rerun=lambda: fragments.rerun_only(side_key))


class Thematic(_Quiet):
    """专题: the districts coloured by a measure, its legend, a selected district's value."""

    params = thematic_panel.PARAMS
    sidebar_order = 0

    def controls(self, ctx: Context) -> None:
        if ctx.view.get(compare_panel.COMPARE) is None:  # while comparing, each side chooses its own measure
            thematic_panel.controls(ctx.catalog, ctx.view, ctx.page, then=ctx.side_key)

    def map_part(self, ctx: Context, parts: Parts) -> None:
        parts.theme = thematic_panel.chosen_theme(ctx.catalog, ctx.view)

    def legend(self, ctx: Context, parts: Parts) -> None:
        if parts.comparing is None:
            thematic_panel.legend(parts.theme, ctx.view)

    def details(self, ctx: Context, parts: Parts) -> None:
        if parts.comparing is None:
            thematic_panel.value_line(parts.theme, ctx.view)


class Swipe(_Quiet):
    """卷帘对比: two sides on one map, their legends and values; the right side printed beside the left."""

    params = compare_panel.PARAMS
    sidebar_order = 1

    def controls(self, ctx: Context) -> None:
        compare_panel.controls(ctx.catalog, ctx.view, ctx.page, then=(ctx.sidebar_key, ctx.side_key))

    def map_part(self, ctx: Context, parts: Parts) -> None:
        chosen = compare_panel.comparison(ctx.view)
        parts.comparing = chosen
        if chosen is None:
            return
        left, parts.theme, right, right_theme = compare_panel.sides(ctx.catalog, chosen, ctx.shown, ctx.lang)
        parts.sides = (left, right)
        parts.right_print = (right["layers"], right_theme, compare_panel.titles(ctx.catalog, chosen, ctx.lang))

    def legend(self, ctx: Context, parts: Parts) -> None:
        if parts.comparing is not None:
            compare_panel.legends(ctx.catalog, parts.comparing, ctx.view)

    def details(self, ctx: Context, parts: Parts) -> None:
        if parts.comparing is not None:
            compare_panel.values(ctx.catalog, parts.comparing, ctx.view)


class Print(_Quiet):
    """打印: the current view, as the other panels made it, as PNG, PDF or SVG."""

    def tools(self, ctx: Context, parts: Parts, highlight: Sequence[str]) -> None:
        layers = parts.sides[0] if parts.sides else ctx.shown
        printing.print_control(ctx.catalog, ctx.view, ctx.page, layers, highlight, hidden=parts.hidden,
                               theme=parts.theme, right=parts.right_print)


def every_panel(thematic: bool = False, compare: bool = False) -> tuple[Panel, ...]:
    """The panels of a map page in their order: filters, the query, (thematic, compare,) print."""
    return (Filters(), Query(), *((Thematic(),) if thematic else ()), *((Swipe(),) if compare else ()), Print())


def page_params(panels: Sequence[Panel]) -> tuple[Param[Any], ...]:
    """Every URL parameter the panels bring."""
    return tuple(p for panel in panels for p in panel.params)


def compose(ctx: Context, panels: Sequence[Panel], draw: Callable[[Parts], None]) -> Parts:
    """Each panel's map part, in order, then ``draw`` (the map state, with what they composed)."""
    parts = Parts()
    for panel in panels:
        panel.map_part(ctx, parts)
    draw(parts)
    return parts
