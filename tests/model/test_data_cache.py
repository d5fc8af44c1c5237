"""DataCache: one value per data version and key; never across data versions; none without a token."""

from __future__ import annotations

import dataclasses

from sti_geo.model.catalog import DataCache


def test_a_value_is_built_once_per_data_version_and_key(catalog):
    cache: DataCache[list[str]] = DataCache(max_entries=8)
    built: list[tuple] = []

    def build(*key):
        built.append(key)
        return list(key)

    first = cache.get(catalog, ("parks", "zh"), lambda: build("parks", "zh"))
    assert cache.get(catalog, ("parks", "zh"), lambda: build("parks", "zh")) is first
    cache.get(catalog, ("parks", "en"), lambda: build("parks", "en"))
    other = dataclasses.replace(catalog, token="another data version")
    cache.get(other, ("parks", "zh"), lambda: build("parks", "zh"))
    assert built == [("parks", "zh"), ("parks", "en"), ("parks", "zh")]


def test_no_token_means_no_cache_and_a_full_cache_starts_afresh(catalog):
    cache: DataCache[int] = DataCache(max_entries=2)
    calls = []
    untracked = dataclasses.replace(catalog, token="")
    for _ in range(2):
        cache.get(untracked, ("x",), lambda: calls.append(1) or 1)
    assert len(calls) == 2
    for key in ("a", "b", "c"):
        cache.get(catalog, (key,), lambda: 0)
    assert len(cache._values) == 1  # cleared at the bound, then the new value kept
