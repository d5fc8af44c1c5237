"""An analyst's own layer: read safely, check, bring to WGS-84, summarise against the plan, export.

Safe reading of every format, CRS and encoding handling, the spatial summary, its export and its messages.

May import: ``model``, ``geo``, ``text``, ``export`` and the top-level modules. Never ``map`` or ``views``.
Nothing in ``sti_geo`` imports ``streamlit`` (``tests/test_architecture.py`` checks both rules).
"""
