import secrets
import unittest

from django.core.management.utils import get_random_secret_key

from gongkai.secretkey import DEVELOPMENT_KEY, period, weakness


class SecretKeyTestCase(unittest.TestCase):
    def test_it_accepts_random_keys(self):
        for _ in range(200):
            self.assertIsNone(weakness(get_random_secret_key()))
            self.assertIsNone(weakness(secrets.token_urlsafe(50)))

    def test_it_refuses_short_repeated_poor_and_development_keys(self):
        cases = {
            "short": ("k3j9-Qz7_Lm2pW8x", "at least 50"),
            "dev key twice": (DEVELOPMENT_KEY * 2, "development key"),
            "django's insecure prefix": (
                "django-insecure-" + secrets.token_urlsafe(50),
                "development",
            ),
            "a random half twice": (
                "Zq8-vL2_xR5!nB7@Kd4#Wm9$Tp6%Yh3&" * 2,
                "repeats a 32-character",
            ),
            "one letter": ("x" * 60, "repeats a 1-character"),
            "few letters": ("abcdefghij" * 5 + "k", "distinct"),
        }
        for name, (key, reason) in cases.items():
            with self.subTest(name):
                self.assertIn(reason, weakness(key) or "")

    def test_period_is_the_shortest_repeated_piece(self):
        self.assertEqual(period("abcabcab"), 3)
        self.assertEqual(period("abcd"), 4)
