"""Property-based and fuzz tests of the upload parser: any bytes give a layer or an UploadError, nothing else.

The fuzz run mutates valid sample files of every format (bit flips, truncation, splices, inserted
junk) for a bounded time (STI_GEO_FUZZ_SECONDS, default 20 s across formats), seeded so a failure
can be replayed.
"""

from __future__ import annotations

import os
import random
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sti_geo import Settings
from sti_geo._errors import UploadError
from sti_geo.map.basemaps import available_basemaps
from sti_geo.map.display import upload_display
from sti_geo.upload.encoding import dbf_encoding, text_encoding
from sti_geo.upload.layer import read_upload
from tests import upload_samples as samples

SMALL = Settings(upload_max_mb=5, upload_max_features=5_000)
FUZZ_SECONDS = float(os.environ.get("STI_GEO_FUZZ_SECONDS", "20"))
SEED = int(os.environ.get("STI_GEO_FUZZ_SEED", "20261122"))


def _check(data: bytes, name: str) -> None:
    try:
        layer = read_upload(data, name, settings=SMALL)
    except UploadError:
        return
    xy = layer.frame.geometry.get_coordinates().to_numpy()
    assert np.isfinite(xy).all() and (np.abs(xy[:, 0]) <= 180).all() and (np.abs(xy[:, 1]) <= 90).all()
    assert layer.frame["id"].is_unique and layer.frame.geometry.is_valid.all()
    for basemap in available_basemaps():  # what the reader accepts, every map page can draw
        shown = upload_display(layer.frame, basemap)
        assert len(shown) == len(layer.frame)


def _mutate(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(4)
        if op == 0 and buf:  # flip bytes
            for _ in range(rng.randint(1, 8)):
                buf[rng.randrange(len(buf))] = rng.randrange(256)
        elif op == 1 and buf:  # truncate
            del buf[rng.randrange(len(buf)):]
        elif op == 2:  # insert junk
            pos = rng.randrange(len(buf) + 1)
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        elif buf:  # duplicate a slice
            a = rng.randrange(len(buf))
            b = min(len(buf), a + rng.randint(1, 256))
            pos = rng.randrange(len(buf) + 1)
            buf[pos:pos] = buf[a:b]
    return bytes(buf)


@pytest.mark.parametrize("name", list(samples.all_formats()))
def test_fuzz_mutated_samples(name):
    seed_data = samples.all_formats()[name]
    rng = random.Random(f"{SEED}:{name}")
    deadline = time.monotonic() + FUZZ_SECONDS / len(samples.all_formats())
    runs = 0
    while time.monotonic() < deadline:
        data = _mutate(rng, seed_data)
        try:
            _check(data, name)
        except Exception as exc:  # report the replayable case, then fail
            raise AssertionError(f"{name} run {runs} (seed {SEED}): {type(exc).__name__}: {exc}") from exc
        runs += 1
    assert runs >= 10, "the fuzz budget is too small to mean anything"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("abc名称,;\t\"'\n0123456789.-+eE xyWKTPOINT()lonlat")), max_size=300))
def test_csv_parser_never_raises_anything_else(body):
    _check(("name,lon,lat\n" + body).encode("utf-8"), "h.csv")
    _check(body.encode("utf-8"), "h.csv")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["a.geojson", "a.kml", "a.csv", "a.zip", "a.gpkg", "a.txt"]))
def test_any_bytes_any_extension(data, name):
    _check(data, name)


@given(st.binary(max_size=2000))
def test_encoding_guess_always_decodes(raw):
    raw.decode(text_encoding(raw))
    assert dbf_encoding(raw) in ("utf-8", "utf-8-sig", "gb18030", "latin-1")


@given(st.text(max_size=200))
def test_gbk_text_is_recognised(value):
    try:
        raw = value.encode("gbk")
        raw.decode("utf-8")
    except UnicodeEncodeError:
        return
    except UnicodeDecodeError:  # the usual case: GBK bytes are not UTF-8, so the guess must be GB18030
        assert raw.decode(text_encoding(raw)) == value
    # a few short GBK strings are also valid UTF-8 (e.g. '軃'): no guess can tell them apart
