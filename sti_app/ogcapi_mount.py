"""OGC API – Features under the app's own server, at ``/ogcapi``: pygeoapi mounted beside Streamlit's routes.

Streamlit 1.67 builds its Starlette routes in ``create_streamlit_routes``; the service's routes go first
(Streamlit's static assets end with a catch-all). QGIS 3.22 asks for ``/ogcapi`` without the slash, takes
Streamlit's page for an answer and does not follow a redirect: that one path is answered as ``/ogcapi/``.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import threading
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from starlette.routing import BaseRoute, Mount, Route
from streamlit import config
from streamlit.web.server.starlette import starlette_app

from sti_geo import DataValidationError, InputError
from sti_geo.export.ogcapi import service_files
from sti_geo.model.catalog import load_catalog
from sti_geo.settings import default_region, public_url, settings_from_env

PREFIX = "/ogcapi"
WARM_UP_AFTER_S = 3.0  # the app answers ≈ 1.1 s after start; building the service alongside made it 1.55 s
_streamlit_routes = starlette_app.create_streamlit_routes
# where this process serves the OGC API (the address its links carry); None: not served (e.g. `streamlit run`)
served_at: str | None = None


def service_url() -> str:
    """Where clients reach the service: the public address's ``/ogcapi``, else this server's."""
    base = public_url() or f"http://localhost:{config.get_option('server.port')}"
    return base.rstrip("/") + PREFIX


def pygeoapi_app(url: str) -> Any:
    """pygeoapi's Starlette app for the default region pack (it reads its config and OpenAPI at import)."""
    folder = Path(tempfile.mkdtemp(prefix="sti_geo_ogcapi_"))
    # the app's default pack: STI_GEO_GEODATA's folder when set ("" tells the provider so), else the region's
    region = "" if os.environ.get("STI_GEO_GEODATA") else os.environ.get("STI_GEO_REGION") or default_region()
    config_path, openapi_path = service_files(load_catalog(settings_from_env(region or None)), region, url, folder)
    os.environ["PYGEOAPI_CONFIG"] = str(config_path)
    os.environ["PYGEOAPI_OPENAPI"] = str(openapi_path)
    from pygeoapi.starlette_app import APP

    return APP


class _Service:
    """The service as an ASGI app, built on first need: importing pygeoapi, reading the pack and writing its
    OpenAPI document take ≈ 1.4 s, which the app's own start (and a presenter waiting for it) does not pay.

    A timer builds it a few seconds after the server starts; a request arriving earlier builds it and waits. A pack
    that fails its checks is the pages' to show: the service answers 503 with the first problem.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self._app: Any = None
        self._error = ""
        self._lock = threading.Lock()

    def build(self) -> Any:
        with self._lock:
            if self._app is None and not self._error:
                try:
                    self._app = pygeoapi_app(self.url)
                except (DataValidationError, InputError) as exc:
                    self._error = str(exc).splitlines()[0]
                    print(f"sti_app: the OGC API is not served: {self._error}", file=sys.stderr)
            return self._app

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        await self.answer(scope, receive, send)

    async def answer(self, scope: MutableMapping[str, Any], receive: Any, send: Any, as_root: bool = False) -> None:
        """Answer one request (``as_root``: the path is the service's ``/``, whatever was asked)."""
        app = self._app or await asyncio.to_thread(self.build)
        if app is None:
            body = json.dumps({"code": "ServiceUnavailable", "description": self._error}).encode()
            await send({"type": "http.response.start", "status": 503,
                        "headers": [(b"content-type", b"application/json")]})
            await send({"type": "http.response.body", "body": body})
            return
        if as_root:  # /ogcapi without the slash, answered as pygeoapi's /
            scope = {**scope, "path": "/", "raw_path": b"/", "root_path": scope.get("root_path", "") + PREFIX}
        await app(scope, receive, send)


class _AsRoot:
    """``/ogcapi`` answered as the service's ``/`` (an instance, so Starlette passes it the scope)."""

    def __init__(self, service: _Service) -> None:
        self.service = service

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        await self.service.answer(scope, receive, send, as_root=True)


def ogcapi_routes() -> list[BaseRoute]:
    """``/ogcapi`` (answered as ``/ogcapi/``) and everything under it, built in the background."""
    global served_at
    served_at = service_url()
    service = _Service(served_at)
    warm_up = threading.Timer(WARM_UP_AFTER_S, service.build)  # once the app's own start is done
    warm_up.daemon = True
    warm_up.start()
    return [Route(PREFIX, endpoint=_AsRoot(service)), Mount(PREFIX, app=service)]


def mount_ogcapi() -> None:
    """Have Streamlit's server serve the OGC API before its own routes."""
    def routes(runtime: Any) -> list[BaseRoute]:
        return [*ogcapi_routes(), *_streamlit_routes(runtime)]

    starlette_app.create_streamlit_routes = routes


def reader_service_url() -> tuple[str | None, bool]:
    """The service's address for this page's reader, and whether their browser came by another address.

    The service's links carry one address (``STI_GEO_PUBLIC_URL``, else this machine's): a reader on another
    computer who reached the app by its intranet name is told how to make them work for everyone.
    """
    import streamlit as st

    if served_at is None:
        return None, False
    browser = urlsplit(st.context.url or "")
    service = urlsplit(served_at)
    return served_at, bool(browser.netloc) and (browser.scheme, browser.netloc) != (service.scheme, service.netloc)
