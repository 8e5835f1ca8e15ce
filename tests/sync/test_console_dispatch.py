"""The console's dispatch work end to end over HTTP: a customer and a job created by the
forms, the board placing, assigning, rescheduling, filtering, searching (the app's CJK
rules) and cancelling it, and a signed job's page with its checked slip."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sync.server import company
from sync.server.db import read_transaction
from sync.server.record_rows import live_rows
from tech_app import review_notes
from tests.sync.conftest import DAY, Server
from tests.sync.console_client import Console, office_console
from tests.sync.test_write_gate import signed, stored_job  # noqa: F401  (the fixture)


def _company_time(server: Server, stored: str) -> str:
    """A stored moment as the office typed it: minutes, in the company's time zone."""
    with read_transaction(server.engine) as conn:
        zone = company.zone(conn)
    return datetime.fromisoformat(stored).astimezone(zone).strftime("%Y-%m-%dT%H:%M")


def _card(page: str, number: str) -> str:
    assert f'id="card-{number}"' in page, f"no card {number}"
    return page.split(f'id="card-{number}"')[1].split("</article>")[0]


def _row(page: str, technician: str) -> str:
    return page.split(f'id="row-{technician}"')[1].split("</tr>")[0]


def _new_customer(console: Console, name: str) -> str:
    console.get("/customers")
    answer = console.post(
        "/customers",
        {
            "name": name,
            "phone": "021-6234 5566",
            "customer_class": "A",
            "address": "上海市徐汇区漕溪北路 1 号",
        },
    )
    assert answer.status_code == 303, answer.text
    return answer.headers["location"].rsplit("/", 1)[1]


def _new_job(console: Console, customer: str, number: str, **extra: str) -> str:
    page = console.get(f"/customers/{customer}").text
    site = re.search(r"/jobs/new\?site=([0-9a-f-]{36})", page)
    assert site is not None
    console.get(f"/jobs/new?site={site.group(1)}")
    answer = console.post(
        "/jobs",
        {
            "site_id": site.group(1),
            "number": number,
            "job_type": "repair",
            "problem": "售后报修：灶具打不着火",
            "reported_at": "2026-12-02T08:30",
            "sla_policy": "stove",
            "priority": "2",
            **extra,
        },
    )
    assert answer.status_code == 303, answer.text
    return answer.headers["location"].rsplit("/", 1)[1]


def test_create_assign_reschedule_search_cancel(server: Server) -> None:
    tech = server.technician()
    console = office_console(server)
    key = uuid.uuid4().hex[:6]
    customer = _new_customer(console, f"王建国 {key}")
    number = f"C-{key}"
    job_id = _new_job(console, customer, number)
    stored = stored_job(server, job_id)
    assert stored["status"] == "new" and stored["customer_id"] == customer
    assert _company_time(server, stored["reported_at"]) == "2026-12-02T08:30"

    board = console.get("/?day=2026-12-02").text
    unassigned = board.split('id="unassigned"')[1].split("</aside>")[0]
    assert f'id="card-{number}"' in unassigned
    assert "countdown" in _card(board, number)  # the stove promises are running

    assert (
        console.post(f"/jobs/{job_id}/assign", {"technician": tech, "back": "/"}).status_code == 303
    )
    assert stored_job(server, job_id)["assignee"] == tech
    assert stored_job(server, job_id)["status"] == "assigned"
    window = {"day": "2026-12-03", "start": "14:00", "end": "16:00", "back": "/"}
    assert console.post(f"/jobs/{job_id}/schedule", window).status_code == 303
    assert _company_time(server, stored_job(server, job_id)["window_start"]) == "2026-12-03T14:00"
    board = console.get("/?day=2026-12-02").text
    cells = _row(board, tech).split("<td>")
    assert f'id="card-{number}"' in cells[4], "not on Thursday 12-03 (Monday is cell 1)"

    # The laptop's search rules: a two-character Chinese word, a surname, a phone fragment.
    for term in ("售后", "王", "6234-5566", "维修", number.lower()):
        assert f'id="card-{number}"' in console.get(f"/?day=2026-12-02&q={term}").text, term
    assert f'id="card-{number}"' not in console.get("/?day=2026-12-02&q=售后 李").text
    # Filters: type, status, technician.
    assert (
        f"card-{number}" in console.get(f"/?day=2026-12-02&job_type=repair&technician={tech}").text
    )
    assert f"card-{number}" not in console.get("/?day=2026-12-02&job_type=cleaning").text
    assert f"card-{number}" not in console.get("/?day=2026-12-02&status=new").text

    assert console.post(f"/jobs/{job_id}/cancel", {"back": "/"}).status_code == 303
    assert stored_job(server, job_id)["status"] == "cancelled"
    assert f"card-{number}" not in console.get("/?day=2026-12-02").text
    assert f"card-{number}" in console.get("/?day=2026-12-02&status=cancelled").text


