"""Who received what: the recipient lists of award decisions and proposals.

A list opens at a title block ("DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN ...") and is read either
from the list table that follows it (Stt / Họ và tên / Chức vụ, đơn vị; rows over pages are one
table already, see parse/layout) or from the blocks that follow it: numbered items, kind headings
("I. Tập thể", "b) Cá nhân: 22"), award headings ("Cờ thi đua của UBND Thành phố: 04") and group
headings ("Quận Đống Đa: 05"). A block that is neither an item nor a heading (OCR noise) is not
guessed at: it makes the list and its open groups incomplete, and the checker leaves them alone.
Cues live in data/recipients.json.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .resources import load
from ..model import Block, Document, Mention, Recipient, RecipientHeading, RecipientList, Table
from ..vn.normalize import fold, nfc, squash_spaces
from .awards import canonical_award, info


@lru_cache(maxsize=1)
def _cues() -> dict[str, Any]:
    data = load("recipients")
    return {
        "titles": data["list_titles"]["phrases"],
        "title_words": data["list_titles"]["max_words"],
        "given": data["list_titles"]["given"],
        "kinds": data["kinds"]["words"],
        "kind_heading": re.compile(data["kind_heading"]["pattern"]),
        "group_heading": re.compile(data["group_heading"]["pattern"]),
        "group_rest": data["group_heading"]["max_rest"],
        "honorific": re.compile(data["honorifics"]["pattern"]),
        "marker": re.compile(data["item_marker"]["pattern"]),
        "trailing": data["item_end"]["trailing"],
        "last": data["item_end"]["last"],
        "ends": data["list_end"]["phrases"],
        "columns": data["table_columns"],
        "article": data["article"]["markers"],
        "annexed": data["article"]["annexed"],
        "letters": data["min_letter_share"],
    }


def _has_word(folded: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded) is not None


def kinds_named(text: str) -> set[str]:
    """The recipient kinds a title or heading names ("DANH SÁCH TẬP THỂ, CÁ NHÂN" -> both)."""
    folded = fold(text)
    return {kind for word, kind in _cues()["kinds"].items() if _has_word(folded, word)}


def opens_list(block: Block) -> bool:
    """A block starting with "Danh sách" (any list: of recipients, of businesses, ...)."""
    folded = fold(block.text)
    return len(folded.split()) <= _cues()["title_words"] and \
        any(re.sub(r"^\W{0,3}", "", folded).startswith(p) for p in _cues()["titles"])


def _gives_award(text: str) -> bool:
    folded = fold(text)
    return any(p in folded for p in _cues()["given"]) or canonical_award(text) is not None


def is_list_title(block: Block, following: Block | None = None) -> bool:
    """The title of a recipient list: "Danh sách ..." saying in it or the line after it that
    it lists awards ("ĐƯỢC TẶNG BẰNG KHEN", "ĐƯỢC ... KHEN THƯỞNG"), or a title in capitals
    whose first words the OCR garbled, naming a kind and "được tặng"."""
    said = block.text + (" " + following.text if following is not None else "")
    if opens_list(block):
        return _gives_award(said)
    folded = fold(block.text)
    return len(folded.split()) <= _cues()["title_words"] and _is_title_line(block) and \
        bool(kinds_named(block.text)) and any(p in folded for p in _cues()["given"])


def _letter_share(text: str) -> float:
    chars = [c for c in text if not c.isspace() and c not in ",.;:-–()/\"“”'"]
    return sum(c.isalpha() for c in chars) / len(chars) if chars else 0.0


def split_person(text: str) -> tuple[str, str | None, str | None]:
    """A person's item: name up to the first comma, position up to the next, the unit after."""
    parts = [p.strip() for p in text.split(",")]
    name = parts[0]
    position = parts[1] if len(parts) > 1 and parts[1] else None
    unit = ", ".join(p for p in parts[2:] if p) or None
    return name, position, unit


def split_collective(text: str) -> tuple[str, str | None]:
    """A collective's item: the collective up to the first comma, its parent units after."""
    name, _, rest = text.partition(",")
    return name.strip(), squash_spaces(rest) or None


