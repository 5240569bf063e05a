from django.test import TestCase


class ApiRootTestCase(TestCase):
    def test_it_answers_health(self):
        response = self.client.get("/api/health")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok"})

    def test_it_serves_a_generated_openapi_schema(self):
        schema = self.client.get("/api/openapi.json").json()
        self.assertEqual(schema["info"]["title"], "gongkai API")
        self.assertIn("/api/health", schema["paths"])