def test_refusals_are_shown_and_nothing_is_stored(server: Server) -> None:
    console = office_console(server)
    customer = _new_customer(console, f"李梅 {uuid.uuid4().hex[:6]}")
    number = f"D-{uuid.uuid4().hex[:6]}"
    _new_job(console, customer, number)
    with read_transaction(server.engine) as conn:
        before = len(live_rows(conn, "jobs"))
    # The same number twice; a site of another customer; a window that ends before it starts.
    page = console.get(f"/customers/{customer}").text
    site = re.search(r"/jobs/new\?site=([0-9a-f-]{36})", page)
    assert site is not None
    again = console.post(
        "/jobs",
        {
            "site_id": site.group(1),
            "number": number,
            "job_type": "repair",
            "reported_at": "2026-12-02T08:30",
        },
    )
    assert again.status_code == 422 and "already" in again.text
    bad_phone = console.post("/customers", {"name": "x", "phone": "abc", "address": "y"})
    assert bad_phone.status_code == 422 and "customer.phone" in bad_phone.text
    with read_transaction(server.engine) as conn:
        assert len(live_rows(conn, "jobs")) == before


def test_a_signed_jobs_page_shows_the_visit_and_the_checked_slip(
    server: Server,
    signed: dict[str, Any],  # noqa: F811
) -> None:
    job = stored_job(server, signed["job"])
    console = office_console(server)
    page = console.get(f"/jobs/{signed['job']}").text
    assert 'id="job-status"' in page and "Signed" in page
    assert "李梅" in page and "battery_voltage" in page  # the signer and the readings
    link = re.search(r'href="(/jobs/[^"]+/slips/[^"]+\.pdf)"', page)
    assert link is not None, "no slip link"
    pdf = console.get(link.group(1))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    with read_transaction(server.engine) as conn:
        slips = [s for s in live_rows(conn, "slips") if s["job_id"] == job["id"]]
    assert hashlib.sha256(pdf.content).hexdigest() == slips[0]["pdf_sha256"]
    assert slips[0]["content_hash"][:12] in page
    board = console.get(f"/?day=2026-11-28&status=signed&q={job['number']}").text
    assert "Signed" in _card(board, job["number"])


def test_a_review_flag_is_resolved_from_the_job_page(server: Server) -> None:
    from sync.server import gate
    from sync.server.db import write_transaction
    from tech_app.review_notes import NoteCode, note

    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    late = note(NoteCode.WORK_AFTER_REASSIGN, technician="liu", job="J-7", assignee="wang")
    with write_transaction(server.engine) as conn:
        gate.flag(conn, jobs["printer"], late)
        gate.flag(conn, jobs["printer"], late)  # flagged once
    console = office_console(server)
    page = console.get(f"/jobs/{jobs['printer']}").text
    flag = page.split('id="flag"')[1].split("</ul>")[0]
    assert flag.count("<li") == 1
    assert "liu recorded work on job J-7 after it was reassigned to wang." in flag
    answer = console.post(f"/jobs/{jobs['printer']}/resolve", {"back": f"/jobs/{jobs['printer']}"})
    assert answer.status_code == 303
    assert stored_job(server, jobs["printer"])["flagged"] == ""
    assert 'id="flag"' not in console.get(f"/jobs/{jobs['printer']}").text


