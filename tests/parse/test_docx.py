"""DOCX backend: body order, heading styles and bold, automatic numbering, merged cells."""
import functools
import io
import zipfile
from xml.sax.saxutils import escape

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.errors import CorruptFile, UnsupportedFormat
from extractor.parse import parse_bytes, parse_file


def save(d, tmp_path, name="t.docx"):
    path = tmp_path / name
    d.save(path)
    return path


def test_paragraphs_and_tables_in_body_order(tmp_path):
    d = docx.Document()
    d.add_heading("I. KẾT QUẢ", level=2)
    d.add_paragraph("Trước bảng.")
    table = d.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    for r, row in enumerate([["Năm", "Số lượng"], ["2023", "3.831"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.add_paragraph("Sau bảng.")
    doc = parse_file(save(d, tmp_path))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "I. KẾT QUẢ"), ("paragraph", "Trước bảng."), ("paragraph", "Sau bảng."),
    ]
    (t,) = doc.tables
    assert t.after_block == 1 and t.title == "I. KẾT QUẢ"
    assert t.header == [["Năm", "Số lượng"]] and t.rows[0][1].value == 3831


def test_bold_paragraph_is_a_heading_and_run_in_bold_is_not(tmp_path):
    d = docx.Document()
    d.add_paragraph().add_run("PHẦN II").bold = True
    p = d.add_paragraph()
    p.add_run("1. Thuận lợi:").bold = True
    p.add_run(" được sự quan tâm của tỉnh.")
    d.add_paragraph("Dòng một\ndòng hai.")
    doc = parse_file(save(d, tmp_path))
    assert [(b.kind, b.marker, b.text) for b in doc.blocks] == [
        ("heading", "PHẦN II", "PHẦN II"),
        ("paragraph", "1.", "1. Thuận lợi: được sự quan tâm của tỉnh."),
        ("paragraph", None, "Dòng một dòng hai."),
    ]


def test_automatic_numbering_is_written_out(tmp_path):
    d = docx.Document()
    d.add_paragraph("Khen thưởng tập thể.", style="List Bullet")
    d.add_paragraph("Nội dung thứ nhất.", style="List Number")
    d.add_paragraph("Nội dung thứ hai.", style="List Number")
    doc = parse_file(save(d, tmp_path))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("list_item", "- Khen thưởng tập thể."),
        ("paragraph", "1. Nội dung thứ nhất."),
        ("paragraph", "2. Nội dung thứ hai."),
    ]


