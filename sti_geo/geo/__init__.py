"""Coordinates: output CRSs, the GCJ-02 transform, map viewports.

May import: ``sti_geo._errors`` only. Everything else builds on it. Nothing in ``sti_geo`` imports
``streamlit`` (``tests/test_architecture.py`` checks both rules).
"""
