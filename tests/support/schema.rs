//! A small JSON Schema checker for the keywords the schemas in `docs/` use,
//! following `$ref`s into sibling schema files (`log.schema.json#/$defs/event`).
//!
//! It refuses any keyword it does not know, so a schema cannot grow past
//! what is checked. Shared by the test files that check JSON output.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The problems found checking `value` against `schema`, a part of the
/// schema document `root` (whose relative references resolve in `docs/`).
#[allow(dead_code)] // each test file that includes this module uses one of the two entry points
pub fn validate(root: &Value, schema: &Value, value: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(Path::new("docs"), root, schema, value, "$", &mut errors);
    errors
}

/// A schema file and the folder its relative references resolve in.
#[allow(dead_code)]
pub struct Schema {
    folder: PathBuf,
    pub root: Value,
}

#[allow(dead_code)]
impl Schema {
    /// Reads a schema file.
    pub fn load(path: &Path) -> Schema {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let root: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        assert_eq!(root["$schema"], "https://json-schema.org/draft/2020-12/schema");
        Schema { folder: path.parent().expect("a folder").to_path_buf(), root }
    }

    /// The problems found checking `value` against the whole schema.
    pub fn validate(&self, value: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        check(&self.folder, &self.root, &self.root, value, "$", &mut errors);
        errors
    }
}

fn check(folder: &Path, root: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let object = schema.as_object().expect("a schema is an object");
    for (keyword, rule) in object {
        match keyword.as_str() {
            "$schema" | "$defs" | "title" | "description" => {}
            "$ref" => {
                let reference = rule.as_str().expect("a reference");
                let (file, pointer) = reference.split_once('#').expect("a reference with a fragment");
                let other;
                let document = if file.is_empty() {
                    root
                } else {
                    let text = std::fs::read_to_string(folder.join(file)).expect("the referenced schema is readable");
                    other = serde_json::from_str::<Value>(&text).expect("the referenced schema is JSON");
                    &other
                };
                let path = pointer.strip_prefix('/').expect("a JSON pointer");
                let target = path.split('/').fold(document, |node, part| &node[part]);
                assert!(!target.is_null(), "dangling reference {reference}");
                check(folder, document, target, value, at, errors);
            }
            "oneOf" => {
                let fits = rule
                    .as_array()
                    .expect("a list")
                    .iter()
                    .filter(|choice| {
                        let mut inner = Vec::new();
                        check(folder, root, choice, value, at, &mut inner);
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
                            check(folder, root, sub, field, &format!("{at}.{name}"), errors);
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
                            sub => check(folder, root, sub, field, &format!("{at}.{name}"), errors),
                        }
                    }
                }
            }
            "items" => {
                if let Some(items) = value.as_array() {
                    for (i, item) in items.iter().enumerate() {
                        check(folder, root, rule, item, &format!("{at}[{i}]"), errors);
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
