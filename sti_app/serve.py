"""Start the app: ``python -m sti_app.serve [streamlit run options]``.

Same as ``streamlit run app.py``, with two fixes.

- Streamlit decides per process, at the first session, whether the app is a legacy
  ``pages/``-directory app; it only learns otherwise once ``st.navigation`` has run. A first
  visitor arriving by a permalink such as ``/districts?…`` would be told "page not found".
  app.py always uses ``st.navigation``, so say so up front.
- Streamlit binds its listening socket itself with protocol 0, and asyncio turns Nagle's algorithm
  off (``TCP_NODELAY``) only on connections whose protocol reads ``IPPROTO_TCP``. Every response
  after the first on a kept-alive connection (headers and body are two writes) then waits for the
  browser's delayed ACK: ≈ 40 ms per code chunk or file (measured), and so may any small write that
  follows an unacknowledged one. Bind it as a TCP socket.
"""

from __future__ import annotations

import math
import socket
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli
from streamlit.web.server.starlette import starlette_server

from sti_geo import InputError
from sti_geo.export.database import check_address
from sti_geo.settings import database_url, public_url, upload_caps

APP = Path(__file__).resolve().parent.parent / "app.py"


_bind_socket = starlette_server._bind_socket


def bind_tcp_socket(address: str, port: int, backlog: int) -> socket.socket:
    """Streamlit's listening socket, re-opened so that its protocol reads ``IPPROTO_TCP``.

    Connections accepted from it inherit that protocol, and asyncio then sets ``TCP_NODELAY`` on
    each (``asyncio.base_events._set_nodelay``). The socket stays the one Streamlit bound, with its
    options and port.
    """
    bound = _bind_socket(address, port, backlog)
    sock = socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())
    sock.setblocking(False)
    sock.set_inheritable(True)
    return sock


def use_tcp_nodelay() -> None:
    """Have Streamlit's server bind through :func:`bind_tcp_socket` (it calls its module's ``_bind_socket``)."""
    starlette_server._bind_socket = bind_tcp_socket


def main(argv: list[str] | None = None) -> None:
    try:
        public_url()  # a malformed address is said now, in one line, not in every print
        if database_url():
            check_address(database_url())
    except InputError as exc:
        raise SystemExit(f"error: {exc}") from None
    PagesManager.uses_pages_directory = False
    use_tcp_nodelay()
    from .ogcapi_mount import mount_ogcapi  # pygeoapi, imported only where the server runs

    mount_ogcapi()
    args = list(sys.argv[1:] if argv is None else argv)
    if not any(a.startswith("--server.maxUploadSize") for a in args):
        # Streamlit refuses bigger files before they reach the app; the app checks the same cap itself
        # (the caps alone: a region pack that cannot be read is the pages' to name, not a reason not to start)
        args = [f"--server.maxUploadSize={math.ceil(upload_caps()[0])}", *args]
    sys.argv = ["streamlit", "run", str(APP), *args]
    cli.main()


if __name__ == "__main__":
    main()
