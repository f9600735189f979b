"""What the document says about itself: type, number, date, issuer, signer and position, title,
recipients (Nơi nhận) and reporting period.

Read from the header blocks ("UBND TỈNH TRÀ VINH", "Số: 315/BC-UBND", "Trà Vinh, ngày 15 tháng 11
năm 2023", "BÁO CÁO" and the title under it), the signature ("CHỦ TỊCH" then the name), the
"Nơi nhận:" list and, when the header is missing, an annex caption that cites the report
("Kèm theo Báo cáo số: 315/BC-UBND ngày 15/11/2023 của Chủ tịch UBND tỉnh Trà Vinh").
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Block, Metadata, Period
from ..vn.dates import find_dates
from ..vn.normalize import match_key, squash_spaces
from .blocks import MARKER_RE, BlockView
from .references import _reference_from_id
from .symbols import ID_RE
from .resources import alternation, load, role_type

_UNSPACED_MARKER = re.compile(r"^(?:[IVXLC]+|\d{1,2})\.(?=[A-ZĐÀ-Ỹ])")  # "I.Tổng quan", a section glued to its marker
_PLACE_DATE = re.compile(r"^[^\d,]{2,40},\s*ngày\s", re.I)
_RANGE = re.compile(r"từ\s+(?:ngày\s+)?(?P<a>.+?)\s+đến\s+(?:ngày\s+)?(?P<b>\S+(?:\s+tháng\s+\d+\s+năm\s+\d{4})?)", re.I)
_NAME = re.compile(r"^(?P<name>(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s){1,5}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)"
                   r"(?:$|\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]*\s+[a-zà-ỹđ])")


@lru_cache(maxsize=1)
def _cues() -> dict:
    data = load("metadata")
    types = [t["name"] for t in load("doc_types")["types"]]
    return {
        "type_line": {match_key(t): t for t in types + data["annex_types"]},
        "annex_types": data["annex_types"],
        "form_line": re.compile(data["form_line"], re.I),
        "form_type": data["form_type"],
        "letter_subject": re.compile(data["letter_subject"]),
        "signed": re.compile(rf"^\s*(?:{alternation(data['signed_marks'])})\s*:?\s*", re.I),
        "number_line": re.compile(data["number_line"]),
        "blank_symbol": re.compile(r"^\s*/\s*(?=[A-ZĐ])"),
        "number": re.compile(rf"(?<!\w)(?:{alternation(data['number_heads'])})\s*:?\s*(?=\d)"),
        "annex": re.compile(rf"{data['caption_lead']}(?:{alternation(data['annex_cues'])})\s+(?P<type>{alternation(types)})\s+"
                            rf"(?:{alternation(data['number_heads'])})\s*:?\s*", re.I),
        "position": re.compile(
            rf"^(?:(?:{alternation(data['signing_prefixes'])})\s*(?:.*?\s+)??)?(?P<pos>{alternation(data['positions'])})\b.*$",
            re.I),
        "recipients": re.compile(rf"^(?:{alternation(data['recipient_heads'] + data['addressee_heads'])})\s*:\s*", re.I),
        "addressees": re.compile(rf"^(?:{alternation(data['addressee_heads'])})\s*:", re.I),
        "annex_issuer": re.compile(rf"(?:{alternation(load('doc_types')['issuer_heads'])})\s+(.+?)\)?\s*$"),
        "body_opener": re.compile(rf"(?:{alternation(data['body_openers'] + data['addressee_heads'])})"),
        "as_above": re.compile(rf"^(?:{alternation(data['as_above'])})$", re.I),
        "archive": re.compile(rf"^(?:{alternation(data['archive_copy'])})(?!\w)", re.I),
        "header_blocks": data["header_blocks"],
        "level": re.compile(rf"^(?P<body>.*?)\s*(?<!\w)(?P<level>{alternation(data['admin_levels'])})\s+(?P<place>.+)$", re.I),
        "party_committee": re.compile(rf"\s*{re.escape(match_key(data['party_committee_suffix']))}(?!\w)"),
        "motto": re.compile(alternation([match_key(m) for m in data["mottos"]])),
    }


def _lines(blocks: list[Block]) -> list[tuple[int, str]]:
    """Every line of the blocks (a block may hold several header or signature lines)."""
    return [(b.index, squash_spaces(line)) for b in blocks for line in b.text.split("\n") if line.strip()]


def _type_apart_from_title(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A type line that a layout ran into its title ('QUY ĐỊNH Xác định và quản lý ...') read as
    two lines, when no line is a type line of its own."""
    if _doc_type_line(lines):
        return lines
    for i, (block, line) in enumerate(lines):
        words = line.split()
        for k in range(1, min(4, len(words))):
            head, nxt = " ".join(words[:k]), words[k]
            if head.upper() == head and match_key(head) in _cues()["type_line"] \
                    and nxt[:1].isupper() and nxt.upper() != nxt:
                return [*lines[:i], (block, head), (block, " ".join(words[k:])), *lines[i + 1:]]
    return lines


