//! The lossless syntax tree (无损语法树): every byte of a file — statements, whitespace,
//! comments and the pieces that did not parse — belongs to exactly one token, and every node
//! knows its span. Built once per file from pest's parse (the grammar stays the one source of
//! truth for syntax) into a rowan green tree, the structure rust-analyzer and taplo use, so
//! that it outlives lowering: an editor asks "what is at this position?" of the tree
//! ([`SyntaxTree::token_at`]) without parsing again. Only the language server keeps one:
//! check, build and fmt parse without it (`syntax::parse_file_without_tree`), and read the
//! comments from the parse.

use pest::iterators::{Pair, Pairs};
use rowan::{GreenNodeBuilder, Language};

use super::Rule;
use crate::source::Span;

/// The kind of a node or token: a grammar rule, or one of the kinds pest does not name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SyntaxKind(u16);

impl SyntaxKind {
    /// Spaces, tabs, newlines between the grammar's pieces (pest's silent `WHITESPACE`).
    pub const TRIVIA: SyntaxKind = SyntaxKind(u16::MAX);
    /// The root of a file.
    pub const ROOT: SyntaxKind = SyntaxKind(u16::MAX - 1);
    /// A literal of the grammar that pest does not name: the quotes of a string, `->`.
    pub const LITERAL: SyntaxKind = SyntaxKind(u16::MAX - 2);

    /// The kind of a grammar rule.
    pub fn of(rule: Rule) -> SyntaxKind {
        SyntaxKind(rule as u16)
    }

    /// The grammar rule, for kinds that are one.
    pub fn rule(self) -> Option<Rule> {
        // pest numbers its rules in grammar order, EOI first; `all_rules` need not follow it.
        static BY_KIND: std::sync::OnceLock<Vec<Option<Rule>>> = std::sync::OnceLock::new();
        let table = BY_KIND.get_or_init(|| {
            let mut t = vec![None; Rule::all_rules().len() + 1];
            for &r in Rule::all_rules().iter().chain([Rule::EOI].iter()) {
                let i = usize::from(r as u16);
                if i >= t.len() {
                    t.resize(i + 1, None);
                }
                t[i] = Some(r);
            }
            t
        });
        table.get(usize::from(self.0)).copied().flatten()
    }

    /// True for a piece of the file that did not parse (it has a syntax error).
    pub fn is_error(self) -> bool {
        matches!(self.rule(), Some(Rule::recover_item | Rule::recover_stmt))
    }
}

/// rowan's view of the kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KpiLanguage {}

impl Language for KpiLanguage {
    type Kind = SyntaxKind;

    fn kind_from_raw(raw: rowan::SyntaxKind) -> SyntaxKind {
        SyntaxKind(raw.0)
    }

    fn kind_to_raw(kind: SyntaxKind) -> rowan::SyntaxKind {
        rowan::SyntaxKind(kind.0)
    }
}

/// A node of the tree.
pub type SyntaxNode = rowan::SyntaxNode<KpiLanguage>;
/// A token (a leaf) of the tree.
pub type SyntaxToken = rowan::SyntaxToken<KpiLanguage>;

/// The lossless tree of one file. Cheap to clone (shared, immutable).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SyntaxTree {
    green: rowan::GreenNode,
}

impl SyntaxTree {
    /// The tree of `text` from pest's pairs of the whole file (rule `file`).
    pub(super) fn build(text: &str, file: Option<Pairs<'_, Rule>>) -> SyntaxTree {
        let mut b = GreenNodeBuilder::new();
        b.start_node(KpiLanguage::kind_to_raw(SyntaxKind::ROOT));
        let mut at = 0;
        match file {
            Some(pairs) => {
                for pair in pairs.filter(|p| p.as_rule() != Rule::EOI) {
                    at = add(&mut b, text, at, pair);
                }
                trivia(&mut b, &text[at..]);
            }
            // The tolerant grammar accepts any text; should it not, the file is one piece
            // that did not parse.
            None if !text.is_empty() => b.token(
                KpiLanguage::kind_to_raw(SyntaxKind::of(Rule::recover_item)),
                text,
            ),
            None => {}
        }
        b.finish_node();
        SyntaxTree { green: b.finish() }
    }

    /// The root node.
    pub fn root(&self) -> SyntaxNode {
        SyntaxNode::new_root(self.green.clone())
    }

    /// The text the tree holds: the file, byte for byte.
    pub fn text(&self) -> String {
        self.root().text().to_string()
    }

    /// The token at a byte offset (the one to its right at a boundary), if any.
    pub fn token_at(&self, offset: usize) -> Option<SyntaxToken> {
        let offset = u32::try_from(offset).ok()?;
        self.root().token_at_offset(offset.into()).right_biased()
    }

