//! The module structure (issue 9): data flows one way. The top-level modules of `src/` form
//! no cycle, the back ends (`emit/json`, `emit/xlsx`) never import each other, and the
//! leaves (`source`, `diag`, `model`) depend on nothing above them. Read from the source's
//! `crate::…` paths.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each `src/` module (top level, or `emit/<back end>`) → the modules its code names.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    walk(Path::new("src"), &mut files);
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let rel = f
            .strip_prefix("src")
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let module = module_of(rel.trim_end_matches(".rs"));
        if module == "lib" || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let code: String = text
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        let mut rest = code.as_str();
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let target = module_of(&path.replace("::", "/"));
            if !target.is_empty() && target != module {
                deps.entry(module.clone()).or_default().insert(target);
            }
        }
        deps.entry(module).or_default();
    }
    deps
}

/// `emit/xlsx/template` → `emit/xlsx`; `check/money` → `check`.
fn module_of(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        ["emit", backend, ..] if *backend != "mod" => format!("emit/{backend}"),
        [top, ..] => top.to_string(),
        [] => String::new(),
    }
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn modules_form_no_cycle() {
    let deps = dependencies();
    assert!(deps.len() >= 12, "{deps:?}");
    // Kahn's algorithm: what remains after removing every module without dependencies is a
    // cycle.
    let mut remaining = deps.clone();
    loop {
        let free: Vec<String> = remaining
            .iter()
            .filter(|(_, d)| d.iter().all(|t| !remaining.contains_key(t)))
            .map(|(m, _)| m.clone())
            .collect();
        if free.is_empty() {
            break;
        }
        for m in free {
            remaining.remove(&m);
        }
    }
    assert!(remaining.is_empty(), "modules in a cycle: {remaining:#?}");
}

#[test]
fn back_ends_and_leaves_stay_in_their_place() {
    let deps = dependencies();
    let of = |m: &str| deps.get(m).cloned().unwrap_or_default();
    assert!(
        !of("emit/json").contains("emit/xlsx"),
        "{:?}",
        of("emit/json")
    );
    assert!(
        !of("emit/xlsx").contains("emit/json"),
        "{:?}",
        of("emit/xlsx")
    );
    for back_end in ["emit/json", "emit/xlsx"] {
        for front in ["check", "cli", "import", "fmt"] {
            assert!(!of(back_end).contains(front), "{back_end} -> {front}");
        }
    }
    assert!(of("source").is_empty(), "{:?}", of("source"));
    assert!(of("diag").iter().all(|d| d == "source"), "{:?}", of("diag"));
    assert!(
        of("model").iter().all(|d| d == "source"),
        "{:?}",
        of("model")
    );
}

/// Issue 9: a rule's message is defined once, beside the rule, by its finding type
/// (`diag::Finding`). A diagnostic made by hand elsewhere would word a rule somewhere else.
#[test]
fn diagnostics_are_made_only_from_findings() {
    let mut files = Vec::new();
    walk(Path::new("src"), &mut files);
    let mut by_hand = Vec::new();
    for f in files {
        let path = f.to_string_lossy().replace('\\', "/");
        if path.starts_with("src/diag/") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.contains("Diagnostic::new(") || line.contains("Diagnostic::at(") {
                by_hand.push(format!("{path}:{}", i + 1));
            }
        }
    }
    assert!(
        by_hand.is_empty(),
        "make these diagnostics from the rule's finding type (impl diag::Finding): {by_hand:?}"
    );
}

/// Issue 13 (cold build time): the lock file holds one version of each xlsx crate and no
/// ICU4X. calamine and umya-spreadsheet share zip and quick-xml only while their versions
/// agree, and ICU4X (about 20 s of a cold release build) comes back with a plain
/// `cargo update` unless Cargo.toml's pins (`idna_adapter`, `textwrap`) hold it out. Read from
/// Cargo.lock, so `cargo update` that undoes either fails here, not silently in build time.
#[test]
fn the_build_has_one_zip_one_xml_reader_and_no_icu() {
    let lock = std::fs::read_to_string("Cargo.lock").unwrap();
    let mut versions: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut name = None;
    for line in lock.lines() {
        if let Some(n) = line.strip_prefix("name = ") {
            name = Some(n.trim_matches('"'));
        } else if let (Some(v), Some(n)) = (line.strip_prefix("version = "), name.take()) {
            versions.entry(n).or_default().push(v.trim_matches('"'));
        }
    }
    for krate in ["zip", "quick-xml", "calamine", "umya-spreadsheet"] {
        assert_eq!(
            versions.get(krate).map(Vec::len),
            Some(1),
            "{krate}: {:?} — keep one version (Cargo.toml says which calamine goes with umya)",
            versions.get(krate)
        );
    }
    let icu: Vec<_> = versions.keys().filter(|n| n.starts_with("icu_")).collect();
    assert!(
        icu.is_empty(),
        "ICU4X is back in the build: {icu:?} (see the idna_adapter and textwrap pins in Cargo.toml)"
    );
}
