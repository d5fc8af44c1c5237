"""Start the app: ``python -m sti_app.serve [streamlit run options]``.

Same as ``streamlit run app.py``, with one fix. Streamlit decides per process, at the first
session, whether the app is a legacy ``pages/``-directory app; it only learns otherwise once
``st.navigation`` has run. A first visitor arriving by a permalink such as ``/districts?…``
would be told "page not found". app.py always uses ``st.navigation``, so say so up front.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"


def main(argv: list[str] | None = None) -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
