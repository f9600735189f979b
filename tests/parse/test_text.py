"""The text/Markdown backend: paragraphs, inline markup, tables; the seed report's structure."""
import textwrap
from pathlib import Path

from hypothesis import given, strategies as st

from extractor.parse import parse_bytes
from extractor.parse.layout import RawParagraph, RawTable
from extractor.parse.text import inline, read_items


def md(text: str):
    return parse_bytes(text.encode("utf-8"), "x.md")


def test_bold_markers_are_stripped_and_recorded():
    assert inline("**Phần I**") .text == "Phần I"
    assert inline("**Phần I**").bold
    styled = inline("**1. Thuận lợi:** Thực hiện")
    assert styled.text == "1. Thuận lợi: Thực hiện"
    assert not styled.bold


def test_escapes_tags_and_emphasis():
    assert inline(r"\* Kết quả khen thưởng:").text == "* Kết quả khen thưởng:"
    assert inline("<b>CỘNG:</b>").bold
    assert inline("*Căn cứ Luật Thi đua, khen thưởng;*").text == "Căn cứ Luật Thi đua, khen thưởng;"
    assert inline("a * b").text == "a * b"


def test_bold_title_with_hard_line_break_is_one_heading():
    doc = md("**KẾT QUẢ THỰC HIỆN NHIỆM VỤ  \nCÔNG TÁC THI ĐUA NĂM 2023**\n\nVăn bản.\n")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "KẾT QUẢ THỰC HIỆN NHIỆM VỤ CÔNG TÁC THI ĐUA NĂM 2023"),
        ("paragraph", "Văn bản."),
    ]


def test_items_on_consecutive_lines_are_separate_blocks():
    doc = md("**Nơi nhận:**\n\n- Như trên;\n- Lưu: VT.\n")
    assert [(b.kind, b.marker, b.level) for b in doc.blocks] == [
        ("heading", None, 1),
        ("list_item", "-", 1),
        ("list_item", "-", 1),
    ]


def test_hash_headings_and_plus_items():
    doc = md("## **2. Kết quả**\n\n- Một:\n\n+ hai điểm.\n")
    kinds = [(b.kind, b.marker, b.level, b.text) for b in doc.blocks]
    assert kinds == [
        ("heading", "2.", 1, "2. Kết quả"),
        ("list_item", "-", 1, "- Một:"),
        ("list_item", "+", 2, "+ hai điểm."),
    ]


def test_tab_table_with_two_row_header_and_bold_total():
    text = (
        "### 1. Khen cấp Nhà nước\n\n"
        "Số TT\tHình thức\tTổng số\tTrong đó\t\n"
        "\t\t\tTập thể\tCá nhân\n"
        "1.\tHuân chương\t27\t6\t21\n"
        "\t<b>CỘNG</b>\t<b>27</b>\t<b>6</b>\t<b>21</b>\n"
    )
    doc = md(text)
    (table,) = doc.tables
    assert table.title == "1. Khen cấp Nhà nước"
    assert table.after_block == 0
    assert table.header == [
        ["Số TT", "Hình thức", "Tổng số", "Trong đó", "Trong đó"],
        ["Số TT", "Hình thức", "Tổng số", "Tập thể", "Cá nhân"],
    ]
    assert [c.value for c in table.rows[0]] == [None, None, 27, 6, 21]
    total = table.rows[1]
    assert total[1].text == "CỘNG" and total[1].bold and total[2].bold
    assert not total[0].bold


def test_pipe_table_with_separator_line():
    doc = md("| Năm | Số lượng |\n|---|---:|\n| 2022 | 1.218 |\n| 2023 | 3.831 |\n")
    (table,) = doc.tables
    assert table.header == [["Năm", "Số lượng"]]
    assert [[c.value for c in row] for row in table.rows] == [[2022, 1218], [2023, 3831]]


