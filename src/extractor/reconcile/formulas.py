"""Relations a table states about its own columns, and rates printed on the wrong scale.

- Formulas in the header ("(4)=(5)+(6)", "(9)=(8)-(7)", "[5]=([4]/[3])", "Tỷ lệ (6:3)",
  `vn.colkeys`) are checked on every body row, with the rounding the printed decimals allow.
  A quotient written "x100", or in a column that prints "%", is a percentage; any other (also
  under a bare "Tỷ lệ") is compared on the scale (x1 or x100) most rows agree with, else it
  builds nothing.
- A rate column that prints "%" (rate by its header words, a formula or the fitted pair of
  `tables.fit_rate`) whose figures are the plain fraction count/base ("0,62%" where 310/500 =
  62%) is one scale finding for the column, not an error on every row.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Document
from ..vn.colkeys import Formula, column_key, label_formula, label_key, parse_formula
from .relations import Relation
from .tables import TableReading, _is_none, count_relations, fit_rate, rate_operands, table_lexicon


@dataclass(frozen=True)
class RateSpec:
    """A rate column with the columns of its count and base; `scale` 100 when the header says
    it is a percentage, None when only the rows can tell."""

    rate: int
    count: int
    base: int
    scale: int | None
    formula: str = ""
    as_fraction: bool = False  # fitted only when read as plain fractions: a scale finding or nothing


def column_of_key(reading: TableReading) -> dict[str, int]:
    """Key -> column, from the key row or labels ending in "(n)"; keys given twice are dropped."""
    found: dict[str, list[int]] = {}
    for col, (key_text, label) in enumerate(zip(reading.table.column_keys(), reading.table.column_labels())):
        key = column_key(key_text) if key_text.strip() else label_key(label)
        if key:
            found.setdefault(key, []).append(col)
    return {key: cols[0] for key, cols in found.items() if len(cols) == 1}


def column_formulas(reading: TableReading) -> list[tuple[int, Formula]]:
    """(column, formula) for each column whose key cell or label states how it is computed."""
    keys = column_of_key(reading)
    out = []
    for col, (key_text, label) in enumerate(zip(reading.table.column_keys(), reading.table.column_labels())):
        formula = parse_formula(key_text) if "=" in key_text else None
        formula = formula or label_formula(label)
        if formula is None:
            continue
        target = keys.get(formula.column) if formula.column else col
        used = (*formula.plus, *formula.minus, formula.numerator, formula.denominator)
        if target != col or any(k is not None and k not in keys for k in used):
            continue
        out.append((col, formula))
    return out


def _sum_columns(formula: Formula, col: int, keys: dict[str, int]) -> tuple[int, list[int]] | None:
    """(total, parts) of `col = plus - minus` written as a sum: col + minus = plus."""
    plus, minus = [keys[k] for k in formula.plus], [keys[k] for k in formula.minus]
    if not minus:
        return col, plus
    if len(plus) == 1:
        return plus[0], [col, *minus]
    return None


def formula_sums(reading: TableReading) -> list[Relation]:
    keys = column_of_key(reading)
    labels = reading.table.column_labels()
    out = []
    for col, formula in column_formulas(reading):
        if formula.is_ratio or (cols := _sum_columns(formula, col, keys)) is None:
            continue
        whole, parts = cols
        for row in reading.checked_rows:
            ops = [reading.operand(row, c) for c in (whole, *parts)]
            if None in ops or all(_is_none(op) for op in ops):
                continue
            total, *part_ops = ops  # type: ignore[misc]
            out.append(Relation("sum", "row", total, [p for p in part_ops if not _is_none(p)] or part_ops,
                                subject=reading.row_label(row),
                                extra={"whole": labels[whole] or formula.surface,
                                       "parts": " + ".join(labels[c] for c in parts), "formula": formula.surface}))
    return out


def _shows_percent(reading: TableReading, col: int) -> bool:
    """The column prints "%" (in its label or its cells): its figures are meant x100. A bare
    "Tỷ lệ" may be a plain fraction ("[5]=([4]/[3])" printed 0,946), so it does not say."""
    cells = [row[col].text for row in reading.table.rows if col < len(row)]
    return "%" in reading.columns[col].label or any(t.strip().endswith("%") for t in cells)


def _percent_scale(reading: TableReading, col: int) -> int | None:
    return 100 if _shows_percent(reading, col) else None


def rate_specs(reading: TableReading) -> list[RateSpec]:
    """Every rate column with its count and base: formulas first, then header words, then a fit."""
    keys = column_of_key(reading)
    specs: dict[int, RateSpec] = {}
    for col, f in column_formulas(reading):
        if f.is_ratio:
            scale = 100 if f.times_100 else _percent_scale(reading, col)
            specs[col] = RateSpec(col, keys[f.numerator], keys[f.denominator], scale, f.surface)  # type: ignore[index]
    for whole, parts, _ in table_lexicon().splits:
        base = reading.by_role.get((whole, False))
        for part in parts:
            rate, count = reading.by_role.get((part, True)), reading.by_role.get((part, False))
            if None not in (base, rate, count) and rate not in specs:
                specs[rate] = RateSpec(rate, count, base, _percent_scale(reading, rate))  # type: ignore[arg-type]
    for col in reading.columns:
        if col.percent and col.concept is None and col.index not in specs \
                and col.index not in (reading.index_col, reading.label_col):
            if (pair := fit_rate(reading, col.index)) is not None:
                specs[col.index] = RateSpec(col.index, *pair, 100)
            elif _shows_percent(reading, col.index) and (pair := fit_rate(reading, col.index, scale=1)) is not None:
                specs[col.index] = RateSpec(col.index, *pair, 100, as_fraction=True)
    return list(specs.values())


def _verdicts(reading: TableReading, spec: RateSpec, scale: int) -> dict[int, bool]:
    out = {}
    for row in reading.checked_rows:
        ops = rate_operands(reading, row, spec.rate, spec.count, spec.base)
        if ops is not None:
            claim, count, base = ops
            out[row] = claim.interval.overlaps((count.interval / base.interval).scale(scale))
    return out


def _most(verdicts: dict[int, bool]) -> bool:
    held = sum(verdicts.values())
    return held >= 2 and 2 * held > len(verdicts)


def _scale_most_rows_agree_with(by_100: dict[int, bool], by_1: dict[int, bool]) -> int | None:
    if _most(by_100) and not _most(by_1):
        return 100
    if _most(by_1) and not _most(by_100):
        return 1
    return None


def rate_relations(reading: TableReading) -> list[Relation]:
    out: list[Relation] = []
    for spec in rate_specs(reading):
        by_100, by_1 = _verdicts(reading, spec, 100), _verdicts(reading, spec, 1)
        only_100 = [r for r, ok in by_100.items() if ok and not by_1[r]]  # a 0 holds on both scales
        only_1 = [r for r, ok in by_1.items() if ok and not by_100[r]]
        if spec.scale == 100 and not only_100 and only_1 and _most(by_1):
            out.append(_scale_finding(reading, spec, only_1[0]))
            continue
        if spec.as_fraction:
            continue
        scale = spec.scale or _scale_most_rows_agree_with(by_100, by_1)
        if scale is None:
            continue
        for row in (by_100 if scale == 100 else by_1):
            out.append(_rate_relation(reading, spec, row, scale, "row"))
    return out


def _rate_relation(reading: TableReading, spec: RateSpec, row: int, scale: int, origin: str) -> Relation:
    claim, count, base = rate_operands(reading, row, spec.rate, spec.count, spec.base)  # type: ignore[misc]
    check = "percentage" if scale == 100 else "ratio"
    return Relation(check, origin, claim, [count, base], subject=reading.row_label(row), scale=scale,
                    extra={"column": reading.columns[spec.rate].label, "formula": spec.formula or
                           f"{reading.columns[spec.count].label} / {reading.columns[spec.base].label}"})


def _scale_finding(reading: TableReading, spec: RateSpec, row: int) -> Relation:
    """One relation for the whole column, on a row whose fraction is exact: judged as a
    percentage it fails, and its message asks whether the rates were multiplied by 100."""
    return _rate_relation(reading, spec, row, 100, "scale")


def table_relations(doc: Document) -> list[Relation]:
    """Every relation the tables of `doc` state: counts, formulas of the header, rates."""
    out: list[Relation] = []
    for table in doc.tables:
        reading = TableReading(doc, table)
        out += count_relations(reading) + formula_sums(reading) + rate_relations(reading)
    return out
