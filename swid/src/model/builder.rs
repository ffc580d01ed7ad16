//! Chained builders: every optional attribute and child of the model types as a `with_*`
//! method, so that a tag is built in one expression. The required attributes are the arguments
//! of each type's `new`; nothing else is needed, so building never fails.
//!
//! ```
//! use iso19770_swid::{Entity, File, HashAlgorithm, HashEntry, Link, Payload, Rel, Role};
//! use iso19770_swid::{SoftwareIdentity, SoftwareMeta, VersionScheme};
//!
//! let tag = SoftwareIdentity::new("Example Editor", "example.com-editor-2.1.0")
//!     .with_version("2.1.0")
//!     .with_version_scheme(VersionScheme::Semver)
//!     .with_lang("en-US")
//!     .with_entity(Entity::new("Example Corp", [Role::TagCreator]).with_role(Role::SoftwareCreator).with_regid("example.com"))
//!     .with_link(Link::new("https://example.com/editor", Rel::SeeAlso))
//!     .with_meta(SoftwareMeta::default().with_product("Example Editor").with_colloquial_version("2"))
//!     .with_payload(Payload::default().with_file(
//!         File::new("editor").with_size(3).with_version("2.1.0").with_hash(HashEntry::new(HashAlgorithm::Sha256, [0; 32])),
//!     ));
//! assert_eq!(tag.entities[0].roles, [Role::TagCreator, Role::SoftwareCreator]);
//! assert_eq!(tag.payloads[0].items.files[0].size, Some(3));
//! ```

use super::{
    Directory, Entity, Evidence, File, HashEntry, Link, Meta, Payload, Process, Resource, ResourceCollection,
    SoftwareIdentity, SoftwareMeta, TagId, Text,
};
use crate::registry::{Ownership, Role, Use, VersionScheme};
use iso19770_core::{DateTime, ForeignAttribute};

/// `with_*` methods that set an `Option` field from `impl Into<T>`.
macro_rules! setters {
    ($ty:ident { $($method:ident => $field:ident: $value:ty, $doc:literal;)+ }) => {
        impl $ty {
            $(
                #[doc = concat!("The same with ", $doc, ".")]
                #[must_use]
                pub fn $method(mut self, value: impl Into<$value>) -> Self {
                    self.$field = Some(value.into());
                    self
                }
            )+
        }
    };
}

/// `with_attribute` and `with_foreign_attribute` for types with `extensions`.
macro_rules! attributes {
    ($($ty:ident),+) => {
        $(
            impl $ty {
                /// The same with an attribute the model has no field for (replacing one with the
                /// same namespace and local name).
                #[must_use]
                pub fn with_attribute(mut self, namespace: Option<&str>, name: &str, value: impl Into<String>) -> Self {
                    self.extensions.set_attribute(namespace, name, value);
                    self
                }

                /// The same with a foreign attribute, its preferred prefix included (replacing one
                /// with the same namespace and local name).
                #[must_use]
                pub fn with_foreign_attribute(mut self, attribute: ForeignAttribute) -> Self {
                    self.extensions.remove_attribute(attribute.namespace.as_deref(), &attribute.name);
                    self.extensions.attributes.push(attribute);
                    self
                }
            }
        )+
    };
}

attributes!(SoftwareIdentity, Entity, Link, SoftwareMeta, Meta, Payload, Evidence, Directory, File, Process, Resource);

setters!(SoftwareIdentity {
    with_tag_version => tag_version: i64, "`@tagVersion`";
    with_version => version: Text, "`@version`";
    with_version_scheme => version_scheme: VersionScheme, "`@versionScheme`";
    with_corpus => corpus: bool, "`@corpus`";
    with_patch => patch: bool, "`@patch`";
    with_supplemental => supplemental: bool, "`@supplemental`";
    with_media => media: Text, "`@media`";
    with_lang => lang: Text, "`@xml:lang`";
});

