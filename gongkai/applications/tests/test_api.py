"""POST /api/applications and GET /api/applications/{receipt} (docs/applications.md)."""

import json
import uuid
from datetime import date

import time_machine
from django.core.cache import cache
from django.test import override_settings

from gongkai.applications.models import Application
from gongkai.test import BaseTestCase, make_application, make_ric

PAYLOAD = {
    "agency": "wuzongxiao",
    "applicant_type": "natural",
    "applicant_name": "买买提·艾力",
    "id_type": "ric",
    "id_number": "",
    "phone": "0903-1234567",
    "address": "和田县",
    "form_wanted": "electronic",
    "delivery": "email",
    "email": "a@example.invalid",
    "items": [{"title": "2026年乡村道路建设资金分配表"}],
}


def payload(**overrides):
    return {**PAYLOAD, "id_number": make_ric(), **overrides}


@time_machine.travel("2026-09-30 10:00 +0800", tick=False)
class ApplicationsApiTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()

    def post(self, body, **headers):
        return self.client.post(
            "/api/applications", json.dumps(body), content_type="application/json", headers=headers
        )

    def test_it_takes_an_application_and_answers_its_dates(self):
        response = self.post(payload())
        self.assertEqual(response.status_code, 201, response.content)
        data = response.json()
        self.assertEqual(
            (data["received_on"], data["due_on"], data["due_provisional"]),
            ("2026-09-30", "2026-11-03", False),
        )
        self.assertEqual(len(data["query_code"]), 20)
        self.assertEqual(Application.objects.get().receipt_number, data["receipt_number"])

    def test_it_returns_the_same_application_for_the_same_idempotency_key(self):
        key = str(uuid.uuid4())
        first = self.post(payload(), **{"Idempotency-Key": key})
        again = self.post(payload(), **{"Idempotency-Key": key})
        self.assertEqual((first.status_code, again.status_code), (201, 200))
        self.assertEqual(first.json(), again.json())
        self.assertEqual(Application.objects.count(), 1)

    def test_it_answers_field_errors_with_400(self):
        response = self.post(
            payload(
                id_number="653221198001010010",
                phone="",
                address="",
                email="",
                delivery="pickup",
                items=[{}],
            )
        )
        self.assertEqual(response.status_code, 400)
        errors = response.json()["errors"]
        self.assertEqual(errors["id_number"], ["居民身份证号码校验失败：校验位不正确。"])
        self.assertIn("请至少填写一种联系方式", errors["phone"][0])
        self.assertIn("请至少填写一项所需信息", errors["items"][0])
        self.assertEqual(
            self.post(payload(agency="nowhere")).json(), {"errors": {"agency": ["没有该机关。"]}}
        )
        self.assertEqual(Application.objects.count(), 0)

    def test_it_answers_the_status_without_identity_data(self):
        app = make_application(self.agency_a, received_on=date(2026, 9, 30))
        response = self.client.get(
            f"/api/applications/{app.receipt_number}", {"code": app.query_code.lower()}
        )
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual((data["status"], data["due_on"]), ("open", "2026-11-03"))
        self.assertEqual([e["kind"] for e in data["events"]], ["submitted", "received"])
        self.assertNotIn(app.applicant_name, response.content.decode())
        self.assertNotIn(app.id_number, response.content.decode())
        self.assertEqual(
            self.client.get(
                f"/api/applications/{app.receipt_number}", {"code": "WRONG"}
            ).status_code,
            404,
        )

    @override_settings(GONGKAI_STATUS_LOOKUPS_PER_HOUR=3)
    def test_it_limits_status_lookups_per_address(self):
        statuses = [
            self.client.get("/api/applications/2026-0001", {"code": "X"}).status_code
            for _ in range(4)
        ]
        self.assertEqual(statuses, [404, 404, 404, 429])

    def test_it_lists_both_operations_in_the_schema(self):
        paths = self.client.get("/api/openapi.json").json()["paths"]
        self.assertIn("post", paths["/api/applications"])
        self.assertIn("get", paths["/api/applications/{receipt}"])
