//! A primary, authoritative tag from a Cargo package's metadata.

use super::tag_id::{persistent_uuid, tag_uuid};
use super::{GenerateError, Regid};
use crate::model::{Directory, Entity, Link, Payload, SoftwareIdentity, SoftwareMeta, TagId};
use crate::registry::{Rel, Role, VersionScheme, attribute, ns};

/// What a tag says about a package: Cargo's `CARGO_PKG_*` variables, or the same given in code.
///
/// Blank values count as absent (Cargo sets `CARGO_PKG_DESCRIPTION` and the others to an empty
/// string when the manifest has none).
///
/// ```
/// use iso19770_swid::generate::CargoPackage;
///
/// let env = [
///     ("CARGO_PKG_NAME", "example-app"),
///     ("CARGO_PKG_VERSION", "1.2.3"),
///     ("CARGO_PKG_AUTHORS", "Jane Doe <jane@example.com>:John Roe"),
///     ("CARGO_PKG_DESCRIPTION", ""),
/// ];
/// let lookup = |name: &str| env.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string());
/// let package = CargoPackage::from_lookup(lookup)?;
/// assert_eq!(package.authors, ["Jane Doe <jane@example.com>", "John Roe"]);
/// assert_eq!(package.description, None);
/// assert_eq!(package, CargoPackage::new("example-app", "1.2.3").with_author("Jane Doe <jane@example.com>").with_author("John Roe"));
/// # Ok::<(), iso19770_swid::generate::GenerateError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CargoPackage {
    /// `CARGO_PKG_NAME`: the tag's `@name` and `Meta@product`.
    pub name: String,
    /// `CARGO_PKG_VERSION`: the tag's `@version` (semver).
    pub version: String,
    /// `CARGO_PKG_AUTHORS`, split at `:`: the entity's name when none is given.
    pub authors: Vec<String>,
    /// `CARGO_PKG_DESCRIPTION`: `Meta@summary`.
    pub description: Option<String>,
    /// `CARGO_PKG_HOMEPAGE`: a `Link` with `rel="see-also"`.
    pub homepage: Option<String>,
    /// `CARGO_PKG_REPOSITORY`: a `Link` with `rel="see-also"`.
    pub repository: Option<String>,
    /// `CARGO_PKG_LICENSE`, an SPDX expression: a `Link` with `rel="license"` per license.
    pub license: Option<String>,
}

/// Trimmed, or `None` when blank.
fn non_blank(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

impl CargoPackage {
    /// A package with this name and version and nothing else.
    pub fn new(name: impl Into<String>, version: impl Into<String>) -> Self {
        CargoPackage { name: name.into(), version: version.into(), ..CargoPackage::default() }
    }

    /// The package described by the `CARGO_PKG_*` variables that `lookup` gives (`None` for an
    /// unset variable); [`GenerateError::MissingVariable`] when the name or version is unset
    /// or blank.
    pub fn from_lookup(mut lookup: impl FnMut(&str) -> Option<String>) -> Result<Self, GenerateError> {
        let mut need = |name: &'static str| non_blank(lookup(name)).ok_or(GenerateError::MissingVariable { name });
        let name = need("CARGO_PKG_NAME")?;
        let version = need("CARGO_PKG_VERSION")?;
        let authors = lookup("CARGO_PKG_AUTHORS")
            .unwrap_or_default()
            .split(':')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect();
        Ok(CargoPackage {
            name,
            version,
            authors,
            description: non_blank(lookup("CARGO_PKG_DESCRIPTION")),
            homepage: non_blank(lookup("CARGO_PKG_HOMEPAGE")),
            repository: non_blank(lookup("CARGO_PKG_REPOSITORY")),
            license: non_blank(lookup("CARGO_PKG_LICENSE")),
        })
    }

    /// The package whose build script this runs in: [`from_lookup`](Self::from_lookup) over the
    /// process environment (a variable that is not Unicode counts as unset).
    pub fn from_env() -> Result<Self, GenerateError> {
        CargoPackage::from_lookup(|name| std::env::var(name).ok())
    }

    /// The same with one more author (`Name <email>`).
    #[must_use]
    pub fn with_author(mut self, author: impl Into<String>) -> Self {
        self.authors.push(author.into());
        self
    }

    /// The same with a description.
    #[must_use]
    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// The same with a home page.
    #[must_use]
    pub fn with_homepage(mut self, homepage: impl Into<String>) -> Self {
        self.homepage = Some(homepage.into());
        self
    }

    /// The same with a repository.
    #[must_use]
    pub fn with_repository(mut self, repository: impl Into<String>) -> Self {
        self.repository = Some(repository.into());
        self
    }

    /// The same with an SPDX license expression.
    #[must_use]
    pub fn with_license(mut self, license: impl Into<String>) -> Self {
        self.license = Some(license.into());
        self
    }
}

/// What the package metadata does not say: the tag creator's regid (required), and choices with
/// defaults.
///
/// | option | default |
/// |---|---|
/// | `xml:lang` | `en-US` |
/// | tag id | [`tag_uuid`](super::tag_uuid) of (regid, name, version) |
/// | `@tagVersion` | 0 |
/// | entity name | the authors' names (without e-mail addresses) joined by `, `; the regid when there is no author |
/// | `Meta@product` | the package name |
/// | `Meta@colloquialVersion` | the Cargo compatibility series: `2` for 2.1.3, `0.4` for 0.4.1, `0.0.7` for 0.0.7 |
/// | `Meta@revision` | the version without build metadata: `2.1.3`, `2.1.3-rc.1` for `2.1.3-rc.1+g1234` |
/// | `Meta@edition` | none: Cargo has no notion of a product edition (the Rust edition is another thing), and this crate does not make one up; NISTIR 8060's PRI-13-5 asks for one where a value exists, so name it with [`with_edition`](TagOptions::with_edition) (the example crate says `standard`) |
/// | payload | none (NISTIR 8060 PRI-6 warns): [`payload_from_dir`](super::payload_from_dir) makes one |
///
/// ```
/// use iso19770_swid::generate::{Regid, TagOptions};
///
/// let options = TagOptions::new(Regid::new("example.com")?).with_lang("de-DE").with_edition("community");
/// # Ok::<(), iso19770_swid::generate::GenerateError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagOptions {
    regid: Regid,
    lang: String,
    tag_id: Option<TagId>,
    tag_version: i64,
    entity_name: Option<String>,
    product: Option<String>,
    colloquial_version: Option<String>,
    revision: Option<String>,
    edition: Option<String>,
    payload: Option<Payload>,
}

