//! The JSON of every example: insta snapshots, validation against the committed JSON Schema
//! with a real validator, byte determinism, and the CLI's exit codes.

use crate::common;

use std::process::Command;

use kpi::emit::json;
use kpi::filing::load;

fn build(dir: &str) -> String {
    let loaded = load(&[common::root().join(dir)]).unwrap();
    let mut out = json::to_json(&loaded.filing);
    // Snapshots must not depend on where the repository is checked out.
    let root = format!("{}/", common::root().display());
    out = out.replace(&root, "");
    out
}

const EXAMPLES: &[&str] = &[
    "examples/quickstart.kpi",
    "examples/lhasa-kjj-2023",
    "examples/lhasa-kjj-2023-self-evaluation",
];

#[test]
fn examples_json_snapshots() {
    for dir in EXAMPLES {
        let name = dir.trim_start_matches("examples/").trim_end_matches(".kpi");
        insta::assert_snapshot!(format!("json-{name}"), build(dir));
    }
}

/// `kpi build --to schema` prints the committed schema (the unit test
/// `emit::json::tests::committed_schema_is_the_generated_one` holds it to the output types).
#[test]
fn the_schema_printed_is_the_committed_one() {
    let committed = std::fs::read_to_string(common::root().join("docs/kpi.schema.json")).unwrap();
    assert_eq!(committed, json::schema());
}

#[test]
fn every_example_validates_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(&json::schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for dir in EXAMPLES {
        let doc: serde_json::Value = serde_json::from_str(&build(dir)).unwrap();
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{dir}: {errors:#?}");
    }
    // And the validator does reject a document of the wrong shape.
    let bad =
        serde_json::json!({"kpi_json_version": 1, "departments": [], "projects": [{"name": 5}]});
    assert!(!validator.is_valid(&bad));
}

#[test]
fn money_is_exact_strings_never_floats() {
    let doc: serde_json::Value = serde_json::from_str(&build("examples/lhasa-kjj-2023")).unwrap();
    let keji = doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "科技专项")
        .unwrap();
    let total = &keji["budget"]["total"];
    assert_eq!(total["value"], "1238.68");
    assert_eq!(total["unit"], "万元");
    assert_eq!(total["normalized"]["value"], "12386800.00");
    assert_eq!(total["normalized"]["unit"], "元");
    fn no_floats(v: &serde_json::Value) {
        match v {
            serde_json::Value::Number(n) => assert!(n.is_i64() || n.is_u64(), "float {n}"),
            serde_json::Value::Array(a) => a.iter().for_each(no_floats),
            serde_json::Value::Object(o) => o.values().for_each(no_floats),
            _ => {}
        }
    }
    no_floats(&doc);
}

#[test]
fn json_is_byte_deterministic() {
    for dir in EXAMPLES {
        assert_eq!(build(dir), build(dir));
    }
}

fn kpi(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kpi"))
        .args(args)
        .current_dir(common::root())
        .env_remove("LANG")
        .env_remove("KPI_LANG")
        .env_remove("LC_ALL")
        .output()
        .unwrap()
}

#[test]
fn quickstart_checks_clean() {
    let out = kpi(&["check", "examples/quickstart.kpi"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn missing_semicolon_exits_1_with_file_line_col() {
    let out = kpi(&["check", "tests/fixtures/syntax/missing-semicolon.kpi"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("K0108"), "{stdout}");
    assert!(
        stdout.contains("tests/fixtures/syntax/missing-semicolon.kpi:2:19"),
        "{stdout}"
    );
}

#[test]
fn io_problems_exit_2() {
    assert_eq!(kpi(&["check", "no/such/file.kpi"]).status.code(), Some(2));
    assert_eq!(kpi(&["check"]).status.code(), Some(2));
    assert_eq!(kpi(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn build_writes_the_output_file_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.json");
    let out = kpi(&[
        "build",
        "examples/quickstart.kpi",
        "--to",
        "json",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("\"科技专项\""));
    // Nothing but the output file is left in the directory.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// `-o -` is standard output (as `-` is for `kpi fmt`), not a file called `-`.
#[test]
fn dash_output_is_standard_output() {
    let cwd = tempfile::tempdir().unwrap();
    let form = common::root().join("examples/quickstart.kpi");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_kpi"))
            .args(args)
            .arg(&form)
            .current_dir(cwd.path())
            .output()
            .unwrap()
    };
    for args in [
        &["build", "--to", "json"][..],
        &["check", "--format", "json"][..],
    ] {
        let plain = run(args);
        let dash = run(&[args, &["-o", "-"][..]].concat());
        assert_eq!(dash.status.code(), plain.status.code(), "{args:?}");
        assert!(!plain.stdout.is_empty(), "{args:?}");
        assert_eq!(dash.stdout, plain.stdout, "{args:?}");
    }
    assert_eq!(std::fs::read_dir(cwd.path()).unwrap().count(), 0);
}

#[test]
fn build_refuses_input_that_does_not_parse() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.json");
    let out = kpi(&[
        "build",
        "tests/fixtures/syntax/missing-semicolon.kpi",
        "--to",
        "json",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!target.exists());
}

#[test]
fn lang_flag_and_environment_choose_the_language() {
    let zh = kpi(&[
        "check",
        "--lang",
        "zh",
        "tests/fixtures/syntax/missing-semicolon.kpi",
    ]);
    assert!(String::from_utf8_lossy(&zh.stdout).contains("缺少分号"));
    let env_zh = Command::new(env!("CARGO_BIN_EXE_kpi"))
        .args(["check", "tests/fixtures/syntax/missing-semicolon.kpi"])
        .current_dir(common::root())
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&env_zh.stdout).contains("缺少分号"));
    let en = kpi(&["check", "tests/fixtures/syntax/missing-semicolon.kpi"]);
    assert!(String::from_utf8_lossy(&en.stdout).contains("missing `;`"));
    // KPI_LANG, kpi's own setting, comes before the locale.
    let run = |kpi_lang: &str, lang: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_kpi"))
            .args(["check", "tests/fixtures/syntax/missing-semicolon.kpi"])
            .current_dir(common::root())
            .env("KPI_LANG", kpi_lang)
            .env("LANG", lang)
            .env_remove("LC_ALL")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    assert!(run("zh", "en_US.UTF-8").contains("缺少分号"));
    assert!(run("en", "zh_CN.UTF-8").contains("missing `;`"));
}
