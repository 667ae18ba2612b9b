//! A small JSON Schema checker for the keywords the schemas in `docs/` use,
//! following `$ref`s through the schemas' `$id`s as a standard validator
//! does (`https://covenant.example/schema/log.schema.json#/$defs/event`).
//!
//! Every schema in `docs/` is loaded into one registry, by its `$id`; a
//! reference resolves against the `$id` of the schema it is written in, and
//! never by reading a file of that name. It refuses any keyword it does not
//! know, so a schema cannot grow past what is checked. Shared by the test
//! files that check JSON output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// Where every schema's `$id` begins; the rest is its file's name in `docs/`.
#[allow(dead_code)]
pub const BASE: &str = "https://covenant.example/schema/";

/// Every schema in a folder, by its `$id`.
#[allow(dead_code)]
pub struct Registry {
    schemas: BTreeMap<String, Value>,
}

#[allow(dead_code)]
impl Registry {
    /// The schemas of `docs/`.
    pub fn docs() -> Registry {
        Registry::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs"))
    }

    /// Every `*.schema.json` of `folder`, each of which must have an `$id`.
    pub fn load(folder: &Path) -> Registry {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
            .expect("the schemas' folder")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.to_str().is_some_and(|p| p.ends_with(".schema.json")))
            .collect();
        paths.sort();
        let mut schemas = BTreeMap::new();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let root: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
            assert_eq!(root["$schema"], "https://json-schema.org/draft/2020-12/schema", "{}", path.display());
            let id = root["$id"].as_str().unwrap_or_else(|| panic!("{} has no $id", path.display())).to_string();
            schemas.insert(id, root);
        }
        Registry { schemas }
    }

    /// Each schema's `$id`, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.schemas.keys().map(String::as_str)
    }

    /// The schema whose `$id` is `id`.
    pub fn get(&self, id: &str) -> &Value {
        self.schemas.get(id).unwrap_or_else(|| panic!("no schema has the $id {id}"))
    }

    /// The schema a reference written in the schema `base` points at, with
    /// the `$id` of the document it is in; an error saying why when none.
    pub fn resolve<'r>(&'r self, base: &str, reference: &str) -> Result<(&'r str, &'r Value), String> {
        let (document, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let id = if document.is_empty() {
            base.to_string()
        } else if document.contains("://") {
            document.to_string()
        } else {
            // A relative reference, against the folder of the base's `$id`.
            format!("{}{document}", &base[..=base.rfind('/').unwrap_or(0)])
        };
        let (id, root) = self.schemas.get_key_value(&id).ok_or(format!("{reference}: no schema has the $id {id}"))?;
        let pointer = fragment.strip_prefix('/').map_or(Vec::new(), |p| p.split('/').collect());
        let target = pointer.iter().try_fold(root, |node, part| node.get(*part));
        target.map(|t| (id.as_str(), t)).ok_or(format!("{reference}: nothing at #{fragment} in {id}"))
    }

    /// Every `$ref` of every schema that does not resolve through the `$id`s.
    pub fn dangling(&self) -> Vec<String> {
        let mut dangling = Vec::new();
        for (id, root) in &self.schemas {
            for reference in references(root) {
                if let Err(why) = self.resolve(id, reference) {
                    dangling.push(format!("in {id}: {why}"));
                }
            }
        }
        dangling
    }

    /// Every `$ref` of every schema, with the `$id` of the schema it is in.
    pub fn references(&self) -> Vec<(&str, &str)> {
        self.schemas.iter().flat_map(|(id, root)| references(root).into_iter().map(move |r| (id.as_str(), r))).collect()
    }

    /// The problems found checking `value` against the schema `id`, whole.
    pub fn validate(&self, id: &str, value: &Value) -> Vec<String> {
        self.validate_at(id, self.get(id), value)
    }

    /// The problems found checking `value` against `schema`, a part of the
    /// schema `id` (whose references resolve against that `$id`).
    pub fn validate_at(&self, id: &str, schema: &Value, value: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        check(self, id, schema, value, "$", &mut errors);
        errors
    }
}

