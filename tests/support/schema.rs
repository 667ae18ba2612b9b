//! A small JSON Schema checker for the keywords the documented schemas
//! (`docs/log.schema.json`, `docs/ensemble.schema.json`) use; it refuses any
//! other keyword, so a schema cannot grow past what is checked here.

use serde_json::Value;

pub fn validate(root: &Value, schema: &Value, value: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(root, schema, value, "$", &mut errors);
    errors
}

fn check(root: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let object = schema.as_object().expect("a schema is an object");
    for (keyword, rule) in object {
        match keyword.as_str() {
            "$schema" | "$defs" | "title" | "description" => {}
            "$ref" => {
                let path = rule.as_str().expect("a reference").strip_prefix("#/").expect("a local reference");
                let target = path.split('/').fold(root, |node, part| &node[part]);
                assert!(!target.is_null(), "dangling reference {path}");
                check(root, target, value, at, errors);
            }
            "oneOf" => {
                let fits = rule
                    .as_array()
                    .expect("a list")
                    .iter()
                    .filter(|choice| validate(root, choice, value).is_empty())
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
                            check(root, sub, field, &format!("{at}.{name}"), errors);
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
                            sub => check(root, sub, field, &format!("{at}.{name}"), errors),
                        }
                    }
                }
            }
            "items" => {
                if let Some(items) = value.as_array() {
                    for (i, item) in items.iter().enumerate() {
                        check(root, rule, item, &format!("{at}[{i}]"), errors);
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
                // The one pattern the schema uses, checked by hand (no regex crate here).
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
