"""Units suite: every fact has a known unit, and its number is plausible for that unit."""
from __future__ import annotations

from expectations.spec import Check, Suite
from expectations.suites.frames import PLAN_FACTS, STATISTIC_UNITS

ROLES = ["target", "observation"]
KINDS = ["level", "share", "rate", "increment", "cumulative", "rank"]
COMPARATORS = [">=", ">", "<=", "<", "~", "="]
PER_YEAR_KINDS = ["rate", "increment", "level"]  # level only with 年均/每年 in the indicator or quote

# Plausible value_base (value × unit multiplier, in the base unit) per quantity kind and region
# level. (quantity_kind, region_level or None for any level, kinds or None for any kind,
# per_unit or None for either, min, max, what it is). A value outside its band almost always
# means a missing or wrong multiplier: 1450 元 written for 1450 亿元.
AMOUNT_KINDS = ["level", "increment", "cumulative"]
PLAUSIBLE_RANGES: list[tuple] = [
    # lower bounds sit at 万元: a village fund or a prize of 5万元 is real, 1450元 for a GDP is not
    ("currency", "county", AMOUNT_KINDS, False, 1e4, 1e13, "a county's amount of money"),
    ("currency", "prefecture", AMOUNT_KINDS, False, 1e4, 1e14, "a city's amount of money"),
    ("currency", "province", AMOUNT_KINDS, False, 1e4, 1e15, "a province's amount of money"),
    ("currency", None, AMOUNT_KINDS, True, 0.01, 1e8, "an amount of money per person, mu or unit"),
    ("count", None, None, None, 0, 1e11, "a count"),  # 11亿人次 of visits is a count
    ("percent", None, ["rate", "increment"], None, -100, 1000, "a percentage change"),
    ("percent", None, ["level", "share", "cumulative", "rank"], None, 0, 1000, "a percentage"),
    ("percentage_points", None, None, None, -100, 100, "a change in percentage points"),
    ("rank", None, None, None, 1, 1000, "a rank"),
    ("multiple", None, None, None, 0, 1000, "a multiple"),
    ("index", None, ["level", "share", "cumulative", "rank"], None, 0, 1e5, "an index value"),
    ("area", None, ["level", "cumulative"], None, 0, 1e13, "an area"),
    ("mass", None, ["level", "cumulative"], None, 0, 1e13, "a mass"),
    ("energy", None, ["level", "cumulative"], None, 0, 1e16, "an amount of energy"),
    ("intensity", None, ["level"], None, 0, None, "an intensity"),
]


def _plausible(E, C):
    """The plausibility bands as expectations; the frame needs quantity_kind, region_level,
    kind, chk_per_unit, value_base, base_unit, value and unit."""
    out = []
    for qk, level, kinds, per_unit, lo, hi, what in PLAUSIBLE_RANGES:
        cond = C("quantity_kind") == qk
        if level is not None:
            cond = cond & (C("region_level") == level)
        if kinds is not None:
            cond = cond & C("kind").is_in(kinds)
        if per_unit is not None:
            cond = cond & (C("chk_per_unit") == per_unit)
        band = f"{lo:g} … {hi:g}" if hi is not None else f"≥ {lo:g}"
        out.append(
            E.ExpectColumnValuesToBeBetween(
                column="value_base", min_value=lo, max_value=hi, row_condition=cond,
                meta={"reason": (
                    f"value_base {{value_base:g}} {{base_unit}} ({{value:g}} {{unit}}) is outside "
                    f"the plausible band {band} for {what}"
                    " — is the unit's multiplier missing or wrong?"
                )},
            )
        )
    # region_level unknown: use the widest (province) band for money
    out.append(
        E.ExpectColumnValuesToBeBetween(
            column="value_base", min_value=1e5, max_value=1e15,
            row_condition=(C("quantity_kind") == "currency") & C("region_level").is_null()
            & C("kind").is_in(AMOUNT_KINDS) & (C("chk_per_unit") == False),  # noqa: E712
            meta={"reason": "value_base {value_base:g} {base_unit} ({value:g} {unit}) is outside "
                            "1e5 … 1e15 for an amount of money of a region of unknown level"},
        )
    )
    return out