def _doc_type_line(lines: list[tuple[int, str]]) -> tuple[int, str] | None:
    for i, (_, line) in enumerate(lines):
        name = _cues()["type_line"].get(match_key(line.rstrip(":")))
        if name and line.upper() == line:
            return i, name
    return None


def _title(lines: list[tuple[int, str]], after: int, blocks: list[Block]) -> str | None:
    """The subject lines after the type line, up to the first line that starts something else: a
    numbered block ("A. KẾT QUẢ ...", "Phần thứ nhất"), an upper-case heading under a title that
    is not upper case (or the reverse: "THỦ TƯỚNG CHÍNH PHỦ điện:" under a title in capitals), an
    address, a first sentence (ending in "." or, leading into a list, ":"), an annex caption
    ("(Ban hành kèm theo Quyết định số ...)") or the line naming the authority that decides ("ỦY BAN NHÂN DÂN TỈNH", "BỘ TRƯỞNG BỘ NỘI VỤ")."""
    parts: list[str] = []
    for i in range(after + 1, min(after + 4, len(lines))):
        block, line = lines[i]
        starts_block = lines[i - 1][0] != block
        numbered = starts_block and (blocks[block].marker or MARKER_RE.match(line).end()
                                     or _UNSPACED_MARKER.match(line))
        shouts = parts and line.upper() == line and parts[0].upper() != parts[0]
        lowers = parts and line.upper() != line and parts[0].upper() == parts[0]
        if numbered or shouts or lowers or _names_authority(line) or _cues()["body_opener"].match(line) \
                or line.endswith((".", ":")) or _cues()["annex"].match(line):
            break
        parts.append(line)
    return squash_spaces(" ".join(parts)) or None


def _names_authority(line: str) -> bool:
    """A line in capitals that opens with a known body or a position: the authority line a
    decision writes between its title and its grounds."""
    if line.upper() != line:
        return False
    if match_key(line).startswith(tuple(match_key(p) + " " for p in load("metadata")["positions"])):
        return True
    words = line.split()
    return any(match_key(" ".join(words[:n])) in _bodies() for n in range(1, len(words) + 1))


def _number(lines: list[tuple[int, str]]) -> tuple[re.Match[str] | None, str | None]:
    """(the header's number/symbol, the type its symbol names when the number is left blank). The
    first "Số:" line decides: "Số:   /BC-UBND" is an unnumbered copy of a báo cáo, and no later
    number in the text is taken for it."""
    for _, line in lines:
        if head := _cues()["number_line"].search(line):
            if m := ID_RE.match(line, head.end()):
                return m, None
            return None, _blank_number_type(line[head.end():])
    for _, line in lines:
        if (head := _cues()["number"].search(line)) and (m := ID_RE.match(line, head.end())):
            return m, None
    return None, None


def _blank_number_type(rest: str) -> str | None:
    """The type a symbol written without its number names ("/BC-STC" -> Báo cáo)."""
    if not (head := _cues()["blank_symbol"].match(rest)):
        return None
    probe = ID_RE.match("0/" + rest[head.end():])
    return _reference_from_id(probe, None).doc_type if probe else None


def _header_date(lines: list[tuple[int, str]]) -> str | None:
    for _, line in lines:
        if _PLACE_DATE.match(line) and (dates := find_dates(line)):
            return dates[0].iso
    return None




@lru_cache(maxsize=1)
def _bodies() -> dict[str, str]:
    issuers = load("issuers")
    bodies = {match_key(name): name for name in issuers["codes"].values()}
    bodies.update({match_key(a): b["name"] for b in issuers["bodies"] for a in [b["name"], *b.get("aliases", [])]})
    bodies.update({match_key(k): v for k, v in issuers["header_names"].items()})
    return bodies