impl SoftwareIdentity {
    /// The same with one more `Entity`.
    #[must_use]
    pub fn with_entity(mut self, entity: Entity) -> Self {
        self.entities.push(entity);
        self
    }

    /// The same with one more `Link`.
    #[must_use]
    pub fn with_link(mut self, link: Link) -> Self {
        self.links.push(link);
        self
    }

    /// The same with one more `Meta`.
    #[must_use]
    pub fn with_meta(mut self, meta: SoftwareMeta) -> Self {
        self.metas.push(meta);
        self
    }

    /// The same with a `Payload` (after any already there: a valid tag has one).
    #[must_use]
    pub fn with_payload(mut self, payload: Payload) -> Self {
        self.payloads.push(payload);
        self
    }

    /// The same with an `Evidence` (after any already there: a valid tag has one, and no
    /// `Payload`).
    #[must_use]
    pub fn with_evidence(mut self, evidence: Evidence) -> Self {
        self.evidences.push(evidence);
        self
    }
}

setters!(Entity {
    with_thumbprint => thumbprint: HashEntry, "`@thumbprint`";
    with_lang => lang: Text, "`@xml:lang`";
});

impl Entity {
    /// The same with one more role (kept once).
    ///
    /// ```
    /// use iso19770_swid::{Entity, Role};
    ///
    /// let e = Entity::new("Example Corp", [Role::TagCreator]).with_role(Role::Licensor).with_role(Role::Licensor);
    /// assert_eq!(e.roles, [Role::TagCreator, Role::Licensor]);
    /// ```
    #[must_use]
    pub fn with_role(mut self, role: Role) -> Self {
        if !self.roles.contains(&role) {
            self.roles.push(role);
        }
        self
    }

    /// The same with one more `Meta` child.
    #[must_use]
    pub fn with_meta(mut self, meta: Meta) -> Self {
        self.metas.push(meta);
        self
    }
}

setters!(Link {
    with_artifact => artifact: Text, "`@artifact`";
    with_media => media: Text, "`@media`";
    with_ownership => ownership: Ownership, "`@ownership`";
    with_media_type => media_type: Text, "`@type`, the target's media type";
    with_use => r#use: Use, "`@use`";
    with_lang => lang: Text, "`@xml:lang`";
});

setters!(SoftwareMeta {
    with_activation_status => activation_status: Text, "`@activationStatus`";
    with_channel_type => channel_type: Text, "`@channelType`";
    with_colloquial_version => colloquial_version: Text, "`@colloquialVersion`";
    with_description => description: Text, "`@description`";
    with_edition => edition: Text, "`@edition`";
    with_entitlement_data_required => entitlement_data_required: bool, "`@entitlementDataRequired`";
    with_entitlement_key => entitlement_key: Text, "`@entitlementKey`";
    with_generator => generator: TagId, "`@generator`";
    with_persistent_id => persistent_id: Text, "`@persistentId`";
    with_product => product: Text, "`@product`";
    with_product_family => product_family: Text, "`@productFamily`";
    with_revision => revision: Text, "`@revision`";
    with_summary => summary: Text, "`@summary`";
    with_unspsc_code => unspsc_code: Text, "`@unspscCode`";
    with_unspsc_version => unspsc_version: Text, "`@unspscVersion`";
    with_lang => lang: Text, "`@xml:lang`";
});

setters!(Meta {
    with_lang => lang: Text, "`@xml:lang`";
});

impl ResourceCollection {
    /// The same with one more `Directory`.
    #[must_use]
    pub fn with_directory(mut self, directory: Directory) -> Self {
        self.directories.push(directory);
        self
    }

    /// The same with one more `File`.
    #[must_use]
    pub fn with_file(mut self, file: File) -> Self {
        self.files.push(file);
        self
    }

    /// The same with one more `Process`.
    #[must_use]
    pub fn with_process(mut self, process: Process) -> Self {
        self.processes.push(process);
        self
    }

