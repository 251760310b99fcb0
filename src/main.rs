//! The `kpi` binary: a thin front end over the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    kpi::cli::run(kpi::cli::Cli::parse())
}
