//! Whether an entitlement can cover an installation, and how specifically.
//!
//! An Ent covers an installation when, as of the date, it is active, names the product (by SWID
//! tag id, by name with an optional regid, through an `entitles` link to `swid:<tagId>`, or as a
//! suite whose primary product is on the same device), its edition and version (directly, or
//! through a downgrade or upgrade right), and no limitation excludes the device.

use crate::context::Ctx;
use crate::input::Installation;
use crate::position::{Reason, Status};
use crate::text::text;
use crate::version::compare;
use iso19770_core::{DateTime, Instant};
use iso19770_ent::{Ent, EntitledProduct, Limitation, Rel, Right, TermKind};
use std::cmp::Ordering;

/// How an Ent names an installation's product, most specific first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Specificity {
    /// By SWID tag id.
    TagId,
    /// By name, edition and version range.
    EditionAndVersion,
    /// By name and edition, or name and version range.
    EditionOrVersion,
    /// By name only.
    Name,
    /// As a part of a suite.
    Suite,
}

/// How an eligible Ent covers an installation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Match {
    pub(crate) specificity: Specificity,
    /// Through a downgrade or upgrade right, not the licensed version or edition itself.
    pub(crate) via_right: bool,
    /// The right used, for the explanation.
    pub(crate) note: Option<String>,
    /// When matched as a part of a suite: the installation of the suite's primary product on the
    /// same device (the first by id), which stands for the suite's installation there.
    pub(crate) suite_primary: Option<String>,
}

fn instant(d: Option<&DateTime>) -> Option<Instant> {
    d.and_then(|d| d.instant().ok())
}

/// The status of an Ent as of the date: the terms that grant use (all but maintenance) decide;
/// with none, the Ent is perpetual.
pub(crate) fn status(ent: &Ent, as_of: Option<Instant>) -> Status {
    let use_terms: Vec<_> = ent.terms.iter().filter(|t| t.kind != TermKind::Maintenance).collect();
    let Some(now) = as_of else { return Status::Active };
    if use_terms.is_empty() {
        return Status::Active;
    }
    let mut future = false;
    for t in &use_terms {
        let started = instant(t.start.as_ref()).is_none_or(|s| s <= now);
        let ended = instant(t.end.as_ref()).is_some_and(|e| e < now);
        if started && !ended {
            return Status::Active;
        }
        future |= !started;
    }
    if future { Status::NotYetActive } else { Status::Expired }
}

/// When the Ent's use ends (the latest end of its use terms); `None` when open-ended.
pub(crate) fn expiry(ent: &Ent) -> Option<Instant> {
    let mut latest: Option<Instant> = None;
    for t in ent.terms.iter().filter(|t| t.kind != TermKind::Maintenance) {
        let end = instant(t.end.as_ref())?;
        latest = Some(latest.map_or(end, |l| l.max(end)));
    }
    latest
}

/// How far an upgrade right reaches.
enum Reach {
    /// Every later version.
    Unbounded,
    /// Versions released until this instant (`None`: a date that names no instant).
    Until(Option<Instant>),
}

/// Until when an upgrade right reaches: the right's own date, else the end of maintenance (every
/// later version without maintenance, or with an open-ended one).
fn upgrade_until(ent: &Ent, until: Option<&DateTime>) -> Reach {
    if let Some(u) = until {
        return Reach::Until(instant(Some(u)));
    }
    let ends: Vec<Option<&DateTime>> =
        ent.terms.iter().filter(|t| t.kind == TermKind::Maintenance).map(|t| t.end.as_ref()).collect();
    if ends.is_empty() || ends.iter().any(Option::is_none) {
        return Reach::Unbounded;
    }
    // Every end written: the latest, or `None` when one names no instant.
    let instants: Option<Vec<Instant>> = ends.into_iter().map(instant).collect();
    Reach::Until(instants.and_then(|v| v.into_iter().max()))
}

