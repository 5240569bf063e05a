import datetime

import time_machine
from django.core.exceptions import ValidationError

from gongkai.catalog import search, workflow
from gongkai.catalog.models import (
    CatalogItem,
    Disclosure,
    Genre,
    ItemEvent,
    SearchEntry,
    Status,
    Validity,
)
from gongkai.test import BaseTestCase, make_item

D = datetime.date


class ItemRulesTestCase(BaseTestCase):
    def test_withheld_needs_a_reason(self):
        with self.assertRaises(ValidationError) as caught:
            make_item(self.agency_a, disclosure=Disclosure.WITHHELD)
        self.assertIn("withheld_reason", caught.exception.message_dict)
        item = make_item(
            self.agency_a,
            disclosure=Disclosure.WITHHELD,
            withheld_reason="属于国家秘密（条例第十四条）",
        )
        self.assertEqual(item.disclosure, Disclosure.WITHHELD)

    def test_rules_and_normative_documents_need_a_validity(self):
        with self.assertRaises(ValidationError) as caught:
            make_item(self.agency_a, genre=Genre.NORMATIVE)
        self.assertIn("validity", caught.exception.message_dict)
        with self.assertRaises(ValidationError) as caught:
            make_item(self.agency_a, genre=Genre.RULE, validity=Validity.REPEALED)
        self.assertIn("ceased_on", caught.exception.message_dict)
        with self.assertRaises(ValidationError):
            make_item(self.agency_a, genre=Genre.NOTICE, validity=Validity.VALID)

    def test_a_withheld_item_never_becomes_public(self):
        item = make_item(
            self.agency_a, publish=True, disclosure=Disclosure.WITHHELD, withheld_reason="国家秘密"
        )
        self.assertFalse(CatalogItem.objects.published().filter(pk=item.pk).exists())
        self.assertFalse(SearchEntry.objects.filter(pk=item.pk).exists())


class WorkflowTestCase(BaseTestCase):
    def test_it_goes_from_draft_through_review_to_published(self):
        item = make_item(self.agency_a, actor=self.alice)
        self.assertEqual(item.status, Status.DRAFT)
        workflow.submit_item(item, actor=self.alice)
        self.assertEqual(item.status, Status.REVIEW)
        with time_machine.travel(
            datetime.datetime(2026, 3, 10, 9, tzinfo=datetime.UTC), tick=False
        ):
            workflow.approve_item(item, actor=self.adam, secrecy_note="不涉密，同意公开")
        item.refresh_from_db()
        self.assertEqual(item.status, Status.PUBLISHED)
        self.assertEqual(item.published_on, D(2026, 3, 10))
        self.assertEqual(item.secrecy_reviewed_by, self.adam)
        self.assertEqual(item.secrecy_review_note, "不涉密，同意公开")
        kinds = list(item.events.order_by("pk").values_list("kind", flat=True))
        self.assertEqual(kinds, ["created", "submitted", "published"])
        self.assertTrue(SearchEntry.objects.filter(pk=item.pk).exists())

    def test_approval_needs_the_secrecy_review(self):
        item = make_item(self.agency_a)
        workflow.submit_item(item, actor=self.alice)
        with self.assertRaises(workflow.StepRefused):
            workflow.approve_item(item, actor=self.adam, secrecy_note="  ")
        self.assertEqual(CatalogItem.objects.get(pk=item.pk).status, Status.REVIEW)

    def test_steps_out_of_order_are_refused(self):
        item = make_item(self.agency_a)
        with self.assertRaises(workflow.StepRefused):
            workflow.approve_item(item, actor=self.adam, secrecy_note="同意")
        published = make_item(self.agency_a, publish=True)
        with self.assertRaises(workflow.StepRefused):
            workflow.edit_item(published, actor=self.alice, title="改")
        workflow.withdraw_item(published, actor=self.adam, note="误发")
        with self.assertRaises(workflow.StepRefused):
            workflow.correct_item(published, actor=self.adam, note="x", title="y")

    def test_a_returned_item_is_a_draft_again(self):
        item = make_item(self.agency_a)
        workflow.submit_item(item, actor=self.alice)
        workflow.return_item(item, actor=self.adam, note="文号有误")
        self.assertEqual(item.status, Status.DRAFT)
        self.assertEqual(item.events.last().note, "文号有误")

    def test_a_correction_keeps_the_old_values_and_restarts_the_clock(self):
        item = make_item(self.agency_a, publish=True, title="旧标题")
        with time_machine.travel(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC), tick=False):
            changes = workflow.correct_item(
                item, actor=self.adam, note="标题有错字", title="新标题"
            )
        self.assertEqual(changes, {"title": ["旧标题", "新标题"]})
        item.refresh_from_db()
        self.assertEqual(item.changed_on, D(2026, 6, 1))
        self.assertEqual(item.generated_on, D(2026, 6, 1))
        self.assertEqual(item.public_note, "标题有错字")
        event = item.events.get(kind=ItemEvent.Kind.CORRECTED)
        self.assertEqual(event.changes, {"title": ["旧标题", "新标题"]})
        self.assertEqual([h.item.pk for h in search.search("新标题").hits], [item.pk])
        self.assertEqual(search.search("旧标题").hits, [])

    def test_a_repeal_alone_does_not_restart_the_clock(self):
        item = make_item(
            self.agency_a, publish=True, genre=Genre.NORMATIVE, validity=Validity.VALID
        )
        workflow.correct_item(
            item,
            actor=self.adam,
            note="已废止",
            validity=Validity.REPEALED,
            ceased_on=D(2026, 9, 1),
        )
        item.refresh_from_db()
        self.assertIsNone(item.changed_on)
        self.assertEqual(item.validity, Validity.REPEALED)

    def test_a_withdrawn_item_leaves_the_index(self):
        item = make_item(self.agency_a, publish=True)
        workflow.withdraw_item(item, actor=self.adam, note="内容有误，已撤回")
        item.refresh_from_db()
        self.assertEqual(item.status, Status.WITHDRAWN)
        self.assertFalse(SearchEntry.objects.filter(pk=item.pk).exists())
        self.assertEqual(search.search("低保").hits, [])

    def test_events_are_append_only(self):
        event = make_item(self.agency_a).events.first()
        event.note = "改写历史"
        with self.assertRaises(ValueError):
            event.save()
        with self.assertRaises(ValueError):
            event.delete()
