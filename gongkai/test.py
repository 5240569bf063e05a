"""Test infrastructure: the fast runner (and, below it, the shared cast of test users)."""

from __future__ import annotations

import logging
import time
import unittest
from dataclasses import dataclass

from django.test import TestCase
from django.test.runner import DiscoverRunner
from django.urls import URLPattern, URLResolver, get_resolver


class Runner(DiscoverRunner):
    """Django's runner with a fast password hasher and a plain closing line.

    The closing line ``tests: N passed, N failed`` lets CI tell an empty run from a green one.
    """

    def setup_test_environment(self, **kwargs):
        super().setup_test_environment(**kwargs)
        from django.conf import settings

        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        # Lockout tests fail logins on purpose; axes logs each failure as a warning.
        logging.getLogger("axes").setLevel(logging.ERROR)

        # Uploaded files (catalog attachments, applications' private files) go to throw-away
        # folders, never to the developer's data/.
        import tempfile

        self._media = tempfile.TemporaryDirectory(prefix="gongkai-test-media-")
        settings.MEDIA_ROOT = self._media.name
        self._uploads = tempfile.TemporaryDirectory(prefix="gongkai-test-uploads-")
        settings.STORAGES["applications"]["OPTIONS"]["location"] = self._uploads.name
        # The public column's page cache would carry pages from one test into the next.
        settings.GONGKAI_COLUMN_CACHE_SECONDS = 0

        # `check_report` takes its language from the environment (LANGUAGE … LANG, --lang):
        # tests expect its Chinese default whatever the developer's locale.
        import os

        self._language = os.environ.get("LANGUAGE")
        os.environ["LANGUAGE"] = "zh_CN"

    def teardown_test_environment(self, **kwargs):
        super().teardown_test_environment(**kwargs)
        import os

        if self._language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = self._language
        self._media.cleanup()
        self._uploads.cleanup()

    def get_resultclass(self):
        return super().get_resultclass() or TimedResult

    def suite_result(self, suite, result, **kwargs):
        failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
        skipped = len(result.skipped)
        passed = result.testsRun - failed - skipped
        slowest = sorted(getattr(result, "seconds", {}).items(), key=lambda kv: -kv[1])[:8]
        if slowest and result.testsRun > 100:  # CI must stay under 30 minutes: say where it goes
            print("slowest test classes: " + ", ".join(f"{n} {s:.0f} s" for n, s in slowest))
        print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
        return super().suite_result(suite, result, **kwargs)


class TimedResult(unittest.TextTestResult):
    """Seconds spent per test class (its tests and its class set-up), for the closing lines."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.seconds: dict[str, float] = {}
        self._since = time.perf_counter()

    def stopTest(self, test):
        super().stopTest(test)
        now = time.perf_counter()
        name = f"{type(test).__module__.rsplit('.', 1)[-1]}.{type(test).__name__}"
        self.seconds[name] = self.seconds.get(name, 0.0) + now - self._since
        self._since = now


# A made-up but valid USCC for tests: "11" (机构编制, 机关) + 和田县's division code 653221 + a
# 9-character organisation code; the check character is computed, never typed.
def make_uscc(org_code: str, *, division: str = "653221") -> str:
    from stdnum.cn import uscc

    base = "11" + division + org_code
    return base + uscc.calc_check_digit(base)


# URL kwarg name -> factory(test_case) -> value, used by the access walk
# (gongkai/agencies/tests/test_access_urls.py). A later app registers its own kwargs here,
# e.g. URL_KWARG_FACTORIES["application_pk"] = lambda tc: tc.make_application().pk; a key
# "<namespace>:<url name>.<kwarg>" overrides the plain kwarg name for one URL.
# Every factory must return an object that belongs to body A (tc.agency_a).
URL_KWARG_FACTORIES = {
    "slug": lambda tc: tc.agency_a.slug,
}


@dataclass
class Route:
    name: str  # "namespace:name"
    route: str  # the pattern text, for messages
    kwargs: tuple[str, ...]


def walk_urls(resolver=None, prefix: str = "", namespace: str = "", outer: tuple[str, ...] = ()):
    """Yield every URLPattern of the URLconf with its full name and the kwargs it takes
    (its own and those of the include()s above it)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        own = tuple(getattr(entry.pattern, "converters", {}))
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk_urls(entry, route, ns, outer + own)
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield Route(name=name or "", route=route, kwargs=tuple(sorted({*outer, *own})))


