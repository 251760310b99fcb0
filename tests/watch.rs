//! `kpi check --watch`, for real: kpi runs as a child process on a temporary filing; after its
//! first report a form is edited, and a second report with the new finding must arrive. The
//! timeouts are generous limits on a loaded machine, not timing assertions.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

const CLEAN: &str =
    "project \"科技专项\" {\n  budget 100万元;\n  output quantity \"科技项目实施\" ≤23个;\n}\n";
/// The same form with a `;` missing: K0108.
const BROKEN: &str =
    "project \"科技专项\" {\n  budget 100万元\n  output quantity \"科技项目实施\" ≤23个;\n}\n";

/// Kills the child when the test ends, passed or failed.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Every line of a child's output, as it comes.
fn lines(stream: impl std::io::Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Waits for a line that satisfies `want`, returning what was read; panics after `limit`.
fn wait_for(rx: &Receiver<String>, limit: Duration, want: impl Fn(&str) -> bool) -> Vec<String> {
    let end = Instant::now() + limit;
    let mut seen = Vec::new();
    loop {
        let left = end.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => {
                let done = want(&line);
                seen.push(line);
                if done {
                    return seen;
                }
            }
            Err(e) => panic!(
                "{e:?} before the expected line; read so far:\n{}",
                seen.join("\n")
            ),
        }
    }
}

#[test]
fn a_change_is_checked_again_without_exiting() {
    let tmp = tempfile::tempdir().unwrap();
    let form = tmp.path().join("form.kpi");
    std::fs::write(&form, CLEAN).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kpi"))
        .args(["check", "--watch", "--format", "short", "--lang", "en"])
        .arg(tmp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(Stdio::null())
        .spawn()
        .expect("kpi runs");
    let out = lines(child.stdout.take().unwrap());
    let err = lines(child.stderr.take().unwrap());
    let mut child = Killed(child);
    let limit = Duration::from_secs(120);

    // The first report, then the promise to watch.
    wait_for(&err, limit, |l| l.contains("watching for changes"));
    let first: Vec<String> = out.try_iter().collect();
    assert!(
        !first.iter().any(|l| l.contains("K0108")),
        "{}",
        first.join("\n")
    );

    // An edit that adds an error: a second report with it, and kpi still running.
    std::fs::write(&form, BROKEN).unwrap();
    let second = wait_for(&out, limit, |l| l.contains("[K0108]"));
    assert!(
        second
            .iter()
            .any(|l| l.contains("form.kpi changed: checking again")),
        "no separator before the second report:\n{}",
        second.join("\n")
    );
    wait_for(&err, limit, |l| l.contains("watching for changes"));
    assert!(
        child.0.try_wait().unwrap().is_none(),
        "kpi exited on a finding"
    );

    // Fixed again, saved as Vim and many editors do (a new file renamed over the old one):
    // a third report without it.
    let tmp_file = tmp.path().join("form.kpi.tmp");
    std::fs::write(&tmp_file, CLEAN).unwrap();
    std::fs::rename(&tmp_file, &form).unwrap();
    let third = wait_for(&out, limit, |l| l.contains("checking again"));
    wait_for(&err, limit, |l| l.contains("watching for changes"));
    let rest: Vec<String> = out.try_iter().collect();
    assert!(
        !third
            .iter()
            .chain(&rest)
            .skip(1)
            .any(|l| l.contains("K0108")),
        "{}\n{}",
        third.join("\n"),
        rest.join("\n")
    );
}

#[test]
fn files_that_are_not_forms_do_not_trigger_a_check() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("form.kpi"), CLEAN).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kpi"))
        .args(["check", "--watch", "--format", "short", "--lang", "en"])
        .arg(tmp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(Stdio::null())
        .spawn()
        .expect("kpi runs");
    let out = lines(child.stdout.take().unwrap());
    let err = lines(child.stderr.take().unwrap());
    let _child = Killed(child);
    let limit = Duration::from_secs(120);
    wait_for(&err, limit, |l| l.contains("watching for changes"));
    // A note beside the forms, then a form: only the form's change is announced.
    std::fs::write(tmp.path().join("notes.txt"), "x").unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    std::fs::write(tmp.path().join("form.kpi"), BROKEN).unwrap();
    let seen = wait_for(&out, limit, |l| l.contains("[K0108]"));
    let announced: Vec<&String> = seen.iter().filter(|l| l.contains("changed:")).collect();
    assert_eq!(announced.len(), 1, "{}", seen.join("\n"));
    assert!(announced[0].contains("form.kpi"), "{}", announced[0]);
}
