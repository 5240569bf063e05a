"""Attachments: limits by content, storage outside the web root, served only to the body's own
staff; S3-compatible object storage through django-storages against a local moto server."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from gongkai.applications.uploads import check_upload, store_attachment
from gongkai.test import BaseTestCase, QuietRefusalsMixin, make_application

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


class CheckUploadTestCase(BaseTestCase):
    def test_it_reads_the_type_from_the_content(self):
        self.assertEqual(check_upload(upload("scan.pdf", PDF)), "application/pdf")
        self.assertEqual(check_upload(upload("photo", PNG, "text/plain")), "image/png")
        for name, content in (
            ("virus.pdf", b"MZ\x90\x00 this is an exe"),
            ("a.docx", b"PK\x03\x04broken"),
        ):
            with self.subTest(name), self.assertRaisesRegex(ValidationError, "格式不受支持"):
                check_upload(upload(name, content))

    @override_settings(GONGKAI_ATTACHMENT_MAX_BYTES=1024 * 1024)
    def test_it_refuses_a_file_over_the_limit(self):
        with self.assertRaisesRegex(ValidationError, "超过 1 MB"):
            check_upload(upload("big.pdf", PDF + b"0" * (1024 * 1024)))

    def test_it_refuses_too_many_files_at_the_form(self):
        from django.utils.datastructures import MultiValueDict

        from gongkai.applications.forms import AttachmentForm

        files = [upload(f"{i}.pdf", PDF) for i in range(settings.GONGKAI_ATTACHMENT_MAX_FILES + 1)]
        form = AttachmentForm({}, MultiValueDict({"attachments": files}))
        self.assertFalse(form.is_valid())
        self.assertIn("最多上传 5 个附件。", form.errors["attachments"])


class AttachmentAccessTestCase(QuietRefusalsMixin, BaseTestCase):
    def setUp(self):
        super().setUp()
        self.app = make_application(self.agency_a)
        self.attachment = store_attachment(self.app, upload("身份证.pdf", PDF), actor=self.alice)
        self.url = (
            f"/staff/agencies/wuzongxiao/applications/{self.app.receipt_number}"
            f"/attachments/{self.attachment.pk}/"
        )

    def test_it_stores_outside_the_web_root_under_a_random_name(self):
        path = self.attachment.file.path
        self.assertFalse(path.startswith(str(settings.STATIC_ROOT)))
        self.assertNotIn("身份证", path)
        # No URL serves the storage: the file is reached only through the access-checked view.
        self.client.force_login(self.alice)
        self.assertEqual(self.client.get("/" + self.attachment.file.name).status_code, 404)
        self.assertEqual(self.client.get("/media/" + self.attachment.file.name).status_code, 404)

    def test_it_serves_the_file_only_to_the_bodys_own_staff(self):
        self.client.force_login(self.alice)
        response = self.client.get(self.url)
        self.assertEqual(b"".join(response.streaming_content), PDF)
        self.assertIn("attachment", response["Content-Disposition"])
        self.assertTrue(
            self.app.events.filter(kind="personal_data_viewed", note="身份证.pdf").exists()
        )
        self.client.force_login(self.sam)  # supervisor: reads the case, not the documents
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(self.url).status_code, 302)


class ObjectStorageTestCase(BaseTestCase):
    """django-storages' S3 backend against moto's server on loopback (no network)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        import logging

        import boto3
        from moto.server import ThreadedMotoServer

        # moto's werkzeug server logs each request; the test output stays quiet.
        werkzeug = logging.getLogger("werkzeug")
        cls._werkzeug_level = werkzeug.level
        werkzeug.setLevel(logging.ERROR)
        cls.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        cls.server.start()
        host, port = cls.server.get_host_and_port()
        cls.endpoint = f"http://{host}:{port}"
        boto3.client(
            "s3",
            endpoint_url=cls.endpoint,
            aws_access_key_id="test",
            aws_secret_access_key="test",
            region_name="us-east-1",
        ).create_bucket(Bucket="gongkai-test")

    @classmethod
    def tearDownClass(cls):
        import logging

        cls.server.stop()
        logging.getLogger("werkzeug").setLevel(cls._werkzeug_level)
        super().tearDownClass()

    def test_it_stores_and_serves_attachments_from_object_storage(self):
        s3 = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "gongkai-test",
                "endpoint_url": self.endpoint,
                "access_key": "test",
                "secret_key": "test",
                "region_name": "us-east-1",
                "default_acl": None,
                "file_overwrite": False,
            },
        }
        with override_settings(STORAGES={**settings.STORAGES, "applications": s3}):
            app = make_application(self.agency_a)
            attachment = store_attachment(app, upload("scan.pdf", PDF))
            self.assertTrue(storages["applications"].exists(attachment.file.name))
            self.client.force_login(self.alice)
            response = self.client.get(
                f"/staff/agencies/wuzongxiao/applications/{app.receipt_number}/attachments/{attachment.pk}/"
            )
            self.assertEqual(b"".join(response.streaming_content), PDF)


class AttachViewTestCase(QuietRefusalsMixin, BaseTestCase):
    def test_it_attaches_a_checked_file_and_refuses_a_disguised_one(self):
        app = make_application(self.agency_a)
        url = f"/staff/agencies/wuzongxiao/applications/{app.receipt_number}/attach/"
        self.client.force_login(self.alice)
        response = self.client.post(url, {"attachments": [upload("授权委托书.pdf", PDF)]})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            list(app.attachments.values_list("original_name", flat=True)), ["授权委托书.pdf"]
        )
        response = self.client.post(url, {"attachments": [upload("scan.pdf", b"MZ\x90\x00exe")]})
        self.assertIn("附件“scan.pdf”的格式不受支持", response.content.decode())
        self.assertEqual(app.attachments.count(), 1)
        self.client.force_login(self.sam)
        self.assertEqual(
            self.client.post(url, {"attachments": [upload("x.pdf", PDF)]}).status_code, 403
        )