def build_url_kwargs(test_case, route: Route) -> dict:
    kwargs = {}
    for kwarg in route.kwargs:
        factory = URL_KWARG_FACTORIES.get(f"{route.name}.{kwarg}") or URL_KWARG_FACTORIES.get(kwarg)
        if factory is None:
            raise LookupError(
                f"{route.name} ({route.route}): no factory for URL kwarg {kwarg!r}; "
                "register one in gongkai.test.URL_KWARG_FACTORIES"
            )
        kwargs[kwarg] = factory(test_case)
    return kwargs


class QuietRefusalsMixin:
    def setUp(self):
        super().setUp()
        # Refusals are expected here; keep Django's "Forbidden"/"Not Found" warnings quiet.
        logger = logging.getLogger("django.request")
        self.addCleanup(logger.setLevel, logger.level)
        logger.setLevel(logging.ERROR)


PASSWORD = "gongkai-test-2026"


def create_cast(cast) -> None:
    """Create the cast of :class:`BaseTestCase` and set it as attributes of ``cast`` (a test
    class, or a test instance for live-server tests, whose data must really be committed)."""
    from gongkai.agencies.models import Agency, Membership, Role, User

    cast.county = Agency.objects.create(
        name="和田县人民政府",
        short_name="和田县",
        kind=Agency.Kind.COUNTY,
        slug="hotan-county",
        uscc=make_uscc("T00000010"),
    )
    cast.agency_a = Agency.objects.create(
        name="和田县吾宗肖乡人民政府",
        short_name="吾宗肖乡",
        kind=Agency.Kind.TOWNSHIP,
        parent=cast.county,
        slug="wuzongxiao",
        uscc=make_uscc("T00000029"),
        office_name="吾宗肖乡人民政府党政综合办公室",
    )
    cast.agency_b = Agency.objects.create(
        name="和田县拉依喀乡人民政府",
        short_name="拉依喀乡",
        kind=Agency.Kind.TOWNSHIP,
        parent=cast.county,
        slug="layika",
        uscc=make_uscc("T00000037"),
    )

    def user(username, **extra):
        return User.objects.create_user(username, password=PASSWORD, **extra)

    cast.alice = user("alice")
    cast.adam = user("adam")
    cast.sam = user("sam")
    cast.bob = user("bob")
    cast.admin = user("admin", is_superuser=True, is_staff=True)
    cast.nobody = user("nobody")
    Membership.objects.bulk_create(
        [
            Membership(user=cast.alice, agency=cast.agency_a, role=Role.OFFICER),
            Membership(user=cast.adam, agency=cast.agency_a, role=Role.HEAD),
            Membership(user=cast.sam, agency=cast.county, role=Role.SUPERVISOR),
            Membership(user=cast.bob, agency=cast.agency_b, role=Role.OFFICER),
        ]
    )


class BaseTestCase(TestCase):
    """A small cast shared by the whole suite (house style lesson 13).

    Bodies::

        county      和田县人民政府              (县级人民政府)
        ├── agency_a   和田县吾宗肖乡人民政府   (乡镇) — body A, the seed report's body
        └── agency_b   和田县拉依喀乡人民政府   (乡镇) — body B, a neighbour

    People (all with password ``PASSWORD``):

        alice   经办人 of A: handles A's cases and items
        adam    负责人 of A: approves A's extensions, answers, publications; edits A's guide
        sam     监督 of the county: reads the county and everything below it, writes nothing
        bob     经办人 of B: must NEVER see anything of A
        admin   platform administrator (is_superuser): everything
        nobody  logged-in account with no role anywhere
    """

    PASSWORD = PASSWORD

    @classmethod
    def setUpTestData(cls):
        create_cast(cls)


# -- applications (依申请公开) -------------------------------------------------------------------


