"""DataCache: one value per catalog and key, kept in the catalog; never across data versions; none without a
token."""

from __future__ import annotations

import dataclasses
import gc
import weakref

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
    assert len(catalog.caches[cache]) == 1  # cleared at the bound, then the new value kept


def test_the_values_live_in_the_catalog_and_go_with_it(catalog):
    cache: DataCache[list[int]] = DataCache(max_entries=8)
    kept = cache.get(catalog, ("k",), lambda: [1])
    assert catalog.caches[cache][("k",)] is kept
    assert vars(cache) == {"max_entries": 8}  # the module-level object names the kind; it holds no values
    same = dataclasses.replace(catalog)  # the same data version read again: the same values
    assert cache.get(same, ("k",), lambda: [2]) is kept
    edited = dataclasses.replace(catalog, token="edited")  # another version: its own, gone with it
    assert cache.get(edited, ("k",), lambda: [3]) == [3]
    store = weakref.ref(edited.caches)
    del edited
    gc.collect()
    assert store() is None
