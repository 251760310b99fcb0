//! Loading a filing (申报材料): the `.kpi` files named on the command line, directories
//! expanded to every `.kpi` file under them in path order, lowered into one [`Filing`].

use std::path::{Path, PathBuf};

use crate::diag::{self, Diagnostic, Sources};
use crate::lower::lower_file;
use crate::model::Filing;
use crate::source::SourceFile;

/// A problem reading the input (exit code 2), as opposed to a finding in it.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not UTF-8 text")]
    NotUtf8 { path: String },
    #[error("no .kpi files found in {path}")]
    Empty { path: String },
}

/// Everything one run reads: the sources, the model and the diagnostics of lowering.
pub struct Loaded {
    pub sources: Sources,
    pub filing: Filing,
    pub diagnostics: Vec<Diagnostic>,
}

/// The `.kpi` files a list of paths names, directories expanded recursively, sorted.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found).map_err(|source| LoadError::Read {
                path: path.display().to_string(),
                source,
            })?;
            if found.is_empty() {
                return Err(LoadError::Empty {
                    path: path.display().to_string(),
                });
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "kpi") {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads and lowers the files that `paths` name.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, LoadError> {
    let mut texts = Vec::new();
    for path in expand(paths)? {
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).map_err(|source| LoadError::Read {
            path: name.clone(),
            source,
        })?;
        let text =
            String::from_utf8(bytes).map_err(|_| LoadError::NotUtf8 { path: name.clone() })?;
        texts.push(SourceFile::new(name, text));
    }
    Ok(load_sources(texts))
}

/// Lowers sources already in memory (tests, stdin).
pub fn load_sources(files: Vec<SourceFile>) -> Loaded {
    let mut sources = Sources::default();
    let mut filing = Filing::default();
    let mut diagnostics = Vec::new();
    for file in files {
        let index = sources.add(file);
        let source = sources.files[index].clone();
        diagnostics.extend(lower_file(&source, index, &mut filing));
    }
    diag::sort(&mut diagnostics);
    Loaded {
        sources,
        filing,
        diagnostics,
    }
}
