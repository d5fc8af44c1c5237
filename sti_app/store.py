"""The published plan in PostGIS, when ``STI_GEO_DATABASE_URL`` is set: edits shown, outages said."""

from __future__ import annotations

import streamlit as st

from sti_geo.export.live import live_catalog
from sti_geo.model.catalog import Catalog
from sti_geo.settings import database_url
from sti_geo.text.i18n import t
from sti_geo.text.safe_text import markdown as inert

from . import keys

FLAGGED_SHOWN = 5  # `validate --db` lists them all


def with_database(pack: Catalog) -> Catalog:
    """``pack`` with the database's edits (STI_GEO_DATABASE_URL), saying why when it cannot be the latest."""
    url = database_url()
    if not url:
        return pack
    answer = live_catalog(url).current(pack)
    lang = st.session_state.get(keys.LANG, "zh")
    if answer.outage:
        st.warning(inert(t("store_outage", lang, reason=answer.outage, when=answer.since or "-")))
    elif not answer.published:
        st.info(t("store_absent", lang))
    flagged = answer.catalog.flagged
    if flagged:
        lines = [inert(str(p)) for p in flagged[:FLAGGED_SHOWN]] + (["…"] if len(flagged) > FLAGGED_SHOWN else [])
        st.warning("  \n".join([t("store_flagged", lang, n=len(flagged)), *lines]))
    return answer.catalog


def stale(catalog: Catalog) -> bool:
    """Whether the database changed since ``catalog`` was read (a fragment then reruns the whole page)."""
    url = database_url()
    return bool(url) and not live_catalog(url).is_current(catalog)
