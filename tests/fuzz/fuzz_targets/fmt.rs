//! The formatter, without its safety net: its output must format to itself (idempotent) and
//! say what the input said (the model, positions aside, and the comments).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let options = kpi::fmt::Options::default();
    let Ok(once) = kpi::fmt::format_unverified(text, &options) else {
        return;
    };
    let twice = kpi::fmt::format_unverified(&once, &options)
        .unwrap_or_else(|d| panic!("formatted text does not parse: {d:?}\n{once}"));
    assert_eq!(once, twice, "not idempotent");
    let model =
        |t: &str| kpi::filing::load_sources(vec![kpi::source::SourceFile::new("f.kpi", t)]).filing;
    assert!(
        model(text).says_the_same_as(&model(&once)),
        "the model changed:\n{text}\n---\n{once}"
    );
    // And the verified entry point never returns something else than these two.
    let verified = kpi::fmt::format_text(text, &options).unwrap();
    assert!(verified == once || verified == text);
});
