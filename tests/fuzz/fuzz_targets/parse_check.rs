//! Any text: parse, lower, check and render the report. Nothing may panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = kpi::source::decode(data) else {
        return;
    };
    let mut loaded = kpi::filing::load_sources(vec![kpi::source::SourceFile::new(
        "fuzz.kpi",
        text.as_str(),
    )]);
    let (_, diags) = kpi::check::run(&mut loaded, None);
    for d in &diags {
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{d:?}"
        );
        assert!(
            text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
            "{d:?}"
        );
    }
    let _ = kpi::diag::render(&diags, &loaded.sources, kpi::diag::Lang::Zh);
    let _ = kpi::emit::json::to_json(&loaded.filing);
});
