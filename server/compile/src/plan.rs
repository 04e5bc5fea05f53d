//! The plan: every resource and output the compiler will emit, in the framework's order, each
//! with its logical id, CloudFormation type and the config node it comes from; built from the
//! config without rendering anything, so the editor can afford it on every keystroke.
//!
//! [`Plan::build`] runs the framework's steps in order (core template, log groups and role,
//! layers, functions, each event type in plugin order, the user's `resources:`); each step
//! pushes its items and the parts that render them. [`Plan::render`] (in `render`) replays the
//! parts in the same order.

use crate::fast_hash::FastHasher;
use hashbrown::HashTable;
use std::borrow::Cow;

use sls_syntax::{Node, NodeId, View};

use crate::events::{self, EventsPlan};
use crate::functions::Function;
use crate::service::Service;
use crate::{CompileError, CompileOptions};

/// Where an item goes in the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Resources,
    Outputs,
}

/// What generates an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The service as a whole (deployment bucket, default role, an API shared by events).
    Service,
    /// A function (index into [`Plan::functions`]).
    Function(usize),
    /// One event of a function (function index, index in its `events`).
    Event { function: usize, event: usize },
    /// The authorizer of an event (function index, event index).
    Authorizer { function: usize, event: usize },
    /// A layer of the top-level `layers:` (index in file order).
    Layer(usize),
    /// An entry of `resources.Resources` / `resources.Outputs` that the framework does not
    /// generate.
    UserResource,
}

/// One resource or output of the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The logical id. For ids whose end only packaging knows (a code hash, a timestamp), the
    /// id the preview uses; [`Item::prefix`] gives the known part.
    pub id: String,
    /// Length of the known part of `id` (all of it for most ids).
    known: usize,
    /// Only the prefix is known: any id starting with it is this item.
    prefix_only: bool,
    pub section: Section,
    /// The CloudFormation type (`AWS::Lambda::Function`); empty for outputs.
    pub resource_type: Cow<'static, str>,
    pub origin: Origin,
    /// The config node it comes from (for service-level items, the document's root).
    pub source: NodeId,
    /// A `resources:` entry with the same id, deep-merged over the generated one.
    pub overridden_by: Option<NodeId>,
}

impl Item {
    /// The part of the id known before packaging (the whole id for most items).
    pub fn prefix(&self) -> &str {
        self.id.get(..self.known).unwrap_or(&self.id)
    }

    /// Whether only a prefix of the id is known (`<F>LambdaVersion<hash>`, ...).
    pub fn is_prefix_only(&self) -> bool {
        self.prefix_only
    }

    /// Whether a referenced id is this one (any completion of a prefix-only id counts).
    pub fn matches(&self, id: &str) -> bool {
        if self.is_prefix_only() {
            id.starts_with(self.prefix())
        } else {
            id == self.id
        }
    }
}

/// An event type the compiler does not compile (a plugin's, or a typo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UncompiledEvent {
    pub function: usize,
    pub event: usize,
    /// The event type as written.
    pub kind: String,
    /// The key naming the type.
    pub node: NodeId,
}

/// Two sources of one logical id (see [`Listing::collisions`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    pub id: String,
    pub resource_type: Cow<'static, str>,
    /// The first source and the one that collides with it.
    pub first: (Origin, NodeId),
    pub second: (Origin, NodeId),
}

/// Who contributes to an item (see [`Listing::contributions`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Contribution {
    item: usize,
    origin: Origin,
    pub(crate) source: NodeId,
}

/// One rendering step.
#[derive(Debug, Clone)]
pub(crate) struct Step {
    pub part: Part,
}

/// How a step renders (the data each variant needs is in the plan).
#[derive(Debug, Clone)]
pub(crate) enum Part {
    DeploymentBucket,
    DeploymentBucketPolicy,
    DeploymentBucketOutput,
    LogGroup(usize),
    IamRole,
    Layer(usize),
    Function(crate::functions::Part),
    Event(events::Part),
    /// A `resources:` entry (merged when the template is finished).
    UserResource,
    UserOutput,
    /// Rendered by an earlier step of the same group (a custom resource's role and function).
    Rendered,
}

/// What a plan lists, owned (no borrow of the config): kept by the editor between edits.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub(crate) items: Vec<Item>,
    pub(crate) contributions: Vec<Contribution>,
    pub(crate) collisions: Vec<Collision>,
    /// Id → item, one index per section (the items hold the ids: the index keeps each id's
    /// hash and the item's position, so growing it never reads the items again).
    index: [HashTable<(u64, usize)>; 2],
    pub(crate) errors: Vec<CompileError>,
    pub(crate) uncompiled: Vec<UncompiledEvent>,
    pub(crate) functions: Vec<(String, NodeId, String)>,
    service: String,
    stage: String,
    region: String,
}

