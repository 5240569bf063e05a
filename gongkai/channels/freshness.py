"""Freshness of a 政务新媒体 account: plain Python (reference practice.md §5.4).

国办秘函〔2019〕19号 (政府网站与政务新媒体检查指标) fails a new-media account outright
(单项否决) when it has not been updated in the two weeks before the check. The period is a
setting (GONGKAI_CHANNEL_STALE_DAYS, default 14) because provinces revise the indicators and
some counties set stricter internal rules (闽侯: every 10 days).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

FRESH = "fresh"
WARNING = "warning"  # one day left before the period is reached
STALE = "stale"
NEVER = "never"

RULE = "国办秘函〔2019〕19号：政务新媒体检查前{days}天内无更新为单项否决（practice.md §5.4）"


@dataclass(frozen=True)
class AccountFreshness:
    state: str
    last_post_on: datetime.date | None
    days_since: int | None
    period_days: int

    @property
    def rule(self) -> str:
        return RULE.format(days=self.period_days)

    @property
    def alert(self) -> bool:
        return self.state != FRESH

    def message(self) -> str:
        if self.state == NEVER:
            return "尚无发布记录"
        if self.state == STALE:
            return f"{self.days_since} 天无更新（已达 {self.period_days} 天）"
        if self.state == WARNING:
            return f"{self.days_since} 天无更新（明日满 {self.period_days} 天）"
        return f"{self.days_since} 天前更新" if self.days_since else "今日更新"


def account_freshness(
    last_post_on: datetime.date | None, *, today: datetime.date, period_days: int = 14
) -> AccountFreshness:
    """The state of an account whose newest post is ``last_post_on`` (国办秘函〔2019〕19号).

    "No update in the 2 weeks before the check": on ``today`` the window is the
    ``period_days`` days ending today, so an account whose last post is ``period_days`` or
    more days old fails; one day before that it is flagged (practice.md §5.5: flag 13 days
    without a post, before the 2-week 单项否决).
    """
    if last_post_on is None:
        return AccountFreshness(NEVER, None, None, period_days)
    days = (today - last_post_on).days
    if days >= period_days:
        state = STALE
    elif days == period_days - 1:
        state = WARNING
    else:
        state = FRESH
    return AccountFreshness(state, last_post_on, days, period_days)
