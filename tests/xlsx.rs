//! xlsx output and import: round trips, determinism, snapshots of the workbooks, hostile
//! templates and names, and real readers (LibreOffice, openpyxl).

use crate::common;

use std::collections::BTreeSet;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Reader, Xlsx};
use kpi::emit::json::to_json;
use kpi::emit::xlsx::{self, Limits, Options, Template};
use kpi::filing::{load, load_sources, Loaded};
use kpi::source::SourceFile;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn root(p: &str) -> PathBuf {
    Path::new(ROOT).join(p)
}

/// Every example filing: the Lhasa filing, the quickstart, the xlsx fixtures.
fn examples() -> Vec<(&'static str, PathBuf)> {
    vec![
        ("lhasa-kjj-2023", root("examples/lhasa-kjj-2023")),
        ("quickstart", root("examples/quickstart.kpi")),
        ("edge-cases", root("tests/fixtures/xlsx/edge-cases.kpi")),
    ]
}

fn load_ok(path: &Path) -> Loaded {
    let loaded = load(&[path.to_path_buf()]).unwrap();
    assert!(
        !loaded
            .diagnostics
            .iter()
            .any(kpi::diag::Diagnostic::loses_data),
        "{}: {:?}",
        path.display(),
        loaded.diagnostics
    );
    loaded
}

fn build(loaded: &Loaded, template: Option<&Template>) -> Vec<u8> {
    let mut out = xlsx::build(&loaded.filing, template, &Options::default()).unwrap();
    assert_eq!(out.len(), 1);
    out.remove(0).bytes
}

/// The JSON of a filing without where it came from (file names and line numbers).
fn json_without_origin(loaded: &Loaded) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                map.remove("origin");
                map.remove("line");
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v: serde_json::Value = serde_json::from_str(&to_json(&loaded.filing)).unwrap();
    strip(&mut v);
    v
}

/// Projects in the order the workbook has them, so the comparison is about content.
fn in_workbook_order(loaded: &Loaded) -> serde_json::Value {
    let order: Vec<String> = xlsx::forms_in_order(&loaded.filing)
        .iter()
        .map(|f| f.name.to_string())
        .collect();
    let mut v = json_without_origin(loaded);
    if let Some(projects) = v.get_mut("projects").and_then(|p| p.as_array_mut()) {
        projects.sort_by_key(|p| {
            order
                .iter()
                .position(|n| p["name"] == n.as_str())
                .unwrap_or(usize::MAX)
        });
    }
    v
}

fn custom_template() -> Template {
    let bytes = std::fs::read(root("examples/templates/with-weights.xlsx")).unwrap();
    Template::read(&bytes, &Limits::default()).unwrap()
}

fn assert_round_trip(name: &str, path: &Path, template: Option<&Template>) {
    let original = load_ok(path);
    let bytes = build(&original, template);
    let text = kpi::import::xlsx_to_kpi(&bytes, "roundtrip.xlsx").unwrap();
    assert_eq!(
        kpi::fmt::format_text(&text, &kpi::fmt::Options::default()).unwrap(),
        text,
        "{name}: imported text is in kpi fmt's layout"
    );
    let back = load_sources(vec![SourceFile::new("roundtrip.kpi", text.clone())]);
    assert!(
        !back
            .diagnostics
            .iter()
            .any(kpi::diag::Diagnostic::loses_data),
        "{name}: the imported text does not lower:\n{text}\n{:?}",
        back.diagnostics
    );
    let a = serde_json::to_string_pretty(&in_workbook_order(&original)).unwrap();
    let b = serde_json::to_string_pretty(&in_workbook_order(&back)).unwrap();
    if a != b {
        let diff: Vec<String> = a
            .lines()
            .zip(b.lines())
            .enumerate()
            .filter(|(_, (x, y))| x != y)
            .take(10)
            .map(|(i, (x, y))| format!("line {i}:\n  kpi:    {x}\n  import: {y}"))
            .collect();
        panic!(
            "{name}: the round trip changed the model:\n{}\n--- imported text ---\n{text}",
            diff.join("\n")
        );
    }
}

#[test]
fn kpi_to_xlsx_to_kpi_keeps_the_model() {
    for (name, path) in examples() {
        assert_round_trip(name, &path, None);
    }
}

#[test]
fn round_trip_through_the_custom_template_keeps_weights_and_attributes() {
    // The example template shows fewer header fields (no 项目属性, 项目期); for a form that
    // uses only what it shows, its columns for 分值 … 指标方向 come back exactly.
    let template = custom_template();
    assert_round_trip(
        "weights",
        &root("tests/fixtures/xlsx/weights.kpi"),
        Some(&template),
    );
}

#[test]
fn two_builds_give_identical_bytes() {
    for (name, path) in examples() {
        let loaded = load_ok(&path);
        assert_eq!(build(&loaded, None), build(&loaded, None), "{name}");
        let split = |l: &Loaded| {
            xlsx::build(
                &l.filing,
                None,
                &Options {
                    split: true,
                    ..Options::default()
                },
            )
            .unwrap()
            .into_iter()
            .map(|o| (o.file_name, o.bytes))
            .collect::<Vec<_>>()
        };
        assert_eq!(split(&loaded), split(&loaded), "{name} --split");
    }
}

/// The zip rewrite that fixes timestamps goes entry by entry (issue 14: only one entry
/// unzipped at a time); it must give the bytes that rewriting all entries at once gives, and
/// a workbook kpi wrote is already in that form (rewriting it changes nothing).
#[test]
fn zip_rewrite_entry_by_entry_gives_the_same_bytes() {
    let loaded = load_ok(&root("examples/lhasa-kjj-2023"));
    let bytes = build(&loaded, None);
    let all_at_once = xlsx::package::write_entries(
        &xlsx::package::read_entries(&bytes, &Limits::for_import(bytes.len())).unwrap(),
    )
    .unwrap();
    let streamed = xlsx::package::rewrite(&bytes).unwrap();
    assert!(
        streamed == all_at_once,
        "entry by entry differs from all at once"
    );
    assert!(
        streamed == bytes,
        "a rewrite of kpi's own workbook changed it"
    );
}

/// The workbook is written sheet by sheet (issue 14, bounded memory): each sheet goes into the
/// zip as soon as it is filled, and the parts the sheets share (document properties, shared
/// strings, styles, `workbook.xml`) are written after the last one. Memory cannot be measured
/// in the shared test binary; this order is what only the sheet-by-sheet writer gives — a
/// writer holding the whole workbook (umya's `write_writer`) writes the document properties
/// first.
#[test]
fn the_workbook_is_written_sheet_by_sheet() {
    let loaded = load_ok(&root("examples/lhasa-kjj-2023"));
    let bytes = build(&loaded, None);
    let zip = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    let names: Vec<&str> = (0..zip.len())
        .map(|i| zip.name_for_index(i).unwrap())
        .collect();
    let sheets = loaded.filing.departments.len() + loaded.filing.projects.len();
    assert!(sheets > 10, "{sheets}");
    let expected: Vec<String> = (1..=sheets)
        .map(|n| format!("xl/worksheets/sheet{n}.xml"))
        .collect();
    assert_eq!(names[..sheets], expected, "{names:?}");
    for shared in [
        "docProps/app.xml",
        "docProps/core.xml",
        "xl/sharedStrings.xml",
        "xl/styles.xml",
        "xl/workbook.xml",
    ] {
        assert!(names[sheets..].contains(&shared), "{shared}: {names:?}");
    }
}

#[test]
fn zip_entries_have_fixed_timestamps_and_properties() {
    let loaded = load_ok(&root("examples/quickstart.kpi"));
    let bytes = build(&loaded, None);
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        assert_eq!(
            f.last_modified(),
            Some(zip::DateTime::default()),
            "{:?}",
            f.name()
        );
    }
    let mut core = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core)
        .unwrap();
    assert!(core.contains("2000-01-01T00:00:00Z"), "{core}");
}