/// Two listings are equal when they list the same (the index follows from the items).
impl PartialEq for Listing {
    fn eq(&self, other: &Listing) -> bool {
        self.items == other.items
            && self.contributions == other.contributions
            && self.collisions == other.collisions
            && self.errors == other.errors
            && self.uncompiled == other.uncompiled
            && self.functions == other.functions
            && (&self.service, &self.stage, &self.region)
                == (&other.service, &other.stage, &other.region)
    }
}

impl Eq for Listing {}

impl Listing {
    /// The resources and outputs, each once, in template order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The resources, each once, in template order.
    pub fn resources(&self) -> impl Iterator<Item = &Item> {
        self.items
            .iter()
            .filter(|item| item.section == Section::Resources)
    }

    /// The outputs, each once, in template order.
    pub fn outputs(&self) -> impl Iterator<Item = &Item> {
        self.items
            .iter()
            .filter(|item| item.section == Section::Outputs)
    }

    /// The item with this exact id in a section.
    pub fn item(&self, section: Section, id: &str) -> Option<&Item> {
        self.position(section, id).and_then(|i| self.items.get(i))
    }

    /// The position in `items` of the item with this exact id in a section.
    fn position(&self, section: Section, id: &str) -> Option<usize> {
        self.position_hashed(section, id, hash_id(id))
    }

    /// `position`, given the id's `hash_id`.
    fn position_hashed(&self, section: Section, id: &str, hash: u64) -> Option<usize> {
        let items = &self.items;
        self.index[slot(section)]
            .find(hash, |&(h, i)| {
                h == hash && items.get(i).is_some_and(|item| item.id == id)
            })
            .map(|&(_, i)| i)
    }

    /// Two different things the framework turns into the same logical id where it expects one
    /// (two function keys, two queues of a function, two routes): the second silently replaces
    /// or merges into the first.
    pub fn collisions(&self) -> &[Collision] {
        &self.collisions
    }

    /// Everything that contributes to an item, in the framework's order: an item several
    /// functions or events produce (a shared route, an API) has one contribution each.
    pub fn contributions(&self) -> impl Iterator<Item = (&Item, Origin, NodeId)> {
        self.contributions
            .iter()
            .filter_map(|c| Some((self.items.get(c.item)?, c.origin, c.source)))
    }

    /// Where the framework would stop: no template is written when this is not empty.
    pub fn errors(&self) -> &[CompileError] {
        &self.errors
    }

    /// Events of types the compiler does not know: they are left out of the template.
    pub fn uncompiled_events(&self) -> &[UncompiledEvent] {
        &self.uncompiled
    }

    /// The service name, the stage and the region the plan was built for.
    pub fn service_name(&self) -> &str {
        &self.service
    }

    pub fn stage(&self) -> &str {
        &self.stage
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    /// The functions (what [`Origin::Function`] indexes): key, key node, deployed name.
    pub fn functions(&self) -> impl Iterator<Item = (&str, NodeId, &str)> {
        self.functions
            .iter()
            .map(|(key, node, name)| (key.as_str(), *node, name.as_str()))
    }
}

/// Everything the compiler will emit for a service (see the module docs).
pub struct Plan<'a> {
    pub(crate) view: View<'a>,
    pub(crate) service: Service<'a>,
    pub(crate) functions: Vec<Function<'a>>,
    pub(crate) layers: Vec<crate::layers::Layer>,
    pub(crate) events: EventsPlan,
    pub(crate) steps: Vec<Step>,
    /// Whether `steps` are recorded (only rendering replays them).
    records_steps: bool,
    listing: Listing,
}

impl<'a> Plan<'a> {
    /// The plan of the service in `tree` (see the module docs); with `records_steps`, what
    /// renders it too. Never panics.
    pub(crate) fn build(view: View<'a>, options: &CompileOptions, records_steps: bool) -> Plan<'a> {
        let service = Service::new(view, options);
        let listing = Listing {
            service: service.name.clone(),
            stage: service.stage.clone(),
            region: service.region.clone(),
            ..Listing::default()
        };
        let mut plan = Plan {
            view,
            functions: Vec::new(),
            layers: Vec::new(),
            events: EventsPlan::default(),
            steps: Vec::new(),
            records_steps,
            listing,
            service,
        };
        plan.functions = crate::functions::collect(&mut plan);
        plan.listing.functions = plan
            .functions
            .iter()
            .map(|f| (f.key.clone(), f.key_node, f.name.clone()))
            .collect();
        crate::core::plan(&mut plan);
        crate::iam::plan(&mut plan);
        crate::layers::plan(&mut plan);
        crate::functions::plan(&mut plan);
        events::plan(&mut plan);
        crate::resources::plan(&mut plan);
        plan
    }

    /// What the plan lists.
    pub fn listing(&self) -> &Listing {
        &self.listing
    }

    /// What the plan lists, without the borrow of the config.
    pub fn into_listing(self) -> Listing {
        self.listing
    }

    /// The resources and outputs, each once, in template order.
    pub fn items(&self) -> &[Item] {
        self.listing.items()
    }

    /// Where the framework would stop: no template is written when this is not empty.
    pub fn errors(&self) -> &[CompileError] {
        self.listing.errors()
    }

    pub(crate) fn root(&self) -> NodeId {
        self.view.tree().root.unwrap_or(NodeId(0))
    }

    pub(crate) fn node(&self, id: NodeId) -> Node<'a> {
        self.view.node(id)
    }

