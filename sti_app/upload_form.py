"""The upload page's choices and text, and turning them into a read (no Streamlit here)."""

from __future__ import annotations

import logging

from sti_geo._errors import UploadError
from sti_geo.geo.crs import GCJ02, WGS84
from sti_geo.settings import Settings
from sti_geo.upload.layer import UploadedLayer, UploadOptions, read_upload
from sti_geo.upload.messages import error_message

log = logging.getLogger(__name__)

# CRS choices for data whose file names none (or names a wrong one); "other" takes any EPSG code.
# Their labels are the catalogue's upload_crs_choice_<choice> and upload_enc_<choice>.
CRS_CHOICES: tuple[str, ...] = ("file", "EPSG:4326", "EPSG:4490", "EPSG:4549", "EPSG:4550", "EPSG:32650",
                                "EPSG:32651", "EPSG:3857", "other")
ENCODINGS: tuple[str, ...] = ("auto", "utf-8", "gb18030", "latin-1")


def options_from_form(crs_choice: str, crs_other: str, encoding: str, gcj02: bool, layer: str | None = None,
                      x_column: str | None = None, y_column: str | None = None,
                      wkt_column: str | None = None) -> UploadOptions:
    """UploadOptions from the page's widgets ("file"/"auto" mean: read it from the file)."""
    crs = None if crs_choice == "file" else (crs_other.strip() or None) if crs_choice == "other" else crs_choice
    if crs is not None and crs.upper() == GCJ02:  # typed by hand: GCJ-02 is a conversion, not a CRS
        crs, gcj02 = WGS84, True
    return UploadOptions(layer=layer, crs=crs, gcj02=gcj02, encoding=None if encoding == "auto" else encoding,
                         x_column=x_column, y_column=y_column, wkt_column=wkt_column)


def read_or_message(data: bytes, file_name: str, options: UploadOptions, settings: Settings,
                    region_bounds: tuple[float, float, float, float] | None,
                    lang: str) -> tuple[UploadedLayer | None, str | None]:
    """(the layer, None), or (None, what went wrong in the user's language)."""
    try:
        return read_upload(data, file_name, options, settings, region_bounds), None
    except UploadError as exc:
        log.warning("upload %r refused: %s", file_name[:120], exc)  # the library's detail stays server-side
        return None, error_message(exc, lang)
