//! Loading a filing (申报材料): the `.kpi` files named on the command line, directories
//! expanded to every `.kpi` file under them in path order, lowered into one [`Filing`].

use std::path::{Path, PathBuf};

use crate::diag::{self, Diagnostic, Finding, Sources, Text};
use crate::lower::{lower_source, FileSyntax};
use crate::model::{CustomUnits, Filing};
use crate::source::{decode, Encoding, FileId, NotText, SourceFile, Span};
use crate::syntax::SyntaxTree;

/// A problem reading the input (exit code 2), as opposed to a finding in it.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not UTF-8 or GB18030 text")]
    NotUtf8 { path: String },
    #[error("{path} is an xlsx workbook, not .kpi text: run `kpi import {path} -o FORMS.kpi`, then check the .kpi file")]
    Workbook { path: String },
    #[error("no .kpi files found in {path}")]
    Empty { path: String },
}

impl LoadError {
    /// The problem in both languages.
    pub fn text(&self) -> Text {
        match self {
            LoadError::Read { path, source } => Text::new(
                format!("cannot read {path}: {source}"),
                format!("无法读取 {path}：{source}"),
            ),
            LoadError::NotUtf8 { path } => Text::new(
                format!("{path} is not UTF-8 or GB18030 text"),
                format!("{path} 不是 UTF-8 或 GB18030 编码的文本"),
            ),
            LoadError::Workbook { path } => Text::new(
                format!("{path} is an xlsx workbook, not .kpi text: run `kpi import {path} -o FORMS.kpi`, then check the .kpi file"),
                format!("{path} 是 xlsx 工作簿，不是 .kpi 文本：请先运行 `kpi import {path} -o 表单.kpi`，再检查 .kpi 文件"),
            ),
            LoadError::Empty { path } => Text::new(
                format!("no .kpi files found in {path}"),
                format!("{path} 中没有 .kpi 文件"),
            ),
        }
    }
}

/// Everything one run reads: the sources, the model, the diagnostics of lowering and each
/// `.kpi` file's comments (and its lossless syntax tree in the language server).
pub struct Loaded {
    pub sources: Sources,
    pub filing: Filing,
    pub diagnostics: Vec<Diagnostic>,
    /// The syntax of each source, by file index (`None` for `kpi.toml`).
    pub syntax: Vec<Option<FileSyntax>>,
    /// For the sources imported from workbooks (`kpi check forms.xlsx`), by file index: the
    /// map from their text back to the cells it came from.
    pub workbooks: std::collections::BTreeMap<FileId, std::sync::Arc<dyn Relocate>>,
}

/// Moves a finding about a workbook's imported text to the cell that text came from
/// (`import::CellMap`; the importer sits above this module, so it is named by this trait).
pub trait Relocate: Send + Sync {
    fn relocate(&self, d: &mut Diagnostic);
}

/// A workbook read as `.kpi` text: the text, the problems reading it (at their cells, or at
/// the workbook when kpi cannot read its layout), and the way back to its cells.
pub struct WorkbookText {
    pub text: String,
    pub problems: Vec<Diagnostic>,
    pub cells: std::sync::Arc<dyn Relocate>,
}

/// Reads a workbook's bytes, named as given on the command line (`kpi check` passes
/// `import::workbook_text`).
pub type WorkbookReader = dyn Fn(&[u8], &str) -> WorkbookText + Sync;

impl Loaded {
    /// The syntax of a file, when it is a `.kpi` file of this run.
    pub fn syntax(&self, file: FileId) -> Option<&FileSyntax> {
        self.syntax.get(file.index()).and_then(Option::as_ref)
    }

    /// The lossless syntax tree of a file, when it is a `.kpi` file of this run and the run
    /// keeps trees (the language server).
    pub fn tree(&self, file: FileId) -> Option<&SyntaxTree> {
        self.syntax(file)?.tree.as_ref()
    }

    /// The filing alone, for an output built from the model only: the texts, syntax trees and
    /// findings are freed here rather than held while the output is built (issue 14: the
    /// trees of a 10 MB corpus are ≈ 70 MB).
    pub fn into_filing(self) -> Filing {
        self.filing
    }

