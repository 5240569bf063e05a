"""The public online form, the 受理回执 and the staff intake (条例 Art. 29, 31)."""

from datetime import date

import time_machine
from django.urls import reverse

from gongkai.applications.models import Application
from gongkai.test import BaseTestCase, make_ric, make_uscc


def form_data(**overrides):
    data = {
        "token": "token-abcdefghijkl",
        "applicant_type": "natural",
        "applicant_name": "买买提·艾力",
        "id_type": "ric",
        "id_number": make_ric(),
        "phone": "0903-1234567",
        "address": "和田县吾宗肖乡",
        "form_wanted": "paper",
        "delivery": "post",
        "items-TOTAL_FORMS": "3",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "20",
        "items-0-title": "2026年乡村道路建设资金分配表",
        "items-1-document_number": "吾乡发〔2026〕3号",
    }
    data.update(overrides)
    return data


@time_machine.travel("2026-09-30 10:00 +0800", tick=False)
class PublicApplyTestCase(BaseTestCase):
    url = "/bodies/wuzongxiao/apply/"

    def test_it_takes_an_application_and_shows_the_receipt(self):
        response = self.client.post(self.url, form_data())
        self.assertRedirects(response, reverse("apply:receipt", kwargs={"slug": "wuzongxiao"}))
        app = Application.objects.get()
        self.assertEqual(
            (app.channel, app.received_on, app.due_on),
            ("online", date(2026, 9, 30), date(2026, 11, 3)),
        )
        self.assertEqual(
            [i.title or i.document_number for i in app.items.all()],
            ["2026年乡村道路建设资金分配表", "吾乡发〔2026〕3号"],
        )
        page = self.client.get(response["Location"]).content.decode()
        self.assertIn(app.receipt_number, page)
        self.assertIn(app.query_code, page)
        self.assertIn("2026-11-03", page)
        # No applicant data on a public page.
        self.assertNotIn("买买提", page)
        self.assertNotIn(app.id_number, page)

    def test_it_stores_a_double_submission_once(self):
        self.client.post(self.url, form_data())
        self.client.post(self.url, form_data())
        self.assertEqual(Application.objects.count(), 1)
        self.client.post(self.url, form_data(token="another-token-xyz"))
        self.assertEqual(Application.objects.count(), 2)

    def test_it_refuses_a_bad_id_checksum_and_keeps_the_input(self):
        good = make_ric()
        bad = good[:-1] + ("0" if good[-1] != "0" else "1")
        response = self.client.post(self.url, form_data(id_number=bad, applicant_name="张三丰"))
        self.assertEqual(response.status_code, 400)
        page = response.content.decode()
        self.assertIn("居民身份证号码校验失败：校验位不正确。", page)
        self.assertIn('value="张三丰"', page)
        self.assertIn(f'value="{bad}"', page)
        self.assertIn("2026年乡村道路建设资金分配表", page)
        self.assertEqual(Application.objects.count(), 0)

    def test_it_refuses_a_missing_contact_and_missing_items(self):
        response = self.client.post(
            self.url,
            form_data(
                phone="",
                address="",
                delivery="pickup",
                **{"items-0-title": "", "items-1-document_number": ""},
            ),
        )
        page = response.content.decode()
        self.assertIn(
            "请至少填写一种联系方式：联系电话、电子邮箱或通信地址（条例第二十九条）。", page
        )
        self.assertIn("请至少填写一项所需信息的名称、文号或便于查询的特征性描述", page)

    def test_it_checks_organisations_by_their_uscc(self):
        response = self.client.post(self.url, form_data(applicant_type="business", id_type="ric"))
        self.assertIn("法人或其他组织请填写统一社会信用代码。", response.content.decode())
        response = self.client.post(
            self.url,
            form_data(
                applicant_type="business",
                id_type="uscc",
                id_number=make_uscc("T00000045")[:-1] + "0",
            ),
        )
        self.assertIn("统一社会信用代码校验失败", response.content.decode())
        self.client.post(
            self.url,
            form_data(applicant_type="business", id_type="uscc", id_number=make_uscc("T00000045")),
        )
        self.assertEqual(Application.objects.get().applicant_type, "business")

    def test_it_shows_no_receipt_to_another_browser(self):
        self.client.post(self.url, form_data())
        other = self.client_class()
        page = other.get("/bodies/wuzongxiao/apply/receipt/").content.decode()
        self.assertIn("没有可显示的回执", page)
        self.assertNotIn(Application.objects.get().query_code, page)


@time_machine.travel("2026-09-30 10:00 +0800", tick=False)
class IntakeTestCase(BaseTestCase):
    url = "/staff/agencies/wuzongxiao/applications/new/"

    def setUp(self):
        self.client.force_login(self.alice)

    def test_the_empty_form_offers_today_as_an_iso_date_the_date_picker_keeps(self):
        # In Chinese Django would print 2026/09/30, which <input type="date"> discards.
        page = self.client.get(self.url).content.decode()
        self.assertIn('type="date" name="arrived_on" value="2026-09-30"', page)

    def test_it_refuses_a_receipt_date_in_the_future(self):
        response = self.client.post(
            self.url,
            form_data(
                channel="registered_mail",
                arrived_on="2026-09-29",
                received_on="2026-10-08",
                receipt_confirmation="签收",
            ),
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("收到申请日期不能晚于今天。", response.content.decode())
        self.assertIn('value="2026-10-08"', response.content.decode())

    def test_it_keeps_mail_waiting_for_its_signature(self):
        self.client.post(self.url, form_data(channel="ordinary_mail", arrived_on="2026-09-29"))
        app = Application.objects.get()
        self.assertEqual(
            (app.status, app.received_on, app.arrived_on),
            ("awaiting_receipt", None, date(2026, 9, 29)),
        )

    def test_it_takes_an_oral_application_written_down_by_staff(self):
        response = self.client.post(self.url, form_data(channel="oral", arrived_on="2026-09-30"))
        app = Application.objects.get()
        self.assertRedirects(
            response, f"/staff/agencies/wuzongxiao/applications/{app.receipt_number}/"
        )
        self.assertEqual((app.received_on, app.transcribed_by), (date(2026, 9, 30), self.alice))

    def test_it_needs_a_confirmation_for_a_signed_letter(self):
        response = self.client.post(
            self.url,
            form_data(channel="registered_mail", arrived_on="2026-09-29", received_on="2026-09-30"),
        )
        self.assertIn("请写明如何确认收到", response.content.decode())
        self.client.post(
            self.url,
            form_data(
                channel="registered_mail",
                arrived_on="2026-09-29",
                received_on="2026-09-30",
                receipt_confirmation="收发室签收",
            ),
        )
        self.assertEqual(Application.objects.get().receipt_confirmation, "收发室签收")

    def test_it_refuses_a_supervisor(self):
        self.client.force_login(self.sam)
        self.assertEqual(self.client.get(self.url).status_code, 403)
