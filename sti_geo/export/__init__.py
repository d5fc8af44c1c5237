"""The analyst's output: what to export, in which format and in which CRS.

Formats: GeoJSON, GeoPackage with QGIS styles, Shapefile, CSV, KML.

May import: ``model``, ``geo``, ``text`` and the top-level modules. Never ``map``, ``upload`` or ``views``.
Nothing in ``sti_geo`` imports ``streamlit`` (``tests/test_architecture.py`` checks both rules).
"""