    /// The comments of the file, in order: their span and text.
    pub fn comments(&self) -> Vec<(Span, String)> {
        // A comment is a token (`comment`, the grammar's line or block comment) or, should
        // that change, a node. Walked on the green tree, offsets counted by hand: the
        // cursor API (`descendants_with_tokens`) allocates a node per step, and this walk runs
        // over every file of every check (issue 14: it was 6% of a check's instructions).
        let mut out = Vec::new();
        green_comments(&self.green, 0, &mut out);
        out
    }
}

/// The comments under a green node that starts at byte `start`, in order.
fn green_comments(node: &rowan::GreenNodeData, start: usize, out: &mut Vec<(Span, String)>) {
    let comment = KpiLanguage::kind_to_raw(SyntaxKind::of(Rule::COMMENT));
    let mut at = start;
    for child in node.children() {
        let len = usize::from(child.text_len());
        match child {
            rowan::NodeOrToken::Node(n) if n.kind() == comment => {
                out.push((Span::new(at, at + len), n.to_string()));
            }
            rowan::NodeOrToken::Node(n) => green_comments(n, at, out),
            rowan::NodeOrToken::Token(t) if t.kind() == comment => {
                out.push((Span::new(at, at + len), t.text().to_string()));
            }
            rowan::NodeOrToken::Token(_) => {}
        }
        at += len;
    }
}

/// The byte span of a rowan range.
pub fn span_of(range: rowan::TextRange) -> Span {
    Span::new(range.start().into(), range.end().into())
}

/// The text between two pairs: runs of whitespace (trivia) and of the literals pest does not
/// name (quotes, `->`).
fn trivia(b: &mut GreenNodeBuilder<'_>, gap: &str) {
    // The grammar's WHITESPACE: Unicode white space and the byte-order mark.
    let space = |c: char| c.is_whitespace() || c == '\u{FEFF}';
    let mut rest = gap;
    while let Some(first) = rest.chars().next() {
        let is_space = space(first);
        let end = rest
            .find(|c: char| space(c) != is_space)
            .unwrap_or(rest.len());
        let kind = if is_space {
            SyntaxKind::TRIVIA
        } else {
            SyntaxKind::LITERAL
        };
        b.token(KpiLanguage::kind_to_raw(kind), &rest[..end]);
        rest = &rest[end..];
    }
}

/// Adds a pair (a node with its children, or a token) after the trivia before it; returns
/// where it ends.
fn add(b: &mut GreenNodeBuilder<'_>, text: &str, at: usize, pair: Pair<'_, Rule>) -> usize {
    let span = pair.as_span();
    trivia(b, &text[at..span.start()]);
    let kind = KpiLanguage::kind_to_raw(SyntaxKind::of(pair.as_rule()));
    let mut inner = pair.clone().into_inner().peekable();
    if inner.peek().is_none() {
        b.token(kind, span.as_str());
        return span.end();
    }
    b.start_node(kind);
    let mut at = span.start();
    for child in inner {
        at = add(b, text, at, child);
    }
    trivia(b, &text[at..span.end()]);
    b.finish_node();
    span.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The comments by the cursor API, as `comments` found them before the green walk.
    fn by_cursor(tree: &SyntaxTree) -> Vec<(Span, String)> {
        tree.root()
            .descendants_with_tokens()
            .filter(|e| e.kind().rule() == Some(Rule::COMMENT))
            .map(|e| match e {
                rowan::NodeOrToken::Node(n) => (span_of(n.text_range()), n.text().to_string()),
                rowan::NodeOrToken::Token(t) => (span_of(t.text_range()), t.text().to_string()),
            })
            .collect()
    }

    /// The green walk finds the same comments at the same spans as the cursor API, and so
    /// does the parse without a tree, in every place a comment can stand (before, between and
    /// inside forms, in an indicator's block, in text that did not parse, at the end without
    /// a newline) and in the examples.
    #[test]
    fn green_walk_finds_the_comments_the_cursor_finds() {
        let mut texts = vec![
            "// 开头\nproject \"甲\" { // 名后\n  budget 1万元; /* 块 */\n  output quantity \"数量\" ≥1个 { weight 10; // 权重\n };\n  garbage here; // 坏\n}\n/* 尾 */ department \"乙\" { year 2025; }\n// 末".to_string(),
        ];
        for dir in ["examples/lhasa-kjj-2023", "examples"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "kpi") {
                    texts.push(std::fs::read_to_string(path).unwrap());
                }
            }
        }
        let mut seen = 0;
        for text in &texts {
            let parsed = crate::syntax::parse_file(text, crate::source::FileId(0));
            let tree = parsed.tree.clone().expect("parse_file builds the tree");
            let comments = tree.comments();
            assert_eq!(comments, by_cursor(&tree));
            // Suppressions read the parse's comments (check builds no tree): the same ones.
            assert_eq!(parsed.comment_spans(), comments);
            for (span, comment) in &comments {
                assert_eq!(&text[span.start..span.end], comment);
            }
            seen += comments.len();
        }
        assert!(seen > 5, "the texts hold comments: {seen}");
    }
}
