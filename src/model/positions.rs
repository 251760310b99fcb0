//! What a filing says, apart from where it says it: the model with every position (line
//! numbers, spans, file indexes) cleared, for `kpi fmt`'s check that formatting changed
//! nothing but layout.
//!
//! Every type is taken apart field by field, so a field added to the model does not compile
//! here until it is called a position or content.

use super::*;

impl Filing {
    /// A copy with every line number, span and file index cleared.
    pub fn without_positions(&self) -> Filing {
        let mut copy = self.clone();
        copy.clear_positions();
        copy
    }

    /// True when the two filings say the same, wherever they say it: their copies
    /// [`without_positions`](Filing::without_positions) are equal, decimals compared *as
    /// written*. (`Decimal`'s `==` is numeric, `1.0 == 1.00`, but the model keeps a number as
    /// it was written and the formatter must not change that; the derived `Debug` shows every
    /// field and writes a decimal with its scale, so the comparison goes through it.)
    pub fn says_the_same_as(&self, other: &Filing) -> bool {
        let (a, b) = (self.without_positions(), other.without_positions());
        a == b && format!("{a:?}") == format!("{b:?}")
    }
}

/// A part of the model that holds positions.
trait ClearPositions {
    fn clear_positions(&mut self);
}

impl<T: ClearPositions> ClearPositions for Vec<T> {
    fn clear_positions(&mut self) {
        self.iter_mut().for_each(T::clear_positions);
    }
}

impl<T: ClearPositions> ClearPositions for Option<T> {
    fn clear_positions(&mut self) {
        if let Some(t) = self {
            t.clear_positions();
        }
    }
}

impl ClearPositions for Filing {
    fn clear_positions(&mut self) {
        let Filing {
            departments,
            projects,
        } = self;
        departments.clear_positions();
        projects.clear_positions();
    }
}

impl ClearPositions for Origin {
    fn clear_positions(&mut self) {
        let Origin {
            file: _,
            line,
            file_id,
            span,
            name_span,
        } = self;
        *line = 0;
        *file_id = FileId::default();
        *span = Span::default();
        *name_span = Span::default();
    }
}

impl ClearPositions for FormHeader {
    fn clear_positions(&mut self) {
        let FormHeader {
            name: _,
            origin,
            year: _,
            code: _,
            implementing_unit: _,
            filed,
            goals,
            indicators,
            unread: _,
        } = self;
        origin.clear_positions();
        filed.clear_positions();
        goals.clear_positions();
        indicators.clear_positions();
    }
}

impl ClearPositions for Project {
    fn clear_positions(&mut self) {
        let Project {
            header,
            department: _,
            kind,
            period,
            budget,
            execution,
        } = self;
        header.clear_positions();
        kind.clear_positions();
        period.clear_positions();
        budget.clear_positions();
        execution.clear_positions();
    }
}

impl ClearPositions for Department {
    fn clear_positions(&mut self) {
        let Department { header, funds } = self;
        header.clear_positions();
        funds.clear_positions();
    }
}

impl ClearPositions for Kind {
    fn clear_positions(&mut self) {
        let Kind {
            kinds: _,
            text: _,
            span,
        } = self;
        *span = Span::default();
    }
}

impl<T> ClearPositions for Spanned<T> {
    fn clear_positions(&mut self) {
        let Spanned { value: _, span } = self;
        *span = Span::default();
    }
}

impl ClearPositions for Split {
    fn clear_positions(&mut self) {
        let Split {
            fiscal,
            transfer,
            carryover,
            other,
        } = self;
        fiscal.clear_positions();
        transfer.clear_positions();
        carryover.clear_positions();
        other.clear_positions();
    }
}

impl ClearPositions for Entry {
    fn clear_positions(&mut self) {
        let Entry { amount: _, span } = self;
        *span = Span::default();
    }
}

impl ClearPositions for Budget {
    fn clear_positions(&mut self) {
        let Budget {
            total: _,
            split,
            span,
        } = self;
        split.clear_positions();
        *span = Span::default();
    }
}

