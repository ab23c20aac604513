//! The JSON shape of an item, one for `list --json` and for `serve`'s `GET /api/items`, so
//! scripts and the gallery page read the same fields; and of a custody log entry, one for
//! `evidence log --json` and the evidence bundle's `custody-log.jsonl`.

use crate::format::ItemRecord;

pub use crate::times::{rfc3339, rfc3339_local};

/// An item as JSON: id (16 hex digits), name (lossy UTF-8), type, size, added, modified,
/// sha256 (hex), tags, whether a thumbnail is stored, and the media's width, height and
/// duration in seconds when known (else null).
pub fn item_json(item: &ItemRecord) -> serde_json::Value {
    let media = item.media.as_ref();
    serde_json::json!({
        "thumbnail": item.thumbnail.is_some(),
        "width": media.map(|m| m.width),
        "height": media.map(|m| m.height),
        "duration": media.and_then(|m| m.duration_ms).map(|ms| ms as f64 / 1000.0),
        "id": format!("{:016x}", item.id),
        "name": String::from_utf8_lossy(&item.name),
        "type": item.media_type,
        "size": item.size,
        "added": rfc3339(item.added),
        "modified": item.modified.map(rfc3339),
        "sha256": hex::encode(item.sha256),
        "tags": item.tags,
        "evidence": item.evidence.is_some(),
    })
}

/// A custody entry as one JSON object, hashes in hex.
pub fn custody_entry(entry: &crate::format::v2::CustodyEntry) -> serde_json::Value {
    serde_json::json!({
        "seq": entry.seq,
        "time": rfc3339(entry.time),
        "prev": hex::encode(entry.prev),
        "hash": entry.hash().map(hex::encode).unwrap_or_default(),
        "event": custody_event(&entry.event),
    })
}

/// A custody event as one JSON object: its `kind` and its fields, item ids and hashes in hex.
pub fn custody_event(event: &crate::format::v2::Event) -> serde_json::Value {
    let id = |id: &u64| format!("{id:016x}");
    match event {
        crate::format::v2::Event::Marked { item, sha256, note, source } => {
            serde_json::json!({"kind": "marked", "item": id(item), "sha256": hex::encode(sha256), "note": note, "source": source})
        }
        crate::format::v2::Event::NoteChanged { item, note, source } => {
            serde_json::json!({"kind": "note changed", "item": id(item), "note": note, "source": source})
        }
        crate::format::v2::Event::Exported { items, bundle_sha256 } => serde_json::json!({
            "kind": "exported", "items": items.iter().map(id).collect::<Vec<_>>(), "sha256sums_sha256": hex::encode(bundle_sha256)
        }),
        crate::format::v2::Event::Fingerprinted { item, kind, value } => {
            serde_json::json!({"kind": "fingerprinted", "item": id(item), "hash": kind, "value": value})
        }
        crate::format::v2::Event::Unmarked { item } => serde_json::json!({"kind": "unmarked", "item": id(item)}),
        crate::format::v2::Event::Shredded { item, sha256 } => {
            serde_json::json!({"kind": "shredded", "item": id(item), "sha256": hex::encode(sha256)})
        }
        // Every field as stored (so that the entry's hash can be recomputed from the JSON),
        // item ids in hex as elsewhere, and the time in UTC and in the local zone.
        crate::format::v2::Event::Threat(threat) => {
            let mut value = serde_json::to_value(threat).unwrap_or_default();
            value["kind"] = "threat".into();
            value["items"] = threat.items.iter().map(id).collect::<Vec<_>>().into();
            value["received_utc"] = rfc3339(threat.received).into();
            value["received_local"] = rfc3339_local(threat.received, threat.zone_minutes).into();
            value
        }
        crate::format::v2::Event::Action(action) => {
            let mut value = serde_json::to_value(action).unwrap_or_default();
            value["kind"] = "action".into();
            value["done_utc"] = rfc3339(action.done).into();
            value["done_local"] = rfc3339_local(action.done, action.zone_minutes).into();
            value
        }
    }
}