def clean_item(text: str) -> tuple[str, bool, bool]:
    """(item text without numbering and closing punctuation, led by an honorific, closes the list)."""
    cues = _cues()
    text = squash_spaces(nfc(text))
    last = text.endswith(cues["last"])
    text = cues["marker"].sub("", text, count=1)
    text = text.rstrip(cues["trailing"]).strip()
    honorific = cues["honorific"].match(text)
    if honorific:
        text = text[honorific.end():]
    return text, honorific is not None, last


def plausible_item(text: str) -> bool:
    """Text that can be a unit's or person's name: starts with a capitalised word, mostly letters."""
    words = text.split()
    if len(words) < 2 or not words[0][0].isupper() or not words[0][:2].isalpha():
        return False
    return _letter_share(text) >= _cues()["letters"]


@dataclass
class _Heading:
    rank: int  # 0 award, 1 kind, 2 group
    group: RecipientHeading


@dataclass
class _ListState:
    """What the headings above the current item say."""

    kind: str | None
    award: tuple[str, str | None] | None
    open: list[_Heading] = field(default_factory=list)
    label: str | None = None

    def open_heading(self, heading: _Heading) -> None:
        self.open = [h for h in self.open if h.rank < heading.rank] + [heading]

    def spoil(self) -> None:
        for h in self.open:
            h.group.complete = False


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.recipients: list[Recipient] = []
        self.lists: list[RecipientList] = []
        m = doc.metadata
        self.decision = m.number
        self.doc_type = m.doc_type
        self.default_award = _document_award(doc)

    def recipient(self, lst: RecipientList, state: _ListState, kind: str, name: str, location: Any,
                  position: str | None = None, unit: str | None = None,
                  award: tuple[str, str | None] | None = None) -> None:
        award = award or state.award or self.default_award
        r = Recipient(name=name, key=fold(name), kind=kind, location=location, position=position, unit=unit,
                      award=award[0] if award else None, class_=award[1] if award else None,
                      decision=self.decision, doc_type=self.doc_type, group=state.label, list=lst.index)
        index = len(self.recipients)
        self.recipients.append(r)
        lst.items.append(index)
        for h in state.open:
            h.group.items.append(index)

    def new_list(self, title: Block | None, source: str) -> RecipientList:
        mention = self.doc.mention(title.index, 0, len(title.text)) if title is not None else None
        lst = RecipientList(index=len(self.lists), title=mention, source=source, complete=True)
        self.lists.append(lst)
        return lst


def _document_award(doc: Document) -> tuple[str, str | None] | None:
    """The award the decision gives when it names one form only (its first award record)."""
    names = {(a.award, a.class_) for a in doc.awards}
    return next(iter(names)) if len(names) == 1 else None


def _title_award(text: str) -> tuple[str, str | None] | None:
    found = canonical_award(text)
    return (found[0], found[1]) if found else None


# ---- text lists ------------------------------------------------------------------------------


def _heading(block: Block, state: _ListState, doc: Document) -> _Heading | None:
    """A kind, award or group heading with its stated count, or None when the block is an item."""
    cues = _cues()
    text = squash_spaces(block.text)
    folded = fold(text).strip(" ._-`")
    kind_match = cues["kind_heading"].match(folded)
    if kind_match:
        kind = cues["kinds"][kind_match.group(1)]
        state.kind = kind
        stated = {kind: int(kind_match.group(2))} if kind_match.group(2) else {}
        return _Heading(1, RecipientHeading(label=text, stated=stated, mention=doc.mention(block.index, 0, len(block.text))))
    award = canonical_award(text)
    if award and ":" in text and len(text.split()) <= 16:
        state.award = (award[0], award[1])
        given = info(award[0])
        if given is not None and len(given.recipients) == 1:
            state.kind = given.recipients[0]  # "Cờ thi đua ...: 04" lists collectives
        label, _, counts = text.partition(":")
        stated = _stated_counts(counts, state.kind, kinds_named(counts))
        return _Heading(0, RecipientHeading(label=label.strip(" ._-"), stated=stated,
                                          mention=doc.mention(block.index, 0, len(block.text))))
    group = cues["group_heading"].match(text.lstrip(" ._-`"))
    if group and len(group.group("rest") or "") <= cues["group_rest"] and plausible_item(group.group("label")):
        label = group.group("label").strip()
        return _Heading(2, RecipientHeading(label=label, stated={"any": int(group.group("count"))},
                                          mention=doc.mention(block.index, 0, len(block.text))))
    return None


