"""Every e-mail has its three templates, and every e-mail template belongs to an e-mail."""

from pathlib import Path

from django.conf import settings
from django.template.loader import get_template
from django.test import SimpleTestCase

from gongkai.emails import EMAILS, make_message

PARTS = ("subject.txt", "body.txt", "body.html")


class EmailTemplatesTestCase(SimpleTestCase):
    def test_every_email_has_its_three_templates(self):
        for name in EMAILS:
            for part in PARTS:
                with self.subTest(name=name, part=part):
                    get_template(f"emails/{name}-{part}")

    def test_every_email_template_belongs_to_a_listed_email(self):
        folder = Path(settings.BASE_DIR) / "templates" / "emails"
        names = {
            p.name.rsplit("-", 2)[0] if p.name.count("-") >= 2 else p.name.rsplit("-", 1)[0]
            for p in folder.iterdir()
        }
        self.assertEqual(names, set(EMAILS))
        self.assertEqual(len(list(folder.iterdir())), 3 * len(EMAILS))

    def test_an_unknown_email_is_refused(self):
        with self.assertRaises(ValueError):
            make_message("nope", ["a@example.org"], {})