/// Whether `ent` covers `inst`; `Err` with the reason and detail when it does not.
/// `status` is the Ent's as of the date ([`status`]).
pub(crate) fn covers(ctx: &Ctx<'_>, ent: &Ent, status: Status, inst: &Installation) -> Result<Match, (Reason, String)> {
    match status {
        Status::Active => {}
        Status::Expired => return Err((Reason::Expired, "its terms ended before the date".into())),
        Status::NotYetActive => return Err((Reason::NotYetActive, "its terms start after the date".into())),
    }
    limitations(ctx, ent, inst)?;
    let mut best: Option<Result<Match, (Reason, String)>> = None;
    for p in &ent.products {
        let r = product(ctx, ent, p, inst);
        best = Some(match (best, r) {
            (None, r) => r,
            (Some(Ok(a)), Ok(b)) => Ok(if (b.specificity, b.via_right) < (a.specificity, a.via_right) { b } else { a }),
            (Some(Ok(a)), Err(_)) => Ok(a),
            (Some(Err(_)), Ok(b)) => Ok(b),
            (Some(Err(a)), Err(b)) => Err(if b.0 == Reason::NotEligible { a } else { b }),
        });
    }
    // An `entitles` link to its tag id covers it when no product does (looked at only then).
    let by_link = || {
        inst.product.tag_id.as_ref().is_some_and(|t| {
            ent.links.iter().any(|l| l.rel == Rel::Entitles && l.href.strip_prefix("swid:") == Some(t.as_str()))
        })
    };
    match best {
        Some(Ok(m)) => Ok(m),
        _ if by_link() => {
            Ok(Match { specificity: Specificity::TagId, via_right: false, note: None, suite_primary: None })
        }
        Some(Err(e)) => Err(e),
        None => Err((Reason::NotEligible, "it names no product".into())),
    }
}

