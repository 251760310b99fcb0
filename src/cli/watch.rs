//! `kpi check --watch` (监视模式): checks, then checks again whenever a `.kpi` file, a
//! `kpi.toml` or an `.xlsx` workbook under the paths changes — for people whose editor has no
//! language server. Findings never end it (that is the point of watching); Ctrl-C does, by the
//! default signal handling.
//!
//! Files are watched through their folders, not one by one: editors save by writing a new file
//! and renaming it over the old one, which would end a watch on the old file. Only creations,
//! writes, renames and removals count: reading a file is an event too (inotify's open and
//! close), and kpi's own check reads every form — counting those would check for ever. An
//! editor's burst of events for one save is gathered into one re-check.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode, Watcher};

use super::FormatArg;
use crate::diag::Lang;

/// How long a burst of events may go quiet before the re-check starts.
const SETTLE: Duration = Duration::from_millis(300);

pub(super) fn watch(
    paths: &[PathBuf],
    format: FormatArg,
    config: Option<PathBuf>,
    fix: bool,
    lang: Lang,
) -> ExitCode {
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => {
            super::error(
                lang,
                format!("cannot watch files: {e}"),
                format!("无法监视文件：{e}"),
            );
            return ExitCode::from(2);
        }
    };
    // The watch is set before the first check, so a change made while it runs is not missed.
    for (dir, mode) in watched(paths, config.as_deref()) {
        if let Err(e) = watcher.watch(&dir, mode) {
            super::error(
                lang,
                format!("cannot watch {}: {e}", dir.display()),
                format!("无法监视 {}：{e}", dir.display()),
            );
            return ExitCode::from(2);
        }
    }
    let once = |changed: Option<&Path>| {
        if let Some(path) = changed {
            announce(path, lang);
        }
        if fix {
            // A problem applying fixes has been said; the check still runs.
            let _ = super::fix::apply(paths, config.clone(), lang);
        }
        // The exit code is the check's verdict, which a watch does not act on.
        let _ = super::check::check(
            paths,
            format,
            false,
            config.clone(),
            None,
            lang,
            super::check::Run::Again,
        );
        let _ = std::io::stdout().flush();
        let words = match lang {
            Lang::En => "watching for changes (Ctrl-C stops)",
            Lang::Zh => "正在监视文件改动（按 Ctrl-C 退出）",
        };
        eprintln!("{words}");
    };
    once(None);
    // Ends only when the watcher is gone (its thread failed); Ctrl-C ends the process.
    while let Ok(first) = rx.recv() {
        // The burst: what comes until it goes quiet.
        let mut burst = vec![first];
        while let Ok(next) = rx.recv_timeout(SETTLE) {
            burst.push(next);
        }
        let mut changed = None;
        for result in burst {
            match result {
                Ok(event) if changes_content(&event.kind) => {
                    changed = changed.or_else(|| event.paths.into_iter().find(|p| relevant(p)));
                }
                Ok(_) => {}
                Err(e) => super::error(
                    lang,
                    format!("watching files failed: {e}"),
                    format!("监视文件出错：{e}"),
                ),
            }
        }
        if let Some(path) = changed {
            once(Some(&path));
        }
    }
    ExitCode::from(2)
}

/// An event that can change what a file says: created, written, renamed, removed — not read,
/// and not only its metadata touched. (`Any` is what a platform says when it cannot tell.)
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Other => false,
    }
}

/// The folders to watch: each folder given (recursively), the folder of each file given, and
/// the folder of the kpi.toml that applies when it lies elsewhere (not recursively).
fn watched(paths: &[PathBuf], config: Option<&Path>) -> Vec<(PathBuf, RecursiveMode)> {
    let folder_of = |p: &Path| match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut out: Vec<(PathBuf, RecursiveMode)> = Vec::new();
    for p in paths {
        if p.is_dir() {
            out.push((p.clone(), RecursiveMode::Recursive));
        } else {
            out.push((folder_of(p), RecursiveMode::NonRecursive));
        }
    }
    let toml = config
        .map(Path::to_path_buf)
        .or_else(|| paths.first().and_then(|p| crate::config::find_for(p)));
    if let Some(toml) = toml {
        out.push((folder_of(&toml), RecursiveMode::NonRecursive));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// A change that can change the findings: a `.kpi` file, a `kpi.toml`, an `.xlsx` workbook.
/// (Editors' backup and swap files, and kpi's own temp files `.kpi-…`, are not.)
fn relevant(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with(".kpi-") || name.starts_with(".~lock") || name.starts_with("~$") {
        return false;
    }
    name == "kpi.toml"
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("kpi") || e.eq_ignore_ascii_case("xlsx"))
}

/// Before a re-check: on a terminal, clears the screen so that only the new report shows;
/// elsewhere (a pipe, a log), a separator line that says what changed.
fn announce(path: &Path, lang: Lang) {
    let mut out = std::io::stdout().lock();
    if std::io::stdout().is_terminal() {
        let _ = write!(out, "\x1b[2J\x1b[H");
    }
    // notify gives absolute paths; the reports name files as the command line did.
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    let line = match lang {
        Lang::En => format!("── {} changed: checking again ──", shown.display()),
        Lang::Zh => format!("── {} 已改动：重新检查 ──", shown.display()),
    };
    let _ = writeln!(out, "{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_a_file_is_not_a_change() {
        use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, MetadataKind};
        assert!(!changes_content(&EventKind::Access(AccessKind::Open(
            AccessMode::Read
        ))));
        assert!(!changes_content(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!changes_content(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(changes_content(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(changes_content(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn only_changes_that_can_change_findings_count() {
        for yes in ["a/b.kpi", "kpi.toml", "x/forms.xlsx", "X.KPI"] {
            assert!(relevant(Path::new(yes)), "{yes}");
        }
        for no in [
            "a/.kpi-abc123",
            "a/b.kpi~",
            "a/.b.kpi.swp",
            "README.md",
            "a/~$forms.xlsx",
            "a/4913",
        ] {
            assert!(!relevant(Path::new(no)), "{no}");
        }
    }
}