// ───────────────────────────── the workbook as text ─────────────────────────────

/// A text dump of a workbook: per sheet, every non-empty cell (calamine), the merged ranges,
/// and the styles that make the form (umya): fonts, borders, number formats, wrap, column
/// widths, row heights, page setup and print titles.
fn dump(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let styled = umya_spreadsheet::reader::xlsx::read_reader(Cursor::new(bytes), true).unwrap();
    for (index, name) in book.sheet_names().into_iter().enumerate() {
        let _ = writeln!(out, "=== sheet {index}: {name}");
        let range = book.worksheet_range(&name).unwrap();
        for (r, c, d) in range.used_cells() {
            let (r0, c0) = range.start().unwrap();
            let at = xlsx::template::cell_ref(c as u32 + c0 + 1, r as u32 + r0 + 1);
            let kind = match d {
                calamine::Data::Float(_) | calamine::Data::Int(_) => "n",
                _ => "s",
            };
            let _ = writeln!(out, "{at} {kind} {:?}", kpi::import::cell_text(d));
        }
        let mut merges: Vec<String> = book
            .merge_cells_by_sheet_name(&name)
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{}:{}",
                    xlsx::template::cell_ref(d.start.1 + 1, d.start.0 + 1),
                    xlsx::template::cell_ref(d.end.1 + 1, d.end.0 + 1)
                )
            })
            .collect();
        merges.sort_by_key(|m| xlsx::template::parse_rect(m).map(|r| (r.1, r.0)));
        let _ = writeln!(out, "merged: {}", merges.join(" "));
        let ws = styled.sheet_by_name(&name).unwrap();
        let mut cols: Vec<String> = ws
            .column_dimensions()
            .iter()
            .map(|c| {
                format!(
                    "{}={}",
                    xlsx::template::column_letters(c.col_num()),
                    c.width()
                )
            })
            .collect();
        cols.sort();
        let _ = writeln!(out, "columns: {}", cols.join(" "));
        let mut rows: Vec<(u32, f64)> = ws
            .row_dimensions()
            .iter()
            .filter(|r| r.custom_height())
            .map(|r| (r.row_num(), r.height()))
            .collect();
        rows.sort_by_key(|r| r.0);
        let rows: Vec<String> = rows.iter().map(|(r, h)| format!("{r}={h}")).collect();
        let _ = writeln!(out, "row heights: {}", rows.join(" "));
        // Page setup exactly as written in the sheet's XML.
        let xml = sheet_xml(bytes, index);
        for tag in [
            "<pageSetUpPr",
            "<printOptions",
            "<pageMargins",
            "<pageSetup",
        ] {
            if let Some(start) = xml.find(tag) {
                let end = xml[start..].find('>').map_or(xml.len(), |e| start + e + 1);
                let _ = writeln!(out, "xml: {}", &xml[start..end]);
            }
        }
        for dn in ws.defined_names() {
            let _ = writeln!(out, "defined: {} = {}", dn.name(), dn.address());
        }
        let _ = writeln!(out, "footer: {:?}", ws.header_footer().odd_footer().value());
        // Distinct styles, each with the cells that use it.
        let mut styles: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        let mut cells = ws.cells();
        cells.sort_by_key(|c| (c.coordinate().row_num(), c.coordinate().col_num()));
        for cell in cells {
            let s = cell.style();
            let font = s.font().map_or("-".into(), |f| {
                format!(
                    "{} {}{}",
                    f.name(),
                    f.size(),
                    if f.bold() { " bold" } else { "" }
                )
            });
            let border = s.borders().map_or("-".into(), |b| {
                format!(
                    "{}/{}/{}/{}",
                    b.left().border_style(),
                    b.right().border_style(),
                    b.top().border_style(),
                    b.bottom().border_style()
                )
            });
            let num = s
                .number_format()
                .map_or("General".into(), |n| n.format_code().to_string());
            let align = s.alignment().map_or("-".into(), |a| {
                format!(
                    "{:?}/{:?}{}",
                    a.horizontal(),
                    a.vertical(),
                    if a.wrap_text() { " wrap" } else { "" }
                )
            });
            let key = format!("font[{font}] border[{border}] num[{num}] align[{align}]");
            let at =
                xlsx::template::cell_ref(cell.coordinate().col_num(), cell.coordinate().row_num());
            styles.entry(key).or_default().push(at);
        }
        for (style, at) in styles {
            let shown = if at.len() > 12 {
                format!("{} … ({} cells)", at[..12].join(" "), at.len())
            } else {
                at.join(" ")
            };
            let _ = writeln!(out, "style {style}: {shown}");
        }
    }
    out
}

/// The XML of the n-th sheet (0-based) of a workbook.
fn sheet_xml(bytes: &[u8], index: usize) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    let name = format!("xl/worksheets/sheet{}.xml", index + 1);
    std::io::Read::read_to_string(&mut zip.by_name(&name).unwrap(), &mut xml).unwrap();
    xml
}

#[test]
fn snapshots_of_the_built_in_templates_and_the_examples() {
    insta::assert_snapshot!("builtin-template", dump(xlsx::BUILTIN_TEMPLATE));
    for (name, path) in examples() {
        let loaded = load_ok(&path);
        insta::assert_snapshot!(format!("example-{name}"), dump(&build(&loaded, None)));
    }
}

#[test]
fn snapshots_of_the_custom_template_example() {
    let template = custom_template();
    for (name, path) in examples()
        .into_iter()
        .chain([("weights", root("tests/fixtures/xlsx/weights.kpi"))])
    {
        let loaded = load_ok(&path);
        insta::assert_snapshot!(
            format!("custom-with-weights-{name}"),
            dump(&build(&loaded, Some(&template)))
        );
    }
}

// ───────────────────────────── hostile input ─────────────────────────────

fn template_error(bytes: &[u8]) -> Vec<String> {
    match Template::read(bytes, &Limits::default()) {
        Ok(_) => panic!("expected an error"),
        Err(d) => d
            .iter()
            .map(|d| format!("{} {} | {}", d.code, d.message.en, d.message.zh))
            .collect(),
    }
}

