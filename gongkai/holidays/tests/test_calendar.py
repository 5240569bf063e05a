"""get_calendar(): the DayOverride table as a cached WorkCalendar."""

from datetime import date
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.holidays import calendar as calendar_module
from gongkai.holidays.calendar import get_calendar, invalidate
from gongkai.holidays.models import DayOverride
from gongkai.workdays import DueDate, Override

D = date.fromisoformat


def closure(day="2026-03-03", **kwargs):
    fields = {"kind": DayOverride.Kind.DAY_OFF, "name": "临时闭馆", **kwargs}
    return DayOverride.objects.create(date=D(day), **fields)


class CalendarTestCase(TestCase):
    def setUp(self):
        # The cache is process-wide and outlives each test's rolled-back transaction.
        invalidate()
        self.addCleanup(invalidate)
        self.now = 1000.0
        patcher = mock.patch.object(calendar_module, "_clock", lambda: self.now)
        patcher.start()
        self.addCleanup(patcher.stop)


class GetCalendarTestCase(CalendarTestCase):
    def test_it_applies_the_overrides_from_the_table(self):
        self.assertEqual(get_calendar().add_working_days(D("2026-03-02"), 1).date, D("2026-03-03"))
        closure()
        self.assertEqual(get_calendar().add_working_days(D("2026-03-02"), 1).date, D("2026-03-04"))
        self.assertEqual(get_calendar().day_name(D("2026-03-03")), "临时闭馆")

    def test_it_caches_the_calendar_between_calls(self):
        first = get_calendar()
        with self.assertNumQueries(0):
            self.assertIs(get_calendar(), first)

    def test_it_sees_changes_made_in_this_process_at_once(self):
        row = closure()
        self.assertFalse(get_calendar().is_workday(D("2026-03-03")))
        DayOverride.objects.filter(pk=row.pk).update(kind=DayOverride.Kind.WORKDAY)
        self.assertTrue(get_calendar().is_workday(D("2026-03-03")))
        DayOverride.objects.filter(pk=row.pk).delete()
        self.assertEqual(get_calendar().overrides, {})
        DayOverride.objects.bulk_create([DayOverride(date=D("2026-03-07"), kind="workday")])
        self.assertTrue(get_calendar().is_workday(D("2026-03-07")))  # a Saturday
        DayOverride.objects.get(date=D("2026-03-07")).delete()
        self.assertFalse(get_calendar().is_workday(D("2026-03-07")))

    def test_it_notices_another_process_within_the_recheck_interval(self):
        first = get_calendar()
        # Another app server inserts a row: no invalidation reaches this process.
        now = timezone.now()
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO holidays_dayoverride (date, kind, name, source, note, created, changed)"
                " VALUES (%s, 'day_off', '临时闭馆', '', '', %s, %s)",
                [D("2026-03-03"), now, now],
            )
        self.now += 29
        with self.assertNumQueries(0):
            self.assertIs(get_calendar(), first)
        self.now += 2  # 31 s after the first load: the stamp is read and differs
        with self.assertNumQueries(2):
            second = get_calendar()
        self.assertFalse(second.is_workday(D("2026-03-03")))
        self.now += 31  # nothing changed: one stamp query, same calendar
        with self.assertNumQueries(1):
            self.assertIs(get_calendar(), second)

    @override_settings(GONGKAI_CALENDAR_RECHECK_SECONDS=5)
    def test_it_reads_the_recheck_interval_from_settings(self):
        get_calendar()
        self.now += 6
        with self.assertNumQueries(1):
            get_calendar()

    def test_it_covers_a_year_once_its_notice_is_entered(self):
        self.assertTrue(get_calendar().add_working_days(D("2026-12-15"), 20).provisional)
        # Made-up test data, NOT the real 2027 arrangement.
        closure("2027-01-01", name="元旦", source="国办发明电〔2026〕X号（测试）")
        due = get_calendar().add_working_days(D("2026-12-15"), 20)
        self.assertEqual(due, DueDate(D("2027-01-13"), False))

    @override_settings(GONGKAI_CALENDAR_OVERRIDES_COVER_YEAR=False)
    def test_it_can_keep_override_years_uncovered(self):
        closure("2027-01-01", name="元旦")
        due = get_calendar().add_working_days(D("2026-12-15"), 20)
        self.assertEqual(due, DueDate(D("2027-01-13"), True))

    @override_settings(GONGKAI_CALENDAR_UNCOVERED_RULE="weekends+fixed")
    def test_it_can_rest_on_the_fixed_holidays_of_uncovered_years(self):
        self.assertFalse(get_calendar().is_workday(D("2027-01-01")))
        self.assertTrue(get_calendar().is_workday(D("2027-01-04")))

    @override_settings(GONGKAI_CALENDAR_UNCOVERED_RULE="lunar")
    def test_it_rejects_an_unknown_rule(self):
        with self.assertRaisesRegex(ImproperlyConfigured, "GONGKAI_CALENDAR_UNCOVERED_RULE"):
            get_calendar()


