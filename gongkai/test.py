"""Test infrastructure: the fast runner (and, below it, the shared cast of test users)."""

from __future__ import annotations

from django.test.runner import DiscoverRunner


class Runner(DiscoverRunner):
    """Django's runner with a fast password hasher and a plain closing line.

    The closing line ``tests: N passed, N failed`` lets CI tell an empty run from a green one.
    """

    def setup_test_environment(self, **kwargs):
        super().setup_test_environment(**kwargs)
        from django.conf import settings

        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    def suite_result(self, suite, result, **kwargs):
        failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
        skipped = len(result.skipped)
        passed = result.testsRun - failed - skipped
        print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
        return super().suite_result(suite, result, **kwargs)
