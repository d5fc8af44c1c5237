"""Load and validate a region pack: tables, layer specs, sources and the one validated ``Catalog``.

May import: ``sti_geo._errors``, ``sti_geo.settings``, ``sti_geo.geo``, ``sti_geo.text``. Never ``map``,
``export``, ``upload`` or ``views``: a pack loads without any of them. Nothing in ``sti_geo`` imports
``streamlit`` (``tests/test_architecture.py`` checks both rules).
"""