    /// Moves the findings about text imported from a workbook to the cells that text came
    /// from ([`Relocate`]); the others stay as they are.
    pub fn relocate(&self, diags: &mut [Diagnostic]) {
        for d in diags.iter_mut().filter(|d| d.elsewhere.is_none()) {
            if let Some(map) = self.workbooks.get(&d.file) {
                map.relocate(d);
            }
        }
    }
}

/// The filings a command line names: each directory is a filing of its own (a department's
/// folder, checked on its own, with its own `kpi.toml`); the files named on their own form one
/// filing together. In the order given, the files first.
pub fn filings(paths: &[PathBuf]) -> Vec<Vec<PathBuf>> {
    let (dirs, files): (Vec<&PathBuf>, Vec<&PathBuf>) = paths.iter().partition(|p| p.is_dir());
    let mut out = Vec::new();
    if !files.is_empty() {
        out.push(files.into_iter().cloned().collect());
    }
    out.extend(dirs.into_iter().map(|d| vec![d.clone()]));
    out
}

impl Loaded {
    /// Adds another filing's sources and model to this one, for one report over several
    /// filings: the other's file indices (in its diagnostics and forms) are shifted past
    /// this one's. Returns the other's diagnostics, renumbered.
    pub fn absorb(&mut self, other: Loaded, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let offset = self.sources.files.len();
        self.sources.files.extend(other.sources.files);
        self.syntax.resize(offset, None);
        self.syntax.extend(other.syntax);
        let mut filing = other.filing;
        for p in &mut filing.projects {
            p.origin.file_id = p.origin.file_id.after(offset);
        }
        for d in &mut filing.departments {
            d.origin.file_id = d.origin.file_id.after(offset);
        }
        self.workbooks.extend(
            other
                .workbooks
                .into_iter()
                .map(|(file, map)| (file.after(offset), map)),
        );
        self.filing.projects.extend(filing.projects);
        self.filing.departments.extend(filing.departments);
        let shift = |mut d: Diagnostic| {
            d.file = d.file.after(offset);
            for l in &mut d.labels {
                l.file = l.file.after(offset);
            }
            d
        };
        self.diagnostics
            .extend(other.diagnostics.into_iter().map(shift));
        diags.into_iter().map(shift).collect()
    }

    /// An empty run, to absorb filings into.
    pub fn empty() -> Loaded {
        Loaded {
            sources: Sources::default(),
            filing: Filing::default(),
            diagnostics: Vec::new(),
            syntax: Vec::new(),
            workbooks: Default::default(),
        }
    }
}

/// The `.kpi` files a list of paths names, directories expanded recursively, sorted.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    expand_with(paths, false)
}

/// True for a path named like an xlsx workbook.
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// [`expand`], with the `.xlsx` workbooks in folders too when `workbooks` (for `kpi check`).
pub fn expand_with(paths: &[PathBuf], workbooks: bool) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, workbooks, &mut found).map_err(|source| LoadError::Read {
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

fn walk(dir: &Path, workbooks: bool, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let lock_file = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("~$"));
        if path.is_dir() {
            walk(&path, workbooks, out)?;
        } else if path.extension().is_some_and(|e| e == "kpi")
            || (workbooks && is_workbook(&path) && !lock_file)
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads a `.kpi` file as text: UTF-8, or GB18030 (with the encoding it was in).
pub fn read_text(path: &Path) -> Result<(String, Encoding), LoadError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| LoadError::Read {
        path: name.clone(),
        source,
    })?;
    decode(&bytes).map_err(|e| match e {
        NotText::Workbook => LoadError::Workbook { path: name },
        NotText::Unknown => LoadError::NotUtf8 { path: name },
    })
}

/// Reads and lowers the files that `paths` name.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, LoadError> {
    load_with_units(paths, &CustomUnits::new())
}

/// [`load`] with the units the filing's `kpi.toml` declares.
pub fn load_with_units(paths: &[PathBuf], units: &CustomUnits) -> Result<Loaded, LoadError> {
    load_with(paths, units, None)
}

