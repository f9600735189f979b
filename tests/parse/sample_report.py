"""A report of our own (blocks, a side-by-side header and a two-row-header table), written in all
three formats by fixture_writer.py; the parse tests compare what each backend reads back."""
from fixture_writer import Grid, Heading, Item, Para, SideBySide

_FILLER = (
    "Các cơ quan, đơn vị đã bám sát nhiệm vụ chính trị được giao, lồng ghép nội dung thi đua với "
    "công tác chuyên môn, chú trọng phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến trong "
    "lao động, sản xuất và công tác; việc bình xét khen thưởng được thực hiện công khai, dân chủ, "
    "đúng đối tượng và tiêu chuẩn."
)

REPORT = [
    SideBySide(
        left=[["ỦY BAN NHÂN DÂN", "HUYỆN AN PHÚ"], ["Số: 12/BC-UBND"]],
        right=[["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], ["An Phú, ngày 16 tháng 12 năm 2024"]],
    ),
    Heading("BÁO CÁO", 1),
    Heading("Kết quả công tác thi đua, khen thưởng năm 2024", 1),
    Para("Kính gửi: Ủy ban nhân dân tỉnh Bình Sơn", break_at=2),
    Heading("I. TÌNH HÌNH CHUNG", 2),
    Para(
        "Năm 2024, huyện triển khai đồng bộ các phong trào thi đua yêu nước, gắn với việc thực hiện "
        "các chỉ tiêu phát triển kinh tế - xã hội của địa phương.",
        runin="1. Thuận lợi:",
    ),
    Para(
        "Một số đơn vị chưa chú trọng công tác sơ kết, tổng kết phong trào thi đua, việc đề xuất khen "
        "thưởng cho người lao động trực tiếp còn ít so với yêu cầu đặt ra trong năm.",
        runin="2. Khó khăn:",
    ),
    Heading("II. KẾT QUẢ THỰC HIỆN", 2),
    Heading("1. Tổ chức các phong trào thi đua", 3),
    Item("- Phát động phong trào thi đua chuyên đề hoàn thành các công trình trọng điểm của huyện."),
    Item("+ Có 42 tập thể và 128 cá nhân đăng ký giao ước thi đua."),
    Item("+ Tổ chức 03 hội nghị sơ kết giữa kỳ tại các xã."),
    Para(
        "Qua phong trào, nhiều mô hình hay được hình thành như tổ tự quản an ninh trật tự, tuyến đường "
        "hoa, mô hình kinh tế hộ gia đình gắn với bảo vệ môi trường, góp phần hoàn thành vượt mức các "
        "chỉ tiêu của Nghị quyết Hội đồng nhân dân huyện về phát triển kinh tế - xã hội và xây "
        "dựng nông thôn mới nâng cao.",
        cut_at=47,
    ),
    Para(_FILLER),
    Heading("2. Công tác khen thưởng", 3),
    Para(_FILLER),
    Para(_FILLER, cut_at=23),
    Para(_FILLER),
    Para(_FILLER),
    Para(_FILLER),
    Grid(
        title="1. Khen thưởng cấp huyện",
        header=[
            ["Số TT", "Hình thức khen thưởng", "Tổng số", "Trong đó", "<", "Lãnh đạo", "<"],
            ["^", "^", "^", "Tập thể", "Cá nhân", "Số lượng", "Tỷ lệ %"],
        ],
        body=[
            [f"{i}.", name, total, coll, ind, lead, pct]
            for i, (name, total, coll, ind, lead, pct) in enumerate(
                [
                    ("Giấy khen của Chủ tịch UBND huyện cho tập thể tiêu biểu", "120", "120", "-", "-", "-"),
                    ("Giấy khen của Chủ tịch UBND huyện cho cá nhân", "1.215", "-", "1.215", "310", "25,5%"),
                    ("Danh hiệu Lao động tiên tiến", "2.480", "-", "2.480", "402", "16,2%"),
                    ("Danh hiệu Chiến sĩ thi đua cơ sở", "236", "-", "236", "71", "30,1%"),
                    ("Danh hiệu Tập thể lao động tiên tiến", "98", "98", "-", "-", "-"),
                    ("Giấy khen chuyên đề phong trào xây dựng nông thôn mới", "64", "12", "52", "9", "17,3%"),
                    ("Giấy khen đột xuất", "17", "2", "15", "1", "6,7%"),
                    ("Giấy khen cho học sinh, sinh viên có thành tích học tập xuất sắc", "45", "-", "45", "-", "-"),
                    ("Giấy khen thành tích phong trào toàn dân bảo vệ an ninh Tổ quốc", "33", "5", "28", "4", "14,3%"),
                    ("Giấy khen cho doanh nghiệp tiêu biểu", "11", "11", "-", "-", "-"),
                    ("Giấy khen cho hộ gia đình sản xuất, kinh doanh giỏi", "58", "-", "58", "-", "-"),
                    ("Giấy khen cho người có uy tín trong đồng bào dân tộc thiểu số", "12", "-", "12", "-", "-"),
                    ("Giấy khen cho các tổ chức cơ sở đảng trong sạch, vững mạnh tiêu biểu", "21", "21", "-", "-", "-"),
                    ("Giấy khen thành tích phòng, chống thiên tai", "26", "4", "22", "3", "13,6%"),
                ],
                start=1,
            )
        ]
        + [["", "CỘNG", "4.436", "273", "4.163", "800", "-"]],
    ),
    Heading("III. PHƯƠNG HƯỚNG NĂM 2025", 2),
    Item("- Tiếp tục đổi mới nội dung, hình thức tổ chức các phong trào thi đua."),
    Item("- Nâng cao chất lượng thẩm định hồ sơ đề nghị khen thưởng."),
]
