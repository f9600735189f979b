"""Report generator: composes realistic reports of fictional offices from building blocks (annual
reports and tờ trình here, campaign summaries in `thematic.py`), with their gold annotations,
renders them to Markdown, DOCX and PDF, and writes single-number mutants (`mutation.py`)
recording the relation each breaks.

    python -m extractor.devtools.generate --n 50 --seed 1 --out corpus/generated \
        [--formats md,docx,pdf] [--mutations K]

writes OUT/reports/<id>.md (+ .docx/.pdf), OUT/gold/<id>.json and, for K mutants per report,
OUT/mutants/<id>-m<k>.md with OUT/mutants/<id>-m<k>.json (the mutation record).

The building blocks (offices, campaigns and their decisions, laws by period, award forms,
sentences) are in `extractor/data/generator_blocks.json`. For the archive:
`synthetic_references(n, seed)` and `synthetic_reports(n, seed)` yield model records fast,
without rendering.
"""
from __future__ import annotations

import datetime as dt
import json
import random
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from ..vn.numbers import format_number
from .gold import GOLD_SCHEMA
from .markup import TableSpec, plain, write_table

if TYPE_CHECKING:
    from ..model import Document, Reference


@lru_cache(maxsize=1)
def blocks() -> dict[str, Any]:
    text = resources.files("extractor.data").joinpath("generator_blocks.json").read_text("utf-8")
    return json.loads(text)


# --------------------------------------------------------------------------------------------
# Numbers, dates, document numbers


def count_text(n: int) -> str:
    """A count as offices write it: "05" below ten, "3.831" above a thousand."""
    return f"{n:02d}" if 0 < n < 10 else format_number(n)


def percent_value(numerator: int, denominator: int, decimals: int) -> Decimal:
    exact = Decimal(numerator) * 100 / Decimal(denominator)
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def percent_text(numerator: int, denominator: int, decimals: int = 1) -> str:
    return format_number(percent_value(numerator, denominator, decimals), decimals)


def date_text(rng: random.Random, iso: str) -> str:
    """One of the written forms of a date (`date_forms`): "ngày 28 tháng 11 năm 2022",
    "ngày 28/11/2022", "ngày 5 tháng 3 năm 2021", "ngày 18 tháng 5/2021", ..."""
    y, m, d = (int(x) for x in iso.split("-"))
    form = rng.choice(blocks()["date_forms"])
    return form.format(d=d, dd=f"{d:02d}", m=m, mm=f"{m:02d}", m_admin=f"{m:02d}" if m < 3 else str(m), y=y)


def split_id(ref_id: str) -> tuple[str | None, int | None, str | None]:
    """(number, year, symbol) of a document id: "91/2017/NĐ-CP" -> ("91", 2017, "NĐ-CP"),
    "01-KL/TW" -> ("01", None, "KL/TW"), "5007/BNV-TĐKT" -> ("5007", None, "BNV-TĐKT")."""
    party = re.match(r"^(\d+)-([^/]+/.+)$", ref_id)
    if party:
        return party.group(1), None, party.group(2)
    parts = ref_id.split("/")
    if len(parts) < 2 or not parts[0].isdigit():
        return None, None, None
    if len(parts) >= 3 and re.fullmatch(r"\d{4}", parts[1]):
        return parts[0], int(parts[1]), "/".join(parts[2:])
    return parts[0], None, "/".join(parts[1:])


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _in_period(item: dict[str, Any], when: str) -> bool:
    return item.get("from", "0000") <= when <= item.get("to", "9999")


# --------------------------------------------------------------------------------------------
# Offices


@dataclass
class Office:
    kind: str  # province | district | department | ministry | party
    issuer: str  # gold form: "UBND tỉnh Bình Sơn"
    header: list[str]
    symbol: str  # after the type code: "UBND", "SGDĐT", "TU"
    place: str
    area: str  # "tỉnh", "huyện", "ngành"
    province: str
    self_name: str  # how the body names itself in the text
    signature: list[str]
    position: str
    groups: list[str]
    party: bool = False


def make_office(rng: random.Random, kind: str, year: int) -> Office:
    b = blocks()
    province = rng.choice(b["provinces"])
    deputy = rng.random() < 0.4
    if kind == "province":
        sig = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] if deputy else ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
        return Office(kind, f"UBND tỉnh {province}", ["ỦY BAN NHÂN DÂN", f"TỈNH {province.upper()}"], "UBND",
                      province, "tỉnh", province, "UBND tỉnh", sig, "Phó Chủ tịch" if deputy else "Chủ tịch",
                      ["state", "province"])
    if kind == "district":
        district = rng.choice(b["districts"])
        sig = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] if deputy else ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
        return Office(kind, f"UBND huyện {district}", ["ỦY BAN NHÂN DÂN", f"HUYỆN {district.upper()}"], "UBND",
                      district, "huyện", province, "UBND huyện", sig, "Phó Chủ tịch" if deputy else "Chủ tịch",
                      ["grassroots"])
    if kind == "department":
        dep = rng.choice(b["departments"])
        sig = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] if deputy else ["GIÁM ĐỐC"]
        return Office(kind, f"{dep['name']} tỉnh {province}", [f"UBND TỈNH {province.upper()}", dep["upper"]],
                      dep["code"], province, "ngành", province, dep["name"], sig,
                      "Phó Giám đốc" if deputy else "Giám đốc", ["grassroots"])
    if kind == "ministry":
        ministries = [m for m in b["ministries"] if year <= m["until"]]
        mi = rng.choice(ministries)
        sig = ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]
        return Office(kind, mi["name"], [mi["upper"]], mi["code"], "Hà Nội", "ngành", province, mi["name"], sig,
                      "Thứ trưởng", ["state", "ministry"])
    sig = ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]
    return Office("party", f"Tỉnh ủy {province}", [f"ĐẢNG BỘ TỈNH {province.upper()}", "TỈNH ỦY"], "TU", province,
                  "tỉnh", province, "Ban Thường vụ Tỉnh ủy", sig, "Phó Bí thư", ["grassroots"], party=True)


def person(rng: random.Random) -> str:
    p = blocks()["people"]
    return f"{rng.choice(p['family'])} {rng.choice(p['middle'])} {rng.choice(p['given'])}"


# --------------------------------------------------------------------------------------------
# Award figures


