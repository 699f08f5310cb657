//! The tree html5ever builds, kept in one flat arena (a `Vec` of nodes that point at each other by
//! index). Nothing in it is recursive: dropping it frees one vector, however deep the nesting, and
//! the walker in `parse.rs` keeps its own stack.
//!
//! Only what the document model reads is kept: element names, a short list of attributes, and
//! text. Comments, doctypes and processing instructions are not stored. `<template>` contents go
//! to a fragment that is never attached, so they are never shown.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, QualName, local_name, ns};

/// Attributes the document model looks at; all others are dropped as elements are created.
const KEPT_ATTRS: &[&str] = &[
    "href",
    "src",
    "srcset",
    "alt",
    "title",
    "style",
    "hidden",
    "color",
    "width",
    "height",
    "role",
    "background",
    "poster",
    "rel",
    "start",
    "type",
    "face",
    "data",
    "value",
];

/// Input is fed to the parser in pieces of this many bytes, so the node cap can stop it early.
const CHUNK: usize = 64 << 10;

/// The attributes kept for an element: (name, value) pairs.
pub(super) type Attrs = [(LocalName, String)];

/// One node of the tree.
pub(super) struct Node {
    pub(super) children: Vec<usize>,
    pub(super) data: Data,
}

pub(super) enum Data {
    /// The document itself (index 0) and detached fragments (template contents).
    Root,
    Element {
        name: LocalName,
        /// In the HTML namespace (not SVG or MathML).
        html: bool,
        attrs: Vec<(LocalName, String)>,
    },
    Text(String),
    /// Comments and processing instructions: created because the parser asks for a handle,
    /// never attached.
    Ignored,
}

/// The parsed tree: node 0 is the document.
pub(super) struct Dom {
    pub(super) nodes: Vec<Node>,
    /// The parser was stopped at the node cap before the end of the input.
    pub(super) truncated: bool,
}

impl Dom {
    /// Parses `html` (already cut to the input cap), stopping after about `max_nodes` nodes.
    pub(super) fn parse(html: &str, max_nodes: usize) -> Dom {
        let count = Rc::new(Cell::new(0usize));
        let sink = Sink {
            nodes: RefCell::new(vec![Node {
                children: Vec::new(),
                data: Data::Root,
            }]),
            parent: RefCell::new(vec![None]),
            count: Rc::clone(&count),
            document: Handle::new(0, QualName::new(None, ns!(), local_name!(""))),
        };
        let mut parser = html5ever::parse_document(sink, html5ever::ParseOpts::default());
        let mut rest = html;
        let mut truncated = false;
        while !rest.is_empty() {
            if count.get() >= max_nodes {
                truncated = true;
                break;
            }
            let mut end = rest.len().min(CHUNK);
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            parser.process(StrTendril::from_slice(&rest[..end]));
            rest = &rest[end..];
        }
        let mut dom = parser.finish();
        dom.truncated = truncated;
        dom
    }

    /// The element's name and attributes, or `None` for text and other nodes.
    pub(super) fn element(&self, id: usize) -> Option<(&LocalName, bool, &Attrs)> {
        match &self.nodes.get(id)?.data {
            Data::Element { name, html, attrs } => Some((name, *html, attrs)),
            _ => None,
        }
    }
}

/// What html5ever holds for a node: its index and (for elements) its name, so that naming an
/// element never has to borrow the arena.
#[derive(Clone)]
pub(super) struct Handle(Rc<(usize, QualName)>);

impl Handle {
    fn new(id: usize, name: QualName) -> Handle {
        Handle(Rc::new((id, name)))
    }

    fn id(&self) -> usize {
        self.0.0
    }
}

struct Sink {
    nodes: RefCell<Vec<Node>>,
    /// The parent of each node (kept apart from `nodes` so moving a node is cheap).
    parent: RefCell<Vec<Option<usize>>>,
    count: Rc<Cell<usize>>,
    document: Handle,
}

impl Sink {
    fn push(&self, data: Data, name: QualName) -> Handle {
        let mut nodes = self.nodes.borrow_mut();
        let id = nodes.len();
        nodes.push(Node {
            children: Vec::new(),
            data,
        });
        self.parent.borrow_mut().push(None);
        self.count.set(id);
        Handle::new(id, name)
    }

    fn detach(&self, id: usize) {
        let old = self.parent.borrow_mut().get_mut(id).and_then(Option::take);
        if let Some(p) = old
            && let Some(node) = self.nodes.borrow_mut().get_mut(p)
        {
            node.children.retain(|&c| c != id);
        }
    }

