//! The workspace (工作区): the documents the editor has open, and the filings they belong to,
//! each analysed as `kpi check` analyses a folder.
//!
//! A filing (申报材料) is the folder a document is in: every `.kpi` file directly in it, under
//! the `kpi.toml` that `kpi check` would find for it (the folder's or an ancestor's). Only the
//! folder's own files, not its subfolders': a folder that holds several filings in subfolders
//! (`examples/`) is not one big filing in the editor. The text of an open document overrides
//! the file on disk, for `.kpi` files and for `kpi.toml`. A document that is not a file
//! (`untitled:`) is a filing of its own.
//!
//! Analyses are cached per filing and dropped when one of its documents changes; the next
//! request or diagnostics pass recomputes it from the current texts, so an answer is never
//! about an older version than the one the request was sent against.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::Url;

use super::position::{Encoding, LineIndex};
use crate::check::Config;
use crate::diag::{Diagnostic, Lang};
use crate::filing::Loaded;
use crate::lower::LoweredFile;
use crate::model::CustomUnits;
use crate::resolve::Resolution;
use crate::source::{Encoding as TextEncoding, FileId, SourceFile, Span};

/// An open document: its text and the version the client gave it.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: Arc<str>,
    pub version: i32,
    pub index: Arc<LineIndex>,
}

impl Document {
    /// A document from its text.
    pub fn new(text: String, version: i32) -> Document {
        let index = Arc::new(LineIndex::new(&text));
        Document {
            text: text.into(),
            version,
            index,
        }
    }
}

/// Which filing a document belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FilingKey {
    /// The folder of a file.
    Folder(PathBuf),
    /// A document that is no file: a filing of its own.
    Alone(Url),
}

/// One file of an analysed filing.
#[derive(Debug, Clone)]
pub struct FileInfo {
    pub uri: Url,
    /// The version of the open document the analysis read; `None` when it read the disk.
    pub version: Option<i32>,
    pub index: Arc<LineIndex>,
}

/// A filing, loaded and checked.
pub struct Analysis {
    pub key: FilingKey,
    /// The sources, model and trees (sources include `kpi.toml` last, when there is one).
    pub loaded: Loaded,
    pub config: Config,
    /// Every finding, as `kpi check` reports it.
    pub diagnostics: Vec<Diagnostic>,
    pub resolution: Resolution,
    /// By file index of `loaded.sources`.
    pub files: Vec<FileInfo>,
}

impl Analysis {
    /// The file index of a document in this filing.
    pub fn file_of(&self, uri: &Url) -> Option<FileId> {
        self.files.iter().position(|f| &f.uri == uri).map(FileId)
    }

    /// The text of a file.
    pub fn text(&self, file: FileId) -> &str {
        &self.loaded.sources.get(file).text
    }

    /// The LSP range of a span of a file.
    pub fn range(&self, file: FileId, span: Span, enc: Encoding) -> lsp_types::Range {
        self.files[file.index()]
            .index
            .range(self.text(file), span, enc)
    }

    /// The LSP location of a span of a file.
    pub fn location(&self, file: FileId, span: Span, enc: Encoding) -> lsp_types::Location {
        lsp_types::Location::new(
            self.files[file.index()].uri.clone(),
            self.range(file, span, enc),
        )
    }

    /// The byte offset of a position in a file.
    pub fn offset(&self, file: FileId, pos: lsp_types::Position, enc: Encoding) -> usize {
        self.files[file.index()]
            .index
            .offset(self.text(file), pos, enc)
    }
}

/// The open documents and the cached analyses.
#[derive(Default)]
pub struct Workspace {
    pub documents: HashMap<Url, Document>,
    analyses: HashMap<FilingKey, Arc<Analysis>>,
    /// Filings whose documents changed since their diagnostics were last published.
    pub dirty: BTreeSet<FilingKey>,
    /// What was last published per filing, to clear files that no longer have findings.
    pub published: HashMap<FilingKey, BTreeSet<Url>>,
    /// The workspace folders the client named (for workspace symbols).
    pub roots: Vec<PathBuf>,
    lowering: LoweringCache,
}

/// The filing a document belongs to.
pub fn filing_of(uri: &Url) -> FilingKey {
    match uri.to_file_path() {
        Ok(path) => match path.parent() {
            Some(dir) => FilingKey::Folder(dir.to_path_buf()),
            None => FilingKey::Alone(uri.clone()),
        },
        Err(()) => FilingKey::Alone(uri.clone()),
    }
}

fn is_config(uri: &Url) -> bool {
    uri.path().ends_with("/kpi.toml")
}

impl Workspace {
    /// Opens or replaces a document; its filing is recomputed when next asked for.
    pub fn open(&mut self, uri: Url, text: String, version: i32) {
        self.documents
            .insert(uri.clone(), Document::new(text, version));
        self.touch(&uri);
    }

    /// Closes a document: its filing reads it from the disk again.
    pub fn close(&mut self, uri: &Url) {
        self.documents.remove(uri);
        self.touch(uri);
    }

