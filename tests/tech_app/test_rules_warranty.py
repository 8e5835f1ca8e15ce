"""Warranty decisions a technician and customer would notice on site."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tech_app.errors import ValidationError
from tech_app.rules.schedule import add_months
from tech_app.rules.warranty import (
    FORKLIFT_TERMS,
    FORKLIFT_WARRANTY_HOURS,
    SOLAR_HEATER_TERMS,
    ComponentTerm,
    Exclusion,
    WarrantyTerms,
    check_warranty,
    terms_named,
)

TODAY = date(2025, 6, 15)
BOUGHT_2_5_YEARS_AGO = date(2022, 12, 15)


def test_demo_terms_match_the_documents() -> None:
    main, pipes = SOLAR_HEATER_TERMS.components
    assert (main.component, main.months, main.hours) == ("main_unit", 36, None)
    assert (pipes.component, pipes.months, pipes.hours) == ("pipes_electrical", 12, None)
    assert SOLAR_HEATER_TERMS.free_visits_per_year == 2
    assert SOLAR_HEATER_TERMS.lifetime_repair is True
    (truck,) = FORKLIFT_TERMS.components
    assert (truck.component, truck.months, truck.hours) == ("truck", 12, 2000)
    assert FORKLIFT_WARRANTY_HOURS == 2000
    assert FORKLIFT_TERMS.free_visits_per_year == 4


def test_solar_heater_bought_2_5_years_ago_tank_covered_pipe_not() -> None:
    tank = check_warranty(SOLAR_HEATER_TERMS, "tank", BOUGHT_2_5_YEARS_AGO, TODAY)
    pipe = check_warranty(SOLAR_HEATER_TERMS, "pipe", BOUGHT_2_5_YEARS_AGO, TODAY)

    assert tank.covered is True
    assert tank.code == "in_warranty"
    assert tank.expires_on == date(2025, 12, 15)
    assert "tank" in tank.reason and "2025-12-15" in tank.reason

    assert pipe.covered is False
    assert pipe.code == "expired"
    assert pipe.expires_on == date(2023, 12, 15)
    assert "pipe" in pipe.reason and "2023-12-15" in pipe.reason
    # Out of warranty the maker still repairs for life, but the customer pays.
    assert "parts at cost plus labour" in pipe.reason


def test_group_name_and_member_part_give_the_same_answer() -> None:
    by_group = check_warranty(SOLAR_HEATER_TERMS, "main_unit", BOUGHT_2_5_YEARS_AGO, TODAY)
    by_part = check_warranty(SOLAR_HEATER_TERMS, "Collector_Tubes ", BOUGHT_2_5_YEARS_AGO, TODAY)
    assert (by_group.covered, by_group.expires_on) == (by_part.covered, by_part.expires_on)


def test_misuse_on_a_covered_tank_is_not_covered_and_says_why() -> None:
    decision = check_warranty(
        SOLAR_HEATER_TERMS, "tank", BOUGHT_2_5_YEARS_AGO, TODAY, exclusions=[Exclusion.MISUSE]
    )
    assert decision.covered is False
    assert decision.code == "excluded:misuse"
    assert "use against the manual" in decision.reason
    assert decision.expires_on == date(2025, 12, 15)


@pytest.mark.parametrize("exclusion", list(Exclusion))
def test_every_exclusion_refuses_free_repair(exclusion: Exclusion) -> None:
    decision = check_warranty(
        SOLAR_HEATER_TERMS, "tank", BOUGHT_2_5_YEARS_AGO, TODAY, exclusions=[exclusion.value]
    )
    assert decision.covered is False
    assert decision.code == f"excluded:{exclusion.value}"


def test_several_exclusions_give_a_stable_code_and_name_them_all() -> None:
    decision = check_warranty(
        SOLAR_HEATER_TERMS,
        "tank",
        BOUGHT_2_5_YEARS_AGO,
        TODAY,
        exclusions=[Exclusion.FORCE_MAJEURE, Exclusion.USER_DISMANTLING],
    )
    assert decision.code == "excluded:user_dismantling"
    assert "own dismantling" in decision.reason and "abnormal water supply" in decision.reason


def test_expired_wins_over_exclusion() -> None:
    decision = check_warranty(
        SOLAR_HEATER_TERMS, "pipe", BOUGHT_2_5_YEARS_AGO, TODAY, exclusions=["misuse"]
    )
    assert decision.code == "expired"


def test_forklift_at_2100_hours_within_a_year_is_not_covered() -> None:
    decision = check_warranty(
        FORKLIFT_TERMS, "truck", date(2025, 1, 10), date(2025, 9, 1), hour_meter=2100
    )
    assert decision.covered is False
    assert decision.code == "hours_exceeded"
    assert "2100 h" in decision.reason and "2000 h" in decision.reason


def test_forklift_at_exactly_2000_hours_is_still_covered() -> None:
    decision = check_warranty(
        FORKLIFT_TERMS, "truck", date(2025, 1, 10), date(2025, 9, 1), hour_meter=2000
    )
    assert decision.covered is True


def test_forklift_after_a_year_with_few_hours_has_expired() -> None:
    decision = check_warranty(
        FORKLIFT_TERMS, "truck", date(2024, 1, 10), date(2025, 1, 11), hour_meter=900
    )
    assert decision.code == "expired"


def test_forklift_needs_a_meter_reading() -> None:
    with pytest.raises(ValidationError) as err:
        check_warranty(FORKLIFT_TERMS, "truck", date(2025, 1, 10), date(2025, 3, 1))
    assert err.value.field == "hour_meter"


def test_cover_runs_through_the_anniversary_day() -> None:
    bought = date(2024, 3, 10)
    last_day = check_warranty(SOLAR_HEATER_TERMS, "pipes", bought, date(2025, 3, 10))
    day_after = check_warranty(SOLAR_HEATER_TERMS, "pipes", bought, date(2025, 3, 11))
    assert last_day.covered is True and last_day.expires_on == date(2025, 3, 10)
    assert day_after.covered is False


def test_bought_on_leap_day_cover_ends_on_28_february() -> None:
    bought = date(2024, 2, 29)
    assert add_months(bought, 12) == date(2025, 2, 28)
    last_day = check_warranty(SOLAR_HEATER_TERMS, "pipes", bought, date(2025, 2, 28))
    day_after = check_warranty(SOLAR_HEATER_TERMS, "pipes", bought, date(2025, 3, 1))
    assert last_day.covered is True and last_day.expires_on == date(2025, 2, 28)
    assert day_after.covered is False


def test_replaced_part_has_its_own_period_from_install_date() -> None:
    bought = date(2022, 1, 1)
    on = date(2025, 1, 10)
    original = check_warranty(SOLAR_HEATER_TERMS, "pipes", bought, on)
    replacement = check_warranty(
        SOLAR_HEATER_TERMS, "pipes", bought, on, installed_on=date(2024, 6, 1)
    )
    assert original.covered is False
    assert replacement.covered is True
    assert replacement.expires_on == date(2025, 6, 1)


def test_terms_are_found_by_the_name_stored_on_the_asset() -> None:
    assert terms_named("forklift") is FORKLIFT_TERMS
    assert terms_named("solar_water_heater") is SOLAR_HEATER_TERMS
    with pytest.raises(ValidationError) as err:
        terms_named("toaster")
    assert err.value.field == "warranty_terms"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"component": "chimney"}, "component"),
        ({"component": ""}, "component"),
        ({"on_date": date(2022, 12, 14)}, "on_date"),
        ({"purchased_on": datetime(2022, 12, 15, 9, 0)}, "purchased_on"),
        ({"installed_on": date(2025, 6, 16)}, "installed_on"),
        ({"installed_on": date(2022, 12, 1)}, "installed_on"),
        ({"hour_meter": -1}, "hour_meter"),
        ({"exclusions": ["bad_luck"]}, "exclusions"),
    ],
)
def test_nonsense_input_is_refused_with_the_field_named(
    kwargs: dict[str, object], field: str
) -> None:
    args: dict[str, object] = {
        "component": "tank",
        "purchased_on": BOUGHT_2_5_YEARS_AGO,
        "on_date": TODAY,
    }
    args.update(kwargs)
    with pytest.raises(ValidationError) as err:
        check_warranty(SOLAR_HEATER_TERMS, **args)  # type: ignore[arg-type]
    assert err.value.field == field


def test_terms_refuse_a_component_without_any_limit_or_twice_named() -> None:
    with pytest.raises(ValidationError) as err:
        ComponentTerm("door", None, None)
    assert err.value.field == "months"
    with pytest.raises(ValidationError) as err:
        WarrantyTerms("x", (ComponentTerm("a", 12), ComponentTerm("a", 24)), 0, False)
    assert err.value.field == "components"


@settings(database=None, deadline=None)
@given(
    bought=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    days_later=st.integers(min_value=0, max_value=2000),
)
def test_covered_exactly_until_the_calendar_anniversary(bought: date, days_later: int) -> None:
    on = bought + timedelta(days=days_later)
    decision = check_warranty(SOLAR_HEATER_TERMS, "main_unit", bought, on)
    anniversary = add_months(bought, 36)
    assert decision.expires_on == anniversary
    assert decision.covered is (on <= anniversary)
