"""End to end in a real headless Chromium (Debian's, driven by Playwright): log in, upload a
report with errors, wait for it, open the report view, see the wrong figures marked in the annex
table, dismiss one with a note, search "quyet dinh 1478" and open the decision. Screenshots of
each page go to out/screens/. Skips without chromium or Playwright."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from .conftest import BAD_REPORT, PASSWORDS, with_users

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "corpus" / "seed" / "bao-cao-tdkt-2023.docx"
SCREENS = REPO / "out" / "screens"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH"),
    pytest.mark.slow,
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """The app under uvicorn on a loopback port, in a thread of this process."""
    import uvicorn

    from extractor.web.app import Config, create_app

    db = str(tmp_path / "archive.sqlite")
    with_users(db)
    port = _free_port()
    app = create_app(Config(db=db, workers=0, uploads=tmp_path / "uploads"))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def _report(tmp_path: Path) -> tuple[Path, list[str]]:
    """The seed DOCX (its annex has two wrong percentages) or our own report with wrong totals;
    with the figures that must be marked in its table."""
    if SEED.is_file():
        return SEED, ["65,9%", "34,1%"]
    path = tmp_path / "bao-cao-sai.md"
    path.write_bytes(BAD_REPORT)
    return path, ["12", "42"]


def test_review_in_a_browser(server, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    SCREENS.mkdir(parents=True, exist_ok=True)
    report, wrong = _report(tmp_path)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(120_000)

        page.goto(server + "/login")
        page.fill("input[name=name]", "rex")
        page.fill("input[name=password]", PASSWORDS["rex"])
        page.screenshot(path=str(SCREENS / "01-login.png"))
        page.click("button[type=submit]")
        page.wait_for_url(server + "/")

        page.goto(server + "/upload")
        page.set_input_files("#files", str(report))
        page.wait_for_selector("#queue a.open")
        assert page.locator("#queue td.status").first.get_attribute("data-status") == "done"
        page.screenshot(path=str(SCREENS / "02-upload.png"))

        page.goto(server + "/")
        assert page.locator("#inbox tbody tr").count() == 1
        page.screenshot(path=str(SCREENS / "03-inbox.png"))

        page.click("#inbox a")
        page.wait_for_selector("article.doc")
        flagged = page.locator("table.doc-table td.cell-flag mark.hl-error")
        texts = [t.split("\n")[0] for t in flagged.all_inner_texts()]
        for figure in wrong:
            assert any(t.startswith(figure) for t in texts), (figure, texts)
        page.locator("table.doc-table td.cell-flag").first.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENS / "04-report.png"))

        first_error = page.locator("section.finding.sev-error").first
        first_error.locator("input[name=note]").fill("Đơn vị đã gửi bảng đính chính")
        first_error.locator("button[data-verdict=dismissed]").click()
        page.wait_for_selector("section.finding.v-dismissed")
        assert "Đơn vị đã gửi bảng đính chính" in first_error.locator(".review-state").inner_text()
        page.screenshot(path=str(SCREENS / "05-dismissed.png"))
        page.reload()
        assert page.locator("section.finding.v-dismissed").count() == 1

        page.goto(server + "/search")
        page.fill("form.search input[name=q]", "quyet dinh 1478")
        page.click("form.search button[type=submit]")
        page.wait_for_selector("li.hit")
        page.screenshot(path=str(SCREENS / "06-search.png"))
        page.click("li.hit.k-decision a.label >> text=1478/QĐ-TTg")
        page.wait_for_selector("section.decision")
        assert "1478/QĐ-TTg" in page.locator("h1").first.inner_text()
        assert page.locator("ul.citing > li").count() == 1
        page.screenshot(path=str(SCREENS / "07-decision.png"), full_page=True)

        pdf = SEED.with_suffix(".pdf")
        if pdf.is_file():  # the PDF rendering: its pages drawn, boxes on the figures found there
            page.goto(server + "/upload")
            page.set_input_files("#files", str(pdf))
            page.wait_for_selector("#queue a.open")
            page.click("#queue a.open")
            page.wait_for_selector("figure.pdf-page .box")
            figure = page.locator("figure.pdf-page", has=page.locator(".box")).first
            figure.scroll_into_view_if_needed()
            page.wait_for_function("[...document.images].every(i => i.complete)")
            figure.screenshot(path=str(SCREENS / "09-report-pdf-page.png"))

        page.goto(server + "/dashboard")
        page.wait_for_selector("[data-chart=form] svg")
        page.screenshot(path=str(SCREENS / "08-dashboard.png"), full_page=True)

        page.click("a.lang")  # the English switch, back on the same page
        page.wait_for_selector("[data-chart=form] svg")
        assert "Awards by form" in page.locator("h1").inner_text()
        page.goto(server + "/")
        page.click("#inbox a")
        page.wait_for_selector("article.doc")
        page.screenshot(path=str(SCREENS / "10-report-en.png"))
        browser.close()