def test_plain_text_lines_become_paragraphs_like_a_pdf_without_positions():
    text = (
        "BÁO CÁO\n"
        "KẾT QUẢ THI ĐUA NĂM 2023\n"
        "Căn cứ Nghị định số 62/2022/NĐ-CP ngày 12 tháng 9 năm 2022 của Chính phủ\n"
        "quy định chức năng, nhiệm vụ của Bộ Lao động -\n"
        "Thương binh và Xã hội;\n"
        "Điều 1. Phạm vi điều chỉnh\n"
        "1. Thông tư này quy định chi tiết.\n"
        "Ngắn\n"
        "Dòng khác.\n"
    )
    doc = parse_bytes(text.encode(), "x.txt")
    assert [b.text for b in doc.blocks] == [
        "BÁO CÁO",
        "KẾT QUẢ THI ĐUA NĂM 2023",
        "Căn cứ Nghị định số 62/2022/NĐ-CP ngày 12 tháng 9 năm 2022 của Chính phủ quy định chức "
        "năng, nhiệm vụ của Bộ Lao động - Thương binh và Xã hội;",
        "Điều 1. Phạm vi điều chỉnh",
        "1. Thông tư này quy định chi tiết.",
        "Ngắn",
        "Dòng khác.",
    ]
    assert [b.marker for b in doc.blocks][3:5] == ["Điều 1.", "1."]


def test_wrapped_markdown_lines_join_into_one_paragraph():
    items = read_items("Căn cứ Nghị định số\n152/2025/NĐ-CP của Chính phủ;\n\nĐoạn hai.", markdown=True)
    assert [i.text for i in items if isinstance(i, RawParagraph)] == [
        "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ;",
        "Đoạn hai.",
    ]
    assert not any(isinstance(i, RawTable) for i in items)


def test_windows_1258_text_is_read_with_a_note():
    doc = parse_bytes("Báo cáo năm 2023.".encode("cp1258"), "x.txt")
    assert doc.blocks[0].text == "Báo cáo năm 2023."
    assert doc.notes


def test_seed_markdown_structure(seed):
    doc = parse_bytes(seed.with_suffix(".md").read_bytes(), "seed.md")
    heads = [(b.marker, b.level) for b in doc.blocks if b.kind == "heading" and b.marker][:5]
    assert heads == [("Phần I", 1), ("I.", 2), ("II.", 2), ("1.", 3), ("2.", 3)]
    by_start = {b.text[:25]: b for b in doc.blocks}
    assert by_start["1. Thuận lợi: Thực hiện N"].kind == "paragraph"
    assert by_start["1. Thuận lợi: Thực hiện N"].marker == "1."
    title = doc.blocks[1].text
    assert title == "Tổng kết công tác thi đua, khen thưởng năm 2023; phương hướng, nhiệm vụ năm 2024"
    # the sentence the original cut at a page end ("thuộc thẩm" / "quyền") is whole again
    assert any("chính sách thuộc thẩm quyền phù hợp" in b.text for b in doc.blocks)
    assert not any(b.text.startswith("quyền phù hợp") for b in doc.blocks)
    assert [t.title for t in doc.tables] == ["1. Khen cấp Nhà nước", "2. Khen cấp tỉnh"]
    first, second = doc.tables
    assert first.header[0][3:5] == ["Trong đó", "Trong đó"]
    assert first.header[1][5:] == ["Số lượng", "Tỷ lệ %", "Số lượng", "Tỷ lệ %"]
    assert len(first.rows) == 8 and len(second.rows) == 5
    assert [c.value for c in first.rows[3]] == [None, None, 27, 6, 21, 5, 23.8, 16, 76.2]
    assert [c.value for c in second.rows[-1]][2:] == [4685, 1117, 3568, 2350, None, 1218, None]


letters = "abcdeghiklmnopqrstuvxyàáảãạăâđêôơưếộ"
word = st.text(alphabet=letters, min_size=2, max_size=9)
paragraph = st.lists(word, min_size=3, max_size=40).map(lambda ws: " ".join([ws[0].capitalize(), *ws[1:]]) + ".")


@given(st.lists(paragraph, min_size=1, max_size=6), st.integers(min_value=30, max_value=90))
def test_hard_wrapped_plain_text_gives_back_its_paragraphs(paragraphs, width):
    lines = [line for p in paragraphs for line in textwrap.wrap(p, width, break_long_words=False)]
    doc = parse_bytes("\n".join(lines).encode(), "wrapped.txt")
    assert [b.text for b in doc.blocks] == paragraphs


segment = st.tuples(st.text(alphabet=letters + " ", min_size=1, max_size=12), st.booleans())


@given(st.lists(segment, min_size=1, max_size=8))
def test_bold_markup_is_stripped_and_bold_means_every_letter(segments):
    source = "".join(f"**{text}**" if bold else text for text, bold in segments)
    styled = inline(source)
    assert styled.text == " ".join("".join(t for t, _ in segments).split())
    has_letters = [bold for text, bold in segments if text.strip()]
    assert styled.bold == (bool(has_letters) and all(has_letters))


