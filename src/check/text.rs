//! K07 — text (文本): numbers in a goal that contradict an indicator, goal text copied
//! across projects, the same indicator twice in one form.
//!
//! The goal check is conservative. It reads `number + count unit` pairs (`不少于20家`, `84个`)
//! from each clause of the goal, and flags an indicator only when the indicator's value has the
//! same kind of unit (人/名/位/人次 for people, 个/家/所 for organisations, 次/场/期 for events),
//! some clause with that unit shares at least two character bigrams with the
//! indicator's name, and no such clause states the indicator's number.

use rust_decimal::Decimal;

use super::words::{bigrams, content_len, normalize, shared, strip_numbering};
use super::{Ctx, Doc, Rule};
use crate::diag::{Diagnostic, Finding, Severity, Text};
use crate::model::{
    may_be_in_known_unit, parse_unit, Dimension, Goal, Indicator, Level1, Level2, Value,
};
use crate::source::{FileId, Span};

/// A `number unit` pair found in free text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Mention {
    pub value: Decimal,
    pub unit: String,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
}

/// Count quantities mentioned in a text: a number followed by a count unit (`20家`, `84 个`,
/// `2万件`). Dates, money, percentages and times are not counts and are skipped.
pub(super) fn mentions(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let prev_is_word =
            i > 0 && (chars[i - 1].1.is_ascii_alphanumeric() || chars[i - 1].1 == '.');
        if !c.is_ascii_digit() || prev_is_word {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len()
            && (chars[j].1.is_ascii_digit()
                || (chars[j].1 == '.' && j + 1 < chars.len() && chars[j + 1].1.is_ascii_digit()))
        {
            j += 1;
        }
        let num_end = chars.get(j).map(|x| x.0).unwrap_or(text.len());
        let Ok(value) = text[start..num_end].parse::<Decimal>() else {
            i = j;
            continue;
        };
        let mut k = j;
        while k < chars.len() && chars[k].1 == ' ' {
            k += 1;
        }
        // The longest unit text (up to 4 characters) that parses; only characters that can
        // be in a known unit are tried.
        let known = chars[k..]
            .iter()
            .take(4)
            .take_while(|(_, c)| may_be_in_known_unit(*c))
            .count();
        // (`known` never reaches past the text, so `chars[k]` exists whenever a length is tried.)
        let found = (1..=known).rev().find_map(|len| {
            let from = chars[k].0;
            let to = chars.get(k + len).map_or(text.len(), |x| x.0);
            parse_unit(&text[from..to]).map(|p| (p, to))
        });
        if let Some((p, to)) = found {
            if let Some(u) = &p.unit {
                if u.dimension == Dimension::Count {
                    // A count too large to multiply out is no count a name states: skipped
                    // (this reads free text; it is not an amount of the form).
                    let Some(v) = p
                        .multiplier
                        .map_or(Some(value), |m| value.checked_mul(m.factor()))
                    else {
                        i = j.max(i + 1);
                        continue;
                    };
                    out.push(Mention {
                        value: v,
                        unit: u.symbol.clone(),
                        start,
                        end: to,
                    });
                }
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// The clauses of a goal: split at 。；; and line breaks, with their byte offsets.
fn clauses(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '；' | ';' | '\n') {
            out.push((start, &text[start..i]));
            start = i + c.len_utf8();
        }
    }
    out.push((start, &text[start..]));
    out
}

/// The span of a goal's text inside its statement (the string), or the statement.
pub(super) fn goal_text_span(cx: &Ctx<'_>, file: FileId, goal: &Goal) -> (Span, Option<usize>) {
    let src = &cx.source(file).text;
    let stmt = &src[goal.span.start.min(src.len())..goal.span.end.min(src.len())];
    // The goal text is stored unescaped; when it appears verbatim the offsets are exact.
    match stmt.find(goal.text.as_str()) {
        Some(i) if !goal.text.is_empty() => {
            let s = goal.span.start + i;
            (Span::new(s, s + goal.text.len()), Some(s))
        }
        _ => (goal.span, None),
    }
}

/// Count units that name the same kind of thing, so a goal's `20名` and an indicator's
/// `20人` are compared: people, organisations, events. Other units match only themselves.
const UNIT_SYNONYMS: &[&[&str]] = &[
    &["人", "名", "位", "人次"],
    &["个", "家", "所"],
    &["次", "场", "期", "场次", "期次"],
];

/// True when two count units count the same kind of thing.
pub(super) fn same_kind(a: &str, b: &str) -> bool {
    a == b
        || UNIT_SYNONYMS
            .iter()
            .any(|group| group.contains(&a) && group.contains(&b))
}

/// True when a mention counts with the general classifier 个 a noun that holds the indicator's
/// unit (`70个行政村` against `70村`): the same things, counted the same.
fn classifier_of(clause: &str, m: &Mention, unit: &str) -> bool {
    m.unit == "个"
        && clause[m.end..]
            .chars()
            .take(4)
            .collect::<String>()
            .contains(unit)
}

fn goal_numbers(
    cx: &Ctx<'_>,
    file: FileId,
    goals: &[Goal],
    indicators: &[Indicator],
    out: &mut Vec<Diagnostic>,
) {
    /// A clause of a goal: where it starts, its text, its bigrams, and its count mentions
    /// (read when first needed). Made once per goal, not once per indicator and goal.
    struct Clause<'t> {
        offset: usize,
        text: &'t str,
        bigrams: super::words::Bigrams,
        mentions: std::cell::OnceCell<Vec<Mention>>,
    }
    let goal_clauses: Vec<Vec<Clause<'_>>> = goals
        .iter()
        .map(|g| {
            clauses(&g.text)
                .into_iter()
                .map(|(offset, text)| Clause {
                    offset,
                    text,
                    bigrams: bigrams(text),
                    mentions: std::cell::OnceCell::new(),
                })
                .collect()
        })
        .collect();
    for ind in indicators {
        let Some(Value::Quantitative { quantity, .. }) = &ind.value else {
            continue;
        };
        let Some(unit) = quantity
            .unit
            .as_ref()
            .filter(|u| u.dimension == Dimension::Count)
        else {
            continue;
        };
        let target = quantity
            .normalized()
            .map(|(v, _)| v)
            .unwrap_or(quantity.value);
        let name = strip_numbering(&ind.name).0;
        let nb = bigrams(name);
        // Candidate clauses: same unit, sharing words with the indicator's name; and, for a
        // unit mismatch, the same number with another count unit in a clause that shares
        // more words.
        let mut candidates: Vec<(usize, &Goal, Mention)> = Vec::new();
        let mut other_units: Vec<(usize, &Goal, Mention)> = Vec::new();
        for (g, clauses) in goals.iter().zip(&goal_clauses) {
            for clause in clauses {
                let s = shared(&nb, &clause.bigrams);
                if s < 2 {
                    continue;
                }
                for m in clause.mentions.get_or_init(|| mentions(clause.text)) {
                    let m = Mention {
                        start: m.start + clause.offset,
                        end: m.end + clause.offset,
                        ..m.clone()
                    };
                    if same_kind(&m.unit, &unit.symbol) {
                        candidates.push((s, g, m));
                    } else if !same_kind(&m.unit, &unit.symbol)
                        && m.value == target
                        && !classifier_of(&g.text, &m, &unit.symbol)
                        && m.value.scale() == 0
                        && s >= 3
                        && s * 2 >= nb.len()
                    {
                        other_units.push((s, g, m));
                    }
                }
            }
        }
        if candidates.iter().any(|c| c.2.value == target) {
            continue;
        }
        // The indicator's own number in another unit outweighs a different number in a
        // synonym (`21次` in the goal against `21人`, beside `7名` experts per session).
        let exact_unit = candidates.iter().any(|c| c.2.unit == unit.symbol);
        let unit_differs = candidates.is_empty() || (!exact_unit && !other_units.is_empty());
        // Report against the clause that shares the most words with the name.
        let pool = if unit_differs {
            &other_units
        } else {
            &candidates
        };
        let Some(best) = pool
            .iter()
            .max_by_key(|c| (c.0, std::cmp::Reverse(c.2.start)))
        else {
            continue;
        };
        let (_, goal, m) = best;
        let (text_span, text_start) = goal_text_span(cx, file, goal);
        let label_span = match text_start {
            Some(s) => Span::new(s + m.start, s + m.end),
            None => text_span,
        };
        let said = &goal.text[m.start..m.end];
        let (indicator, target) = (ind.name.as_str(), quantity.written());
        let finding = if unit_differs {
            GoalContradictsIndicator::Unit {
                said,
                indicator,
                target,
            }
        } else {
            GoalContradictsIndicator::Number {
                said,
                indicator,
                target,
            }
        };
        out.push(finding.at(file, ind.value_span).with_label(
            file,
            label_span,
            Text::new(format!("the goal: {said}"), format!("目标：{said}")),
        ));
    }
}

/// The smallest number of shared bigrams that makes `shared / smaller >= 0.9`, computed with
/// the same floating-point comparison as [`overlap`], so the index finds exactly the pairs the
/// pairwise comparison found.
fn required_shared(smaller: usize) -> usize {
    let ok = |s: usize| s as f64 / smaller as f64 >= COPY_OVERLAP;
    let mut s = (COPY_OVERLAP * smaller as f64).ceil() as usize;
    while s > 0 && ok(s - 1) {
        s -= 1;
    }
    while !ok(s) {
        s += 1;
    }
    s
}

/// How much of the smaller bigram set two goals share to count as copied.
const COPY_OVERLAP: f64 = 0.9;

/// One goal that takes part in K0702: its form, its normalised text, and its bigrams as ids
/// sorted ascending, an id being its bigram's rank by frequency in the filing (so the first
/// ids are the rarest bigrams).
struct GoalPrint {
    project: usize,
    key: String,
    ids: Vec<u32>,
}

/// How many of the rarest bigrams of the smaller of two copied goals the other must hold
/// (the `k` of the prefix filter, below): six, or all that the smaller needs when it needs
/// fewer.
///
/// Why six: the rarest bigrams of a goal come in runs, a place name's two to four bigrams
/// recurring together (拉萨, 萨市, 市城 in every goal of 拉萨市城关区's forms). Requiring one or
/// two would still compare a goal exactly with every goal of its city, a share of the filing
/// that grows with it; six need more in common than a place name (see the test
/// `copied_goals_are_compared_with_a_bounded_candidate_set`: 1.7 goals compared per goal at
/// 4 000 goals, against 19.6 with four, 137 with two and 253 with one). Any `k` up to
/// `required_shared` finds the same copies; a larger `k` lengthens the prefixes (more
/// posting-list entries counted) and shortens the list of goals compared exactly.
fn hits_needed(n: usize, hits: usize) -> usize {
    required_shared(n).min(hits)
}

/// See [`hits_needed`].
const HITS: usize = 6;

impl GoalPrint {
    /// The rarest `n − required_shared(n) + hits_needed(n)` ids of this goal's `n`.
    ///
    /// The prefix filter of set-similarity joins: when two sets share at least `c` elements,
    /// their `k` rarest common elements lie within the first `size − c + k` elements of each
    /// (after them there are not enough elements left for the other `c − k`). For the smaller
    /// set of a copied pair `c` is `required_shared` of its own size, so its prefix holds
    /// `hits_needed` elements of the other set.
    fn prefix(&self, hits: usize) -> &[u32] {
        let n = self.ids.len();
        if n == 0 {
            return &[];
        }
        &self.ids[..n - required_shared(n) + hits_needed(n, hits)]
    }
}

/// Whether two sorted id lists share at least `need` elements; stops as soon as what is left
/// cannot reach it.
fn shares_at_least(a: &[u32], b: &[u32], need: usize) -> bool {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while n < need {
        if i == a.len() || j == b.len() || n + (a.len() - i).min(b.len() - j) < need {
            return false;
        }
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    true
}

/// K0702. Each goal is reported once, against the first goal (in form order) of an earlier
/// form that is identical after normalising or shares at least 90% of the smaller bigram set.
///
/// Complexity: fingerprints (normalised text, bigram ids) once per goal; identical goals meet
/// in a hash map; near copies through a prefix-filter index, see [`copies`]: a goal is
/// compared exactly only with the earlier goals that share six of the rarest bigrams of the
/// smaller of the two (six bigrams together are far rarer than one), found by counting over
/// posting lists. Before issue 14 every goal was compared with every earlier goal, rebuilding
/// both bigram sets per pair (91% of a 10 MB check); the first index verified every goal that
/// shared *one* rare bigram, which on a filing of 100 MB was again most of the time.
/// The counting itself grows with the number of earlier goals sharing a goal's rarest bigrams,
/// which on a filing whose goals all share their wording is the square of the filing; the
/// [`Budget`] caps it at a constant per bigram and per goal, so the rule is linear on any
/// filing, and exact on every filing kpi has met (K0707 reports the rest).
fn copied_goals(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    const MIN_CHARS: usize = 15;
    let projects = &cx.filing.projects;
    let goals: Vec<(usize, usize, &str)> = projects
        .iter()
        .enumerate()
        .flat_map(|(pi, p)| {
            p.goals
                .iter()
                .enumerate()
                .map(move |(gi, g)| (pi, gi, g.text.as_str()))
        })
        .filter(|(_, _, t)| content_len(t) >= MIN_CHARS)
        .collect();
    let (found, work) = copies(&goals);
    // K0707: once per filing, on the first goal the budget bound (windowed, cut, or both).
    let mut bounded: Vec<usize> = work.windows.iter().map(|w| w.0).collect();
    bounded.extend(&work.cut);
    bounded.sort_unstable();
    bounded.dedup();
    if let Some(&first) = bounded.first() {
        let (pi, gi, _) = goals[first];
        let p = &projects[pi];
        let (span, _) = goal_text_span(cx, p.origin.file_id, &p.goals[gi]);
        let finding = CopySearchBounded {
            goals: bounded.len(),
            windowed: work.windows.len(),
            nearest: work.windows.iter().map(|w| w.2).min().unwrap_or(0),
            cut: work.cut.len(),
        };
        out.push(finding.at(p.origin.file_id, span));
    }
    for (q, c, identical) in found {
        let ((pi, gi, _), (epi, egi, _)) = (goals[q], goals[c]);
        let (p, earlier) = (&projects[pi], &projects[epi]);
        let goal = &p.goals[gi];
        let file = p.origin.file_id;
        let (span, _) = goal_text_span(cx, file, goal);
        let (en, zh) = if identical {
            ("the same goal text", "相同的目标文字")
        } else {
            ("nearly the same goal text", "几乎相同的目标文字")
        };
        let finding = GoalCopied {
            how: (en, zh),
            earlier: &earlier.name,
        };
        out.push(finding.at(file, span).with_label(
            earlier.origin.file_id,
            earlier.goals[egi].span,
            Text::new("the goal it copies", "被复制的目标"),
        ));
    }
}

/// Size classes of goals (by number of bigrams): the quartiles of the filing's goals, so that
/// each class holds about a quarter of them.
struct SizeClasses {
    /// The largest size of each class but the last, ascending.
    upper: Vec<usize>,
}

impl SizeClasses {
    fn of(sizes: impl Iterator<Item = usize>) -> SizeClasses {
        let mut sizes: Vec<usize> = sizes.collect();
        sizes.sort_unstable();
        let mut upper: Vec<usize> = (1..4)
            .filter_map(|q| sizes.get(sizes.len() * q / 4).copied())
            .collect();
        upper.dedup();
        SizeClasses { upper }
    }

    /// How many classes there are.
    fn len(&self) -> usize {
        self.upper.len() + 1
    }

    /// The class of a goal of `n` bigrams.
    fn class(&self, n: usize) -> usize {
        self.upper.partition_point(|&u| u < n)
    }
}

/// Posting lists: per bigram id and size class, the goals (position, number of bigrams) that
/// hold it, in goal order. Built whole before the search, in one array (one allocation, not
/// one per list: a list per bigram and class was a third of K0702's time on small filings);
/// the search makes each goal visible in turn ([`Postings::show`]), so a list reads only the
/// goals already passed.
struct Postings<'a> {
    classes: &'a SizeClasses,
    /// Where each list begins in `entries` (and, last, where the last one ends).
    start: Vec<usize>,
    /// Where each list's visible part ends.
    end: Vec<usize>,
    entries: Vec<(u32, u32)>,
}

impl<'a> Postings<'a> {
    /// The lists of the bigrams `held` gives for each goal, none of them visible yet.
    fn new<'p>(
        ids: usize,
        classes: &'a SizeClasses,
        prints: &'p [GoalPrint],
        held: impl Fn(&'p GoalPrint) -> &'p [u32],
    ) -> Postings<'a> {
        let k = classes.len();
        let list = |id: u32, p: &GoalPrint| list_index(classes, id, classes.class(p.ids.len()));
        let mut start = vec![0usize; ids * k + 1];
        for p in prints {
            for &id in held(p) {
                start[list(id, p) + 1] += 1;
            }
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start[..ids * k].to_vec();
        let mut entries = vec![(0, 0); start[ids * k]];
        for (g, p) in prints.iter().enumerate() {
            for &id in held(p) {
                let l = list(id, p);
                entries[next[l]] = (g as u32, p.ids.len() as u32);
                next[l] += 1;
            }
        }
        let end = start[..ids * k].to_vec();
        Postings {
            classes,
            start,
            end,
            entries,
        }
    }

    /// Makes the next goal of the list of `id` visible: `entry`, since lists are in goal
    /// order and goals are shown in that order.
    fn show(&mut self, id: u32, entry: (u32, u32)) {
        let l = list_index(self.classes, id, self.classes.class(entry.1 as usize));
        debug_assert_eq!(self.entries[self.end[l]], entry);
        self.end[l] += 1;
    }

    /// Where the visible part of the list of one bigram and size class lies in `entries`.
    fn visible(&self, id: u32, class: usize) -> (usize, usize) {
        let l = list_index(self.classes, id, class);
        (self.start[l], self.end[l])
    }
}

/// Where the list of a bigram id and size class is: the lists of one bigram side by side.
fn list_index(classes: &SizeClasses, id: u32, class: usize) -> usize {
    id as usize * classes.len() + class
}

/// K0702's work budget: what keeps the search linear on a filing whose goals all share their
/// wording.
///
/// A unit of work is a posting-list entry read, or a bigram compared exactly. A filing gets
/// `per_bigram` units for each bigram of its goals (its size, in effect). A goal may spend
/// `share` times its fair share of what is left (what is left over the goals still to
/// search), and never less than `floor`. A goal whose posting lists hold more than that is
/// searched among the nearest earlier goals only: the longest run of goals just before it
/// whose entries fit (see [`window`]). Its exact comparisons, earliest candidate first, have
/// an allowance of the same size; past it the rest are not compared. Identical goals meet in
/// a hash map whatever the budget.
///
/// On the filings kpi has met, real or generated one department per folder, no goal comes near
/// its allowance and the search is exact (`docs/performance.md`, "K0702's budget"): the
/// budget only binds when thousands of a filing's goals share their rarest bigrams, where the
/// exact search costs the square of the filing.
#[derive(Debug, Clone, Copy)]
struct Budget {
    per_bigram: usize,
    share: usize,
    floor: usize,
}

/// See [`Budget`].
const BUDGET: Budget = Budget {
    per_bigram: 256,
    share: 8,
    floor: 4_096,
};

impl Budget {
    /// The work one goal may do, with `left` units left and `goals` goals (this one included)
    /// still to search.
    fn allowance(self, left: usize, goals: usize) -> usize {
        (left / goals.max(1))
            .saturating_mul(self.share)
            .min(left)
            .max(self.floor)
    }
}

/// What [`copies`] did: its work, for the tests that hold it down, and where the budget bound
/// it, for K0707.
#[derive(Debug, Default, Clone)]
struct CopyWork {
    /// Posting-list entries read (a counter increment each).
    walked: usize,
    /// Pairs of goals compared exactly.
    verified: usize,
    /// The goals searched among the nearest earlier goals only, as (position, the first
    /// earlier goal searched, how many earlier goals that window holds), in goal order.
    windows: Vec<(usize, usize, usize)>,
    /// The goals whose exact comparisons were cut short (the earliest candidates compared,
    /// the rest not), in goal order.
    cut: Vec<usize>,
}

/// A posting-list entry: an earlier goal's position and number of bigrams.
type Entry = (u32, u32);

/// One posting list (or the visible part of one) that a goal reads: where it lies in the
/// `entries` of `by_prefix` (`prefix`) or of `by_bigram`, and which earlier goals in it count.
#[derive(Clone, Copy)]
struct Read {
    prefix: bool,
    from: usize,
    to: usize,
    keep: Keep,
}

impl Read {
    /// The entries it reads, out of (`by_prefix`'s, `by_bigram`'s).
    fn list<'e>(&self, entries: (&'e [Entry], &'e [Entry])) -> &'e [Entry] {
        &(if self.prefix { entries.0 } else { entries.1 })[self.from..self.to]
    }
}

/// Which entries of a list count: all (the list's class settles it), or, in the goal's own
/// class, those on the list's side of the goal's size (not larger for (1), larger for (2)).
#[derive(Clone, Copy, PartialEq)]
enum Keep {
    All,
    BySize,
}

/// The first earlier goal a goal can afford to search from: the smallest position `lo` such
/// that the entries of `reads` at positions `lo` or later number at most `allowance`
/// (positions below `indexed`). A binary search over positions, each step a binary search in
/// every list (lists are in goal order): `O(lists · log² goals)` per bounded goal.
fn window(
    reads: &[Read],
    entries: (&[Entry], &[Entry]),
    indexed: usize,
    allowance: usize,
) -> usize {
    let within = |lo: usize| {
        let mut n = 0;
        for r in reads {
            let list = r.list(entries);
            n += list.len() - list.partition_point(|e| (e.0 as usize) < lo);
            if n > allowance {
                return false;
            }
        }
        true
    };
    let (mut lo, mut hi) = (0, indexed);
    // within(hi) holds (no entry is at or past `indexed`); within(lo) does not (the caller
    // asks only when the whole lists exceed the allowance).
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if within(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// The copies among goals given as (form, goal, text) in form order: for each goal that has
/// one, (its position, the position of the first earlier form's goal it copies, whether the
/// two are identical after normalising), with what the search did.
fn copies(goals: &[(usize, usize, &str)]) -> (Vec<(usize, usize, bool)>, CopyWork) {
    let mut work = CopyWork::default();
    let found = copies_counted(goals, HITS, BUDGET, &mut work);
    (found, work)
}

/// [`copies`], with the number of shared rarest bigrams and the budget as parameters.
///
/// A goal `g` of `s` bigrams against an earlier goal `e` of `n`: they are copies when they
/// share `required_shared(min(s, n))`. By the prefix filter ([`GoalPrint::prefix`]) the
/// smaller one's prefix then holds `hits_needed` bigrams of the other. So `g` counts, per
/// earlier goal, (1) for each of its bigrams, the goals of at most its size whose prefix holds
/// that bigram, and (2) for each bigram of its own prefix, the larger goals that hold it; only
/// a goal counted `hits_needed` times is compared exactly.
/// The posting lists are split by size class ([`SizeClasses`]), so that each walk reads only
/// the classes on its side and filters by size only in the goal's own class.
///
/// Cost per goal: the posting-list entries counted (an increment each), which grow with the
/// number of goals holding the same rare bigrams, and the exact comparisons, which grow only
/// with the goals holding six of them together (see the test
/// `copied_goals_are_compared_with_a_bounded_candidate_set`). The [`Budget`] bounds both:
/// a goal reads no more entries than its allowance, and compares no more bigrams than the
/// same allowance again; and the allowances above `floor` come out of `per_bigram` units per
/// bigram of the filing. So the whole is at most twice `per_bigram` per bigram plus twice
/// `floor` per goal, and the windows' binary searches: linear in the filing (times a log),
/// whatever its goals say.
fn copies_counted(
    goals: &[(usize, usize, &str)],
    hits: usize,
    budget: Budget,
    work: &mut CopyWork,
) -> Vec<(usize, usize, bool)> {
    // Bigram ids: each distinct bigram once; then renumbered by (frequency, bigram), so that
    // sorted ids put the rarest first and prefixes hold the bigrams with short posting lists.
    let mut id_of: rustc_hash::FxHashMap<super::words::Bigram, u32> = Default::default();
    let mut freq: Vec<u32> = Vec::new();
    let mut bigram_of: Vec<super::words::Bigram> = Vec::new();
    let mut prints: Vec<GoalPrint> = Vec::new();
    for &(project, _, text) in goals {
        let ids: Vec<u32> = bigrams(text)
            .into_iter()
            .map(|b| {
                let next = id_of.len() as u32;
                let id = *id_of.entry(b).or_insert(next);
                if id == next {
                    freq.push(0);
                    bigram_of.push(b);
                }
                freq[id as usize] += 1;
                id
            })
            .collect();
        prints.push(GoalPrint {
            project,
            key: normalize(text),
            ids,
        });
    }
    let mut order: Vec<u32> = (0..freq.len() as u32).collect();
    order.sort_by_key(|&id| (freq[id as usize], bigram_of[id as usize]));
    let mut rank = vec![0u32; order.len()];
    for (r, &id) in order.iter().enumerate() {
        rank[id as usize] = r as u32;
    }
    for p in &mut prints {
        for id in &mut p.ids {
            *id = rank[*id as usize];
        }
        p.ids.sort_unstable();
    }
    // The first goal of each text, for identical goals.
    let mut first_with_key: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for (g, p) in prints.iter().enumerate() {
        first_with_key.entry(p.key.as_str()).or_insert(g);
    }

    // Indexes over the goals of the forms already passed: by bigram, the goals (position,
    // number of bigrams) that hold it, and those whose prefix holds it; each split by size
    // class, so that a walk that keeps only larger (or only not larger) goals reads the other
    // classes not at all.
    let bounds = SizeClasses::of(prints.iter().map(|p| p.ids.len()));
    let mut by_bigram = Postings::new(rank.len(), &bounds, &prints, |p| &p.ids);
    let mut by_prefix = Postings::new(rank.len(), &bounds, &prints, |p| p.prefix(hits));
    // prints[..indexed] are in the indexes.
    let mut indexed = 0;
    // Per earlier goal: the goal that last counted it, and how many times (one cache line).
    let mut tally: Vec<(u32, u32)> = vec![(u32::MAX, 0); prints.len()];
    // hits_needed by number of bigrams, looked up once per posting-list entry.
    let max_len = prints.iter().map(|p| p.ids.len()).max().unwrap_or(0);
    let needed_for: Vec<u32> = (0..=max_len)
        .map(|n| {
            if n == 0 {
                0
            } else {
                hits_needed(n, hits) as u32
            }
        })
        .collect();
    let mut left = budget
        .per_bigram
        .saturating_mul(prints.iter().map(|p| p.ids.len()).sum());
    let mut reads: Vec<Read> = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    let mut found = Vec::new();
    for q in 0..prints.len() {
        // Index the goals of every earlier form (not this form's own).
        while indexed < q && prints[indexed].project < prints[q].project {
            let e = &prints[indexed];
            let entry = (indexed as u32, e.ids.len() as u32);
            for &id in &e.ids {
                by_bigram.show(id, entry);
            }
            for &id in e.prefix(hits) {
                by_prefix.show(id, entry);
            }
            indexed += 1;
        }
        let g = &prints[q];
        let s = g.ids.len();
        // The lists to read: (1) earlier goals with no more bigrams than this one, whose
        // prefix meets this goal; (2) earlier goals with more, which this goal's prefix meets.
        let own = bounds.class(s);
        reads.clear();
        for &id in &g.ids {
            for class in 0..own + 1 {
                let (from, to) = by_prefix.visible(id, class);
                let keep = if class < own { Keep::All } else { Keep::BySize };
                reads.push(Read {
                    prefix: true,
                    from,
                    to,
                    keep,
                });
            }
        }
        for &id in g.prefix(hits) {
            for class in own..bounds.len() {
                let (from, to) = by_bigram.visible(id, class);
                let keep = if class > own { Keep::All } else { Keep::BySize };
                reads.push(Read {
                    prefix: false,
                    from,
                    to,
                    keep,
                });
            }
        }
        reads.retain(|r| r.from < r.to);
        let entries = (&by_prefix.entries[..], &by_bigram.entries[..]);
        let allowance = budget.allowance(left, prints.len() - q);
        let mut spent = 0;
        let whole: usize = reads.iter().map(|r| r.to - r.from).sum();
        let lo = if whole <= allowance {
            0
        } else {
            let lo = window(&reads, entries, indexed, allowance);
            work.windows.push((q, lo, indexed - lo));
            lo
        };
        candidates.clear();
        let stamp = q as u32;
        let mut hit = |c: u32, needed: u32| {
            let t = &mut tally[c as usize];
            if t.0 != stamp {
                *t = (stamp, 0);
            }
            t.1 += 1;
            if t.1 == needed {
                candidates.push(c as usize);
            }
        };
        // (1) counts the hits the smaller, earlier goal needs; (2) this goal's. One loop per
        // kind of list, so that the entry loop tests nothing it could know before.
        let needed_here = needed_for[s];
        for r in &reads {
            let mut list = r.list(entries);
            if lo > 0 {
                list = &list[list.partition_point(|e| (e.0 as usize) < lo)..];
            }
            spent += list.len();
            match (r.prefix, r.keep) {
                (true, Keep::All) => {
                    for &(c, n) in list {
                        hit(c, needed_for[n as usize]);
                    }
                }
                (true, _) => {
                    for &(c, n) in list.iter().filter(|e| e.1 as usize <= s) {
                        hit(c, needed_for[n as usize]);
                    }
                }
                (false, Keep::All) => {
                    for &(c, _) in list {
                        hit(c, needed_here);
                    }
                }
                (false, _) => {
                    for &(c, _) in list.iter().filter(|e| e.1 as usize > s) {
                        hit(c, needed_here);
                    }
                }
            }
        }
        work.walked += spent;
        let mut best: Option<usize> = first_with_key
            .get(g.key.as_str())
            .copied()
            .filter(|&b| b < indexed);
        // Earliest first: the first that is a copy is the one reported. The comparisons have
        // an allowance of their own, as large as the walk's.
        candidates.sort_unstable();
        let mut compared = 0;
        let mut cut = false;
        for &c in &candidates {
            if best.is_some_and(|b| b <= c) {
                break;
            }
            let e = &prints[c];
            let cost = s + e.ids.len();
            if compared + cost > allowance {
                cut = true;
                break;
            }
            work.verified += 1;
            compared += cost;
            if shares_at_least(&g.ids, &e.ids, required_shared(s.min(e.ids.len()))) {
                best = Some(c);
                break;
            }
        }
        if cut {
            work.cut.push(q);
        }
        spent += compared;
        left = left.saturating_sub(spent);
        if let Some(c) = best {
            found.push((q, c, prints[q].key == prints[c].key));
        }
    }
    found
}

/// The value of an indicator as a comparable key (`≥:95:%`), `None` when it has none.
fn value_key(ind: &Indicator) -> Option<String> {
    Some(match ind.value.as_ref()? {
        Value::Quantitative {
            comparator,
            quantity,
            ..
        } => format!("{comparator:?}:{}", quantity.written()),
        Value::Date {
            comparator, date, ..
        } => format!("{comparator:?}:{date}"),
        Value::Period {
            comparator,
            from,
            to,
            ..
        } => format!("{comparator:?}:{from}..{to}"),
        Value::Qualitative { text } => normalize(text),
    })
}

/// K0703 and K0705: an indicator twice in a category, or with one value in two.
fn duplicates(file: FileId, indicators: &[Indicator], out: &mut Vec<Diagnostic>) {
    use std::collections::hash_map::Entry;
    // The category, compared as values rather than as their formatted names (issue 14).
    type Category = (Level1, Option<Level2>);
    // Hash maps, only looked up and never iterated: no order reaches the findings, which
    // follow the indicators (issue 14: the tree maps and their key copies were 1% of a check).
    let mut seen: rustc_hash::FxHashMap<(Category, String), Span> = Default::default();
    // name + value → (category, first place): the same row in two categories (K0705).
    let mut rows: rustc_hash::FxHashMap<(String, String), (Category, Span)> = Default::default();
    for ind in indicators {
        let name = normalize(strip_numbering(&ind.name).0);
        if name.is_empty() || super::words::placeholder(&ind.name).is_some() {
            continue;
        }
        let level: Category = (ind.level1, ind.level2);
        if let Some(value) = value_key(ind) {
            match rows.entry((name.clone(), value)) {
                Entry::Occupied(row) => {
                    let (first_level, first) = *row.get();
                    if first_level != level {
                        out.push(
                            InTwoCategories {
                                indicator: &ind.name,
                            }
                            .at(file, ind.name_span)
                            .with_label(
                                file,
                                first,
                                Text::new("first here", "第一次出现"),
                            ),
                        );
                    }
                }
                Entry::Vacant(row) => {
                    row.insert((level, ind.name_span));
                }
            }
        }
        match seen.entry((level, name)) {
            Entry::Occupied(first) => out.push(
                DuplicateIndicator {
                    indicator: &ind.name,
                }
                .at(file, ind.name_span)
                .with_label(
                    file,
                    *first.get(),
                    Text::new("first here", "第一次出现"),
                ),
            ),
            Entry::Vacant(first) => {
                first.insert(ind.name_span);
            }
        }
    }
}

/// The percentages written in a text (`达标率100%`), with their byte ranges.
fn percents(text: &str) -> Vec<(usize, usize, Decimal)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit()
            && (i == 0 || !(bytes[i - 1].is_ascii_digit() || bytes[i - 1] == b'.'))
        {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            let rest = &text[i..];
            let unit_len = if rest.starts_with('%') {
                1
            } else if rest.starts_with('％') {
                '％'.len_utf8()
            } else {
                0
            };
            if unit_len > 0 {
                if let Ok(v) = text[start..i].parse::<Decimal>() {
                    out.push((start, i + unit_len, v));
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

/// K0706: the indicator's name states a target (`达标率100%`, `培训20名`) that its value
/// contradicts (`≥98%`, `≥25人`).
fn name_contradicts_value(file: FileId, ind: &Indicator, out: &mut Vec<Diagnostic>) {
    let Some(Value::Quantitative { quantity, .. }) = &ind.value else {
        return;
    };
    if ind.name.contains("**") || ind.name.contains("＊＊") {
        // A template hint (`(≥**%)`): K0601.
        return;
    }
    let target = quantity
        .normalized()
        .map(|(v, _)| v)
        .unwrap_or(quantity.value);
    let said: Option<(usize, usize)> = match quantity.dimension() {
        Some(Dimension::Percent) if quantity.unit.as_ref().is_some_and(|u| u.symbol == "%") => {
            let found = percents(&ind.name);
            if found.is_empty() || found.iter().any(|(_, _, v)| *v == target) {
                return;
            }
            found.first().map(|(s, e, _)| (*s, *e))
        }
        Some(Dimension::Count) => {
            let unit = quantity
                .unit
                .as_ref()
                .map(|u| u.symbol.as_str())
                .unwrap_or("");
            let found: Vec<Mention> = mentions(&ind.name)
                .into_iter()
                .filter(|m| same_kind(&m.unit, unit))
                .collect();
            if found.is_empty() || found.iter().any(|m| m.value == target) {
                return;
            }
            found.first().map(|m| (m.start, m.end))
        }
        _ => return,
    };
    let Some((start, end)) = said else { return };
    let said = &ind.name[start..end];
    let finding = NameContradictsValue {
        name: &ind.name,
        said,
        target: quantity.written(),
    };
    out.push(finding.at(file, ind.value_span));
}

/// The results of calculations written in a goal: a money amount right after `=` / `＝`
/// (`21×7人/次×1000元/人=147000元`), with its byte range and value in 元.
pub(super) fn computed_amounts(text: &str) -> Vec<(usize, usize, Decimal)> {
    let mut out = Vec::new();
    for (i, c) in text.char_indices().filter(|(_, c)| matches!(c, '=' | '＝')) {
        let after = i + c.len_utf8();
        let rest = &text[after..];
        let start = after + (rest.len() - rest.trim_start().len());
        let digits: usize = text[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .map(char::len_utf8)
            .sum();
        let Ok(value) = text[start..start + digits].parse::<Decimal>() else {
            continue;
        };
        let tail = &text[start + digits..];
        let unit_start = start + digits + (tail.len() - tail.trim_start().len());
        for unit in ["亿元", "万元", "千元", "元"] {
            if text[unit_start..].starts_with(unit) {
                let factor = match unit {
                    "亿元" => Decimal::from(100_000_000),
                    "万元" => Decimal::from(10_000),
                    "千元" => Decimal::from(1_000),
                    _ => Decimal::ONE,
                };
                // Past the decimal range: `Decimal::MAX` stands for "too large", which the
                // caller reports as K0208 instead of comparing it with the budget.
                let amount = value.checked_mul(factor).unwrap_or(Decimal::MAX);
                out.push((start, unit_start + unit.len(), amount));
                break;
            }
        }
    }
    out
}

/// A calculation a goal implies without writing its result: a count and an amount per the
/// same thing (`70个行政村 … 704元/村`). Only when the goal writes no `=` result, has one
/// such per-unit amount and one count of that thing. Returns the byte range of the amount, the
/// words of the calculation and its result in 元.
pub(super) fn implied_amount(text: &str) -> Option<(usize, usize, String, Decimal)> {
    if text.contains(['=', '＝']) {
        return None;
    }
    // `704元/村`: a number, 元 or 万元, `/`, the thing.
    let mut rates = Vec::new();
    for (i, _) in text.match_indices("元/") {
        let (per, factor, num_end) = if text[..i].ends_with('万') {
            ("万元", Decimal::from(10_000), i - '万'.len_utf8())
        } else {
            ("元", Decimal::ONE, i)
        };
        let num_start = text[..num_end]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
            .last()
            .map(|(j, _)| j)?;
        let value: Decimal = text[num_start..num_end].parse().ok()?;
        let thing: String = text[i + "元/".len()..].chars().take(1).collect();
        let end = i + "元/".len() + thing.len();
        rates.push((
            num_start,
            end,
            value.checked_mul(factor).unwrap_or(Decimal::MAX),
            per,
            thing,
        ));
    }
    let [(start, end, rate, _, thing)] = rates.as_slice() else {
        return None;
    };
    let counts: Vec<Mention> = mentions(text)
        .into_iter()
        .filter(|m| m.unit == *thing || (m.unit == "个" && classifier_of(text, m, thing)))
        .collect();
    let [count] = counts.as_slice() else {
        return None;
    };
    let words = format!(
        "{} × {}",
        &text[count.start..count.end],
        &text[*start..*end]
    );
    let amount = if *rate == Decimal::MAX {
        Decimal::MAX
    } else {
        count.value.checked_mul(*rate).unwrap_or(Decimal::MAX)
    };
    Some((*start, *end, words, amount))
}

fn goal_calculation(cx: &Ctx<'_>, p: &crate::model::Project, out: &mut Vec<Diagnostic>) {
    let Some(budget) = p.budget.as_ref().and_then(|b| b.total.yuan()) else {
        return;
    };
    let file = p.origin.file_id;
    for g in &p.goals {
        let mut found = computed_amounts(&g.text);
        let mut implied_words = None;
        if let Some((start, end, words, amount)) = implied_amount(&g.text) {
            found.push((start, end, amount));
            implied_words = Some(words);
        }
        for (start, end, amount) in found {
            if amount == budget {
                continue;
            }
            let span = match goal_text_span(cx, file, g) {
                (_, Some(s)) => Span::new(s + start, s + end),
                (span, None) => span,
            };
            if amount == Decimal::MAX {
                out.push(
                    crate::lower::rules::NumberTooLarge::Result {
                        what: ("the goal's calculation", "目标中的测算"),
                    }
                    .at(file, span),
                );
                continue;
            }
            let said = match &implied_words {
                Some(words) => format!("{words} = {}元", amount.normalize()),
                None => g.text[start..end].to_string(),
            };
            let b = match &p.budget {
                Some(b) => super::number_span(cx.source(file), b.span, &b.total),
                None => p.origin.name_span,
            };
            let finding = CalculationDiffers {
                said,
                amount,
                budget,
            };
            out.push(finding.at(file, span).with_label(
                file,
                b,
                Text::new("the budget", "项目预算"),
            ));
        }
    }
}

pub(super) fn check(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for form in cx.filing.forms() {
        let file = form.origin.file_id;
        for ind in &form.indicators {
            name_contradicts_value(file, ind, out);
        }
        if let Some(p) = form.project() {
            goal_calculation(cx, p, out);
        }
        goal_numbers(cx, file, &form.goals, &form.indicators, out);
        duplicates(file, &form.indicators, out);
    }
    copied_goals(cx, out);
}

pub const GOAL_CONTRADICTS_INDICATOR: Rule = Rule {
    code: "K0701",
    name: "goal-contradicts-indicator",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A number in the goal contradicts an indicator", zh: "目标中的数字与指标矛盾" },
    what: Doc {
        en: "Reads count quantities (`不少于20家`, `84个`) from each clause of the goal text and compares them with indicators that count the same kind of thing: the same unit, or units that mean the same (人/名/位/人次 for people; 个/家/所 for organisations; 次/场/期 for events), never unlike things (人 against 个). It reports an indicator only when a clause with that unit shares at least two character bigrams with the indicator's name and no such clause states the indicator's number, so that unrelated numbers are not compared. When no clause uses the indicator's unit but a clause sharing at least three bigrams (and half of the name's) with its name states the same number in another count unit (`21次` against `≤21人`), the unit mismatch is reported.",
        zh: "从目标文字的各分句中读取计数数量（如“不少于20家”“84个”），与计数对象相同的指标比较：单位相同，或单位同义（人/名/位/人次 指人；个/家/所 指单位；次/场/期 指活动），不比较不同类的单位（人与个）。只有当含该单位的分句与指标名称至少共享两个字符二元组、且这些分句都没有写到指标的数字时才报告，以免比较无关的数字。若没有分句使用指标的单位，但某个与指标名称至少共享三个（且不少于名称一半的）二元组的分句以另一计数单位写了相同的数字（如目标“21次”、指标“≤21人”），则报告单位不一致。",
    },
    why: Doc {
        en: "The goal and the indicators describe the same plan; when the goal promises 24 enterprises and the indicator 20, one of them was not updated, and the evaluation will not know which to hold the project to.",
        zh: "目标与指标描述的是同一计划；目标承诺 24 家而指标写 20 家，说明其中一处未更新，评价时无从判断以哪个为准。",
    },
    example: "project \"百家科技\" {\n  goal \"2021年新认定高新技术企业24家。\";\n  output quantity \"认定为高新技术企业\" 20家;\n}",
    fix: Doc {
        en: "Make the goal and the indicator state the same number.",
        zh: "使目标与指标的数字一致。",
    },
};

/// K0701's findings: a number in a goal against an indicator's target; worded by whether the
/// unit or the number differs.
enum GoalContradictsIndicator<'a> {
    /// The goal counts in another unit.
    Unit {
        /// The goal's words: `21次`.
        said: &'a str,
        indicator: &'a str,
        /// The target as written.
        target: String,
    },
    /// Same unit, another number.
    Number {
        said: &'a str,
        indicator: &'a str,
        target: String,
    },
}

impl Finding for GoalContradictsIndicator<'_> {
    const RULE: &'static Rule = &GOAL_CONTRADICTS_INDICATOR;

    fn message(&self) -> Text {
        match self {
            GoalContradictsIndicator::Unit {
                said,
                indicator,
                target,
            } => Text::new(
                format!("the goal says {said}, but the indicator “{indicator}” targets {target}: the unit differs"),
                format!("目标中写的是{said}，但指标“{indicator}”的目标为{target}：单位不一致"),
            ),
            GoalContradictsIndicator::Number {
                said,
                indicator,
                target,
            } => Text::new(
                format!("the goal says {said}, but the indicator “{indicator}” targets {target}"),
                format!("目标中写的是{said}，但指标“{indicator}”的目标为{target}"),
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            GoalContradictsIndicator::Unit { .. } => Text::new(
                "make the goal and the indicator count in the same unit",
                "使目标与指标的计量单位一致",
            ),
            GoalContradictsIndicator::Number { .. } => Text::new(
                "make the goal and the indicator state the same number",
                "使目标与指标的数字一致",
            ),
        }
    }
}

pub const GOAL_COPIED: Rule = Rule {
    code: "K0702",
    name: "goal-copied",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "Goal text copied from another project", zh: "目标文字抄自其他项目" },
    what: Doc {
        en: "Compares the goals of the project forms. A goal (15 or more characters) that is identical to an earlier form's goal, or whose character bigrams are at least 90% contained in it (or contain it), is reported once, on the later form, pointing at the first. The search is exhaustive unless a filing's goals share so much wording that it would cost more than a budget in proportion to the filing's size; past it, a goal is compared with the nearest earlier goals only, or with the earliest candidates only, and K0707 says so.",
        zh: "比较各项目表的目标。某条目标（15 字以上）与前面某表的目标相同，或二者字符二元组的包含度不低于 90%，在后一份表上报告一次，并指向第一份。检查是穷尽的，除非申报中的目标措辞过于相近，以致比较的代价超出与申报大小成正比的限度；超出后，目标只与其前面最近的目标或最早的候选比较，并由 K0707 说明。",
    },
    why: Doc {
        en: "Each project needs its own goal; a goal copied from another project says nothing about what this money achieves, and the evaluation has nothing to measure against.",
        zh: "每个项目都应有自己的目标；抄来的目标说明不了这笔资金要达成什么，评价时也无从衡量。",
    },
    example: "project \"双创载体摸底调研项目\" { goal \"为我市企事业单位提供服务，做好政策宣传，资金扶持等工作。\"; }\nproject \"拉萨市双创升级系列培训计划\" { goal \"为我市企事业单位提供服务，做好政策宣传，资金扶持等工作。\"; }",
    fix: Doc {
        en: "Write what this project's money achieves this year, with its own numbers.",
        zh: "写出本项目资金本年度要达成的目标，并给出本项目自己的数字。",
    },
};

pub const COPY_SEARCH_BOUNDED: Rule = Rule {
    code: "K0707",
    name: "copy-search-bounded",
    severity: Severity::Advice,
    loses_data: false,
    title: Doc {
        en: "The search for copied goals was bounded",
        zh: "抄袭目标检查限定了比较范围",
    },
    what: Doc {
        en: "Reported once per filing, on the first goal that K0702 searched only in part. K0702 may spend on a filing work in proportion to its size; when thousands of goals share their wording, comparing each with every earlier goal would cost more, so a goal past its share is compared only with as many of the goals just before it as the share pays for, and compares only as many candidates (earliest first) as it pays for. Identical goals are still found across the whole filing.",
        zh: "每份申报最多报告一次，位置是 K0702 只检查了一部分的第一条目标。K0702 在一份申报上花费的工作量与申报大小成正比；当数千条目标措辞大同小异时，逐条与前面所有目标比较的代价会超出这一限度，超出份额的目标只与其紧前面、份额允许数量的目标比较，逐一比对的候选（从最早的起）也以份额为限。完全相同的目标仍在整份申报中查出。",
    },
    why: Doc {
        en: "A near copy of a goal far back in a very large filing may go unreported; the report says so rather than letting a check take time that grows with the square of the filing.",
        zh: "在很大的申报中，与很靠前的目标几乎相同的目标可能未被报告；报告如实说明这一点，而不是让检查耗时随申报大小的平方增长。",
    },
    example: "// one folder of 50 forms and 1 000 goals like these (tests/fixtures/rules/K0707.kpi)\nproject \"p01\" {\n  goal \"创技新科科科创科技科科新新科技\";\n  goal \"科新科科技科新科技科技创新技科\";\n}\nproject \"p02\" {\n  goal \"科技创科技创技创技新技科新新技\";\n}",
    fix: Doc {
        en: "Check smaller filings, such as each department's folder as its own (`kpi check dir/*/`); a department's filing stays far inside the budget (every one measured used under 1% of it), though copies between departments are then not looked for.",
        zh: "分成较小的申报检查，例如每个部门的文件夹单独检查（`kpi check dir/*/`）；部门规模的申报远在限度之内（实测均不到 1%），但这样不再查找部门之间的抄袭。",
    },
};

/// K0707's finding: the copied-goal search of this filing was bounded, first at this goal.
struct CopySearchBounded {
    /// How many goals the budget bound, either way.
    goals: usize,
    /// How many goals were compared with their nearest earlier goals only.
    windowed: usize,
    /// The fewest earlier goals any of those was compared with.
    nearest: usize,
    /// How many goals had their exact comparisons cut short.
    cut: usize,
}

impl Finding for CopySearchBounded {
    const RULE: &'static Rule = &COPY_SEARCH_BOUNDED;

    fn message(&self) -> Text {
        let (goals, windowed, nearest, cut) = (self.goals, self.windowed, self.nearest, self.cut);
        let mut en = format!("K0702 searched {goals} goals from here on for copies in part");
        let mut zh = format!("自本条目标起，K0702 对 {goals} 条目标的抄袭检查只做了一部分");
        if windowed > 0 {
            en.push_str(&format!(
                ": {windowed} only among the goals just before them ({nearest} or more each)"
            ));
            zh.push_str(&format!(
                "：{windowed} 条只与其紧前面的目标（每条至少 {nearest} 条）比较"
            ));
        }
        if cut > 0 {
            en.push_str(&format!(
                "{} {cut} with their exact comparisons cut short",
                if windowed > 0 { "," } else { ":" }
            ));
            zh.push_str(&format!(
                "{}{cut} 条的逐一比对未做完",
                if windowed > 0 { "，" } else { "：" }
            ));
        }
        en.push_str("; this filing's goals share too much wording to compare each with all");
        zh.push_str("；本申报的目标措辞过于相近，无法逐条与全部目标比较");
        Text::new(en, zh)
    }

    fn help(&self) -> Text {
        Text::new(
            "identical goals were all found; to compare the rest exhaustively, check smaller filings (each department's folder as its own, `kpi check dir/*/`), though copies between departments are then not looked for",
            "完全相同的目标已全部查出；如需逐条比较其余目标，请分成较小的申报检查（每个部门的文件夹单独检查，`kpi check dir/*/`），但这样不再查找部门之间的抄袭",
        )
    }
}

/// K0702's finding: a goal copied from an earlier form's.
struct GoalCopied<'a> {
    /// How close the copy is, in English and Chinese: `("the same goal text", "相同的目标文字")`.
    how: (&'a str, &'a str),
    /// The earlier project's name.
    earlier: &'a str,
}

impl Finding for GoalCopied<'_> {
    const RULE: &'static Rule = &GOAL_COPIED;

    fn message(&self) -> Text {
        let ((en, zh), earlier) = (self.how, self.earlier);
        Text::new(
            format!("{en} as the project “{earlier}”"),
            format!("与项目“{earlier}”{zh}"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "write this project's own goal: what this money achieves this year",
            "写出本项目自己的目标：这笔资金本年度要达到什么",
        )
    }
}

pub const DUPLICATE_INDICATOR: Rule = Rule {
    code: "K0703",
    name: "duplicate-indicator",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "The same indicator twice in one form", zh: "同一表中重复的指标" },
    what: Doc {
        en: "Finds indicators in one form with the same level 1, level 2 and name (template numbering `指标N:`, spaces and quotes ignored). The same name in different categories (a quantity and its cost) is fine.",
        zh: "查找同一表中一级、二级指标和名称都相同的指标（忽略模板编号“指标N:”、空格和引号）。名称相同但类别不同（如数量与其成本）不报告。",
    },
    why: Doc {
        en: "A repeated row is a copy-paste leftover; it double-counts in scoring and usually hides the indicator that should have been there.",
        zh: "重复的行是复制粘贴的残留，评分时会重复计算，也往往掩盖了本应填写的指标。",
    },
    example: "project \"百家科技\" {\n  satisfaction service \"被评价单位接受程度\" >= 95%;\n  satisfaction service \"被评价单位接受程度\";\n}",
    fix: Doc {
        en: "Remove the copy, or rename it to the indicator that was meant.",
        zh: "删去重复行，或改为本应填写的指标。",
    },
};

/// K0703's finding: an indicator named twice in one category.
struct DuplicateIndicator<'a> {
    indicator: &'a str,
}

impl Finding for DuplicateIndicator<'_> {
    const RULE: &'static Rule = &DUPLICATE_INDICATOR;

    fn message(&self) -> Text {
        let indicator = self.indicator;
        Text::new(
            format!("the indicator “{indicator}” appears twice in this category"),
            format!("指标“{indicator}”在同一类别中出现了两次"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "merge the two rows, or name what distinguishes them",
            "合并两行，或写明两者的区别",
        )
    }
}

pub const GOAL_CALCULATION_DIFFERS_FROM_BUDGET: Rule = Rule {
    code: "K0704",
    name: "goal-calculation-differs-from-budget",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A calculation in the goal does not come to the budget", zh: "目标中的测算结果与预算不符" },
    what: Doc {
        en: "Finds money amounts written as the result of a calculation in a project's goal (right after `=`, e.g. `21×7人/次×1000元/人=147000元`) and compares them with the project's 年度资金总额. A goal that writes no result but gives one amount per thing and one count of that thing (`70个行政村 … 704元/村`) is taken to imply their product.",
        zh: "查找项目目标中作为测算结果写出的金额（紧跟在 `=` 之后，如 `21×7人/次×1000元/人=147000元`），并与项目的年度资金总额比较。目标未写结果、但给出一个单价和一个相应数量（如“70个行政村……704元/村”）时，按二者之积比较。",
    },
    why: Doc {
        en: "The calculation is the budget's justification (测算依据); when it comes to another amount, either the budget is padded or the calculation is out of date.",
        zh: "测算是预算的依据；测算结果与预算不符，要么预算有虚增，要么测算已过时。",
    },
    example: "project \"拉萨市级重点科技项目评审经费\" {\n  budget 15万元;\n  goal \"全年共评审项目21次, 每次7名专家, 21×7人/次×1000元/人=147000元。\";\n}",
    fix: Doc {
        en: "Make the budget agree with the calculation, or complete the calculation with the missing items.",
        zh: "使预算与测算一致，或在测算中补上遗漏的项目。",
    },
};

/// K0704's finding: a goal's calculation against the budget, both in 元.
struct CalculationDiffers {
    /// The calculation's result as the goal writes it, or as implied: `21×7人 = 147000元`.
    said: String,
    amount: Decimal,
    budget: Decimal,
}

impl Finding for CalculationDiffers {
    const RULE: &'static Rule = &GOAL_CALCULATION_DIFFERS_FROM_BUDGET;

    fn message(&self) -> Text {
        let (said, amount, budget) = (&self.said, super::wan(self.amount), super::wan(self.budget));
        Text::new(
            format!(
                "the goal's calculation comes to {said} ({amount}), but the budget is {budget}"
            ),
            format!("目标中的测算结果为{said}（{amount}），而项目预算为{budget}"),
        )
    }

    fn help(&self) -> Text {
        let difference = super::wan((self.budget - self.amount).abs());
        Text::new(
            format!("explain the difference of {difference} or make the budget agree with the calculation"),
            format!("说明相差的{difference}，或使预算与测算一致"),
        )
    }
}

pub const INDICATOR_IN_TWO_CATEGORIES: Rule = Rule {
    code: "K0705",
    name: "indicator-in-two-categories",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "The same indicator in two categories of one form", zh: "同一指标出现在表中两个类别" },
    what: Doc {
        en: "Finds indicators of one form with the same name and the same value in different categories (`产出 数量 \"培训人数\" ≥100人` and `效益 社会效益 \"培训人数\" ≥100人`). The same name with different values (a quantity and its cost) is fine; the same category is K0703.",
        zh: "查找同一表中名称和值都相同、但类别不同的指标（如 `产出 数量 \"培训人数\" ≥100人` 与 `效益 社会效益 \"培训人数\" ≥100人`）。名称相同但值不同（如数量与其成本）不报告；同一类别中的重复归 K0703。",
    },
    why: Doc {
        en: "An output counted again as an effect inflates the form: the effect row measures nothing the output row does not, and the real effect is missing.",
        zh: "把产出再当作效益填一次会虚增表单内容：效益行衡量的与产出行相同，真正的效益却缺失了。",
    },
    example: "project \"农民培训\" {\n  output quantity \"培训人数\" >= 100人;\n  effect social \"培训人数\" >= 100人;\n}",
    fix: Doc {
        en: "Keep the row in the category it measures, and write the real indicator in the other (e.g. 培训后就业率 as the effect).",
        zh: "在其所衡量的类别保留该行，另一类别填写真正的指标（如以“培训后就业率”作为效益）。",
    },
};

/// K0705's finding: one indicator, with one value, in two categories.
struct InTwoCategories<'a> {
    indicator: &'a str,
}

