//! The vocabulary (`src/model/vocab.rs`) and the grammar (`grammar/kpi.pest`) spell the same
//! keywords: every `kw_*` rule is a row with the same spellings in the same order, and every
//! row a rule; the tree-sitter grammar (`editors/tree-sitter-kpi/grammar.js`) spells them the
//! same way. The editor and docs tests hold their side to the grammar (`vim_syntax.rs`,
//! `vscode_tokens.rs`, `tree_sitter.rs`, `docs.rs`), so everything that names a keyword agrees.

use crate::common;

use std::collections::BTreeMap;

use kpi::model::vocab::WORDS;

#[test]
fn grammar_and_vocabulary_spell_the_same_keywords() {
    let grammar: BTreeMap<String, Vec<String>> =
        common::grammar_keyword_rules().into_iter().collect();
    assert!(grammar.len() > 40, "{grammar:?}");
    let mut failures = Vec::new();
    for (rule, spellings) in &grammar {
        match WORDS.iter().find(|w| w.rule == rule) {
            None => failures.push(format!(
                "grammar rule {rule} has no row in src/model/vocab.rs WORDS"
            )),
            Some(w) if w.spellings != spellings.as_slice() => failures.push(format!(
                "{rule}: the grammar spells {spellings:?}, the vocabulary {:?}",
                w.spellings
            )),
            Some(_) => {}
        }
    }
    for w in WORDS {
        if !grammar.contains_key(w.rule) {
            failures.push(format!(
                "vocabulary row {} ({}) has no rule in grammar/kpi.pest",
                w.rule, w.en
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A unit must not swallow a keyword (`unit = @{ !(&keyword_start ~ keyword ~ kw_end) ~ … }`):
/// every spelling is in the grammar's `keyword` rule, directly or through a rule spelt the same
/// (`kw_cost2` is `kw_cost`); that each begins with a `keyword_start` character is
/// `syntax::keywords::tests::keyword_start_begins_every_keyword`.
#[test]
fn every_keyword_stops_a_unit() {
    let pest = std::fs::read_to_string(common::root().join("grammar/kpi.pest")).unwrap();
    let start = pest.find("\nkeyword = _{").expect("the keyword rule") + 1;
    let body = &pest[start..start + pest[start..].find('}').unwrap()];
    let listed: Vec<&str> = body
        .split_once('{')
        .unwrap()
        .1
        .split('|')
        .map(str::trim)
        .collect();
    let grammar: BTreeMap<String, Vec<String>> =
        common::grammar_keyword_rules().into_iter().collect();
    for (rule, spellings) in &grammar {
        let covered = listed.contains(&rule.as_str())
            || listed
                .iter()
                .any(|other| grammar.get(*other) == Some(spellings));
        assert!(covered, "{rule} is missing from `keyword = _{{ … }}`");
    }
}

/// The tree-sitter grammar (`editors/tree-sitter-kpi/grammar.js`) spells every keyword rule
/// as the pest grammar does: its `KEYWORDS` table has one entry per `kw_*` rule, with the same
/// spellings in the same order (the parity test in `tree_sitter.rs` then holds the rest of
/// the syntax to the pest grammar).
#[test]
fn tree_sitter_grammar_spells_the_same_keywords() {
    let js =
        std::fs::read_to_string(common::root().join("editors/tree-sitter-kpi/grammar.js")).unwrap();
    let start = js
        .find("const KEYWORDS = {")
        .expect("a KEYWORDS table in grammar.js");
    let body = &js[start..start + js[start..].find("\n};").expect("the end of KEYWORDS")];
    let mut table = BTreeMap::new();
    for line in body.lines().skip(1) {
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        let (rule, list) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("not `kw_x: ['a', 'b'],`: {line}"));
        let spellings: Vec<String> = list
            .split('\'')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        assert!(!spellings.is_empty(), "no spellings: {line}");
        table.insert(rule.trim().to_string(), spellings);
    }
    let grammar: BTreeMap<String, Vec<String>> =
        common::grammar_keyword_rules().into_iter().collect();
    assert_eq!(
        table, grammar,
        "grammar.js KEYWORDS (left) and grammar/kpi.pest (right) differ"
    );
    for w in WORDS {
        assert_eq!(
            table.get(w.rule),
            Some(&w.spellings.iter().map(|s| s.to_string()).collect()),
            "{}",
            w.rule
        );
    }
    // Every rule of the table is used by the grammar (a keyword listed but never parsed would
    // pass the comparison above and still not be highlighted).
    for rule in table.keys() {
        assert!(
            js.contains(&format!("kw('{rule}')")),
            "grammar.js lists {rule} in KEYWORDS but never uses it"
        );
    }
}
