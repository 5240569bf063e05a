"""The access rule, tested exhaustively once (house style lesson 5)."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from gongkai.agencies.access import agencies_for_user, get_agency_for_user, get_scoped_for_user
from gongkai.agencies.models import Agency, Membership, Role
from gongkai.test import BaseTestCase


class AccessTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # A department under the county, so the supervisor's scope has two levels to cover.
        cls.dept = Agency.objects.create(
            name="和田县教育局", kind=Agency.Kind.DEPARTMENT, parent=cls.county, slug="edu"
        )
        cls.school_office = Agency.objects.create(
            name="和田县教育局某派出机构", kind=Agency.Kind.AGENCY_OFFICE, parent=cls.dept
        )

    def request_for(self, user):
        request = RequestFactory().get("/")
        request.user = user
        return request

    def names(self, user, **kwargs):
        return set(agencies_for_user(user, **kwargs).values_list("name", flat=True))

    def test_matrix(self):
        a, b, county = self.agency_a.name, self.agency_b.name, self.county.name
        everything = {a, b, county, self.dept.name, self.school_office.name}
        expected = {
            # user: (read, write, approve)
            "alice": ({a}, {a}, set()),
            "adam": ({a}, {a}, {a}),
            "sam": (everything, set(), set()),
            "bob": ({b}, {b}, set()),
            "admin": (everything, everything, everything),
            "nobody": (set(), set(), set()),
        }
        for username, (read, write, approve) in expected.items():
            user = getattr(self, username)
            with self.subTest(user=username):
                self.assertEqual(self.names(user), read)
                self.assertEqual(self.names(user, write=True), write)
                self.assertEqual(self.names(user, approve=True), approve)

    def test_anonymous_and_inactive_users_see_nothing(self):
        self.assertEqual(self.names(AnonymousUser()), set())
        self.alice.is_active = False
        self.assertEqual(self.names(self.alice), set())

    def test_roles_in_several_bodies_add_up(self):
        Membership.objects.create(user=self.alice, agency=self.agency_b, role=Role.OFFICER)
        Membership.objects.create(user=self.alice, agency=self.dept, role=Role.SUPERVISOR)
        self.assertEqual(
            self.names(self.alice),
            {self.agency_a.name, self.agency_b.name, self.dept.name, self.school_office.name},
        )
        self.assertEqual(
            self.names(self.alice, write=True), {self.agency_a.name, self.agency_b.name}
        )

    def test_supervisor_and_officer_in_one_body_writes_only_there(self):
        Membership.objects.create(user=self.sam, agency=self.agency_a, role=Role.OFFICER)
        self.assertEqual(self.names(self.sam, write=True), {self.agency_a.name})
        self.assertEqual(len(self.names(self.sam)), 5)

    def test_get_agency_returns_the_body_by_slug_or_pk(self):
        request = self.request_for(self.alice)
        self.assertEqual(get_agency_for_user(request, "wuzongxiao"), self.agency_a)
        self.assertEqual(get_agency_for_user(request, self.agency_a.pk), self.agency_a)
        self.assertEqual(get_agency_for_user(request, "wuzongxiao", write=True), self.agency_a)

    def test_get_agency_hides_invisible_bodies_with_404(self):
        for user in (self.bob, self.nobody, AnonymousUser()):
            with self.subTest(user=str(user)), self.assertRaises(Http404):
                get_agency_for_user(self.request_for(user), "wuzongxiao")
        with self.assertRaises(Http404):
            get_agency_for_user(self.request_for(self.admin), "no-such-body")

    def test_get_agency_refuses_writes_on_readable_bodies_with_403(self):
        cases = [
            (self.sam, {"write": True}),
            (self.sam, {"approve": True}),
            (self.alice, {"approve": True}),
        ]
        for user, kwargs in cases:
            with self.subTest(user=user.username, **kwargs), self.assertRaises(PermissionDenied):
                get_agency_for_user(self.request_for(user), "wuzongxiao", **kwargs)

    def test_get_agency_grants_approval_to_head_and_admin(self):
        for user in (self.adam, self.admin):
            agency = get_agency_for_user(self.request_for(user), "wuzongxiao", approve=True)
            self.assertEqual(agency, self.agency_a)

    def test_scoped_lookup_follows_a_path_to_the_body(self):
        # Memberships stand in for a later app's body-scoped object (path "agency").
        membership = Membership.objects.get(user=self.alice)
        qs = Membership.objects.all()
        self.assertEqual(
            get_scoped_for_user(self.request_for(self.adam), qs, "agency", pk=membership.pk),
            membership,
        )
        with self.assertRaises(Http404):
            get_scoped_for_user(self.request_for(self.bob), qs, "agency", pk=membership.pk)
        with self.assertRaises(PermissionDenied):
            get_scoped_for_user(
                self.request_for(self.sam), qs, "agency", write=True, pk=membership.pk
            )
        with self.assertRaises(Http404):
            get_scoped_for_user(self.request_for(self.adam), qs, "agency", pk="not-a-number")