impl Finding for InTwoCategories<'_> {
    const RULE: &'static Rule = &INDICATOR_IN_TWO_CATEGORIES;

    fn message(&self) -> Text {
        let indicator = self.indicator;
        Text::new(
            format!("the indicator “{indicator}” with the same value stands in two categories"),
            format!("指标“{indicator}”以相同的值出现在两个类别中"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "keep it in the category it measures, and put the indicator that was meant in the other",
            "只保留在其所衡量的类别中，另一类别填写本应填写的指标",
        )
    }
}

pub const NAME_CONTRADICTS_VALUE: Rule = Rule {
    code: "K0706",
    name: "name-contradicts-value",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "The indicator's name states another target than its value", zh: "指标名称中的目标与指标值矛盾" },
    what: Doc {
        en: "Finds indicators whose name states a number that the value contradicts: a percentage in the name against a percentage value (`质量达标率100%` with `≥98%`), or a count against a count of the same kind (`培训20名学员` with `≥25人`). Template hints such as `(≥**%)` are K0601.",
        zh: "查找名称中写有数字、而指标值与之矛盾的指标：名称中的百分比与百分比值（“质量达标率100%”却为 `≥98%`），或同类计数（“培训20名学员”却为 `≥25人`）。`(≥**%)` 之类的模板提示归 K0601。",
    },
    why: Doc {
        en: "Two targets for one indicator: at year end the evaluator cannot tell which one was promised.",
        zh: "一个指标两个目标：年终评价时无法判断承诺的是哪一个。",
    },
    example: "project \"旅游扶贫\" {\n  output quality \"基础设施建设质量达标率100%\" >= 98%;\n}",
    fix: Doc {
        en: "Keep the number in the value only: `output quality \"基础设施建设质量达标率\" >= 98%;` (or correct the value).",
        zh: "数字只写在指标值中：`产出 质量 \"基础设施建设质量达标率\" >= 98%;`（或更正指标值）。",
    },
};

