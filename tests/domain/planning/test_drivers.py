from rodloeber.domain.planning.drivers import plan_alert, risk_drivers
from rodloeber.domain.planning.testing import make_permit


def test_drivers_rank_criticality_times_spread_and_speak_both_languages() -> None:
    permits = (
        make_permit("eia", 300, low=200, high=450, name_da="VVM", name_en="EIA"),
        make_permit("plan", 180, low=170, high=190),
        make_permit("grid", 365, counts_toward_cap=False),
    )
    drivers = risk_drivers(permits, {"eia": 0.6, "plan": 0.9, "grid": 1.0})
    assert [d.code for d in drivers] == ["eia", "plan"]  # 0.6×250 > 0.9×20; grid not in cap
    assert drivers[0].text("da") == (
        "VVM: på den kritiske vej i 60 % af simuleringerne; varigheden kan være 200–450 dage."
    )
    assert "on the critical path in 60 %" in drivers[0].text("en")


def test_alert_only_below_threshold() -> None:
    assert plan_alert(0.85, ()) is None
    assert plan_alert(None, ()) is None
    alert = plan_alert(0.42, ())
    assert alert is not None and alert.text("en").startswith(
        "The probability of meeting the cap is 42 %"
    )


def test_a_possible_permit_says_its_risk_goes_if_it_is_not_needed() -> None:
    """Issue #16: the EIA permit before the screening drives the risk only if needed."""
    from rodloeber.domain.planning.drivers import RiskDriver

    d = RiskDriver("eia_permit", "VVM-tilladelse", "EIA permit", 0.9, 180, 540, possible=True)
    assert "kun mulig" in d.text("da") and "only possibly needed" in d.text("en")
    assert d.to_dict()["possible"] is True
    plain = RiskDriver("eia_permit", "VVM-tilladelse", "EIA permit", 0.9, 180, 540)
    assert "kun mulig" not in plain.text("da")


def test_probability_if_the_possible_permits_are_not_needed() -> None:
    """The same samples with the possibly needed EIA taking no time: the honest upside."""
    from datetime import date

    from rodloeber.domain.planning import build_plan
    from rodloeber.domain.planning.drivers import plan_alert
    from rodloeber.domain.planning.testing import Cap, make_permit

    permits = (
        make_permit("eia_permit", 300, low=200, high=450),
        make_permit("building_permit", 60, ("eia_permit",)),
    )
    start = date(2026, 3, 2)
    plan = build_plan(
        permits, clock_start=start, cap=Cap(12), n_samples=2000, possible=["eia_permit"]
    )
    assert plan.p_within_cap is not None and plan.p_within_cap < 0.5
    assert plan.p_if_possible_not_needed == 1.0  # 60–90 days for the building permit alone
    assert plan.to_dict()["p_within_cap_if_possible_not_needed"] == 1.0
    alert = plan_alert(plan.p_within_cap, plan.drivers, 0.8, plan.p_if_possible_not_needed)
    assert alert is not None
    assert "ikke at være nødvendige, er den 100 %" in alert.text("da")
    assert "turn out not to be, it is 100 %" in alert.text("en")
    plain = build_plan(permits, clock_start=start, cap=Cap(12), n_samples=500)
    assert plain.p_if_possible_not_needed is None
