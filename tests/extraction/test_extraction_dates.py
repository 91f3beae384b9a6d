"""Event date: each phrasing, each source of the year, precision when the year is unknown."""
import datetime as dt

import pytest

from meetings.extraction import extract
from meetings.extraction.dates import find_event_date, year_from_url


@pytest.mark.parametrize("sentence, day_month, part", [
    ("Chiều 6/7, Bí thư Thành ủy tiếp Đại sứ.", (6, 7), "afternoon"),
    ("Sáng 28/11, lãnh đạo Thành ủy gặp gỡ đoàn khách.", (28, 11), "morning"),
    ("Sáng ngày 14/8 theo giờ địa phương, đoàn công tác gặp Thị trưởng.", (14, 8), "morning"),
    ("Chiều nay, 21/11, hai bên đã hội đàm.", (21, 11), "afternoon"),
    ("Trưa 3/2, đoàn tới chào xã giao.", (3, 2), "noon"),
    ("Tối 9/9, Chủ tịch UBND thành phố tiếp Thị trưởng.", (9, 9), "evening"),
    ("Hanoi Mayor Tran Sy Thanh on November 19 received the delegation.", (19, 11), None),
    ("On Tuesday (Nov. 19), the mayor received the delegation.", (19, 11), None),
    ("On the afternoon of November 19, the mayor met the ambassador.", (19, 11), "afternoon"),
])
def test_phrasings_without_year(sentence, day_month, part):
    res = find_event_date([sentence])
    assert res.day_month == day_month
    assert res.part_of_day == part
    assert res.date is None and res.precision == "unknown"


@pytest.mark.parametrize("sentence, expected", [
    ("Ngày 4/10/2023, hai bên hội đàm tại Hà Nội.", dt.date(2023, 10, 4)),
    ("Hanoi, November 19, 2024 - The mayor met the delegation.", dt.date(2024, 11, 19)),
    ("Ngày 4 tháng 10 năm 2023, đoàn tới thăm và làm việc.", dt.date(2023, 10, 4)),
])
def test_year_written_in_the_date(sentence, expected):
    res = find_event_date([sentence])
    assert res.date == expected and res.precision == "day"


def test_year_from_the_page_date_line():
    res = find_event_date(["Chiều 14/8, đoàn làm việc với thành phố."], dateline="15/08/2023 14:56")
    assert res.date == dt.date(2023, 8, 14)


def test_year_from_the_url():
    res = find_event_date(["Chiều 4/10, Chủ tịch tiếp đoàn."], url="https://example.vn/2023/10/ha-noi-tiep-doan.html")
    assert res.date == dt.date(2023, 10, 4)
    assert year_from_url("https://example.vn/tin/ha-noi-20231004123456.htm") == (2023, 10)


def test_year_from_published_date_never_after_publication():
    res = find_event_date(["Chiều 28/12, ông Nguyễn Văn A tiếp đoàn."], published=dt.date(2024, 1, 3))
    assert res.date == dt.date(2023, 12, 28)
    res = find_event_date(["Chiều 2/1, ông Nguyễn Văn A tiếp đoàn."], published=dt.date(2024, 1, 3))
    assert res.date == dt.date(2024, 1, 2)


def test_year_from_a_full_date_in_the_body():
    res = find_event_date(["Chiều 4/10, Chủ tịch tiếp đoàn Viêng Chăn.",
                           "Chính phủ Lào tăng lương tối thiểu từ ngày 1/10/2023."])
    assert res.date == dt.date(2023, 10, 4)


def test_dates_mentioned_in_passing_are_ignored():
    res = find_event_date(["Ông cho biết, ngày 27/6 vừa qua, thành phố đã tổ chức một diễn đàn đầu tư lớn.",
                           "Chiều 6/7, Bí thư Thành ủy tiếp Đại sứ."])
    assert res.day_month == (6, 7)
    res = find_event_date(["Lương tối thiểu tăng từ ngày 1/10/2023 để hỗ trợ người lao động."])
    assert res.day_month is None


def test_draft_keeps_day_month_when_year_unknown():
    d = extract("Hà Nội tiếp đoàn Phnôm Pênh\nSáng 14/3, Phó Bí thư Thành ủy Nguyễn Văn Phong đã tiếp "
                "Đoàn đại biểu Thủ đô Phnôm Pênh do ngài Khuong Sreng, Tỉnh trưởng Thủ đô Phnôm Pênh làm Trưởng đoàn.")
    assert d.event_date is None and d.date_precision == "unknown"
    assert d.event_day_month == (14, 3) and d.part_of_day == "morning"
    assert "event_day_month" not in d.to_json_dict()


def test_published_option_gives_the_year():
    d = extract("Hà Nội tiếp đoàn Phnôm Pênh\nSáng 14/3, Phó Bí thư Thành ủy Nguyễn Văn Phong đã tiếp "
                "Đoàn đại biểu Thủ đô Phnôm Pênh.", published="2025-03-15")
    assert d.event_date == dt.date(2025, 3, 14) and d.date_precision == "day"


def test_dates_in_noise_are_ignored(vi_article):
    # "26 Nov, 11:42 PM" and the teaser headlines sit after the article
    d = extract(vi_article)
    assert d.event_date == dt.date(2024, 9, 20)


@pytest.mark.parametrize("sentence, day_month", [
    ("Chiều 19-11, Chủ tịch UBND thành phố tiếp đoàn.", (19, 11)),
    ("Sáng nay (19/11), Chủ tịch UBND thành phố tiếp đoàn.", (19, 11)),
    ("Ngày 19-11, hai bên hội đàm tại Hà Nội.", (19, 11)),
    ("Khoảng 25-30 doanh nghiệp tham dự buổi gặp.", None),
    ("Tổng vốn đầu tư đạt 17,6 tỷ USD, tăng 6.5 lần.", None),
])
def test_dash_dates_and_non_dates(sentence, day_month):
    assert find_event_date([sentence]).day_month == day_month


def test_press_dateline_is_not_the_event_date():
    res = find_event_date(["Hanoi, Oct 24 (VNA) - Chairwoman Nguyen Thi Tuyen received the Seoul delegation on October 23."])
    assert res.day_month == (23, 10)
