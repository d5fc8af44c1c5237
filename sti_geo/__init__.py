"""sti_geo: a city's S&T innovation plan as map layers, with provenance (one region pack per city)."""

from ._errors import DataValidationError, InputError, Problem, StiGeoError
from .model.catalog import Catalog, load_catalog, read_catalog
from .settings import Settings

__all__ = ["Catalog", "DataValidationError", "InputError", "Problem", "Settings", "StiGeoError",
           "load_catalog", "read_catalog"]