/// A workbook with one sheet whose cells are given as (row, col, text), built with
/// rust_xlsxwriter.
fn workbook(cells: &[(u32, u16, &str)]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("模板").unwrap();
    for (r, c, t) in cells {
        ws.write_string(*r, *c, *t).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn template_mistakes_are_diagnostics_naming_sheet_and_cell() {
    let e = template_error(&workbook(&[
        (0, 0, "{{project.name}}"),
        (1, 1, "{{project.nmae}}"),
    ]));
    assert!(
        e[0].starts_with("K1101 模板!B2: unknown placeholder {{project.nmae}}"),
        "{e:?}"
    );
    assert!(e[0].contains("模板!B2：未知占位符"), "{e:?}");
    let e = template_error(&workbook(&[
        (0, 0, "{{project.name}}"),
        (2, 0, "{{#each indicatorz}}"),
    ]));
    assert!(e[0].starts_with("K1103 模板!A3"), "{e:?}");
    let e = template_error(&workbook(&[
        (0, 0, "{{project.name}}"),
        (2, 3, "{{indicator.name}}"),
    ]));
    assert!(e[0].starts_with("K1106 模板!D3"), "{e:?}");
    let e = template_error(&workbook(&[(0, 0, "{{project.name"), (1, 0, "{{/each}}")]));
    assert!(e.iter().any(|m| m.starts_with("K1105 模板!A1")), "{e:?}");
    assert!(e.iter().any(|m| m.starts_with("K1104 模板!A2")), "{e:?}");
    let e = template_error(&workbook(&[(0, 0, "{{project.name|upper}}")]));
    assert!(e[0].starts_with("K1102 模板!A1"), "{e:?}");
    let e = template_error(&workbook(&[
        (0, 0, "{{project.name}}"),
        (1, 0, "{{department.name}}"),
    ]));
    assert!(e[0].starts_with("K1110"), "{e:?}");
    let e = template_error(&workbook(&[(0, 0, "no placeholders")]));
    assert!(e[0].starts_with("K1108"), "{e:?}");
    let e = template_error(&workbook(&[
        (0, 0, "{{project.name}}"),
        (2, 0, "{{#each indicators}}{{indicator.name}}"),
        (2, 1, "{{#each goals}}"),
    ]));
    assert!(e[0].starts_with("K1104 模板!"), "{e:?}");
}

#[test]
fn garbage_and_huge_templates_are_errors_not_panics() {
    // Garbage bytes, an empty file, a truncated workbook.
    assert!(template_error(b"garbage \x00\x01\x02")[0].starts_with("K1107"));
    assert!(template_error(b"")[0].starts_with("K1107"));
    let good = xlsx::BUILTIN_TEMPLATE;
    assert!(template_error(&good[..good.len() / 2])[0].starts_with("K1107"));
    // A zip of valid structure whose sheet XML is nonsense.
    let mut entries = Vec::new();
    {
        let mut zip = zip::ZipArchive::new(Cursor::new(good)).unwrap();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut data).unwrap();
            let name = f.name().to_string();
            if name.ends_with("sheet1.xml") || name.ends_with("workbook.xml") {
                data = b"<not xml".to_vec();
            }
            entries.push((name, data));
        }
    }
    let broken = xlsx::package::write_entries(&entries).unwrap();
    let _ = Template::read(&broken, &Limits::default()); // must return, Ok or Err
                                                         // Missing sheets: the workbook names sheets whose parts are not in the zip.
    let without_sheets: Vec<(String, Vec<u8>)> = {
        let mut zip = zip::ZipArchive::new(Cursor::new(good)).unwrap();
        (0..zip.len())
            .filter_map(|i| {
                let mut f = zip.by_index(i).unwrap();
                let name = f.name().to_string();
                let mut data = Vec::new();
                std::io::Read::read_to_end(&mut f, &mut data).unwrap();
                (!name.starts_with("xl/worksheets/")).then_some((name, data))
            })
            .collect()
    };
    let missing = xlsx::package::write_entries(&without_sheets).unwrap();
    let e = template_error(&missing);
    assert!(
        e[0].starts_with("K1107") || e[0].starts_with("K1108"),
        "{e:?}"
    );
    assert!(kpi::import::xlsx_to_kpi(&missing, "m.xlsx").is_err());
    // Zip bomb-ish: an entry that inflates past the limit is refused while unzipping.
    let bomb =
        xlsx::package::write_entries(&[("xl/worksheets/sheet1.xml".into(), vec![b' '; 8 << 20])])
            .unwrap();
    assert!(bomb.len() < 100_000, "compresses well: {}", bomb.len());
    let small = Limits {
        max_unzipped_bytes: 1 << 20,
        ..Limits::default()
    };
    match Template::read(&bomb, &small) {
        Err(d) => assert_eq!(d[0].code, "K1109", "{:?}", d[0].message),
        Ok(_) => panic!("a bomb was accepted"),
    }
    // A sheet with very many cells.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "{{project.name}}").unwrap();
    for r in 1..2_000u32 {
        ws.write_number(r, 0, 1.0).unwrap();
    }
    ws.write_string(60_000, 0, "far").unwrap();
    let far = wb.save_to_buffer().unwrap();
    let limits = Limits {
        max_template_cells: 1_000,
        ..Limits::default()
    };
    match Template::read(&far, &limits) {
        Err(d) => assert_eq!(d[0].code, "K1109"),
        Ok(_) => panic!("a huge sheet was accepted"),
    }
    match Template::read(&far, &Limits::default()) {
        Err(d) => assert_eq!(d[0].code, "K1109", "row 60001 is past the row limit"),
        Ok(_) => panic!("a sheet past the row limit was accepted"),
    }
}

#[test]
fn import_of_non_forms_says_what_was_missing() {
    let e = kpi::import::xlsx_to_kpi(&workbook(&[(0, 0, "hello")]), "x.xlsx").unwrap_err();
    assert_eq!(e[0].code, "K1201");
    assert!(e[0].message.en.contains("项目名称"), "{}", e[0].message.en);
    assert_eq!(
        kpi::import::xlsx_to_kpi(b"nonsense", "x.xlsx").unwrap_err()[0].code,
        "K1107"
    );
}

/// Rewrites a merge in the first sheet's XML (writing a huge merge would write every cell).
fn widen_merge(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let entries: Vec<(String, Vec<u8>)> = (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut data).unwrap();
            let name = f.name().to_string();
            if name == "xl/worksheets/sheet1.xml" {
                let xml = String::from_utf8(data).unwrap();
                assert!(xml.contains(from));
                data = xml.replace(from, to).into_bytes();
            }
            (name, data)
        })
        .collect();
    xlsx::package::write_entries(&entries).unwrap()
}

#[test]
fn a_template_merge_over_the_whole_sheet_is_harmless() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "{{project.name}}").unwrap();
    ws.write_string(1, 0, "{{#each indicators}}{{indicator.name}}")
        .unwrap();
    ws.merge_range(2, 0, 3, 1, "", &rust_xlsxwriter::Format::new())
        .unwrap();
    let bytes = widen_merge(&wb.save_to_buffer().unwrap(), "A3:B4", "A3:XFD1048576");
    let template = Template::read(&bytes, &Limits::default()).unwrap();
    let loaded = load_ok(&root("examples/quickstart.kpi"));
    let out = build(&loaded, Some(&template));
    assert!(dump(&out).contains("A1 s \"科技专项\""), "{}", dump(&out));
}

#[test]
fn import_of_hostile_sheets_is_bounded() {
    // One cell in the last row and column: a dense read would need 17 billion cells.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "项目名称").unwrap();
    ws.write_string(0, 1, "x").unwrap();
    ws.write_string(1_048_575, 16_383, "far").unwrap();
    let far = wb.save_to_buffer().unwrap();
    assert_eq!(
        kpi::import::xlsx_to_kpi(&far, "far.xlsx").unwrap_err()[0].code,
        "K1109"
    );
    // A merge over the whole sheet is fine: it is clipped to the cells there are.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "项目名称").unwrap();
    ws.write_string(0, 1, "x").unwrap();
    ws.merge_range(2, 0, 3, 1, "", &rust_xlsxwriter::Format::new())
        .unwrap();
    let small = wb.save_to_buffer().unwrap();
    let merged = widen_merge(&small, "A3:B4", "A3:XFD1048576");
    let text = kpi::import::xlsx_to_kpi(&merged, "merged.xlsx").unwrap();
    assert!(text.contains("project \"x\""), "{text}");
}

