"""A job's SLA timers from its milestones, with the gas-stove promises (2 h / 8 h / 30 h / 72 h)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tech_app.job_sla import job_timers, summary
from tech_app.vocab import SlaState

REPORTED = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)


def stove_job(**fields: object) -> dict[str, object]:
    return {
        "sla_policy": "stove",
        "reported_at": REPORTED.isoformat(),
        "status": "scheduled",
        **fields,
    }


def states(job: dict[str, object], now: datetime) -> dict[str, SlaState]:
    return {t.promise.name: t.state for t in job_timers(job, now)}


def test_a_reply_after_an_hour_keeps_the_two_hour_promise() -> None:
    job = stove_job(responded_at=(REPORTED + timedelta(hours=1)).isoformat())
    got = states(job, REPORTED + timedelta(hours=3))
    assert got["reply"] is SlaState.MET
    assert got["plan"] is SlaState.ON_TRACK  # 5 of 8 hours left


def test_no_reply_after_three_hours_is_a_breach_and_the_list_shows_it() -> None:
    job = stove_job()
    now = REPORTED + timedelta(hours=3)
    assert states(job, now)["reply"] is SlaState.BREACHED
    worst = summary(job, now)
    assert worst is not None and worst.state is SlaState.BREACHED
    assert worst.timer.promise.name == "reply"


def test_the_follow_up_call_is_not_what_the_job_list_warns_about() -> None:
    done = REPORTED + timedelta(hours=2)
    job = stove_job(
        status="completed",
        responded_at=(REPORTED + timedelta(minutes=30)).isoformat(),
        on_site_at=(REPORTED + timedelta(hours=1)).isoformat(),
        completed_at=done.isoformat(),
    )
    now = REPORTED + timedelta(hours=71)  # follow-up call due within 72 h, nearly late
    assert states(job, now)["follow_up"] is SlaState.AT_RISK
    worst = summary(job, now)
    assert worst is not None and worst.state is SlaState.MET


def test_a_cancelled_job_or_an_unknown_policy_has_no_timers() -> None:
    now = REPORTED + timedelta(hours=40)
    assert job_timers(stove_job(status="cancelled"), now) == ()
    assert job_timers(stove_job(sla_policy="gold-plus"), now) == ()
    assert summary(stove_job(sla_policy=""), now) is None
