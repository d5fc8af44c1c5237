"""Start the app: ``python -m sti_app.serve [streamlit run options]``.

Same as ``streamlit run app.py``, with one fix. Streamlit decides per process, at the first
session, whether the app is a legacy ``pages/``-directory app; it only learns otherwise once
``st.navigation`` has run. A first visitor arriving by a permalink such as ``/districts?…``
would be told "page not found". app.py always uses ``st.navigation``, so say so up front.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from sti_geo.settings import settings_from_env

APP = Path(__file__).resolve().parent.parent / "app.py"


def main(argv: list[str] | None = None) -> None:
    PagesManager.uses_pages_directory = False
    args = list(sys.argv[1:] if argv is None else argv)
    if not any(a.startswith("--server.maxUploadSize") for a in args):
        # Streamlit refuses bigger files before they reach the app; the app checks the same cap itself
        args = [f"--server.maxUploadSize={math.ceil(settings_from_env().upload_max_mb)}", *args]
    sys.argv = ["streamlit", "run", str(APP), *args]
    cli.main()


if __name__ == "__main__":
    main()