#[test]
fn official_layout_is_imported_by_its_labels() {
    // The seed's project layout: labels with colons, values in 万元 with the unit, 必填 marks.
    let bytes = workbook(&[
        (0, 0, "拉萨市部门项目支出预算绩效目标表"),
        (1, 0, "(2023年度)"),
        (2, 0, "填报人及联系电话：谭丽华 0891-6320663"),
        (3, 0, "填报日期: 2023.01.03"),
        (4, 0, "项目名称"),
        (4, 2, "百家科技"),
        (5, 0, "主管部门及代码"),
        (5, 2, "拉萨市科技局 (009909878)"),
        (5, 3, "实施单位"),
        (5, 4, "高新技术与成果转化科"),
        (6, 0, "项目属性"),
        (6, 2, "补助资金"),
        (6, 3, "项目期"),
        (6, 4, "2023年"),
        (7, 0, "项目资金 (万元)"),
        (7, 1, "年度资金总额:"),
        (7, 2, "1100万元"),
        (8, 1, "其中: 财政拨款"),
        (8, 2, "1100万元"),
        (9, 1, "其他资金"),
        (10, 0, "年度总体目标"),
        (10, 2, "认定科技型中小企业7家。"),
        (11, 0, "绩效指标"),
        (11, 1, "一级指标"),
        (11, 2, "二级指标"),
        (11, 3, "三级指标"),
        (11, 4, "指标值"),
        (12, 1, "产出指标"),
        (12, 2, "数量指标 (必填)"),
        (12, 3, "认定企业数量"),
        (12, 4, "7家"),
        (13, 1, "满意度指标"),
        (13, 2, "服务对象 满意度指标 (必填)"),
        (13, 3, "企业满意度"),
        (13, 4, "≥95%"),
    ]);
    let text = kpi::import::xlsx_to_kpi(&bytes, "official.xlsx").unwrap();
    let loaded = load_sources(vec![SourceFile::new("official.kpi", text.clone())]);
    assert!(
        loaded.diagnostics.is_empty(),
        "{text}\n{:?}",
        loaded.diagnostics
    );
    let p = &loaded.filing.projects[0];
    assert_eq!(p.name, "百家科技");
    assert_eq!(p.year, Some(2023));
    assert_eq!(p.code.as_deref(), Some("009909878"));
    assert_eq!(p.implementing_unit.as_deref(), Some("高新技术与成果转化科"));
    let filed = p.filed.as_ref().unwrap();
    assert_eq!(
        (filed.filer.as_deref(), filed.phone.as_deref()),
        (Some("谭丽华"), Some("0891-6320663"))
    );
    let b = p.budget.as_ref().unwrap();
    assert_eq!(b.total.written(), "1100万元");
    assert!(
        b.split.other.as_ref().is_some_and(|e| e.amount.is_none()),
        "{text}"
    );
    assert_eq!(p.indicators.len(), 2, "{text}");
    assert_eq!(p.indicators[1].level2, Some(kpi::model::Level2::Service));
}

/// Every K11xx/K12xx code in src/ is in docs/templates.md's table, and the other way round.
#[test]
fn every_workbook_code_is_documented() {
    fn codes_in(text: &str) -> BTreeSet<String> {
        let b = text.as_bytes();
        (0..b.len().saturating_sub(5))
            .filter(|&i| b[i] == b'K' && b[i + 1] == b'1' && (b[i + 2] == b'1' || b[i + 2] == b'2'))
            .filter(|&i| b[i + 3..i + 5].iter().all(u8::is_ascii_digit))
            .filter(|&i| b.get(i + 5).is_none_or(|c| !c.is_ascii_digit()))
            .map(|i| text[i..i + 5].to_string())
            .collect()
    }
    // The workbook rules, from the registry (a rule is a value: no code can be emitted
    // without one).
    let src: BTreeSet<String> = kpi::check::rules()
        .into_iter()
        .filter(|r| kpi::check::family_of(r.code).is_some_and(|f| f.workbook))
        .map(|r| r.code.to_string())
        .collect();
    let docs = std::fs::read_to_string(root("docs/templates.md")).unwrap();
    let documented: BTreeSet<String> = docs
        .lines()
        .filter(|l| l.starts_with("| K1"))
        .flat_map(codes_in)
        .collect();
    assert!(src.len() >= 12, "{src:?}");
    assert_eq!(
        src, documented,
        "codes in src/ vs the table in docs/templates.md"
    );
}

#[test]
fn official_department_layout_is_imported_by_its_labels() {
    // The seed's department layout: subtotals in the content column, a page-break label
    // inside the table, 年度绩效指标 with 二级 names and (必填) marks.
    let bytes = workbook(&[
        (0, 0, "部门整体支出绩效目标申报表"),
        (1, 0, "(2023 年度)"),
        (2, 0, "部门(单位名称)"),
        (2, 2, "拉萨市科学技术局"),
        (3, 0, "任务名称"),
        (3, 1, "主要内容"),
        (3, 2, "预算金额(万元)"),
        (4, 2, "总额"),
        (4, 3, "财政拨款"),
        (4, 4, "转移性资金"),
        (5, 0, "基本支出"),
        (5, 1, "公用经费"),
        (5, 2, "72.68"),
        (5, 3, "72.68"),
        (6, 0, "年度主要任务"),
        (7, 0, "项目支出"),
        (7, 1, "百家科技"),
        (7, 2, "1100"),
        (7, 4, "1100"),
        (8, 1, "基本支出"),
        (8, 2, "72.68"),
        (8, 3, "72.68"),
        (9, 1, "项目支出合计"),
        (9, 2, "1100"),
        (9, 4, "1100"),
        (10, 1, "金额合计"),
        (10, 2, "1172.68"),
        (10, 3, "72.68"),
        (10, 4, "1100"),
        (11, 0, "年度总体目标"),
        (11, 1, "目标 1：保障运行。"),
        (12, 0, "年度绩效"),
        (12, 1, "一级指标"),
        (12, 2, "二级指标"),
        (12, 3, "三级指标"),
        (12, 4, "指标值"),
        (13, 1, "满意度指标"),
        (13, 2, "服务对象满意度指标"),
        (13, 3, "科技企业满意度"),
        (13, 4, "≥90%"),
    ]);
    let text = kpi::import::xlsx_to_kpi(&bytes, "official-department.xlsx").unwrap();
    let loaded = load_sources(vec![SourceFile::new("d.kpi", text.clone())]);
    assert!(
        loaded.diagnostics.is_empty(),
        "{text}\n{:?}",
        loaded.diagnostics
    );
    let d = &loaded.filing.departments[0];
    assert_eq!(d.name, "拉萨市科学技术局");
    assert_eq!(d.year, Some(2023));
    let funds = d.funds.as_ref().unwrap();
    assert_eq!(funds.lines.len(), 2, "{text}");
    assert_eq!(funds.lines[1].name, "百家科技");
    assert!(funds.lines[1].split.transfer.is_some() && funds.lines[1].split.fiscal.is_none());
    let totals: Vec<_> = funds
        .totals
        .iter()
        .map(|t| (t.category, t.amount.written()))
        .collect();
    assert_eq!(
        totals,
        vec![
            (
                Some(kpi::model::LineCategory::Basic),
                "72.68万元".to_string()
            ),
            (
                Some(kpi::model::LineCategory::Project),
                "1100万元".to_string()
            ),
            (None, "1172.68万元".to_string()),
        ]
    );
    assert_eq!(d.goals.len(), 1);
    assert_eq!(d.indicators.len(), 1, "{text}");
}

// ───────────────────────────── the command line ─────────────────────────────

fn kpi_cmd() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kpi"))
}

#[test]
fn cli_writes_inside_the_output_directory_whatever_the_names() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let status = kpi_cmd()
        .args(["build", "--to", "xlsx", "--split", "-o"])
        .arg(&out)
        .arg(root("tests/fixtures/xlsx/edge-cases.kpi"))
        .status()
        .unwrap();
    assert!(status.success());
    let mut written: BTreeSet<String> = BTreeSet::new();
    for entry in std::fs::read_dir(&out).unwrap() {
        written.insert(entry.unwrap().file_name().to_string_lossy().into_owned());
    }
    assert_eq!(
        written,
        [
            "____x a_b [sheet]___.xlsx",
            "无预算项目.xlsx",
            "只有总额.xlsx"
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    // Nothing escaped: the temp dir holds only `out`.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // And the sheet name follows Excel's rules.
    let bytes = std::fs::read(out.join("____x a_b [sheet]___.xlsx")).unwrap();
    let book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec![".._.._x a_b _sheet____".to_string()]
    );
}

