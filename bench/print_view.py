"""Bench: printing the overview's view (PNG 300 dpi, PDF, SVG) against a bare matplotlib baseline.

The baseline is what a first version would do: ``GeoDataFrame.plot`` of the same visible layers on the same
A4 figure, saved at the same dpi — no labels, legend, scale bar or notes. The ratio says what the print's
extras cost. The tour deck (a cover and a page per scene) is timed against the same bare plot of each
scene's layers, one PDF page each. Prints pressed at the same moment by several sessions (Streamlit makes
each download in a thread; one print at a time holds matplotlib's settings, ``print_figure.print_context``)
are timed against the same prints made one after another: all done, and the first done.
Usage: ``.venv/bin/python bench/print_view.py [--runs 5]``.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from sti_geo.map.print_files import print_view, tour_pdf
from sti_geo.map.printed import PNG_DPI, PrintView, TourDeck
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


def _together(jobs) -> tuple[float, float]:
    """(all done, first done) in seconds for ``jobs`` started at the same moment in threads."""
    start, ends = threading.Barrier(len(jobs) + 1), []

    def run(job) -> None:
        start.wait()
        job()
        ends.append(time.perf_counter())

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return max(ends) - began, min(ends) - began


def _one_by_one(jobs) -> tuple[float, float]:
    began, first = time.perf_counter(), None
    for job in jobs:
        job()
        first = first or time.perf_counter() - began
    return time.perf_counter() - began, first or 0.0


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
    jobs = [lambda i=i: print_view(catalog, PrintView(**{**view.__dict__, "center": (view.center[0] + 0.02 * i,
                                                                                      view.center[1])}), "pdf")
            for i in range(4)]
    together = [_together(jobs) for _ in range(args.runs)]
    apart = [_one_by_one(jobs) for _ in range(args.runs)]
    print("\n| 4 prints (pdf) | at the same moment (s) | one after another (s) | ratio |\n|---|---|---|---|")
    for label, k in (("all done", 0), ("first done", 1)):
        ours, base = statistics.median(t[k] for t in together), statistics.median(t[k] for t in apart)
        print(f"| {label} | {ours:.2f} | {base:.2f} | {ours / base:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
