"""Scanned PDF pages read through the Tesseract CLI (`tesseract`, language `vie`).

A page without a text layer is rendered by pdfplumber (pypdfium2 underneath) and handed to
`tesseract` as PNG; its hOCR answer gives every word with its box and confidence, and every line
with its baseline and letter size. The words come back as character objects of the kind
pdfplumber gives for a text layer (one per word, a space between words, all of a line standing on
its line's baseline at the line's size), so `pdf.py` rebuilds lines, side-by-side blocks,
paragraphs and page furniture from them exactly as it does from typed text. Long straight dark
runs of the image become ruling edges, so ruled tables are found as in typed PDFs.

Post-processing stays where it is safe: Unicode NFC, and letters read for digits (`O`, `l`, ...
in `data/ocr.json`) replaced only inside a token that is otherwise a Vietnamese-style number and
still reads as one afterwards. Each replaced word is kept, raw, in `OcrInfo.corrections`.
"""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from statistics import median

from ..errors import ScannedPdf
from ..model import OcrCorrection, OcrInfo, PageReading, UncertainWord
from ..vn.legacy import is_vietnamese_syllable
from ..vn.normalize import nfc
from ..vn.numbers import parse_number

SETTINGS = json.loads(resources.files("extractor.data").joinpath("ocr.json").read_text("utf-8"))
POINTS_PER_INCH = 72
# A line whose letter size is within this share of the page's usual size is set at that size
# (OCR measures sizes to a few pixels; pdf.py reads a size change as a paragraph break).
SIZE_TOLERANCE = 0.3
# A ruling line is a dark run at least this long (points): longer than any letter's stroke.
RULE_MIN_LENGTH = 18.0
# Pixels darker than this (0-255 grey) are ink.
INK_LEVEL = 128
# Runs on neighbouring pixel rows (columns) this close are one thick rule (pixels).
RULE_THICKNESS_GAP = 2
# A word is bold when its strokes are this many times as thick as the page's usual stroke.
BOLD_STROKE = 1.35
# Words with fewer ink runs than this (a dash, a dot) take their line's weight.
MIN_STROKES = 12

_HOCR_BBOX = re.compile(r"bbox (-?\d+) (-?\d+) (-?\d+) (-?\d+)")
_HOCR_BASELINE = re.compile(r"baseline (-?[\d.]+) (-?[\d.]+)")
_HOCR_SIZE = re.compile(r"x_size ([\d.]+)")
_HOCR_CONF = re.compile(r"x_wconf (\d+)")
# A token's number part and the punctuation around it ("(1O.5OO)," -> "(", "1O.5OO", "),").
_TOKEN = re.compile(r"^([^\w|]*?)([\w|.,]*[\w|])([^\w|]*)$")


@dataclass(slots=True)
class OcrWord:
    text: str
    raw: str
    x0: float
    x1: float
    confidence: float
    bold: bool = False


@dataclass(slots=True)
class OcrLine:
    words: list[OcrWord]
    baseline: float
    size: float


@dataclass(slots=True)
class OcrPage:
    """One page as OCR read it, in points of the PDF page (pdfplumber's top-down coordinates)."""

    number: int
    lines: list[OcrLine]
    rules: list[dict]
    corrections: list[OcrCorrection] = field(default_factory=list)
    reason: str = "no text layer"
    rotation: int = 0  # degrees clockwise the page was turned to stand upright
    skew: float = 0.0  # degrees the image was turned back before OCR

    def confidences(self) -> list[float]:
        return [w.confidence for line in self.lines for w in line.words]


# ---------------------------------------------------------------------------------------------
# The engine


