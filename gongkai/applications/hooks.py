"""Hooks other apps fill in, kept in one place so the call sites never change.

``served_notices(application)``: the notices (告知书) served on the applicant, for the status
page and the API. gongkai.letters (the notices app) replaces the body of this function with a
query on its own model; each item needs ``title`` (str), ``served_on`` (date) and ``url`` (a
download URL that checks the query code). Until then there are none.
"""

from __future__ import annotations


def served_notices(application) -> list:
    return []
