"""OGC API – Features under the app's own server, at ``/ogcapi``: pygeoapi mounted beside Streamlit's routes.

Streamlit 1.67 builds its Starlette routes in ``create_streamlit_routes``; the service's routes go first
(Streamlit's static assets end with a catch-all). QGIS 3.22 asks for ``/ogcapi`` without the slash, takes
Streamlit's page for an answer and does not follow a redirect: that one path is answered as ``/ogcapi/``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from starlette.routing import BaseRoute, Mount, Route
from streamlit import config
from streamlit.web.server.starlette import starlette_app

from sti_geo import DataValidationError, InputError
from sti_geo.export.ogcapi import service_files
from sti_geo.model.catalog import load_catalog
from sti_geo.settings import default_region, public_url

PREFIX = "/ogcapi"
_streamlit_routes = starlette_app.create_streamlit_routes
# where this process serves the OGC API (the address its links carry); None: not served (e.g. `streamlit run`)
served_at: str | None = None


def service_url() -> str:
    """Where clients reach the service: the public address's ``/ogcapi``, else this server's."""
    base = public_url() or f"http://localhost:{config.get_option('server.port')}"
    return base.rstrip("/") + PREFIX


def pygeoapi_app() -> Any:
    """pygeoapi's Starlette app for the default region pack (it reads its config and OpenAPI at import)."""
    global served_at
    folder = Path(tempfile.mkdtemp(prefix="sti_geo_ogcapi_"))
    served_at = service_url()
    region = os.environ.get("STI_GEO_REGION") or default_region()
    config_path, openapi_path = service_files(load_catalog(), region, served_at, folder)
    os.environ["PYGEOAPI_CONFIG"] = str(config_path)
    os.environ["PYGEOAPI_OPENAPI"] = str(openapi_path)
    from pygeoapi.starlette_app import APP

    return APP


def ogcapi_routes() -> list[BaseRoute]:
    """``/ogcapi`` (answered as ``/ogcapi/``) and everything under it; none when the pack cannot be served.

    A pack that fails its checks is the pages' to show (they name every problem); the server still starts.
    """
    try:
        app = pygeoapi_app()
    except (DataValidationError, InputError) as exc:
        global served_at
        served_at = None
        print(f"sti_app: the OGC API is not served: {str(exc).splitlines()[0]}", file=sys.stderr)
        return []
    return [Route(PREFIX, endpoint=_AsRoot(app)), Mount(PREFIX, app=app)]


class _AsRoot:
    """An ASGI app answering ``/ogcapi`` as pygeoapi's ``/`` (an instance, so Starlette passes it the scope)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        root = scope.get("root_path", "") + PREFIX
        await self.app({**scope, "path": "/", "raw_path": b"/", "root_path": root}, receive, send)


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