    /// Adds a step rendering into the item `id` (created at the end when new).
    pub(crate) fn push(&mut self, new: NewItem, part: Part) -> usize {
        let (origin, source) = (new.origin, new.source);
        let listing = &mut self.listing;
        let hash = hash_id(&new.id);
        let item = match listing.position_hashed(new.section, &new.id, hash) {
            Some(i) => {
                let first = &listing.items[i];
                if new.exclusive && first.source != source {
                    listing.collisions.push(Collision {
                        id: first.id.clone(),
                        resource_type: first.resource_type.clone(),
                        first: (first.origin, first.source),
                        second: (origin, source),
                    });
                }
                i
            }
            None => {
                let i = listing.items.len();
                let known = new.known.unwrap_or(new.id.len());
                listing.index[slot(new.section)].insert_unique(hash, (hash, i), |&(h, _)| h);
                listing.items.push(Item {
                    id: new.id,
                    known,
                    prefix_only: new.known.is_some(),
                    section: new.section,
                    resource_type: new.resource_type,
                    origin: new.origin,
                    source: new.source,
                    overridden_by: None,
                });
                i
            }
        };
        let contribution = Contribution {
            item,
            origin,
            source,
        };
        if listing.contributions.last() != Some(&contribution) {
            listing.contributions.push(contribution);
        }
        self.push_step(part);
        item
    }

    /// Adds a step that renders into items already listed (statements added to the default
    /// role, for instance).
    pub(crate) fn push_step(&mut self, part: Part) {
        if self.records_steps {
            self.steps.push(Step { part });
        }
    }

    /// Marks an existing item as overridden by a `resources:` entry.
    pub(crate) fn set_overridden(&mut self, item: usize, by: NodeId) {
        if let Some(item) = self.listing.items.get_mut(item) {
            item.overridden_by = Some(by);
        }
    }

    pub(crate) fn error(&mut self, error: CompileError) {
        self.listing.errors.push(error);
    }

    pub(crate) fn uncompiled(&mut self, event: UncompiledEvent) {
        self.listing.uncompiled.push(event);
    }

    /// The index of the item with this id, if planned.
    pub(crate) fn find(&self, section: Section, id: &str) -> Option<usize> {
        self.listing.position(section, id)
    }
}

/// The hash an id is indexed by.
fn hash_id(id: &str) -> u64 {
    let mut hasher = FastHasher::default();
    std::hash::Hasher::write(&mut hasher, id.as_bytes());
    std::hash::Hasher::finish(&hasher)
}

/// Which of a listing's indexes holds a section's ids.
fn slot(section: Section) -> usize {
    match section {
        Section::Resources => 0,
        Section::Outputs => 1,
    }
}

/// What [`Plan::push`] needs to create an item.
pub(crate) struct NewItem {
    pub id: String,
    /// Length of the known prefix when the id ends in a placeholder.
    pub known: Option<usize>,
    pub section: Section,
    pub resource_type: Cow<'static, str>,
    pub origin: Origin,
    pub source: NodeId,
    /// One source is expected: a second one is a collision.
    pub exclusive: bool,
}

impl NewItem {
    pub fn resource(
        id: String,
        resource_type: &'static str,
        origin: Origin,
        source: NodeId,
    ) -> Self {
        NewItem {
            id,
            known: None,
            section: Section::Resources,
            resource_type: Cow::Borrowed(resource_type),
            origin,
            source,
            exclusive: false,
        }
    }

    pub fn output(id: String, origin: Origin, source: NodeId) -> Self {
        NewItem {
            id,
            known: None,
            section: Section::Outputs,
            resource_type: Cow::Borrowed(""),
            origin,
            source,
            exclusive: false,
        }
    }

    /// Marks the item as having one source (see [`Listing::collisions`]).
    pub fn exclusive(mut self) -> Self {
        self.exclusive = true;
        self
    }

    /// The id's end is a placeholder (or unknown): only the first `known` bytes are real.
    pub fn with_known_prefix(mut self, known: usize) -> Self {
        self.known = Some(known);
        self
    }
}