fn limitations(ctx: &Ctx<'_>, ent: &Ent, inst: &Installation) -> Result<(), (Reason, String)> {
    // Most Ents have none: the device is looked up only for those that do.
    if ent.limitations.is_empty() {
        return Ok(());
    }
    let device = ctx.device(&inst.device);
    for l in &ent.limitations {
        match l {
            Limitation::Organization { units } if !units.is_empty() => {
                let unit = device.and_then(|d| d.org_unit.as_deref());
                if !unit.is_some_and(|u| units.iter().any(|x| x == u)) {
                    let here = unit.map_or_else(|| "has no organization unit".to_owned(), |u| text!("is in {u}"));
                    return Err((
                        Reason::NotEligible,
                        text!("limited to the organization unit(s) {}; the device {here}", units.join(", ")),
                    ));
                }
            }
            Limitation::Period { start, end } => {
                if let Some(now) = ctx.as_of
                    && (instant(start.as_ref()).is_some_and(|s| now < s)
                        || instant(end.as_ref()).is_some_and(|e| now > e))
                {
                    return Err((Reason::NotEligible, "its period of use does not include the date".into()));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether one entitled product names the installation.
fn product(ctx: &Ctx<'_>, ent: &Ent, p: &EntitledProduct, inst: &Installation) -> Result<Match, (Reason, String)> {
    let id = &inst.product;
    if let Some(tag) = &p.tag_id {
        return if id.tag_id.as_ref() == Some(tag) {
            Ok(Match { specificity: Specificity::TagId, via_right: false, note: None, suite_primary: None })
        } else {
            Err((Reason::NotEligible, text!("it is for the tag {tag:?}")))
        };
    }
    let Some(name) = &p.product else { return Err((Reason::NotEligible, "it names no product".into())) };
    if let (Some(want), Some(have)) = (&p.regid, &id.regid)
        && want != have
    {
        return Err((Reason::NotEligible, text!("it is for the software creator {want}, the installation is {have}")));
    }
    if *name != id.product {
        return suite(ctx, name, inst);
    }
    let mut note = None;
    let mut via_right = false;
    if let (Some(want), Some(have)) = (&p.edition, &id.edition)
        && want != have
    {
        let ladder = ctx.catalog_product(name).map(|c| &c.editions);
        let rank = |e: &str| ladder.and_then(|l| l.iter().position(|x| x == e));
        let lower = matches!((rank(have), rank(want)), (Some(h), Some(w)) if h < w);
        let right = ent.rights.iter().find_map(|r| match r {
            Right::Downgrade { editions, .. } if editions.is_empty() || editions.iter().any(|e| e == have) => Some(()),
            _ => None,
        });
        if lower && right.is_some() {
            via_right = true;
            note = Some(text!("edition {have} through the downgrade right from {want}"));
        } else {
            return Err((Reason::WrongEdition, text!("it is for the edition {want}, the installation is {have}")));
        }
    }
    if let (Some(range), Some(have)) = (&p.versions, &id.version) {
        let below = range.from.as_deref().is_some_and(|f| compare(have, f) == Ordering::Less);
        let above = range.to.as_deref().is_some_and(|t| compare(have, t) == Ordering::Greater);
        // Written out only for a note or a rejection.
        let licensed = || match (&range.from, &range.to) {
            (Some(f), Some(t)) if f == t => f.clone(),
            (f, t) => text!("{}..{}", f.as_deref().unwrap_or(""), t.as_deref().unwrap_or("")),
        };
        if below {
            let reach = ent.rights.iter().find_map(|r| match r {
                Right::Downgrade { lowest_version, .. } => Some(lowest_version.clone()),
                _ => None,
            });
            match reach {
                Some(lowest) if lowest.as_deref().is_none_or(|l| compare(have, l) != Ordering::Less) => {
                    via_right = true;
                    note = Some(text!("version {have} through the downgrade right from {}", licensed()));
                }
                _ => {
                    return Err((
                        Reason::WrongVersion,
                        text!(
                            "it is for version {}, the installation is {have}, below it with no downgrade right reaching it",
                            licensed()
                        ),
                    ));
                }
            }
        } else if above {
            let until = ent.rights.iter().find_map(|r| match r {
                Right::Upgrade { until } => Some(upgrade_until(ent, until.as_ref())),
                _ => None,
            });
            let released = ctx
                .catalog_product(name)
                .and_then(|c| c.releases.iter().find(|r| compare(&r.version, have) == Ordering::Equal))
                .and_then(|r| r.date.instant().ok());
            match until {
                Some(Reach::Unbounded) => {
                    via_right = true;
                    note = Some(text!("version {have} through the upgrade right from {}", licensed()));
                }
                Some(Reach::Until(None)) => {
                    return Err((
                        Reason::WrongVersion,
                        "the upgrade right's date is not a date-time with a zone".into(),
                    ));
                }
                Some(Reach::Until(Some(limit))) => match released {
                    Some(r) if r <= limit => {
                        via_right = true;
                        note = Some(text!(
                            "version {have} (released {r}) through the upgrade right from {}, which reaches releases until {limit}",
                            licensed()
                        ));
                    }
                    Some(r) => {
                        return Err((
                            Reason::WrongVersion,
                            text!("version {have} was released {r}, after the upgrade right ends ({limit})"),
                        ));
                    }
                    None => {
                        return Err((
                            Reason::WrongVersion,
                            text!(
                                "the release date of version {have} is not in the catalog, so the upgrade right (until {limit}) cannot be applied"
                            ),
                        ));
                    }
                },
                None => {
                    return Err((
                        Reason::WrongVersion,
                        text!(
                            "it is for version {}, the installation is {have}, above it with no upgrade right",
                            licensed()
                        ),
                    ));
                }
            }
        }
    }
    let specificity = match (p.edition.is_some(), p.versions.is_some()) {
        (true, true) => Specificity::EditionAndVersion,
        (true, false) | (false, true) => Specificity::EditionOrVersion,
        (false, false) => Specificity::Name,
    };
    Ok(Match { specificity, via_right, note, suite_primary: None })
}

/// Whether the entitled product is a suite with the installation's product as a part, and the
/// suite's primary product on the same device.
fn suite(ctx: &Ctx<'_>, name: &str, inst: &Installation) -> Result<Match, (Reason, String)> {
    let found = ctx.catalog.suites.binary_search_by(|s| s.suite.as_str().cmp(name)).ok();
    let Some(s) = found.and_then(|i| ctx.catalog.suites.get(i)) else {
        return Err((Reason::NotEligible, text!("it is for {name}")));
    };
    let part = s.parts.contains(&inst.product.product) || s.primary == inst.product.product;
    if !part {
        return Err((
            Reason::NotEligible,
            text!("it is for the suite {name}, which does not contain {}", inst.product.product),
        ));
    }
    // The device's installations are in id order: the first of the primary product stands for
    // the suite's installation on the device.
    let primary =
        ctx.on_device.get(inst.device.as_str()).and_then(|l| l.iter().find(|i| i.product.product == s.primary));
    let Some(primary) = primary else {
        return Err((
            Reason::NotEligible,
            text!("the suite {name} covers its parts only where its primary product {} is installed", s.primary),
        ));
    };
    Ok(Match {
        specificity: Specificity::Suite,
        via_right: false,
        note: Some(text!("as a part of the suite {name}")),
        suite_primary: Some(primary.id.clone()),
    })
}

/// The window of use of an Ent: the earliest start and latest end of its use terms (`None`
/// bounds are open).
pub(crate) fn window(ent: &Ent) -> (Option<Instant>, Option<Instant>) {
    let terms: Vec<_> = ent.terms.iter().filter(|t| t.kind != TermKind::Maintenance).collect();
    let start = terms.iter().map(|t| instant(t.start.as_ref())).min().flatten();
    let end = if terms.iter().any(|t| t.end.is_none()) { None } else { expiry(ent) };
    (start, end)
}
