"""The app's server turns Nagle's algorithm off on its connections (``sti_app.serve``)."""

from __future__ import annotations

import asyncio
import socket

import pytest
from streamlit.web.server.starlette import starlette_server

from sti_app import serve


def _nodelay_of_accepted(bound: socket.socket) -> int:
    """TCP_NODELAY on the server side of one connection asyncio accepts on ``bound`` (as uvicorn serves)."""

    async def run() -> int:
        got: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                got.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=bound)
        _, writer = await asyncio.open_connection(*bound.getsockname()[:2])
        try:
            return await asyncio.wait_for(got, 10)
        finally:
            writer.close()
            server.close()
            await server.wait_closed()

    return asyncio.run(run())


@pytest.fixture
def tcp_nodelay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(starlette_server, "_bind_socket", starlette_server._bind_socket)  # undone after the test
    serve.use_tcp_nodelay()


def test_streamlit_binds_its_socket_so_that_asyncio_leaves_nagle_on():
    """Why the fix exists; if this fails, Streamlit binds as TCP itself and ``use_tcp_nodelay`` can go."""
    bound = serve._bind_socket("127.0.0.1", 0, 8)
    assert bound.proto == 0
    assert _nodelay_of_accepted(bound) == 0


def test_the_apps_server_socket_gives_connections_with_nagle_off(tcp_nodelay):
    # through the function Streamlit's server calls, so that a rename upstream fails here
    bound, address = starlette_server._bind_server_socket("127.0.0.1", "127.0.0.1", 0, 8)
    assert address == "127.0.0.1"
    assert bound.proto == socket.IPPROTO_TCP
    assert not bound.getblocking()
    assert _nodelay_of_accepted(bound) == 1


def test_the_server_starts_when_the_default_pack_cannot_be_read(regions_copy, edit, monkeypatch):
    # its upload limit needs the caps only; the pages then name the broken file (test_hostile_links)
    import sys

    from sti_app import serve

    edit(regions_copy / "weihai" / "manifest.toml", "zoom = 9", "zoom = = 9")
    monkeypatch.setenv("STI_GEO_UPLOAD_MAX_MB", "7.5")
    started = []
    monkeypatch.setattr(serve.cli, "main", lambda: started.append(list(sys.argv)))
    monkeypatch.setattr(serve, "use_tcp_nodelay", lambda: None)  # process-wide: not for a test to leave behind
    monkeypatch.setattr(serve.PagesManager, "uses_pages_directory", serve.PagesManager.uses_pages_directory)
    monkeypatch.setattr(sys, "argv", ["serve"])
    serve.main([])
    assert started and "--server.maxUploadSize=8" in started[0]


def test_the_server_refuses_a_malformed_public_address_in_one_line(monkeypatch):
    from sti_app import serve

    monkeypatch.setenv("STI_GEO_PUBLIC_URL", "maps.example.gov")
    monkeypatch.setattr(serve.cli, "main", lambda: pytest.fail("started with a malformed address"))
    with pytest.raises(SystemExit, match=r"error: STI_GEO_PUBLIC_URL='maps\.example\.gov' must be an http"):
        serve.main([])
