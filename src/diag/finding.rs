//! Findings as types (问题): what one finding of a rule says, built from the values it is
//! about. Each rule's findings are a type defined beside the rule's `const` and the check that
//! reports it — a struct, or an enum when the rule words different cases differently — and its
//! message and help are written there and nowhere else. A check says *what* it found
//! (`AmountDiffers { line, table, form }`) and *where* (`.at(file, span)`); the wording in both
//! languages is the finding's.

use super::{Diagnostic, Location, Rule, Text};
use crate::source::{FileId, Span};

/// One finding of a rule.
pub trait Finding {
    /// The rule the finding is of.
    const RULE: &'static Rule;

    /// One line saying what is wrong.
    fn message(&self) -> Text;

    /// How to fix it.
    fn help(&self) -> Text;

    /// The finding at a span of a `.kpi` file.
    fn at(&self, file: FileId, span: Span) -> Diagnostic {
        Diagnostic::new(Self::RULE, file, span, self.message(), self.help())
    }

    /// The finding at a workbook cell, or about no place in particular.
    fn at_location(&self, location: Location) -> Diagnostic {
        Diagnostic::at(Self::RULE, location, self.message(), self.help())
    }
}
