"""The map as drawn: Folium classes and assembly, legend, basemaps, local assets, display copies.

May import: ``model``, ``geo``, ``text``, ``views`` and the top-level modules. Never ``export`` or
``upload`` (an uploaded layer reaches the map as a plain GeoDataFrame). Nothing in ``sti_geo`` imports
``streamlit`` (``tests/test_architecture.py`` checks both rules).
"""
