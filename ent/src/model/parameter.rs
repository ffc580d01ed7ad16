/// A named parameter of a metric, right or limitation this crate has no variant for, kept as text.
///
/// ```
/// use iso19770_ent::Parameter;
///
/// let p = Parameter::new("weight", "0.2");
/// assert_eq!((p.name.as_str(), p.value.as_str()), ("weight", "0.2"));
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Parameter {
    /// The name.
    pub name: String,
    /// The value, as written.
    pub value: String,
}

impl Parameter {
    /// A parameter.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Parameter { name: name.into(), value: value.into() }
    }
}
