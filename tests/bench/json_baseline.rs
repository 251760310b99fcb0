//! The floor kpi's throughput is compared with (issue 14): serde_json parsing the JSON of the
//! same corpus (`kpi build --to json`) into a `serde_json::Value`, and counting its forms.
//! Built as an example: `cargo build --release --example json_baseline`.

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: json_baseline FILE.json");
    let bytes = std::fs::read(&path).expect("readable file");
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    let forms = value["projects"].as_array().map_or(0, Vec::len)
        + value["departments"].as_array().map_or(0, Vec::len);
    println!("{forms} forms");
}