# A valid 居民身份证 number for tests: 和田县's division code, a birth date, a serial; the check
# character is computed, never typed (python-stdnum cn.ric).
def make_ric(birth: str = "19800101", serial: str = "001", *, division: str = "653221") -> str:
    from stdnum.cn import ric

    base = division + birth + serial
    return base + ric.calc_check_digit(base + "0")  # stdnum expects a placeholder check digit


def application_fields(**overrides) -> dict:
    """A natural person's applicant fields, as the forms hand them to submit_application()."""
    fields = {
        "applicant_type": "natural",
        "applicant_name": "买买提·艾力",
        "id_type": "ric",
        "id_number": make_ric(),
        "phone": "0903-0000000",
        "address": "和田县吾宗肖乡（测试地址）",
        "form_wanted": "paper",
        "delivery": "post",
    }
    fields.update(overrides)
    return fields


def make_application(agency, *, received_on=None, channel="in_person", items=None, **overrides):
    """An application of ``agency`` through submit_application() (received on ``received_on``)."""
    from gongkai.applications.services import submit_application

    return submit_application(
        agency=agency,
        channel=channel,
        applicant=application_fields(**overrides),
        items=items or [{"title": "2026年乡村道路建设资金分配表"}],
        arrived_on=received_on,
        received_on=received_on,
    ).application


URL_KWARG_FACTORIES["receipt"] = lambda tc: make_application(tc.agency_a).receipt_number


def make_notice(application, *, kind="answer", outcome="3.1", signed=True):
    """A notice of ``application`` drafted by a 经办人, reviewed and (``signed``) 签发 by the
    body's 负责人 (the first user holding each role)."""
    from datetime import date

    from gongkai.agencies.models import Role
    from gongkai.letters import services
    from gongkai.letters.models import Notice

    def member(role):
        return application.agency.memberships.filter(role=role).first().user

    notice = services.draft(application, kind, actor=member(Role.OFFICER), outcome=outcome)
    if signed:
        services.review(notice, actor=member(Role.OFFICER), secrecy=Notice.Secrecy.CLEAR)
        notice = services.issue(notice, actor=member(Role.HEAD), on=date(2026, 10, 9))
    return notice


URL_KWARG_FACTORIES["notice_pk"] = lambda tc: (
    make_notice(
        make_application(tc.agency_a, received_on=__import__("datetime").date(2026, 9, 28))
    ).pk
)
URL_KWARG_FACTORIES["letters:notice-download.ext"] = lambda tc: "docx"
URL_KWARG_FACTORIES["letters:template-download.kind"] = lambda tc: "answer"

# -- catalog (gongkai.catalog) ------------------------------------------------------------------


def make_item(agency, *, publish: bool = False, actor=None, **fields):
    """A catalog item of ``agency`` through the workflow: a draft, or published when asked."""
    import datetime

    from gongkai.catalog import workflow

    values = {"title": "关于2026年农村低保对象名单的公示", "written_on": datetime.date(2026, 3, 2)}
    values.update(fields)
    item = workflow.create_item(agency=agency, actor=actor, **values)
    if publish:
        workflow.submit_item(item, actor=actor)
        workflow.approve_item(
            item,
            actor=actor,
            secrecy_note="经审查，不涉及国家秘密，同意公开。",
            published_on=values.get("published_on") or datetime.date(2026, 3, 10),
        )
    return item


def _cached(test_case, key, factory):
    # One object per test for kwargs that must agree (an attachment and its item).
    store = test_case.__dict__.setdefault("_url_objects", {})
    if key not in store:
        store[key] = factory()
    return store[key]


def _draft(tc):
    return _cached(tc, "draft", lambda: make_item(tc.agency_a))


def _published(tc):
    return _cached(tc, "published", lambda: make_item(tc.agency_a, publish=True))


def _published_attachment(tc):
    def create():
        from gongkai.catalog.attachments import add_attachment
        from gongkai.catalog.samplepdf import make_pdf

        item = make_item(tc.agency_a)
        attachment = add_attachment(item, actor=None, name="公示.pdf", data=make_pdf(["公示名单"]))
        from gongkai.catalog import workflow

        workflow.submit_item(item, actor=None)
        workflow.approve_item(item, actor=None, secrecy_note="同意公开。")
        return attachment

    return _cached(tc, "attachment", create)


