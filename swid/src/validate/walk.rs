//! The elements of a tag with their paths, for the rules.

use crate::model::{Directory, File, Process, Resource, ResourceCollection, SoftwareIdentity};
use iso19770_core::{Extensions, Path, PathSegment};

/// The path of the root element.
pub(crate) fn root() -> Path {
    Path::from_segments([PathSegment::element("SoftwareIdentity", 1)])
}

/// `parent/name[index + 1]`.
pub(crate) fn child(parent: &Path, name: &str, index: usize) -> Path {
    parent.join(PathSegment::element(name, index + 1))
}

/// `element@name`.
pub(crate) fn attr(element: &Path, name: &str) -> Path {
    element.join(PathSegment::attribute(name))
}

/// Which collection an item is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum In {
    Payload,
    Evidence,
}

/// A payload or evidence with its path.
pub(crate) struct CollectionAt<'a> {
    pub(crate) within: In,
    pub(crate) path: Path,
    pub(crate) items: &'a ResourceCollection,
    pub(crate) extensions: &'a iso19770_core::Extensions,
}

/// Every payload and evidence of the tag.
pub(crate) fn collections(tag: &SoftwareIdentity) -> Vec<CollectionAt<'_>> {
    let root = root();
    let payloads = tag.payloads.iter().enumerate().map(|(i, p)| CollectionAt {
        within: In::Payload,
        path: child(&root, "Payload", i),
        items: &p.items,
        extensions: &p.extensions,
    });
    let evidences = tag.evidences.iter().enumerate().map(|(i, e)| CollectionAt {
        within: In::Evidence,
        path: child(&root, "Evidence", i),
        items: &e.items,
        extensions: &e.extensions,
    });
    payloads.chain(evidences).collect()
}

/// A file, directory, process or resource with its path and collection.
pub(crate) struct ItemAt<'a, T> {
    pub(crate) item: &'a T,
    pub(crate) path: Path,
    pub(crate) within: In,
}

/// Every file, directory, process and resource of the tag.
#[derive(Default)]
pub(crate) struct Items<'a> {
    pub(crate) directories: Vec<ItemAt<'a, Directory>>,
    pub(crate) files: Vec<ItemAt<'a, File>>,
    pub(crate) processes: Vec<ItemAt<'a, Process>>,
    pub(crate) resources: Vec<ItemAt<'a, Resource>>,
}

pub(crate) fn items(tag: &SoftwareIdentity) -> Items<'_> {
    fn directory<'a>(out: &mut Items<'a>, d: &'a Directory, path: &Path, within: In) {
        for (i, sub) in d.directories.iter().enumerate() {
            let p = child(path, "Directory", i);
            directory(out, sub, &p, within);
            out.directories.push(ItemAt { item: sub, path: p, within });
        }
        for (i, f) in d.files.iter().enumerate() {
            out.files.push(ItemAt { item: f, path: child(path, "File", i), within });
        }
    }
    let mut out = Items::default();
    for c in collections(tag) {
        for (i, d) in c.items.directories.iter().enumerate() {
            let p = child(&c.path, "Directory", i);
            directory(&mut out, d, &p, c.within);
            out.directories.push(ItemAt { item: d, path: p, within: c.within });
        }
        for (i, f) in c.items.files.iter().enumerate() {
            out.files.push(ItemAt { item: f, path: child(&c.path, "File", i), within: c.within });
        }
        for (i, p) in c.items.processes.iter().enumerate() {
            out.processes.push(ItemAt { item: p, path: child(&c.path, "Process", i), within: c.within });
        }
        for (i, r) in c.items.resources.iter().enumerate() {
            out.resources.push(ItemAt { item: r, path: child(&c.path, "Resource", i), within: c.within });
        }
    }
    out
}

/// True when the collection holds a file at any depth.
pub(crate) fn has_file(items: &ResourceCollection) -> bool {
    fn dir(d: &Directory) -> bool {
        !d.files.is_empty() || d.directories.iter().any(dir)
    }
    !items.files.is_empty() || items.directories.iter().any(dir)
}

/// The kind of an element, as far as the rules tell them apart (`Meta` in an `Entity` is not the
/// tag's `Meta`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    SoftwareIdentity,
    Entity,
    /// `Entity/Meta` (XSD type `Meta`).
    EntityMeta,
    Link,
    /// `SoftwareIdentity/Meta` (XSD type `SoftwareMeta`).
    Meta,
    Payload,
    Evidence,
    Directory,
    File,
    Process,
    Resource,
}

/// An element of any kind with its path, `xml:lang` and kept attributes.
pub(crate) struct ElementAt<'a> {
    pub(crate) kind: Kind,
    pub(crate) path: Path,
    pub(crate) lang: Option<&'a str>,
    pub(crate) extensions: &'a Extensions,
}

/// Every element of the tag: the root, each `Entity` followed by its `Meta` children, the
/// `Link`s, `Meta`s, `Payload`s, `Evidence`s, then their directories, files, processes and
/// resources in the order of [`items`].
pub(crate) fn elements(tag: &SoftwareIdentity) -> Vec<ElementAt<'_>> {
    fn at<'a>(kind: Kind, path: Path, lang: Option<&'a str>, extensions: &'a Extensions) -> ElementAt<'a> {
        ElementAt { kind, path, lang, extensions }
    }
    let root = root();
    let mut out = vec![at(Kind::SoftwareIdentity, root.clone(), tag.lang.as_deref(), &tag.extensions)];
    for (i, e) in tag.entities.iter().enumerate() {
        let p = child(&root, "Entity", i);
        out.push(at(Kind::Entity, p.clone(), e.lang.as_deref(), &e.extensions));
        for (j, m) in e.metas.iter().enumerate() {
            out.push(at(Kind::EntityMeta, child(&p, "Meta", j), m.lang.as_deref(), &m.extensions));
        }
    }
    for (i, l) in tag.links.iter().enumerate() {
        out.push(at(Kind::Link, child(&root, "Link", i), l.lang.as_deref(), &l.extensions));
    }
    for (i, m) in tag.metas.iter().enumerate() {
        out.push(at(Kind::Meta, child(&root, "Meta", i), m.lang.as_deref(), &m.extensions));
    }
    for (i, p) in tag.payloads.iter().enumerate() {
        out.push(at(Kind::Payload, child(&root, "Payload", i), p.lang.as_deref(), &p.extensions));
    }
    for (i, e) in tag.evidences.iter().enumerate() {
        out.push(at(Kind::Evidence, child(&root, "Evidence", i), e.lang.as_deref(), &e.extensions));
    }
    let items = items(tag);
    for d in items.directories {
        out.push(at(Kind::Directory, d.path, d.item.lang.as_deref(), &d.item.extensions));
    }
    for f in items.files {
        out.push(at(Kind::File, f.path, f.item.lang.as_deref(), &f.item.extensions));
    }
    for p in items.processes {
        out.push(at(Kind::Process, p.path, p.item.lang.as_deref(), &p.item.extensions));
    }
    for r in items.resources {
        out.push(at(Kind::Resource, r.path, r.item.lang.as_deref(), &r.item.extensions));
    }
    out
}
