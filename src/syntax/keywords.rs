//! Which grammar rule is which word of the vocabulary ([`crate::model::vocab`]): a `kw_*`
//! rule is the row that names it. The vocabulary knows rules only by name, so that it does
//! not depend on the parser; the link is made here, once.

use std::sync::LazyLock;

use super::Rule;
use crate::model::vocab::{Meaning, Word, WORDS};

/// Every rule's word, indexed by the rule.
static BY_RULE: LazyLock<Vec<Option<&'static Word>>> = LazyLock::new(|| {
    let rules = Rule::all_rules();
    let len = rules.iter().map(|r| *r as usize + 1).max().unwrap_or(0);
    let mut words = vec![None; len];
    for &rule in rules {
        let name = format!("{rule:?}");
        words[rule as usize] = WORDS.iter().find(|w| w.rule == name);
    }
    words
});

/// The word a `kw_*` rule spells; `None` for any other rule.
pub fn keyword(rule: Rule) -> Option<&'static Word> {
    BY_RULE.get(rule as usize).copied().flatten()
}

/// What a `kw_*` rule means; `None` for any other rule.
pub fn meaning(rule: Rule) -> Option<Meaning> {
    keyword(rule).map(|w| w.meaning)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each `kw_*` rule of the parser has its row, and each row its rule.
    #[test]
    fn rules_and_rows_match() {
        let kw_rules: Vec<Rule> = Rule::all_rules()
            .iter()
            .copied()
            .filter(|r| format!("{r:?}").starts_with("kw_") && *r != Rule::kw_end)
            .collect();
        for r in &kw_rules {
            assert!(
                keyword(*r).is_some(),
                "{r:?} has no row in model::vocab::WORDS"
            );
        }
        for w in WORDS {
            assert!(
                kw_rules.iter().any(|r| keyword(*r) == Some(w)),
                "{} is no rule of the grammar",
                w.rule
            );
        }
        assert_eq!(keyword(Rule::string), None);
        assert_eq!(keyword(Rule::kw_cost2).map(|w| w.en), Some("cost"));
    }

    /// `unit` tries the keywords only after `keyword_start` (issue 14): every spelling of
    /// every keyword (the vocabulary's, which `tests/vocabulary.rs` holds to the grammar's)
    /// must begin with one of its characters, or a unit spelt like it would be read as a unit.
    #[test]
    fn keyword_start_begins_every_keyword() {
        use pest::Parser;
        for w in WORDS {
            for s in w.spellings {
                assert!(
                    crate::syntax::KpiParser::parse(Rule::keyword_start, s).is_ok(),
                    "{s} ({}) begins with no character of keyword_start",
                    w.rule
                );
            }
        }
        // The fast refusals of common units, and a character on the list.
        for unit in ["万元", "%", "天", "个"] {
            assert!(crate::syntax::KpiParser::parse(Rule::keyword_start, unit).is_err());
        }
        assert!(crate::syntax::KpiParser::parse(Rule::keyword_start, "人次").is_ok());
    }
}
