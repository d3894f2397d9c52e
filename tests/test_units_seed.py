"""Every unit the extractor can write is a unit the warehouse knows.

A fact whose unit is missing from dbt_project/seeds/units.csv cannot be normalised and is
quarantined by the units suite, so it never reaches marts.plan_facts: a gap in the seed is a
fact lost. This test derives the units the same way stg_units does (a magnitude prefix on a
base unit of an amount) and checks every unit of the extractor's lexicon against them."""
import csv
from pathlib import Path

from planextract.facts import lexicon as lx
from planextract.facts import tables

SEED = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "units.csv"
PREFIXES = ["十", "百", "千", "万", "十万", "百万", "千万", "亿", "十亿", "百亿", "千亿", "万亿"]
AMOUNT_KINDS = {"currency", "count", "area", "mass", "energy", "power", "volume", "length"}


def known_units() -> set[str]:
    rows = list(csv.DictReader(SEED.open(encoding="utf-8")))
    units = {r["unit"] for r in rows}
    for r in rows:
        if r["quantity_kind"] in AMOUNT_KINDS and not r["unit"].startswith(("十", "百", "千", "万", "亿")):
            units.update(p + r["unit"] for p in PREFIXES)
    return units


def test_every_unit_of_the_lexicon_is_in_the_seed():
    missing = [u for u in lx.BASE_UNITS if u not in known_units()]
    assert missing == []


def test_every_unit_a_table_cell_may_carry_is_in_the_seed():
    flat = ["%", "‰", "亿元", "万元", "元", "件", "人年", "人", "标台", "年", "个", "家", "台", "万人", "公里", "吨"]
    assert [u for u in flat if u not in known_units()] == []
    assert "年" in tables._UNIT_WORDS.split("|") and "岁" in tables._UNIT_WORDS.split("|")
