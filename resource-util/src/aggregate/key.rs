//! The grouping key: asset, metric and subtype, looked up without allocating.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;

/// What measurements are grouped by: the asset (a key the caller gives, such as
/// [`MeasuredAsset::identity`](crate::MeasuredAsset::identity) or an instance id), the metric
/// and the subtype. The unit is not part of the key: the measurements of one metric are taken
/// to share a unit.
///
/// Keys order by asset, then metric, then subtype (none before any).
///
/// ```
/// use iso19770_resource_util::aggregate::GroupKey;
///
/// let k = GroupKey::new("b1a07d4dc0364452aa6206bb6584061d", "VU_VALUE_UNIT", Some("MILLION_MONTHLY_DECISIONS"));
/// assert_eq!(k.to_string(), "b1a07d4dc0364452aa6206bb6584061d VU_VALUE_UNIT/MILLION_MONTHLY_DECISIONS");
/// assert!(GroupKey::new("a", "m", None) < GroupKey::new("a", "m", Some("")));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupKey {
    /// The asset key given with the measurement.
    pub asset: String,
    /// [`Measurement::metric`](crate::Measurement::metric).
    pub metric: String,
    /// [`Measurement::subtype`](crate::Measurement::subtype).
    pub subtype: Option<String>,
}

impl GroupKey {
    /// The key of an asset, metric and subtype.
    pub fn new(asset: impl Into<String>, metric: impl Into<String>, subtype: Option<&str>) -> Self {
        GroupKey { asset: asset.into(), metric: metric.into(), subtype: subtype.map(str::to_owned) }
    }
}

/// `asset metric` or `asset metric/subtype`.
impl fmt::Display for GroupKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.asset, self.metric)?;
        match &self.subtype {
            Some(subtype) => write!(f, "/{subtype}"),
            None => Ok(()),
        }
    }
}

/// A key's parts, owned or borrowed, so that a map keyed by [`GroupKey`] is searched with
/// borrowed strings.
pub(crate) trait KeyParts {
    fn parts(&self) -> (&str, &str, Option<&str>);
}

impl KeyParts for GroupKey {
    fn parts(&self) -> (&str, &str, Option<&str>) {
        (&self.asset, &self.metric, self.subtype.as_deref())
    }
}

impl KeyParts for (&str, &str, Option<&str>) {
    fn parts(&self) -> (&str, &str, Option<&str>) {
        *self
    }
}

// The order of the parts is the derived order of `GroupKey`, as `Borrow` requires.
impl<'a> Borrow<dyn KeyParts + 'a> for GroupKey {
    fn borrow(&self) -> &(dyn KeyParts + 'a) {
        self
    }
}

impl PartialEq for dyn KeyParts + '_ {
    fn eq(&self, other: &Self) -> bool {
        self.parts() == other.parts()
    }
}

impl Eq for dyn KeyParts + '_ {}

impl PartialOrd for dyn KeyParts + '_ {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for dyn KeyParts + '_ {
    fn cmp(&self, other: &Self) -> Ordering {
        self.parts().cmp(&other.parts())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn borrowed_lookups_agree_with_the_owned_order() {
        let keys = [
            GroupKey::new("a", "m", None),
            GroupKey::new("a", "m", Some("s")),
            GroupKey::new("a", "n", None),
            GroupKey::new("b", "a", Some("a")),
        ];
        let map: BTreeMap<GroupKey, usize> = keys.iter().cloned().enumerate().map(|(i, k)| (k, i)).collect();
        for (i, k) in keys.iter().enumerate() {
            let parts = (k.asset.as_str(), k.metric.as_str(), k.subtype.as_deref());
            assert_eq!(map.get(&parts as &dyn KeyParts), Some(&i));
        }
        assert_eq!(map.get(&("a", "m", Some("")) as &dyn KeyParts), None);
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
    }
}
