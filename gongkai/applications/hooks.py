"""Hooks other apps fill in, kept in one place so the call sites never change.

``served_notices(application)``: the notices (告知书) served on the applicant, for the status
page and the API, from gongkai.letters (the notices app, which builds on this one: imported
when called, so this app never needs it at import time). Each item has ``title`` (str),
``served_on`` (date) and ``url`` (a download URL that checks the query code).
"""

from __future__ import annotations


def served_notices(application) -> list:
    from gongkai.letters.public import served_notices as from_letters

    return from_letters(application)
