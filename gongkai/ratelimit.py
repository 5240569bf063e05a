"""Rate limits shared by every app server, on the shared cache (Redis when ``REDIS_URL`` is
set, the database cache otherwise; settings.CACHES).

A limit is a fixed window: at most ``limit`` hits per ``window`` seconds for one key. The first
hit creates the counter with ``cache.add`` (atomic on Redis and on the database cache) and later
hits ``cache.incr`` it (atomic on Redis; on the database cache two simultaneous hits may count
as one, which errs on the side of the applicant, never of an attacker scripting many).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or, behind ``GONGKAI_TRUSTED_PROXIES`` proxies (nginx
    in docs/deploy.md), the address that many hops from the right of X-Forwarded-For."""
    proxies = getattr(settings, "GONGKAI_TRUSTED_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, key: str, window: int) -> str:
    # Hash the key so that any text (an address, a receipt number) makes a valid cache key.
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"rl:{scope}:{window}:{digest}"


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one hit for ``key`` in ``scope``; True while the hit is within the limit."""
    name = _key(scope, key, window)
    if cache.add(name, 1, timeout=window):
        return limit >= 1
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr: this hit opens a new window
        cache.add(name, 1, timeout=window)
        count = 1
    return count <= limit


def is_limited(request, scope: str, *, limit: int, window: int) -> bool:
    """Count one hit for the request's client address; True when it is over the limit."""
    return not hit(scope, client_address(request), limit=limit, window=window)
