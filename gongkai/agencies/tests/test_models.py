import datetime

from django.core.exceptions import ValidationError
from django.test import TestCase

from gongkai.agencies.models import Agency, ReportDeadline, validate_uscc
from gongkai.test import BaseTestCase, make_uscc


class UsccTestCase(TestCase):
    def test_it_accepts_a_valid_code(self):
        validate_uscc("91110000600037341L")  # python-stdnum's own example

    def test_it_rejects_a_wrong_check_character_in_chinese(self):
        with self.assertRaisesMessage(ValidationError, "统一社会信用代码校验失败：校验位不正确"):
            validate_uscc("91110000600037341M")

    def test_it_rejects_a_wrong_length(self):
        with self.assertRaisesMessage(ValidationError, "应为 18 位"):
            validate_uscc("9111000060003734")

    def test_it_rejects_forbidden_letters(self):
        with self.assertRaisesMessage(ValidationError, "不含 I、O、S、V、Z"):
            validate_uscc("9111000060003734OL")

    def test_it_validates_through_full_clean(self):
        agency = Agency(name="某机关", kind=Agency.Kind.OTHER, uscc="91110000600037341M")
        with self.assertRaises(ValidationError) as ctx:
            agency.full_clean()
        self.assertIn("uscc", ctx.exception.message_dict)

    def test_it_stores_the_compact_upper_case_form(self):
        agency = Agency.objects.create(
            name="某机关", kind=Agency.Kind.OTHER, uscc="9111 0000 6000 3734 1l"
        )
        self.assertEqual(agency.uscc, "91110000600037341L")
        self.assertEqual(agency.slug, "91110000600037341l")


class OrgCodeTestCase(TestCase):
    def test_it_is_characters_9_to_17(self):
        self.assertEqual(Agency(uscc="91110000600037341L").org_code, "600037341")

    def test_it_is_empty_without_a_uscc(self):
        self.assertEqual(Agency(uscc="").org_code, "")

    def test_make_uscc_builds_valid_codes(self):
        code = make_uscc("T00000029")
        validate_uscc(code)
        self.assertEqual(code[:17], "11653221T00000029")


class ReportDeadlineTestCase(TestCase):
    def test_it_maps_each_kind(self):
        expected = {
            Agency.Kind.PROVINCE: "03-31",
            Agency.Kind.PREFECTURE: "03-10",
            Agency.Kind.COUNTY: "02-20",
            Agency.Kind.DEPARTMENT: "01-31",
            Agency.Kind.TOWNSHIP: "01-31",
            Agency.Kind.SUBDISTRICT: "01-31",
            Agency.Kind.AGENCY_OFFICE: "01-31",
            Agency.Kind.OTHER: "01-31",
        }
        for kind, deadline in expected.items():
            with self.subTest(kind=kind):
                agency = Agency(kind=kind)
                self.assertEqual(agency.report_deadline_kind(), deadline)
                # The label shown and the date the report engine checks never diverge.
                self.assertEqual(agency.report_deadline(2025).strftime("%m-%d"), deadline)

    def test_it_names_its_kind_in_the_report_engines_terms(self):
        self.assertEqual(Agency(kind=Agency.Kind.PREFECTURE).report_body_kind, "prefecture")
        self.assertEqual(Agency(kind=Agency.Kind.SUBDISTRICT).report_body_kind, "township")
        self.assertEqual(Agency(kind=Agency.Kind.DEPARTMENT).report_body_kind, "department")

    def test_it_gives_the_date_in_the_following_year(self):
        self.assertEqual(
            Agency(kind=Agency.Kind.TOWNSHIP).report_deadline(2023), datetime.date(2024, 1, 31)
        )
        self.assertEqual(
            Agency(kind=Agency.Kind.COUNTY).report_deadline(2025), datetime.date(2026, 2, 20)
        )
        self.assertIs(Agency(kind=Agency.Kind.COUNTY).report_deadline_kind(), ReportDeadline.COUNTY)


class HierarchyTestCase(BaseTestCase):
    def test_it_keeps_a_materialised_path(self):
        self.assertEqual(self.county.path, f"/{self.county.pk}/")
        self.assertEqual(self.agency_a.path, f"/{self.county.pk}/{self.agency_a.pk}/")

    def test_descendants_include_every_level_in_one_query(self):
        dept = Agency.objects.create(name="某局", kind=Agency.Kind.DEPARTMENT, parent=self.county)
        office = Agency.objects.create(name="某所", kind=Agency.Kind.AGENCY_OFFICE, parent=dept)
        with self.assertNumQueries(1):
            names = set(Agency.objects.descendants_of(self.county).values_list("name", flat=True))
        self.assertEqual(
            names,
            {self.county.name, self.agency_a.name, self.agency_b.name, dept.name, office.name},
        )
        self.assertEqual(
            set(dept.subtree(include_self=False).values_list("name", flat=True)), {"某所"}
        )

    def test_subtree_of_a_leaf_is_itself(self):
        self.assertEqual(list(self.agency_a.subtree()), [self.agency_a])

    def test_pk_prefixes_do_not_leak_into_other_subtrees(self):
        # "/1/" must not match "/12/": the trailing slash in the path prevents it.
        others = [Agency.objects.create(name=f"机关{i}", kind="other") for i in range(12)]
        root = Agency.objects.get(pk=self.county.pk)
        subtree_pks = set(root.subtree().values_list("pk", flat=True))
        self.assertTrue(subtree_pks.isdisjoint({o.pk for o in others}))

    def test_moving_a_body_moves_its_subtree(self):
        office = Agency.objects.create(name="某站", kind="other", parent=self.agency_a)
        self.agency_a.parent = self.agency_b
        self.agency_a.save()
        office.refresh_from_db()
        self.assertEqual(
            office.path, f"/{self.county.pk}/{self.agency_b.pk}/{self.agency_a.pk}/{office.pk}/"
        )
        self.assertIn(office, self.agency_b.subtree())

    def test_it_refuses_a_parent_below_itself(self):
        self.county.parent = self.agency_a
        with self.assertRaises(ValidationError) as ctx:
            self.county.full_clean()
        self.assertIn("上级机关不能是本机关或其下级机关", str(ctx.exception))

    def test_ancestors_are_root_first(self):
        office = Agency.objects.create(name="某站", kind="other", parent=self.agency_a)
        self.assertEqual(list(office.ancestors()), [self.county, self.agency_a])

    def test_update_guide_saves_only_changed_fields(self):
        changed = self.agency_a.update_guide(
            office_name=self.agency_a.office_name, phone="0903-2512345"
        )
        self.assertEqual(changed, ["phone"])
        self.agency_a.refresh_from_db()
        self.assertEqual(self.agency_a.phone, "0903-2512345")

    def test_update_guide_validates(self):
        with self.assertRaises(ValidationError):
            self.agency_a.update_guide(email="not-an-address")
