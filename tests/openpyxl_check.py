"""Reads kpi's xlsx output with openpyxl (a real reader) and checks values come back.

Usage: python3 tests/openpyxl_check.py FILE.xlsx...  (run by tests/xlsx.rs)
"""
import sys

import openpyxl


def cells(ws):
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}


def check(path):
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames, path
    for ws in wb.worksheets:
        values = cells(ws)
        texts = [v for v in values.values() if isinstance(v, str)]
        assert not any("{{" in t for t in texts), (path, ws.title, "placeholder left")
        assert ws.merged_cells.ranges, (path, ws.title, "no merged cells")
        assert ws.page_setup.paperSize in (9, "9"), (path, ws.title, ws.page_setup.paperSize)
        assert ws.print_title_rows, (path, ws.title, "no repeated header rows")
    return wb


def main():
    for path in sys.argv[1:]:
        wb = check(path)
        if path.endswith("quickstart.xlsx"):
            ws = wb.worksheets[0]
            values = cells(ws)
            assert values["C4"] == "科技专项", values
            assert values["E7"] == 1238.68, values  # 年度资金总额, a number in 万元
            assert ws["E7"].number_format == "0.00", ws["E7"].number_format
            assert values["F11"] == "≤23个", values
        if path.endswith("lhasa-kjj-2023.xlsx"):
            dept = wb.worksheets[0]
            values = cells(dept)
            assert dept.title == "拉萨市科学技术局", dept.title
            assert "金额合计" in values.values(), values
            assert 5157.12 in values.values(), "the grand total"
            names = wb.sheetnames
            assert "百家科技" in names, names
            baijia = cells(wb["百家科技"])
            assert baijia["C4"] == "百家科技", baijia
            assert baijia["E7"] == 1100, baijia
    print("openpyxl: %d workbook(s) read" % (len(sys.argv) - 1))


if __name__ == "__main__":
    main()