@dataclass
class AwardItem:
    form: dict[str, Any]
    count: int
    collectives: int | None
    individuals: int | None
    leaders: int | None = None
    classes: list[tuple[str, int, int, int]] = field(default_factory=list)  # (class, count, coll, ind)

    @property
    def collectives_total(self) -> int:
        return self.collectives or 0

    @property
    def individuals_total(self) -> int:
        return self.individuals or 0


def _split(rng: random.Random, total: int, parts: int, minimum: int = 0) -> list[int]:
    """`total` cut into `parts` non-negative integers, each at least `minimum`."""
    if parts == 1:
        return [total]
    cuts = sorted(rng.randint(0, total - minimum * parts) for _ in range(parts - 1))
    bounds = [0, *cuts, total - minimum * parts]
    return [bounds[i + 1] - bounds[i] + minimum for i in range(parts)]


def make_items(rng: random.Random, group: dict[str, Any], year: int) -> list[AwardItem]:
    items: list[AwardItem] = []
    by_name: dict[str, AwardItem] = {}
    for form in group["forms"]:
        if form.get("optional") and rng.random() < 0.4:
            continue
        if year > form.get("until", 9999):
            continue
        if "share_of" in form:
            base = by_name.get(form["share_of"])
            if base is None:
                continue
            count = max(1, int(base.count * rng.uniform(*form["share"])))
        else:
            lo, hi = form["scale"]
            count = rng.randint(lo, hi)
        item = _recipients(rng, form, count)
        items.append(item)
        by_name[form["award"]] = item
    return items


def _recipients(rng: random.Random, form: dict[str, Any], count: int) -> AwardItem:
    kind = form["recipients"]
    if form.get("classes"):
        n_classes = rng.choice([2, 3])
        classes = form["classes"][-n_classes:]
        counts = _split(rng, count, n_classes, minimum=1)
        split = []
        for cls, n in zip(classes, counts):
            coll = rng.randint(0, n // 3) if cls != "hạng Nhất" else 0
            split.append((cls, n, coll, n - coll))
        coll_total = sum(c for _, _, c, _ in split)
        item = AwardItem(form, count, coll_total, count - coll_total, classes=split)
    elif kind == "both":
        coll = max(1, int(count * rng.uniform(0.08, 0.3)))
        item = AwardItem(form, count, coll, count - coll)
    elif kind == "collective":
        item = AwardItem(form, count, count, None)
    else:
        item = AwardItem(form, count, None, count)
    if item.individuals and form["award"] != "Bà mẹ Việt Nam anh hùng":
        item.leaders = max(0, min(item.individuals, round(item.individuals * rng.uniform(0.12, 0.4))))
    return item


# --------------------------------------------------------------------------------------------
# The composer


@dataclass
class Generated:
    """A generated report: markup elements (str lines and tables) and its gold."""

    id: str
    elements: list[Any]
    gold: dict[str, Any]

    @property
    def tables(self) -> list[TableSpec]:
        return [e for e in self.elements if isinstance(e, TableSpec)]

    def markup(self) -> str:
        out = []
        for e in self.elements:
            out.append(write_table(e) if isinstance(e, TableSpec) else e)
        return "\n\n".join(out) + "\n"


NAMED_LAW = re.compile(r"Luật Thi đua, [Kk]hen thưởng(?! số)")
NUMBERING = [
    {"part": "Phần {r}", "h1": "{R}. {t}", "h2": "{n}. {t}", "h3": "{n}.{m}. {t}"},
    {"part": "PHẦN {r}", "h1": "{R}. {t}", "h2": "{n}. {t}", "h3": "{a}) {t}"},
    {"part": "{A}.", "h1": "{R}. {t}", "h2": "{n}. {t}", "h3": "{n}.{m}. {t}"},
    {"part": "Phần thứ {w}", "h1": "{R} - {t}", "h2": "{n} - {t}", "h3": "{a}) {t}"},
]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
         "XVII", "XVIII"]
WORDS = ["nhất", "hai", "ba"]


DOCS = ("annual", "proposal", "campaign")  # báo cáo tổng kết năm, tờ trình, báo cáo sơ kết/tổng kết phong trào
KINDS_OF = {"annual": ("province", "district", "department", "ministry", "party"),
            "proposal": ("province", "ministry"), "campaign": ("province", "district")}


