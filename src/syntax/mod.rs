//! Parsing (语法分析): `.kpi` text → pest syntax tree, with error recovery and syntax errors a
//! finance officer can read.
//!
//! The grammar (`grammar/kpi.pest`) is tolerant: a statement or item that does not parse is
//! swallowed by a `recover_*` rule, so one mistake does not hide the rest of the file. Each
//! swallowed piece is parsed again with the strict rule to find the exact error, which is
//! turned into a [`Diagnostic`] in words a user knows (not pest rule names).

mod errors;
mod keywords;
pub mod rules;
pub mod tree;

use pest::iterators::Pair;
use pest::Parser;

use crate::diag::{Diagnostic, Finding};
use crate::source::{FileId, Span};

pub use errors::syntax_error;
pub use keywords::{keyword, meaning};
pub use tree::{SyntaxKind, SyntaxNode, SyntaxToken, SyntaxTree};

/// The pest parser generated from `grammar/kpi.pest`.
#[derive(pest_derive::Parser)]
#[grammar = "grammar/kpi.pest"]
pub struct KpiParser;

/// What the parser made of a file: the items that parsed and the syntax errors.
pub struct ParsedFile<'a> {
    /// `project_item` and `department_item` pairs, in file order.
    pub items: Vec<Pair<'a, Rule>>,
    /// Comments, in file order (kept for the formatter).
    pub comments: Vec<Pair<'a, Rule>>,
    pub diagnostics: Vec<Diagnostic>,
    /// The lossless tree of the file (every byte, trivia and errors included), when asked
    /// for: [`parse_file`] builds it, [`parse_file_without_tree`] does not.
    pub tree: Option<SyntaxTree>,
}

impl ParsedFile<'_> {
    /// The comments, in file order: their span and text (what suppressions read).
    pub fn comment_spans(&self) -> Vec<(Span, String)> {
        self.comments
            .iter()
            .map(|c| (Span::from(c.as_span()), c.as_str().to_string()))
            .collect()
    }
}

/// How many files this process has parsed ([`parse_file`] calls): how the tests hold the
/// formatter and the checker to one parse per file.
#[doc(hidden)]
pub fn parse_count() -> usize {
    PARSES.with(std::cell::Cell::get)
}

thread_local! {
    /// Per thread, so that tests running side by side do not count each other's parses.
    static PARSES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Parses a whole file and builds its lossless tree (the language server's view of it).
/// Never fails: what does not parse becomes diagnostics.
pub fn parse_file(text: &str, file: FileId) -> ParsedFile<'_> {
    parse(text, file, true)
}

/// [`parse_file`] without the lossless tree, for the commands that read the model and the
/// comments only (check, build, fmt): building the tree was a sixth of a check's
/// instructions, and holding it a quarter of its memory (issue 14).
pub fn parse_file_without_tree(text: &str, file: FileId) -> ParsedFile<'_> {
    parse(text, file, false)
}

fn parse(text: &str, file: FileId, with_tree: bool) -> ParsedFile<'_> {
    PARSES.with(|n| n.set(n.get() + 1));
    let tree = |pairs: Option<pest::iterators::Pairs<'_, Rule>>| {
        with_tree.then(|| SyntaxTree::build(text, pairs))
    };
    let mut parsed = ParsedFile {
        items: Vec::new(),
        comments: Vec::new(),
        diagnostics: Vec::new(),
        // Filled below, once: from the parse, or as one error piece when there is none.
        tree: None,
    };
    let pairs = match KpiParser::parse(Rule::file, text) {
        Ok(mut pairs) => match pairs.next() {
            Some(file_pair) => file_pair.into_inner(),
            None => {
                parsed.tree = tree(None);
                return parsed;
            }
        },
        Err(err) => {
            // The tolerant grammar accepts any text; this is a safety net.
            parsed
                .diagnostics
                .push(syntax_error(text, &err, Span::new(0, text.len()), file));
            parsed.tree = tree(None);
            return parsed;
        }
    };
    if let Some(d) = too_deep(text, file) {
        parsed.diagnostics.push(d);
    }
    parsed.tree = tree(Some(pairs.clone()));
    for pair in pairs {
        match pair.as_rule() {
            Rule::item => {
                if let Some(inner) = pair.into_inner().next() {
                    collect_comments(inner.clone(), &mut parsed.comments);
                    parsed.items.push(inner);
                }
            }
            Rule::recover_item => {
                let span = pair.as_span();
                parsed
                    .diagnostics
                    .push(strict_error(text, span.into(), Rule::item_only, file));
            }
            Rule::COMMENT => parsed.comments.push(pair),
            _ => {}
        }
    }
    parsed
}

