//! Helpers shared by the integration tests: fixtures, an XML comparison that ignores prefixes and
//! white space (a canonicalization in the sense of the issue's "equal under XML
//! canonicalization"), and the output folder that `.ci/run` hands to the oracles.

#![allow(dead_code, unreachable_pub, clippy::expect_used, clippy::unwrap_used)]

pub mod arb;

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The fixture folder.
pub fn fixtures(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(sub)
}

/// The files of a fixture folder, sorted, with their text.
pub fn fixture_files(sub: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(fixtures(sub))
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).expect("utf-8 fixture");
            (name, text)
        })
        .collect();
    out.sort();
    out
}

/// A namespace-resolved XML node: what canonical XML keeps of a document, without prefixes,
/// comments or white-space-only text.
#[derive(Debug, PartialEq, Eq)]
pub enum Node {
    Element {
        namespace: Option<String>,
        name: String,
        attributes: BTreeMap<(Option<String>, String), String>,
        children: Vec<Node>,
    },
    Text(String),
    Pi(String),
}

/// Parses `xml` into its canonical tree (the root element).
pub fn canonical(xml: &str) -> Node {
    let mut reader = NsReader::from_str(xml);
    let mut stack: Vec<Node> = Vec::new();
    let mut root = None;
    let mut text = String::new();
    loop {
        let (resolved, event) = reader.read_resolved_event().expect("well-formed");
        let namespace = match resolved {
            ResolveResult::Bound(n) => Some(n.0.to_owned()),
            _ => None,
        };
        let flush = |text: &mut String, stack: &mut Vec<Node>| {
            if !text.trim().is_empty()
                && let Some(Node::Element { children, .. }) = stack.last_mut()
            {
                children.push(Node::Text(std::mem::take(text)));
            }
            text.clear();
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                flush(&mut text, &mut stack);
                let mut attributes = BTreeMap::new();
                for a in e.attributes() {
                    let a = a.expect("attribute");
                    if a.key.as_namespace_binding().is_some() {
                        continue;
                    }
                    let (ns, local) = reader.resolver().resolve_attribute(a.key);
                    let ns = match ns {
                        ResolveResult::Bound(n) => Some(n.0.to_owned()),
                        _ => None,
                    };
                    let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).expect("value").into_owned();
                    attributes.insert((ns, local.into_inner().to_owned()), value);
                }
                let node = Node::Element {
                    namespace,
                    name: e.local_name().into_inner().to_owned(),
                    attributes,
                    children: Vec::new(),
                };
                if matches!(event, Event::Start(_)) {
                    stack.push(node);
                } else {
                    match stack.last_mut() {
                        Some(Node::Element { children, .. }) => children.push(node),
                        _ => root = Some(node),
                    }
                }
            }
            Event::End(_) => {
                flush(&mut text, &mut stack);
                let node = stack.pop().expect("open element");
                match stack.last_mut() {
                    Some(Node::Element { children, .. }) => children.push(node),
                    _ => root = Some(node),
                }
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(t) => text.push_str(&t),
            Event::GeneralRef(r) => match r.resolve_char_ref().expect("char ref") {
                Some(c) => text.push(c),
                None => text.push_str(match &*r {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "apos" => "'",
                    _ => "\"",
                }),
            },
            Event::PI(p) => {
                if let Some(Node::Element { children, .. }) = stack.last_mut() {
                    children.push(Node::Pi(p.to_string()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    root.expect("a root element")
}

/// The folder `.ci/run` passes in `SWID_XML_OUT` to collect encoder output for the oracles, with
/// `sub` created inside it; `None` when the variable is not set.
pub fn out_dir(sub: &str) -> Option<PathBuf> {
    let base = std::env::var_os("SWID_XML_OUT")?;
    let dir = PathBuf::from(base).join(sub);
    std::fs::create_dir_all(&dir).expect("output folder");
    Some(dir)
}

/// The canonical tree with the children of every element sorted: equal for documents that differ
/// only in the order of sibling elements.
pub fn canonical_unordered(xml: &str) -> Node {
    fn sort(node: &mut Node) {
        if let Node::Element { children, .. } = node {
            children.iter_mut().for_each(sort);
            children.sort_by_cached_key(|c| format!("{c:?}"));
        }
    }
    let mut node = canonical(xml);
    sort(&mut node);
    node
}
