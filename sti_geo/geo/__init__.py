"""Coordinates: output CRSs, the GCJ-02 transform, map viewports.

May import: ``sti_geo._errors`` and ``text`` (the leaf, for bilingual labels). Everything else builds on it.
Nothing in ``sti_geo`` imports ``streamlit`` (``tests/test_architecture.py`` checks both rules).
"""
