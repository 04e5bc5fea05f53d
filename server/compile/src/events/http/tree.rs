//! The REST API's path resources: the events' paths (and `provider.apiGateway.restApiResources`,
//! paths that already have a resource id) organised into trees, then listed depth first, as the
//! framework does; with predefined resources, only the branches the events need below them.

use sls_model::value::{self, Loaded};
use sls_syntax::NodeId;

use super::HttpEvent;
use crate::fast_hash::{FastMap, FastSet};
use crate::naming;
use crate::plan::Plan;
use crate::{CompileError, CompileErrorKind};

/// One path resource.
#[derive(Debug, Clone)]
pub(crate) struct Resource {
    pub path: String,
    /// The last segment.
    pub part: String,
    /// What its ids are built from: `normalizePath(path)`, or the name a predefined resource
    /// gives.
    pub name: String,
    /// The parent's path; `None` under the API's root.
    pub parent: Option<String>,
    /// A predefined resource's id (nothing is emitted for it).
    pub predefined_id: Option<NodeId>,
    pub predefined: bool,
}

#[derive(Debug)]
struct TreeNode {
    path: String,
    part: String,
    parent: Option<usize>,
    level: usize,
    children: Vec<usize>,
    name: Option<String>,
    resource_id: Option<NodeId>,
    has_method: bool,
    is_cut: bool,
}

/// A path to apply: an event's, or a predefined resource.
struct Applied {
    path: String,
    name: Option<String>,
    resource_id: Option<NodeId>,
}

#[derive(Default)]
struct Forest {
    nodes: Vec<TreeNode>,
    trees: Vec<usize>,
    predefined: Vec<usize>,
    methods: Vec<usize>,
    /// Path → the first tree with that path.
    tree_by_path: FastMap<String, usize>,
    /// Parent → path → the first child of the parent with that path.
    child_by_path: FastMap<usize, FastMap<String, usize>>,
    predefined_paths: FastSet<String>,
    method_paths: FastSet<String>,
}

impl Forest {
    fn apply(&mut self, resource: &Applied, is_method: bool) {
        let path = resource.path.strip_prefix('/').unwrap_or(&resource.path);
        let path = path.strip_suffix('/').unwrap_or(path);
        let parts: Vec<&str> = path.split('/').collect();
        let mut root: Option<usize> = None;
        let mut parent: Option<usize> = None;
        let mut current = String::new();
        for (index, part) in parts.iter().enumerate() {
            if !current.is_empty() {
                current.push('/');
            }
            current.push_str(part);
            root = root.or_else(|| self.tree_by_path.get(&current).copied());
            parent = parent.or(root);
            if let Some(p) = parent {
                if self.nodes[p].path == current {
                    parent = Some(self.touch(p, resource, is_method, index == parts.len() - 1));
                    continue;
                }
                let child = self
                    .child_by_path
                    .get(&p)
                    .and_then(|children| children.get(current.as_str()))
                    .copied();
                if let Some(child) = child {
                    parent = Some(self.touch(child, resource, is_method, index == parts.len() - 1));
                    continue;
                }
            }
            let node = self.nodes.len();
            self.nodes.push(TreeNode {
                path: current.clone(),
                part: (*part).to_owned(),
                parent,
                level: index,
                children: Vec::new(),
                name: None,
                resource_id: None,
                has_method: false,
                is_cut: false,
            });
            if let Some(p) = parent {
                self.nodes[p].children.push(node);
                self.child_by_path
                    .entry(p)
                    .or_default()
                    .entry(current.clone())
                    .or_insert(node);
            }
            if root.is_none() {
                root = Some(node);
                self.trees.push(node);
                self.tree_by_path.entry(current.clone()).or_insert(node);
            }
            parent = Some(self.touch(node, resource, is_method, index == parts.len() - 1));
        }
    }

    fn touch(&mut self, node: usize, resource: &Applied, is_method: bool, last: bool) -> usize {
        if last {
            self.nodes[node].name = resource.name.clone();
            if let Some(id) = resource.resource_id {
                self.nodes[node].resource_id = Some(id);
                if self.predefined_paths.insert(self.nodes[node].path.clone()) {
                    self.predefined.push(node);
                }
            }
            if is_method && !self.nodes[node].has_method {
                self.nodes[node].has_method = true;
                if self.method_paths.insert(self.nodes[node].path.clone()) {
                    self.methods.push(node);
                }
            }
        }
        node
    }

    fn cut_branch(&mut self, node: usize) {
        let Some(parent) = self.nodes[node].parent else {
            return;
        };
        if self.nodes[parent].children.len() <= 1 {
            self.nodes[parent].children.clear();
        } else {
            let path = self.nodes[node].path.clone();
            let nodes = &self.nodes;
            let kept: Vec<usize> = nodes[parent]
                .children
                .iter()
                .copied()
                .filter(|&c| nodes[c].path != path)
                .collect();
            self.nodes[parent].children = kept;
            self.nodes[parent].is_cut = true;
        }
        if let Some(children) = self.child_by_path.get_mut(&parent) {
            children.remove(self.nodes[node].path.as_str());
        }
        self.nodes[node].parent = None;
    }

