"""Gazetteer matching, Hanoi-side places, countries, proposed new localities."""
import json

import pytest

from meetings.extraction import extract
from meetings.extraction.places import DATA, Gazetteer, default_gazetteer, find_countries, propose_localities


def test_gazetteer_is_big_enough_and_well_formed():
    entries = json.loads(DATA.read_text(encoding="utf-8"))["entries"]
    partners = [e for e in entries if not e.get("hanoi_side") and not e.get("domestic")]
    assert len(partners) >= 60
    for e in entries:
        assert {"name_en", "name_vi", "aliases", "country", "kind"} <= set(e)
        assert len(e["country"]) == 2 and e["kind"] in {"capital", "city", "province", "district"}
    names = {e["name_en"] for e in entries}
    for needed in ["Vientiane", "Jakarta", "Beijing", "Moscow", "Seoul", "Tokyo", "Paris", "Bangkok", "Phnom Penh",
                   "Los Angeles", "Chanthabuly", "Hanoi", "Hoan Kiem"]:
        assert needed in names


@pytest.mark.parametrize("text", ["Thủ đô Viêng Chăn", "VIÊNG CHĂN", "Vieng Chan", "vieng chan", "Vientiane"])
def test_variants_match_vientiane(text):
    assert [m.name_en for m in default_gazetteer().find(f"Đoàn đại biểu {text} thăm Hà Nội")][0] == "Vientiane"


@pytest.mark.parametrize("text, name", [("Mát-xcơ-va", "Moscow"), ("MAT XCO VA", "Moscow"), ("Xơ-un", "Seoul"),
                                        ("Băng Cốc", "Bangkok"), ("Phnom Penh", "Phnom Penh"),
                                        ("Gia-các-ta", "Jakarta"), ("Bắc Kinh", "Beijing"), ("Tô-ky-ô", "Tokyo")])
def test_exonyms(text, name):
    assert default_gazetteer().find(text)[0].name_en == name


def test_whole_words_and_longest_match():
    g = default_gazetteer()
    assert g.find("Ủy viên Bộ Chính trị") == []          # "viên" is not Vienna
    assert g.find("Nguyễn Đức Chung") == []
    m = g.find("Đoàn đại biểu Thủ đô Viêng Chăn, tiểu bang California")
    assert m[0].name_en == "Vientiane" and m[0].surface == "Thủ đô Viêng Chăn"
    assert [x.name_en for x in g.find("Thành phố Los Angeles")] == ["Los Angeles"]


def test_hanoi_side_places_flagged():
    g = default_gazetteer()
    for text in ["Hà Nội", "quận Hoàn Kiếm", "Ba Đình"]:
        assert g.find(text)[0].entry.get("hanoi_side") is True


def test_extra_entries_from_the_database():
    g = Gazetteer(extra=[{"id": 7, "name_en": "Gyeongju", "name_vi": "Kyŏngju", "aliases": ["Thành phố Gyeongju"],
                          "country": "KR", "kind": "city"}])
    m = g.find("đoàn đại biểu thành phố Gyeongju")
    assert m[0].entry["id"] == 7


def test_countries():
    codes = [m.entry["code"] for m in find_countries("Đại sứ Hoa Kỳ, Cộng hòa dân chủ nhân dân Lào và Laos, United States")]
    assert codes == ["US", "LA", "LA", "US"]
    assert find_countries("Nguyễn Đức Chung") == []


def test_proposed_new_locality():
    g = default_gazetteer()
    names = [p["name"] for p in propose_localities("Đoàn đại biểu thành phố Gyeongju và tiểu bang California; Quezon City", g)]
    assert names == ["Gyeongju", "California", "Quezon"]
    assert propose_localities("Thủ đô Viêng Chăn và thành phố Hà Nội", g) == []


def test_unknown_partner_city_is_proposed_and_reported():
    d = extract("Quận Hoàn Kiếm tiếp đoàn thành phố Gyeongju\nChiều 8/5, Bí thư Quận ủy Hoàn Kiếm Nguyễn Văn Nam "
                "đã tiếp Đoàn đại biểu thành phố Gyeongju (Hàn Quốc) do Thị trưởng Joo Nak-young dẫn đầu.")
    assert {"name": "Gyeongju", "kind": "city"} in d.proposed_localities
    assert d.to_json_dict()["partner_localities"] == ["Gyeongju"]
    assert d.partner_country == "KR"


def test_country_only_mention_gives_partner_country():
    d = extract("Thành phố muốn mở rộng quan hệ với các bang của Hoa Kỳ\n"
                "Sáng 2/3, Bí thư Thành ủy Vương Đình Huệ gặp Đại sứ Hoa Kỳ tại Việt Nam Daniel Kritenbrink tại trụ sở Thành ủy.")
    assert d.to_json_dict()["partner_localities"] == []
    assert d.partner_country == "US"


def test_hanoi_places_and_vietnamese_consul_posts_are_not_partners():
    d = extract("Lãnh đạo HĐND Hà Nội làm việc tại Los Angeles\nSáng 14/8, đoàn công tác Hà Nội gặp lãnh đạo Hội đồng "
                "thành phố Los Angeles. Tháp tùng đoàn có đồng chí Hoàng Anh Tuấn - Tổng lãnh sự Việt Nam tại "
                "San Francisco và đại diện quận Hoàn Kiếm.")
    assert d.to_json_dict()["partner_localities"] == ["Los Angeles"]


def test_district_and_its_capital_both_reported():
    d = extract("Hà Nội và Viêng Chăn thúc đẩy hợp tác cấp quận, huyện\nSáng 28/11, Phó Bí thư Thành ủy Hà Nội "
                "Nguyễn Văn Phong gặp Đoàn đại biểu huyện Chanthabuly - Thủ đô Viêng Chăn đang thăm Hà Nội.")
    assert set(d.to_json_dict()["partner_localities"]) == {"Vientiane", "Chanthabuly"}
    assert d.partner_country == "LA"


def test_english_possessive():
    assert [m.name_en for m in default_gazetteer().find("Hanoi's Party Secretary met Seoul's mayor")] == ["Hanoi", "Seoul"]
