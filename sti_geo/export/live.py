"""The catalog as the database has it now: edits reach every process through LISTEN/NOTIFY.

One ``LiveCatalog`` per database and process (``live_catalog``), shared by the app's sessions and the OGC API.
A listener thread counts notifications on channel ``sti_geo`` (the publish trigger sends one per edit); a
caller asking for the catalog gets the kept one while nothing was notified, else the database is read again
(one snapshot) and laid over the pack. When the database goes away the last good catalog is kept and the
answer says so; the listener reconnects and a reconnection counts as a change (edits may have been missed).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from .._errors import NotPublishedError, StoreUnavailableError
from ..model.catalog import Catalog
from .database import NOTIFY_CHANNEL, read_published
from .overlay import overlay

RETRY_S = 10.0  # while the database is away, read again at most this often (each try can wait for a timeout)


@dataclass(frozen=True)
class Answer:
    """The catalog to show, and why it may not be the database's latest.

    Attributes
    ----------
    catalog : the pack with the database's edits (or the last good one, or the pack alone)
    outage : the database could not be read: its one-line reason (``""`` when it was read)
    since : when the catalog shown was read (UTC, ``YYYY-MM-DD HH:MM``)
    published : False when the database holds no schema for this pack (the pack's files are shown)
    """

    catalog: Catalog
    outage: str = ""
    since: str = ""
    published: bool = True


@dataclass
class _Kept:
    pack: Catalog
    changes: int
    answer: Answer
    tried: float
    fingerprint: str = ""  # of the database content the answer shows


class LiveCatalog:
    """The pack's catalog with the database's edits, kept current by LISTEN/NOTIFY (see the module)."""

    def __init__(self, url: str, listen: bool = True) -> None:
        self.url = url
        self._changes = 0
        self._listening = False
        self._lock = threading.Lock()
        self._kept: dict[str, _Kept] = {}  # pack token -> what was read for it
        if listen:
            threading.Thread(target=self._listen, name="sti_geo-listen", daemon=True).start()

    def _listen(self) -> None:
        import psycopg

        while True:
            try:
                with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    self._listening = True
                    self._changes += 1  # edits made while nobody listened
                    for _ in conn.notifies():
                        self._changes += 1
            except psycopg.Error:
                pass
            self._listening = False
            self._changes += 1
            time.sleep(2.0)

    def is_current(self, catalog: Catalog) -> bool:
        """Whether ``catalog`` is still the one to show (False: the database changed since it was read).

        While the database is away the last good catalog stays the one to show (no rerun for nothing). A
        catalog read from the database earlier and since replaced (by another caller: the OGC API, another
        session) is not current either.
        """
        for kept in list(self._kept.values()):
            if catalog is kept.answer.catalog or catalog is kept.pack:
                return self.current(kept.pack).catalog is catalog
            if catalog.token.startswith(f"{kept.pack.token}-db"):
                return False
        return True

    def current(self, pack: Catalog) -> Answer:
        """The catalog for ``pack`` as the database has it now (read again only after a notification)."""
        with self._lock:
            seen = self._changes
            kept = self._kept.get(pack.token)
            if kept is not None and kept.changes == seen and (self._listening or not kept.answer.outage):
                return kept.answer
            if kept is not None and kept.answer.outage and time.monotonic() - kept.tried < RETRY_S:
                return kept.answer
            now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
            fingerprint = kept.fingerprint if kept is not None else ""
            try:
                published = read_published(self.url, pack)
                if kept is not None and published.fingerprint == kept.fingerprint and not kept.answer.outage:
                    answer = kept.answer  # notified, but nothing this pack shows changed: the same object
                else:
                    answer, fingerprint = Answer(overlay(pack, published), since=now), published.fingerprint
            except NotPublishedError:
                answer, fingerprint = Answer(pack, since=now, published=False), ""
            except StoreUnavailableError as exc:
                last = kept.answer if kept is not None else Answer(pack, since="")
                answer = Answer(last.catalog, outage=str(exc), since=last.since, published=last.published)
            self._kept[pack.token] = _Kept(pack, seen, answer, time.monotonic(), fingerprint)
            return answer


_LIVE: dict[str, LiveCatalog] = {}
_LIVE_LOCK = threading.Lock()


def live_catalog(url: str) -> LiveCatalog:
    """The process's ``LiveCatalog`` for the database at ``url`` (one listener, shared by every caller)."""
    with _LIVE_LOCK:
        if url not in _LIVE:
            _LIVE[url] = LiveCatalog(url)
        return _LIVE[url]
