"""The app with STI_GEO_DATABASE_URL: an unreachable database is said, broken edits are named, nothing crashes."""

from __future__ import annotations

import pytest

from tests.app.test_app import _app, _html_text

psycopg = pytest.importorskip("psycopg")


def _texts(at) -> str:
    return " ".join(w.value for w in [*at.warning, *at.info])


def test_an_unreachable_database_is_said_and_the_pack_is_shown(monkeypatch):
    monkeypatch.setenv("STI_GEO_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    for lang, said in (("zh", "无法连接数据库"), ("en", "The database cannot be reached")):
        at = _app(lang=lang).run()
        assert not at.exception and not at.error
        assert said in _texts(at)
        assert "Connection refused" in _html_text(at)  # the reason, apart and marked as English
        assert "connection" not in _texts(at)  # no English inside the Chinese sentence


def test_a_malformed_address_is_one_line(monkeypatch):
    monkeypatch.setenv("STI_GEO_DATABASE_URL", "nonsense")
    at = _app().run()
    assert not at.exception and "malformed" in at.error[0].value


def test_edits_breaking_a_rule_are_named_and_the_page_works(monkeypatch, catalog):
    from sti_geo.export.postgis import publish
    from tests.pg import throwaway_postgis

    with throwaway_postgis() as db:
        publish(catalog, db)
        with psycopg.connect(db) as conn:
            conn.execute("UPDATE weihai.parks SET quote = '文件里没有' WHERE id = 'p_lg_carbon_fiber'")
        monkeypatch.setenv("STI_GEO_DATABASE_URL", db)
        at = _app(sel="p_lg_carbon_fiber").run()
        assert not at.exception and not at.error
        assert "1 处修改不符合数据规则" in _texts(at)
        assert "weihai.parks (database) [p_lg_carbon_fiber] quote: not found verbatim" in _html_text(at)
        assert "依托临港区碳纤维产业园" in _html_text(at)  # the panel quotes the document, not the edit