def _stated_counts(text: str, kind: str | None, named: set[str]) -> dict[str, int]:
    """"15 tập thể, 22 cá nhân" -> both kinds; a bare "04" under an award heading counts any kind."""
    out: dict[str, int] = {}
    folded = fold(text)
    for word, k in _cues()["kinds"].items():
        m = re.search(rf"(\d{{1,4}})\s+{re.escape(word)}(?!\w)", folded)
        if m:
            out[k] = int(m.group(1))
    if not out and not named:
        bare = re.match(r"\s*(\d{1,4})\W*$", folded)
        if bare:
            out["any"] = int(bare.group(1))
    return out


def _ends_list(block: Block) -> bool:
    folded = fold(block.text).strip(" ._-`")
    return any(folded.startswith(p) for p in _cues()["ends"]) or opens_list(block)


def _continues(previous: Recipient | None, block: Block) -> bool:
    """A wrapped line: the item before ends on a lower-case word and this is a short name part."""
    if previous is None or not isinstance(previous.location, Mention):
        return False
    before = previous.location.text.rstrip()
    words = block.text.split()
    return bool(before) and before[-1].isalpha() and before.split()[-1][0].islower() \
        and 1 <= len(words) <= 4 and "," not in block.text and words[0][0].isupper()


def _read_text_list(reader: _Reader, title: Block, blocks: list[Block], *, title_mention: bool = True) -> None:
    """Read the list in `blocks` (those after `title`). Without a title in
    the text (`title_mention` False) `title.text` is the kind ("collective")."""
    doc = reader.doc
    lst = reader.new_list(title if title_mention else None, "text")
    named = kinds_named(title.text) if title_mention else {title.text}
    state = _ListState(kind=next(iter(named)) if len(named) == 1 else None, award=_title_award(title.text))
    started = False
    for block in blocks:
        if _ends_list(block) or block.index in _table_anchors(doc):
            break
        heading = _heading(block, state, doc)
        if heading is not None:
            state.open_heading(heading)
            lst.groups.append(heading.group)
            if heading.rank == 2:
                state.label = heading.group.label
            continue
        previous = reader.recipients[lst.items[-1]] if lst.items else None
        if started and _continues(previous, block):
            _extend(previous, block)
            continue
        text, honorific, last = clean_item(block.text)
        if started and not plausible_item(text):
            text, honorific, last = clean_item(_after_noise(block.text))
            lst.complete = False  # noise before the name: read, but the list is not sure
            state.spoil()
        if not plausible_item(text):
            if started:
                lst.complete = False
                state.spoil()
            continue
        if not started and not honorific and _is_title_line(block):
            continue
        kind = "individual" if honorific else state.kind
        if kind is None:
            lst.complete = False
            state.spoil()
            continue
        started = True
        _add_text_item(reader, lst, state, kind, text, block)
        if last:
            break


def _after_noise(text: str) -> str:
    """The text after leading OCR noise: tokens holding a character that is no letter
    ("0ee1 Trung tâm ..." -> "Trung tâm ..."); the text itself when nothing is left."""
    words = text.split()
    i = 0
    while i < len(words) and not words[i].isalpha():
        i += 1
    return " ".join(words[i:]) if 0 < i < len(words) else text