    /// Inserts `child` into `parent` at `at` (the end when `None`), merging text with a text
    /// sibling before it.
    fn insert(&self, parent: usize, at: Option<usize>, child: NodeOrText<Handle>) {
        match child {
            NodeOrText::AppendText(text) => {
                let mut nodes = self.nodes.borrow_mut();
                let Some(node) = nodes.get(parent) else {
                    return;
                };
                let pos = at.unwrap_or(node.children.len());
                let before = pos
                    .checked_sub(1)
                    .and_then(|p| node.children.get(p))
                    .copied();
                if let Some(prev) = before
                    && let Some(Node {
                        data: Data::Text(t),
                        ..
                    }) = nodes.get_mut(prev)
                {
                    t.push_str(&text);
                    return;
                }
                drop(nodes);
                let handle = self.push(
                    Data::Text(text.to_string()),
                    QualName::new(None, ns!(), local_name!("")),
                );
                self.place(parent, pos, handle.id());
            }
            NodeOrText::AppendNode(handle) => {
                self.detach(handle.id());
                let len = self
                    .nodes
                    .borrow()
                    .get(parent)
                    .map_or(0, |n| n.children.len());
                self.place(parent, at.unwrap_or(len), handle.id());
            }
        }
    }

    fn place(&self, parent: usize, pos: usize, child: usize) {
        if let Some(node) = self.nodes.borrow_mut().get_mut(parent) {
            let pos = pos.min(node.children.len());
            node.children.insert(pos, child);
        }
        if let Some(p) = self.parent.borrow_mut().get_mut(child) {
            *p = Some(parent);
        }
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Dom;
    type ElemName<'a> = &'a QualName;

    fn finish(self) -> Dom {
        Dom {
            nodes: self.nodes.into_inner(),
            truncated: false,
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        self.document.clone()
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> &'a QualName {
        &target.0.1
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let kept = attrs
            .into_iter()
            .filter(|a| a.name.ns == ns!() && KEPT_ATTRS.contains(&&*a.name.local))
            .map(|a| (a.name.local, a.value.to_string()))
            .collect();
        let data = Data::Element {
            name: name.local.clone(),
            html: name.ns == ns!(html),
            attrs: kept,
        };
        let handle = self.push(data, name);
        if flags.template {
            // The template's contents: a fragment of its own, never attached to the document.
            let _ = self.push(Data::Root, QualName::new(None, ns!(), local_name!("")));
        }
        handle
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        self.push(Data::Ignored, QualName::new(None, ns!(), local_name!("")))
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        self.push(Data::Ignored, QualName::new(None, ns!(), local_name!("")))
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.insert(parent.id(), None, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let has_parent = self
            .parent
            .borrow()
            .get(element.id())
            .copied()
            .flatten()
            .is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        // create_element pushed the fragment right after the template element.
        Handle::new(target.id() + 1, QualName::new(None, ns!(), local_name!("")))
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id() == y.id()
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        let Some(parent) = self.parent.borrow().get(sibling.id()).copied().flatten() else {
            return;
        };
        if let NodeOrText::AppendNode(h) = &new_node {
            self.detach(h.id());
        }
        let pos = self
            .nodes
            .borrow()
            .get(parent)
            .and_then(|n| n.children.iter().position(|&c| c == sibling.id()));
        if let Some(pos) = pos {
            self.insert(parent, Some(pos), new_node);
        }
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(Node {
            data: Data::Element { attrs: have, .. },
            ..
        }) = nodes.get_mut(target.id())
        {
            for a in attrs {
                if a.name.ns == ns!()
                    && KEPT_ATTRS.contains(&&*a.name.local)
                    && !have.iter().any(|(n, _)| *n == a.name.local)
                {
                    have.push((a.name.local, a.value.to_string()));
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        self.detach(target.id());
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let children = match self.nodes.borrow_mut().get_mut(node.id()) {
            Some(n) => std::mem::take(&mut n.children),
            None => return,
        };
        {
            let mut parents = self.parent.borrow_mut();
            for &c in &children {
                if let Some(p) = parents.get_mut(c) {
                    *p = Some(new_parent.id());
                }
            }
        }
        if let Some(n) = self.nodes.borrow_mut().get_mut(new_parent.id()) {
            n.children.extend(children);
        }
    }
}
