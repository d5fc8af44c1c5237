"""Bench: printing the overview's view (PNG 300 dpi, PDF, SVG) against a bare matplotlib baseline.

The baseline is what a first version would do: ``GeoDataFrame.plot`` of the same visible layers on the same
A4 figure, saved at the same dpi — no labels, legend, scale bar or notes. The ratio says what the print's
extras cost. The tour deck (a cover and a page per scene) is timed against the same bare plot of each
scene's layers, one PDF page each. Usage: ``.venv/bin/python bench/print_view.py [--runs 5]``.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from sti_geo.map.printed import PNG_DPI, PrintView, TourDeck, print_view, tour_pdf
from sti_geo.model.catalog import load_catalog
from sti_geo.settings import settings_from_env
from sti_geo.views.tour import scenes


def _bare(catalog, layers) -> Figure:
    fig = Figure(figsize=(297 / 25.4, 210 / 25.4))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    for lid in ("base_land", "base_boundaries", *layers):
        catalog.layers[lid].to_crs("EPSG:3857").plot(ax=ax)
    return fig


def _baseline(catalog, layers, fmt: str) -> bytes:
    buf = io.BytesIO()
    _bare(catalog, layers).savefig(buf, format=fmt, dpi=PNG_DPI if fmt == "png" else 72)
    return buf.getvalue()


def _baseline_deck(catalog) -> bytes:
    buf = io.BytesIO()
    with PdfPages(buf) as pdf:
        for scene in scenes(catalog):
            pdf.savefig(_bare(catalog, scene.layers))
    return buf.getvalue()


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    """Print the table: format, print seconds, baseline seconds, ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    catalog = load_catalog(settings_from_env(None))
    layers = tuple(lid for lid, s in catalog.specs.items() if s.default_visible and s.group != "base")
    view = PrintView(layers=layers, center=tuple(catalog.manifest["center"]), zoom=int(catalog.manifest["zoom"]),
                     lang="zh", title="bench", permalink="http://localhost/?bench", date="2026-01-01")
    print_view(catalog, view, "png")  # warm-up: font cache, imports
    print("| format | print (s) | baseline (s) | ratio |\n|---|---|---|---|")
    for fmt in ("png", "pdf", "svg"):
        ours = _median(lambda f=fmt: print_view(catalog, view, f), args.runs)
        base = _median(lambda f=fmt: _baseline(catalog, layers, f), args.runs)
        print(f"| {fmt} | {ours:.2f} | {base:.2f} | {ours / base:.2f} |")
    if scenes(catalog):
        deck = TourDeck(lang="zh", date="2026-01-01")
        ours = _median(lambda: tour_pdf(catalog, deck), args.runs)
        base = _median(lambda: _baseline_deck(catalog), args.runs)
        print(f"| tour deck, {len(scenes(catalog))} scenes (pdf) | {ours:.2f} | {base:.2f} | {ours / base:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
