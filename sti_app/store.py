"""The published plan in PostGIS, when ``STI_GEO_DATABASE_URL`` is set: edits shown, outages said."""

from __future__ import annotations

import streamlit as st

from sti_geo.export.live import live_catalog
from sti_geo.model.catalog import Catalog
from sti_geo.settings import database_url
from sti_geo.text.i18n import t
from sti_geo.text.safe_text import text

FLAGGED_SHOWN = 5  # `validate --db` lists them all


def with_database(pack: Catalog, lang: str) -> Catalog:
    """``pack`` with the database's edits (STI_GEO_DATABASE_URL), saying why (in ``lang``) when it cannot be
    the latest."""
    url = database_url()
    if not url:
        return pack
    answer = live_catalog(url).current(pack)
    # the reasons are the database's and the rules' own English: said apart, marked as English
    if answer.outage:
        said = t("store_outage", lang, when=answer.since) if answer.since else t("store_outage_pack", lang)
        st.warning(said, icon=":material/cloud_off:")
        _details([answer.outage], lang)
    elif not answer.published:
        st.info(t("store_absent", lang))
    flagged = answer.catalog.flagged
    if flagged:
        st.warning(t("store_flagged", lang, n=len(flagged)))
        _details([str(p) for p in flagged[:FLAGGED_SHOWN]] + (["…"] if len(flagged) > FLAGGED_SHOWN else []), lang)
    return answer.catalog


def _details(lines: list[str], lang: str) -> None:
    with st.expander(t("notice_details", lang)):
        st.html('<div lang="en">' + "<br>".join(text(line) for line in lines) + "</div>")


def stale(catalog: Catalog) -> bool:
    """Whether the database changed since ``catalog`` was read (a fragment then reruns the whole page)."""
    url = database_url()
    return bool(url) and not live_catalog(url).is_current(catalog)