/// Every `$ref` in a schema, in document order.
fn references(schema: &Value) -> Vec<&str> {
    let mut found = Vec::new();
    match schema {
        Value::Object(fields) => {
            for (key, value) in fields {
                match (key.as_str(), value) {
                    ("$ref", Value::String(reference)) => found.push(reference.as_str()),
                    _ => found.extend(references(value)),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| found.extend(references(item))),
        _ => {}
    }
    found
}

/// The problems found checking `value` against `schema`, a part of the
/// schema document `root`, loaded with its siblings from `docs/`.
#[allow(dead_code)] // each test file that includes this module uses one of the entry points
pub fn validate(root: &Value, schema: &Value, value: &Value) -> Vec<String> {
    static DOCS: std::sync::OnceLock<Registry> = std::sync::OnceLock::new();
    let registry = DOCS.get_or_init(Registry::docs);
    let id = root["$id"].as_str().expect("the schema has an $id");
    registry.validate_at(id, schema, value)
}

/// A schema file, checked with every schema of its folder.
#[allow(dead_code)]
pub struct Schema {
    registry: Registry,
    id: String,
    pub root: Value,
}

#[allow(dead_code)]
impl Schema {
    /// Reads a schema file and its siblings.
    pub fn load(path: &Path) -> Schema {
        let registry = Registry::load(path.parent().expect("a folder"));
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let root: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        let id = root["$id"].as_str().expect("the schema has an $id").to_string();
        Schema { registry, id, root }
    }

    /// The problems found checking `value` against the whole schema.
    pub fn validate(&self, value: &Value) -> Vec<String> {
        self.registry.validate(&self.id, value)
    }
}

fn check(registry: &Registry, base: &str, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let object = schema.as_object().expect("a schema is an object");
    for (keyword, rule) in object {
        match keyword.as_str() {
            "$schema" | "$id" | "$defs" | "title" | "description" => {}
            "$ref" => {
                let reference = rule.as_str().expect("a reference");
                let (id, target) = registry.resolve(base, reference).unwrap_or_else(|why| panic!("{why}"));
                check(registry, id, target, value, at, errors);
            }
            "oneOf" => {
                let fits = rule
                    .as_array()
                    .expect("a list")
                    .iter()
                    .filter(|choice| {
                        let mut inner = Vec::new();
                        check(registry, base, choice, value, at, &mut inner);
                        inner.is_empty()
                    })
                    .count();
                if fits != 1 {
                    errors.push(format!("{at}: fits {fits} of the oneOf choices, not exactly one"));
                }
            }
            "type" => {
                let types: Vec<&str> = match rule {
                    Value::String(t) => vec![t.as_str()],
                    Value::Array(ts) => ts.iter().map(|t| t.as_str().expect("a type name")).collect(),
                    _ => panic!("bad type {rule}"),
                };
                if !types.iter().any(|t| has_type(value, t)) {
                    errors.push(format!("{at}: expected {types:?}, found {value}"));
                }
            }
            "required" => {
                if let Some(fields) = value.as_object() {
                    for name in rule.as_array().expect("a list") {
                        let name = name.as_str().expect("a name");
                        if !fields.contains_key(name) {
                            errors.push(format!("{at}: missing `{name}`"));
                        }
                    }
                }
            }
            "properties" => {
                if let Some(fields) = value.as_object() {
                    for (name, sub) in rule.as_object().expect("an object") {
                        if let Some(field) = fields.get(name) {
                            check(registry, base, sub, field, &format!("{at}.{name}"), errors);
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Some(fields) = value.as_object() {
                    let declared = object.get("properties").and_then(Value::as_object);
                    for (name, field) in fields {
                        if declared.is_some_and(|d| d.contains_key(name)) {
                            continue;
                        }
                        match rule {
                            Value::Bool(false) => errors.push(format!("{at}: unexpected `{name}`")),
                            Value::Bool(true) => {}
                            sub => check(registry, base, sub, field, &format!("{at}.{name}"), errors),
                        }
                    }
                }
            }
            "items" => {
                if let Some(items) = value.as_array() {
                    for (i, item) in items.iter().enumerate() {
                        check(registry, base, rule, item, &format!("{at}[{i}]"), errors);
                    }
                }
            }
            "minItems" | "maxItems" => {
                if let Some(items) = value.as_array() {
                    let bound = rule.as_u64().expect("a count") as usize;
                    let fits = if keyword == "minItems" { items.len() >= bound } else { items.len() <= bound };
                    if !fits {
                        errors.push(format!("{at}: {} items breaks {keyword} {bound}", items.len()));
                    }
                }
            }
            "minimum" => {
                if let Some(number) = value.as_f64() {
                    if number < rule.as_f64().expect("a number") {
                        errors.push(format!("{at}: {number} is below {rule}"));
                    }
                }
            }
            "enum" => {
                if !rule.as_array().expect("a list").contains(value) {
                    errors.push(format!("{at}: {value} is not one of {rule}"));
                }
            }
            "pattern" => {
                // The one pattern the schemas use, checked by hand (no regex crate here).
                assert_eq!(rule, "^sha256:[0-9a-f]{64}$", "a pattern this checker does not know");
                if let Some(text) = value.as_str() {
                    let hex = text.strip_prefix("sha256:").unwrap_or("");
                    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
                        errors.push(format!("{at}: `{text}` does not match {rule}"));
                    }
                }
            }
            other => panic!("the schema uses `{other}`, which this checker does not know"),
        }
    }
}

fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        _ => panic!("unknown type {name}"),
    }
}
