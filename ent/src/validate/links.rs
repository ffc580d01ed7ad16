//! Links: targets are URI references.

use super::{Findings, path};
use crate::model::Ent;

/// `ent-link-href`: a link target is a non-empty RFC 3986 URI reference.
pub(crate) fn href(ent: &Ent, out: &mut Findings) {
    for (i, link) in ent.links.iter().enumerate() {
        let why = if link.href.is_empty() {
            Some("the link has no target".to_owned())
        } else if !iso19770_core::uri::is_uri_reference(&link.href) {
            Some(format!("{:?} is not an RFC 3986 URI reference", link.href))
        } else if matches!(link.href.as_str(), "swid:" | "ent:") {
            Some(format!("{:?} names no tag or Ent", link.href))
        } else {
            None
        };
        if let Some(why) = why {
            out.push("ent-link-href", path(&["links".into(), i.into(), "href".into()]), why);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_one, good};
    use crate::model::{Link, Rel};
    use crate::validate::validate;

    #[test]
    fn href() {
        let ok = good().with_link(Link::new("ent:contoso-ea-2021", Rel::RenewalOf));
        assert!(validate(&ok).is_clean());
        let bad = ok.clone().with_link(Link::new("swid:has space", Rel::Entitles));
        assert_one(&validate(&bad), "ent-link-href", "links[1]/href");
        let empty = ok.clone().with_link(Link::new("", Rel::Agreement));
        assert_one(&validate(&empty), "ent-link-href", "links[1]/href");
        let no_tag = ok.with_link(Link::new("swid:", Rel::Entitles));
        assert_one(&validate(&no_tag), "ent-link-href", "links[1]/href");
    }
}