    /// The same with one more `Resource`.
    #[must_use]
    pub fn with_resource(mut self, resource: Resource) -> Self {
        self.resources.push(resource);
        self
    }
}

/// `with_directory`, `with_file`, `with_process`, `with_resource` for the collections.
macro_rules! collection {
    ($($ty:ident),+) => {
        $(
            impl $ty {
                /// The same with one more `Directory`.
                #[must_use]
                pub fn with_directory(mut self, directory: Directory) -> Self {
                    self.items.directories.push(directory);
                    self
                }

                /// The same with one more `File`.
                #[must_use]
                pub fn with_file(mut self, file: File) -> Self {
                    self.items.files.push(file);
                    self
                }

                /// The same with one more `Process`.
                #[must_use]
                pub fn with_process(mut self, process: Process) -> Self {
                    self.items.processes.push(process);
                    self
                }

                /// The same with one more `Resource`.
                #[must_use]
                pub fn with_resource(mut self, resource: Resource) -> Self {
                    self.items.resources.push(resource);
                    self
                }
            }
        )+
    };
}

collection!(Payload, Evidence);

setters!(Payload {
    with_lang => lang: Text, "`@xml:lang`";
});

setters!(Evidence {
    with_date => date: DateTime, "`@date` (an `xs:dateTime`)";
    with_device_id => device_id: Text, "`@deviceId`";
    with_location => location: Text, "the CoSWID `location` (no XML attribute)";
    with_lang => lang: Text, "`@xml:lang`";
});

setters!(Directory {
    with_key => key: bool, "`@key`";
    with_location => location: Text, "`@location`";
    with_lang => lang: Text, "`@xml:lang`";
});

impl Directory {
    /// The same with one more `Directory` child.
    ///
    /// ```
    /// use iso19770_swid::{Directory, File};
    ///
    /// let usr = Directory::new("usr").with_directory(Directory::new("bin").with_file(File::new("tool")));
    /// assert_eq!(usr.directories[0].files[0].name.as_deref(), Some("tool"));
    /// ```
    #[must_use]
    pub fn with_directory(mut self, directory: Directory) -> Self {
        self.directories.push(directory);
        self
    }

    /// The same with one more `File` child.
    #[must_use]
    pub fn with_file(mut self, file: File) -> Self {
        self.files.push(file);
        self
    }
}

setters!(File {
    with_key => key: bool, "`@key`";
    with_location => location: Text, "`@location`";
    with_root => root: Text, "`@root`";
    with_version => version: Text, "`@version`";
    with_lang => lang: Text, "`@xml:lang`";
});

setters!(Process {
    with_pid => pid: i64, "`@pid`";
    with_lang => lang: Text, "`@xml:lang`";
});

setters!(Resource {
    with_lang => lang: Text, "`@xml:lang`";
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::ns;

    #[test]
    fn foreign_attributes_replace_their_namesake() {
        let f = File::new("x")
            .with_attribute(Some(ns::N8060), "mutable", "false")
            .with_foreign_attribute(ForeignAttribute::new(Some(ns::N8060), "mutable", "true").with_prefix("n8060"));
        assert_eq!(f.extensions.attributes.len(), 1);
        assert_eq!(f.extensions.attributes[0].prefix.as_deref(), Some("n8060"));
        assert_eq!(f.extensions.attribute(Some(ns::N8060), "mutable"), Some("true"));
    }

    #[test]
    fn collections_and_evidence() {
        let e = Evidence::default()
            .with_date("2026-01-01T00:00:00Z")
            .with_device_id("host")
            .with_process(Process::new("sshd").with_pid(7))
            .with_resource(Resource::new("port"));
        assert_eq!(e.items.processes[0].pid, Some(7));
        assert_eq!(e.device_id.as_deref(), Some("host"));
        let items = ResourceCollection::default().with_file(File::new("a")).with_directory(Directory::new("d"));
        assert!(!items.is_empty());
    }
}
