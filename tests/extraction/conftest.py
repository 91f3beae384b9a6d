"""Sample articles written for these tests (in the style of real pages, not copied from them)."""
import pytest

VI_ARTICLE = """Trang chủ
Thời sự | Chính trị | Kinh tế
Đăng nhập

Hà Nội và Viêng Chăn thúc đẩy hợp tác giáo dục, y tế
20/09/2024 16:40
Chiều 20/9, tại trụ sở Thành ủy, Bí thư Thành ủy Hà Nội Bùi Thị Minh Hoài đã tiếp Đoàn công tác của Thủ đô Viêng Chăn do đồng chí Atsaphangthong Siphandone, Phó Bí thư Thành ủy, Đô trưởng Thủ đô Viêng Chăn làm Trưởng đoàn.
![]() |
Quang cảnh buổi tiếp |
Bí thư Thành ủy Bùi Thị Minh Hoài đánh giá cao kết quả thực hiện biên bản thỏa thuận hợp tác giai đoạn 2022 - 2025 giữa hai Thủ đô, đặc biệt trong các lĩnh vực giáo dục, y tế và chuyển đổi số.
Đô trưởng Atsaphangthong Siphandone cảm ơn sự giúp đỡ quý báu của Hà Nội và đề nghị hai bên tiếp tục trao đổi kinh nghiệm về quy hoạch đô thị, xử lý rác thải.
Hai bên nhất trí sẽ xây dựng kế hoạch hợp tác giai đoạn 2026 - 2030, tiến tới ký kết vào đầu năm tới.
* Trước đó, Chủ tịch UBND thành phố Trần Sỹ Thanh đã hội đàm với Đô trưởng Atsaphangthong Siphandone tại trụ sở UBND thành phố.
Tại buổi hội đàm, hai bên đã trao đổi về hợp tác trong lĩnh vực du lịch và giao thông đô thị./.

Theo Hanoi.gov.vn
Xem link gốc https://hanoi.gov.vn/tin-tuc/2024/09/ha-noi-vieng-chan-hop-tac.html

Đọc nhiều
Giá xăng dầu hôm nay giảm mạnh
26 Nov, 11:42 PM
Hà Nội khai trương tuyến buýt điện mới, phục vụ người dân ở các huyện ngoại thành.
Bài viết hay? Đánh giá ngay
  • Rất hay
  • Thích
BÌNH LUẬN (0)
  • Bạn đọc vui lòng không gửi bình luận vi phạm pháp luật, không sử dụng từ ngữ thiếu văn hóa.
Tin mới
Cháy nhà trọ ở quận Đống Đa, không có thiệt hại về người
"""

VI_SENTENCES = [
    "Chiều 20/9, tại trụ sở Thành ủy, Bí thư Thành ủy Hà Nội Bùi Thị Minh Hoài đã tiếp Đoàn công tác của Thủ đô Viêng Chăn",
    "Bí thư Thành ủy Bùi Thị Minh Hoài đánh giá cao kết quả thực hiện biên bản thỏa thuận hợp tác",
    "Đô trưởng Atsaphangthong Siphandone cảm ơn sự giúp đỡ quý báu của Hà Nội",
    "Hai bên nhất trí sẽ xây dựng kế hoạch hợp tác giai đoạn 2026 - 2030, tiến tới ký kết vào đầu năm tới.",
    "Trước đó, Chủ tịch UBND thành phố Trần Sỹ Thanh đã hội đàm với Đô trưởng Atsaphangthong Siphandone",
    "Tại buổi hội đàm, hai bên đã trao đổi về hợp tác trong lĩnh vực du lịch và giao thông đô thị./.",
]
VI_NOISE = ["Trang chủ", "Đăng nhập", "Đọc nhiều", "Giá xăng dầu hôm nay", "26 Nov, 11:42 PM",
            "Hà Nội khai trương tuyến buýt điện mới", "Bài viết hay", "Rất hay", "Thích", "BÌNH LUẬN",
            "Bạn đọc vui lòng", "Tin mới", "Cháy nhà trọ", "Theo Hanoi.gov.vn", "Xem link gốc", "![]()",
            "Quang cảnh buổi tiếp"]

EN_ARTICLE = """HANOI TIMES
News | Politics | Business
Subscribe

Hanoi, Tokyo eye stronger ties in urban railway, environment
December 03, 2024 | 08:15 PM
Hanoi and Tokyo have been friendship cities since 2013.
On Monday (Dec. 2), Hanoi Mayor Tran Sy Thanh received Vice Governor of Tokyo Hideaki Ishizaka, who is on a working visit to Hanoi.
Thanh said Hanoi wants to learn from Tokyo's experience in urban railway, waste treatment and environmental protection.
Vice Governor Hideaki Ishizaka said Tokyo is ready to share its expertise and proposed signing a memorandum of understanding on climate action next year.
The two sides also agreed to boost tourism and cultural exchanges./.

Related news
Hanoi to pilot low-emission zone
Most read
Gold prices hit record high
Comments (0)
"""
EN_SENTENCES = [
    "Hanoi and Tokyo have been friendship cities since 2013.",
    "On Monday (Dec. 2), Hanoi Mayor Tran Sy Thanh received Vice Governor of Tokyo Hideaki Ishizaka",
    "Thanh said Hanoi wants to learn from Tokyo's experience in urban railway",
    "proposed signing a memorandum of understanding on climate action next year.",
    "The two sides also agreed to boost tourism and cultural exchanges./.",
]
EN_NOISE = ["HANOI TIMES", "Subscribe", "Related news", "Hanoi to pilot low-emission zone", "Most read",
            "Gold prices hit record high", "Comments (0)"]

HTML_ARTICLE = """<!DOCTYPE html><html><head><title>Hanoi, Bangkok sign cooperation plan</title>
<meta property="og:title" content="Hanoi, Bangkok sign cooperation plan for 2025-2027">
<meta property="article:published_time" content="2025-02-14T10:00:00+07:00"></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/biz">Business</a></nav>
<article><h1>Hanoi, Bangkok sign cooperation plan for 2025-2027</h1>
<p>On February 13, Chairman of the Hanoi People's Committee Tran Sy Thanh and Bangkok Governor Chadchart Sittipunt signed a cooperation plan for the 2025-2027 period at a ceremony in Hanoi.</p>
<p>Under the plan, the two capitals will cooperate in tourism, urban planning and waste management, and will exchange experience in flood prevention.</p>
<p>Governor Chadchart Sittipunt said Bangkok wants to learn from Hanoi's experience in preserving its cultural heritage.</p>
</article>
<aside><h3>Most read</h3><ul><li>Hanoi weather turns cold</li><li>Gold price rises</li></ul></aside>
<div class="comments"><h3>Comments</h3><p>Great news for both cities, I hope to visit Bangkok soon!</p></div>
<footer>Copyright Hanoi Times</footer></body></html>"""


@pytest.fixture
def vi_article():
    return VI_ARTICLE


@pytest.fixture
def en_article():
    return EN_ARTICLE


@pytest.fixture
def html_article():
    return HTML_ARTICLE