/// How deep `{` may nest before the parser stops reading structure: the grammar's recovery
/// unrolls this many levels (`brace_group` … `brace_group8`) instead of recursing.
pub const MAX_DEPTH: usize = 8;

/// K0113 at the first `{` nested deeper than [`MAX_DEPTH`]: one linear scan that skips texts
/// and comments as the grammar does.
///
/// Over bytes, not characters: every character it looks for is ASCII or one of four
/// three-byte ones (`“ ” ｛ ｝`, lead bytes 0xE2 and 0xEF), and decoding each character of the
/// file was 3% of a check (issue 14). Runs of other bytes, the insides of texts and comments
/// are skipped with memchr. A continuation byte (0x80–0xBF) never equals a byte searched for,
/// so skipping one byte after `\\` lands safely inside a character.
fn too_deep(text: &str, file: FileId) -> Option<Diagnostic> {
    const OPEN_QUOTE: &[u8] = "“".as_bytes();
    const CLOSE_QUOTE: &[u8] = "”".as_bytes();
    const WIDE_OPEN: &[u8] = "｛".as_bytes();
    const WIDE_CLOSE: &[u8] = "｝".as_bytes();
    // The bytes that may begin something the scan looks at.
    const STOP: [bool; 256] = {
        let mut t = [false; 256];
        let mut k = 0;
        let stops = [b'"', b'/', b'{', b'}', 0xE2, 0xEF];
        while k < stops.len() {
            t[stops[k] as usize] = true;
            k += 1;
        }
        t
    };
    let b = text.as_bytes();
    let end_of =
        |from: usize, found: Option<usize>, len: usize| found.map_or(b.len(), |n| from + n + len);
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        if !STOP[b[i] as usize] {
            i += 1;
            continue;
        }
        let rest = &b[i..];
        match rest[0] {
            b'"' => {
                i += 1;
                loop {
                    match memchr::memchr2(b'"', b'\\', &b[i.min(b.len())..]) {
                        Some(n) if b[i + n] == b'\\' => i += n + 2,
                        found => {
                            i = end_of(i, found, 1);
                            break;
                        }
                    }
                }
            }
            b'/' if rest.get(1) == Some(&b'/') => {
                i = end_of(i, memchr::memchr(b'\n', rest), 1);
            }
            b'/' if rest.get(1) == Some(&b'*') => {
                i = end_of(i + 2, memchr::memmem::find(&rest[2..], b"*/"), 2);
            }
            b'{' => {
                depth += 1;
                if depth > MAX_DEPTH + 1 {
                    return Some(nesting_too_deep(file, Span::new(i, i + 1)));
                }
                i += 1;
            }
            0xEF if rest.starts_with(WIDE_OPEN) => {
                depth += 1;
                if depth > MAX_DEPTH + 1 {
                    return Some(nesting_too_deep(file, Span::new(i, i + 3)));
                }
                i += 3;
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            0xEF if rest.starts_with(WIDE_CLOSE) => {
                depth = depth.saturating_sub(1);
                i += 3;
            }
            0xE2 if rest.starts_with(OPEN_QUOTE) => {
                // To the next `“` or `”` (both begin 0xE2 0x80).
                i += 3;
                loop {
                    match memchr::memchr(0xE2, &b[i.min(b.len())..]) {
                        Some(n)
                            if b[i + n..].starts_with(OPEN_QUOTE)
                                || b[i + n..].starts_with(CLOSE_QUOTE) =>
                        {
                            i += n + 3;
                            break;
                        }
                        Some(n) => i += n + 1,
                        None => {
                            i = b.len();
                            break;
                        }
                    }
                }
            }
            _ => i += 1,
        }
    }
    None
}

