"""Web application benchmark: server time of the report view of the seed PDF and of search
over a big archive, measured in-process through FastAPI's TestClient (no network, so the figure
is the server's own time plus the in-process transport).

    PYTHONPATH=src:. python bench/web_bench.py                          # 100,000 decisions, 20,000 reports
    PYTHONPATH=src:. python bench/web_bench.py --decisions 20000 --reports 4000

The archive is built as `bench/archive_bench.py` builds it (synthetic reports from the corpus
generator, each citing its share of the decisions).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from bench.archive_bench import build, percentile, queries
from extractor.archive import Archive
from extractor.devtools.generate import synthetic_references, synthetic_reports

SEED_PDF = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seed" / "bao-cao-tdkt-2023.pdf"


def timed(client, url: str, n: int, params: dict | None = None) -> list[float]:
    out = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(url, params=params)
        out.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return out


def spread(values: list[float]) -> str:
    return f"p50 {percentile(values, 50):6.1f} ms  p95 {percentile(values, 95):6.1f} ms  max {max(values):6.1f} ms"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--decisions", type=int, default=100_000)
    ap.add_argument("--reports", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", help="build the archive in this folder and keep it (reused when it is there)")
    args = ap.parse_args(argv)

    from fastapi.testclient import TestClient

    from extractor.web import accounts
    from extractor.web.app import Config, create_app

    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or scratch
        Path(tmp).mkdir(parents=True, exist_ok=True)
        db = str(Path(tmp) / "web.sqlite")
        built = Path(db).exists()
        refs = list(synthetic_references(args.decisions, args.seed))
        reports = list(synthetic_reports(args.reports, args.seed))
        with Archive(db) as archive:
            if not built:
                build(archive, refs, reports)
                accounts.add_user(archive, "bench", "reviewer", "bench-pass", "bench")
            counts = archive.counts()
        print(f"archive (sqlite): {counts['decisions']} decisions, {counts['reports']} reports, "
              f"{counts['search_entries']} search entries")
        app = create_app(Config(db=db, workers=0, uploads=Path(tmp) / "uploads"))
        with TestClient(app) as client:
            client.auth = ("bench", "bench-pass")
            kinds = queries(refs, reports, args.queries, args.seed)
            timed(client, "/api/search?q=khen+thuong", 10)  # warm the caches and the password check
            archive = app.state.archive
            for kind, texts in kinds.items():
                api, api_cpu, bare, bare_cpu = [], [], [], []
                for q in texts:  # the same query through the API and straight to the archive, in turn
                    started, cpu = time.perf_counter(), time.process_time()
                    assert client.get("/api/search", params={"q": q, "limit": 20}).status_code == 200
                    api.append((time.perf_counter() - started) * 1000)
                    api_cpu.append((time.process_time() - cpu) * 1000)
                    started, cpu = time.perf_counter(), time.process_time()
                    archive.search(q, limit=20)
                    bare.append((time.perf_counter() - started) * 1000)
                    bare_cpu.append((time.process_time() - cpu) * 1000)
                print(f"GET /api/search  {kind:14s} {spread(api)}  (CPU {spread(api_cpu)})")
                print(f"  Archive.search {kind:14s} {spread(bare)}  (CPU {spread(bare_cpu)})")
            if SEED_PDF.is_file():
                upload = client.post("/api/reports", files=[("file", (SEED_PDF.name, SEED_PDF.read_bytes()))])
                job_id = upload.json()[0]["id"]
                while client.get(f"/api/reports/{job_id}").json()["status"] not in ("done", "failed"):
                    time.sleep(0.2)
                client.auth = None
                form = client.get("/login").text
                token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
                client.post("/login", data={"name": "bench", "password": "bench-pass", "csrf": token})
                view = timed(client, f"/reports/{job_id}", 30)
                print(f"GET /reports/ID  seed PDF view   {spread(view)}")
                html = client.get(f"/reports/{job_id}").text
                doc, page = re.search(r"/documents/(\d+)/pages/(\d+)\.png", html).groups()
                first = timed(client, f"/documents/{doc}/pages/{page}.png", 1)[0]
                cached = timed(client, f"/documents/{doc}/pages/{page}.png", 10)
                boxes = timed(client, f"/documents/{doc}/pages/{page}/boxes", 10)
                print(f"page image: first {first:.0f} ms, cached {spread(cached)}; boxes {spread(boxes)}")
            else:
                print("no ../shared seed PDF: report view not measured", file=sys.stderr)


if __name__ == "__main__":
    main()
