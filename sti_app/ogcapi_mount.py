"""OGC API – Features under the app's own server, at ``/ogcapi``: pygeoapi mounted beside Streamlit's routes.

Streamlit 1.67 builds its Starlette routes in ``create_streamlit_routes``; the service's routes go first
(Streamlit's static assets end with a catch-all). QGIS 3.22 asks for ``/ogcapi`` without the slash, takes
Streamlit's page for an answer and does not follow a redirect: that one path is answered as ``/ogcapi/``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from starlette.routing import BaseRoute, Mount, Route
from streamlit import config
from streamlit.web.server.starlette import starlette_app

from sti_geo.export.ogcapi import pygeoapi_config
from sti_geo.model.catalog import load_catalog
from sti_geo.settings import default_region, public_url

PREFIX = "/ogcapi"
_streamlit_routes = starlette_app.create_streamlit_routes


def service_url() -> str:
    """Where clients reach the service: the public address's ``/ogcapi``, else this server's."""
    base = public_url() or f"http://localhost:{config.get_option('server.port')}"
    return base.rstrip("/") + PREFIX


def pygeoapi_app() -> Any:
    """pygeoapi's Starlette app for the default region pack (it reads its config and OpenAPI at import)."""
    from pygeoapi.openapi import get_oas

    region = default_region()
    cfg = pygeoapi_config(load_catalog(), region, service_url())
    folder = Path(tempfile.mkdtemp(prefix="sti_geo_ogcapi_"))
    (folder / "config.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    (folder / "openapi.yml").write_text(yaml.safe_dump(get_oas(cfg), allow_unicode=True), encoding="utf-8")
    os.environ["PYGEOAPI_CONFIG"] = str(folder / "config.yml")
    os.environ["PYGEOAPI_OPENAPI"] = str(folder / "openapi.yml")
    from pygeoapi.starlette_app import APP

    return APP


def ogcapi_routes() -> list[BaseRoute]:
    """``/ogcapi`` (answered as ``/ogcapi/``) and everything under it."""
    app = pygeoapi_app()
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
