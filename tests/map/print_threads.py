"""Prints made at the same moment in threads of a fresh process, then the same prints made one by one.

Run by ``test_print_threads.py`` as ``python tests/map/print_threads.py OUT N``: a fresh process, because
matplotlib's settings left global by one overlap would hide the race in every later print. Writes
``together-<i>.pdf`` / ``alone-<i>.pdf`` for N views and ``together-deck.pdf`` / ``alone-deck.pdf``.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sti_geo.map.print_files import print_view, tour_pdf
from sti_geo.map.printed import PrintView, TourDeck
from sti_geo.model.catalog import load_catalog
from sti_geo.settings import settings_from_env


def main(out: Path, n: int) -> None:
    catalog = load_catalog(settings_from_env("weihai"))
    views = [PrintView(layers=("districts", "layout_core", "parks"), center=(37.19 + 0.03 * i, 122.16),
                       zoom=9 + i % 2, lang="zh", title=f"威海科技创新地图 第{i + 1}份") for i in range(n)]
    jobs = {f"{i}": (lambda v=view: print_view(catalog, v, "pdf")) for i, view in enumerate(views)}
    jobs["deck"] = lambda: tour_pdf(catalog, TourDeck(lang="zh"))
    start = threading.Barrier(len(jobs))

    def run(name: str) -> None:
        start.wait()  # every print starts at once, as when several people press download together
        (out / f"together-{name}.pdf").write_bytes(jobs[name]())

    threads = [threading.Thread(target=run, args=(name,)) for name in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name, job in jobs.items():
        (out / f"alone-{name}.pdf").write_bytes(job())


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