/// [`load_with_units`], reading `.xlsx` workbooks (named, or in folders) with `reader` when
/// there is one (`kpi check`); without one a workbook is the load error it always was.
pub fn load_with(
    paths: &[PathBuf],
    units: &CustomUnits,
    reader: Option<&WorkbookReader>,
) -> Result<Loaded, LoadError> {
    use rayon::prelude::*;
    /// One file as read: a `.kpi` text (and its encoding), or a workbook imported in memory.
    enum Read {
        Text(SourceFile, Encoding),
        Workbook(SourceFile, WorkbookText),
    }
    // Files are read (and workbooks imported) on all cores, then taken in path order: the
    // same file numbers, and the same first error, as reading them one by one.
    let paths = expand_with(paths, reader.is_some())?;
    let read: Vec<Result<Read, LoadError>> = paths
        .par_iter()
        .map(|path| {
            let name = path.display().to_string();
            match reader.filter(|_| is_workbook(path)) {
                Some(reader) => {
                    let bytes = std::fs::read(path).map_err(|source| LoadError::Read {
                        path: name.clone(),
                        source,
                    })?;
                    let mut read = reader(&bytes, &name);
                    let text = std::mem::take(&mut read.text);
                    Ok(Read::Workbook(SourceFile::new(name, text), read))
                }
                None => read_text(path)
                    .map(|(text, encoding)| Read::Text(SourceFile::new(name, text), encoding)),
            }
        })
        .collect();
    let mut texts = Vec::with_capacity(paths.len());
    let mut legacy = Vec::new();
    let mut workbooks = std::collections::BTreeMap::new();
    let mut problems = Vec::new();
    for read in read {
        match read? {
            // Imported in memory; its findings are moved to their cells after the check.
            Read::Workbook(source, read) => {
                let index = FileId(texts.len());
                problems.extend(read.problems.into_iter().map(|mut d| {
                    d.file = index;
                    d
                }));
                workbooks.insert(index, read.cells);
                texts.push(source);
            }
            Read::Text(source, encoding) => {
                if encoding == Encoding::Gb18030 {
                    legacy.push(texts.len());
                }
                texts.push(source);
            }
        }
    }
    let mut loaded = load_sources_with(texts, units);
    loaded.workbooks = workbooks;
    loaded.diagnostics.extend(problems);
    for index in legacy {
        loaded.diagnostics.push(legacy_encoding(FileId(index)));
    }
    diag::sort(&mut loaded.diagnostics);
    Ok(loaded)
}

/// K0112: a file saved in GB18030/GBK, read correctly, to be re-saved as UTF-8.
pub(crate) fn legacy_encoding(file: FileId) -> Diagnostic {
    crate::syntax::rules::LegacyEncoding.at(file, Span::new(0, 0))
}

/// Lowers sources already in memory (tests, stdin).
pub fn load_sources(files: Vec<SourceFile>) -> Loaded {
    load_sources_with(files, &CustomUnits::new())
}

/// [`load_sources`] with declared units.
pub fn load_sources_with(files: Vec<SourceFile>, units: &CustomUnits) -> Loaded {
    use rayon::prelude::*;
    let mut sources = Sources::default();
    let mut filing = Filing::default();
    let mut diagnostics = Vec::new();
    let mut syntax = Vec::new();
    for file in files {
        sources.add(file);
    }
    // Files are parsed and lowered on all cores (issue 14), then joined in file order, so the
    // result is the same as one thread's.
    let lowered: Vec<_> = sources
        .files
        .par_iter()
        .enumerate()
        .map(|(index, source)| lower_source(source, FileId(index), units))
        .collect();
    for file in lowered {
        let (diags, file_syntax) = file.into_filing(&mut filing);
        diagnostics.extend(diags);
        syntax.push(Some(file_syntax));
    }
    diag::sort(&mut diagnostics);
    Loaded {
        sources,
        filing,
        diagnostics,
        syntax,
        workbooks: Default::default(),
    }
}