# A letter's header and signature as web pages converted to text lay them out: the cells of a
# layout table between lines holding only "|", hard-wrapped, bold and italics cut across lines.
WEB_PAGE = """|
**ỦY BAN NHÂN
DÂN **
TỈNH HÒA KHÁNH
-------
|
**CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số:
45/KH-UBND
|
*Hòa Khánh, ngày 02
tháng 3 năm 2024*
|


**KẾ HOẠCH**

PHÁT ĐỘNG THI ĐUA
NĂM 2024

Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng

6 năm 2022 của Quốc hội;

|
Nơi nhận:
- Sở Nội vụ
(b/c);
- Lưu: VT.
|
**TM. ỦY BAN NHÂN
DÂN**
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
**Trần
Văn Bình**
|
"""


def test_layout_cells_of_a_web_page_keep_their_lines_apart():
    doc = md(WEB_PAGE)
    assert [b.text for b in doc.blocks] == [
        "ỦY BAN NHÂN DÂN", "TỈNH HÒA KHÁNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 45/KH-UBND", "Hòa Khánh, ngày 02 tháng 3 năm 2024", "KẾ HOẠCH", "PHÁT ĐỘNG THI ĐUA NĂM 2024",
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022 của Quốc hội;",
        "Nơi nhận:", "- Sở Nội vụ (b/c);", "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình",
    ]


def test_running_text_in_a_cell_is_joined_where_it_was_wrapped():
    items = read_items("|\nTỷ lệ người hưởng trợ cấp\nxã hội được chi trả qua tài khoản\n|\n**TIÊU CHÍ\nTHI ĐUA**\n"
                       "ĐIỂM CHUẨN\n|\n", markdown=True)
    assert [i.text for i in items] == ["Tỷ lệ người hưởng trợ cấp xã hội được chi trả qua tài khoản",
                                       "TIÊU CHÍ THI ĐUA", "ĐIỂM CHUẨN"]
    assert all(i.keep_apart for i in items)


def test_a_gazette_running_header_and_its_page_number_are_dropped():
    text = ("Điều 2. Đối tượng thi đua\n"
            "a) Thi đua thường xuyên, bao gồm tập thể, cá nhân tại các đơn vị thuộc Bộ Kế hoạch và\n"
            "\n \n40 \nCÔNG BÁO/Số 73 + 74/Ngày 16-01-2024 \n  \n"
            "Đầu tư; cá nhân ngoài ngành có thành tích đóng góp.\n"
            "b) Thi đua theo chuyên đề.\n")
    doc = parse_bytes(text.encode(), "gazette.txt")
    assert [b.text for b in doc.blocks] == [
        "Điều 2. Đối tượng thi đua",
        "a) Thi đua thường xuyên, bao gồm tập thể, cá nhân tại các đơn vị thuộc Bộ Kế hoạch và Đầu tư; cá nhân "
        "ngoài ngành có thành tích đóng góp.",
        "b) Thi đua theo chuyên đề.",
    ]


def test_tabs_that_only_pad_a_line_do_not_make_a_table():
    doc = parse_bytes("Số: 65/2014/NĐ-CP \t\t\t \t\t\t |  \t\t\t\nHà Nội, ngày 01 tháng 07 năm 2014 \t\t\t\n".encode(),
                      "padded.txt")
    assert not doc.tables
    assert doc.blocks[0].text.startswith("Số: 65/2014/NĐ-CP")


LAID_OUT = (Path(__file__).parents[1] / "samples" / "laid_out.txt").read_text("utf-8")


def test_side_by_side_blocks_of_laid_out_text_are_read_left_block_first():
    doc = parse_bytes(LAID_OUT.encode(), "laid-out.txt")
    assert [b.text for b in doc.blocks] == [
        "UBND HUYỆN AN LẠC", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Số: 31/KH-PGDĐT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "An Lạc, ngày 30 tháng 10 năm 2020",
        "KẾ HOẠCH", "Phát động thi đua năm học 2020-2021",
        "Căn cứ Kế hoạch số 12/KH-UBND ngày 02/10/2020 của UBND huyện, Phòng Giáo dục và Đào tạo ban hành kế hoạch "
        "như sau.",
        "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Trần Văn Bình",
    ]
