"""Streamlit glue: cached loading, shared widgets and the map widget. Pages stay thin."""