    /// Depth first from each tree, in tree order.
    fn listed(&self, trees: &[usize]) -> Vec<Resource> {
        let mut out = Vec::new();
        let mut seen: FastSet<&str> = FastSet::default();
        let mut stack: Vec<usize> = trees.iter().rev().copied().collect();
        while let Some(n) = stack.pop() {
            let node = &self.nodes[n];
            if seen.insert(&node.path) {
                out.push(Resource {
                    path: node.path.clone(),
                    part: node.part.clone(),
                    name: node
                        .name
                        .clone()
                        .unwrap_or_else(|| naming::normalize_path(&node.path)),
                    parent: node.parent.map(|p| self.nodes[p].path.clone()),
                    predefined_id: node.resource_id,
                    predefined: node.resource_id.is_some(),
                });
            }
            stack.extend(node.children.iter().rev().copied());
        }
        out
    }
}

/// `provider.apiGateway.restApiResources`: a list of `{path, resourceId, name?}` or an object
/// `{path: resourceId}`.
fn predefined(plan: &Plan<'_>) -> Vec<Applied> {
    let Some(node) = value::truthy_opt(super::api_gateway(plan, "restApiResources")) else {
        return Vec::new();
    };
    let text = |n: Option<sls_syntax::Node<'_>>| n.and_then(value::string).map(|s| s.into_owned());
    match value::loaded(node) {
        Loaded::Array => value::items(node)
            .map(|item| Applied {
                path: text(value::get(item, "path")).unwrap_or_default(),
                name: text(value::truthy_opt(value::get(item, "name"))),
                resource_id: value::truthy_opt(value::get(item, "resourceId")).map(|n| n.id),
            })
            .collect(),
        Loaded::Object => value::properties(node)
            .into_iter()
            .map(|p| Applied {
                path: p.name().into_owned(),
                name: None,
                resource_id: value::truthy(p.value).then_some(p.value.id),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The path resources of the events, in the order the framework emits them.
pub(super) fn resources(
    plan: &Plan<'_>,
    events: &[HttpEvent],
) -> Result<Vec<Resource>, CompileError> {
    let predefined_list = predefined(plan);
    let mut forest = Forest::default();
    for resource in &predefined_list {
        forest.apply(resource, false);
    }
    for event in events.iter().filter(|e| !e.path.is_empty()) {
        let applied = Applied {
            path: event.path.clone(),
            name: None,
            resource_id: None,
        };
        forest.apply(&applied, true);
    }
    if forest.predefined.is_empty() {
        let trees = forest.trees.clone();
        return Ok(forest.listed(&trees));
    }
    let all_predefined = events
        .iter()
        .all(|e| forest.predefined_paths.contains(&e.path));
    if all_predefined {
        return Ok(predefined_list
            .iter()
            .map(|r| Resource {
                path: r.path.clone(),
                part: r.path.rsplit('/').next().unwrap_or_default().to_owned(),
                name: r
                    .name
                    .clone()
                    .unwrap_or_else(|| naming::normalize_path(&r.path)),
                parent: None,
                predefined_id: r.resource_id,
                predefined: r.resource_id.is_some(),
            })
            .collect());
    }
    let required = |path: &str| {
        CompileError::new(
            CompileErrorKind::MissingKey,
            format!("Resource ID for path {path} is required"),
            super::api_gateway(plan, "restApiResources").map(|n| n.id),
        )
    };
    let mut sorted = forest.predefined.clone();
    sorted.sort_by_key(|&n| forest.nodes[n].level);
    for &node in sorted.iter().rev() {
        let mut current = node;
        while let Some(parent) = forest.nodes[current].parent {
            if forest.nodes[parent].has_method && forest.nodes[parent].resource_id.is_none() {
                return Err(required(&forest.nodes[parent].path));
            }
            if forest.nodes[parent].resource_id.is_some() || forest.nodes[parent].children.len() > 1
            {
                forest.cut_branch(current);
                break;
            }
            current = parent;
        }
    }
    let mut validated: Vec<usize> = Vec::new();
    let mut validated_paths: FastSet<String> = FastSet::default();
    for &node in &forest.methods.clone() {
        let mut current = Some(node);
        while let Some(iter) = current {
            if forest.nodes[iter].resource_id.is_some() {
                forest.cut_branch(iter);
                // The framework checks the method's path against the paths of the trees it
                // kept so far (which are predefined resources' paths).
                let path = forest.nodes[node].path.clone();
                if !validated_paths.contains(&path) {
                    validated_paths.insert(forest.nodes[iter].path.clone());
                    validated.push(iter);
                }
                break;
            }
            let n = &forest.nodes[iter];
            if n.is_cut || (n.parent.is_none() && n.level > 0) {
                return Err(required(&n.path));
            }
            if n.parent.is_none() {
                validated_paths.insert(n.path.clone());
                validated.push(iter);
                break;
            }
            current = n.parent;
        }
    }
    Ok(forest.listed(&validated))
}