/// K0706's finding: a number in an indicator's name against its target.
struct NameContradictsValue<'a> {
    name: &'a str,
    /// The name's words for the number: `100%`.
    said: &'a str,
    /// The target as written.
    target: String,
}

impl Finding for NameContradictsValue<'_> {
    const RULE: &'static Rule = &NAME_CONTRADICTS_VALUE;

    fn message(&self) -> Text {
        let (name, said, target) = (self.name, self.said, &self.target);
        Text::new(
            format!("the name “{name}” says {said}, but the target is {target}"),
            format!("指标名称“{name}”写的是{said}，而指标值为{target}"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "make the name and the target agree; a name says what is measured and leaves the number to the value",
            "使名称与指标值一致；名称写明衡量什么，数值写在指标值中",
        )
    }
}

/// The rules of this family, in code order.
pub const RULES: &[&Rule] = &[
    &GOAL_CONTRADICTS_INDICATOR,
    &GOAL_COPIED,
    &DUPLICATE_INDICATOR,
    &GOAL_CALCULATION_DIFFERS_FROM_BUDGET,
    &INDICATOR_IN_TWO_CATEGORIES,
    &NAME_CONTRADICTS_VALUE,
    &COPY_SEARCH_BOUNDED,
];

#[cfg(test)]
mod tests {
    /// The indexed K0702 search finds exactly what comparing every goal with every earlier
    /// goal found (the rule before issue 14), on goals built to be near copies of each other.
    #[test]
    fn indexed_copies_match_the_pairwise_definition() {
        use super::super::words::overlap;
        let clauses = [
            "完成科普宣传活动十二场",
            "组织开展双创培训",
            "覆盖全市各乡镇街道",
            "受益群众不少于五千人",
            "资金拨付率达到百分之百",
            "项目验收合格率不低于九成",
            "支持企业开展技术攻关",
            "为我市企事业单位提供服务",
            "做好政策宣传资金扶持等工作",
            "保障干部职工正常履职",
        ];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % n as u64) as usize
        };
        let mut texts: Vec<(usize, usize, String)> = Vec::new();
        for project in 0..60 {
            for goal in 0..1 + next(3) {
                let k = 1 + next(4);
                let t: Vec<&str> = (0..k).map(|_| clauses[next(clauses.len())]).collect();
                let mut text = t.join("，");
                if next(5) == 0 {
                    text.push_str(" 。");
                }
                texts.push((project, goal, text));
            }
        }
        let goals = long_enough(&texts);
        let mut expected = Vec::new();
        for (q, &(p, _, t)) in goals.iter().enumerate() {
            if let Some(c) = goals.iter().position(|&(ep, _, et)| {
                ep < p && (normalize(t) == normalize(et) || overlap(t, et) >= 0.9)
            }) {
                expected.push((q, c, normalize(t) == normalize(goals[c].2)));
            }
        }
        assert!(
            expected.len() > 20,
            "the test builds copies: {}",
            expected.len()
        );
        assert!(expected.iter().any(|e| !e.2), "and near copies");
        assert_eq!(copies(&goals).0, expected);
    }

    /// A small generator of numbers for the tests (no dependency, same sequence everywhere).
    fn lcg(seed: u64) -> impl FnMut(usize) -> usize {
        let mut seed = seed;
        move |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % n as u64) as usize
        }
    }

    /// The pairwise definition (the rule before issue 14): each goal against every goal of an
    /// earlier form, the first that is identical after normalising or overlaps by 90%.
    /// The goals K0702 compares (15 content characters or more), as (project, goal, text).
    fn long_enough(texts: &[(usize, usize, String)]) -> Vec<(usize, usize, &str)> {
        texts
            .iter()
            .map(|(p, g, t)| (*p, *g, t.as_str()))
            .filter(|(_, _, t)| content_len(t) >= 15)
            .collect()
    }

    fn pairwise(goals: &[(usize, usize, &str)]) -> Vec<(usize, usize, bool)> {
        use super::super::words::overlap;
        let mut expected = Vec::new();
        for (q, &(p, _, t)) in goals.iter().enumerate() {
            if let Some(c) = goals.iter().position(|&(ep, _, et)| {
                ep < p && (normalize(t) == normalize(et) || overlap(t, et) >= 0.9)
            }) {
                expected.push((q, c, normalize(t) == normalize(goals[c].2)));
            }
        }
        expected
    }

    /// The same on the cases the count filter must get right: goals of one or two bigrams
    /// (where a single shared bigram is all a copy needs), a short goal contained in a much
    /// longer one, and near copies made by changing a few characters, over an alphabet small
    /// enough that every bigram is common.
    #[test]
    fn indexed_copies_match_the_pairwise_definition_on_small_alphabets() {
        let texts = small_alphabet_goals(150, 11);
        let goals = long_enough(&texts);
        let expected = pairwise(&goals);
        assert!(
            expected.iter().filter(|e| !e.2).count() > 20,
            "the test builds near copies: {expected:?}"
        );
        let (found, work) = copies(&goals);
        assert!(work.windows.is_empty(), "the budget does not bind here");
        assert_eq!(found, expected);
    }

    /// Goals over an alphabet small enough that every bigram is common, as (project, goal,
    /// text): goals of one or two bigrams, near copies of earlier goals (a few characters
    /// changed, cut short, lengthened) and random text.
    fn small_alphabet_goals(projects: usize, seed: u64) -> Vec<(usize, usize, String)> {
        let alphabet: Vec<char> = "科技创新专项资金培训服务乡镇企业".chars().collect();
        let mut next = lcg(seed);
        let mut texts: Vec<(usize, usize, String)> = Vec::new();
        for project in 0..projects {
            for goal in 0..1 + next(2) {
                let text: String = match next(6) {
                    // One bigram, repeated past the 15 characters K0702 needs.
                    0 => "科技 ".repeat(8),
                    // Two or three bigrams.
                    1 => format!("{}{}", "科技创 ".repeat(5), "新专 ".repeat(next(3))),
                    // An earlier goal with a few characters changed, or cut short, or
                    // lengthened (containment either way).
                    2 | 3 if !texts.is_empty() => {
                        let (_, _, base) = &texts[next(texts.len())];
                        let mut chars: Vec<char> = base.chars().collect();
                        match next(3) {
                            0 => {
                                for _ in 0..1 + next(3) {
                                    let i = next(chars.len());
                                    chars[i] = alphabet[next(alphabet.len())];
                                }
                            }
                            1 => chars.truncate(15 + next(chars.len().max(16) - 15)),
                            _ => chars.extend((0..40).map(|_| alphabet[next(alphabet.len())])),
                        }
                        chars.into_iter().collect()
                    }
                    _ => (0..15 + next(100))
                        .map(|_| match next(12) {
                            0 => '，',
                            _ => alphabet[next(alphabet.len())],
                        })
                        .collect(),
                };
                texts.push((project, goal, text));
            }
        }
        texts
    }

    /// Past its budget, the search finds for each goal exactly what the pairwise definition
    /// finds among the goals of its window, and identical goals across the whole filing; a
    /// goal whose comparisons were cut reports a true copy or none; and the work stays within
    /// the budget: `per_bigram` per bigram and `floor` per goal for the entries read, as much
    /// again for the comparisons.
    #[test]
    fn past_its_budget_the_search_is_exact_within_each_goals_window() {
        use super::super::words::overlap;
        let texts = small_alphabet_goals(400, 23);
        let goals = long_enough(&texts);
        let tight = Budget {
            per_bigram: 2,
            share: 8,
            floor: 64,
        };
        let mut work = CopyWork::default();
        let found = copies_counted(&goals, HITS, tight, &mut work);
        assert!(
            work.windows.len() > goals.len() / 2,
            "the budget binds: {} of {} goals bounded",
            work.windows.len(),
            goals.len()
        );
        assert!(!work.cut.is_empty() && work.cut.len() < work.windows.len());
        let keys: Vec<String> = goals.iter().map(|g| normalize(g.2)).collect();
        let window_of = |q: usize| work.windows.iter().find(|w| w.0 == q);
        let mut expected = Vec::new();
        for (q, &(p, _, t)) in goals.iter().enumerate() {
            let lo = window_of(q).map_or(0, |w| w.1);
            let identical = (0..q).find(|&c| goals[c].0 < p && keys[c] == keys[q]);
            let near = (lo..q).find(|&c| goals[c].0 < p && overlap(t, goals[c].2) >= 0.9);
            let best = match (identical, near) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            if let Some(c) = best {
                expected.push((q, c, keys[q] == keys[c]));
            }
        }
        // Each window holds the earlier goals from its start: those of earlier forms (the
        // goals are in form order, so they come first).
        for &(q, lo, held) in &work.windows {
            let indexed = goals.iter().take_while(|g| g.0 < goals[q].0).count();
            assert!(lo <= indexed && held == indexed - lo, "{q} {lo} {held}");
        }
        let (cut, whole): (Vec<&(usize, usize, bool)>, Vec<_>) =
            found.iter().partition(|f| work.cut.contains(&f.0));
        let (cut_expected, whole_expected): (Vec<&(usize, usize, bool)>, Vec<_>) =
            expected.iter().partition(|e| work.cut.contains(&e.0));
        assert_eq!(whole, whole_expected);
        for f in cut {
            let e = cut_expected
                .iter()
                .find(|e| e.0 == f.0)
                .expect("a copy exists");
            assert!(f.1 >= e.1, "{f:?} {e:?}");
            assert!(f.2 || overlap(goals[f.0].2, goals[f.1].2) >= 0.9);
        }
        // Every goal with an identical earlier goal is reported, bounded or not.
        let with_twin: Vec<usize> = (0..goals.len())
            .filter(|&q| (0..q).any(|c| goals[c].0 < goals[q].0 && keys[c] == keys[q]))
            .collect();
        assert!(with_twin.len() > 20, "the test builds repeats");
        assert!(with_twin.iter().all(|q| found.iter().any(|f| f.0 == *q)));
        let bigrams: usize = goals.iter().map(|g| bigrams(g.2).len()).sum();
        assert!(
            work.walked <= tight.per_bigram * bigrams + tight.floor * goals.len(),
            "walked {} for {bigrams} bigrams and {} goals",
            work.walked,
            goals.len()
        );
        // And the same goals with the default budget: not bounded, and more found.
        let (all, work) = copies(&goals);
        assert!(work.windows.is_empty() && work.cut.is_empty());
        assert_eq!(all, pairwise(&goals));
        assert!(all.len() > found.len());
    }

    /// Two goals with one normalised text can hold different bigrams (normalising drops the
    /// spaces that split bigrams): a near copy of the second is reported against it, not lost
    /// because the first has its text.
    #[test]
    fn a_goal_repeating_a_text_with_other_bigrams_is_still_searched() {
        let texts = [
            (0, 0, "科技 创新 专项 资金 培训 服务 乡镇 企业"),
            (1, 0, "科技创新专项资金培训服务乡镇企业"),
            (2, 0, "科技创新专项资金培训服务乡镇企事"),
        ];
        let goals: Vec<(usize, usize, &str)> = texts.to_vec();
        assert_eq!(copies(&goals).0, vec![(1, 0, true), (2, 1, false)]);
        assert_eq!(pairwise(&goals), vec![(1, 0, true), (2, 1, false)]);
    }

    /// K0707 names both ways a goal is searched in part, and only those that happened.
    #[test]
    fn the_bounded_search_is_described_as_it_happened() {
        let text = |goals, windowed, nearest, cut| {
            let m = CopySearchBounded {
                goals,
                windowed,
                nearest,
                cut,
            }
            .message();
            (m.en, m.zh)
        };
        let (en, zh) = text(5, 3, 600, 4);
        assert!(en.contains("searched 5 goals"), "{en}");
        assert!(en.contains("3 only among the goals just before them (600 or more each)"));
        assert!(
            en.contains(", 4 with their exact comparisons cut short"),
            "{en}"
        );
        assert!(
            zh.contains("5 条目标") && zh.contains("3 条只与") && zh.contains("4 条的逐一比对")
        );
        let (en, zh) = text(2, 0, 0, 2);
        assert!(
            !en.contains("just before") && en.contains(": 2 with their exact"),
            "{en}"
        );
        assert!(
            !zh.contains("紧前面") && zh.contains("：2 条的逐一比对"),
            "{zh}"
        );
        let (en, _) = text(7, 7, 551, 0);
        assert!(!en.contains("cut short"), "{en}");
    }

    /// A window starts at the earliest position whose entries, over all the lists a goal
    /// reads, fit its allowance: checked against counting every start.
    #[test]
    fn a_window_is_the_widest_that_fits() {
        let mut next = lcg(3);
        for _ in 0..200 {
            let indexed = 1 + next(60);
            // Two entry arrays, each a few lists of ascending positions below `indexed`.
            let mut arrays: [Vec<Entry>; 2] = [Vec::new(), Vec::new()];
            let mut reads = Vec::new();
            for _ in 0..1 + next(6) {
                let prefix = next(2) == 0;
                let array = &mut arrays[usize::from(!prefix)];
                let from = array.len();
                for c in 0..indexed {
                    if next(3) == 0 {
                        array.push((c as u32, 1));
                    }
                }
                let to = array.len();
                reads.push(Read {
                    prefix,
                    from,
                    to,
                    keep: Keep::All,
                });
            }
            let entries = (&arrays[0][..], &arrays[1][..]);
            let count = |lo: usize| {
                reads
                    .iter()
                    .map(|r| {
                        r.list(entries)
                            .iter()
                            .filter(|e| e.0 as usize >= lo)
                            .count()
                    })
                    .sum::<usize>()
            };
            if count(0) == 0 {
                continue;
            }
            let allowance = next(count(0));
            let widest = (0..=indexed).find(|&lo| count(lo) <= allowance).unwrap();
            assert_eq!(window(&reads, entries, indexed, allowance), widest);
        }
    }

    /// Goals written the way a province's are (and the way `tests/bench/gen_corpus.py`
    /// writes them): the department's place names, then clauses from a common stock with
    /// their own numbers. No bigram is rare: each city's bigrams recur in a fortieth of the
    /// goals, each district's in a twentieth, every clause's in many more; only the city and
    /// district together are the department's own. A goal is compared exactly only with the
    /// goals that share six of the rarest bigrams (of the smaller one): a few per goal
    /// when the filing grows tenfold. With one or two (the first index, and the first
    /// version of this one) it grows with the filing, since the two or three bigrams of a
    /// city's name come together: the exact comparisons made one filing of 100 MB quadratic.
    #[test]
    fn copied_goals_are_compared_with_a_bounded_candidate_set() {
        let cities = [
            "拉萨",
            "日喀则",
            "昌都",
            "林芝",
            "山南",
            "那曲",
            "阿里",
            "成都",
            "绵阳",
            "德阳",
            "乐山",
            "宜宾",
            "泸州",
            "南充",
            "达州",
            "遂宁",
            "内江",
            "自贡",
            "眉山",
            "雅安",
            "广元",
            "巴中",
            "资阳",
            "攀枝花",
            "西宁",
            "海东",
            "格尔木",
            "玉树",
            "昆明",
            "大理",
            "丽江",
            "曲靖",
            "玉溪",
            "保山",
            "昭通",
            "普洱",
            "临沧",
            "兰州",
            "天水",
            "酒泉",
        ];
        let districts = [
            "城关",
            "堆龙德庆",
            "达孜",
            "东城",
            "西城",
            "南山",
            "北湖",
            "高新",
            "经开",
            "滨江",
            "青山",
            "白云",
            "金水",
            "红旗",
            "新华",
            "长安",
            "永宁",
            "太平",
            "和平",
            "团结",
        ];
        let projects = [
            "机动经费",
            "科技专项",
            "百家科技",
            "双创办公经费",
            "科普行动计划",
        ];
        let clauses = [
            "完成{}个科普示范点的建设任务",
            "组织开展{}场双创培训",
            "覆盖{}个乡镇（街道）",
            "受益群众不少于{}人",
            "支持{}家企业开展技术攻关",
            "发放宣传资料{}份",
            "引进各类人才{}名",
            "形成调研报告{}份",
        ];
        let work_per_goal = |departments: usize, hits: usize| {
            let mut next = lcg(5);
            let mut texts: Vec<(usize, usize, String)> = Vec::new();
            for d in 0..departments {
                let place = format!(
                    "{}市{}区",
                    cities[d % cities.len()],
                    districts[(d / cities.len()) % districts.len()]
                );
                for (i, p) in projects.iter().enumerate() {
                    let mut text = format!("{place}{p}：");
                    for _ in 0..3 + next(4) {
                        let clause = clauses[next(clauses.len())];
                        text.push_str(&clause.replace("{}", &(2 + next(900)).to_string()));
                        text.push('；');
                    }
                    texts.push((d * projects.len() + i, 0, text));
                }
            }
            let goals: Vec<(usize, usize, &str)> =
                texts.iter().map(|(p, g, t)| (*p, *g, t.as_str())).collect();
            // The default budget with six bigrams; none with one, to count all it would do.
            let budget = if hits == HITS {
                BUDGET
            } else {
                Budget {
                    per_bigram: 1 << 40,
                    share: 1,
                    floor: 1 << 40,
                }
            };
            let mut work = CopyWork::default();
            copies_counted(&goals, hits, budget, &mut work);
            assert!(work.windows.is_empty(), "the budget does not bind here");
            (work.verified as f64 / goals.len() as f64, goals.len())
        };
        let (small, n_small) = work_per_goal(80, HITS);
        let (large, n_large) = work_per_goal(800, HITS);
        assert_eq!((n_small, n_large), (400, 4_000));
        assert!(
            small < 1.0,
            "{small:.2} goals compared per goal of {n_small}"
        );
        assert!(
            large < 3.0,
            "{large:.2} goals compared per goal of {n_large}"
        );
        // One shared rare bigram (the first index) compares hundreds per goal, a number that
        // grows with the filing.
        let (one, _) = work_per_goal(800, 1);
        assert!(
            one > 100.0,
            "{one:.2} goals compared per goal with one bigram"
        );
    }

    use super::*;

    #[test]
    fn counts_are_read_from_text() {
        let m = mentions("申领的企业不少于20家; 兑现不少于16家, 2021年度, 1000元, 98%, 2万件");
        let got: Vec<(String, String)> = m
            .iter()
            .map(|m| (m.value.to_string(), m.unit.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("20".into(), "家".into()),
                ("16".into(), "家".into()),
                ("20000".into(), "件".into())
            ]
        );
    }

    #[test]
    fn calculation_results_are_read_from_text() {
        let text = "21×7人/次×1000元/人=147000元。另 a = 3万元, b=2";
        let got: Vec<String> = computed_amounts(text)
            .iter()
            .map(|c| c.2.to_string())
            .collect();
        assert_eq!(got, vec!["147000", "30000"]);
    }

    #[test]
    fn compound_units_and_dates_are_not_counts() {
        assert!(mentions("21×7人/次×1000元/人=147000元").is_empty());
        assert!(mentions("1959年3月28日").is_empty());
    }
}