def test_review_notes_are_in_the_offices_language_and_old_text_still_shows(
    server: Server,
) -> None:
    from sync.server import dispatch
    from sync.server.db import write_transaction
    from tech_app import review_notes
    from tech_app.records import Job
    from tech_app.records.codec import from_row
    from tech_app.review_notes import NoteCode, note

    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    old = "zhao recorded work on job X-1 after head office cancelled it"  # an older version's
    flagged = review_notes.add(
        old, note(NoteCode.WORK_AFTER_REASSIGN, technician="liu", job="J-7", assignee="wang")
    )
    flagged = review_notes.add(
        flagged,
        note(
            NoteCode.OVERCHARGE,
            technician="liu",
            overcharge=5000,
            amount_charged=9000,
            slip_total=4000,
        ),
    )
    with write_transaction(server.engine) as conn:
        job = from_row(Job, dispatch.find_job(conn, jobs["stove"]).data)
        dispatch.put_record(conn, dataclasses.replace(job, flagged=flagged))
    console = office_console(server)
    console.post("/language", {"language": "zh_CN", "back": "/"})
    page = console.get(f"/jobs/{jobs['stove']}").text
    flag = re.sub(r"<[^>]+>", "", page.split('id="flag"')[1].split("</ul>")[0])  # the words
    assert "工单 J-7 已改派给 wang 后，liu 仍在该工单上记录了工作。" in flag
    assert "多收费 ¥50.00（技术员：liu）：客户实付 ¥90.00，服务单合计 ¥40.00。" in flag
    assert "recorded work on job J-7" not in flag and "overcharge" not in flag.lower()
    assert old in flag  # the old English text is shown as it was written
    board = console.get(f"/?day={DAY.isoformat()}&q={job.number}").text
    card = _card(board, job.number)
    assert "待审核" in card and "改派后仍有工作" in card and "多收费" in card
    assert "审核备注" in card and "Needs review" not in card


def test_conflict_reasons_are_in_the_offices_language(server: Server) -> None:
    from sync.server import gate
    from sync.server.db import write_transaction
    from tech_app.review_notes import NoteCode, note

    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    job_id = jobs["stove"]
    reasons = [
        review_notes.encode(note(NoteCode.BOTH_CHANGED)),
        review_notes.encode(
            note(NoteCode.WORK_AFTER_REASSIGN, technician="liu", job="J-7", assignee="wang")
        ),
        "both devices changed this field; the later one to reach head office wins",  # older
    ]
    with write_transaction(server.engine) as conn:
        for reason in reasons:
            gate.log_conflict(
                conn,
                "jobs",
                job_id,
                job_id,
                "findings",
                winning="漏水",
                losing="漏气",
                winning_client="laptop-b",
                losing_client="laptop-a",
                reason=reason,
            )
    console = office_console(server)
    console.post("/language", {"language": "zh_CN", "back": "/"})
    page = re.sub(r"<[^>]+>", " ", console.get(f"/jobs/{job_id}").text)
    assert "两台设备修改了此字段；以后到达总部的一方为准。" in page
    assert "工单 J-7 已改派给 wang 后，liu 仍在该工单上记录了工作。" in page
    assert '{"code"' not in page  # no note shown as its encoding
    assert reasons[2] in page  # an older version's English, as it was written


