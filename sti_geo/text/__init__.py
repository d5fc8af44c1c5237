"""Words: the package's bilingual strings and inert display text (HTML, Markdown, CSV cells).

May import: nothing of ``sti_geo`` (it is the leaf every other part may use). Nothing in ``sti_geo`` imports
``streamlit`` (``tests/test_architecture.py`` checks both rules).
"""