def _draft_attachment(tc):
    def create():
        from gongkai.catalog.attachments import add_attachment
        from gongkai.catalog.samplepdf import make_pdf

        return add_attachment(_draft(tc), actor=None, name="a.pdf", data=make_pdf(["草稿"]))

    return _cached(tc, "draft-attachment", create)


def _top_category(tc):
    from gongkai.catalog.models import Category

    return Category.objects.filter(parent=None).order_by("position").first()


URL_KWARG_FACTORIES.update(
    {
        "item_pk": lambda tc: _draft(tc).pk,
        "catalog:item-correct.item_pk": lambda tc: _published(tc).pk,
        "catalog:item-withdraw.item_pk": lambda tc: _published(tc).pk,
        "catalog:attachment-delete.item_pk": lambda tc: _draft(tc).pk,
        "catalog:attachment-delete.attachment_pk": lambda tc: _draft_attachment(tc).pk,
        "column:item.item_pk": lambda tc: _published(tc).pk,
        "column:attachment.item_pk": lambda tc: _published_attachment(tc).item_id,
        "column:attachment.attachment_pk": lambda tc: _published_attachment(tc).pk,
        "category_pk": lambda tc: _top_category(tc).pk,
        "api:get_item.item_id": lambda tc: _published(tc).pk,
    }
)


# -- standards and channels (h8) ----------------------------------------------------------


def make_template(key: str = "shehui-jiuzhu"):
    """Import one shipped standard template (idempotent): 社会救助 by default."""
    from gongkai.standards.importing import SHIPPED_DIR, import_file

    return import_file(SHIPPED_DIR / f"{key}.json").template


def make_adoption(agency, key: str = "shehui-jiuzhu"):
    from gongkai.standards.models import adopt

    return adopt(agency, make_template(key))


def make_channel(agency, **overrides):
    from gongkai.channels.models import Channel, Kind

    values = {"kind": Kind.DOUYIN, "name": "吾宗肖乡发布", "platform": "抖音", **overrides}
    channel, _ = Channel.objects.get_or_create(
        agency=agency, kind=values.pop("kind"), name=values.pop("name"), defaults=values
    )
    return channel


URL_KWARG_FACTORIES["adoption_pk"] = lambda tc: make_adoption(tc.agency_a).pk
URL_KWARG_FACTORIES["matter_pk"] = lambda tc: (
    make_adoption(tc.agency_a).template.matters.exclude(tl_kind="").first().pk
)
URL_KWARG_FACTORIES["channel_pk"] = lambda tc: make_channel(tc.agency_a).pk

# -- reports (annual report from the records) ------------------------------------------------


def bulk_applications(agency, specs, *, start: int = 0):
    """Applications of ``agency`` straight into the table, for report counts and benchmarks:
    ``specs`` is an iterable of (applicant_type, received_on, closed_on or None, outcome row
    id or ""). Bypasses the workflow on purpose: the report reads only these fields."""
    from gongkai.applications.models import Application

    objs = []
    id_number = make_ric()
    for i, (kind, received, closed, outcome) in enumerate(specs, start=start):
        objs.append(
            Application(
                agency=agency,
                receipt_number=f"T-{agency.pk}-{i:07d}",
                year=received.year,
                channel="in_person",
                arrived_on=received,
                received_on=received,
                applicant_type=kind,
                applicant_name="测试申请人",
                id_type="ric",
                id_number=id_number,
                form_wanted="paper",
                delivery="post",
                status="closed" if closed else "open",
                closed_on=closed,
                outcome=outcome,
            )
        )
    return Application.objects.bulk_create(objs, batch_size=2000)


def make_dispute_case(agency, **fields):
    """A 行政复议 case of ``agency`` filed 2025-03-03 (fields override)."""
    import datetime

    from gongkai.reports.models import DisputeCase

    values = {
        "case_number": "和政复〔2025〕1号",
        "route": "review",
        "filed_on": datetime.date(2025, 3, 3),
    }
    values.update(fields)
    return DisputeCase.objects.create(agency=agency, **values)