def test_horizontal_and_vertical_merges(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=4, cols=4)
    t.style = "Table Grid"
    rows = [
        ["Số TT", "Đơn vị", "Trong đó", None],
        [None, None, "Tập thể", "Cá nhân"],
        ["1.", "Xã A", "5", "12"],
        ["2.", "Xã B", "Chưa tổng hợp", None],
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                t.cell(r, c).paragraphs[0].add_run(text).bold = r < 2
    t.cell(0, 0).merge(t.cell(1, 0))
    t.cell(0, 1).merge(t.cell(1, 1))
    t.cell(0, 2).merge(t.cell(0, 3))
    t.cell(3, 2).merge(t.cell(3, 3))
    (table,) = parse_file(save(d, tmp_path)).tables
    assert table.header == [
        ["Số TT", "Đơn vị", "Trong đó", "Trong đó"],
        ["Số TT", "Đơn vị", "Tập thể", "Cá nhân"],
    ]
    merged, covered = table.rows[1][2], table.rows[1][3]
    assert (merged.text, merged.colspan, merged.spanned) == ("Chưa tổng hợp", 2, False)
    assert (covered.text, covered.colspan, covered.spanned) == ("Chưa tổng hợp", 1, True)
    assert [c.value for c in table.rows[0]] == [None, None, 5, 12]


def test_table_without_lines_reads_as_paragraphs_column_by_column(tmp_path):
    d = docx.Document()
    header = d.add_table(rows=2, cols=2)  # the default style draws no lines
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN"
    header.cell(1, 0).text = "Số: 12/BC-UBND"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(1, 1).text = "An Phú, ngày 15 tháng 12 năm 2024"
    d.add_paragraph("Nội dung.")
    doc = parse_file(save(d, tmp_path))
    assert not doc.tables
    assert [b.text for b in doc.blocks] == [
        "ỦY BAN NHÂN DÂN", "Số: 12/BC-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "An Phú, ngày 15 tháng 12 năm 2024", "Nội dung.",
    ]


def test_seed_docx_heading_styles_and_tables(seed):
    doc = parse_file(seed.with_suffix(".docx"))
    styled = {b.style for b in doc.blocks if b.kind == "heading"}
    assert {"Heading 2", "Heading 3", "Normal"} <= styled
    assert [len(t.rows) for t in doc.tables] == [8, 5]


def test_zip_without_a_word_document_is_unsupported(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("data/sheet.csv", "a,b\n1,2\n")
    with pytest.raises(UnsupportedFormat):
        parse_bytes(buf.getvalue(), "renamed.docx")


def test_damaged_document_xml_is_corrupt(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><w:body><w:p>")
    with pytest.raises(CorruptFile):
        parse_bytes(buf.getvalue(), "broken.docx")


# ---------------------------------------------------------------------------------------------
# Fidelity of paragraph content: documents written as raw WordprocessingML, so each case says
# exactly which markup the text sits in.

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}


@functools.lru_cache(maxsize=1)
def blank_docx() -> bytes:
    buf = io.BytesIO()
    docx.Document().save(buf)
    return buf.getvalue()


def docx_with_body(body_xml: str) -> bytes:
    """A Word document (default styles) whose body is `body_xml`."""
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
    document = f'<w:document {declarations}><w:body>{body_xml}<w:sectPr/></w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blank_docx())) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = document.encode("utf-8") if item.filename == "word/document.xml" else src.read(item)
            dst.writestr(item, data)
    return out.getvalue()


def texts(body_xml: str) -> list[str]:
    return [b.text for b in parse_bytes(docx_with_body(body_xml), "t.docx").blocks]


def run(text: str, props: str = "") -> str:
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*content: str) -> str:
    return f"<w:p>{''.join(content)}</w:p>"


FIELD_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def field_start(code: str) -> str:
    """A complex field up to its displayed result: begin, the code, separate."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{code}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )


def field(code: str, *result: str) -> str:
    return field_start(code) + "".join(result) + FIELD_END


WRAPPERS = {
    "ins": ('<w:ins w:id="1" w:author="Văn thư" w:date="2024-12-01T00:00:00Z">', "</w:ins>"),
    "moveTo": ('<w:moveTo w:id="2" w:author="Văn thư">', "</w:moveTo>"),
    "smartTag": ('<w:smartTag w:uri="urn:vn" w:element="place">', "</w:smartTag>"),
    "customXml": ('<w:customXml w:element="vanban"><w:customXmlPr/>', "</w:customXml>"),
    "sdt": ('<w:sdt><w:sdtPr><w:alias w:val="Tên luật"/></w:sdtPr><w:sdtContent>', "</w:sdtContent></w:sdt>"),
    "fldSimple": ('<w:fldSimple w:instr=" DOCPROPERTY TenLuat ">', "</w:fldSimple>"),
    "hyperlink": ('<w:hyperlink w:anchor="dieu1">', "</w:hyperlink>"),
    "bdo": ('<w:bdo w:val="ltr">', "</w:bdo>"),
    "dir": ('<w:dir w:val="ltr">', "</w:dir>"),
    "complexField": (field_start(" DOCPROPERTY TenLuat "), FIELD_END),
}


def wrap(name: str, inner: str) -> str:
    opening, closing = WRAPPERS[name]
    return f"{opening}{inner}{closing}"


@pytest.mark.parametrize("wrapper", sorted(WRAPPERS))
def test_text_inside_an_inline_wrapper_is_read(wrapper):
    body = para(run("Căn cứ "), wrap(wrapper, run("Luật Thi đua, khen thưởng")), run(" năm 2022."))
    assert texts(body) == ["Căn cứ Luật Thi đua, khen thưởng năm 2022."]


def test_nested_wrappers_are_opened_up():
    inner = wrap("hyperlink", wrap("ins", run("Nghị định số 98/2023/NĐ-CP")))
    body = para(run("Thực hiện "), wrap("sdt", wrap("smartTag", wrap("customXml", inner))), run(" của Chính phủ."))
    assert texts(body) == ["Thực hiện Nghị định số 98/2023/NĐ-CP của Chính phủ."]


def test_deleted_and_moved_away_text_is_not_read():
    body = para(
        run("Tặng Bằng khen cho "),
        '<w:del w:id="3" w:author="Văn thư"><w:r><w:delText>15</w:delText></w:r></w:del>',
        wrap("ins", run("18")),
        '<w:moveFrom w:id="4" w:author="Văn thư">' + run(" xuất sắc") + "</w:moveFrom>",
        run(" tập thể"),
        wrap("moveTo", run(" xuất sắc")),
        run("."),
    )
    assert texts(body) == ["Tặng Bằng khen cho 18 tập thể xuất sắc."]


def test_a_field_nested_in_another_fields_code_stays_code():
    code = (
        '<w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>'
        + field(" MERGEFIELD Loai ", run("tập thể"))
        + '<w:r><w:instrText xml:space="preserve"> = "x" "có" "không" </w:instrText></w:r>'
    )
    body = para(
        run("Kết quả: "),
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        code,
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        run("không"),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        run(" đạt."),
    )
    assert texts(body) == ["Kết quả: không đạt."]


def test_run_characters_beyond_text():
    body = para(
        '<w:r><w:t>Số</w:t><w:tab/><w:t>lượng</w:t><w:br/><w:t>khen</w:t><w:cr/>'
        '<w:t>thưởng</w:t><w:br w:type="page"/><w:t>năm:</w:t></w:r>',
        '<w:r><w:t xml:space="preserve"> Ban Thi đua</w:t><w:noBreakHyphen/><w:t>Khen thưởng,</w:t></w:r>',
        '<w:r><w:t xml:space="preserve"> tổng</w:t><w:softHyphen/><w:t>kết,</w:t></w:r>',
        '<w:r><w:t xml:space="preserve"> tỷ lệ </w:t><w:sym w:font="Symbol" w:char="F0B3"/>'
        '<w:t xml:space="preserve"> 80%</w:t></w:r>',
        '<w:r><w:t xml:space="preserve"> </w:t><w:sym w:font="Wingdings" w:char="F0D8"/></w:r>',
        '<w:r><w:sym w:font="Webdings" w:char="F021"/><w:t xml:space="preserve"> xong.</w:t></w:r>',
    )
    assert texts(body) == [
        "Số lượng khen thưởng năm: Ban Thi đua-Khen thưởng, tổngkết, tỷ lệ ≥ 80% ➢ xong."
    ]


TEXT_BOX_DRAWINGML = (
    '<w:drawing><wp:anchor><wp:extent cx="1" cy="1"/><a:graphic>'
    '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    "<wps:wsp><wps:txbx><w:txbxContent>{}</w:txbxContent></wps:txbx></wps:wsp>"
    "</a:graphicData></a:graphic></wp:anchor></w:drawing>"
)
TEXT_BOX_VML = '<w:pict><v:shape><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict>'


def alternate(choice: str | None, fallback: str | None) -> str:
    parts = []
    if choice is not None:
        parts.append(f'<mc:Choice Requires="wps">{choice}</mc:Choice>')
    if fallback is not None:
        parts.append(f"<mc:Fallback>{fallback}</mc:Fallback>")
    return f"<w:r><mc:AlternateContent>{''.join(parts)}</mc:AlternateContent></w:r>"


BOX_CONTENT = para(run("Ghi chú: số liệu tính đến ngày 30/11/2024.")) + para(run("Nguồn: Phòng Nội vụ."))


@pytest.mark.parametrize(
    "anchor",
    [
        pytest.param(
            alternate(TEXT_BOX_DRAWINGML.format(BOX_CONTENT), TEXT_BOX_VML.format(BOX_CONTENT)), id="choice+fallback"
        ),
        pytest.param(alternate(None, TEXT_BOX_VML.format(BOX_CONTENT)), id="fallback-only"),
        pytest.param(f"<w:r>{TEXT_BOX_DRAWINGML.format(BOX_CONTENT)}</w:r>", id="drawing"),
        pytest.param(f"<w:r>{TEXT_BOX_VML.format(BOX_CONTENT)}</w:r>", id="vml"),
    ],
)
def test_a_text_box_is_read_once_at_its_anchor(anchor):
    anchoring = para(run("Đoạn chứa khung "), anchor, run("văn bản."))
    body = para(run("Đoạn trước.")) + anchoring + para(run("Đoạn sau."))
    assert texts(body) == [
        "Đoạn trước.",
        "Ghi chú: số liệu tính đến ngày 30/11/2024.",
        "Nguồn: Phòng Nội vụ.",
        "Đoạn chứa khung văn bản.",
        "Đoạn sau.",
    ]


def test_a_letter_header_in_a_text_box_opens_the_document():
    header = para(run("ỦY BAN NHÂN DÂN")) + para(run("Số: 45/BC-UBND"))
    anchor = alternate(TEXT_BOX_DRAWINGML.format(header), TEXT_BOX_VML.format(header))
    body = para(anchor) + para(run("Kính gửi: Sở Nội vụ."))
    assert texts(body) == ["ỦY BAN NHÂN DÂN", "Số: 45/BC-UBND", "Kính gửi: Sở Nội vụ."]


def ruled_table(*rows: list[str]) -> str:
    borders = '<w:tblBorders><w:top w:val="single"/><w:bottom w:val="single"/></w:tblBorders>'
    trs = "".join("<w:tr>" + "".join(f"<w:tc>{cell}</w:tc>" for cell in row) + "</w:tr>" for row in rows)
    return f"<w:tbl><w:tblPr>{borders}</w:tblPr>{trs}</w:tbl>"


def test_a_text_box_in_a_table_cell_is_part_of_the_cell_once():
    box = para(run("(đã thẩm định)"))
    cell = para(run("Hồ sơ "), alternate(TEXT_BOX_DRAWINGML.format(box), TEXT_BOX_VML.format(box)), run("đợt 1"))
    table_xml = ruled_table([para(run("Đợt")), para(run("Ghi chú"))], [para(run("1")), cell])
    doc = parse_bytes(docx_with_body(table_xml), "t.docx")
    (table,) = doc.tables
    assert [c.text for c in table.rows[0]] == ["1", "(đã thẩm định) Hồ sơ đợt 1"]


def test_rows_and_cells_inside_content_controls_are_read():
    header = "<w:tr>" + "".join(f"<w:tc>{para(run(t))}</w:tc>" for t in ("Đơn vị", "Số lượng")) + "</w:tr>"
    wrapped_cell = wrap("customXml", f"<w:tc>{para(run('12'))}</w:tc>")
    body_row = wrap("sdt", f"<w:tr><w:tc>{para(run('Xã An Bình'))}</w:tc>{wrapped_cell}</w:tr>")
    borders = '<w:tblBorders><w:top w:val="single"/></w:tblBorders>'
    doc = parse_bytes(docx_with_body(f"<w:tbl><w:tblPr>{borders}</w:tblPr>{header}{body_row}</w:tbl>"), "t.docx")
    (table,) = doc.tables
    assert table.header == [["Đơn vị", "Số lượng"]]
    assert [(c.text, c.value) for c in table.rows[0]] == [("Xã An Bình", None), ("12", 12)]


def test_bold_is_read_through_wrappers():
    bold = "<w:rPr><w:b/></w:rPr>"
    body = para(wrap("ins", run("PHẦN III. ", bold)), wrap("hyperlink", run("PHƯƠNG HƯỚNG", bold)))
    body += para(run("Nội dung ", bold), wrap("sdt", run("chưa in đậm.")))
    blocks = parse_bytes(docx_with_body(body), "t.docx").blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "PHẦN III. PHƯƠNG HƯỚNG"),
        ("paragraph", "Nội dung chưa in đậm."),
    ]


# A paragraph as a tree: words in runs, wrapped at random, among markup that must show nothing.
_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáạảãầấậẩẫềếệểễòóọỏõờớợởỡùúụủũừứựửữ"
_WORDS = st.text(alphabet=_LETTERS, min_size=1, max_size=6)
_UNSEEN = [
    '<w:del w:id="9" w:author="x"><w:r><w:delText>xoá</w:delText></w:r></w:del>',
    '<w:moveFrom w:id="8" w:author="x"><w:r><w:t>chuyển</w:t></w:r></w:moveFrom>',
    '<w:r><w:instrText> PAGE </w:instrText></w:r>',
    '<w:bookmarkStart w:id="7" w:name="m"/><w:proofErr w:type="spellStart"/>',
]


@st.composite
def wrapped_words(draw):
    words = draw(st.lists(_WORDS, min_size=1, max_size=8))
    pieces = []
    for i, word in enumerate(words):
        xml = run(word + (" " if i < len(words) - 1 else "."))
        for name in draw(st.lists(st.sampled_from(sorted(WRAPPERS)), max_size=3)):
            xml = wrap(name, xml)
        pieces.append(xml)
        pieces.extend(draw(st.lists(st.sampled_from(_UNSEEN), max_size=2)))
    return "Văn bản " + " ".join(words) + ".", para(run("Văn bản "), *pieces)


@settings(max_examples=40, deadline=None)
@given(wrapped_words())
def test_wrappers_never_lose_or_repeat_a_character(case):
    expected, body = case
    assert texts(body) == [expected]
