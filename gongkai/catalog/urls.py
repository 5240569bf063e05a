"""Staff pages of the catalog (namespace ``catalog``), each taking the body's slug."""

from django.urls import path

from . import views_staff as views

app_name = "catalog"

item = "catalog/<slug:slug>/items/<int:item_pk>/"
urlpatterns = [
    path("catalog/<slug:slug>/", views.dashboard, name="dashboard"),
    path("catalog/<slug:slug>/items/new/", views.create_item, name="item-create"),
    path(item, views.item_detail, name="item-detail"),
    path(item + "edit/", views.edit_item, name="item-edit"),
    path(item + "submit/", views.submit_item, name="item-submit"),
    path(item + "return/", views.return_item, name="item-return"),
    path(item + "approve/", views.approve_item, name="item-approve"),
    path(item + "correct/", views.correct_item, name="item-correct"),
    path(item + "withdraw/", views.withdraw_item, name="item-withdraw"),
    path(item + "files/new/", views.add_attachment, name="attachment-add"),
    path(
        item + "files/<int:attachment_pk>/delete/",
        views.delete_attachment,
        name="attachment-delete",
    ),
    path("catalog/<slug:slug>/import/", views.import_catalog, name="import"),
    path("catalog/<slug:slug>/table2/", views.table2_inputs, name="table2"),
    path("catalog/<slug:slug>/table2/import/", views.import_table2, name="table2-import"),
    path("catalog/<slug:slug>/guide/", views.edit_guide, name="guide-edit"),
    path("catalog/<slug:slug>/rules/", views.regulations, name="regulations"),
]
