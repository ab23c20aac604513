//! Report drafts (`clipvault evidence draft`): plain text for India's cyber crime portal, a
//! platform's report form, or a TAKE IT DOWN Act removal request, with what the vault knows
//! filled in (the threats as received, what was done, the evidence items and their hashes)
//! and blanks for the rest. Every legal fact a draft quotes comes from `data/reporting.json`,
//! which names its official source and that source's date, so that it can be corrected without
//! touching code; this module adds no legal statement of its own.

use crate::format::v2::{Action, Threat};
use crate::times::{rfc3339, rfc3339_local};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The facts, as shipped (compiled in, so a phone needs no file beside the binary).
const DATA: &str = include_str!("../../data/reporting.json");

#[derive(Debug, Deserialize)]
pub struct ReportingData {
    pub checked: String,
    pub drafts: BTreeMap<String, DraftKind>,
}

#[derive(Debug, Deserialize)]
pub struct DraftKind {
    pub title: String,
    #[serde(rename = "where")]
    pub where_to: String,
    pub facts: Vec<Fact>,
    pub blanks: Vec<String>,
}

/// A fact as its source states it.
#[derive(Debug, Deserialize)]
pub struct Fact {
    pub text: String,
    pub source: String,
    pub url: String,
    pub date: String,
}

/// The reporting data compiled in.
pub fn data() -> ReportingData {
    serde_json::from_str(DATA).expect("data/reporting.json is valid (tests/it/evidence.rs checks it)")
}

/// The kinds of draft there are.
pub fn kinds() -> Vec<String> {
    data().drafts.into_keys().collect()
}

/// An evidence item as a draft names it.
pub struct DraftItem {
    pub name: String,
    pub sha256: String,
    /// Tagged `intimate`: named by its hash only.
    pub intimate: bool,
}

/// The draft of `kind` (one of [`kinds`]), or `None` if there is no such kind.
pub fn draft(kind: &str, threats: &[Threat], actions: &[Action], items: &[DraftItem]) -> Option<String> {
    let data = data();
    let kind = data.drafts.get(kind)?;
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    line(&kind.title.to_uppercase());
    line(&format!("Where: {}", kind.where_to));
    line("");
    line(
        "Fill in every [ ... ] before sending; check every line: this draft was made from what you kept in clipvault.",
    );
    line("");
    line("WHAT HAPPENED");
    if threats.is_empty() {
        line("  [Describe the threat: who, when, on which platform, what they demanded.]");
    }
    for threat in threats {
        line(&format!("  Threat {}:", threat.number));
        let received =
            format!("{} ({} UTC)", rfc3339_local(threat.received, threat.zone_minutes), rfc3339(threat.received));
        for (label, value) in [
            ("Received", received.as_str()),
            ("Platform", threat.platform.as_str()),
            ("From", threat.from.as_str()),
            ("What it said", threat.said.as_str()),
            ("What was demanded", threat.demand.as_str()),
            ("Note", threat.note.as_str()),
        ] {
            line(&format!("    {label}: {}", if value.is_empty() { "[ ... ]" } else { value }));
        }
        for place in &threat.posted_at {
            line(&format!("    Posted at: {place}"));
        }
    }
    line("");
    line("EVIDENCE KEPT (SHA-256 of each file, as in the evidence bundle's hashes.csv)");
    if items.is_empty() {
        line("  [none marked as evidence yet]");
    }
    for item in items {
        let name = if item.intimate { "(intimate image, not attached)" } else { item.name.as_str() };
        line(&format!("  {name}  sha256 {}", item.sha256));
    }
    line("");
    line("DONE SO FAR");
    if actions.is_empty() {
        line("  [nothing yet]");
    }
    for action in actions {
        let done = rfc3339_local(action.done, action.zone_minutes);
        let fields = [done, action.category.clone(), action.reference.clone(), action.note.clone()];
        line(&format!("  {}", fields.iter().filter(|f| !f.is_empty()).cloned().collect::<Vec<_>>().join("  ")));
    }
    line("");
    line("STILL TO FILL IN");
    for blank in &kind.blanks {
        line(&format!("  {blank}: [ ... ]"));
    }
    line("");
    line("WHAT THE RULES SAY (quoted from their sources; not legal advice)");
    for fact in &kind.facts {
        line(&format!("  - {}", fact.text));
        line(&format!("    Source: {}, {} ({})", fact.source, fact.date, fact.url));
    }
    line(&format!("  (These were last compared with their sources on {}.)", data.checked));
    Some(out)
}
