from django.test import TestCase


class RefuseNulTestCase(TestCase):
    def test_it_refuses_nul_in_the_path_of_the_api_as_json(self):
        response = self.client.get("/api/catalog/bodies/%00")
        self.assertEqual(response.status_code, 400)
        self.assertIn("空字符", response.json()["detail"])

    def test_it_refuses_nul_in_a_page_path(self):
        response = self.client.get("/xxgk/%00/")
        self.assertEqual(response.status_code, 400)
        self.assertIn("空字符", response.content.decode())

    def test_it_leaves_query_strings_to_the_views(self):
        # The status form refuses NUL at its field; the page answers, never a 400 from here.
        response = self.client.get("/applications/status/?receipt=%00&code=x")
        self.assertEqual(response.status_code, 200)

    def test_it_lets_ordinary_requests_through(self):
        self.assertEqual(self.client.get("/api/health").status_code, 200)