@lru_cache(maxsize=8)
def _has_language(command: str, language: str) -> bool:
    try:
        listed = subprocess.run([command, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return language in listed.stdout.split()


def tesseract_available() -> bool:
    """Whether `tesseract` is on PATH with the Vietnamese language data."""
    command = shutil.which(SETTINGS["command"])
    return command is not None and _has_language(command, SETTINGS["language"])


def engine_name() -> str:
    return f"{SETTINGS['command']} ({SETTINGS['language']})"


def run_tesseract(png: bytes, source: str) -> str:
    """The hOCR text tesseract gives for one page image."""
    command = [
        SETTINGS["command"], "stdin", "stdout", "-l", SETTINGS["language"],
        "--psm", str(SETTINGS["page_segmentation_mode"]), "--dpi", str(SETTINGS["resolution"]), "hocr",
    ]
    # One thread per page: tesseract's OpenMP threads only fight over shared cores.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            command, input=png, capture_output=True, env=env, timeout=SETTINGS["seconds_per_page_limit"]
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise ScannedPdf(source, f"OCR: {type(exc).__name__}") from exc
    if done.returncode != 0:
        raise ScannedPdf(source, f"OCR: tesseract exit {done.returncode}")
    return done.stdout.decode("utf-8", errors="replace")


# ---------------------------------------------------------------------------------------------
# Words


def fix_digit_lookalikes(token: str) -> str:
    """`token` with letters read for digits replaced, when it is otherwise a Vietnamese-style
    number ("1O.5OO" -> "10.500", "2O22," -> "2022,"); any other token unchanged."""
    match = _TOKEN.match(token)
    if match is None:
        return token
    before, core, after = match.groups()
    lookalikes = SETTINGS["digit_lookalikes"]
    if not any(ch.isdigit() for ch in core) or not any(ch in lookalikes for ch in core):
        return token
    if any(not (ch.isdigit() or ch in ".," or ch in lookalikes) for ch in core):
        return token
    fixed = "".join(lookalikes.get(ch, ch) for ch in core)
    return f"{before}{fixed}{after}" if parse_number(fixed) is not None else token


def clean_word(raw: str) -> str:
    return fix_digit_lookalikes(nfc(raw))


# ---------------------------------------------------------------------------------------------
# hOCR -> lines


def _title(element: ET.Element) -> str:
    return element.get("title", "")


def _classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def _line_words(line: ET.Element, scale: float, left: float) -> list[OcrWord]:
    words = []
    for element in line.iter():
        if "ocrx_word" not in _classes(element):
            continue
        raw = "".join(element.itertext()).strip()
        box = _HOCR_BBOX.search(_title(element))
        if not raw or box is None:
            continue
        conf = _HOCR_CONF.search(_title(element))
        words.append(OcrWord(
            text=clean_word(raw), raw=raw, x0=left + int(box[1]) * scale, x1=left + int(box[3]) * scale,
            confidence=float(conf[1]) if conf else 0.0,
        ))
    return words


def read_hocr(hocr: str, scale: float, origin: tuple[float, float] = (0.0, 0.0)) -> list[OcrLine]:
    """The lines of an hOCR page, in points: `scale` points per pixel, `origin` the page's top-left."""
    root = ET.fromstring(hocr.encode("utf-8"))
    left, top = origin
    lines = []
    for element in root.iter():
        if not _classes(element) & {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"}:
            continue
        title = _title(element)
        box = _HOCR_BBOX.search(title)
        words = _line_words(element, scale, left)
        if box is None or not words:
            continue
        slope, offset = (float(v) for v in _HOCR_BASELINE.search(title).groups()) if "baseline" in title else (0.0, 0.0)
        x0, y1 = int(box[1]), int(box[4])
        middle = (int(box[3]) - x0) / 2
        baseline = top + (y1 + offset + slope * middle) * scale
        size_match = _HOCR_SIZE.search(title)
        size = float(size_match[1]) * scale if size_match else (y1 - int(box[2])) * scale
        lines.append(OcrLine(words, baseline, size))
    _even_sizes(lines)
    return lines


def _even_sizes(lines: list[OcrLine]) -> None:
    """Set lines near the page's usual letter size at exactly that size."""
    if not lines:
        return
    usual = median(line.size for line in lines)
    for line in lines:
        line.size = usual if abs(line.size - usual) <= SIZE_TOLERANCE * usual else round(line.size * 2) / 2


# ---------------------------------------------------------------------------------------------
# Lines -> pdfplumber-like characters


def _char(text: str, x0: float, x1: float, line: OcrLine, bold: bool = False) -> dict:
    top = line.baseline - line.size
    return {
        "text": text, "x0": x0, "x1": x1, "top": top, "bottom": line.baseline, "doctop": top,
        "size": line.size, "fontname": "OCR-Bold" if bold else "OCR", "upright": True, "width": x1 - x0,
        "height": line.size,
    }


def as_chars(lines: list[OcrLine]) -> list[dict]:
    """One character object per word, and a space between the words of a line."""
    chars = []
    for line in lines:
        for i, word in enumerate(line.words):
            if i:
                gap_from = line.words[i - 1].x1
                chars.append(_char(" ", gap_from, max(gap_from, word.x0), line))
            chars.append(_char(word.text, word.x0, word.x1, line, word.bold))
    return chars


# ---------------------------------------------------------------------------------------------
# Weight: bold text has thicker strokes


def _strokes(ink, box: tuple[int, int, int, int]) -> tuple[int, int]:
    """(ink pixels, horizontal ink runs) inside a pixel box (x0, top, x1, bottom)."""
    import numpy as np

    x0, top, x1, bottom = box
    area = ink[max(0, top):max(0, bottom), max(0, x0):max(0, x1)]
    if area.size == 0:
        return 0, 0
    starts = np.count_nonzero(np.diff(area.astype(np.int8), axis=1) == 1) + np.count_nonzero(area[:, 0])
    return int(area.sum()), int(starts)


def mark_bold(lines: list[OcrLine], ink, scale: float, origin: tuple[float, float] = (0.0, 0.0)) -> None:
    """Mark the words whose mean stroke width (ink per horizontal run) stands well above the
    page's usual one."""
    left, top = origin

    def box(word: OcrWord, line: OcrLine) -> tuple[int, int, int, int]:
        return (round((word.x0 - left) / scale), round((line.baseline - line.size - top) / scale),
                round((word.x1 - left) / scale), round((line.baseline - top) / scale))

    measured = [[_strokes(ink, box(w, line)) for w in line.words] for line in lines]
    widths = [sum(i for i, _ in m) / sum(r for _, r in m) for m in measured if sum(r for _, r in m)]
    if not widths:
        return
    usual = median(widths)
    for line, per_word in zip(lines, measured):
        runs = sum(r for _, r in per_word)
        line_bold = bool(runs) and sum(i for i, _ in per_word) / runs >= BOLD_STROKE * usual
        for word, (pixels, word_runs) in zip(line.words, per_word):
            word.bold = pixels / word_runs >= BOLD_STROKE * usual if word_runs >= MIN_STROKES else line_bold


# ---------------------------------------------------------------------------------------------
# Ruling lines from the image


def _runs(ink_row, min_length: int) -> list[tuple[int, int]]:
    """(start, end) of the runs of ink at least `min_length` pixels long in one pixel row."""
    import numpy as np

    padded = np.concatenate(([0], ink_row.astype(np.int8), [0]))
    change = np.flatnonzero(np.diff(padded))
    starts, ends = change[0::2], change[1::2]
    keep = ends - starts >= min_length
    return list(zip(starts[keep].tolist(), ends[keep].tolist()))


def _segments(ink, min_length: int) -> list[tuple[int, int, int, int]]:
    """Long runs along each pixel row, runs on adjacent rows that overlap merged into one rule,
    as (first row, last row, start, end)."""
    open_rules: list[list[int]] = []
    done: list[tuple[int, int, int, int]] = []
    for y in range(ink.shape[0]):
        runs = _runs(ink[y], min_length) if ink[y].sum() >= min_length else []
        still_open = []
        for rule in open_rules:
            joined = [r for r in runs if r[0] < rule[3] and r[1] > rule[2]]
            if joined:
                rule[1], rule[2], rule[3] = y, min(rule[2], *(r[0] for r in joined)), max(rule[3], *(r[1] for r in joined))
                runs = [r for r in runs if r not in joined]
                still_open.append(rule)
            elif y - rule[1] > RULE_THICKNESS_GAP:
                done.append(tuple(rule))
            else:
                still_open.append(rule)
        open_rules = still_open + [[y, y, start, end] for start, end in runs]
    return done + [tuple(rule) for rule in open_rules]


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {
        "object_type": "rect_edge", "orientation": orientation, "x0": x0, "x1": x1, "top": top,
        "bottom": bottom, "doctop": top, "width": x1 - x0, "height": bottom - top,
    }


def ink_mask(image):
    import numpy as np

    return np.asarray(image.convert("L")) < INK_LEVEL


@dataclass(slots=True)
class Rules:
    """Ruling lines found in a page image, in pixels: (first row, last row, start, end) for
    horizontal ones, (first column, last column, start, end) for vertical ones."""

    horizontal: list[tuple[int, int, int, int]]
    vertical: list[tuple[int, int, int, int]]


def find_rules(ink, scale: float) -> Rules:
    """The long horizontal and vertical dark lines of a page image (its `ink_mask`)."""
    min_length = max(1, round(RULE_MIN_LENGTH / scale))
    return Rules(_segments(ink, min_length), _segments(ink.T, min_length))


def as_edges(rules: Rules, scale: float, origin: tuple[float, float] = (0.0, 0.0)) -> list[dict]:
    """The rules as pdfplumber edges in page points."""
    left, top = origin
    edges = []
    for first, last, start, end in rules.horizontal:
        y = top + (first + last + 1) / 2 * scale
        edges.append(_edge("h", left + start * scale, left + end * scale, y, y))
    for first, last, start, end in rules.vertical:
        x = left + (first + last + 1) / 2 * scale
        edges.append(_edge("v", x, x, top + start * scale, top + end * scale))
    return edges


def erase_rules(image, rules: Rules):
    """A copy of the image with its rules painted white: OCR then reads no "|" or "_" from them
    and finds the text of table cells as text."""
    from PIL import ImageDraw

    clean = image.convert("L")
    draw = ImageDraw.Draw(clean)
    pad = RULE_THICKNESS_GAP
    for first, last, start, end in rules.horizontal:
        draw.rectangle((start, first - pad, end, last + pad), fill=255)
    for first, last, start, end in rules.vertical:
        draw.rectangle((first - pad, start, last + pad, end), fill=255)
    return clean


def table_settings(rules: list[dict]) -> dict | None:
    """pdfplumber table settings that find tables from these rules alone (None: too few)."""
    vertical = [e for e in rules if e["orientation"] == "v"]
    horizontal = [e for e in rules if e["orientation"] == "h"]
    if len(vertical) < 2 or len(horizontal) < 2:
        return None
    return {
        "vertical_strategy": "explicit", "horizontal_strategy": "explicit",
        "explicit_vertical_lines": vertical, "explicit_horizontal_lines": horizontal,
    }


# ---------------------------------------------------------------------------------------------
# Orientation, tilt and stamps


_OSD_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_OSD_CONFIDENCE = re.compile(r"Orientation confidence:\s*([\d.]+)")


def osd_available() -> bool:
    command = shutil.which(SETTINGS["command"])
    return command is not None and _has_language(command, SETTINGS["osd_language"])


def read_orientation(osd: str) -> int:
    """The clockwise turn (0, 90, 180, 270) tesseract's OSD answer asks for, 0 when unsure."""
    rotate, confidence = _OSD_ROTATE.search(osd), _OSD_CONFIDENCE.search(osd)
    if rotate is None or confidence is None or float(confidence[1]) < SETTINGS["osd_min_confidence"]:
        return 0
    return int(rotate[1]) % 360


def detect_orientation(image) -> int:
    """The clockwise turn that sets a page image upright (tesseract OSD; 0 without it or when the
    page has too little text to tell)."""
    if not osd_available():
        return 0
    factor = SETTINGS["osd_resolution"] / SETTINGS["resolution"]
    small = image.convert("L").resize((max(1, round(image.width * factor)), max(1, round(image.height * factor))))
    command = [SETTINGS["command"], "stdin", "stdout", "--psm", "0", "--dpi", str(SETTINGS["osd_resolution"])]
    try:
        done = subprocess.run(
            command, input=_png(small), capture_output=True, timeout=SETTINGS["seconds_per_page_limit"],
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except (OSError, subprocess.SubprocessError):
        return 0
    return read_orientation(done.stdout.decode("utf-8", errors="replace")) if done.returncode == 0 else 0


def _profile_sharpness(ink_image, angle: float) -> float:
    import numpy as np

    rows = np.asarray(ink_image.rotate(angle, expand=False), dtype=np.float64).sum(axis=1)
    return float(np.square(np.diff(rows)).sum())


def skew_angle(image) -> float:
    """The small tilt of a page image, in degrees counter-clockwise to turn it back: the angle at
    which its rows of ink are sharpest (projection profile), 0 below `deskew_min_degrees`."""
    import numpy as np
    from PIL import Image

    factor = SETTINGS["deskew_resolution"] / SETTINGS["resolution"]
    grey = image.convert("L").resize((max(1, round(image.width * factor)), max(1, round(image.height * factor))))
    ink = Image.fromarray(((np.asarray(grey) < INK_LEVEL) * 255).astype(np.uint8))
    limit, step = SETTINGS["deskew_max_degrees"], SETTINGS["deskew_step"]
    angles = np.arange(-limit, limit + step / 2, step)
    best = max(angles, key=lambda a: _profile_sharpness(ink, float(a)))
    return round(float(best), 2) if abs(best) >= SETTINGS["deskew_min_degrees"] else 0.0


def whiten_stamps(image):
    """The page in grey with red ink (seals, receipt stamps) painted white, so the black text under
    a stamp is read and the stamp's own letters are not."""
    import numpy as np
    from PIL import Image

    if image.mode != "RGB":
        return image.convert("L")
    rgb = np.asarray(image).astype(np.int16)
    red = rgb[..., 0] - np.maximum(rgb[..., 1], rgb[..., 2]) > SETTINGS["stamp_red_margin"]
    grey = np.asarray(image.convert("L")).copy()
    grey[red] = 255
    return Image.fromarray(grey)


def upright_image(image) -> tuple[object, int, float]:
    """The page image turned upright (OSD) and straightened (deskew), with the turn and the angle."""
    turn = detect_orientation(image)
    if turn:
        image = image.rotate(-turn, expand=True)
    angle = skew_angle(image)
    if angle:
        image = image.convert("L").rotate(angle, fillcolor=255, resample=3)  # bicubic
    return image, turn, angle


# ---------------------------------------------------------------------------------------------
# Text layers that are an old OCR's garbage

_LETTERS = re.compile(r"[^\W\d_]{2,}")


def marked_syllable_share(text: str) -> tuple[int, float]:
    """(words, share of them that are Vietnamese syllables written with diacritics)."""
    words = _LETTERS.findall(text)
    if not words:
        return 0, 0.0
    marked = sum(1 for w in words if not w.isascii() and is_vietnamese_syllable(w))
    return len(words), marked / len(words)


def garbage_text_layer(text: str, image_cover: float) -> bool:
    """A scanned page's text layer that is an old OCR without Vietnamese diacritics
    ("CQNG HOA XA HQI"): the page is covered by an image, and few of the layer's words are
    Vietnamese syllables with diacritics (`garbage_layer` in `data/ocr.json`)."""
    rule = SETTINGS["garbage_layer"]
    if image_cover < rule["scan_cover_share"]:
        return False
    words, share = marked_syllable_share(text)
    return words >= rule["min_words"] and share < rule["min_marked_share"]


# ---------------------------------------------------------------------------------------------
# Pages


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def read_page(page, number: int, source: str, reason: str = "no text layer") -> OcrPage:
    """OCR one pdfplumber page: its lines and its ruling lines, in points of the page turned
    upright (`rotation` degrees clockwise; `pdf.py` turns the page to match)."""
    resolution = SETTINGS["resolution"]
    image, turn, angle = upright_image(whiten_stamps(page.to_image(resolution=resolution).original))
    scale = POINTS_PER_INCH / resolution
    x0, top = float(page.bbox[0]), float(page.bbox[1])
    origin = (x0, top) if turn in (0, 180) else (top, x0)
    rules = find_rules(ink_mask(image), scale)
    clean = erase_rules(image, rules)
    lines = read_hocr(run_tesseract(_png(clean), source), scale, origin)
    mark_bold(lines, ink_mask(clean), scale, origin)
    corrections = [
        OcrCorrection(page=number, raw=w.raw, text=w.text) for line in lines for w in line.words if w.raw != w.text
    ]
    return OcrPage(number, lines, as_edges(rules, scale, origin), corrections, reason, turn, angle)


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def page_reading(page: OcrPage) -> PageReading:
    confidences = page.confidences()
    return PageReading(
        page=page.number, source="ocr", reason=page.reason, words=len(confidences),
        mean_confidence=_mean(confidences), rotation=page.rotation, skew=page.skew,
    )


def _maybe_misread_figure(word: str) -> bool:
    """A word that holds digits, or is neither a Vietnamese syllable nor punctuation ("¿06",
    "thángŠ"): what a handwritten number or day comes out as."""
    if any(ch.isdigit() for ch in word):
        return True
    letters = word.strip(".,;:()\"'“”-–")
    return bool(letters) and not is_vietnamese_syllable(letters) and not letters.isupper()


def uncertain_words(pages: list[OcrPage]) -> list[UncertainWord]:
    floor = SETTINGS["uncertain_digit_confidence"]
    return [
        UncertainWord(page.number, w.text, w.confidence)
        for page in pages for line in page.lines for w in line.words
        if w.confidence < floor and _maybe_misread_figure(w.text)
    ]


def summary(pages: list[OcrPage], text_pages: list[PageReading] = ()) -> OcrInfo:
    """What OCR read, with one `PageReading` per page (`text_pages`: those read from their text
    layer)."""
    confidences = [c for page in pages for c in page.confidences()]
    readings = sorted([*map(page_reading, pages), *text_pages], key=lambda r: r.page)
    return OcrInfo(
        engine=engine_name(),
        pages=[page.number for page in pages],
        words=len(confidences),
        mean_confidence=_mean(confidences) or 0.0,
        corrections=[c for page in pages for c in page.corrections],
        page_readings=readings,
        uncertain=uncertain_words(pages),
    )

