from extractor.reconcile import check


def date_findings(doc, **kw):
    return [f for f in check(doc, **kw).findings if f.check == "date"]


LINES = ["Báo cáo số 315/BC-UBND ngày 15/11/2023 của Chủ tịch UBND tỉnh.",
         "Số liệu từ ngày 01/01/2023 đến ngày 30/12/2023."]


def test_period_ending_after_the_report_date_is_a_warning(doc_maker):
    doc = doc_maker(LINES, date="2023-11-15", period=("2023-01-01", "2023-12-30"))
    [finding] = date_findings(doc)
    assert finding.severity == "warning"
    assert [loc.text for loc in finding.locations] == ["ngày 30/12/2023", "ngày 15/11/2023"]
    assert finding.expected == "2023-11-15" and finding.actual == "2023-12-30"


def test_a_plan_sets_a_period_to_come(doc_maker):
    lines = ["Kế hoạch số 157/KH-UBND ngày 18/11/2023 của UBND tỉnh.",
             "Thời gian thi đua từ ngày 20/11/2023 đến ngày 03/12/2023."]
    assert date_findings(doc_maker(lines, date="2023-11-18", period=("2023-11-20", "2023-12-03"),
                                   doc_type="Kế hoạch")) == []
    assert date_findings(doc_maker(lines, date="2023-11-18", period=("2023-11-20", "2023-12-03"),
                                   doc_type=None)) == []
    [finding] = date_findings(doc_maker(lines, date="2023-11-18", period=("2023-11-20", "2023-12-03"),
                                        doc_type="Tờ trình"))
    assert finding.severity == "warning"


def test_period_within_the_report_date_passes(doc_maker):
    lines = [LINES[0], "Số liệu từ ngày 01/01/2023 đến ngày 31/10/2023."]
    doc = doc_maker(lines, date="2023-11-15", period=("2023-01-01", "2023-10-31"))
    assert date_findings(doc) == []
    [passed] = date_findings(doc_maker(lines, date="2023-11-15", period=("2023-01-01", "2023-10-31")),
                             include_passed=True)
    assert passed.passed and passed.severity == "info"


def test_a_year_in_the_title_is_not_judged(doc_maker):
    doc = doc_maker(["Báo cáo ngày 15/11/2023 tổng kết năm 2023."], date="2023-11-15",
                    period=("2023-01-01", "2023-12-31"))
    assert date_findings(doc) == []


def test_without_metadata_nothing_is_judged(doc_maker):
    assert date_findings(doc_maker(LINES)) == []


def test_impossible_and_damaged_dates(doc_maker):
    doc = doc_maker(["Quyết định ngày 31/02/2023 và Nghị định ngày 15 ngày 3 năm 2021."])
    findings = date_findings(doc)
    assert [(f.severity, f.locations[0].text) for f in findings] == [
        ("warning", "ngày 31/02/2023"), ("info", "ngày 15 ngày 3 năm 2021")]
    assert "2021-03-15" in findings[1].message


def test_reversed_period(doc_maker):
    doc = doc_maker(["Báo cáo ngày 15/11/2023.", "Số liệu từ ngày 01/10/2023 đến ngày 01/01/2023."],
                    date="2023-11-15", period=("2023-10-01", "2023-01-01"))
    assert [f.severity for f in date_findings(doc)] == ["warning"]