fn nesting_too_deep(file: FileId, span: Span) -> Diagnostic {
    rules::NestingTooDeep {
        limit: MAX_DEPTH + 1,
    }
    .at(file, span)
}

/// The precise error for a piece of text that the tolerant grammar swallowed: parse it again
/// with `rule` (which must fail on it) and report where and why.
pub fn strict_error(text: &str, span: Span, rule: Rule, file: FileId) -> Diagnostic {
    let slice = &text[span.start..span.end];
    match KpiParser::parse(rule, slice) {
        Err(err) => syntax_error(text, &err, span, file),
        // Parses on its own but not in context (e.g. a statement of the wrong form kind).
        Ok(_) => errors::out_of_place(text, span, file),
    }
}

fn collect_comments<'a>(pair: Pair<'a, Rule>, out: &mut Vec<Pair<'a, Rule>>) {
    // A form without `//` or `/*` has no comment, and is not walked pair by pair (issue 14).
    let text = pair.as_str();
    if !(text.contains("//") || text.contains("/*")) {
        return;
    }
    for p in pair.into_inner().flatten() {
        if p.as_rule() == Rule::COMMENT {
            out.push(p);
        }
    }
}

/// The inner pairs of a pair, comments left out.
pub fn children<'a>(pair: &Pair<'a, Rule>) -> impl Iterator<Item = Pair<'a, Rule>> {
    pair.clone()
        .into_inner()
        .filter(|p| p.as_rule() != Rule::COMMENT)
}

