"""The console's small formatting rules: moments in company time, countdowns in words."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sync.server.console import i18n
from sync.server.console.views import countdown, stored_moment_text

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_a_stored_moment_is_shown_in_company_time() -> None:
    # A follow-up answered at 07:36 UTC was answered at 15:36 in Shanghai.
    assert stored_moment_text("2026-12-02T07:36:00+00:00", SHANGHAI) == "2026-12-02 15:36"
    assert stored_moment_text("2026-12-03", SHANGHAI) == "2026-12-03"  # a day stays a day
    assert stored_moment_text(None, SHANGHAI) == ""


def test_a_countdown_says_left_or_overdue_in_the_users_language() -> None:
    english, chinese = i18n.translator("en"), i18n.translator("zh_CN")
    assert countdown(english, timedelta(hours=3, minutes=20)) == "3 h 20 min left"
    assert countdown(english, -timedelta(minutes=65)) == "1 h 5 min overdue"
    assert (
        countdown(chinese, -timedelta(minutes=65)) == "超出 1 小时 5 分"
    )  # the state word 已超时 stands beside it
    assert countdown(english, None) == ""
