"""Is a production SECRET_KEY random enough? A pure function, used by settings.py before Django
has started (so it imports nothing of Django).

Django signs sessions, password-reset links and CSRF tokens with the key; a key that can be
guessed is all of them forged. Length alone is not enough: the development key typed twice is
64 characters long. We refuse a key that is short, uses few distinct characters, or repeats a
shorter piece (``abcabc…``, ``key+key``), and the development key in any form. A key from
``python -c 'import secrets; print(secrets.token_urlsafe(50))'`` passes.
"""

from __future__ import annotations

DEVELOPMENT_KEY = "dev-only-insecure-key-do-not-use"
MIN_LENGTH = 50
# A random 50-character key over 64 symbols has about 35 distinct characters (Django's
# get_random_secret_key: 23 at the least in 10,000 draws); a hex key (16 symbols) is refused.
MIN_DISTINCT = 20


def period(key: str) -> int:
    """The length of the shortest piece whose repetition makes ``key`` (len(key) if none)."""
    for p in range(1, len(key) // 2 + 1):
        if all(key[i] == key[i + p] for i in range(len(key) - p)):
            return p
    return len(key)


def weakness(key: str) -> str | None:
    """Why ``key`` is too weak for production, in one line; None when it will do."""
    if len(key) < MIN_LENGTH:
        return f"at least {MIN_LENGTH} random characters are needed (got {len(key)})"
    if DEVELOPMENT_KEY in key or key.startswith("django-insecure-"):
        return "it contains the development key"
    if period(key) < len(key):
        return f"it repeats a {period(key)}-character piece"
    if len(set(key)) < MIN_DISTINCT:
        return f"it uses only {len(set(key))} distinct characters (at least {MIN_DISTINCT})"
    return None
