"""The package's exceptions, in one place (after osmnx's ``_errors``)."""

from __future__ import annotations

from dataclasses import dataclass


class StiGeoError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(StiGeoError, ValueError):
    """A user-supplied argument (CLI flag, query parameter, layer id) is wrong."""


# How deep a problem lies, root causes first: a file that cannot be read, a value of the wrong type (both
# leave the content rules nothing sound to check), a missing or empty field, then a content rule.
UNREADABLE, MALFORMED, INCOMPLETE, CONTENT = 0, 1, 2, 3


@dataclass(frozen=True, order=True)
class Problem:
    """One data problem: where it is (file, feature id, field), what is wrong, and how deep (``rank``)."""

    file: str
    feature_id: str
    field: str
    message: str
    rank: int = CONTENT

    def __str__(self) -> str:
        if (self.file, self.feature_id, self.field) == ("-", "-", "-"):  # about the list, not one place
            return self.message
        return f"{self.file} [{self.feature_id}] {self.field}: {self.message}"

    def sort_key(self) -> tuple[int, str, str, str, str]:
        """Root causes first (by ``rank``), then by place."""
        return self.rank, self.file, self.feature_id, self.field, self.message


class DataValidationError(StiGeoError):
    """The data in ``geodata/`` or ``layers/`` has one or more problems.

    All problems found are gathered first and raised together, so a user fixes
    them in one pass rather than one per run.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=Problem.sort_key)
        counted = sum(p.rank <= CONTENT for p in self.problems)  # not a line that sums up the rest
        lines = [f"{counted} data problem(s):"] + [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class StoreUnavailableError(StiGeoError):
    """The database holding the published plan cannot be reached or read (it may come back)."""


class NotPublishedError(StiGeoError):
    """The database holds no published schema for this region pack."""


class OutputError(StiGeoError):
    """A file cannot be written where asked; nothing half-written is left.

    A full disk, a read-only folder, a name too long, a path through a file.
    """


class UploadError(StiGeoError):
    """An uploaded own layer cannot be used.

    ``code`` picks the message (see :mod:`sti_geo.upload.messages`), ``params`` fill it in, so the app
    can say it in the user's language.

    ``detail`` is the library's own text (GDAL's, zipfile's): it may name server paths, so it goes to
    the server log (it is part of ``str(error)``) and never into the user's message.
    """

    def __init__(self, code: str, detail: str = "", **params: object):
        self.code = code
        self.params = params
        self.detail = detail
        shown = ", ".join(f"{k}={v}" for k, v in params.items())
        text = f"{code}: {shown}" if shown else code
        super().__init__(f"{text} ({detail})" if detail else text)