class Composer:
    def __init__(self, rng: random.Random, report_id: str, kind: str | None = None, doc: str | None = None):
        self.rng = rng
        self.id = report_id
        self.q, self.Q = rng.choice([("“", "”"), ('"', '"')])
        self.style = rng.choice(NUMBERING)
        self.elements: list[Any] = []
        self.references: dict[str, dict[str, Any]] = {}
        self.campaigns: dict[str, dict[str, Any]] = {}
        self.awards: list[dict[str, Any]] = []
        self.relations: list[dict[str, Any]] = []
        self.table_specs: list[dict[str, Any]] = []
        self.used_numbers: set[int] = set()
        self.doc = doc or rng.choices(DOCS[:2], weights=[5, 1])[0]  # campaign summaries: ThematicComposer
        self.kind = kind or rng.choice(["province", "province", "district", "department", "ministry", "party"])
        if self.kind not in KINDS_OF[self.doc]:
            self.kind = KINDS_OF[self.doc][0]
        year = rng.randint(2019, 2025)
        self.date = random_date(rng, dt.date(year, 11, 5), dt.date(year, 12, 28)) if self.doc == "annual" \
            else random_date(rng, dt.date(year, 3, 1), dt.date(year, 10, 30))
        if year == 2025 and self.doc == "annual":
            self.date = random_date(rng, dt.date(2025, 7, 15), dt.date(2025, 11, 30))
        self.year = self.date.year
        self.iso = self.date.isoformat()
        self.office = make_office(rng, self.kind, self.year)
        self.h1 = 0

    # -- text helpers ---------------------------------------------------------------------------

    def quoted(self, name: str) -> str:
        return f"{self.q}{name}{self.Q}"

    def line(self, text: str) -> None:
        self.elements.append(text)

    def heading(self, text: str) -> None:
        self.elements.append(f"**{text}**")

    def negative(self, template: str) -> None:
        """A hard negative (`negatives`): looks like a record, is none."""
        self.line(template.format(q=self.q, Q=self.Q, area=self.office.area, n=self.rng.randint(12, 95),
                                  roman=self.rng.choice(ROMAN[4:])))

    def negatives(self, kind: str, k: int = 1) -> None:
        for template in self.rng.sample(blocks()["negatives"][kind], k=k):
            self.negative(template)

    def fresh_number(self, lo: int, hi: int) -> int:
        while True:
            n = self.rng.randint(lo, hi)
            if n not in self.used_numbers:
                self.used_numbers.add(n)
                return n

    def cite(self, ref_id: str, doc_type: str, date: str | None, issuer: str | None,
             subject: str = "", written_issuer: str | None = None, type_word: str | None = None,
             issuer_written: bool = True) -> str:
        """A mention of a document, registering it in the gold the first time. `type_word` is
        what the text writes before the number (a law's name); `issuer_written=False` keeps the
        issuer out of the text (the office's own documents)."""
        first = ref_id not in self.references
        if first:
            number, year, symbol = split_id(ref_id)
            self.references[ref_id] = {"id": ref_id, "doc_type": doc_type, "number": number, "year": year,
                                       "symbol": symbol, "date": date, "issuer": issuer}
        if doc_type == "Luật" and number_is_none(ref_id):
            return ref_id
        words = [self.written_number(type_word or doc_type, ref_id, named=type_word is not None)]
        if first and date:
            words.append(date_text(self.rng, date))
        if first and issuer_written and (written_issuer or issuer):
            words.append(f"của {written_issuer or issuer}")
        if first and subject:
            words.append(subject)
            self.named_laws(subject)
        return " ".join(words)

    def written_number(self, type_word: str, ref_id: str, named: bool = False) -> str:
        """The type word and the number as offices vary them (`reference_forms`): "Quyết định
        số 1478/QĐ-TTg", "Quyết định 1478/QĐ-TTg", "Quyết định số: 1478/QĐ-TTg", "số 91 / 2017 /
        NĐ-CP". A law's name is always followed by "số"; Party numbers keep their slash tight."""
        forms = blocks()["reference_forms"]["forms"]
        form = self.rng.choices(forms, weights=[f["weight"] for f in forms])[0]
        before = "số " if named and not form["before"].startswith("số") else form["before"]
        slash = "/" if re.match(r"^\d+-", ref_id) else form["slash"]
        return f"{type_word} {before}{ref_id.replace('/', slash)}"

    def named_laws(self, text: str) -> None:
        """A law named without its number inside a subject is a reference of its own."""
        for m in NAMED_LAW.finditer(text):
            self.references.setdefault(m.group(), {"id": m.group(), "doc_type": "Luật", "number": None, "year": None,
                                                   "symbol": None, "date": None, "issuer": "Quốc hội"})

    def local_ref(self, type_code: str, doc_type: str, start: dt.date, end: dt.date, issuer_code: str = "UBND",
                  issuer: str | None = None, yearly: bool = False, issuer_written: bool = True) -> str:
        when = random_date(self.rng, start, end)
        n = self.fresh_number(5, 420)
        rid = f"{n:02d}/{when.year}/{type_code}-{issuer_code}" if yearly else f"{n:02d}/{type_code}-{issuer_code}"
        return self.cite(rid, doc_type, when.isoformat(), issuer, issuer_written=issuer_written)

    def campaign(self, name: str, surface: str, launched_by: str | None) -> str:
        c = self.campaigns.setdefault(name, {"name": name, "surface": [], "launched_by": launched_by})
        if surface not in c["surface"]:
            c["surface"].append(surface)
        return self.quoted(surface)

    def relation(self, kind: str, total: str, parts: list[str], context: str, **extra: Any) -> None:
        self.relations.append({"kind": kind, "total": total, "parts": parts, "context": context, **extra})

    def award(self, form: dict[str, Any], count: int, collectives: int | None, individuals: int | None,
              status: str | None, text: str | None = None, cls: str | None = None, cell: dict | None = None) -> None:
        record = {"award": form["award"], "class": cls, "level": form["level"], "count": count,
                  "collectives": collectives, "individuals": individuals, "status": status,
                  "source": "text" if cell is None else "table"}
        record.update({"text": text} if cell is None else {"cell": cell})
        self.awards.append(record)

    def next_h1(self, title: str) -> None:
        self.heading(self.style["h1"].format(R=ROMAN[self.h1], t=title))
        self.h1 += 1
        self.h2 = 0

    def next_h2(self, title: str) -> None:
        self.h2 += 1
        self.heading(self.style["h2"].format(n=self.h2, t=title))

    # -- sections -------------------------------------------------------------------------------

    def compose(self) -> Generated:
        self.header()
        if self.doc == "proposal":
            self.proposal_body()
        else:
            self.annual_body()
        self.signature()
        self.annex()
        return Generated(self.id, self.elements, self.gold())

    def header(self) -> None:
        o = self.office
        for line in o.header:
            self.line(line)
        self.number = self.fresh_number(12, 480)
        type_code = "TTr" if self.doc == "proposal" else "BC"
        sep = "-" if o.party else "/"
        self.doc_number = f"{self.number}{sep}{type_code}/{o.symbol}" if o.party else f"{self.number}/{type_code}-{o.symbol}"
        self.line(f"Số {self.doc_number}" if o.party else f"Số: {self.doc_number}")
        self.line("ĐẢNG CỘNG SẢN VIỆT NAM" if o.party else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        if not o.party:
            self.line("Độc lập - Tự do - Hạnh phúc")
        m = f"{self.date.month:02d}" if self.date.month < 3 else str(self.date.month)
        self.line(f"{o.place}, ngày {self.date.day:02d} tháng {m} năm {self.year}")
        if self.doc == "proposal":
            self.doc_type = "Tờ trình"
            self.heading("TỜ TRÌNH")
        else:
            self.doc_type = "Báo cáo"
            self.heading("BÁO CÁO")
        self.title = self.report_title()
        self.heading(self.title)

    def report_title(self) -> str:
        if self.doc == "proposal":
            return f"Về việc đề nghị khen thưởng cấp Nhà nước năm {self.year}"
        return f"Tổng kết công tác thi đua, khen thưởng năm {self.year}; phương hướng, nhiệm vụ năm {self.year + 1}"

    def legal_basis(self) -> None:
        regime = next(r for r in blocks()["regimes"] if _in_period(r, self.iso))
        law = regime["law"]
        law_text = self.cite(law["id"], "Luật", law["date"], law["issuer"], type_word=law["name"]) if "id" in law \
            else self.cite(law["named"], "Luật", None, "Quốc hội")
        decree = regime["decree"]
        parts = [law_text, self.cite(decree["id"], decree["doc_type"], decree["date"], decree["issuer"], decree["subject"])]
        circ = regime.get("circular")
        if circ and self.iso >= circ.get("from", "0000"):
            parts.append(self.cite(circ["id"], circ["doc_type"], circ["date"], circ["issuer"]))
        self.line(f"- {self.office.self_name} tiếp tục chỉ đạo thực hiện nghiêm " + "; ".join(parts) + ".")
        party = [p for p in blocks()["party_documents"] if self.iso >= p["from"]]
        if party:
            chosen = self.rng.sample(party, k=min(len(party), self.rng.randint(1, 2)))
            cites = [self.cite(p["id"], p["doc_type"], p["date"], p["issuer"], p["subject"]) for p in chosen]
            self.line("- Quán triệt " + "; ".join(cites) + ".")
        if self.kind in ("province", "district", "department"):
            start = dt.date(max(2016, self.year - 4), 1, 10)
            qc = self.local_ref("QĐ", "Quyết định", start, dt.date(self.year - 1, 12, 20), yearly=True,
                                issuer="UBND tỉnh")
            self.line(f"- Các cơ quan, đơn vị thực hiện {qc} ban hành Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh.")
        if self.rng.random() < 0.5:
            self.negatives("references")

    def intro(self) -> None:
        start, end = dt.date(self.year, 5, 1), self.date - dt.timedelta(days=20)
        if self.kind in ("district", "department"):
            guide = self.local_ref("UBND", "Công văn", start, end, issuer_code="NC", issuer="UBND tỉnh")
            guide = guide.replace("/UBND-NC", "/UBND-NC")
        elif self.rng.random() < 0.5:
            guide = self.local_ref("BNV", "Công văn", start, end, issuer_code="TĐKT", issuer="Bộ Nội vụ")
        else:
            guide = self.local_ref("HD", "Hướng dẫn", start, end, issuer_code="BTĐKT",
                                   issuer="Ban Thi đua - Khen thưởng Trung ương")
        self.line(f"Thực hiện {guide}, {self.office.self_name} báo cáo kết quả công tác thi đua, khen thưởng năm {self.year} như sau:")

    def campaigns_section(self) -> None:
        active = [c for c in blocks()["campaigns"] if _in_period(c, self.iso)]
        chosen = self.rng.sample(active, k=min(len(active), self.rng.randint(2, 4)))
        self.next_h2("Kết quả tổ chức các phong trào thi đua")
        for c in chosen:
            self.line("- " + self.campaign_sentence(c))
        if self.kind in ("province", "district"):
            local = self.rng.choice(blocks()["local_campaigns"]).format(province=self.office.place)
            launcher = self.office.self_name
            q = self.campaign(local, local, launcher)
            self.line(f"- Phong trào thi đua {q} do {launcher} phát động tiếp tục lan tỏa, thu hút đông đảo cán bộ, "
                      f"công chức, viên chức và người lao động tham gia.")
        for neg in self.rng.sample(blocks()["negatives"]["campaigns"], k=2):
            self.negative(neg)

    def campaign_sentence(self, c: dict[str, Any]) -> str:
        variants = [v.format(province=self.office.place) for v in c["variants"]]
        surface = c["name"]
        if variants and self.rng.random() < 0.35:
            surface = self.rng.choice(variants)
        q = self.campaign(c["name"], surface, "Thủ tướng Chính phủ")
        text = f"Phong trào thi đua {q}: "
        decisions = [d for d in c["decisions"] if _in_period(d, self.iso)]
        if decisions:
            d = decisions[-1]
            text += f"Thực hiện {self.cite(d['id'], 'Quyết định', d['date'], 'Thủ tướng Chính phủ')}, "
        stat = c["stat"]
        b = self.rng.randint(*stat["b"])
        a = max(1, min(b, round(b * self.rng.uniform(*stat["share"]))))
        decimals = self.rng.choice([1, 1, 1, 2])
        pct = percent_text(a, b, decimals)
        sentence = stat["sentence"].format(area=self.office.area, a=count_text(a), b=count_text(b), pct=pct)
        self.relation("ratio", f"{pct}%", [count_text(a), count_text(b)], sentence)
        return text + f"đến nay {sentence}."

    def awards_section(self) -> None:
        self.next_h2("Công tác khen thưởng")
        self.items: dict[str, list[AwardItem]] = {}
        for key in self.office.groups:
            group = blocks()["award_groups"][key]
            items = make_items(self.rng, group, self.year)
            self.items[key] = items
            self.group_text(key, group, items)

    def group_text(self, key: str, group: dict[str, Any], items: list[AwardItem]) -> None:
        total = sum(i.count for i in items)
        head = {"district": "Chủ tịch UBND huyện", "department": "Giám đốc Sở",
                "party": "Ban Thường vụ Tỉnh ủy và các cấp ủy trực thuộc"}.get(self.kind, self.office.self_name)
        lead = group["lead"].format(total=count_text(total), head=head)
        if key == "ministry":
            lead = lead.replace("Bộ trưởng", f"Bộ trưởng {self.office.self_name}")
        status = group["status"]
        phrases = [self.item_text(item, status) for item in items]
        sentence = f"- {group['heading']}: {lead}" + "; ".join(phrases) + "."
        self.line(sentence)
        self.relation("sum", count_text(total), [count_text(i.count) for i in items],
                      lead.strip().rstrip(":").rstrip(","))
        self.group_totals = getattr(self, "group_totals", {})
        self.group_totals[key] = (total, lead.strip())
        if key == "state":
            self.status_text(total)
        self.leader_ratio(key, items)
        if key == "grassroots":
            self.share_text(items)

    def item_text(self, item: AwardItem, status: str) -> str:
        f = item.form
        n = count_text(item.count)
        if item.classes:
            parts = []
            for cls, cnt, coll, ind in item.classes:
                rec = f"{count_text(cnt)} {f['surface']} {cls} cho " + (
                    f"{count_text(coll)} tập thể và {count_text(ind)} cá nhân" if coll else f"{count_text(ind)} cá nhân")
                parts.append(rec)
                self.award(f, cnt, coll or None, ind, status, rec, cls=cls)
                if coll:
                    self.relation("recipients", count_text(cnt), [count_text(coll), count_text(ind)], rec)
            head = f"{n} {f['surface']} các hạng"
            self.award(f, item.count, None, None, status, head)
            self.relation("sum", n, [count_text(c[1]) for c in item.classes], head + " (" + parts[0])
            return head + " (" + "; ".join(parts) + ")"
        if f["recipients"] == "both":
            text = f"{n} {f['surface']} cho {count_text(item.collectives)} tập thể và {count_text(item.individuals)} cá nhân"
            self.award(f, item.count, item.collectives, item.individuals, status, text)
            self.relation("recipients", n, [count_text(item.collectives), count_text(item.individuals)], text)
            return text
        text = f"{n} {f['surface']}"
        self.award(f, item.count, None, None, status, text)
        return text

    def status_text(self, total: int) -> None:
        returned = self.rng.randint(0, max(1, total // 15))
        decided = self.rng.randint(total // 4, total - returned)
        pending = total - returned - decided
        parts = [(decided, "trường hợp đã có quyết định khen thưởng"), (pending, "trường hợp đang chờ quyết định")]
        if returned:
            parts.append((returned, "trường hợp bị trả lại hồ sơ do chưa đủ thủ tục"))
        self.line("Trong đó:")
        for n, what in parts:
            self.line(f"+ {count_text(n)} {what};")
        self.relation("status", count_text(total), [count_text(n) for n, _ in parts],
                      f"{count_text(decided)} trường hợp đã có quyết định khen thưởng")

    def leader_ratio(self, key: str, items: list[AwardItem]) -> None:
        split = [i for i in items if i.leaders is not None]
        if not split or key == "grassroots":
            return
        base = sum(i.individuals for i in split)
        leaders = sum(i.leaders for i in split)
        if not base or not leaders:
            return
        workers = base - leaders
        p1, p2 = percent_text(leaders, base), percent_text(workers, base)
        r1 = f"{p1}% ({count_text(leaders)}/{count_text(base)})"
        r2 = f"{p2}% ({count_text(workers)}/{count_text(base)})"
        self.line(f"Tỷ lệ khen thưởng cho cán bộ lãnh đạo, quản lý là {r1}; cá nhân là công nhân, nông dân, "
                  f"người lao động trực tiếp là {r2}.")
        self.relation("ratio", f"{p1}%", [count_text(leaders), count_text(base)], r1)
        self.relation("ratio", f"{p2}%", [count_text(workers), count_text(base)], r2)
        self.relation("sum", count_text(base), [count_text(leaders), count_text(workers)], r2)

    def share_text(self, items: list[AwardItem]) -> None:
        by = {i.form["award"]: i for i in items}
        if "Chiến sĩ thi đua cơ sở" not in by or "Lao động tiên tiến" not in by:
            return
        cs, lt = by["Chiến sĩ thi đua cơ sở"].count, by["Lao động tiên tiến"].count
        pct = percent_text(cs, lt, self.rng.choice([1, 2]))
        context = f"Lao động tiên tiến là {pct}%"
        self.line(f"Tỷ lệ cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở so với số cá nhân đạt danh hiệu {context}, "
                  f"không vượt quá tỷ lệ quy định.")
        self.relation("percentage", f"{pct}%", [count_text(cs), count_text(lt)], context)

    def money_text(self) -> None:
        names = self.rng.sample(blocks()["money_items"], k=self.rng.randint(3, 4))
        if self.rng.random() < 0.6:
            amounts = [self.rng.randint(40, 9000) for _ in names]
            unit, fmt = "triệu đồng", lambda v: format_number(v)
        else:
            amounts = [Decimal(self.rng.randint(5, 900)) / 100 for _ in names]
            unit, fmt = "tỷ đồng", lambda v: format_number(v, 2)
        spent = sum(amounts)
        granted = spent + (amounts[0] if isinstance(spent, int) else Decimal(self.rng.randint(1, 90)) / 100)
        items = ", ".join(f"{n} {fmt(a)} {unit}" for n, a in zip(names, amounts))
        context = f"đã chi {fmt(spent)} {unit}"
        self.line(f"Năm {self.year}, kinh phí thi đua, khen thưởng được cấp {fmt(granted)} {unit}; {context}, gồm: {items}.")
        self.relation("money", fmt(spent), [fmt(a) for a in amounts], context)

    def remainder_text(self) -> None:
        total = self.rng.randint(12, 140)
        done = self.rng.randint(total // 2, total - 1)
        rest = total - done
        context = f"đã giải quyết {count_text(done)} hồ sơ, còn {count_text(rest)} hồ sơ"
        self.line(f"Tiếp nhận {count_text(total)} hồ sơ đề nghị cấp đổi, cấp lại hiện vật khen thưởng; {context} đang xác minh.")
        self.relation("remainder", count_text(total), [count_text(done), count_text(rest)], f"Tiếp nhận {count_text(total)} hồ sơ")

    def annual_body(self) -> None:
        self.intro()
        self.heading(self.style["part"].format(r="I", A="A", w="nhất"))
        self.heading(f"KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM {self.year}")
        self.next_h1("Công tác lãnh đạo, chỉ đạo")
        self.legal_basis()
        self.next_h1("Kết quả thực hiện")
        self.campaigns_section()
        self.awards_section()
        if self.kind in ("province", "ministry", "department"):
            self.next_h2("Quỹ thi đua, khen thưởng")
            self.money_text()
        if self.rng.random() < 0.6:
            self.next_h2("Các mặt công tác khác")
            self.remainder_text()
            self.negatives("awards")
        self.next_h1("Đánh giá chung")
        for filler in self.rng.sample(blocks()["fillers"], k=2):
            self.line(filler)
        self.heading(self.style["part"].format(r="II", A="B", w="hai"))
        self.heading(f"PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {self.year + 1}")
        for c in list(self.campaigns.values())[:2]:
            self.line(f"- Tiếp tục triển khai phong trào thi đua {self.quoted(c['surface'][0])}.")
        self.line("- " + self.rng.choice(blocks()["fillers"]))

    def proposal_body(self) -> None:
        self.line("Kính gửi: Thủ tướng Chính phủ")
        regime = next(r for r in blocks()["regimes"] if _in_period(r, self.iso))
        law = regime["law"]
        if "id" in law:
            self.line(f"Căn cứ {self.cite(law['id'], 'Luật', law['date'], law['issuer'], type_word=law['name'])};")
        else:
            self.line(f"Căn cứ {self.cite(law['named'], 'Luật', None, 'Quốc hội')};")
        decree = regime["decree"]
        self.line(f"Căn cứ {self.cite(decree['id'], decree['doc_type'], decree['date'], decree['issuer'], decree['subject'])};")
        start = dt.date(self.year, 1, 5)
        own = self.local_ref("TTr", "Tờ trình", start, self.date - dt.timedelta(days=5), issuer_code="SNV",
                             issuer="Sở Nội vụ")
        self.line(f"Xét đề nghị của Giám đốc Sở Nội vụ tại {own},")
        self.items = {}
        group = blocks()["award_groups"]["state"]
        items = make_items(self.rng, group, self.year)
        self.items["state"] = items
        total = sum(i.count for i in items)
        lead = f"{self.office.self_name} kính trình Thủ tướng Chính phủ xem xét, khen thưởng {count_text(total)} trường hợp"
        phrases = [self.item_text(i, "proposed") for i in items]
        self.line(f"{lead}, gồm: " + "; ".join(phrases) + " (có danh sách kèm theo).")
        self.relation("sum", count_text(total), [count_text(i.count) for i in items], lead)
        self.group_totals = {"state": (total, lead)}
        self.leader_ratio("state", items)
        self.line(f"{self.office.self_name} kính trình Thủ tướng Chính phủ xem xét, quyết định./.")

    def signature(self) -> None:
        self.heading("Nơi nhận:")
        first = "Như trên;" if self.doc == "proposal" else "Ban Thi đua - Khen thưởng Trung ương;"
        for r in [first, self.rng.choice(["Thường trực Tỉnh ủy;", "Sở Nội vụ (Ban TĐKT);", "Bộ Nội vụ;"]), "Lưu: VT, NC."]:
            self.line(f"- {r}")
        for line in self.office.signature:
            self.heading(line)
        self.signer = person(self.rng)
        self.heading(self.signer)

    # -- annex tables ---------------------------------------------------------------------------

    def annex(self) -> None:
        self.period = None
        self.line("## PHỤ LỤC")
        self.line(f"## TỔNG HỢP KẾT QUẢ KHEN THƯỞNG NĂM {self.year}")
        if self.doc == "annual" and self.rng.random() < 0.5:
            start = dt.date(self.year - 1, 12, 1)
            end = dt.date(self.year, 11, 30) if self.date > dt.date(self.year, 11, 30) else self.date
            self.period = {"start": start.isoformat(), "end": end.isoformat()}
            self.line(f"Số liệu tính từ ngày {start.day:02d}/{start.month:02d}/{start.year} "
                      f"đến ngày {end.day:02d}/{end.month:02d}/{end.year}")
        written = f"{self.date.day:02d}/{self.date.month:02d}/{self.year}"
        self.line(f"(Kèm theo {self.doc_type} số {self.doc_number} ngày {written} của {self.office.issuer})")
        for i, key in enumerate(self.items):
            group = blocks()["award_groups"][key]
            self.line(f"### {i + 1}. {group['table_title']}")
            self.group_table(key, self.items[key])
        if "province" in self.items and self.rng.random() < 0.6:
            self.line(f"### {len(self.items) + 1}. Khen thưởng cấp tỉnh theo đơn vị")
            self.unit_table(self.items["province"])

    def group_table(self, key: str, items: list[AwardItem]) -> None:
        rng = self.rng
        with_pct = key != "grassroots" and rng.random() < 0.6 and any(i.leaders for i in items)
        two_rows = with_pct or rng.random() < 0.5
        note = rng.random() < 0.4
        total_first = rng.random() < 0.35
        total_label = rng.choice(["CỘNG", "Cộng", "Tổng cộng", "TỔNG CỘNG"])
        if two_rows:
            header = [["Số TT", "Hình thức khen thưởng", "Tổng số", "Trong đó", ""],
                      ["", "", "", "Tập thể", "Cá nhân"]]
            if with_pct:
                header[0] += ["Người lao động", "", "Lãnh đạo", ""]
                header[1] += ["Số lượng", "Tỷ lệ %", "Số lượng", "Tỷ lệ %"]
        else:
            header = [["Số TT", "Hình thức khen thưởng", "Tổng số", "Tập thể", "Cá nhân"]]
        if note:
            header[0].append("Ghi chú")
            for row in header[1:]:
                row.append("")
        rows, sums = [], [0] * 5
        for n, item in enumerate(items, start=1):
            row = [f"{n}." if two_rows else str(n), item.form["label"], count_text(item.count),
                   count_text(item.collectives) if item.collectives else "-",
                   count_text(item.individuals) if item.individuals else "-"]
            if with_pct:
                if item.leaders is not None and item.individuals:
                    workers = item.individuals - item.leaders
                    row += [count_text(workers), percent_text(workers, item.individuals) + "%",
                            count_text(item.leaders), percent_text(item.leaders, item.individuals) + "%"]
                    sums[3] += workers
                    sums[4] += item.leaders
                else:
                    row += ["-"] * 4
            if note:
                row.append("")
            rows.append(row)
            sums[0] += item.count
            sums[1] += item.collectives_total
            sums[2] += item.individuals_total
        total = ["", total_label, count_text(sums[0]), count_text(sums[1]), count_text(sums[2])]
        if with_pct:
            total += [count_text(sums[3]), "-", count_text(sums[4]), "-"]
        if note:
            total.append("")
        t = len(self.table_specs)
        total_row = 0 if total_first else len(rows)
        rows = [total, *rows] if total_first else [*rows, total]
        offset = 1 if total_first else 0
        spec = {"index": t, "title": None, "header_rows": len(header), "total_row": total_row, "award_rows": True,
                "sum_columns": [2, 3, 4] + ([5, 7] if with_pct else []), "row_sums": [{"total": 2, "parts": [3, 4]}],
                "percent_columns": [{"pct": 6, "count": 5, "base": 4}, {"pct": 8, "count": 7, "base": 4}] if with_pct else []}
        self.add_table(header, rows, {total_row}, spec)
        status = None
        for n, item in enumerate(items):
            r = n + offset
            self.award(item.form, item.count, item.collectives or None, item.individuals or None, status,
                       cell={"table": t, "row": r})
            self.text_vs_table(count_text(item.count), t, r, 2, self.count_context(item))
        total_value, lead = self.group_totals[key]
        self.text_vs_table(count_text(total_value), t, total_row, 2, lead.rstrip(":").rstrip(",").strip())

    def count_context(self, item: AwardItem) -> str:
        head = f"{count_text(item.count)} {item.form['surface']}"
        return head + " các hạng" if item.classes else head

    def text_vs_table(self, surface: str, table: int, row: int, col: int, context: str) -> None:
        self.relation("text_vs_table", surface, [surface], context, cell={"table": table, "row": row, "col": col})

    def unit_table(self, items: list[AwardItem]) -> None:
        by = {i.form["award"]: i for i in items}
        units = [u.format(province=self.office.place) for u in blocks()["units"]]
        units = self.rng.sample(units, k=self.rng.randint(14, len(units)))
        units += [f"UBND huyện {d}" for d in self.rng.sample(blocks()["districts"], k=self.rng.randint(6, 10))]
        cols = []
        bk = by.get("Bằng khen cấp bộ, ban, ngành, tỉnh")
        cols.append(("Tập thể", bk.collectives if bk else 0))
        cols.append(("Cá nhân", bk.individuals if bk else 0))
        for award in ("Chiến sĩ thi đua bộ, ban, ngành, tỉnh", "Cờ thi đua của bộ, ban, ngành, tỉnh",
                      "Tập thể lao động xuất sắc"):
            cols.append((by[award].form["label"] if award in by else award, by[award].count if award in by else 0))
        splits = [_split(self.rng, total, len(units)) for _, total in cols]
        note = self.rng.random() < 0.6
        index_label = self.rng.choice(["Số TT", "STT", "TT"])
        if self.rng.random() < 0.6:
            header = [[index_label, "Đơn vị", "Tổng số", "Bằng khen", "", cols[2][0], cols[3][0], cols[4][0]],
                      ["", "", "", "Tập thể", "Cá nhân", "", "", ""]]
        else:
            header = [[index_label, "Đơn vị", "Tổng số", "Bằng khen (tập thể)", "Bằng khen (cá nhân)",
                       cols[2][0], cols[3][0], cols[4][0]]]
        if note:
            header = [row + ["Ghi chú" if r == 0 else ""] for r, row in enumerate(header)]
        rows = []
        for u, unit in enumerate(units):
            values = [s[u] for s in splits]
            rows.append([str(u + 1), unit, count_text(sum(values)), *[count_text(v) if v else "-" for v in values]]
                        + ([""] if note else []))
        totals = [c[1] for c in cols]
        total = ["", "TỔNG CỘNG", count_text(sum(totals)), *[count_text(v) for v in totals]] + ([""] if note else [])
        total_first = self.rng.random() < 0.5
        rows = [total, *rows] if total_first else [*rows, total]
        t = len(self.table_specs)
        total_row = 0 if total_first else len(rows) - 1
        spec = {"index": t, "title": None, "header_rows": len(header), "total_row": total_row, "award_rows": False,
                "sum_columns": [2, 3, 4, 5, 6, 7], "row_sums": [{"total": 2, "parts": [3, 4, 5, 6, 7]}],
                "percent_columns": []}
        self.add_table(header, rows, {total_row}, spec)
        total_value, lead = self.group_totals["province"]
        self.text_vs_table(count_text(total_value), t, total_row, 2, lead.rstrip(":").rstrip(",").strip())

    def add_table(self, header, rows, bold_rows, spec) -> None:
        title = plain(self.elements[-1]).lstrip("#").strip() if self.elements else None
        spec["title"] = title
        spec["repeat_header"] = self.rng.random() < 0.5
        self.table_specs.append(spec)
        self.elements.append(TableSpec(title=title, header=header, rows=rows, bold_rows=bold_rows))

    # -- gold -----------------------------------------------------------------------------------

    def gold(self) -> dict[str, Any]:
        return {
            "schema": GOLD_SCHEMA, "report": self.id, "split": "dev", "origin": "generated",
            "document": {"doc_type": self.doc_type, "number": self.doc_number, "date": self.iso,
                         "issuer": self.office.issuer, "signer": self.signer, "position": self.office.position,
                         "title": self.title, "period": self.period},
            "references": list(self.references.values()),
            "campaigns": list(self.campaigns.values()),
            "awards": self.awards,
            "tables": self.table_specs,
            "relations": self.relations,
            "findings": [],
        }


def number_is_none(ref_id: str) -> bool:
    return split_id(ref_id)[0] is None


def compose(seed: int, index: int = 0, doc: str | None = None, kind: str | None = None) -> Generated:
    """One report, the same for the same (seed, index): an annual report, a proposal (tờ trình) or
    a campaign summary (`doc` fixes which; `kind` the office: province, district, ...)."""
    rng = random.Random(f"{seed}:{index}")
    doc = doc or rng.choices(DOCS, weights=[5, 1, 2])[0]
    report_id = f"gen-{seed}-{index:04d}"
    if doc == "campaign":
        from .thematic import ThematicComposer
        return ThematicComposer(rng, report_id, kind=kind).compose()
    return Composer(rng, report_id, kind=kind, doc=doc).compose()


# --------------------------------------------------------------------------------------------
# Fast synthetic records for the archive (no rendering)


def synthetic_references(n: int, seed: int = 0) -> Iterator["Reference"]:
    """`n` distinct cited-document records (model `Reference`), about 100k per few seconds."""
    from ..model import Reference

    rng = random.Random(seed)
    kinds = [("QĐ", "Quyết định"), ("KH", "Kế hoạch"), ("NQ", "Nghị quyết"), ("CT", "Chỉ thị"),
             ("TB", "Thông báo"), ("HD", "Hướng dẫn"), ("TTr", "Tờ trình"), ("BC", "Báo cáo")]
    issuers = [("UBND", "UBND tỉnh"), ("TTg", "Thủ tướng Chính phủ"), ("CP", "Chính phủ"),
               ("BNV", "Bộ Nội vụ"), ("HĐND", "HĐND tỉnh"), ("SNV", "Sở Nội vụ")]
    seen: set[str] = set()
    while len(seen) < n:
        code, doc_type = rng.choice(kinds)
        issuer_code, issuer = rng.choice(issuers)
        year = rng.randint(2005, 2025)
        number = rng.randint(1, 9999)
        normative = rng.random() < 0.25
        rid = f"{number:02d}/{year}/{code}-{issuer_code}" if normative else f"{number:02d}/{code}-{issuer_code}"
        if rid in seen:
            continue
        seen.add(rid)
        date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        subject = rng.choice(["về công tác thi đua, khen thưởng", "ban hành Quy chế thi đua, khen thưởng",
                              "về việc tặng Bằng khen", "phát động phong trào thi đua", "về việc khen thưởng đột xuất"])
        num, yr, symbol = split_id(rid)
        yield Reference(id=rid, doc_type=doc_type, number=num, year=yr, symbol=symbol,
                        date=date.isoformat(), issuer=issuer, subject=subject)


def synthetic_reports(n: int, seed: int = 0) -> Iterator["Document"]:
    """`n` generated reports as model `Document`s: blocks, metadata, references with mentions,
    campaigns and awards from the generator's gold. No parsing, no rendering."""
    from ..model import Award, Block, Campaign, Document, Metadata, Period, Reference
    import hashlib

    for i in range(n):
        g = compose(seed, i)
        lines = [plain(e) for e in g.elements if isinstance(e, str)]
        blocks_ = [Block(index=j, kind="paragraph", text=t) for j, t in enumerate(lines)]
        doc_g = g.gold["document"]
        period = Period(**doc_g["period"]) if doc_g["period"] else None
        text = "\n".join(lines)
        doc = Document(source=f"{g.id}.md", sha256=hashlib.sha256(text.encode()).hexdigest(), format="md",
                       pages=None, blocks=blocks_,
                       metadata=Metadata(doc_type=doc_g["doc_type"], number=doc_g["number"], date=doc_g["date"],
                                         issuer=doc_g["issuer"], signer=doc_g["signer"],
                                         position=doc_g["position"], title=doc_g["title"], period=period))
        for r in g.gold["references"]:
            ref = Reference(**r)
            ref.mentions = _mentions(doc, r["id"])
            doc.references.append(ref)
        for c in g.gold["campaigns"]:
            camp = Campaign(name=c["name"], launched_by=c["launched_by"], aliases=c["surface"])
            for s in c["surface"]:
                camp.mentions += _mentions(doc, s)
            doc.campaigns.append(camp)
        for a in g.gold["awards"]:
            if a["source"] == "text":
                doc.awards.append(Award(award=a["award"], count=a["count"], class_=a["class"], level=a["level"],
                                        collectives=a["collectives"], individuals=a["individuals"],
                                        status=a["status"], surface=a["text"], mentions=_mentions(doc, a["text"])))
        yield doc


def _mentions(doc: Document, needle: str) -> list:
    """The first mention of `needle` in each block; a document id also as written with spaces
    around its slashes ("91 / 2017 / NĐ-CP")."""
    pattern = re.compile(r"\s*/\s*".join(re.escape(part) for part in needle.split("/")))
    out = []
    for b in doc.blocks:
        m = pattern.search(b.text)
        if m:
            out.append(doc.mention(b.index, m.start(), m.end()))
    return out


# --------------------------------------------------------------------------------------------
# Command line


def write_corpus(n: int, seed: int, out: Path, formats: tuple[str, ...] = ("md",), mutations: int = 0) -> list[str]:
    out = Path(out)
    for sub in ("reports", "gold") + (("mutants",) if mutations else ()):
        (out / sub).mkdir(parents=True, exist_ok=True)
    ids = []
    for i in range(n):
        g = compose(seed, i)
        ids.append(g.id)
        write_report(g, out / "reports", formats)
        (out / "gold" / f"{g.id}.json").write_text(json.dumps(g.gold, ensure_ascii=False, indent=1), "utf-8")
        for k in range(mutations):
            from .mutation import expected_findings, mutate

            mutant, record = mutate(g, seed, k)
            mutant.id = f"{g.id}-m{k}"
            (out / "mutants" / f"{mutant.id}.md").write_text(mutant.markup(), "utf-8")
            meta = {"schema": GOLD_SCHEMA, "report": mutant.id, "mutant_of": g.id, "origin": "generated",
                    "mutation": record, "findings": expected_findings(record)}
            (out / "mutants" / f"{mutant.id}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), "utf-8")
    return ids


def write_report(g: Generated, folder: Path, formats: tuple[str, ...]) -> None:
    folder = Path(folder)
    text = g.markup()
    for fmt in ("md", "txt"):
        if fmt in formats:
            (folder / f"{g.id}.{fmt}").write_text(text, "utf-8")
    if "docx" in formats or "pdf" in formats:
        from .gold import layout_of

        layout = layout_of(text, g.gold)
        if "docx" in formats:
            from .render_docx import render_docx

            render_docx(layout, folder / f"{g.id}.docx")
        if "pdf" in formats:
            from .render_pdf import render_pdf

            render_pdf(layout, folder / f"{g.id}.pdf")


def render_corpus_report(corpus: "str | Path", report_id: str, formats: tuple[str, ...] = ("docx", "pdf")) -> None:
    """Render a hand-written corpus report (corpus/reports/<id>.md) next to its source."""
    from .gold import layout_of, report_source

    root = Path(corpus)
    source = report_source(root / "reports", report_id)
    gold = json.loads((root / "gold" / f"{report_id}.json").read_text("utf-8"))
    layout = layout_of(source.read_text("utf-8"), gold)
    if "docx" in formats:
        from .render_docx import render_docx

        render_docx(layout, source.with_suffix(".docx"))
    if "pdf" in formats:
        from .render_pdf import render_pdf

        render_pdf(layout, source.with_suffix(".pdf"), title=gold["document"]["title"] or report_id)


def main(argv: list[str] | None = None) -> int:
    import argparse
    import sys

    p = argparse.ArgumentParser(prog="python -m extractor.devtools.generate", description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=10, help="number of reports")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", default="corpus/generated")
    p.add_argument("--formats", default="md", help="comma-separated: md,docx,pdf")
    p.add_argument("--mutations", type=int, default=0, help="mutants per report")
    p.add_argument("--render", default="", metavar="IDS",
                   help="instead of generating, render these corpus reports (comma-separated ids) to --formats")
    p.add_argument("--corpus", default="corpus", help="corpus folder for --render")
    args = p.parse_args(argv)
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = set(formats) - {"md", "txt", "docx", "pdf"}
    if unknown:
        print(f"unknown format(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    if args.render:
        for rid in args.render.split(","):
            render_corpus_report(args.corpus, rid.strip(), tuple(f for f in formats if f in ("docx", "pdf")))
        return 0
    ids = write_corpus(args.n, args.seed, args.out, formats, args.mutations)
    print(f"{len(ids)} reports written to {args.out}", file=sys.stderr)
    return 0


def __getattr__(name: str) -> Any:
    """The mutation functions, which moved to `mutation.py`, still import from here."""
    if name in ("mutate", "mutation_finding", "expected_findings", "tolerated_mutant"):
        from . import mutation

        return getattr(mutation, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    raise SystemExit(main())