    /// Marks the filings a document is part of as changed.
    pub fn touch(&mut self, uri: &Url) {
        if is_config(uri) {
            // A kpi.toml governs its folder and those below it: every cached filing there.
            let dir = uri
                .to_file_path()
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf));
            let keys: Vec<FilingKey> = self
                .analyses
                .keys()
                .filter(|k| match (k, &dir) {
                    (FilingKey::Folder(f), Some(d)) => f.starts_with(d),
                    _ => false,
                })
                .cloned()
                .collect();
            for k in keys {
                self.analyses.remove(&k);
                self.dirty.insert(k);
            }
            return;
        }
        let key = filing_of(uri);
        self.analyses.remove(&key);
        self.dirty.insert(key);
    }

    /// Forgets every cached analysis (files changed on disk).
    pub fn invalidate_all(&mut self) {
        let keys: Vec<FilingKey> = self.analyses.keys().cloned().collect();
        self.dirty.extend(keys);
        self.analyses.clear();
    }

    /// The analysis of a filing, computed now when the cache has none.
    pub fn analysis(&mut self, key: &FilingKey) -> Arc<Analysis> {
        if let Some(a) = self.analyses.get(key) {
            return Arc::clone(a);
        }
        let a = Arc::new(analyse(key, &self.documents, &mut self.lowering));
        self.analyses.insert(key.clone(), Arc::clone(&a));
        a
    }

    /// The analysis of the filing of a document, with the document's file index in it.
    pub fn analysis_of(&mut self, uri: &Url) -> Option<(Arc<Analysis>, FileId)> {
        let a = self.analysis(&filing_of(uri));
        let file = a.file_of(uri)?;
        Some((a, file))
    }

    /// The filings the workspace knows: open documents' and those found under the roots.
    pub fn known_filings(&self) -> BTreeSet<FilingKey> {
        let mut keys: BTreeSet<FilingKey> = self
            .documents
            .keys()
            .filter(|u| !is_config(u))
            .map(filing_of)
            .collect();
        for root in &self.roots {
            let mut dirs = Vec::new();
            folders_with_forms(root, &mut dirs, 0);
            keys.extend(dirs.into_iter().map(FilingKey::Folder));
        }
        keys
    }
}

/// Folders under `dir` that hold `.kpi` files (hidden folders and `target` skipped, at most
/// 8 levels and 1000 folders: a workspace symbol search must not walk a whole disk).
fn folders_with_forms(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 8 || out.len() >= 1000 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut has_forms = false;
    let mut subdirs = Vec::new();
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if !name.starts_with('.') && name != "target" && name != "node_modules" {
                subdirs.push(path);
            }
        } else if path.extension().is_some_and(|x| x == "kpi") {
            has_forms = true;
        }
    }
    if has_forms {
        out.push(dir.to_path_buf());
    }
    subdirs.sort();
    for d in subdirs {
        folders_with_forms(&d, out, depth + 1);
    }
}

/// The `.kpi` files directly in a folder, sorted (as `kpi check` orders them).
fn forms_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "kpi"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Each file's lowering, kept while its text, place in the filing and declared units stay the
/// same: an edit of one form re-parses that form only, and the others are recombined
/// ([`crate::lower::LoweredFile`] is made for this). One entry per file, replaced when the
/// file changes, so the cache does not grow with edits.
#[derive(Default)]
pub struct LoweringCache {
    files: HashMap<Url, CachedLowering>,
}

struct CachedLowering {
    text: Arc<str>,
    file: FileId,
    units: CustomUnits,
    lowered: LoweredFile,
}

impl LoweringCache {
    /// The lowering of a file: the kept one when nothing it depends on changed, else `lower`'s.
    fn lowered(
        &mut self,
        uri: &Url,
        text: &Arc<str>,
        file: FileId,
        units: &CustomUnits,
        lower: impl FnOnce() -> LoweredFile,
    ) -> LoweredFile {
        if let Some(c) = self.files.get(uri) {
            if c.file == file && &c.units == units && *c.text == **text {
                return c.lowered.clone();
            }
        }
        let lowered = lower();
        self.files.insert(
            uri.clone(),
            CachedLowering {
                text: Arc::clone(text),
                file,
                units: units.clone(),
                lowered: lowered.clone(),
            },
        );
        lowered
    }
}