impl TagOptions {
    /// The defaults, with the tag creator's regid.
    pub fn new(regid: Regid) -> Self {
        TagOptions {
            regid,
            lang: "en-US".into(),
            tag_id: None,
            tag_version: 0,
            entity_name: None,
            product: None,
            colloquial_version: None,
            revision: None,
            edition: None,
            payload: None,
        }
    }

    /// The regid.
    pub fn regid(&self) -> &Regid {
        &self.regid
    }

    /// These options with the tag's `xml:lang` (an `xs:language` such as `en-US`).
    #[must_use]
    pub fn with_lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = lang.into();
        self
    }

    /// These options with a tag id of the caller's instead of the generated UUID.
    #[must_use]
    pub fn with_tag_id(mut self, tag_id: impl Into<TagId>) -> Self {
        self.tag_id = Some(tag_id.into());
        self
    }

    /// These options with a `@tagVersion` (raise it when the tag of the same release is revised,
    /// NISTIR 8060 GEN-26).
    #[must_use]
    pub fn with_tag_version(mut self, tag_version: i64) -> Self {
        self.tag_version = tag_version;
        self
    }

    /// These options with the name of the tag creator and software creator entity.
    #[must_use]
    pub fn with_entity_name(mut self, name: impl Into<String>) -> Self {
        self.entity_name = Some(name.into());
        self
    }

    /// These options with a `Meta@product` other than the package name.
    #[must_use]
    pub fn with_product(mut self, product: impl Into<String>) -> Self {
        self.product = Some(product.into());
        self
    }

    /// These options with a `Meta@colloquialVersion` of the caller's.
    #[must_use]
    pub fn with_colloquial_version(mut self, colloquial_version: impl Into<String>) -> Self {
        self.colloquial_version = Some(colloquial_version.into());
        self
    }

    /// These options with a `Meta@revision` of the caller's.
    #[must_use]
    pub fn with_revision(mut self, revision: impl Into<String>) -> Self {
        self.revision = Some(revision.into());
        self
    }

    /// These options with a `Meta@edition`.
    #[must_use]
    pub fn with_edition(mut self, edition: impl Into<String>) -> Self {
        self.edition = Some(edition.into());
        self
    }

    /// These options with the tag's payload.
    #[must_use]
    pub fn with_payload(mut self, payload: Payload) -> Self {
        self.payload = Some(payload);
        self
    }
}

/// A version's semver parts: (major, minor, patch) and the version without build metadata.
fn semver(version: &str) -> Option<([u64; 3], &str)> {
    let without_build = version.split_once('+').map_or(version, |(v, _)| v);
    let core = without_build.split_once('-').map_or(without_build, |(c, _)| c);
    let mut numbers = [0u64; 3];
    let mut parts = core.split('.');
    for n in &mut numbers {
        let part = parts.next()?;
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *n = part.parse().ok()?;
    }
    parts.next().is_none().then_some((numbers, without_build))
}

