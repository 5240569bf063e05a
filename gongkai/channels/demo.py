"""Demo: the demo township's channels as its 2023 report names them (seed report 一(一),
一(四)): 微信群, 抖音, 学习强国, 石榴云, 和田县零距离, 和田县融媒体中心 and the county portal,
with the report's «300余篇» as one 2023 count that names no split (DEMO DATA: account names,
ids and addresses are made up; called from gongkai/agencies/demo.py, idempotent)."""

from __future__ import annotations

from .models import Channel, Kind, YearCount

DEMO_BODY = "wuzongxiao"
COUNTY = "和田县人民政府"
# kind, name, platform, host unit
CHANNELS = [
    (Kind.WECHAT_GROUP, "吾宗肖乡政务微信群", "微信", "和田县吾宗肖乡人民政府"),
    (Kind.DOUYIN, "吾宗肖乡（抖音）", "抖音", "和田县吾宗肖乡人民政府"),
    (Kind.XUEXI, "学习强国投稿", "学习强国", ""),
    (Kind.NEWS_APP, "石榴云投稿", "石榴云", ""),
    (Kind.NEWS_APP, "和田县零距离", "和田县零距离", ""),
    (Kind.OTHER_NEW_MEDIA, "和田县融媒体中心", "和田县融媒体中心", "和田县融媒体中心"),
    (Kind.PORTAL, "和田县人民政府网站·吾宗肖乡专栏", "和田县人民政府网站", COUNTY),
]
COUNT_2023 = (
    2023,
    300,
    "2023年度报告：通过学习强国等各类软件平台投稿刊发各类视频图文稿件300余篇（未分渠道）",
)


def load_demo_channels(agencies: dict) -> int:
    agency = agencies[DEMO_BODY]
    changed = 0
    for kind, name, platform, host in CHANNELS:
        _channel, created = Channel.objects.get_or_create(
            agency=agency,
            kind=kind,
            name=name,
            defaults={"platform": platform, "host_unit": host},
        )
        changed += created
    year, count, note = COUNT_2023
    _count, created = YearCount.objects.get_or_create(
        agency=agency,
        channel=None,
        year=year,
        defaults={"count": count, "approximate": True, "note": note},
    )
    return changed + created
