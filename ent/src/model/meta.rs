use iso19770_core::Extensions;

/// Commercial references of the entitlement (working element name `Meta`, as in ISO/IEC
/// 19770-2:2015; every field name is this project's own *(inferred)*).
///
/// Members the model has no field for are kept in `extensions`.
///
/// ```
/// use iso19770_ent::Meta;
///
/// let m = Meta::default().with_sku("9EM-00562").with_purchase_order("PO-2024-0117");
/// assert_eq!(m.sku.as_deref(), Some("9EM-00562"));
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Meta {
    /// The publisher's part number (SKU).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub sku: Option<String>,
    /// The purchase order number.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub purchase_order: Option<String>,
    /// The line of the purchase order.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub purchase_order_line: Option<String>,
    /// The invoice number.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub invoice: Option<String>,
    /// The licence agreement number (an enrollment, a master agreement).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub agreement: Option<String>,
    /// The contract number under the agreement.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub contract: Option<String>,
    /// The kind of agreement as the publisher names it (`Enterprise Agreement`, `ULA`, `Open Value`).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub agreement_type: Option<String>,
    /// The date of purchase.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub purchase_date: Option<iso19770_core::DateTime>,
    /// Content the model has no field for.
    #[cfg_attr(feature = "json", serde(flatten, with = "crate::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::Entries"))]
    pub extensions: Extensions,
}

impl Meta {
    /// The same meta with a SKU.
    #[must_use]
    pub fn with_sku(mut self, sku: impl Into<String>) -> Self {
        self.sku = Some(sku.into());
        self
    }

    /// The same meta with a purchase order number.
    #[must_use]
    pub fn with_purchase_order(mut self, purchase_order: impl Into<String>) -> Self {
        self.purchase_order = Some(purchase_order.into());
        self
    }

    /// The same meta with an invoice number.
    #[must_use]
    pub fn with_invoice(mut self, invoice: impl Into<String>) -> Self {
        self.invoice = Some(invoice.into());
        self
    }

    /// The same meta with an agreement number.
    #[must_use]
    pub fn with_agreement(mut self, agreement: impl Into<String>) -> Self {
        self.agreement = Some(agreement.into());
        self
    }

    /// The same meta with a contract number.
    #[must_use]
    pub fn with_contract(mut self, contract: impl Into<String>) -> Self {
        self.contract = Some(contract.into());
        self
    }
}
