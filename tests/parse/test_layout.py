"""Shared assembly rules: markers and levels, joining, headings, header rows and grids."""
import pytest
from hypothesis import given, strategies as st

from extractor.parse.layout import (
    RawCell,
    RawParagraph,
    RawTable,
    assemble,
    count_header_rows,
    find_marker,
    is_page_furniture,
)
from extractor.vn.numbers import parse_cell


@pytest.mark.parametrize(
    "text, marker, scheme",
    [
        ("Phần I", "Phần I", "part"),
        ("PHẦN II", "PHẦN II", "part"),
        ("I. ĐẶC ĐIỂM TÌNH HÌNH", "I.", "roman"),
        ("1. Thuận lợi: nội dung", "1.", "arabic"),
        ("2.1. Phong trào thi đua", "2.1.", "arabic2"),
        ("2.1 Phong trào thi đua", "2.1", "arabic2"),
        ("1.2.3. Chi tiết", "1.2.3.", "arabic3"),
        ("a) Tiêu chuẩn", "a)", "letter"),
        ("đ) Tiêu chuẩn", "đ)", "letter"),
        ("Điều 3. Hiệu lực", "Điều 3.", "article"),
        ("Chương II", "Chương II", "chapter"),
        ("- Nội dung", "-", "bullet"),
        ("+ Nội dung", "+", "bullet"),
    ],
)
def test_markers(text, marker, scheme):
    found = find_marker(text)
    assert (found.text, found.scheme) == (marker, scheme)


@pytest.mark.parametrize("text", ["3.831 Bằng khen", "2023 là năm", "-5% so với", "Ông A.", "Lê Văn Hảo", "09/09 huyện"])
def test_not_markers(text):
    assert find_marker(text) is None


def blocks(*paragraphs, **kw):
    items = [p if isinstance(p, (RawParagraph, RawTable)) else RawParagraph(p, **kw) for p in paragraphs]
    return assemble(items)[0]


def test_levels_are_ranks_of_the_schemes_a_document_uses():
    out = blocks(
        RawParagraph("I. MỞ ĐẦU", bold=True),
        RawParagraph("1. Tình hình", bold=True),
        RawParagraph("1.1. Chi tiết", bold=True),
        RawParagraph("- ý một."),
        RawParagraph("+ ý hai."),
        RawParagraph("Đoạn văn."),
        RawParagraph("KẾT LUẬN", bold=True),
    )
    assert [(b.kind, b.level) for b in out] == [
        ("heading", 1), ("heading", 2), ("heading", 3), ("list_item", 1), ("list_item", 2),
        ("paragraph", 0), ("heading", 1),
    ]


def test_sentence_cut_in_two_is_joined_and_a_finished_one_is_not():
    out = blocks("Chính sách thuộc thẩm", "quyền phù hợp.", "Câu hoàn chỉnh;", "tiếp theo.", "Câu mới")
    assert [b.text for b in out] == ["Chính sách thuộc thẩm quyền phù hợp.", "Câu hoàn chỉnh;", "tiếp theo.", "Câu mới"]


def test_cut_list_item_keeps_its_kind():
    out = blocks("- Tăng cường phát hiện,", "biểu dương điển hình.")
    assert [(b.kind, b.text) for b in out] == [("list_item", "- Tăng cường phát hiện, biểu dương điển hình.")]


def test_numbered_or_bulleted_paragraph_is_never_a_continuation():
    out = blocks("Các nội dung sau", "a) thứ nhất", "- thứ hai")
    assert len(out) == 3


def test_heading_absorbs_its_unbolded_second_line():
    out = blocks(
        RawParagraph("Tổng kết công tác năm 2023;", bold=True),
        RawParagraph("phương hướng năm 2024"),
        RawParagraph("KẾT QUẢ THỰC HIỆN", bold=True),
        RawParagraph("CÔNG TÁC THI ĐUA NĂM 2023"),
        RawParagraph("PHẦN II", bold=True),
        RawParagraph("PHƯƠNG HƯỚNG NĂM 2024", bold=True),
        RawParagraph("Số liệu từ ngày 01/01/2023"),
    )
    assert [(b.kind, b.text) for b in out] == [
        ("heading", "Tổng kết công tác năm 2023; phương hướng năm 2024"),
        ("heading", "KẾT QUẢ THỰC HIỆN CÔNG TÁC THI ĐUA NĂM 2023"),
        ("heading", "PHẦN II"),
        ("heading", "PHƯƠNG HƯỚNG NĂM 2024"),
        ("paragraph", "Số liệu từ ngày 01/01/2023"),
    ]