/// Cargo's compatibility series of a semver version: versions in one series are compatible.
fn compatibility_series([major, minor, patch]: [u64; 3]) -> String {
    match (major, minor) {
        (0, 0) => format!("0.0.{patch}"),
        (0, minor) => format!("0.{minor}"),
        (major, _) => major.to_string(),
    }
}

/// The author's name without an ` <e-mail>`.
fn author_name(author: &str) -> &str {
    author.split_once('<').map_or(author, |(name, _)| name).trim()
}

/// The SPDX license and exception identifiers of an expression (`MIT OR Apache-2.0`, the older
/// `MIT/Apache-2.0`, `GPL-2.0-or-later WITH Classpath-exception-2.0`, `GPL-2.0+`), in order, once
/// each, as written (a `+` kept: `GPL-2.0+` is an SPDX identifier of its own); without
/// `LicenseRef-`s, which name no public text, and anything that is not an identifier.
fn license_ids(expression: &str) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    for token in expression.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '/')).filter(|t| !t.is_empty())
    {
        if ["AND", "OR", "WITH"].iter().any(|op| token.eq_ignore_ascii_case(op)) {
            continue;
        }
        let bare = token.strip_suffix('+').unwrap_or(token);
        let identifier =
            !bare.is_empty() && bare.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'));
        let reference = bare.starts_with("LicenseRef-") || bare.starts_with("DocumentRef-");
        if identifier && !reference && !ids.contains(&token) {
            ids.push(token);
        }
    }
    ids
}

/// Gives every file without a version that is not marked mutable this one.
fn fill_file_versions(files: &mut [crate::model::File], directories: &mut [Directory], version: &str) {
    for f in files {
        let mutable = matches!(f.extensions.attribute(Some(ns::N8060), attribute::N8060_MUTABLE), Some("true" | "1"));
        if f.version.is_none() && !mutable {
            f.version = Some(version.into());
        }
    }
    for d in directories {
        fill_file_versions(&mut d.files, &mut d.directories, version);
    }
}