def _body_name(upper: str) -> str:
    """An upper-case body name as running text writes it ('SỞ GIÁO DỤC VÀ ĐÀO TẠO' -> 'Sở Giáo dục
    và Đào tạo'); an unknown name of a known kind of body with each coordinated part capitalised
    ('BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG' -> 'Bộ Nông nghiệp và Môi trường'), others in sentence case."""
    known = _bodies().get(match_key(upper))
    if known:
        return known
    for kind in sorted(load("issuers")["body_kinds"], key=len, reverse=True):
        if match_key(upper).startswith(match_key(kind) + " "):
            return f"{kind} {_each_part_capitalised(upper[len(kind) + 1:])}"
    return upper.capitalize()


def _each_part_capitalised(upper: str) -> str:
    """'TÀI NGUYÊN VÀ MÔI TRƯỜNG' -> 'Tài nguyên và Môi trường': a name's parts are joined by
    'và', ',' or '-'."""
    parts = re.split(r"(\s*,\s*|\s+-\s+|\s+(?i:và)\s+)", upper.strip())
    return "".join(p.lower() if i % 2 else p.capitalize() for i, p in enumerate(parts))


def _segments(line: str) -> list[str]:
    """A header line that joins several bodies ('UBND TỈNH PHÚ LÂM SỞ GIÁO DỤC VÀ ĐÀO TẠO'), cut
    where each known body name starts, the longest name read first ('THỦ TƯỚNG CHÍNH PHỦ' is one
    body, not 'THỦ TƯỚNG' and 'CHÍNH PHỦ')."""
    words = line.split()
    longest = max((len(k.split()) for k in _bodies()), default=1)
    cuts, i = [0], 0
    while i < len(words):
        n = next((n for n in range(min(longest, len(words) - i), 0, -1)
                  if match_key(" ".join(words[i:i + n])) in _bodies()), 0)
        if n and i > 0:
            cuts.append(i)
        i += n or 1
    cuts.append(len(words))
    return [" ".join(words[a:b]) for a, b in zip(cuts, cuts[1:]) if a < b]


def _before_motto(line: str) -> str:
    """A header line without the national motto set beside it ('UBND TỈNH HẬU GIANG CỘNG HÒA XÃ
    HỘI CHỦ NGHĨA VIỆT NAM' -> 'UBND TỈNH HẬU GIANG'; 'TỈNH VĨNH LONG Độc lập - Tự do - Hạnh phúc')."""
    words = line.split()
    for i in range(len(words)):
        if _cues()["motto"].match(match_key(" ".join(words[i:]))):
            return " ".join(words[:i])
    return line


def _opens_body(line: str) -> bool:
    """A header line that starts a body of its own: a known body, a kind of body ('SỞ ...'), or
    an administrative level ('TỈNH ...')."""
    key = match_key(line)
    words = line.split()
    if any(match_key(" ".join(words[:n])) in _bodies() for n in range(1, len(words) + 1)):
        return True
    if any(key == match_key(k) or key.startswith(match_key(k) + " ") for k in load("issuers")["body_kinds"]):
        return True
    return bool((m := _cues()["level"].match(line)) and not m.group("body"))


def _continues_name(previous: str, line: str) -> bool:
    """A body's name carried on to the next line: after a dash ('BỘ LAO ĐỘNG -' / 'THƯƠNG BINH
    VÀ XÃ HỘI'), before 'VÀ' ('SỞ LAO ĐỘNG - THƯƠNG BINH' / 'VÀ XÃ HỘI'), or a line that names
    no body of its own ('TẬP ĐOÀN' / 'BƯU CHÍNH VIỄN THÔNG' / 'VIỆT NAM')."""
    if previous.rstrip().endswith(("-", "–")) or re.match(r"^(?:VÀ\s|[-–&]\s*)", line):
        return True
    return not _opens_body(line)


def _is_body_name(name: str) -> bool:
    """A known body or a name opening with a kind of body: never a heading or a sentence."""
    key = match_key(name)
    return key in _bodies() or any(key.startswith(match_key(k) + " ") for k in load("issuers")["body_kinds"]) \
        or _opens_body(name)