def test_bold_run_in_title_stays_a_paragraph():
    (b,) = blocks(RawParagraph("1. Thuận lợi: được sự quan tâm của tỉnh.", bold=False))
    assert (b.kind, b.marker) == ("paragraph", "1.")


def test_text_is_nfc_and_squashed():
    (b,) = blocks("Vie\u0302\u0323t  Nam \u00a0 năm")
    assert b.text == "Việt Nam năm"


words = st.lists(st.text(alphabet="abcdeghiklmnopqrstuvxyàáảãạđêôơư", min_size=1, max_size=8), min_size=2, max_size=30)


@given(words, st.data())
def test_any_cut_before_a_lowercase_word_is_undone(ws, data):
    text = "Báo " + " ".join(ws) + "."
    parts = text.split(" ")
    cut = data.draw(st.integers(min_value=1, max_value=len(parts) - 1))
    out = blocks(" ".join(parts[:cut]), " ".join(parts[cut:]))
    assert [b.text for b in out] == [text]


def known(*rows):
    return RawTable([[None if c is None else RawCell(*c) if isinstance(c, tuple) else RawCell(c) for c in row] for row in rows])


def test_two_row_header_from_explicit_spans():
    table = known(
        [("Số TT", False, 2), ("Hình thức", False, 2), ("Trong đó", False, 1, 2), None],
        [None, None, "Tập thể", "Cá nhân"],
        ["1.", "Huân chương", "6", "21"],
    )
    (t,) = assemble([table])[1]
    assert t.header == [["Số TT", "Hình thức", "Trong đó", "Trong đó"], ["Số TT", "Hình thức", "Tập thể", "Cá nhân"]]
    assert [c.value for c in t.rows[0]] == [None, None, 6, 21]


def test_merged_body_cell_is_copied_with_spanned():
    table = known(["Đơn vị", "Số lượng", "Ghi chú"], ["Xã A", "5", ("Chung", False, 2)], ["Xã B", "7", None])
    (t,) = assemble([table])[1]
    assert t.header == [["Đơn vị", "Số lượng", "Ghi chú"]]
    note_a, note_b = t.rows[0][2], t.rows[1][2]
    assert (note_a.text, note_a.rowspan, note_a.spanned) == ("Chung", 2, False)
    assert (note_b.text, note_b.rowspan, note_b.spanned) == ("Chung", 1, True)


def test_single_header_row_when_the_first_has_no_merge():
    table = RawTable([[RawCell(t) for t in row] for row in (["Năm", "Số"], ["Tổng", "Chung"], ["2023", "5"])], spans_known=False)
    assert count_header_rows(table) == 1


def test_no_header_when_the_first_row_holds_figures():
    table = RawTable([[RawCell(t) for t in row] for row in (["1.", "5"], ["2.", "7"])], spans_known=False)
    assert count_header_rows(table) == 0


def test_title_is_the_nearest_heading_above():
    table = RawTable([[RawCell("A"), RawCell("B")], [RawCell("1"), RawCell("2")]], spans_known=False)
    items = [RawParagraph("1. Khen cấp tỉnh", bold=True), RawParagraph("(Đơn vị tính: người)"), table]
    blocks_, (t,) = assemble(items)
    assert t.title == "1. Khen cấp tỉnh" and t.after_block == 1


