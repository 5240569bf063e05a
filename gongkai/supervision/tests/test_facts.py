"""Section 一(三)/(五) facts and draft sentences from the records (国办公开办函〔2021〕30号 一(一)),
pinned on the seed township's 2023 records (gongkai/supervision/demo.py)."""

from __future__ import annotations

import datetime

from gongkai.supervision.demo import load_supervision_demo
from gongkai.supervision.facts import SectionOneFacts, draft_section_one, draft_supervision
from gongkai.supervision.models import Accountability, Complaint, Consultation
from gongkai.test import BaseTestCase, make_consultation

D = datetime.date

# The seed report's published section 一(五) (../shared/seeds/000_d4cf2388c7c6da47.txt).
SEED = (
    "吾宗肖乡人民政府成立领导小组，制定政务公开工作细则，夯实责任，定期开展政务公开信息自查，"
    "对发现错误的公开内容、及时整改，加强业务人员定期培训，提升工作能力，同时做好政府信息公开"
    "电话的接听与登记工作，主动接受公众监督，2023年度，吾宗肖乡未出现针对政府信息公开工作的相关"
    "投诉，未产生对干部职工的政府信息公开工作责任追究问题。"
)


class SeedTownshipTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.loaded = load_supervision_demo({"wuzongxiao": cls.agency_a})

    def test_it_drafts_the_seed_townships_section_five(self):
        draft = draft_section_one(self.agency_a, 2023)
        self.assertEqual(
            draft.supervision,
            "吾宗肖乡成立政务公开工作领导小组，由乡党委副书记、乡长任组长；"
            "吾宗肖乡人民政府党政综合办公室具体负责政府信息公开日常工作，配备工作人员2名"
            "（专职0名、兼职2名）；制定《吾宗肖乡政务公开工作细则》；"
            "开展政务公开信息自查4次，发现问题3个，已整改3个；"
            "组织业务人员培训2次、参训14人次；"
            "做好政府信息公开咨询的接听与登记工作，全年登记咨询5次（电话5次）。"
            "2023年度，吾宗肖乡未收到针对政府信息公开工作的投诉、举报，"
            "未产生政府信息公开工作责任追究问题。",
        )

    def test_it_says_what_the_seed_says_in_the_same_order(self):
        draft = draft_section_one(self.agency_a, 2023).supervision
        # Each fact of the published paragraph, in the order the paragraph gives them.
        for seed_words, ours in [
            ("成立领导小组", "成立政务公开工作领导小组"),
            ("制定政务公开工作细则", "制定《吾宗肖乡政务公开工作细则》"),
            ("定期开展政务公开信息自查", "开展政务公开信息自查4次"),
            ("及时整改", "已整改3个"),
            ("加强业务人员定期培训", "组织业务人员培训2次"),
            ("电话的接听与登记工作", "接听与登记工作，全年登记咨询5次（电话5次）"),
            ("未出现针对政府信息公开工作的相关投诉", "未收到针对政府信息公开工作的投诉"),
            (
                "未产生对干部职工的政府信息公开工作责任追究问题",
                "未产生政府信息公开工作责任追究问题",
            ),
        ]:
            self.assertIn(seed_words, SEED)
            self.assertIn(ours, draft)
        positions = [
            draft.index(w)
            for w in ("领导小组", "工作细则", "自查", "培训", "咨询", "投诉", "责任追究")
        ]
        self.assertEqual(positions, sorted(positions))

    def test_it_counts_the_seed_townships_year(self):
        f = draft_section_one(self.agency_a, 2023).facts
        self.assertEqual((f.trainings, f.training_attendance), (2, 14))
        self.assertEqual((f.inspections, f.problems_found, f.problems_fixed), (4, 3, 3))
        self.assertEqual(f.consultations_by_channel, (("电话", 5),))
        self.assertEqual((f.complaints, f.accountability), (0, 0))
        self.assertEqual((f.staff_dedicated, f.staff_part_time), (0, 2))
        self.assertEqual(f.rules_new, ("吾宗肖乡政务公开工作细则",))

    def test_it_counts_nothing_in_another_year(self):
        f = draft_section_one(self.agency_a, 2022).facts
        self.assertEqual((f.trainings, f.inspections, f.consultations), (0, 0, 0))
        self.assertFalse(f.leading_group)  # established 2023-02-15

    def test_loading_the_demo_twice_changes_nothing(self):
        self.assertEqual(self.loaded, 16)
        self.assertEqual(load_supervision_demo({"wuzongxiao": self.agency_a}), 0)

    def test_it_states_complaints_and_accountability_when_there_were_some(self):
        for finding, correction in (("upheld", "补充公开了低保名单"), ("rejected", "")):
            Complaint.objects.create(
                agency=self.agency_a,
                on=D(2023, 6, 1),
                kind="complaint",
                receiver="supervisor",
                subject="低保名单未公开",
                complainant_name="张某",
                finding=finding,
                correction=correction,
                closed_on=D(2023, 6, 20),
            )
        Accountability.objects.create(
            agency=self.agency_a,
            on=D(2023, 7, 1),
            ground="art53_2",
            person="某干部",
            measure="通报批评",
        )
        text = draft_section_one(self.agency_a, 2023).supervision
        self.assertIn(
            "收到针对政府信息公开工作的投诉、举报2件（不成立1件、成立1件），已督促整改1件", text
        )
        self.assertIn("对政府信息公开工作责任追究1人次（通报批评1人次）。", text)
        self.assertNotIn("未收到", text)
        self.assertNotIn("未产生", text)
        self.assertNotIn("张某", text)
        self.assertNotIn("某干部", text)

    def test_it_counts_consultations_that_became_applications(self):
        consultation = make_consultation(self.agency_a, on=D(2023, 12, 1), channel="visit")
        Consultation.objects.filter(pk=consultation.pk).update(application=self._application())
        f = draft_section_one(self.agency_a, 2023).facts
        self.assertEqual(f.consultations_by_channel, (("电话", 5), ("来访", 1)))
        self.assertEqual(f.consultations_applied, 1)

    def _application(self):
        from gongkai.test import make_application

        return make_application(self.agency_a, received_on=D(2023, 12, 1))


class DraftWordingTestCase(BaseTestCase):
    def test_an_empty_year_still_says_no_complaint_and_no_accountability(self):
        text = draft_supervision(SectionOneFacts(body="拉依喀乡", year=2024))
        self.assertEqual(
            text,
            "2024年度，拉依喀乡未收到针对政府信息公开工作的投诉、举报，未产生政府信息公开工作责任追究问题。",
        )

    def test_management_reports_reassessment_and_new_kinds(self):
        from gongkai.supervision.facts import draft_management

        text = draft_management(
            SectionOneFacts(
                body="吾宗肖乡",
                year=2023,
                published=12,
                new_kinds=("规划信息", "统计信息"),
                reassessed=3,
                released=1,
            )
        )
        self.assertEqual(
            text,
            "2023年度，吾宗肖乡在政府信息公开目录中主动公开政府信息12条，新增规划信息、统计信息等内容；"
            "对依申请公开和不予公开的政府信息开展定期评估审查3件，其中因情势变化转为主动公开1件。",
        )
