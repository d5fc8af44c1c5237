"""An analyst's own layer: safe reading of every format, checks, CRS, encodings, the spatial summary against
the plan, its export and its messages.

May import: ``model``, ``geo``, ``text``, ``export`` and the top-level modules. Never ``map`` or ``views``.
Nothing in ``sti_geo`` imports ``streamlit`` (``tests/test_architecture.py`` checks both rules).
"""
