"""Benchmarks: the app against a naive stock-folium page, measured in one run (see bench/README.md)."""
