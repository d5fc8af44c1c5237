"""The service's address and how to add it in QGIS and GDAL, for the Export and About pages."""

from __future__ import annotations

from ..model.catalog import Catalog
from ..text.i18n import in_lang, t


def service_markdown(catalog: Catalog, url: str | None, lang: str = "zh", elsewhere: bool = False) -> str:
    """The OGC API section: ``url`` in a code span and the steps for QGIS and GDAL.

    Parameters
    ----------
    catalog : the region's catalog (its metric CRS is offered too)
    url : where the service answers; ``None`` when this server does not serve it (the steps say how to start it)
    lang : ``"zh"`` or ``"en"``
    elsewhere : the reader's browser reached the app at another address than the service's links use
    """
    lines = [t("service_title", lang), ""]
    if url is None:
        return "\n".join([*lines, t("service_not_running", lang)])
    shown = url.replace("`", "%60")  # inside a code span an escape would show literally
    utm = str(catalog.manifest.get("build", {}).get("utm") or "")
    metric = in_lang(("、", ", "), lang) + utm if utm.startswith("EPSG:") else ""
    lines += [t("service_intro", lang), "", f"`{shown}`", "", t("service_qgis", lang),
              t("service_gdal", lang, url=shown), t("service_crs", lang, metric=metric),
              t("service_browse", lang), t("service_own", lang)]
    if elsewhere:
        lines.append(t("service_elsewhere", lang))
    return "\n".join(lines)