URL_KWARG_FACTORIES["action"] = lambda tc: "note"


def _attachment_pk(tc):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.applications.uploads import store_attachment

    app = make_application(tc.agency_a)
    pdf = SimpleUploadedFile("proof.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    return store_attachment(app, pdf).pk


# The attachment's case and the URL's receipt must match: one factory makes both.
def _attachment_kwargs(tc):
    from gongkai.applications.models import Attachment

    attachment = Attachment.objects.select_related("application").get(pk=_attachment_pk(tc))
    tc._attachment_receipt = attachment.application.receipt_number
    return attachment.pk


URL_KWARG_FACTORIES["applications:attachment.attachment_pk"] = _attachment_kwargs
URL_KWARG_FACTORIES["applications:attachment.receipt"] = lambda tc: tc._attachment_receipt


def make_report_check(**fields):
    """A finished background check of the report checker (no reports in it unless given)."""
    from gongkai.reports.models import ReportCheck

    fields.setdefault("name", "reports.zip")
    fields.setdefault("status", ReportCheck.Status.DONE)
    return ReportCheck.objects.create(**fields)


URL_KWARG_FACTORIES["check_id"] = lambda tc: make_report_check().pk


def publish_report(agency, year: int = 2025):
    """Publish the body's report for ``year`` computed from its records; returns the version."""
    import datetime

    from gongkai.reports.compute import report_figures
    from gongkai.reports.models import AnnualReport

    report, _ = AnnualReport.objects.get_or_create(agency=agency, year=year)
    fig = report_figures(agency, year)
    return report.publish(figures=fig, on=datetime.date(year + 1, 1, 20))


def _published_year(tc):
    return _cached(tc, "annual", lambda: publish_report(tc.agency_a)).report.year


URL_KWARG_FACTORIES.update(
    {
        "year": lambda tc: 2025,
        "annual:report.year": _published_year,
        "annual:version.year": _published_year,
        "annual:download.year": _published_year,
        "number": lambda tc: 1,
        "form": lambda tc: "json",
        "kind": lambda tc: "mix",
        "case_pk": lambda tc: _cached(tc, "case", lambda: make_dispute_case(tc.agency_a)).pk,
    }
)


# -- supervision (监督保障 records) ---------------------------------------------------------------


def make_consultation(agency, **fields):
    """A phone consultation of ``agency`` (gongkai.supervision), with a caller's personal data."""
    import datetime

    from gongkai.supervision.models import Consultation

    values = {
        "on": datetime.date(2026, 3, 2),
        "channel": "phone",
        "topic": "低保申请条件是否公开",
        "answer": "已在公开栏和专栏公开，告知查阅方式。",
        "answered_by": "党政办 阿依古丽",
        "caller_name": "买买提·艾力",
        "caller_contact": "13899990000",
    }
    values.update(fields)
    return Consultation.objects.create(agency=agency, **values)


def make_inspection(agency, **fields):
    import datetime

    from gongkai.supervision.models import SelfInspection

    values = {"on": datetime.date(2026, 3, 5), "checked_catalog": True, "summary": "目录核查"}
    values.update(fields)
    return SelfInspection.objects.create(agency=agency, **values)


def _withheld_item(tc):
    return _cached(
        tc,
        "withheld",
        lambda: make_item(tc.agency_a, disclosure="withheld", withheld_reason="条例第十六条"),
    )


URL_KWARG_FACTORIES.update(
    {
        "supervision:records.kind": lambda tc: "consultations",
        "supervision:record-edit.kind": lambda tc: "consultations",
        "record_pk": lambda tc: make_consultation(tc.agency_a).pk,
        "consultation_pk": lambda tc: make_consultation(tc.agency_a).pk,
        "inspection_pk": lambda tc: make_inspection(tc.agency_a).pk,
        "supervision:reassess-item.item_pk": lambda tc: _withheld_item(tc).pk,
    }
)