def test_a_follow_up_call_with_an_overcharge_is_flagged(
    server: Server,
    signed: dict[str, Any],  # noqa: F811
) -> None:
    job = stored_job(server, signed["job"])
    console = office_console(server)
    page = console.get("/follow-ups").text
    row = page.split(f'id="call-{job["number"]}"')[1].split("</tr>")[0]
    assert f"/follow-ups/{job['id']}/answers" in row  # open, with its questionnaire
    answers = {
        "problem_solved": "yes",
        "on_time": "no",
        "attitude": "4",
        "skill": "5",
        "amount_charged": "999.00",
        "comment": "师傅多收了钱",
    }
    bad = console.post(f"/follow-ups/{job['id']}/answers", {**answers, "attitude": "9"})
    assert bad.status_code == 422 and "attitude" in bad.text
    assert console.post(f"/follow-ups/{job['id']}/answers", answers).status_code == 303
    page = console.get("/follow-ups").text
    row = page.split(f'id="call-{job["number"]}"')[1].split("</tr>")[0]
    assert "overcharge" in row and "answers" not in row
    (note,) = review_notes.read(stored_job(server, job["id"])["flagged"])
    assert (
        note.code is review_notes.NoteCode.OVERCHARGE
        and note.values["technician"] == job["assignee"]
    )
    # The call counts in the technician's rating for the period, overcharge against them.
    today = datetime.now(UTC).date()  # a period around it, whatever the company's time zone
    period = f"first={today - timedelta(days=2)}&last={today + timedelta(days=2)}"
    page = console.get(f"/follow-ups?{period}").text
    # One ratings table, and the page's title only the title.
    assert page.count('id="ratings"') == 1 and "<title>Follow-up calls</title>" in page
    rated = page.split(f'id="rating-{signed["tech"]}"')[1]
    cells = re.findall(r"<td[^>]*>([^<]*)", rated.split("</tr>")[0])
    assert cells[:6] == [signed["tech"], "1", "1 / 1", "0 / 1", "4.0", "5.0"], cells
    assert cells[6].startswith("1 · ¥"), cells
    # Answered once: a second answer is refused and shown.
    again = console.post(f"/follow-ups/{job['id']}/answers", answers)
    assert again.status_code == 409 and "answered" in again.text


def test_the_sla_overview_counts_the_promises_as_the_office_command_does(server: Server) -> None:
    from sync.server.sla_overview import overview_csv, sla_overview

    tech = server.technician()
    server.dispatch_demo(tech)  # the demo's stove repairs carry the 2/8/30/72 h promises
    console = office_console(server)
    period = "first=2026-11-01&last=2026-11-30"
    page = console.get(f"/sla?{period}").text
    assert 'id="sla-promises"' in page and "Stove brand" in page and tech in page
    answer = console.get(f"/sla.csv?{period}")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    lines = answer.text.splitlines()
    assert lines[0].startswith("technician,policy,promise")
    assert any(line.startswith(f"{tech},stove,reply,") for line in lines)
    with read_transaction(server.engine) as conn:
        expected = overview_csv(
            sla_overview(conn, date(2026, 11, 1), date(2026, 11, 30), datetime.now(UTC))
        )
    assert answer.text == expected
    assert console.get("/sla?first=2026-12-01&last=2026-11-01").status_code == 422


def test_a_units_service_card_shows_its_warranty_and_visits(
    server: Server,
    signed: dict[str, Any],  # noqa: F811
) -> None:
    with read_transaction(server.engine) as conn:
        link = next(r for r in live_rows(conn, "job_assets") if r["job_id"] == signed["job"])
    console = office_console(server)
    page = console.get(f"/assets/{link['asset_id']}").text
    assert 'id="unit-title"' in page
    visits = page.split('id="visits"')[1].split("</table>")[0]
    number = stored_job(server, signed["job"])["number"]
    assert number in visits and "battery_voltage: 1.2" in visits and "BAT-D" in visits
    assert console.get(f"/assets/{uuid.uuid4()}").status_code == 404
