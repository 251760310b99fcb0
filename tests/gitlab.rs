//! `kpi check --format gitlab`: the GitLab Code Quality report (docs/ci.md). Valid against the
//! format GitLab documents (tests/data/gitlab-codequality.schema.json), one entry per finding,
//! fingerprints unique (GitLab shows only the first of findings sharing one) and stable
//! (the same for the same input, for either --lang, and when lines are added above).

use crate::common;
use std::collections::BTreeSet;

use std::process::Command;

const FILING: &str = "examples/lhasa-kjj-2023";

fn kpi(args: &[&str]) -> (i32, String) {
    let (code, stdout, _) = common::kpi_in(None, args, &[]);
    (code, stdout)
}

fn report(args: &[&str]) -> Vec<serde_json::Value> {
    let (code, out) = kpi(args);
    assert_eq!(code, 1, "the Lhasa filing has errors: exit 1");
    serde_json::from_str::<serde_json::Value>(&out)
        .expect("JSON")
        .as_array()
        .expect("an array")
        .clone()
}

fn fingerprints(issues: &[serde_json::Value]) -> Vec<String> {
    issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn gitlab_report_is_valid_against_the_documented_format() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/data/gitlab-codequality.schema.json").unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let (_, short) = kpi(&["check", FILING, "--format", "short"]);
    for lang in ["en", "zh"] {
        let issues = report(&["check", FILING, "--format", "gitlab", "--lang", lang]);
        let doc = serde_json::Value::Array(issues.clone());
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "invalid: {errors:#?}");
        // One entry per finding, in the same order and at the same lines as `--format short`.
        let lines: Vec<&str> = short.lines().collect();
        assert_eq!(issues.len(), lines.len());
        for (issue, line) in issues.iter().zip(&lines) {
            let (path, rest) = line.split_once(':').unwrap();
            let begin = rest.split(':').next().unwrap();
            assert_eq!(issue["location"]["path"], path, "{line}");
            assert_eq!(
                issue["location"]["lines"]["begin"].to_string(),
                begin,
                "{line}"
            );
            let code = line.split('[').nth(1).unwrap().split(']').next().unwrap();
            assert_eq!(issue["check_name"], code);
            let severity = if line.contains(": error[") {
                "critical"
            } else if line.contains(": warning[") {
                "minor"
            } else {
                "info"
            };
            assert_eq!(issue["severity"], severity, "{line}");
        }
        // Messages follow --lang.
        let description = issues[0]["description"].as_str().unwrap();
        let has_han = description
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        if lang == "zh" {
            assert!(has_han, "{description}");
        }
        // Unique: GitLab would show only the first of a shared fingerprint.
        let unique: BTreeSet<String> = fingerprints(&issues).into_iter().collect();
        assert_eq!(unique.len(), issues.len());
    }
    // Documents the schema must reject, so that the validation above can fail.
    let bad_severity = serde_json::json!([{ "description": "x", "check_name": "K0101",
        "fingerprint": "f", "severity": "error", "location": { "path": "a.kpi", "lines": { "begin": 1 } } }]);
    assert!(!validator.is_valid(&bad_severity));
    let no_line = serde_json::json!([{ "description": "x", "check_name": "K0101",
        "fingerprint": "f", "severity": "minor", "location": { "path": "a.kpi" } }]);
    assert!(!validator.is_valid(&no_line));
}

#[test]
fn fingerprints_are_stable() {
    let en = report(&["check", FILING, "--format", "gitlab", "--lang", "en"]);
    let again = report(&["check", FILING, "--format", "gitlab", "--lang", "en"]);
    let zh = report(&["check", FILING, "--format", "gitlab", "--lang", "zh"]);
    assert_eq!(en, again, "same input, same report");
    assert_eq!(
        fingerprints(&en),
        fingerprints(&zh),
        "the language changes no fingerprint"
    );

    // Lines added at the top of a form move its findings down but keep their fingerprints,
    // so GitLab does not report them as new in a merge request.
    let shifted_file = "00-department.kpi";
    let copy = |shift: bool| -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("filing")).unwrap();
        for entry in std::fs::read_dir(FILING).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let mut text = std::fs::read(&path).unwrap();
            if shift && name == shifted_file {
                let mut moved = b"// a comment\n// and another\n".to_vec();
                moved.append(&mut text);
                text = moved;
            }
            std::fs::write(dir.path().join("filing").join(&name), text).unwrap();
        }
        dir
    };
    let run_in = |dir: &tempfile::TempDir| -> Vec<serde_json::Value> {
        let out = Command::new(env!("CARGO_BIN_EXE_kpi"))
            .args(["check", "filing", "--format", "gitlab", "--lang", "en"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&out.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    let (plain, shifted) = (copy(false), copy(true));
    let before = run_in(&plain);
    let after = run_in(&shifted);
    assert_eq!(before.len(), after.len());
    assert_eq!(fingerprints(&before), fingerprints(&after));
    let moved = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| {
            b["location"]["path"] == format!("filing/{shifted_file}")
                && a["location"]["lines"]["begin"].as_u64()
                    == b["location"]["lines"]["begin"].as_u64().map(|l| l + 2)
        })
        .count();
    assert!(
        moved > 0,
        "no finding in {shifted_file} moved down two lines"
    );
}
