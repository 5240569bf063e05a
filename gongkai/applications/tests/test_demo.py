"""``gongkai demo`` also loads a few cases in 和田县教育局, once."""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from gongkai.applications.models import Application


class DemoApplicationsTestCase(TestCase):
    def test_it_loads_a_working_queue_once(self):
        call_command("demo", stdout=StringIO())
        apps = Application.objects.filter(agency__slug="hotan-edu")
        self.assertEqual(apps.count(), 5)
        self.assertEqual(
            sorted(apps.values_list("status", flat=True)),
            ["awaiting_supplement", "closed", "open", "open", "open"],
        )
        out = StringIO()
        call_command("demo", stdout=out)
        self.assertIn("演示数据已是最新，未作改动。", out.getvalue())
        self.assertEqual(apps.count(), 5)
