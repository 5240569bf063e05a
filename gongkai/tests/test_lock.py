"""requirements.lock is generated from pyproject.toml and `make test` refuses a stale one."""

import contextlib
import importlib.util
import io
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_lock_script(root: Path):
    spec = importlib.util.spec_from_file_location("lock_script", ROOT / "scripts" / "lock.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.PYPROJECT, module.LOCK = root / "pyproject.toml", root / "requirements.lock"
    return module


class LockTestCase(unittest.TestCase):
    def setUp(self):
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        for name in ("pyproject.toml", "requirements.lock"):
            shutil.copy(ROOT / name, folder / name)
        self.lock = load_lock_script(folder)
        self.folder = folder

    def test_the_committed_lock_is_fresh(self):
        result = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "lock.py"), "check"],
            capture_output=True,
            text=True,
        )
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_a_new_dependency_makes_it_stale_with_a_clear_message(self):
        pyproject = self.folder / "pyproject.toml"
        text = pyproject.read_text(encoding="utf-8")
        pyproject.write_text(
            text.replace('    "Django==5.2.19",', '    "Django==5.2.19",\n    "six==1.17.0",'),
            encoding="utf-8",
        )
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            self.assertEqual(self.lock.check(), 1)
        self.assertIn("requirements.lock is stale", stderr.getvalue())
        self.assertIn("Run `make lock`", stderr.getvalue())

    def test_order_and_layout_of_pyproject_do_not_matter_but_pins_do(self):
        pyproject = self.folder / "pyproject.toml"
        text = pyproject.read_text(encoding="utf-8")
        pyproject.write_text(text.replace('description = "', 'description = "x'), encoding="utf-8")
        self.assertEqual(self.lock.check(), 0)
        pyproject.write_text(text.replace("ruff==0.17.6", "ruff==0.17.5"), encoding="utf-8")
        self.assertEqual(self.lock.check(), 1)

    def test_every_pin_of_the_lock_has_a_hash_and_every_dependency_is_pinned(self):
        text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
        pins = [
            line.split(" ")[0]
            for line in text.splitlines()
            if "==" in line[:60] and not line[0].isspace() and not line.startswith("#")
        ]
        blocks = text.split("\n")
        for pin in pins:
            index = next(i for i, line in enumerate(blocks) if line.startswith(pin))
            self.assertIn("--hash=sha256:", blocks[index + 1], pin)
        names = {pin.split("==")[0].lower() for pin in pins}
        for wanted in ("django", "django-axes", "django-csp", "ruff", "playwright"):
            self.assertIn(wanted, names)
        # The old hand-written lock pinned packages nothing installs: every pin now says what
        # requires it (uv's "# via" line inside the pin's block).
        for pin in pins:
            index = next(i for i, line in enumerate(blocks) if line.startswith(pin))
            rest = blocks[index + 1 :]
            end = next(
                (i for i, line in enumerate(rest) if line and not line[0].isspace()), len(rest)
            )
            self.assertTrue(any("# via" in line for line in rest[:end]), pin)
        self.assertNotIn("jieba", names)  # rjieba segments; jieba was a stray pin
