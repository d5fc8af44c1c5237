"""What the pages show, as plain data.

Feature details, search, the tour, the district/industry/layout views, metric status, region
comparison, the About text and the permalink's view state.

May import: ``model``, ``geo``, ``text`` and the top-level modules. Never ``map``, ``export`` or ``upload``.
Nothing in ``sti_geo`` imports ``streamlit`` (``tests/test_architecture.py`` checks both rules).
"""
