//! kpi — a compiler for budget performance-target forms (预算绩效目标表).
//!
//! The pipeline: `.kpi` text → [`syntax`] (pest) → [`lower`] (typed [`model`], type errors)
//! → [`check`] (rules with codes: the consistency checker) and [`emit`] (JSON). Diagnostics
//! ([`diag`]) are data, rendered in one place.

pub mod check;
pub mod cli;
pub mod config;
pub mod diag;
pub mod emit;
pub mod filing;
pub mod fmt;
pub mod html;
pub mod import;
pub mod lower;
pub mod lsp;
pub mod model;
pub mod output;
pub mod resolve;
pub mod score;
pub mod source;
pub mod syntax;
#[cfg(test)]
mod testing;