/// `-o -` puts the one workbook (or the imported text) on standard output; where a command
/// makes several files it is a usage error, and no file or folder called `-` appears.
#[test]
fn cli_dash_output_is_standard_output() {
    let cwd = tempfile::tempdir().unwrap();
    let file = cwd.path().join("forms.xlsx");
    let quickstart = root("examples/quickstart.kpi");
    let ok = kpi_cmd()
        .args(["build", "--to", "xlsx", "-o"])
        .arg(&file)
        .arg(&quickstart)
        .status()
        .unwrap();
    assert!(ok.success());
    let dash = |args: &[&str], path: &Path| {
        kpi_cmd()
            .args(args)
            .arg(path)
            .args(["-o", "-"])
            .current_dir(cwd.path())
            .output()
            .unwrap()
    };
    let out = dash(&["build", "--to", "xlsx"], &quickstart);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, std::fs::read(&file).unwrap());
    let out = dash(&["import"], &file);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("project \"科技专项\""));
    // Several workbooks, or a folder of them: not one output, so a usage error.
    let out = dash(
        &["build", "--to", "xlsx", "--split"],
        &root("examples/lhasa-kjj-2023"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give a folder with -o"));
    let out = dash(&["import"], cwd.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give a folder with -o"));
    assert!(!cwd.path().join("-").exists());
    assert_eq!(std::fs::read_dir(cwd.path()).unwrap().count(), 1);
}

#[test]
fn cli_builds_one_file_and_imports_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("forms.xlsx");
    let ok = kpi_cmd()
        .args(["build", "--to", "xlsx", "-o"])
        .arg(&file)
        .arg(root("examples/quickstart.kpi"))
        .status()
        .unwrap();
    assert!(ok.success());
    // Another process, the same bytes.
    let again = dir.path().join("again.xlsx");
    let ok = kpi_cmd()
        .args(["build", "--to", "xlsx", "-o"])
        .arg(&again)
        .arg(root("examples/quickstart.kpi"))
        .status()
        .unwrap();
    assert!(ok.success());
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(&again).unwrap()
    );
    let kpi_file = dir.path().join("forms.kpi");
    let ok = kpi_cmd()
        .arg("import")
        .arg(&file)
        .arg("-o")
        .arg(&kpi_file)
        .status()
        .unwrap();
    assert!(ok.success());
    let text = std::fs::read_to_string(&kpi_file).unwrap();
    assert!(text.contains("project \"科技专项\""), "{text}");
    // xlsx options with another target are a usage error.
    let out = kpi_cmd()
        .args(["build", "--to", "json", "--split"])
        .arg(root("examples/quickstart.kpi"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // A bad template is exit 1 with a diagnostic, not a crash.
    let bad = dir.path().join("bad.xlsx");
    std::fs::write(&bad, b"PK\x03\x04 not really").unwrap();
    let out = kpi_cmd()
        .args(["build", "--to", "xlsx", "--template"])
        .arg(&bad)
        .arg(root("examples/quickstart.kpi"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("K1107"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ───────────────────────────── real readers ─────────────────────────────

/// True when the tool can run; fails under CI=true when it cannot.
fn have(tool: &str, probe: &[&str]) -> bool {
    let ok = Command::new(tool)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        common::skip_without_client(
            &format!("xlsx ({tool})"),
            &format!("{tool} is not installed (apt-get install libreoffice-calc-nogui fonts-noto-cjk poppler-utils; pip install openpyxl)"),
        );
    }
    ok
}

fn built_in_outputs(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for (name, path) in examples() {
        let loaded = load_ok(&path);
        let file = dir.join(format!("{name}.xlsx"));
        std::fs::write(&file, build(&loaded, None)).unwrap();
        files.push(file);
    }
    // And one through the custom template (its project sheets, the built-in department one).
    let loaded = load_ok(&root("examples/lhasa-kjj-2023"));
    let file = dir.join("custom-lhasa.xlsx");
    std::fs::write(&file, build(&loaded, Some(&custom_template()))).unwrap();
    files.push(file);
    files
}

#[test]
fn libreoffice_converts_every_output_to_pdf() {
    if !have("soffice", &["--version"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = built_in_outputs(dir.path());
    let profile = dir.path().join("profile");
    let out = dir.path().join("pdf");
    let status = Command::new("soffice")
        .env("HOME", dir.path())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .args(&files)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    for f in files {
        let pdf = out.join(f.with_extension("pdf").file_name().unwrap());
        let bytes = std::fs::read(&pdf).unwrap_or_else(|_| panic!("no PDF for {}", f.display()));
        assert!(
            bytes.starts_with(b"%PDF") && bytes.len() > 1000,
            "{}",
            pdf.display()
        );
    }
}

#[test]
fn openpyxl_reads_the_values_back() {
    if !have("python3", &["-c", "import openpyxl"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = built_in_outputs(dir.path());
    let out = Command::new("python3")
        .arg(root("tests/openpyxl_check.py"))
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

// ──────────────────── self-evaluation and monitoring sheets ────────────────────

const LHASA_SE: &str = "examples/lhasa-kjj-2023-self-evaluation";
const TIANCHANG: &str = "examples/self-evaluation/anhui-tianchang-2022-flood-drought-defence";
const SPONGE: &str = "examples/self-evaluation/hubei-huangshi-2022-sponge-city-application";
const HERITAGE: &str = "examples/self-evaluation/hubei-huangshi-2019-heritage-bid-monitoring";

/// The scoring profile of a filing's kpi.toml (`scoring`), as `kpi build` finds it.
fn scoring_of(path: &Path) -> kpi::score::ScoringProfile {
    kpi::config::find(&[path.to_path_buf()], None)
        .ok()
        .flatten()
        .map(|f| {
            kpi::config::parse(&f, kpi::source::FileId(0), &|_| None)
                .0
                .scoring
        })
        .unwrap_or_default()
}

/// A filing built as `kpi build --to xlsx` builds it: its kpi.toml's scoring profile.
fn build_scored(path: &Path, template: Option<&Template>) -> Vec<u8> {
    let loaded = load_ok(path);
    let options = Options {
        scoring: Some(scoring_of(path)),
        ..Options::default()
    };
    let mut out = xlsx::build(&loaded.filing, template, &options).unwrap();
    assert_eq!(out.len(), 1);
    out.remove(0).bytes
}

/// A sheet read back with calamine: the text of every cell by reference (numbers through
/// their shortest text, with `#` in front), and its merged ranges.
struct Sheet {
    name: String,
    cells: std::collections::BTreeMap<String, String>,
    merges: BTreeSet<String>,
}

impl Sheet {
    fn at(&self, cell: &str) -> &str {
        self.cells.get(cell).map_or("", String::as_str)
    }
}

fn sheets(bytes: &[u8]) -> Vec<Sheet> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut cells = std::collections::BTreeMap::new();
        for (r, c, d) in range.used_cells() {
            let at = xlsx::template::cell_ref(c as u32 + c0 + 1, r as u32 + r0 + 1);
            let text = kpi::import::cell_text(d);
            let text = match d {
                calamine::Data::Float(_) | calamine::Data::Int(_) => format!("#{text}"),
                _ => text,
            };
            cells.insert(at, text);
        }
        let merges = book
            .merge_cells_by_sheet_name(&name)
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{}:{}",
                    xlsx::template::cell_ref(d.start.1 + 1, d.start.0 + 1),
                    xlsx::template::cell_ref(d.end.1 + 1, d.end.0 + 1)
                )
            })
            .collect();
        out.push(Sheet {
            name,
            cells,
            merges,
        });
    }
    out
}

#[test]
fn self_evaluations_go_to_the_self_evaluation_sheet_with_their_scores() {
    let s = sheets(&build_scored(&root(LHASA_SE), None));
    assert_eq!(s.len(), 2);
    // "59.3.28" 离退休干部慰问金: 0.3 of 0.4万元 executed, full marks claimed for it.
    let a = &s[0];
    assert_eq!(a.name, "\"59.3.28\" 离退休干部慰问金");
    assert_eq!(a.at("A1"), "项目支出绩效自评表");
    assert_eq!(a.at("A2"), "（2023年度）");
    assert_eq!(a.at("C4"), "\"59.3.28\" 离退休干部慰问金");
    assert_eq!(a.at("C5"), "拉萨市科技局");
    assert_eq!(a.at("G5"), "市科技局");
    let header: Vec<&str> = ["D7", "E7", "F7", "G7", "H7", "I7"]
        .iter()
        .map(|c| a.at(c))
        .collect();
    assert_eq!(
        header,
        [
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分"
        ]
    );
    assert_eq!(a.at("B8"), "年度资金总额");
    let total: Vec<&str> = ["D8", "E8", "F8", "G8", "H8", "I8"]
        .iter()
        .map(|c| a.at(c))
        .collect();
    assert_eq!(total, ["#0.4", "#0.4", "#0.3", "#10", "75%", "#10"]);
    // A row per source any budget states: 财政拨款, and the blank 其他资金 of 年初预算数.
    assert_eq!(a.at("B9"), "其中：当年财政拨款");
    assert_eq!(
        [a.at("D9"), a.at("E9"), a.at("F9"), a.at("H9")],
        ["#0.4", "#0.4", "#0.3", "75%"]
    );
    assert_eq!(a.at("B10"), "其他资金");
    assert_eq!([a.at("D10"), a.at("E10"), a.at("F10")], ["", "", ""]);
    // 分值 and 得分 belong to the total: a dash over the source rows.
    assert_eq!(a.at("G9"), "—");
    assert!(a.merges.contains("G9:G10") && a.merges.contains("I9:I10"));
    assert!(a.merges.contains("A7:A11"), "项目资金 spans its rows");
    assert_eq!(a.at("B11"), "执行偏差原因及改进措施");
    assert_eq!(
        a.at("D11"),
        "一名老干部年内去世，慰问金未发放，结余资金已上缴。"
    );
    assert_eq!(a.at("F12"), "实际完成情况");
    assert_eq!(a.at("B13"), "慰问1959年3月28日以前参加工作的老干部。");
    assert_eq!(a.at("F13"), "已慰问3名1959年3月28日以前参加工作的老干部。");
    // The indicators: 实际完成值, 分值, 得分; categories merged.
    assert_eq!(a.at("E14"), "年度指标值");
    assert_eq!(a.at("I14"), "偏差原因分析及改进措施");
    let row: Vec<&str> = ["B15", "C15", "D15", "E15", "F15", "G15", "H15"]
        .iter()
        .map(|c| a.at(c))
        .collect();
    assert_eq!(
        row,
        [
            "产出指标",
            "数量指标",
            "慰问人数",
            "≤4人",
            "3人",
            "#20",
            "#20"
        ]
    );
    assert!(a.merges.contains("B15:B18"), "{:?}", a.merges);
    assert!(a.merges.contains("C16:C17"), "{:?}", a.merges);
    assert_eq!(a.at("D20"), "进一步关爱老干部");
    assert_eq!(a.at("F20"), "有所提高");
    assert_eq!(a.at("A22"), "总分");
    assert_eq!([a.at("G22"), a.at("H22")], ["#100", "#100"]);
    assert_eq!(a.at("C24"), "2024年1月15日");

    // 拉萨市双创升级系列培训计划: a missed target with its reason, claimed 9.5 and 95.5.
    let b = &s[1];
    assert_eq!(
        [b.at("F8"), b.at("H8"), b.at("I8")],
        ["#28.215", "95%", "#9.5"]
    );
    assert_eq!(b.at("D15"), "指标1: 培训课程数量");
    assert_eq!(
        [b.at("E15"), b.at("F15"), b.at("G15"), b.at("H15")],
        ["≥10个", "8个", "#10", "#8"]
    );
    assert_eq!(b.at("I15"), "两期培训因讲师行程调整推迟至2024年一季度。");
    assert_eq!(b.at("A23"), "总分");
    assert_eq!(b.at("H23"), "#95.5");
}

#[test]
fn a_published_self_evaluation_fills_the_national_layout() {
    // 安徽 天长市 水旱灾害防御经费 (2022): 上年结转 and 其他资金 stated blank.
    let s = sheets(&build_scored(&root(TIANCHANG), None));
    let a = &s[0];
    assert_eq!(a.at("A1"), "项目支出绩效自评表");
    assert_eq!(a.at("G5"), "天长市水利局");
    assert_eq!(
        ["D8", "E8", "F8", "G8", "H8", "I8"].map(|c| a.at(c)),
        ["#880", "#880", "#880", "#10", "100%", "#10"]
    );
    assert_eq!(
        ["B9", "B10", "B11"].map(|c| a.at(c)),
        ["其中：当年财政拨款", "上年结转资金", "其他资金"]
    );
    assert_eq!(a.at("H9"), "100%");
    assert_eq!(a.at("H10"), "", "no rate for a blank source");
    assert!(a.merges.contains("G9:G11"));
    // 9 indicators from row 16; 产出指标 over the first five, 效益指标 over three.
    assert_eq!(a.at("B16"), "产出指标");
    assert!(a.merges.contains("B16:B20"), "{:?}", a.merges);
    assert!(a.merges.contains("C16:C17"), "{:?}", a.merges);
    assert!(a.merges.contains("B21:B23"), "{:?}", a.merges);
    assert_eq!(a.at("D24"), "指标1:服务对象满意度");
    assert_eq!(
        ["E24", "F24", "G24", "H24"].map(|c| a.at(c)),
        ["90%", "100%", "#10", "#10"]
    );
    assert_eq!(a.at("A25"), "总分");
    assert_eq!(a.at("H25"), "#100");
}

#[test]
fn monitoring_forms_go_to_the_monitoring_sheet() {
    // 黄石 申遗经费 (2019): 87.57 of 220万元 by mid-year, 确定能 on both indicators.
    let s = sheets(&build_scored(&root(HERITAGE), None));
    let a = &s[0];
    assert_eq!(a.at("A1"), "项目支出绩效运行监控表");
    assert_eq!(a.at("K5"), "黄石市文物局(湖北水泥遗址博物馆)");
    assert_eq!(
        ["D7", "F7", "H7", "J7", "L7", "N7"].map(|c| a.at(c)),
        [
            "年初预算数",
            "全年预算数",
            "1-7月执行数",
            "1-7月执行率",
            "全年预计执行数",
            "偏差原因分析"
        ]
    );
    assert_eq!(
        ["D8", "H8", "J8", "L8"].map(|c| a.at(c)),
        ["#220", "#87.57", "39.8%", ""]
    );
    assert_eq!(a.at("B9"), "其中：当年财政拨款");
    assert_eq!(a.at("J9"), "39.8%");
    assert_eq!(
        ["H13", "L13", "M13", "O13"].map(|c| a.at(c)),
        ["经费保障", "其他", "确定能", "完全不可能"]
    );
    // Two indicators from row 14: 1-7月执行情况 and a ✓ under 确定能.
    assert_eq!(a.at("B14"), "产出指标");
    assert_eq!(a.at("C14"), "成本指标");
    assert_eq!(a.at("F14"), "按进度执行,已使用约40%");
    assert_eq!(["M14", "N14", "O14"].map(|c| a.at(c)), ["✓", "", ""]);
    assert_eq!(a.at("M15"), "✓");
    assert!(a.merges.contains("A12:A15"), "{:?}", a.merges);
}

#[test]
fn target_forms_keep_the_target_sheet() {
    let s = sheets(&build(&load_ok(&root("examples/quickstart.kpi")), None));
    assert!(s
        .iter()
        .all(|s| s.at("A1") == "项目支出绩效目标表" || s.at("A1") == "部门整体支出绩效目标表"));
}

#[test]
fn self_evaluation_builds_are_deterministic() {
    for path in [LHASA_SE, TIANCHANG, HERITAGE] {
        assert_eq!(
            build_scored(&root(path), None),
            build_scored(&root(path), None),
            "{path}"
        );
    }
    let hubei = hubei_template();
    assert_eq!(
        build_scored(&root(SPONGE), Some(&hubei)),
        build_scored(&root(SPONGE), Some(&hubei))
    );
}

fn hubei_template() -> Template {
    let bytes = std::fs::read(root("examples/templates/hubei-self-evaluation.xlsx")).unwrap();
    Template::read(&bytes, &Limits::default()).unwrap()
}

#[test]
fn the_hubei_template_fills_a_hubei_table_with_the_hubei_profile() {
    // 黄石 海绵城市 (2022): 195.5 of 200万元, 20 × 97.75% = 19.55, as the table claims.
    let s = sheets(&build_scored(&root(SPONGE), Some(&hubei_template())));
    let a = &s[0];
    assert_eq!(a.at("A1"), "2022年度项目支出绩效自评表");
    assert_eq!(a.at("A5"), "预算执行情况\n（20分）");
    assert_eq!(
        ["B6", "C6", "D6", "E6", "F6", "G6", "H6"].map(|c| a.at(c)),
        ["", "#200", "#195.5", "97.75%", "#20", "#19.55", "#19.55"]
    );
    assert_eq!(
        a.at("C9"),
        "完成省级宣传片制作;完成实施方案的编制;完成自评估报告"
    );
    assert_eq!(a.at("E9"), "完成1部宣传片,2套方案");
    assert_eq!(a.at("G9"), "#10");
    assert_eq!(a.at("H9"), "", "no weight, no computed score");
    assert_eq!(a.at("A17"), "总分");
    assert_eq!(["F17", "G17"].map(|c| a.at(c)), ["#100", "#99.55"]);
    // The Lhasa self-evaluation through the same template: kpi's 复核得分 beside the claims
    // (the execution rate is 75%: 7.5, not the 10 claimed) and the grades.
    let s = sheets(&build_scored(&root(LHASA_SE), Some(&hubei_template())));
    let a = &s[0];
    assert_eq!(a.at("A5"), "预算执行情况\n（10分）");
    assert_eq!(["E6", "G6", "H6"].map(|c| a.at(c)), ["75%", "#10", "#7.5"]);
    assert_eq!(a.at("I14"), "达成");
    assert_eq!(a.at("H9"), "#20");
    assert_eq!(
        ["F16", "G16", "H16"].map(|c| a.at(c)),
        ["#100", "#100", "#97.5"]
    );
}

#[test]
fn self_evaluation_and_monitoring_templates_are_recognised_by_their_placeholders() {
    let kinds = |cells: &[(u32, u16, &str)]| {
        let t = Template::read(&workbook(cells), &Limits::default()).unwrap();
        [
            xlsx::context::FormKind::Project,
            xlsx::context::FormKind::SelfEvaluation,
            xlsx::context::FormKind::Monitoring,
        ]
        .map(|k| t.has(k))
    };
    assert_eq!(kinds(&[(0, 0, "{{project.name}}")]), [true, false, false]);
    assert_eq!(
        kinds(&[(0, 0, "{{project.name}}"), (1, 0, "{{total_score}}")]),
        [false, true, false]
    );
    assert_eq!(
        kinds(&[
            (0, 0, "{{project.name}}"),
            (1, 0, "{{#each indicators}}{{indicator.actual}}")
        ]),
        [false, true, false]
    );
    // Names both share make a self-evaluation sheet.
    assert_eq!(
        kinds(&[(0, 0, "{{project.name}}"), (1, 0, "{{execution.adjusted}}")]),
        [false, true, false]
    );
    assert_eq!(
        kinds(&[
            (0, 0, "{{project.name}}"),
            (1, 0, "{{#each indicators}}{{indicator.midyear}}")
        ]),
        [false, false, true]
    );
    let e = template_error(&workbook(&[
        (0, 0, "{{project.name}}"),
        (1, 0, "{{execution.executed}}"),
        (2, 0, "{{execution.midyear}}"),
    ]));
    assert!(e[0].starts_with("K1110"), "{e:?}");
    assert!(
        e[0].contains("self-evaluation") && e[0].contains("监控表"),
        "{e:?}"
    );
    let e = template_error(&workbook(&[
        (0, 0, "{{department.name}}"),
        (1, 0, "{{total_score}}"),
    ]));
    assert!(e[0].starts_with("K1110"), "{e:?}");
    // A target sheet cannot use the year's fields.
    let e = template_error(&workbook(&[
        (0, 0, "{{project.name}}"),
        (1, 0, "{{#each indicators}}{{indicator.actaul}}"),
    ]));
    assert!(e[0].starts_with("K1101"), "{e:?}");
}

/// The JSON of a filing without origins, with every `grade` removed (the national layout has
/// no 达成度 column), and whether there was one.
fn without_grades(v: &mut serde_json::Value) -> bool {
    // Every branch is visited (no short circuit): all grades go.
    let mut had = false;
    match v {
        serde_json::Value::Object(map) => {
            had |= map.remove("grade").is_some();
            for v in map.values_mut() {
                had |= without_grades(v);
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                had |= without_grades(v);
            }
        }
        _ => {}
    }
    had
}

#[test]
fn self_evaluation_round_trip_keeps_the_model() {
    let original = load_ok(&root(LHASA_SE));
    let bytes = build_scored(&root(LHASA_SE), None);
    let text = kpi::import::xlsx_to_kpi(&bytes, "roundtrip.xlsx").unwrap();
    let back = load_sources(vec![SourceFile::new("roundtrip.kpi", text.clone())]);
    assert!(
        !back
            .diagnostics
            .iter()
            .any(kpi::diag::Diagnostic::loses_data),
        "{text}"
    );
    assert!(back
        .filing
        .projects
        .iter()
        .all(kpi::score::is_self_evaluation));
    let mut a = in_workbook_order(&original);
    let mut b = in_workbook_order(&back);
    // What the layout cannot show: the grades of qualitative indicators (达成度), which the
    // national table does not print. Everything else comes back.
    assert!(without_grades(&mut a), "the example states grades");
    assert!(!without_grades(&mut b), "the import invents no grade");
    let (a, b) = (
        serde_json::to_string_pretty(&a).unwrap(),
        serde_json::to_string_pretty(&b).unwrap(),
    );
    assert!(a == b, "the round trip changed the model:\n{text}");
    // And the scores: the same scorecards.
    let profile = scoring_of(&root(LHASA_SE));
    for (p, q) in original.filing.projects.iter().zip(&back.filing.projects) {
        let (x, y) = (
            kpi::score::score(p, &profile).unwrap(),
            kpi::score::score(q, &profile).unwrap(),
        );
        assert_eq!(x.total, y.total);
        assert_eq!(x.claimed_total, y.claimed_total);
        assert_eq!(x.execution, y.execution);
    }
}

#[test]
fn snapshots_of_self_evaluation_and_monitoring_workbooks() {
    for (name, path, template) in [
        ("self-evaluation-lhasa", LHASA_SE, None),
        ("self-evaluation-tianchang", TIANCHANG, None),
        ("monitoring-heritage", HERITAGE, None),
        ("hubei-template-sponge", SPONGE, Some(hubei_template())),
    ] {
        insta::assert_snapshot!(name, dump(&build_scored(&root(path), template.as_ref())));
    }
}

#[test]
fn libreoffice_renders_the_self_evaluation_and_monitoring_sheets() {
    if !have("soffice", &["--version"]) || !have("pdftoppm", &["-v"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, path, template) in [
        ("lhasa-se", LHASA_SE, None),
        ("heritage-monitoring", HERITAGE, None),
        ("sponge-hubei", SPONGE, Some(hubei_template())),
    ] {
        let file = dir.path().join(format!("{name}.xlsx"));
        std::fs::write(&file, build_scored(&root(path), template.as_ref())).unwrap();
        files.push(file);
    }
    let out = dir.path().join("pdf");
    let status = Command::new("soffice")
        .env("HOME", dir.path())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .args(&files)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    for f in files {
        let pdf = out.join(f.with_extension("pdf").file_name().unwrap());
        let bytes = std::fs::read(&pdf).unwrap_or_else(|_| panic!("no PDF for {}", f.display()));
        assert!(bytes.starts_with(b"%PDF"), "{}", pdf.display());
        // One landscape page per form, rendered to PNG.
        let stem = out.join(f.file_stem().unwrap());
        let ok = Command::new("pdftoppm")
            .args(["-png", "-r", "40", "-f", "1", "-l", "1"])
            .arg(&pdf)
            .arg(&stem)
            .status()
            .unwrap();
        assert!(ok.success());
        let png = std::fs::read_dir(&out)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| {
                p.extension().is_some_and(|e| e == "png")
                    && p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with(&*f.file_stem().unwrap().to_string_lossy())
            })
            .unwrap_or_else(|| panic!("no PNG for {}", pdf.display()));
        let png = std::fs::read(png).unwrap();
        assert!(png.starts_with(b"\x89PNG") && png.len() > 2000);
        // Landscape: wider than tall (the PNG header's width and height).
        let (w, h) = (
            u32::from_be_bytes(png[16..20].try_into().unwrap()),
            u32::from_be_bytes(png[20..24].try_into().unwrap()),
        );
        assert!(w > h, "{} is {w}×{h}", pdf.display());
    }
}

#[test]
fn split_workbooks_carry_only_their_own_form() {
    // umya's copies of a workbook share one table of strings: a reused template once carried
    // every earlier form's text into the next --split file, and a template used twice gave
    // different bytes the second time.
    let loaded = load_ok(&root("examples/lhasa-kjj-2023"));
    let options = Options {
        split: true,
        ..Options::default()
    };
    let outputs = xlsx::build(&loaded.filing, None, &options).unwrap();
    let names: Vec<String> = loaded
        .filing
        .projects
        .iter()
        .map(|p| p.name.clone())
        .collect();
    for o in &outputs {
        let mut zip = zip::ZipArchive::new(Cursor::new(&o.bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/sharedStrings.xml").unwrap(), &mut xml)
            .unwrap();
        let sheet = &sheets(&o.bytes)[0];
        if sheet.at("A1") != "项目支出绩效目标表" {
            continue; // a department form names its projects in its funds table
        }
        let own = sheet.at("C4").to_string();
        for n in &names {
            let escaped = n.replace('&', "&amp;").replace('"', "&quot;");
            if *n != own && !own.is_empty() {
                assert!(
                    !xml.contains(&format!("<t>{escaped}</t>"))
                        && !xml.contains(&format!("<t>{n}</t>")),
                    "{}: carries {n}",
                    o.file_name
                );
            }
        }
    }
    let template = custom_template();
    let a = xlsx::build(&loaded.filing, Some(&template), &Options::default()).unwrap();
    let b = xlsx::build(&loaded.filing, Some(&template), &Options::default()).unwrap();
    assert!(
        a[0].bytes == b[0].bytes,
        "a template used twice gives the same bytes"
    );
}

#[test]
fn cli_scores_by_the_filings_profile_and_imports_the_self_evaluation() {
    let dir = tempfile::tempdir().unwrap();
    // The Hubei filing's kpi.toml says `scoring = "hubei-2022"`: 预算执行 weighs 20 there.
    let file = dir.path().join("hubei.xlsx");
    let ok = kpi_cmd()
        .args(["build", "--to", "xlsx", "--template"])
        .arg(root("examples/templates/hubei-self-evaluation.xlsx"))
        .arg("-o")
        .arg(&file)
        .arg(root(SPONGE))
        .status()
        .unwrap();
    assert!(ok.success());
    let s = sheets(&std::fs::read(&file).unwrap());
    assert_eq!(s[0].at("A5"), "预算执行情况\n（20分）");
    assert_eq!(s[0].at("H6"), "#19.55");
    // The Lhasa self-evaluation, built and imported by the command line.
    let file = dir.path().join("lhasa.xlsx");
    let ok = kpi_cmd()
        .args(["build", "--to", "xlsx", "-o"])
        .arg(&file)
        .arg(root(LHASA_SE))
        .status()
        .unwrap();
    assert!(ok.success());
    let out = kpi_cmd().arg("import").arg(&file).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for line in [
        "executed 0.3万元 { fiscal 0.3万元; };",
        "execution-score 10;",
        "total-score 95.5;",
        "actual 8个; score 8; reason \"两期培训因讲师行程调整推迟至2024年一季度。\";",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
}

#[test]
fn every_placeholder_is_documented() {
    use xlsx::context::{lists, scalar_names, FormKind};
    let doc = std::fs::read_to_string(root("docs/templates.md")).unwrap();
    for kind in [
        FormKind::Project,
        FormKind::Department,
        FormKind::SelfEvaluation,
        FormKind::Monitoring,
    ] {
        for name in scalar_names(kind) {
            assert!(doc.contains(&format!("{{{{{name}}}}}")), "{{{{{name}}}}}");
        }
        for list in lists(kind) {
            assert!(doc.contains(&format!("`{}`", list.name)), "{}", list.name);
            for field in list.fields {
                assert!(
                    doc.contains(&format!("`{field}`")),
                    "{}.{field} of {:?}",
                    list.var,
                    kind
                );
            }
        }
    }
}

#[test]
fn monitoring_round_trip_keeps_the_model() {
    for path in [
        "tests/fixtures/rules/K1307.kpi",
        "tests/fixtures/rules/K1307-ok.kpi",
        HERITAGE,
    ] {
        let original = load_ok(&root(path));
        assert!(
            original
                .filing
                .projects
                .iter()
                .all(|p| kpi::score::is_assessed(p) && !kpi::score::is_self_evaluation(p)),
            "{path} is a monitoring form"
        );
        assert_round_trip(path, &root(path), None);
    }
}

/// Issue 14: import refused kpi's own workbooks past about 1 990 forms (a 2 000-entry zip
/// limit). Its limits now scale with the workbook: 2 100 forms, and a department form with
/// 3 000 funds lines, go out and come back.
#[test]
fn import_takes_back_a_big_workbook_kpi_wrote() {
    let mut text = String::from("department \"大局\" {\n  year 2023;\n  funds {\n");
    for i in 0..3_000 {
        text.push_str(&format!("    project \"项目{i}\" {}万元 fiscal;\n", i + 1));
    }
    text.push_str("  }\n}\n");
    for i in 0..2_100 {
        text.push_str(&format!(
            "project \"项目{i}\" {{\n  year 2023;\n  budget {}万元 {{ fiscal {}万元; }};\n  goal \"第{i}个目标\";\n  output quantity \"数量{i}\" >= {i}个;\n}}\n",
            i + 1,
            i + 1
        ));
    }
    let loaded = kpi::filing::load_sources(vec![kpi::source::SourceFile::new("big.kpi", text)]);
    assert_eq!(loaded.filing.projects.len(), 2_100);
    let bytes = build(&loaded, None);
    let entries = zip::ZipArchive::new(std::io::Cursor::new(&bytes))
        .unwrap()
        .len();
    assert!(entries > 2_000, "the workbook has {entries} entries");
    let back = kpi::import::xlsx_to_kpi(&bytes, "big.xlsx").unwrap_or_else(|d| panic!("{d:?}"));
    let again = kpi::filing::load_sources(vec![kpi::source::SourceFile::new(
        "back.kpi",
        back.as_str(),
    )]);
    assert_eq!(again.filing.projects.len(), 2_100);
    assert_eq!(again.filing.departments.len(), 1);
    let lines = again.filing.departments[0]
        .funds
        .as_ref()
        .map_or(0, |f| f.lines.len());
    assert_eq!(lines, 3_000);
}

#[test]
fn import_still_refuses_a_zip_bomb() {
    // 150 MiB of spaces compress to well under 1 MiB: past both 100 MiB and 64 times the file.
    let bomb =
        xlsx::package::write_entries(&[("xl/worksheets/sheet1.xml".into(), vec![b' '; 150 << 20])])
            .unwrap();
    let err = kpi::import::xlsx_to_kpi(&bomb, "bomb.xlsx").unwrap_err();
    assert!(err.iter().any(|d| d.code == "K1109"), "{err:?}");
}
