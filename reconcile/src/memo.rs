//! What the passes over one component compute once and share: each installation's
//! candidates (the Ents that cover it and those that do not) and the charges.

use crate::context::Ctx;
use crate::eligibility::Match;
use crate::hash::HashMap;
use crate::input::Installation;
use crate::metric::{Charge, Subject, charge};
use crate::position::Rejection;
use iso19770_core::decimal::Decimal;
use iso19770_ent::Ent;
use std::cell::RefCell;
use std::rc::Rc;

/// An installation's eligible Ents (pool, how it covers it, the subject charged) and the
/// rejections of the Ents that name its product but do not cover it.
pub(crate) type Candidates = (Vec<(usize, Match, Subject)>, Vec<Rejection>);

/// An installation's [`Candidates`] as kept: the eligible Ents for every pass, the rejections
/// for the first that writes them (the others compute them again).
pub(crate) struct Found {
    pub(crate) eligible: Vec<(usize, Match, Subject)>,
    rejected: RefCell<Option<Vec<Rejection>>>,
}

impl Found {
    fn new((eligible, rejected): Candidates) -> Self {
        Found { eligible, rejected: RefCell::new(Some(rejected)) }
    }

    /// The rejections for a caller that writes them (`record`): taken when still here, else
    /// computed again by `compute`.
    pub(crate) fn rejections(&self, record: bool, compute: impl FnOnce() -> Candidates) -> Vec<Rejection> {
        if !record {
            return Vec::new();
        }
        let taken = self.rejected.borrow_mut().take();
        taken.unwrap_or_else(|| compute().1)
    }
}

/// What the passes over one component compute once: the charges, and (when kept) each
/// installation's candidates ([`Found`]), which depend on the Ents and the installation alone,
/// not on what has been allocated. The optimal mode reads them in its flow, its priority-order
/// remainder and the priority order it is compared with.
pub(crate) struct Memo<'a> {
    pub(crate) charges: Charges<'a>,
    /// By the installation's address (the installations of one input, each once).
    candidates: Option<RefCell<HashMap<usize, Rc<Found>>>>,
}

impl<'a> Memo<'a> {
    /// With the candidates kept or not (the charges always are).
    pub(crate) fn new(keep_candidates: bool) -> Self {
        Memo { charges: Charges::default(), candidates: keep_candidates.then(RefCell::default) }
    }

    /// The candidates of `inst`: computed by `compute` unless kept from before.
    pub(crate) fn candidates(&self, inst: &'a Installation, compute: impl FnOnce() -> Candidates) -> Rc<Found> {
        let Some(memo) = &self.candidates else { return Rc::new(Found::new(compute())) };
        let key = std::ptr::from_ref(inst) as usize;
        Rc::clone(memo.borrow_mut().entry(key).or_insert_with(|| Rc::new(Found::new(compute()))))
    }
}

/// The charges computed for one component, by Ent (its place in the component's list), product,
/// tag id and subject: a charge depends on nothing else, and the allocation asks for the same one
/// again and again (each installation that tries an Ent already used up, and in the optimal mode
/// the flow's plans and the priority order they are compared with). A usage-based charge sweeps
/// every measurement of its product.
#[derive(Default)]
pub(crate) struct Charges<'a> {
    memo: RefCell<HashMap<ChargeKey<'a>, HashMap<Subject, Charge>>>,
}

/// An Ent's place in its component, a product and a tag id.
type ChargeKey<'a> = (usize, &'a str, Option<&'a str>);

impl<'a> Charges<'a> {
    /// [`charge`] of `ent`, the component's Ent `k`, computed once.
    pub(crate) fn get(
        &self,
        ctx: &Ctx<'_>,
        k: usize,
        ent: &Ent,
        subject: &Subject,
        product: &'a str,
        tag_id: Option<&'a str>,
    ) -> Charge {
        self.with(ctx, (k, product, tag_id), ent, subject, Charge::clone)
    }

    /// The units of [`Charges::get`], without a copy of the explanation.
    pub(crate) fn units(
        &self,
        ctx: &Ctx<'_>,
        k: usize,
        ent: &Ent,
        subject: &Subject,
        product: &'a str,
        tag_id: Option<&'a str>,
    ) -> Decimal {
        self.with(ctx, (k, product, tag_id), ent, subject, |c| c.units)
    }

    /// `read` of the charge, computed when not yet known.
    fn with<R>(
        &self,
        ctx: &Ctx<'_>,
        key: ChargeKey<'a>,
        ent: &Ent,
        subject: &Subject,
        read: impl FnOnce(&Charge) -> R,
    ) -> R {
        let mut memo = self.memo.borrow_mut();
        let by_subject = memo.entry(key).or_default();
        if let Some(c) = by_subject.get(subject) {
            return read(c);
        }
        let (_, product, tag_id) = key;
        let c = charge(ctx, ent, subject, product, tag_id);
        let out = read(&c);
        by_subject.insert(subject.clone(), c);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eligibility::Specificity;
    use crate::input::ProductId;
    use crate::position::Reason;
    use std::cell::Cell;

    fn found(rejected: &[&str]) -> Candidates {
        let m = Match { specificity: Specificity::Name, via_right: false, note: None, suite_primary: None };
        let rejected = rejected
            .iter()
            .map(|id| Rejection { ent_id: (*id).to_owned(), reason: Reason::NotEligible, detail: "no".into() })
            .collect();
        (vec![(0, m, Subject("device:d-1".into()))], rejected)
    }

    #[test]
    fn kept_candidates_are_computed_once_and_their_rejections_taken_once() {
        let inst = Installation::new("i-1", ProductId::named("P"), "d-1");
        let calls = Cell::new(0);
        let compute = || {
            calls.set(calls.get() + 1);
            found(&["e-2", "e-3"])
        };
        let memo = Memo::new(true);
        let first = memo.candidates(&inst, compute);
        let again = memo.candidates(&inst, compute);
        assert_eq!(calls.get(), 1);
        assert_eq!(again.eligible.len(), 1);
        // Not written: nothing taken.
        assert!(first.rejections(false, compute).is_empty());
        let taken = first.rejections(true, compute);
        assert_eq!(taken.iter().map(|r| r.ent_id.as_str()).collect::<Vec<_>>(), ["e-2", "e-3"]);
        assert_eq!(calls.get(), 1);
        // Taken already: the next writer computes them again.
        let recomputed = again.rejections(true, compute);
        assert_eq!(recomputed, taken);
        assert_eq!(calls.get(), 2);
    }

    #[test]
    fn candidates_not_kept_are_computed_each_time() {
        let inst = Installation::new("i-1", ProductId::named("P"), "d-1");
        let calls = Cell::new(0);
        let compute = || {
            calls.set(calls.get() + 1);
            found(&["e-2"])
        };
        let memo = Memo::new(false);
        let a = memo.candidates(&inst, compute);
        let b = memo.candidates(&inst, compute);
        assert_eq!(calls.get(), 2);
        assert_eq!(a.rejections(true, compute).len(), 1);
        assert_eq!(b.rejections(true, compute).len(), 1);
        assert_eq!(calls.get(), 2);
    }
}
