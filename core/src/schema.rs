//! JSON Schema helpers shared by the crates' JSON forms (feature `schema`).

use serde_json::Value;

/// Takes `null` out of the schema of every object member, recursively: schemars admits `null`
/// for an `Option` field, but the crates' encoders leave an absent member out instead of writing
/// `null`, so a schema that admits it would accept documents no encoder writes.
///
/// ```
/// let mut schema = serde_json::json!({
///     "properties": { "a": { "type": ["string", "null"], "default": null } }
/// });
/// iso19770_core::schema::no_null_members(&mut schema);
/// assert_eq!(schema, serde_json::json!({ "properties": { "a": { "type": "string" } } }));
/// ```
pub fn no_null_members(v: &mut Value) {
    let Some(object) = v.as_object_mut() else {
        if let Some(items) = v.as_array_mut() {
            items.iter_mut().for_each(no_null_members);
        }
        return;
    };
    if let Some(Value::Object(members)) = object.get_mut("properties") {
        for member in members.values_mut().filter_map(Value::as_object_mut) {
            if member.get("default") == Some(&Value::Null) {
                member.remove("default");
            }
            if let Some(Value::Array(types)) = member.get_mut("type") {
                types.retain(|t| t != "null");
                if let [one] = types.as_slice() {
                    let one = one.clone();
                    member.insert("type".to_owned(), one);
                }
            }
            if let Some(Value::Array(any)) = member.get_mut("anyOf") {
                any.retain(|s| s != &serde_json::json!({ "type": "null" }));
                if let [Value::Object(one)] = any.as_slice() {
                    let one = one.clone();
                    member.remove("anyOf");
                    member.extend(one);
                }
            }
        }
    }
    object.values_mut().for_each(no_null_members);
}