impl ClearPositions for Filed {
    fn clear_positions(&mut self) {
        let Filed {
            date,
            filer: _,
            phone: _,
            span,
        } = self;
        date.clear_positions();
        *span = Span::default();
    }
}

impl ClearPositions for Goal {
    fn clear_positions(&mut self) {
        let Goal { text: _, span } = self;
        *span = Span::default();
    }
}

impl ClearPositions for Indicator {
    fn clear_positions(&mut self) {
        let Indicator {
            level1: _,
            level2: _,
            name: _,
            value: _,
            weight: _,
            explanation: _,
            scoring: _,
            standard: _,
            direction: _,
            assessment,
            line,
            span,
            name_span,
            value_span,
        } = self;
        if let Some(assessment) = assessment {
            assessment.clear_positions();
        }
        *line = 0;
        *span = Span::default();
        *name_span = Span::default();
        *value_span = Span::default();
    }
}

impl ClearPositions for Execution {
    fn clear_positions(&mut self) {
        let Execution {
            adjusted,
            executed,
            midyear,
            forecast,
            score,
            total_score,
            outcome,
            reason,
        } = self;
        reason.clear_positions();
        adjusted.clear_positions();
        executed.clear_positions();
        midyear.clear_positions();
        forecast.clear_positions();
        score.clear_positions();
        total_score.clear_positions();
        outcome.clear_positions();
    }
}

impl ClearPositions for Assessment {
    fn clear_positions(&mut self) {
        let Assessment {
            actual,
            score,
            grade,
            reason,
            midyear,
            forecast,
            cause,
            likelihood,
        } = self;
        actual.clear_positions();
        score.clear_positions();
        grade.clear_positions();
        reason.clear_positions();
        midyear.clear_positions();
        forecast.clear_positions();
        cause.clear_positions();
        likelihood.clear_positions();
    }
}

impl ClearPositions for Funds {
    fn clear_positions(&mut self) {
        let Funds {
            lines,
            totals,
            span,
        } = self;
        lines.clear_positions();
        totals.clear_positions();
        *span = Span::default();
    }
}

impl ClearPositions for FundsLine {
    fn clear_positions(&mut self) {
        let FundsLine {
            category: _,
            name: _,
            amount: _,
            split,
            link: _,
            link_span,
            line,
            span,
            name_span,
            amount_span,
        } = self;
        split.clear_positions();
        *link_span = None;
        *line = 0;
        *span = Span::default();
        *name_span = Span::default();
        *amount_span = Span::default();
    }
}

impl ClearPositions for StatedTotal {
    fn clear_positions(&mut self) {
        let StatedTotal {
            category: _,
            amount: _,
            split,
            line,
            span,
            amount_span,
        } = self;
        split.clear_positions();
        *line = 0;
        *span = Span::default();
        *amount_span = Span::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn filing(line: usize, span: Span, weight: &str) -> Filing {
        Filing {
            departments: vec![],
            projects: vec![Project {
                header: FormHeader {
                    name: "p".into(),
                    origin: Origin {
                        file: "a.kpi".into(),
                        line,
                        file_id: FileId::default(),
                        span,
                        name_span: span,
                    },
                    indicators: vec![Indicator {
                        level1: Level1::Output,
                        level2: None,
                        name: "i".into(),
                        value: None,
                        weight: Some(weight.parse::<Decimal>().unwrap()),
                        explanation: None,
                        scoring: None,
                        standard: None,
                        direction: None,
                        assessment: None,
                        line: line + 1,
                        span,
                        name_span: span,
                        value_span: span,
                    }],
                    ..FormHeader::default()
                },
                ..Project::default()
            }],
        }
    }

    #[test]
    fn positions_do_not_count_but_decimals_as_written_do() {
        let a = filing(1, Span::new(0, 10), "10");
        let b = filing(7, Span::new(30, 44), "10");
        assert_ne!(a, b);
        assert!(a.says_the_same_as(&b));
        // 10.0 == 10 as numbers, but it is not what was written.
        let c = filing(1, Span::new(0, 10), "10.0");
        assert_eq!(a.without_positions(), c.without_positions());
        assert!(!a.says_the_same_as(&c));
    }
}
