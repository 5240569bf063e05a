"""One lockout for every way in (staff login, admin login, password change, and each later
door: the JSON API, the applicants' status lookup), on django-axes' database handler, so that
every app server sees the same counts (docs/security.md).

Two limits, both over the last ``LOGIN_LOCKOUT_MINUTES``:

* ``LOGIN_MAX_FAILURES`` failures of one username *from one address* lock that pair. Nobody can
  lock a known username from elsewhere: the lock is on the combination, never the name alone.
* ``LOGIN_MAX_FAILURES_PER_ADDRESS`` failures from one address, whatever the usernames, lock the
  address (password spraying).

Failures while locked are not recorded, so a lock lifts ``LOGIN_LOCKOUT_MINUTES`` after the
failure that set it, however often the door is knocked on meanwhile. The address is
:func:`gongkai.ratelimit.client_address` (``GONGKAI_TRUSTED_PROXIES`` behind nginx).

A later door that checks a secret itself (not through ``django.contrib.auth.authenticate``)
uses the three helpers below::

    from gongkai import lockout

    minutes = lockout.minutes_left(request, receipt_no)
    if minutes:
        return refuse(lockout.message(minutes))          # 429 with one Chinese line
    if not secret_matches:
        lockout.record_failure(request, receipt_no)
"""

from __future__ import annotations

import datetime
import ipaddress
import math

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max, QuerySet, Sum
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.ratelimit import client_address

# -- settings read at call time (so override_settings in tests and one fact in settings.py) ---


def failure_limit(request=None, credentials=None) -> int:
    """AXES_FAILURE_LIMIT: failures of one username from one address (settings)."""
    return settings.LOGIN_MAX_FAILURES


def cool_off(request=None) -> datetime.timedelta:
    """AXES_COOLOFF_TIME: how long failures count and a lock lasts (settings)."""
    return datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def client_ip(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: gongkai.ratelimit.client_address, the same address the rate
    limits count, when it is an IP address; None otherwise (a request made in code has no
    REMOTE_ADDR, and a forwarded hop may be anything a client wrote). Axes stores it in an
    IP address column, which PostgreSQL checks; the unknown ones are counted together."""
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def username_of(request, credentials=None) -> str | None:
    """AXES_USERNAME_CALLABLE: the username typed (credentials, else the POSTed form), fit for
    axes' 255-character column (PostgreSQL refuses longer) and without NUL characters. Two
    over-long names that share their first 255 characters are counted together; no real
    username is that long."""
    if credentials:
        name = credentials.get("username")
    else:
        name = getattr(request, "POST", {}).get("username")
    if name is None:
        return None
    return str(name).replace("\x00", "")[:255]


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with the two limits of this module.

    Axes compares one number with one limit; we report the pair's failures, or the pair limit
    itself once the address has spent its own (higher) allowance.
    """

    def _recent(self, request, credentials) -> tuple[QuerySet, QuerySet]:
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        address = recent.filter(ip_address=request.axes_ip_address)
        pair = address.filter(username=get_client_username(request, credentials))
        return pair, address

    def get_failures(self, request, credentials=None) -> int:
        pair, address = (
            qs.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for qs in self._recent(request, credentials)
        )
        if address >= settings.LOGIN_MAX_FAILURES_PER_ADDRESS:
            return max(pair, failure_limit())
        return pair

    def unlock_at(self, request, credentials=None) -> datetime.datetime | None:
        """When the lock on this request lifts; None when it is not locked."""
        if not self.is_locked(request, credentials):
            return None
        pair, address = self._recent(request, credentials)
        pair_count = pair.aggregate(n=Sum("failures_since_start"))["n"] or 0
        locking = pair if pair_count >= failure_limit() else address
        last = locking.aggregate(at=Max("attempt_time"))["at"]
        return (last or timezone.now()) + cool_off()

    def reset_user_attempts(self, request, credentials=None) -> int:
        # A good password clears that username's failures at that address only: one valid
        # account must not wipe the address's count of a spray.
        count, _ = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            username=get_client_username(request, credentials),
        ).delete()
        return count


class LockoutBackend(AxesStandaloneBackend):
    """Axes' backend, minus its refusal of calls without a request: those come from code (the
    test client's ``login``, a shell), never from a door an attacker can knock on."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def _handler() -> LockoutHandler:
    return AxesProxyHandler.get_implementation()


def minutes_left(request, username: str) -> int:
    """Whole minutes until ``username`` may try again from this request's address; 0 when it
    may try now."""
    AxesProxyHandler.update_request(request)
    unlock = _handler().unlock_at(request, {"username": username})
    if unlock is None:
        return 0
    return max(1, math.ceil((unlock - timezone.now()).total_seconds() / 60))


def record_failure(request, username: str) -> None:
    """Count one failed attempt for ``username`` from this request's address (the same signal
    ``authenticate`` sends, so axes records it exactly like a failed login)."""
    AxesProxyHandler.update_request(request)
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)


def message(minutes: int) -> str:
    return _("登录失败次数过多，请 %(minutes)d 分钟后再试。") % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a door that showed the lock itself (its form says so, with the
    minutes) keeps its page, answered 429; any other door gets a one-line 429 page."""
    if original_response is not None and getattr(request, "gongkai_lockout_shown", False):
        original_response.status_code = 429
        return original_response
    username = get_client_username(request, credentials) or ""
    text = message(minutes_left(request, username) or 1)
    if "json" in request.headers.get("Accept", "") or request.path.startswith("/api/"):
        return JsonResponse({"detail": text}, status=429)
    return render(request, "lockout.html", {"message": text}, status=429)