/// Loads and checks a filing from the open documents and the disk.
pub fn analyse(
    key: &FilingKey,
    documents: &HashMap<Url, Document>,
    cache: &mut LoweringCache,
) -> Analysis {
    // path → (uri, text, version, encoding read)
    let mut files: BTreeMap<PathBuf, (Url, Arc<str>, Option<i32>, bool)> = BTreeMap::new();
    let mut alone = Vec::new();
    let mut config_file = None;
    match key {
        FilingKey::Folder(dir) => {
            for path in forms_in(dir) {
                let Ok(uri) = Url::from_file_path(&path) else {
                    continue;
                };
                if documents.contains_key(&uri) {
                    continue;
                }
                // A file that cannot be read as text is left out here; opening it shows why.
                if let Ok((text, enc)) = crate::filing::read_text(&path) {
                    files.insert(path, (uri, text.into(), None, enc == TextEncoding::Gb18030));
                }
            }
            for (uri, doc) in documents {
                let Ok(path) = uri.to_file_path() else {
                    continue;
                };
                if path.parent() == Some(dir.as_path()) && !is_config(uri) {
                    files.insert(
                        path,
                        (uri.clone(), Arc::clone(&doc.text), Some(doc.version), false),
                    );
                }
            }
            config_file = config_for(dir, documents);
        }
        FilingKey::Alone(uri) => {
            if let Some(doc) = documents.get(uri) {
                alone.push((uri.clone(), Arc::clone(&doc.text), Some(doc.version), false));
            }
        }
    }
    let entries: Vec<(Url, Arc<str>, Option<i32>, bool)> =
        files.into_values().chain(alone).collect();
    let units = config_file
        .as_ref()
        .map(|(_, f)| crate::config::units_of(f))
        .unwrap_or_default();
    let mut loaded = Loaded::empty();
    for (uri, text, _, _) in &entries {
        let index = loaded
            .sources
            .add(SourceFile::new(display_name(uri), text.to_string()));
        let lowered = cache.lowered(uri, text, index, &units, || {
            crate::lower::lower_source_with_tree(loaded.sources.get(index), index, &units)
        });
        let (diags, syntax) = lowered.into_filing(&mut loaded.filing);
        loaded.diagnostics.extend(diags);
        loaded.syntax.push(Some(syntax));
    }
    for (i, e) in entries.iter().enumerate() {
        if e.3 {
            loaded
                .diagnostics
                .push(crate::filing::legacy_encoding(FileId(i)));
        }
    }
    crate::diag::sort(&mut loaded.diagnostics);
    let mut infos: Vec<FileInfo> = entries
        .iter()
        .enumerate()
        .map(|(i, (uri, _, version, _))| FileInfo {
            uri: uri.clone(),
            version: *version,
            index: Arc::new(LineIndex::new(&loaded.sources.get(FileId(i)).text)),
        })
        .collect();
    let (config_uri, config_source, config_version) = match config_file {
        Some(((uri, version), f)) => (Some(uri), Some(f), version),
        None => (None, None, None),
    };
    let (config, diagnostics) = crate::check::run(&mut loaded, config_source);
    if let Some(uri) = config_uri {
        let last = FileId(loaded.sources.files.len() - 1);
        infos.push(FileInfo {
            uri,
            version: config_version,
            index: Arc::new(LineIndex::new(&loaded.sources.get(last).text)),
        });
    }
    let resolution = Resolution::of(&loaded.filing);
    Analysis {
        key: key.clone(),
        loaded,
        config,
        diagnostics,
        resolution,
        files: infos,
    }
}

/// A file's name in messages: its path, as `kpi check` shows it.
fn display_name(uri: &Url) -> String {
    match uri.to_file_path() {
        Ok(p) => p.display().to_string(),
        Err(()) => uri.to_string(),
    }
}

/// The `kpi.toml` of a folder, by `kpi check`'s one search rule, its open text overriding the
/// disk's.
#[allow(clippy::type_complexity)]
fn config_for(
    dir: &Path,
    documents: &HashMap<Url, Document>,
) -> Option<((Url, Option<i32>), SourceFile)> {
    // An open kpi.toml that is not yet saved counts too: look for the nearest, open or not.
    for d in dir.ancestors() {
        let path = d.join("kpi.toml");
        let Ok(uri) = Url::from_file_path(&path) else {
            continue;
        };
        if let Some(doc) = documents.get(&uri) {
            let name = path.display().to_string();
            return Some((
                (uri, Some(doc.version)),
                SourceFile::new(name, doc.text.to_string()),
            ));
        }
        if path.is_file() {
            let text = std::fs::read_to_string(&path).ok()?;
            let name = path.display().to_string();
            return Some(((uri, None), SourceFile::new(name, text)));
        }
    }
    None
}

/// The language of messages (界面语言): `--lang`, else the client's
/// `initializationOptions.lang` (the editor's own setting, as explicit as `--lang`), else the
/// order `kpi check` follows: `KPI_LANG`, `lang` in the kpi.toml found from the workspace's
/// first root folder, the locale.
pub fn language(cli: Option<Lang>, options: Option<&serde_json::Value>, roots: &[PathBuf]) -> Lang {
    if let Some(l) = cli {
        return l;
    }
    match options
        .and_then(|o| o.get("lang"))
        .and_then(serde_json::Value::as_str)
    {
        Some("zh") => Lang::Zh,
        Some("en") => Lang::En,
        // Without a root folder there is no kpi.toml to read (not the server's own folder).
        _ if roots.is_empty() => Lang::from_env(),
        _ => crate::config::language(&roots[..1], None),
    }
}
