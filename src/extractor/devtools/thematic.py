"""Campaign summaries for the generator: a báo cáo sơ kết / tổng kết of one national emulation
movement by a province or district. How it was launched (the Prime Minister's decision, the
office's own plan), what it achieved (a rate in the text, the same figures by unit in the annex,
the money mobilised with rounded parts), and the commendations it led to (awarded and proposed,
with the share of workers). The gold follows corpus/README.md like the other generated reports.
"""
from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..vn.numbers import format_number
from .generate import Composer, Generated, _in_period, _split, blocks, count_text, percent_text, random_date


def _award_form(group: str, award: str) -> dict[str, Any]:
    return next(f for f in blocks()["award_groups"][group]["forms"] if f["award"] == award)


def rounded(value: Decimal, decimals: int) -> Decimal:
    """How offices round a figure for print: halves away from zero."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def capped_split(rng: random.Random, caps: list[int], share: tuple[float, float]) -> list[int]:
    """A part of each cap (`share` of it, at least none, at most all)."""
    return [min(cap, max(0, round(cap * rng.uniform(*share)))) for cap in caps]


# Who gives and who is asked, by the office's level: (award group, award) awarded and proposed.
COMMENDATIONS = {
    "province": {"giver": "Chủ tịch UBND tỉnh", "awarded": ("province", "Bằng khen cấp bộ, ban, ngành, tỉnh"),
                 "asked": "Thủ tướng Chính phủ", "proposed": ("state", "Bằng khen của Thủ tướng Chính phủ")},
    "district": {"giver": "Chủ tịch UBND huyện", "awarded": ("grassroots", "Giấy khen"),
                 "asked": "Chủ tịch UBND tỉnh", "proposed": ("province", "Bằng khen cấp bộ, ban, ngành, tỉnh"),
                 "flag": ("province", "Cờ thi đua của bộ, ban, ngành, tỉnh")},
}


class ThematicComposer(Composer):
    """Composes one campaign summary; `compose()` returns it with its gold."""

    def __init__(self, rng: random.Random, report_id: str, kind: str | None = None):
        super().__init__(rng, report_id, kind=kind, doc="campaign")
        movements = [c for c in blocks()["campaigns"] if _in_period(c, self.iso)
                     and any(_in_period(d, self.iso) for d in c["decisions"])]
        self.movement = rng.choice(movements)
        self.decision = next(d for d in reversed(self.movement["decisions"]) if _in_period(d, self.iso))
        self.start_year = max(int(self.decision["from"][:4]), int(self.movement["from"][:4]))
        self.stage = "final" if self.decision["to"][:4] == str(self.year) and self.year > self.start_year else \
            ("midterm" if self.year - self.start_year >= 2 else "midterm_year")
        self.with_table = rng.random() < 0.8

    # -- header ---------------------------------------------------------------------------------

    def report_title(self) -> str:
        m = self.movement
        surface = m["name"]
        if m["variants"] and self.rng.random() < 0.3:
            surface = self.rng.choice(m["variants"]).format(province=self.office.place)
        quoted = self.campaign(m["name"], surface, "Thủ tướng Chính phủ")
        template = blocks()["thematic"]["titles"][self.stage]
        return template.format(years=count_text(self.year - self.start_year), quoted=quoted,
                               start=self.start_year, end=self.year)

    @property
    def stage_word(self) -> str:
        return "tổng kết" if self.stage == "final" else "sơ kết"

    # -- body -----------------------------------------------------------------------------------

    def compose(self):
        self.header()
        self.opening()
        self.next_h1("Công tác chỉ đạo, tổ chức triển khai")
        self.launch()
        self.next_h1("Kết quả thực hiện phong trào")
        self.results()
        self.money()
        self.next_h1("Công tác khen thưởng")
        self.commendations()
        self.next_h1("Tồn tại, hạn chế")
        for text in self.rng.sample(blocks()["thematic"]["shortcomings"], k=2):
            self.line(text)
        self.next_h1("Phương hướng, nhiệm vụ thời gian tới")
        first_surface = self.campaigns[self.movement["name"]]["surface"][0]
        self.line(f"- Tiếp tục đẩy mạnh phong trào thi đua {self.quoted(first_surface)}"
                  f" gắn với thực hiện nhiệm vụ phát triển kinh tế - xã hội của {self.office.area}.")
        self.line("- " + self.rng.choice(blocks()["fillers"]))
        self.signature()
        self.annex()
        return Generated(self.id, self.elements, self.gold())

    def opening(self) -> None:
        start = dt.date(self.year, 1, 5)
        guide = self.local_ref("UBND", "Công văn", start, self.date - dt.timedelta(days=20), issuer_code="NC",
                               issuer="UBND tỉnh") if self.kind == "district" else \
            self.local_ref("BTĐKT", "Công văn", start, self.date - dt.timedelta(days=20), issuer_code="TĐKT",
                           issuer="Ban Thi đua - Khen thưởng Trung ương")
        self.line(f"Thực hiện {guide} về việc {self.stage_word} phong trào thi đua, {self.office.self_name} "
                  f"báo cáo kết quả như sau:")

    def launch(self) -> None:
        m, d = self.movement, self.decision
        launched = self.cite(d["id"], "Quyết định", d["date"], "Thủ tướng Chính phủ")
        plan_from = dt.date.fromisoformat(d["date"] or f"{self.start_year}-01-15") + dt.timedelta(days=20)
        plan = self.local_ref("KH", "Kế hoạch", plan_from, plan_from + dt.timedelta(days=90),
                              issuer=self.office.issuer, issuer_written=False)
        surface = self.campaigns[m["name"]]["surface"][0]
        local = [v.format(province=self.office.place) for v in m["variants"] if "{province}" in v]
        if local and self.rng.random() < 0.5:
            surface = local[0]
        self.line(f"- Thực hiện {launched}, {self.office.self_name} đã ban hành {plan} triển khai phong trào thi "
                  f"đua {self.campaign(m['name'], surface, 'Thủ tướng Chính phủ')} trên địa bàn {self.office.area}; "
                  f"thành lập Ban Chỉ đạo và phân công nhiệm vụ cho các cơ quan, đơn vị.")
        self.line("- " + blocks()["thematic"]["meetings"].format(n=count_text(self.rng.randint(3, 40)),
                                                                  m=format_number(self.rng.randint(400, 9000))))
        if self.rng.random() < 0.5:
            name = self.rng.choice(blocks()["local_campaigns"]).format(province=self.office.place)
            self.line(f"- Hằng năm, {self.office.self_name} phát động đợt thi đua "
                      f"{self.campaign(name, name, self.office.self_name)} gắn với phong trào.")
        self.negatives("campaigns")
        if self.rng.random() < 0.5:
            self.negatives("references")

    def results(self) -> None:
        stat = self.movement["stat"]
        self.units = self.unit_names()
        low, high = stat["b"]
        b = max(self.rng.randint(low, high), 2 * len(self.units))
        self.bases = _split(self.rng, b, len(self.units), minimum=1)
        self.counts = capped_split(self.rng, self.bases, tuple(stat["share"]))
        a = sum(self.counts)
        pct = percent_text(a, b, self.rng.choice([1, 1, 2]))
        sentence = stat["sentence"].format(area=self.office.area, a=count_text(a), b=count_text(b), pct=pct)
        annex = " (chi tiết tại Phụ lục kèm theo)" if self.with_table else ""
        self.line(f"- Đến nay, {sentence}{annex}.")
        self.relation("ratio", f"{pct}%", [count_text(a), count_text(b)], sentence)
        self.stat_context = sentence

    def unit_names(self) -> list[str]:
        if self.kind == "district":
            communes = blocks()["thematic"]["communes"]
            return [f"Xã {c}" for c in self.rng.sample(communes, k=self.rng.randint(8, 14))]
        districts = blocks()["districts"]
        return [f"Huyện {d}" for d in self.rng.sample(districts, k=self.rng.randint(6, len(districts)))]

    def money(self) -> None:
        """The money mobilised, each source rounded for print and the total rounded from the
        exact sum: the printed parts need not add up to the printed total digit for digit."""
        sources = blocks()["thematic"]["money_sources"]
        chosen = sorted(self.rng.sample(range(len(sources)), k=self.rng.randint(3, 5)))
        millions = [Decimal(self.rng.randint(2_000, 260_000)) for _ in chosen]
        decimals = self.rng.choice([1, 2])
        parts = [format_number(rounded(m / 1000, decimals), decimals) for m in millions]
        whole = format_number(rounded(sum(millions) / 1000, decimals), decimals)
        context = f"giai đoạn {self.start_year}-{self.year} là {whole} tỷ đồng"
        items = ", ".join(f"{sources[i]} {p} tỷ đồng" for i, p in zip(chosen, parts))
        self.line(f"- Tổng nguồn lực huy động thực hiện phong trào {context}, gồm: {items}.")
        self.relation("money", whole, parts, context)

    def commendations(self) -> None:
        plan = COMMENDATIONS[self.kind]
        awarded = _award_form(*plan["awarded"])
        n = self.rng.randint(25, 160)
        coll = max(1, int(n * self.rng.uniform(0.15, 0.4)))
        ind = n - coll
        workers = max(1, round(ind * self.rng.uniform(0.35, 0.8)))
        pct = percent_text(workers, ind, 1)
        award_text = f"{count_text(n)} {awarded['surface']} cho {count_text(coll)} tập thể và {count_text(ind)} cá nhân"
        share = f"trong {count_text(ind)} cá nhân được khen có {count_text(workers)} người là " \
                f"{blocks()['thematic']['workers']}, chiếm {pct}%"
        self.line(f"Qua {self.stage_word}, {plan['giver']} đã tặng {award_text} có thành tích xuất sắc trong phong "
                  f"trào; {share}.")
        self.award(awarded, n, coll, ind, "awarded", award_text)
        self.relation("recipients", count_text(n), [count_text(coll), count_text(ind)], award_text)
        self.relation("percentage", f"{pct}%", [count_text(workers), count_text(ind)], share)
        self.proposal(plan)

    def proposal(self, plan: dict[str, Any]) -> None:
        proposed = _award_form(*plan["proposed"])
        m = self.rng.randint(4, 30)
        coll = self.rng.randint(1, max(1, m // 3))
        text = f"{count_text(m)} {proposed['surface']} cho {count_text(coll)} tập thể và {count_text(m - coll)} cá nhân"
        sentence = f"{self.office.self_name} đề nghị {plan['asked']} tặng {text}"
        self.award(proposed, m, coll, m - coll, "proposed", text)
        self.relation("recipients", count_text(m), [count_text(coll), count_text(m - coll)], text)
        if "flag" in plan and self.rng.random() < 0.5:
            flag = _award_form(*plan["flag"])
            flag_text = f"01 {flag['surface']}"
            sentence += f", tặng {flag_text} cho {self.rng.choice(self.units)} là đơn vị dẫn đầu phong trào"
            self.award(flag, 1, None, None, "proposed", flag_text)
        self.line(sentence + ".")

    # -- annex ----------------------------------------------------------------------------------

    def annex(self) -> None:
        self.period = None
        if not self.with_table:
            return
        self.line("## PHỤ LỤC")
        self.line("## KẾT QUẢ THỰC HIỆN PHONG TRÀO THEO ĐƠN VỊ")
        written = f"{self.date.day:02d}/{self.date.month:02d}/{self.year}"
        self.line(f"(Kèm theo {self.doc_type} số {self.doc_number} ngày {written} của {self.office.issuer})")
        if self.rng.random() < 0.4:
            start = dt.date(self.start_year, 1, 1)
            end = random_date(self.rng, self.date - dt.timedelta(days=60), self.date - dt.timedelta(days=10))
            self.period = {"start": start.isoformat(), "end": end.isoformat()}
            self.line(f"Số liệu tính từ ngày {start.day:02d}/{start.month:02d}/{start.year} "
                      f"đến ngày {end.day:02d}/{end.month:02d}/{end.year}")
        self.results_table()

    def results_table(self) -> None:
        """Units with their base, their count and (or not) the rate; one- or two-row header;
        the total row first or last; a "Ghi chú" column or none."""
        rng, labels = self.rng, self.movement["stat"]["columns"]
        with_pct, note, two_rows = rng.random() < 0.6, rng.random() < 0.5, rng.random() < 0.5
        pct_sign = rng.random() < 0.5
        unit_label = "Huyện" if self.kind == "province" else "Xã"
        header = [[rng.choice(["Số TT", "STT", "TT"]), unit_label, labels["base"], labels["count"]]]
        if with_pct:
            header[0].append("Tỷ lệ (%)")
        if two_rows:
            header = [header[0][:2] + ["Kết quả thực hiện"] + [""] * (len(header[0]) - 3),
                      ["", ""] + header[0][2:]]
        if note:
            header = [row + ["Ghi chú" if r == 0 else ""] for r, row in enumerate(header)]

        def rate(count: int, base: int) -> list[str]:
            return [percent_text(count, base, 1) + ("%" if pct_sign else "")] if with_pct else []

        rows = []
        for i, (unit, base, count) in enumerate(zip(self.units, self.bases, self.counts), start=1):
            remark = [self.remark()] if note else []
            rows.append([str(i), unit, count_text(base), count_text(count), *rate(count, base), *remark])
        a, b = sum(self.counts), sum(self.bases)
        label = rng.choice(["Tổng cộng", "Cộng", "Toàn tỉnh" if self.kind == "province" else "Toàn huyện"])
        total = ["", label, count_text(b), count_text(a), *rate(a, b)] + ([""] if note else [])
        total_first = rng.random() < 0.4
        rows = [total, *rows] if total_first else [*rows, total]
        total_row = 0 if total_first else len(rows) - 1
        t = len(self.table_specs)
        spec = {"index": t, "title": None, "header_rows": len(header), "total_row": total_row, "award_rows": False,
                "sum_columns": [2, 3], "row_sums": [],
                "percent_columns": [{"pct": 4, "count": 3, "base": 2}] if with_pct else []}
        self.add_table(header, rows, {total_row}, spec)
        self.text_vs_table(count_text(b), t, total_row, 2, self.stat_context)
        self.text_vs_table(count_text(a), t, total_row, 3, self.stat_context)

    def remark(self) -> str:
        if self.rng.random() < 0.6:
            return ""
        return self.rng.choice(blocks()["thematic"]["notes"]).format(year=self.rng.randint(self.start_year, self.year))
