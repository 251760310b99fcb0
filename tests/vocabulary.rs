//! The vocabulary (`src/model/vocab.rs`) and the grammar (`grammar/kpi.pest`) spell the same
//! keywords: every `kw_*` rule is a row with the same spellings in the same order, and every
//! row a rule. The editor and docs tests hold their side to the grammar (`vim_syntax.rs`,
//! `vscode_tokens.rs`, `docs.rs`), so everything that names a keyword agrees.

mod common;

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

/// A unit must not swallow a keyword (`unit = @{ !(keyword ~ kw_end) ~ … }`): every spelling
/// is in the grammar's `keyword` rule, directly or through a rule spelt the same (`kw_cost2`
/// is `kw_cost`).
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
