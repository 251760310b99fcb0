//! The `kpi` binary: a thin front end over the library.

fn main() -> std::process::ExitCode {
    // Help and usage errors in the user's language (`--lang`, LC_ALL, LANG).
    kpi::cli::run(kpi::cli::lang::parse(std::env::args().collect()))
}
