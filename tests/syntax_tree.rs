//! The lossless syntax tree (issue 9 item 1): built once per file, it holds every byte of
//! the file, gives the token at a position, and serves the formatter and suppressions
//! without parsing again.

use crate::common;

use kpi::syntax::{parse_count, parse_file, SyntaxKind};

#[test]
fn the_tree_holds_every_byte_of_every_example_and_fixture() {
    let mut files = common::kpi_files("examples");
    files.extend(common::kpi_files("tests/fixtures"));
    assert!(files.len() > 150);
    for path in files {
        let text = kpi::source::decode(&std::fs::read(&path).unwrap())
            .unwrap()
            .0;
        let tree = parse_file(&text, kpi::source::FileId(0)).tree.unwrap();
        assert_eq!(tree.text(), text, "{}", common::rel(&path));
        // Cut files too: what does not parse is in the tree as an error piece.
        for cut in [text.len() / 3, text.len() / 2] {
            let mut cut = cut;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let part = &text[..cut];
            assert_eq!(
                parse_file(part, kpi::source::FileId(0))
                    .tree
                    .unwrap()
                    .text(),
                part,
                "{}",
                common::rel(&path)
            );
        }
    }
}

#[test]
fn the_tree_answers_what_is_at_a_position() {
    let text = "project \"科技专项\" {\n  // 注释 kpi: allow K0605 -- x\n  output quantity \"科技项目实施\" ≥23个;\n  this does not parse;\n}\n";
    let tree = parse_file(text, kpi::source::FileId(0)).tree.unwrap();
    let at = |needle: &str| {
        let offset = text.find(needle).unwrap();
        tree.token_at(offset).unwrap()
    };
    let quantity = at("quantity");
    assert_eq!(quantity.text(), "quantity");
    assert_eq!(
        quantity.kind(),
        SyntaxKind::of(kpi::syntax::Rule::kw_quantity)
    );
    // Its ancestors name the indicator statement.
    assert!(quantity
        .parent_ancestors()
        .any(|n| n.kind() == SyntaxKind::of(kpi::syntax::Rule::indicator_stmt)));
    // Offsets inside CJK text land on the string's text, inside the string node.
    let name = at("科技项目实施");
    assert_eq!(name.text(), "科技项目实施");
    assert!(name
        .parent_ancestors()
        .any(|n| n.kind() == SyntaxKind::of(kpi::syntax::Rule::string)
            && n.text() == "\"科技项目实施\""));
    // The quote is a literal of the grammar, not trivia.
    let quote = tree.token_at(text.find("\"科技项目实施").unwrap()).unwrap();
    assert_eq!((quote.kind(), quote.text()), (SyntaxKind::LITERAL, "\""));
    // Whitespace and comments belong to the tree.
    assert_eq!(at("\n  output").kind(), SyntaxKind::TRIVIA);
    let comments = tree.comments();
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].1, "// 注释 kpi: allow K0605 -- x");
    // The statement that does not parse is one error piece.
    let bad = at("this does not parse");
    assert!(
        bad.kind().is_error() || bad.parent_ancestors().any(|n| n.kind().is_error()),
        "{:?} {:?}",
        bad.kind().rule(),
        bad.text()
    );
}

#[test]
fn kpi_fmt_parses_its_input_once() {
    let formatted = "project \"科技专项\" {\n  output quantity \"科技项目实施\" ≥23个;\n}\n";
    let before = parse_count();
    let out = kpi::fmt::format_text(formatted, &Default::default()).unwrap();
    assert_eq!(out, formatted);
    assert_eq!(
        parse_count() - before,
        1,
        "an already formatted file: one parse"
    );
    let ugly = "project \"科技专项\" < output quantity \"科技项目实施\" >= 23 个; >\n";
    let before = parse_count();
    kpi::fmt::format_text(ugly, &Default::default()).unwrap();
    // One parse of the input; one of the output, for the check that meaning and comments
    // were kept.
    assert_eq!(parse_count() - before, 2);
}

#[test]
fn a_suppression_inside_a_text_is_no_comment() {
    // The goal's text contains what looks like a suppression: it must not silence K0605.
    let text = "project \"p\" {\n  goal \"见 // kpi: allow K0605 -- 不是注释\";\n  output quantity \"科技项目实施\" <= 23个;\n}\n";
    let loaded = kpi::filing::load_sources(vec![kpi::source::SourceFile::new("a.kpi", text)]);
    let mut loaded = loaded;
    let (_, diags) = kpi::check::run(&mut loaded, None);
    assert!(diags.iter().any(|d| d.code == "K0605"), "{diags:?}");
}