/// The primary, authoritative tag of a package, made to pass NISTIR 8060's authoritative primary
/// rules (and ISO/IEC 19770-2's, and RFC 9393's) with no finding when it has a payload of
/// hashed files and the options name an edition (Cargo has none: without one, the conditional
/// PRI-13-5 is reported).
///
/// - `@name` the package name, `@tagId` as the [`TagOptions`] say (a UUID, written as text in
///   XML and as 16 bytes in CoSWID), `@tagVersion`, `@version` with `versionScheme="semver"`
///   (`alphanumeric` for a version that is not semver), `xml:lang`;
/// - one `Entity` with the regid and the roles `tagCreator softwareCreator` (NISTIR 8060 GEN-4,
///   GEN-8, GEN-9);
/// - `Link`s: the home page and the repository with `rel="see-also"` (the same URL once), and per
///   SPDX license or exception identifier `https://spdx.org/licenses/ID.html` with
///   `rel="license"` (the IANA link relation, RFC 4946, which RFC 9393 admits as a text `rel`).
///   The expression's `AND`, `OR` and `WITH` have no place in a tag: the links name what the
///   expression mentions, not how it combines them, and a `LicenseRef-` (no public text) or a
///   name outside SPDX's list is not checked here. A value that is not an RFC 3986 URI is left
///   out;
/// - one `Meta` with `product`, `colloquialVersion`, `revision`, `edition` when given (NISTIR 8060
///   PRI-13),
///   `summary` (the description), `persistentId` ([`persistent_uuid`](super::persistent_uuid),
///   the same for every version) and `generator` (this crate and its version);
/// - the payload, its files without a `@version` given the package version (NISTIR 8060 GEN-15).
///
/// [`GenerateError::InvalidLanguage`] when the language is not an `xs:language`.
///
/// ```
/// use iso19770_swid::generate::{CargoPackage, Regid, TagOptions, primary_tag};
/// use iso19770_swid::{Role, VersionScheme};
///
/// let package = CargoPackage::new("example-app", "2.1.3-rc.1").with_license("MIT OR Apache-2.0");
/// let tag = primary_tag(&package, &TagOptions::new(Regid::new("example.com")?))?;
/// assert_eq!(tag.tag_id.as_ref().map(ToString::to_string).as_deref(), Some("0bf495d8-08a1-589f-8b05-0b8ff7bf9af8"));
/// assert_eq!(tag.version_scheme, Some(VersionScheme::Semver));
/// assert!(tag.entities[0].has_role(&Role::SoftwareCreator));
/// assert_eq!(tag.metas[0].colloquial_version.as_deref(), Some("2"));
/// assert_eq!(tag.metas[0].revision.as_deref(), Some("2.1.3-rc.1"));
/// assert_eq!(tag.links.len(), 2);
/// # Ok::<(), iso19770_swid::generate::GenerateError>(())
/// ```
pub fn primary_tag(package: &CargoPackage, options: &TagOptions) -> Result<SoftwareIdentity, GenerateError> {
    if !crate::validate::iso::is_language(&options.lang) {
        return Err(GenerateError::InvalidLanguage { lang: options.lang.clone() });
    }
    let regid = &options.regid;
    let name = package.name.trim();
    let version = package.version.trim();
    let parsed = semver(version);
    let tag_id = options.tag_id.clone().unwrap_or_else(|| TagId::Uuid(tag_uuid(regid, name, version)));

    let entity_name = options.entity_name.clone().unwrap_or_else(|| {
        let names: Vec<&str> = package.authors.iter().map(|a| author_name(a)).filter(|a| !a.is_empty()).collect();
        if names.is_empty() { regid.to_string() } else { names.join(", ") }
    });
    let entity =
        Entity::new(entity_name, [Role::TagCreator, Role::SoftwareCreator]).with_regid(regid.as_str().to_owned());

    let mut meta = SoftwareMeta::default()
        .with_product(options.product.clone().unwrap_or_else(|| name.to_owned()))
        .with_colloquial_version(options.colloquial_version.clone().unwrap_or_else(|| match parsed {
            Some((numbers, _)) => compatibility_series(numbers),
            None => version.to_owned(),
        }))
        .with_revision(options.revision.clone().unwrap_or_else(|| parsed.map_or(version, |(_, r)| r).to_owned()))
        .with_persistent_id(TagId::Uuid(persistent_uuid(regid, name)).to_string())
        .with_generator(concat!("iso19770-swid ", env!("CARGO_PKG_VERSION")));
    if let Some(summary) = &package.description {
        meta = meta.with_summary(summary.trim());
    }
    if let Some(edition) = &options.edition {
        meta = meta.with_edition(edition.clone());
    }

    let mut tag = SoftwareIdentity::new(name, tag_id)
        .with_tag_version(options.tag_version)
        .with_version(version)
        .with_version_scheme(if parsed.is_some() { VersionScheme::Semver } else { VersionScheme::Alphanumeric })
        .with_lang(options.lang.clone())
        .with_entity(entity)
        .with_meta(meta);

    let mut see_also: Vec<&str> = Vec::new();
    for url in [&package.homepage, &package.repository].into_iter().flatten().map(|u| u.trim()) {
        if iso19770_core::uri::is_uri_reference(url) && !see_also.contains(&url) {
            see_also.push(url);
            tag = tag.with_link(Link::new(url, Rel::SeeAlso));
        }
    }
    for id in package.license.as_deref().map(license_ids).unwrap_or_default() {
        tag = tag.with_link(Link::new(format!("https://spdx.org/licenses/{id}.html"), Rel::from_name("license")));
    }

    if let Some(payload) = &options.payload {
        let mut payload = payload.clone();
        fill_file_versions(&mut payload.items.files, &mut payload.items.directories, version);
        tag = tag.with_payload(payload);
    }
    Ok(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semver_parts() {
        assert_eq!(semver("2.1.3"), Some(([2, 1, 3], "2.1.3")));
        assert_eq!(semver("2.1.3-rc.1+g12"), Some(([2, 1, 3], "2.1.3-rc.1")));
        assert_eq!(semver("1.0.0+build-7"), Some(([1, 0, 0], "1.0.0")));
        assert_eq!(semver("2013"), None);
        assert_eq!(semver("1.2.3.4"), None);
        assert_eq!(semver("1..3"), None);
        assert_eq!(compatibility_series([2, 1, 3]), "2");
        assert_eq!(compatibility_series([0, 4, 1]), "0.4");
        assert_eq!(compatibility_series([0, 0, 7]), "0.0.7");
    }

    #[test]
    fn spdx_identifiers() {
        assert_eq!(license_ids("MIT OR Apache-2.0"), ["MIT", "Apache-2.0"]);
        assert_eq!(license_ids("MIT/Apache-2.0"), ["MIT", "Apache-2.0"]);
        assert_eq!(
            license_ids("(GPL-2.0+ WITH Classpath-exception-2.0) AND MIT AND MIT"),
            ["GPL-2.0+", "Classpath-exception-2.0", "MIT"]
        );
        assert_eq!(
            license_ids("GPL-2.0-or-later WITH Classpath-exception-2.0"),
            ["GPL-2.0-or-later", "Classpath-exception-2.0"]
        );
        assert_eq!(license_ids("LicenseRef-Proprietary"), Vec::<&str>::new());
        assert_eq!(author_name("Jane Doe <jane@example.com>"), "Jane Doe");
        assert_eq!(author_name("<only@example.com>"), "");
    }
}