STATISTIC_CHECKS = (
    # Official figures, whatever their source (statistics CSV, statistical bulletin, work report),
    # are held to the same rules as the facts of the plans.
    Check(
        name="statistic_growth_rate_in_percent",
        severity="error",
        frame="statistic_units",
        description=("A statistic of measure growth_rate (比上年增长) is a percentage (%, ‰) or, for a contribution "
                     "(拉动…个百分点), percentage points: a growth rate is not a level."),
        reason="growth rate {value:g} {unit!r} of {indicator} ({year}) is not a percentage — a level read as a growth rate?",
        columns=("measure", "value", "unit", "quantity_kind"),
        expect=lambda E, C: E.ExpectColumnValuesToBeInSet(
            column="quantity_kind", value_set=["percent", "percentage_points"],
            row_condition=C("measure") == "growth_rate",
        ),
    ),
    Check(
        name="statistic_level_is_not_a_growth_rate",
        severity="error",
        frame="statistic_units",
        description=("A statistic in % of measure level or share does not name a change (…增长, …增速, …下降): "
                     "that is a growth rate read as a level. (增长1.5倍 is a multiple, not checked here.)"),
        reason="{measure} {value:g} {unit} is named {indicator!r}, which names a change — a growth rate read as a {measure}?",
        columns=("measure", "value", "unit", "indicator"),
        expect=lambda E, C: E.ExpectColumnValuesToBeInSet(
            column="chk_name_says_change", value_set=[False],
            row_condition=C("measure").is_in(["level", "share"]) & (C("quantity_kind") == "percent"),
        ),
    ),
    Check(
        name="statistic_value_base_plausible",
        severity="error",
        frame="statistic_units",
        description=("An official figure's value_base lies within the plausible band of its quantity kind, "
                     "measure and region level — the same bands as the plans' facts."),
        reason="value_base {value_base:g} {base_unit} is implausible for its unit",
        columns=("value", "unit", "value_base", "base_unit", "quantity_kind", "measure", "region_level"),
        expect=_plausible,
        combine="sum",
    ),
    Check(
        name="statistic_unit_known",
        severity="warn",
        frame="statistic_units",
        description="Every official figure's unit is in the unit seed (the row is kept without value_base otherwise).",
        reason="unit {unit!r} is not a known unit, so the statistic cannot be normalised",
        columns=("unit", "value"),
        expect=lambda E, C: E.ExpectColumnValuesToNotBeNull(column="quantity_kind"),
    ),
)


