//! Back ends: what a filing compiles to.

pub mod json;
pub mod xlsx;
