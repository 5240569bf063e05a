import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
GUNICORN = Path(sys.executable).with_name("gunicorn")
SECRET = "k3j9-Qz7_Lm2pW8x!Rt5vB0nYc4hF6dG1sA-Ue3Ji9Ko7Pl5Mn2"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@unittest.skipUnless(GUNICORN.exists(), "gunicorn not installed in this environment")
class ProductionServerTestCase(unittest.TestCase):
    """The production profile really serves: gunicorn for pages, whitenoise for static files."""

    @classmethod
    def setUpClass(cls):
        cls.data = tempfile.TemporaryDirectory()
        skip = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
        cls.env = {k: v for k, v in os.environ.items() if k not in skip}
        cls.env.update(
            GONGKAI_ENV="production",
            SECRET_KEY=SECRET,
            ALLOWED_HOSTS="gongkai.example.gov.cn",
            GONGKAI_DATA_DIR=cls.data.name,
        )
        for command in (["migrate", "--no-input"], ["collectstatic", "--no-input"]):
            subprocess.run(
                [sys.executable, "-m", "gongkai", *command],
                cwd=ROOT,
                env=cls.env,
                check=True,
                capture_output=True,
                timeout=120,
            )
        cls.port = free_port()
        cls.server = subprocess.Popen(
            [str(GUNICORN), "gongkai.wsgi", "--bind", f"127.0.0.1:{cls.port}", "--workers", "1"],
            cwd=ROOT,
            env=cls.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", cls.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=10)
        cls.data.cleanup()

    def get(self, path, **headers):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            headers={"Host": "gongkai.example.gov.cn", **headers},
        )
        opener = urllib.request.build_opener(NoRedirect)
        try:
            return opener.open(request, timeout=10)
        except urllib.error.HTTPError as response:
            return response

    def test_it_redirects_plain_http_to_https(self):
        response = self.get("/")
        self.assertEqual(response.status, 301)
        self.assertEqual(response.headers["Location"], "https://gongkai.example.gov.cn/")

    def test_it_serves_the_home_page_behind_a_tls_proxy_with_security_headers(self):
        response = self.get("/", **{"X-Forwarded-Proto": "https"})
        self.assertEqual(response.status, 200)
        self.assertIn("<h1>", response.read().decode())
        self.assertIn("max-age=31536000", response.headers["Strict-Transport-Security"])
        self.assertNotIn("preload", response.headers["Strict-Transport-Security"])
        csp = response.headers["Content-Security-Policy"]
        self.assertIn("script-src 'self'", csp)
        self.assertIn("style-src 'self'", csp)
        self.assertNotIn("unsafe-inline", csp)

    def test_a_404_is_a_404_not_a_500(self):
        response = self.get("/no-such-page/", **{"X-Forwarded-Proto": "https"})
        self.assertEqual(response.status, 404)

    def test_it_serves_hashed_static_files_through_whitenoise(self):
        manifest = Path(self.data.name, "static", "staticfiles.json").read_text()
        self.assertIn("css/site.css", manifest)

        hashed = json.loads(manifest)["paths"]["css/site.css"]
        response = self.get(f"/static/{hashed}", **{"X-Forwarded-Proto": "https"})
        self.assertEqual(response.status, 200)
        self.assertIn("max-age=315360000", response.headers["Cache-Control"])

    def test_it_refuses_an_unknown_host(self):
        response = self.get("/", Host="evil.example.com", **{"X-Forwarded-Proto": "https"})
        self.assertEqual(response.status, 400)
