//! `kpi completions <shell>` and `kpi man`: the shell completion script (命令补全) and the
//! manual page (手册页), generated from the same clap definition the binary parses with, so
//! they always list the options this binary has. Packagers (the .deb, docs/install.md) run
//! these two commands on the built binary instead of shipping files kept by hand.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use super::Cli;
use crate::diag::Lang;

/// `--shell` values: the shells clap_complete writes scripts for.
pub use clap_complete::Shell;

/// Prints the completion script for `shell` on standard output.
pub(super) fn completions(shell: Shell) -> ExitCode {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "kpi", &mut out);
    super::emit_stdout(&String::from_utf8_lossy(&out));
    ExitCode::SUCCESS
}

/// Prints the man page (roff, section 1) on standard output: the top-level page with every
/// subcommand and its options. The page is in English: man pages are looked up by locale
/// directory, and the .deb installs this one under /usr/share/man/man1.
pub(super) fn man(lang: Lang) -> ExitCode {
    let cmd = Cli::command();
    let mut out = Vec::new();
    let page = clap_mangen::Man::new(cmd.clone());
    let written = page.render_title(&mut out).and_then(|()| {
        page.render_name_section(&mut out)?;
        page.render_synopsis_section(&mut out)?;
        page.render_description_section(&mut out)?;
        page.render_options_section(&mut out)?;
        page.render_subcommands_section(&mut out)?;
        // Each subcommand's own options, as `kpi check --help` shows them.
        for sub in cmd.get_subcommands() {
            let name = sub.get_name();
            writeln!(out, ".SH \"KPI {}\"", name.to_uppercase())?;
            let sub_page = clap_mangen::Man::new(sub.clone().bin_name(format!("kpi {name}")));
            let mut section = Vec::new();
            sub_page.render_synopsis_section(&mut section)?;
            sub_page.render_options_section(&mut section)?;
            // Its own `.SH` headings become `.SS`, under the subcommand's heading.
            let section = String::from_utf8_lossy(&section).replace(".SH ", ".SS ");
            out.extend_from_slice(section.as_bytes());
        }
        page.render_version_section(&mut out)
    });
    match written {
        Ok(()) => {
            super::emit_stdout(&String::from_utf8_lossy(&out));
            ExitCode::SUCCESS
        }
        Err(e) => {
            super::error(
                lang,
                format!("could not write the man page: {e}"),
                format!("无法生成手册页：{e}"),
            );
            ExitCode::from(2)
        }
    }
}