def _is_title_line(block: Block) -> bool:
    """A line of the list's title or annex caption (mostly capitals, or "(Kèm theo ...)")."""
    letters = [c for c in block.text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return block.text.lstrip().startswith("(") or (bool(letters) and upper / len(letters) > 0.6)


def _add_text_item(reader: _Reader, lst: RecipientList, state: _ListState, kind: str, text: str,
                   block: Block) -> None:
    start = block.text.find(text[: min(len(text), 12)])
    start = max(start, 0)
    end = min(len(block.text), start + len(text))
    location = reader.doc.mention(block.index, start, end)
    if kind == "individual":
        name, position, unit = split_person(text)
        reader.recipient(lst, state, kind, name, location, position=position, unit=unit)
    else:
        name, unit = split_collective(text)
        reader.recipient(lst, state, kind, name, location, unit=unit)


def _extend(r: Recipient, block: Block) -> None:
    """Append a wrapped line to the last field of an item."""
    tail = squash_spaces(block.text).rstrip(_cues()["trailing"])
    if r.unit:
        r.unit = f"{r.unit} {tail}"
    elif r.position:
        r.position = f"{r.position} {tail}"
    else:
        r.name = f"{r.name} {tail}"
        r.key = fold(r.name)


def _table_anchors(doc: Document) -> set[int]:
    return {t.after_block for t in doc.tables}


# ---- list tables ------------------------------------------------------------------------------


@dataclass
class _Columns:
    number: int | None
    name: int
    kind: str | None
    position: int | None
    award: int | None


def _find_column(labels: list[str], words: list[str], skip: set[int]) -> int | None:
    for col, label in enumerate(labels):
        if col not in skip and any(w in fold(label) for w in words):
            return col
    return None


def list_columns(table: Table) -> _Columns | None:
    """The columns of a list table, or None when it has no name column and numbering column."""
    cues = _cues()["columns"]
    labels = table.column_labels()
    name = kind = None
    for col, label in enumerate(labels):
        folded = fold(label)
        hit = next((w for w in cues["name"] if _has_word(folded, w)), None)
        if hit:
            name, kind = col, cues["name"][hit]
            break
    if name is None:
        return None
    number = _find_column(labels, cues["number"], {name})
    if number is None:
        return None
    position = _find_column(labels, cues["position"], {name, number})
    award = _find_column(labels, cues["award"], {name, number})
    return _Columns(number, name, kind, position, award)


def _cell(row: list, col: int | None) -> str:
    if col is None or col >= len(row) or row[col].spanned and col > 0 and row[col - 1].spanned:
        return ""
    return squash_spaces(row[col].text)


def _read_table(reader: _Reader, table: Table, columns: _Columns, title: Block | None) -> None:
    doc = reader.doc
    lst = reader.new_list(title, "table")
    named = kinds_named(title.text) if title else set()
    kind = columns.kind or (next(iter(named)) if len(named) == 1 else None)
    state = _ListState(kind=kind, award=_title_award(title.text) if title else None)
    group_label = table.title if table.title and title is not None and table.title != title.text else None
    state.label = group_label.strip(" :") if group_label and not group_label.lstrip().startswith("(") else None
    expected_number = 1
    for r, row in enumerate(table.rows):
        number = re.sub(r"\D", "", _cell(row, columns.number))
        name_text = _cell(row, columns.name)
        others = [_cell(row, c) for c in (columns.position, columns.award) if c is not None]
        if not number:
            if name_text and not any(others):
                state.label = name_text  # a group row ("Viễn thông Bắc Giang")
            elif lst.items and any(others):
                _extend_cells(reader.recipients[lst.items[-1]], others[0])
            elif name_text or any(others):
                lst.complete = False
            continue
        if int(number) != expected_number:
            lst.complete = False
        expected_number = int(number) + 1
        text, honorific, _ = clean_item(name_text)
        row_kind = "individual" if honorific else state.kind
        if not text or row_kind is None:
            lst.complete = False
            continue
        award = _title_award(_cell(row, columns.award)) if columns.award is not None else None
        prize = _cell(row, columns.award) if columns.award is not None else ""
        if award is None and prize:
            award = (prize, None)
        position, unit = _position_unit(_cell(row, columns.position)) if row_kind == "individual" else (None, None)
        if row_kind == "collective":
            text, unit = split_collective(text)
            unit = unit or state.label
        reader.recipient(lst, state, row_kind, text, doc.cell_ref(table.index, r, columns.name),
                         position=position, unit=unit, award=award)


def _position_unit(text: str) -> tuple[str | None, str | None]:
    position, _, unit = text.partition(",")
    return position.strip() or None, squash_spaces(unit) or None


def _extend_cells(r: Recipient, text: str) -> None:
    if r.unit:
        r.unit = f"{r.unit} {text}"
    elif r.position:
        r.position = f"{r.position} {text}"


# ---- entry point ------------------------------------------------------------------------------


def _next(doc: Document, index: int) -> Block | None:
    return doc.blocks[index + 1] if index + 1 < len(doc.blocks) else None


def _title_before(doc: Document, table: Table) -> Block | None:
    """The list title nearest above a table (a few blocks up: the annex caption, a group heading)."""
    for index in range(table.after_block, max(-1, table.after_block - 4), -1):
        if index >= 0 and is_list_title(doc.blocks[index], _next(doc, index)):
            return doc.blocks[index]
    return None


def extract(doc: Document) -> tuple[list[Recipient], list[RecipientList]]:
    reader = _Reader(doc)
    titles = [b for b in doc.blocks if is_list_title(b, _next(doc, b.index))]
    table_titles: set[int] = set()
    last_title: Block | None = None
    for table in doc.tables:
        columns = list_columns(table)
        if columns is None:
            continue
        title = _title_before(doc, table) or last_title
        if title is None:
            continue
        last_title = title
        table_titles.add(title.index)
        _read_table(reader, table, columns, title)
    for title in titles:
        if title.index in table_titles:
            continue
        _read_text_list(reader, title, doc.blocks[title.index + 1:])
    if not titles and not table_titles:
        _read_untitled_annex(reader)
    reader.lists = [lst for lst in reader.lists if lst.items]
    _renumber(reader)
    return reader.recipients, reader.lists


def _article_blocks(doc: Document) -> list[Block]:
    """The blocks of the decision's first article (its marker block and those up to the next "Điều")."""
    out: list[Block] = []
    for block in doc.blocks:
        marker = fold(block.marker or "")
        if marker.startswith("dieu"):
            if out:
                break
            if any(marker.startswith(m) for m in _cues()["article"]):
                out.append(block)
        elif out:
            out.append(block)
    return out


def _read_untitled_annex(reader: _Reader) -> None:
    """A list whose title the OCR lost: the first article sends to an attached list ("có danh sách
    kèm theo") and names one kind; the list is read from the first block of the next page."""
    article = _article_blocks(reader.doc)
    text = " ".join(b.text for b in article)
    named = kinds_named(text)
    if not article or len(named) != 1 or not any(p in fold(text) for p in _cues()["annexed"]) \
            or not _gives_award(text):
        return
    page = article[-1].page
    rest = [b for b in reader.doc.blocks[article[-1].index + 1:] if page is not None and b.page is not None and b.page > page]
    if rest:
        caption = Block(index=rest[0].index - 1, kind="heading", text=" ".join(named), page=rest[0].page)
        _read_text_list(reader, caption, rest, title_mention=False)


def _renumber(reader: _Reader) -> None:
    """Lists without items are dropped; recipients point at their list's new index."""
    for new, lst in enumerate(reader.lists):
        for i in lst.items:
            reader.recipients[i].list = new
        lst.index = new


def article_counts(doc: Document) -> dict[str, tuple[int, Any]]:
    """What the decision's first article states per kind ("cho 05 tập thể và 04 cá nhân"): the
    first block of the article that counts recipients, each kind stated once there."""
    cues = _cues()
    in_article = False
    for block in doc.blocks:
        marker = fold(block.marker or "")
        if marker.startswith("dieu"):
            in_article = any(marker.startswith(m) for m in cues["article"])
        if not in_article:
            continue
        found: dict[str, list] = {}
        for q in doc.quantities:
            if q.mention.block == block.index and q.counts:
                kind = cues["kinds"].get(fold(q.counts))
                if kind:
                    found.setdefault(kind, []).append(q)
        if found:
            return {k: (qs[0].value, qs[0].mention) for k, qs in found.items() if len(qs) == 1}
    return {}