@st.composite
def merged_headers(draw):
    """A two-row header: groups of 1-3 columns; a group of one spans both rows."""
    groups = draw(st.lists(st.integers(min_value=1, max_value=3), min_size=1, max_size=5))
    labels = iter(f"Cột {i}" for i in range(100))
    top, bottom, spans = [], [], []
    for width in groups:
        name = next(labels)
        top.append(name)
        spans.append(width)
        top.extend([""] * (width - 1))
        bottom.extend([""] if width == 1 else [next(labels) for _ in range(width)])
    if not any(w > 1 for w in groups):
        bottom[-1] = ""
    return top, bottom, spans


@given(merged_headers(), st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=4))
def test_blank_header_cells_and_explicit_merges_give_the_same_grid(header, figures):
    top, bottom, spans = header
    width = len(top)
    body = ["1."] + [f"{figures[i % len(figures)]:,}".replace(",", ".") for i in range(width - 1)]
    as_text = RawTable([[RawCell(t) for t in top], [RawCell(t) for t in bottom], [RawCell(t) for t in body]], spans_known=False)
    explicit_top: list = []
    explicit_bottom: list = []
    col = 0
    for w in spans:
        explicit_top.append(RawCell(top[col], rowspan=2 if w == 1 else 1, colspan=w))
        explicit_top.extend([None] * (w - 1))
        explicit_bottom.extend([None] if w == 1 else [RawCell(t) for t in bottom[col : col + w]])
        col += w
    as_spans = RawTable([explicit_top, explicit_bottom, [RawCell(t) for t in body]])
    (a,) = assemble([as_text])[1]
    (b,) = assemble([as_spans])[1]
    assert a.header == b.header
    assert all(len(row) == width for row in a.header)
    assert [c.text for c in a.rows[0]] == [c.text for c in b.rows[0]] == body
    assert all(c.value == parse_cell(c.text) for c in a.rows[0])


@pytest.mark.parametrize("text", ["3", "- 12 -", "Trang 3", "Trang 3/14", "3/14", "Page 2 of 9"])
def test_page_numbers(text):
    assert is_page_furniture(text)


@pytest.mark.parametrize("text", ["3 Bằng khen", "Năm 2023", "- Nội dung 3"])
def test_not_page_numbers(text):
    assert not is_page_furniture(text)


def test_a_type_word_heading_does_not_take_the_title_under_it():
    blocks, _ = assemble([RawParagraph("QUYẾT ĐỊNH", bold=True), RawParagraph("BAN HÀNH QUY ĐỊNH VỀ THI ĐUA"),
                          RawParagraph("KẾT QUẢ THỰC HIỆN", bold=True), RawParagraph("CÔNG TÁC NĂM 2023")])
    assert [b.text for b in blocks] == ["QUYẾT ĐỊNH", "BAN HÀNH QUY ĐỊNH VỀ THI ĐUA", "KẾT QUẢ THỰC HIỆN CÔNG TÁC NĂM 2023"]


def test_a_paragraph_cut_inside_a_date_is_joined_again():
    blocks, _ = assemble([RawParagraph("theo Nghị quyết số 04/2025/NQ-HĐND ngày 29 tháng"),
                          RawParagraph("4 năm 2025 của Hội đồng nhân dân thành phố."),
                          RawParagraph("Kết quả năm"), RawParagraph("2024 tăng.")])
    assert [b.text for b in blocks] == [
        "theo Nghị quyết số 04/2025/NQ-HĐND ngày 29 tháng 4 năm 2025 của Hội đồng nhân dân thành phố.",
        "Kết quả năm", "2024 tăng."]


def test_layout_cell_lines_are_never_joined():
    blocks, _ = assemble([RawParagraph("TM. ỦY BAN NHÂN DÂN", bold=True, keep_apart=True),
                          RawParagraph("KT. CHỦ TỊCH", keep_apart=True), RawParagraph("PHÓ CHỦ TỊCH", keep_apart=True)])
    assert [b.text for b in blocks] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


@pytest.mark.parametrize("text", ["CÔNG BÁO/Số 73 + 74/Ngày 16-01-2024", "Công báo/Số 5/Ngày 02-03-2023"])
def test_gazette_running_headers(text):
    from extractor.parse.layout import is_running_header

    assert is_running_header(text)
    assert not is_running_header("Công báo số 73 đăng Thông tư")
