#!/usr/bin/env python3
"""openpyxl baseline for `kpi build --to xlsx` (issue 14): the memory and time openpyxl needs
to fill the same template with the same cells.

Two steps, so that only the second is measured:

    # 1. what kpi wrote: for each sheet, the template sheet it came from (by its A1 title)
    #    and every cell it wrote, value or styled blank (openpyxl read-only mode)
    python3 tests/bench/openpyxl_baseline.py plan OUT.xlsx /tmp/plan.json
    # 2. load the template, copy the matching template sheet once per form, write the same
    #    values into the same cells, drop the template's own sheets, save
    /usr/bin/time -f "%e s %M KB" python3 tests/bench/openpyxl_baseline.py fill \
        templates/kpi-forms.xlsx /tmp/plan.json /tmp/openpyxl.xlsx

Needs `pip install openpyxl`.
"""
import json
import sys


def plan(workbook, out):
    import openpyxl

    wb = openpyxl.load_workbook(workbook, read_only=True)
    with open(out, "w", encoding="utf-8") as f:
        for ws in wb.worksheets:
            cells = []
            title = None
            for row in ws.iter_rows():
                for c in row:
                    # Empty cells that exist (styled blanks) are kept: kpi writes them too.
                    if not hasattr(c, "column"):
                        continue
                    if c.row == 1 and c.column == 1:
                        title = c.value
                    v = c.value
                    if v is not None and not isinstance(v, (int, float, str)):
                        v = str(v)
                    cells.append([c.row, c.column, v])
            # One sheet a line, so that the fill step can read them one at a time.
            f.write(json.dumps({"name": ws.title, "a1": title, "cells": cells},
                               ensure_ascii=False) + "\n")


def fill(template, plan_file, out):
    import openpyxl

    wb = openpyxl.load_workbook(template)
    originals = list(wb.worksheets)
    by_title = {}
    for ws in originals:
        by_title.setdefault(ws["A1"].value, ws)
    with open(plan_file, encoding="utf-8") as f:
        for line in f:
            sheet = json.loads(line)
            src = by_title.get(sheet["a1"], originals[0])
            ws = wb.copy_worksheet(src)
            ws.title = sheet["name"]
            # The template's placeholders go; then every cell kpi wrote, at its place.
            for row in ws.iter_rows():
                for c in row:
                    c.value = None
            for r, c, v in sheet["cells"]:
                ws.cell(row=r, column=c, value=v)
    for ws in originals:
        wb.remove(ws)
    wb.save(out)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "plan":
        plan(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "fill":
        fill(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
