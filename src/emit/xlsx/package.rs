//! The xlsx container (a zip): checked before any parser sees it, and written with fixed
//! timestamps so that the same input gives the same bytes.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::Limits;

/// Why a zip was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipProblem {
    /// Not a zip at all (or a damaged one).
    NotZip(String),
    /// Bigger than the limits allow, compressed or not.
    TooBig(String),
}

/// Reads every entry of a zip within the limits: at most `max_entries` entries and
/// `max_unzipped_bytes` bytes in all, counted while decompressing (the sizes a zip declares
/// may lie). Returns the entries in archive order.
pub fn read_entries(bytes: &[u8], limits: &Limits) -> Result<Vec<(String, Vec<u8>)>, ZipProblem> {
    if bytes.len() > limits.max_file_bytes {
        return Err(ZipProblem::TooBig(format!("{} bytes", bytes.len())));
    }
    let mut archive =
        ZipArchive::new(Cursor::new(bytes)).map_err(|e| ZipProblem::NotZip(e.to_string()))?;
    if archive.len() > limits.max_entries {
        return Err(ZipProblem::TooBig(format!("{} entries", archive.len())));
    }
    let mut total = 0usize;
    let mut out = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let entry = archive
            .by_index(i)
            .map_err(|e| ZipProblem::NotZip(e.to_string()))?;
        let name = entry.name().to_string();
        let budget = limits.max_unzipped_bytes.saturating_sub(total);
        let mut data = Vec::new();
        entry
            .take((budget as u64).saturating_add(1))
            .read_to_end(&mut data)
            .map_err(|e| ZipProblem::NotZip(e.to_string()))?;
        if data.len() > budget {
            return Err(ZipProblem::TooBig(format!(
                "more than {} bytes unzipped",
                limits.max_unzipped_bytes
            )));
        }
        total += data.len();
        out.push((name, data));
    }
    Ok(out)
}

/// The fixed options every entry is written with: deflated, dated 1980-01-01 (the zip epoch),
/// mode 0644.
fn entry_options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
}

/// Writes entries into a new zip with fixed timestamps and options ([`entry_options`]), in
/// the order given.
pub fn write_entries(entries: &[(String, Vec<u8>)]) -> std::io::Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        zip.start_file(name.as_str(), entry_options())
            .map_err(std::io::Error::other)?;
        zip.write_all(data)?;
    }
    let cursor = zip.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}

/// Rewrites a zip that kpi's writer made with fixed timestamps and options, entry by entry
/// in archive order: the same bytes as [`write_entries`] of all its entries, but only one
/// entry is unzipped at a time (a 10 MB corpus's workbook unzips to about 50 MB).
pub fn rewrite(zip_bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(zip_bytes)).map_err(std::io::Error::other)?;
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(zip_bytes.len())));
    // One buffer, reused: each entry is written with a single `write_all`, as
    // `write_entries` does, so the deflate stream (and so the bytes) is the same.
    let mut data = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(std::io::Error::other)?;
        let name = entry.name().to_string();
        data.clear();
        entry.read_to_end(&mut data)?;
        zip.start_file(name, entry_options())
            .map_err(std::io::Error::other)?;
        zip.write_all(&data)?;
    }
    let cursor = zip.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}