def _issuer_from_header(lines: list[tuple[int, str]]) -> str | None:
    """The issuing body of the header's upper-case lines: the last body named, with the place of
    the line that names one ('ỦY BAN NHÂN DÂN' / 'TỈNH BÌNH SƠN' -> 'UBND tỉnh Bình Sơn';
    'UBND TỈNH PHÚ LÂM' / 'SỞ GIÁO DỤC VÀ ĐÀO TẠO' -> 'Sở Giáo dục và Đào tạo tỉnh Phú Lâm').
    A name written over two lines is one name; a body that is none of the known kinds is not
    guessed (None)."""
    orgs: list[list[str]] = []  # [body, level, place]
    previous = ""
    for _, raw in lines[:6]:
        line = _before_motto(raw).replace("–", "-").strip()
        if not line or line.upper() != line or _cues()["number"].match(line) or _cues()["number_line"].match(line) \
                or _cues()["form_line"].match(line):
            previous = ""
            continue
        if _cues()["type_line"].get(match_key(line)):
            break
        if orgs and previous and orgs[-1][0] and not orgs[-1][2] and _continues_name(previous, line):
            orgs[-1][0] = squash_spaces(f"{orgs[-1][0]} {line}")
        else:
            for segment in _segments(line):
                _add_org(orgs, segment)
        previous = line
    orgs = [o for o in orgs if not o[0] or _is_body_name(o[0])]
    if not orgs:
        return None
    body = _body_name(orgs[-1][0]) if orgs[-1][0] else ""
    level, place = next(((o[1], o[2]) for o in reversed(orgs) if o[2]), ("", ""))
    if level and match_key(level) in match_key(body):
        level = ""
    return squash_spaces(f"{body} {level} {place}") or None


def _add_org(orgs: list[list[str]], segment: str) -> None:
    m = _cues()["level"].match(segment)
    if m and not _cues()["party_committee"].match(match_key(segment[m.end("level"):])):
        body, level, place = m.group("body"), m.group("level").lower(), m.group("place").title()
        if body or not orgs:
            orgs.append([body, level, place])
        else:
            orgs[-1][1:] = [level, place]
    else:
        orgs.append([segment, "", ""])


def _with_continuation(view_texts: list[tuple[int, str]]) -> list[str]:
    """Each text, and an opened bracket closed on the next line read with that line: a caption
    '(Ban hành kèm theo Quyết định số 01/2020/QĐ-UBND, ngày 10 tháng 01 năm' / '2020 của ...)'."""
    texts = [t for _, t in view_texts]
    return [f"{t} {texts[i + 1]}" if t.count("(") > t.count(")") and i + 1 < len(texts) else t
            for i, t in enumerate(texts)]


def _annex_caption(view_texts: list[tuple[int, str]]) -> dict | None:
    for text in _with_continuation(view_texts):
        m = _cues()["annex"].match(text)
        if not m or not (idm := ID_RE.match(text, m.end())):
            continue
        ref = _reference_from_id(idm, m.group("type").capitalize())
        tail = text[idm.end():]
        dates = find_dates(tail)
        issuer = _cues()["annex_issuer"].search(tail)
        return {"type": ref.doc_type, "number": ref.id, "date": dates[0].iso if dates else None,
                "issuer": _without_position(issuer.group(1)) if issuer else None}
    return None


def _without_position(issuer: str) -> str:
    """'Chủ tịch UBND tỉnh Trà Vinh' -> 'UBND tỉnh Trà Vinh'."""
    positions = sorted(load("metadata")["positions"], key=len, reverse=True)
    for pos in positions:
        if match_key(issuer).startswith(match_key(pos) + " "):
            return squash_spaces(issuer[len(pos):])
    return squash_spaces(issuer)


def _signature(lines: list[tuple[int, str]]) -> tuple[str | None, str | None]:
    """(signer, position): the last position line followed by a person's name. The name may run
    on into text a page layout set after it ("Nguyễn Văn An Tác giả: ..."): the capitalised word
    before the first lower-case one opens that text."""
    found = (None, None)
    for i, (_, raw) in enumerate(lines[:-1]):
        line = _without_recipient_head(raw)
        m = _cues()["position"].match(line)
        if m and line.upper() == line:
            name = next((n.group("name") for ln in _under_signature(lines, i)
                         if (n := _NAME.match(_cues()["signed"].sub("", ln)))), None)
            if name:
                found = (name, _position_name(line[m.start("pos"):]))
    return found


def _without_recipient_head(line: str) -> str:
    """'Nơi nhận: PHÓ TỔNG GIÁM ĐỐC' (a signature set beside the recipients) -> the position."""
    head = _cues()["recipients"].match(line)
    return line[head.end():] if head and line[head.end():].strip() else line


def _under_signature(lines: list[tuple[int, str]], at: int, limit: int = 3) -> list[str]:
    """Up to `limit` lines after a position line, passing over a "Nơi nhận" list set beside the
    signature (its head and its "- " items), where the signer's name may come after it."""
    out = []
    for _, line in lines[at + 1:]:
        if _cues()["recipients"].match(line) or line.startswith(("-", "+", "•")):
            continue
        out.append(line)
        if len(out) == limit:
            break
    return out


