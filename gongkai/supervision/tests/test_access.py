"""The access walk over this app's URLs alone (the project-wide walk covers them too): body B's
officer and a user without roles are refused every page of body A; the county's supervisor
reads A's pages with personal data masked and may change nothing."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from gongkai.agencies.tests import test_access_urls
from gongkai.test import BaseTestCase, QuietRefusalsMixin, make_consultation, walk_urls

OURS = "supervision:"


def check_access(test_case, insider, outsider):
    """The project's walk, over this app's routes only."""
    ours = [r for r in walk_urls() if r.name.startswith(OURS)]
    with mock.patch.object(test_access_urls, "walk_urls", lambda: ours):
        return test_access_urls.check_access(test_case, insider, outsider)


class SupervisionAccessTestCase(QuietRefusalsMixin, BaseTestCase):
    def test_it_refuses_another_bodys_officer_everywhere(self):
        problems, checked = check_access(self, insider=self.adam, outsider=self.bob)
        self.assertEqual(problems, [])
        self.assertEqual(
            len(checked), 15, checked
        )  # incl. the dashboard, its chart, 通报, batch check

    def test_it_refuses_a_user_without_roles(self):
        problems, _ = check_access(self, insider=self.admin, outsider=self.nobody)
        self.assertEqual(problems, [])

    def test_it_lets_the_supervisor_read_masked_and_write_nothing(self):
        consultation = make_consultation(self.agency_a)
        self.client.force_login(self.sam)
        url = reverse("supervision:records", kwargs={"slug": "wuzongxiao", "kind": "consultations"})
        page = self.client.get(url + "?year=2026").content.decode()
        self.assertIn("低保申请条件是否公开", page)
        self.assertNotIn("买买提·艾力", page)
        self.assertNotIn("13899990000", page)
        self.assertIn("1**********", page)
        self.assertEqual(self.client.post(url, {"on": "2026-03-03"}).status_code, 403)
        edit = reverse(
            "supervision:record-edit",
            kwargs={"slug": "wuzongxiao", "kind": "consultations", "record_pk": consultation.pk},
        )
        self.assertNotIn("13899990000", self.client.get(edit).content.decode())
        self.assertEqual(self.client.post(edit, {}).status_code, 403)

    def test_it_shows_the_bodys_own_staff_the_callers_data(self):
        make_consultation(self.agency_a)
        self.client.force_login(self.alice)
        url = reverse("supervision:records", kwargs={"slug": "wuzongxiao", "kind": "consultations"})
        self.assertIn("13899990000", self.client.get(url + "?year=2026").content.decode())
