//! Any bytes as a template workbook, filled with the Lhasa filing: diagnostics or a
//! workbook, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn filing() -> &'static kpi::model::Filing {
    static FILING: OnceLock<kpi::model::Filing> = OnceLock::new();
    FILING.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/lhasa-kjj-2023");
        kpi::filing::load(&[dir.into()])
            .expect("the example filing")
            .filing
    })
}

fuzz_target!(|data: &[u8]| {
    let limits = kpi::emit::xlsx::Limits::default();
    if let Ok(template) = kpi::emit::xlsx::Template::read(data, &limits) {
        let _ = kpi::emit::xlsx::build(
            filing(),
            Some(&template),
            &kpi::emit::xlsx::Options::default(),
        );
    }
});