/// The text of a string literal, with escapes resolved.
pub fn string_value(pair: &Pair<'_, Rule>) -> String {
    let raw = pair.as_str();
    if let Some(inner) = raw.strip_prefix('“').and_then(|s| s.strip_suffix('”')) {
        return inner.to_string();
    }
    let inner = raw
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(raw);
    // Most texts have no escape: copied whole, not a character at a time (issue 14).
    let Some(first) = memchr::memchr(b'\\', inner.as_bytes()) else {
        return inner.to_string();
    };
    let mut out = String::with_capacity(inner.len());
    out.push_str(&inner[..first]);
    let mut chars = inner[first..].chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    /// The rules of a grammar text and the rules each one names (see [`rule_bodies`]).
    fn rule_graph(grammar: &str) -> BTreeMap<String, BTreeSet<String>> {
        let bodies = rule_bodies(grammar);
        let names: BTreeSet<String> = bodies.iter().map(|(n, _)| n.clone()).collect();
        bodies
            .into_iter()
            .map(|(name, body)| {
                let used = body
                    .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .filter(|w| names.contains(*w))
                    .map(str::to_string)
                    .collect();
                (name, used)
            })
            .collect()
    }

    /// The rules of a grammar text and their bodies, read the plain way: comments, strings
    /// and character literals removed, then `name = modifier{ body }`.
    fn rule_bodies(grammar: &str) -> Vec<(String, String)> {
        let mut plain = String::new();
        let mut chars = grammar.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '/' if chars.peek() == Some(&'/') => {
                    for c in chars.by_ref() {
                        if c == '\n' {
                            plain.push('\n');
                            break;
                        }
                    }
                }
                // A block comment, nested as pest nests them; its line breaks are kept, so
                // that the rules after it still begin their lines.
                '/' if chars.peek() == Some(&'*') => {
                    chars.next();
                    let mut depth = 1;
                    while depth > 0 {
                        match chars.next() {
                            Some('/') if chars.peek() == Some(&'*') => {
                                chars.next();
                                depth += 1;
                            }
                            Some('*') if chars.peek() == Some(&'/') => {
                                chars.next();
                                depth -= 1;
                            }
                            Some('\n') => plain.push('\n'),
                            Some(_) => {}
                            None => break,
                        }
                    }
                    plain.push(' ');
                }
                '"' | '\'' => {
                    while let Some(d) = chars.next() {
                        if d == '\\' {
                            chars.next();
                        } else if d == c {
                            break;
                        }
                    }
                    plain.push(' ');
                }
                c => plain.push(c),
            }
        }
        let mut bodies: Vec<(String, String)> = Vec::new();
        for line in plain.lines() {
            let definition = line.split_once('=').filter(|(name, rest)| {
                let name = name.trim();
                !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    // The body begins after the `=`, or on the next line.
                    && (rest.trim().is_empty()
                        || rest.trim_start().starts_with(['{', '_', '@', '$', '!']))
            });
            match definition {
                Some((name, rest)) => bodies.push((name.trim().to_string(), rest.to_string())),
                None => {
                    if let Some(last) = bodies.last_mut() {
                        last.1.push(' ');
                        last.1.push_str(line);
                    }
                }
            }
        }
        bodies
    }

    /// The grammar uses none of pest's stack operations (`PUSH`, `POP`, `PEEK`, `DROP` …).
    /// kpi is built on pest 2.8 (Cargo.toml): 2.9 snapshots the stack at every sequence and
    /// restores it after a failed one (pest#1184), which only a grammar with stack operations
    /// needs; for kpi's the snapshots were ≈ 10% of a check's instructions (with 2.9's other
    /// per-call bookkeeping, 2.8 runs a check in 18% fewer, issue 14). 2.8 does not restore,
    /// so a stack operation here could see a stack a failed branch left behind.
    #[test]
    fn the_grammar_uses_no_stack_operations() {
        let stack_ops = [
            "PUSH",
            "PUSH_LITERAL",
            "POP",
            "POP_ALL",
            "PEEK",
            "PEEK_ALL",
            "DROP",
        ];
        let uses = |grammar: &str| -> Vec<String> {
            rule_bodies(grammar)
                .into_iter()
                .filter(|(_, body)| {
                    body.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .any(|w| stack_ops.contains(&w))
                })
                .map(|(name, _)| name)
                .collect()
        };
        let rules = rule_bodies(include_str!("../../grammar/kpi.pest"));
        assert!(rules.len() > 150, "{} rules read", rules.len());
        assert_eq!(
            uses(include_str!("../../grammar/kpi.pest")),
            Vec::<String>::new()
        );
        // The reader does see one, and not in a text.
        assert_eq!(
            uses("a = { PUSH(\"x\") ~ b }\nb = { \"POP\" ~ PEEK }\n"),
            ["a", "b"]
        );
        assert!(uses("c = { \"PUSH\" }\n").is_empty());
        // Nor is it hidden by a block comment holding a quote, nested or not.
        assert_eq!(
            uses("/* it's /* \" */ */\nb = { PUSH(\"y\") ~ c }\nc = { '{'..'{' }\n"),
            ["b"]
        );
    }

    /// No rule of the grammar reaches itself, so a parse's depth is bounded by the grammar and
    /// pest's stack probe (its `std` feature, left out in Cargo.toml for speed) is not needed:
    /// nesting in the input is bounded by unrolling (`brace_group` … `brace_group8`, K0113).
    #[test]
    fn the_grammar_has_no_recursion() {
        let graph = rule_graph(include_str!("../../grammar/kpi.pest"));
        assert!(graph.len() > 150, "{} rules read", graph.len());
        assert!(
            graph["value"].contains("quantity") && graph["brace_group"].contains("brace_group2")
        );
        // Depth-first, with the path held: a rule met again on its own path is a cycle.
        fn visit<'g>(
            rule: &'g str,
            graph: &'g BTreeMap<String, BTreeSet<String>>,
            path: &mut Vec<&'g str>,
            done: &mut BTreeSet<&'g str>,
        ) {
            if done.contains(rule) {
                return;
            }
            assert!(
                !path.contains(&rule),
                "the grammar recurses: {} -> {rule}",
                path.join(" -> ")
            );
            path.push(rule);
            for next in &graph[rule] {
                visit(next, graph, path, done);
            }
            path.pop();
            done.insert(rule);
        }
        let mut done = BTreeSet::new();
        for rule in graph.keys() {
            visit(rule, &graph, &mut Vec::new(), &mut done);
        }
        // The reader does find a cycle when there is one, a body on its own line included.
        let looped = rule_graph("a = { b ~ \"x\" }\nb =\n  { \"(\" ~ a? ~ \")\" }\n");
        assert!(looped["b"].contains("a"), "{looped:?}");
        assert!(std::panic::catch_unwind(|| {
            let mut done = BTreeSet::new();
            visit("a", &looped, &mut Vec::new(), &mut done);
        })
        .is_err());
    }
}
