"""Staff pages of a body's channels register: the register with freshness alerts and yearly
counts, and one channel with its posts. Reading needs READ; changes need WRITE."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import agencies_for_user, get_agency_for_user, get_channel_for_user
from gongkai.catalog.models import CatalogItem

from . import noticeboard
from .counting import post_counts
from .forms import ChannelForm, NoticeForm, PostForm, YearCountForm, YearForm
from .models import Channel, ChannelPost, YearCount


def _may_write(request, agency) -> bool:
    return agencies_for_user(request.user, write=True).filter(pk=agency.pk).exists()


@login_required
def channel_list(request, slug):
    agency = get_agency_for_user(request, slug)
    today = timezone.localdate()
    year_form = YearForm(request.GET or None)
    year = today.year - 1
    if year_form.is_valid() and year_form.cleaned_data["year"]:
        year = year_form.cleaned_data["year"]
    channel_form = ChannelForm(prefix="channel")
    count_form = YearCountForm(agency=agency, prefix="count", initial={"year": year})
    if request.method == "POST":
        agency = get_agency_for_user(request, slug, write=True)
        if request.POST.get("action") == "count":
            count_form = YearCountForm(request.POST, agency=agency, prefix="count")
            if count_form.is_valid():
                data = count_form.cleaned_data
                YearCount.objects.update_or_create(
                    agency=agency,
                    channel=data["channel"],
                    year=data["year"],
                    defaults={k: data[k] for k in ("count", "approximate", "note")},
                )
                messages.success(request, _("已保存年度篇数。"))
                return redirect(f"{request.path}?year={data['year']}")
        else:
            channel_form = ChannelForm(
                request.POST, prefix="channel", instance=Channel(agency=agency)
            )
            if channel_form.is_valid():
                channel = channel_form.save()
                messages.success(request, _("已登记渠道。"))
                return redirect("channels:detail", slug=agency.slug, channel_pk=channel.pk)
    channels = list(Channel.objects.of(agency).with_last_post())
    rows = [{"channel": c, "freshness": c.freshness(today=today)} for c in channels]
    alerts = [
        r
        for r in rows
        if r["channel"].is_new_media and r["channel"].status == "active" and r["freshness"].alert
    ]
    ctx = {
        "agency": agency,
        "rows": rows,
        "alerts": alerts,
        "counts": post_counts(agency, year),
        "year": year,
        "year_form": year_form,
        "channel_form": channel_form,
        "count_form": count_form,
        "can_write": _may_write(request, agency),
    }
    return render(request, "channels/list.html", ctx)


@login_required
def channel_detail(request, slug, channel_pk):
    channel = get_channel_for_user(request, slug, channel_pk)
    agency = channel.agency
    edit_form = ChannelForm(prefix="channel", instance=channel)
    post_form = PostForm(prefix="post", initial={"posted_on": timezone.localdate()})
    if request.method == "POST":
        channel = get_channel_for_user(request, slug, channel_pk, write=True)
        action = request.POST.get("action")
        if action == "edit":
            edit_form = ChannelForm(request.POST, prefix="channel", instance=channel)
            if edit_form.is_valid():
                edit_form.save()
                messages.success(request, _("已保存。"))
                return redirect("channels:detail", slug=slug, channel_pk=channel.pk)
        elif action == "delete_post":
            if channel.posts.filter(pk=request.POST.get("pk") or 0).delete()[0]:
                messages.success(request, _("已删除发布记录。"))
                return redirect("channels:detail", slug=slug, channel_pk=channel.pk)
            messages.error(request, _("没有找到该发布记录。"))
        else:
            post_form = PostForm(request.POST, prefix="post", instance=ChannelPost(channel=channel))
            if post_form.is_valid():
                index_no = post_form.cleaned_data["index_no"].strip()
                item = None
                if index_no:
                    item = CatalogItem.objects.filter(agency=agency, index_no=index_no).first()
                    if item is None:
                        post_form.add_error("index_no", _("本机关没有该索引号的条目。"))
                if not post_form.errors:
                    post = post_form.save(commit=False)
                    post.item, post.recorded_by = item, request.user
                    post.save()
                    messages.success(request, _("已记录发布。"))
                    return redirect("channels:detail", slug=slug, channel_pk=channel.pk)
    ctx = {
        "agency": agency,
        "channel": channel,
        "freshness": channel.freshness(),
        "posts": channel.posts.select_related("item")[:200],
        "edit_form": edit_form,
        "post_form": post_form,
        "can_write": _may_write(request, agency),
    }
    return render(request, "channels/detail.html", ctx)


@login_required
def noticeboard_print(request, slug):
    """公开栏 print: choose published items and a paper size; ``?item=…&paper=A4`` returns the
    PDF (one notice per page, each with a QR code to its public page)."""
    agency = get_agency_for_user(request, slug)
    published = (
        CatalogItem.objects.published().filter(agency=agency).order_by("-published_on", "-pk")
    )
    form = NoticeForm(request.GET or None, items=published)
    if request.GET and form.is_valid():
        # Pages in the order the items were ticked (the order the board shows them).
        order = {str(pk): i for i, pk in enumerate(request.GET.getlist("item"))}
        items = sorted(form.cleaned_data["item"], key=lambda item: order.get(str(item.pk), 0))
        pdf = noticeboard.notice_pdf(agency, items, paper=form.cleaned_data["paper"])
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"noticeboard-{agency.slug}-{timezone.localdate():%Y%m%d}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response
    return render(request, "channels/print.html", {"agency": agency, "form": form})