class DayOverrideTestCase(CalendarTestCase):
    def test_it_converts_rows_to_overrides(self):
        closure("2026-03-03")
        DayOverride.objects.create(date=D("2026-03-07"), kind="workday", name="调休上班")
        self.assertEqual(
            DayOverride.objects.as_overrides(),
            [
                Override(D("2026-03-03"), False, "临时闭馆"),
                Override(D("2026-03-07"), True, "调休上班"),
            ],
        )

    def test_it_describes_itself_in_chinese(self):
        self.assertEqual(str(closure()), "2026-03-03 放假（休息日） 临时闭馆")

    def test_it_is_editable_in_the_admin(self):
        admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
        self.client.force_login(admin)
        closure()
        response = self.client.get(reverse("admin:holidays_dayoverride_changelist"))
        self.assertContains(response, "临时闭馆")
        self.assertContains(response, "星期二")
        response = self.client.post(
            reverse("admin:holidays_dayoverride_add"),
            {"date": "2027-01-01", "kind": "day_off", "name": "元旦", "source": "", "note": ""},
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(get_calendar().is_workday(D("2027-01-01")))
        self.assertTrue(get_calendar().is_covered(D("2027-01-01")))


class AgencyCalendarTestCase(CalendarTestCase):
    """Rows of one body apply to it and to every body below it (放假办法 Art. 4)."""

    def setUp(self):
        super().setUp()
        self.county = Agency.objects.create(name="和田县人民政府", kind=Agency.Kind.COUNTY)
        self.town_a = Agency.objects.create(
            name="和田县吾宗肖乡人民政府", kind=Agency.Kind.TOWNSHIP, parent=self.county
        )
        self.town_b = Agency.objects.create(
            name="和田县拉依喀乡人民政府", kind=Agency.Kind.TOWNSHIP, parent=self.county
        )
        self.elsewhere = Agency.objects.create(name="某县人民政府", kind=Agency.Kind.COUNTY)

    def test_it_applies_a_body_row_to_it_and_its_subordinates(self):
        # Test data: a local holiday on Wednesday 2026-05-27.
        row = closure("2026-05-27", name="古尔邦节（测试数据）", agency=self.county)
        self.assertEqual(
            str(row), "2026-05-27 放假（休息日） 古尔邦节（测试数据）（和田县人民政府）"
        )
        day = D("2026-05-27")
        self.assertFalse(get_calendar(self.county).is_workday(day))
        self.assertFalse(get_calendar(self.town_a).is_workday(day))
        self.assertTrue(get_calendar(self.elsewhere).is_workday(day))
        self.assertTrue(get_calendar().is_workday(day))
        due = get_calendar(self.town_a).add_working_days(D("2026-05-26"), 1)
        self.assertEqual(due, DueDate(D("2026-05-28"), False))

    def test_it_lets_the_nearest_body_win(self):
        closure("2026-03-03")  # national closure
        DayOverride.objects.create(
            date=D("2026-03-03"), kind="workday", name="照常上班", agency=self.county
        )
        closure("2026-03-03", name="乡政府搬迁", agency=self.town_a)
        self.assertFalse(get_calendar().is_workday(D("2026-03-03")))
        self.assertTrue(get_calendar(self.county).is_workday(D("2026-03-03")))
        self.assertTrue(get_calendar(self.town_b).is_workday(D("2026-03-03")))
        self.assertFalse(get_calendar(self.town_a).is_workday(D("2026-03-03")))
        self.assertEqual(get_calendar(self.town_a).day_name(D("2026-03-03")), "乡政府搬迁")

    def test_it_shares_one_calendar_among_bodies_without_local_rows(self):
        closure("2026-05-27", agency=self.county)
        self.assertIs(get_calendar(self.elsewhere), get_calendar())
        self.assertIs(get_calendar(self.town_a), get_calendar(self.town_b))
        self.assertIsNot(get_calendar(self.town_a), get_calendar())

    def test_it_allows_one_row_per_day_for_the_platform_and_for_each_body(self):
        closure("2026-03-03")
        closure("2026-03-03", agency=self.county)
        with self.assertRaises(ValidationError) as caught:
            DayOverride(date=D("2026-03-03"), kind="day_off").full_clean()
        self.assertIn("该日期已有适用于所有机关的调整。", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            DayOverride(date=D("2026-03-03"), kind="day_off", agency=self.county).full_clean()
        self.assertIn("该机关在该日期已有调整。", str(caught.exception))
        with transaction.atomic(), self.assertRaises(IntegrityError):
            closure("2026-03-03")
