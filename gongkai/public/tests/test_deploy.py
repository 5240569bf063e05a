import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_gongkai(*args, **env):
    skip = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    base = {k: v for k, v in os.environ.items() if k not in skip}
    return subprocess.run(
        [sys.executable, "-m", "gongkai", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "GONGKAI_ENV": "production",
    "SECRET_KEY": "k3j9-Qz7_Lm2pW8x!Rt5vB0nYc4hF6dG1sA-Ue3Ji9Ko7Pl5Mn2",
    "ALLOWED_HOSTS": "gongkai.example.gov.cn",
}


class DeployProfileTestCase(unittest.TestCase):
    """The production profile passes Django's deployment checklist."""

    def test_it_passes_check_deploy_in_production(self):
        with tempfile.TemporaryDirectory() as data:
            collected = run_gongkai(
                "collectstatic", "--no-input", GONGKAI_DATA_DIR=data, **PRODUCTION
            )
            self.assertEqual(collected.returncode, 0, collected.stderr)
            result = run_gongkai(
                "check", "--deploy", "--fail-level", "WARNING", GONGKAI_DATA_DIR=data, **PRODUCTION
            )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("no issues", result.stdout)

    def test_check_deploy_fails_without_collectstatic(self):
        # Without the manifest every page (404s included) would be a 500.
        with tempfile.TemporaryDirectory() as data:
            result = run_gongkai("check", "--deploy", GONGKAI_DATA_DIR=data, **PRODUCTION)
        self.assertEqual(result.returncode, 1)
        self.assertIn("gongkai.E001", result.stderr)
        self.assertIn("collectstatic", result.stderr)

    def test_hsts_preload_is_off_unless_the_deployer_sets_it(self):
        show = "from django.conf import settings; print(settings.SECURE_HSTS_PRELOAD)"
        with tempfile.TemporaryDirectory() as data:
            default = run_gongkai("shell", "-v0", "-c", show, GONGKAI_DATA_DIR=data, **PRODUCTION)
            opted_in = run_gongkai(
                "shell",
                "-v0",
                "-c",
                show,
                GONGKAI_DATA_DIR=data,
                SECURE_HSTS_PRELOAD="1",
                **PRODUCTION,
            )
        self.assertEqual(default.stdout.strip(), "False", default.stderr)
        self.assertEqual(opted_in.stdout.strip(), "True", opted_in.stderr)

    def test_it_refuses_the_development_key_typed_twice(self):
        for key in (
            "dev-only-insecure-key-do-not-use" * 2,
            "Zq8-vL2_xR5!nB7@" * 4,  # 64 characters, 16 distinct, a 16-character period
        ):
            with self.subTest(key=key), tempfile.TemporaryDirectory() as data:
                result = run_gongkai(
                    "check", GONGKAI_ENV="production", SECRET_KEY=key, GONGKAI_DATA_DIR=data
                )
                self.assertEqual(result.returncode, 2)
                self.assertEqual(len(result.stderr.strip().splitlines()), 1)
                self.assertIn("SECRET_KEY is too weak", result.stderr)

    def test_it_refuses_a_short_production_secret_key_in_one_line(self):
        with tempfile.TemporaryDirectory() as data:
            result = run_gongkai(
                "check", GONGKAI_ENV="production", SECRET_KEY="short", GONGKAI_DATA_DIR=data
            )
        self.assertEqual(result.returncode, 2)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1)
        self.assertIn("SECRET_KEY", result.stderr)

    def test_it_reports_an_unreachable_database_in_one_line(self):
        result = run_gongkai("migrate", DATABASE_URL="postgres://postgres@127.0.0.1:1/nowhere")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1)
        self.assertIn("无法连接数据库", result.stderr)