def _position_name(upper: str) -> str:
    """'PHÓ BÍ THƯ THƯỜNG TRỰC' -> 'Phó Bí thư Thường trực': known titles as written, other
    words in lower case."""
    known = {match_key(p): p for p in load("metadata")["positions"]}
    words, out, i = upper.split(), [], 0
    while i < len(words):
        n = next((n for n in range(len(words) - i, 0, -1) if match_key(" ".join(words[i:i + n])) in known), 0)
        out.append(known[match_key(" ".join(words[i:i + n]))] if n else words[i].lower())
        i += n or 1
    return " ".join(out)


def _recipients(lines: list[tuple[int, str]]) -> list[str]:
    """The addressees ("Kính gửi: ...") and the distribution list ("Nơi nhận:" and its "- " lines),
    without the archive copy ("Lưu: VT"); "Như trên" is left out when it points back at
    addressees already read."""
    found: list[str] = []
    addressed = False
    for i, (_, line) in enumerate(lines):
        head = _cues()["recipients"].match(line)
        if not head:
            continue
        addressed = addressed or bool(_cues()["addressees"].match(line))
        rest = line[head.end():]
        items = [rest] if rest.strip() and not (rest.upper() == rest and _cues()["position"].match(rest)) else []
        for _, nxt in lines[i + 1:]:
            if not nxt.startswith(("-", "+", "•")):
                break
            items.append(nxt)
        for item in (squash_spaces(x.lstrip("-+• ").rstrip(" ;.,")) for x in items):
            if item and not _cues()["archive"].match(item) and item not in found:
                found.append(item)
    return [x for x in found if not (addressed and _cues()["as_above"].match(x))]


def _period(texts: list[str], doc_type: str | None) -> Period | None:
    """The range the figures of a report cover, when stated ("Số liệu từ ngày 01/01/2023 đến ngày
    30/12/2023"). A year in the title is not a period, nor is the time window of a plan or a
    decision: only reports (and documents of unknown type) have one."""
    if doc_type is not None and doc_type not in load("metadata")["reporting_types"]:
        return None
    for text in texts:
        if (m := _RANGE.search(text)) and len(dates := find_dates(m.group())) >= 2:
            return Period(dates[0].iso, dates[1].iso)
    return None


def _type_without_type_line(header: list[tuple[int, str]]) -> str | None:
    """A form ('Biểu mẫu số 01' opening the document) or an official letter (a 'V/v' line)."""
    if header and _cues()["form_line"].match(header[0][1]):
        return _cues()["form_type"]
    if any(_cues()["letter_subject"].match(line) for _, line in header):
        return role_type("letter")
    return None


def _take_caption(meta: Metadata, caption: dict) -> None:
    """An annex caption ('Kèm theo Báo cáo số ...'). Under a type line of the caption's type it
    names this document (an annex table at the end of the report); otherwise this document is an
    annex of the one it names (doc type Phụ lục when it has no type line of its own): it takes
    that document's date and issuer, not its number, which stays a reference."""
    same = meta.doc_type == caption["type"]
    if not same and meta.doc_type not in (None, *_cues()["annex_types"]) and meta.number:
        return
    if same:
        meta.number = meta.number or caption["number"]
    meta.doc_type = meta.doc_type or _cues()["annex_types"][0]
    meta.date = meta.date or caption["date"]
    meta.issuer = meta.issuer or caption["issuer"]


def extract(views: list[BlockView]) -> Metadata:
    blocks = [v.block for v in views]
    header = _type_apart_from_title(_lines(blocks[:_cues()["header_blocks"]]))
    everything = _lines(blocks)
    meta = Metadata()
    type_line = _doc_type_line(header)
    if type_line:
        meta.doc_type = type_line[1]
        meta.title = _title(header, type_line[0], blocks)
    code_issuer = None
    number, blank_type = _number(header)
    if number:
        ref = _reference_from_id(number, None)
        meta.number, meta.doc_type, code_issuer = ref.id, meta.doc_type or ref.doc_type, ref.issuer
    meta.doc_type = meta.doc_type or blank_type or _type_without_type_line(header)
    meta.date = _header_date(header)
    meta.issuer = _issuer_from_header(header[:type_line[0]] if type_line else header)
    if caption := _annex_caption(everything):
        _take_caption(meta, caption)
    meta.issuer = meta.issuer or code_issuer
    meta.signer, meta.position = _signature(everything)
    meta.recipients = _recipients(everything)
    meta.period = _period([ln for _, ln in everything], meta.doc_type)
    return meta