SUITE = Suite(
    name="units",
    description="Every fact's and official figure's unit is known and its value is plausible for its unit, kind and region.",
    frames=(PLAN_FACTS, STATISTIC_UNITS),
    checks=STATISTIC_CHECKS + (
        Check(
            # a warning, not a quarantine: an unknown unit is a gap in the reference data, not a
            # wrong fact — the fact stays published with its unit as written and no value_base,
            # and marts.unresolved_units lists the unit for the seed's reviewer
            name="unit_known",
            severity="warn",
            frame="plan_facts",
            description="Every fact's unit is in the unit seed (quantity_kind is not NULL); "
                        "facts with an unknown unit stay published without value_base.",
            reason="unit {unit!r} is not a known unit (quantity_kind is NULL), so the value cannot be normalised",
            columns=("unit", "value"),
            expect=lambda E, C: E.ExpectColumnValuesToNotBeNull(column="quantity_kind"),
        ),
        Check(
            name="share_within_0_100",
            severity="error",
            frame="plan_facts",
            description="A share in % (kind share, unit %) lies within 0 … 100.",
            reason="share {value:g}% is outside 0 … 100",
            columns=("kind", "unit", "value", "value_high"),
            expect=lambda E, C: [
                E.ExpectColumnValuesToBeBetween(
                    column=col, min_value=0, max_value=100,
                    row_condition=(C("kind") == "share") & (C("unit") == "%"),
                    meta={"reason": f"share {{{col}:g}}% ({col}) is outside 0 … 100"},
                )
                for col in ("value", "value_high")
            ],
        ),
        Check(
            name="rate_within_band",
            severity="error",
            frame="plan_facts",
            description="A rate in % (kind rate, unit %) lies within -100 … 1000.",
            reason="rate {value:g}% is outside -100 … 1000",
            columns=("kind", "unit", "value", "value_high"),
            expect=lambda E, C: [
                E.ExpectColumnValuesToBeBetween(
                    column=col, min_value=-100, max_value=1000,
                    row_condition=(C("kind") == "rate") & (C("unit") == "%"),
                    meta={"reason": f"rate {{{col}:g}}% ({col}) is outside -100 … 1000"},
                )
                for col in ("value", "value_high")
            ],
        ),
        Check(
            name="rate_above_100",
            severity="warn",
            frame="plan_facts",
            description="A rate in % above 100 (more than doubling) is unusual; look at it.",
            reason="rate {value:g}% is above 100 %: more than doubling — check the kind and the number",
            columns=("kind", "unit", "value"),
            expect=lambda E, C: E.ExpectColumnValuesToBeBetween(
                column="value", max_value=100,
                row_condition=(C("kind") == "rate") & (C("unit") == "%"),
            ),
        ),
        Check(
            name="value_base_plausible",
            severity="error",
            frame="plan_facts",
            description=(
                "value_base lies within a plausible band for its quantity kind and region level "
                "(money of a city 1e6 … 1e14 CNY, of a province up to 1e15; counts below 1e8; "
                "percent 0 … 1000 …), so a unit written without its multiplier (元 for 亿元) is caught."
            ),
            reason="value_base {value_base:g} {base_unit} is implausible for its unit",
            columns=("value", "unit", "value_base", "base_unit", "quantity_kind", "kind", "region_level"),
            expect=_plausible,
            combine="sum",
        ),
        Check(
            name="per_year_consistent",
            severity="error",
            frame="plan_facts",
            description=(
                "per_year is true only for kinds rate and increment, or a level whose indicator or "
                "quote says 年均/每年 (per_year with cumulative, share or rank is contradictory)."
            ),
            reason="per_year is true for kind {kind!r}, which cannot be per year",
            columns=("kind", "per_year", "quote"),
            expect=lambda E, C: [
                E.ExpectColumnValuesToBeInSet(
                    column="kind", value_set=PER_YEAR_KINDS, row_condition=C("per_year") == True,  # noqa: E712
                    meta={"reason": "per_year is true for kind {kind!r}, which is contradictory "
                                    "(only rate, increment or a 年均 level can be per year)"},
                ),
                E.ExpectColumnValuesToBeInSet(
                    column="chk_mentions_annual", value_set=[True],
                    row_condition=(C("per_year") == True) & (C("kind") == "level"),  # noqa: E712
                    meta={"reason": "per_year is true for a level, but neither the indicator nor "
                                    "the quote says 年均/每年"},
                ),
            ],
        ),
        Check(
            name="comparator_accepted",
            severity="error",
            frame="plan_facts",
            description=f"comparator is one of {' '.join(COMPARATORS)}.",
            reason="comparator {comparator!r} is not one of " + " ".join(COMPARATORS),
            columns=("comparator",),
            expect=lambda E, C: [
                E.ExpectColumnValuesToNotBeNull(column="comparator"),
                E.ExpectColumnValuesToBeInSet(column="comparator", value_set=COMPARATORS),
            ],
        ),
        Check(
            name="kind_accepted",
            severity="error",
            frame="plan_facts",
            description=f"kind is one of {', '.join(KINDS)}.",
            reason="kind {kind!r} is not one of " + ", ".join(KINDS),
            columns=("kind",),
            expect=lambda E, C: [
                E.ExpectColumnValuesToNotBeNull(column="kind"),
                E.ExpectColumnValuesToBeInSet(column="kind", value_set=KINDS),
            ],
        ),
        Check(
            name="role_accepted",
            severity="error",
            frame="plan_facts",
            description="role is target or observation.",
            reason="role {role!r} is not target or observation",
            columns=("role",),
            expect=lambda E, C: [
                E.ExpectColumnValuesToNotBeNull(column="role"),
                E.ExpectColumnValuesToBeInSet(column="role", value_set=ROLES),
            ],
        ),
    ),
)
