"""Officials with titles, both sides, deduplicated."""
import pytest

from meetings.extraction import extract
from meetings.extraction.people import extract_people, name_key
from meetings.extraction.places import default_gazetteer


def _people(*sentences, **kw):
    return {(p.name, p.title, p.side) for p in extract_people(list(sentences), default_gazetteer(), **kw)}


@pytest.mark.parametrize("sentence, name, title, side", [
    ("Chủ tịch UBND Thành phố Trần Sỹ Thanh phát biểu.", "Trần Sỹ Thanh", "Chủ tịch UBND Thành phố", "hanoi"),
    ("Buổi làm việc với Đại sứ Hoa Kỳ Daniel Kritenbrink diễn ra thân mật.", "Daniel Kritenbrink", "Đại sứ Hoa Kỳ", "partner"),
    ("Đô trưởng Thủ đô Viêng Chăn Athsaphangthong Siphandone phát biểu cảm ơn.", "Athsaphangthong Siphandone",
     "Đô trưởng Thủ đô Viêng Chăn", "partner"),
    ("Bí thư Thành ủy Vương Đình Huệ đã trao quà lưu niệm.", "Vương Đình Huệ", "Bí thư Thành ủy", "hanoi"),
    ("Dẫn đầu đoàn khách là đồng chí Duangta Soulivong, Bí thư Huyện ủy, Huyện trưởng.", "Duangta Soulivong",
     "Bí thư Huyện ủy, Huyện trưởng", "partner"),
    ("Tiếp đoàn có Ông Paul Krekorian - Chủ tịch Hội đồng Thành phố và các quan chức.", "Paul Krekorian",
     "Chủ tịch Hội đồng Thành phố", "partner"),
    ("Chairwoman of the Hanoi People's Council Phung Thi Hong Ha met him.", "Phung Thi Hong Ha",
     "Chairwoman of the Hanoi People's Council", "hanoi"),
    ("Hanoi Mayor Tran Sy Thanh received the guests.", "Tran Sy Thanh", "Hanoi Mayor", "hanoi"),
    ("She met Mayor of Seoul Oh Se-hoon yesterday.", "Oh Se-hoon", "Mayor of Seoul", "partner"),
    ("Vientiane Mayor Atsaphangthong Siphandone thanked Hanoi.", "Atsaphangthong Siphandone", "Vientiane Mayor", "partner"),
    ("Đón đoàn tại sân bay có đồng chí Hoàng Anh Tuấn - Tổng lãnh sự Việt Nam tại San Francisco.",
     "Hoàng Anh Tuấn", "Tổng lãnh sự Việt Nam tại San Francisco", "hanoi"),
    ("Oh Se-hoon, Mayor of Seoul, said the cities would work together.", "Oh Se-hoon", "Mayor of Seoul", "partner"),
    ("Mayor Oh Se-hoon of Seoul said he was glad to visit.", "Oh Se-hoon", "Mayor", "partner"),
    ("The delegation was led by Vientiane Mayor Atsaphangthong Siphandone in Hanoi on October 4.",
     "Atsaphangthong Siphandone", "Vientiane Mayor", "partner"),
    ("President of the Vientiane Capital Front for National Development Sinlavong Khoutphaythoune arrived.",
     "Sinlavong Khoutphaythoune", "President of the Vientiane Capital Front for National Development", "partner"),
    ("Vietnamese Ambassador to Russia Dang Minh Khoi attended the talks.", "Dang Minh Khoi",
     "Vietnamese Ambassador to Russia", "hanoi"),
    ("Sáng 22/4, Phó Chủ tịch UBND thành phố Vũ Thu Hà đã tiếp đoàn.", "Vũ Thu Hà", "Phó Chủ tịch UBND thành phố", "hanoi"),
    ("Sáng 12/3, bà Phùng Thị Hồng Hà đã tiếp Ngài Trần Kiệt, Phó Chủ tịch Chính hiệp thành phố Thượng Hải.",
     "Trần Kiệt", "Phó Chủ tịch Chính hiệp thành phố Thượng Hải", "partner"),
])
def test_titles_names_and_sides(sentence, name, title, side):
    assert (name, title, side) in _people(sentence)


def test_title_chain_is_kept_whole():
    got = _people("Ủy viên Bộ Chính trị, Bí thư Thành ủy Vương Đình Huệ đã có cuộc gặp với Đại sứ Hoa Kỳ "
                  "tại Việt Nam Daniel Kritenbrink vào đầu tháng 7.")
    assert ("Vương Đình Huệ", "Ủy viên Bộ Chính trị, Bí thư Thành ủy", "hanoi") in got
    assert ("Daniel Kritenbrink", "Đại sứ Hoa Kỳ tại Việt Nam", "partner") in got


def test_same_person_merged_with_fullest_name_and_title():
    people = extract_people(["Đại sứ Marc Knapper đến thăm trụ sở UBND thành phố.",
                             "Theo Đại sứ Marc E. Knapper, hai bên còn nhiều dư địa hợp tác.",
                             "Đại sứ Hoa Kỳ tại Việt Nam Marc Knapper cảm ơn Thành phố.",
                             "Ông Paul Krekoria - Chủ tịch Hội đồng Thành phố phát biểu.",
                             "Ông Paul Krekorian - Chủ tịch Hội đồng Thành phố hoan nghênh đoàn."],
                            default_gazetteer())
    assert len(people) == 2
    knapper, krekorian = people
    assert knapper.name == "Marc E. Knapper" and knapper.title == "Đại sứ Hoa Kỳ tại Việt Nam" and knapper.mentions == 3
    assert krekorian.name == "Paul Krekorian"
    assert name_key("Daniel J.Kritenbrink") == name_key("Daniel J. Kritenbrink") == "daniel kritenbrink"


def test_national_leaders_in_passing_are_ignored():
    got = _people("Đại sứ Marc Knapper đến thăm trụ sở UBND thành phố.",
                  "Quan hệ hai nước phát triển mạnh kể từ chuyến thăm của Tổng thống Joe Biden.")
    assert {g[0] for g in got} == {"Marc Knapper"}


def test_known_people_are_matched_by_folded_name():
    people = extract_people(["Hanoi Mayor Tran Sy Thanh received the guests."], default_gazetteer(),
                            known_people=["Trần Sỹ Thanh"])
    assert people[0].name == "Trần Sỹ Thanh" and people[0].known


def test_both_sides_in_a_draft(vi_article):
    d = extract(vi_article)
    assert [p["name"] for p in d.hanoi_officials] == ["Bùi Thị Minh Hoài"]
    assert [p["name"] for p in d.foreign_officials] == ["Atsaphangthong Siphandone"]
    assert set(d.to_json_dict()["hanoi_officials"][0]) == {"name", "title"}
