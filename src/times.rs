//! Times as people and files read them: Unix seconds as RFC 3339, in UTC and in the zone a
//! person was in. Below everything that shows a time (listings, bundles, drafts).

use std::time::{Duration, UNIX_EPOCH};

/// Unix seconds as RFC 3339 UTC (`2024-05-01T12:00:00Z`).
pub fn rfc3339(secs: u64) -> String {
    humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_secs(secs)).to_string()
}

/// Unix seconds as RFC 3339 in a zone `zone_minutes` east of UTC
/// (`2024-05-01T17:30:00+05:30`): the local time a person saw.
pub fn rfc3339_local(secs: u64, zone_minutes: i32) -> String {
    let shifted = secs.saturating_add_signed(i64::from(zone_minutes) * 60);
    let utc = rfc3339(shifted);
    let sign = if zone_minutes < 0 { '-' } else { '+' };
    let minutes = zone_minutes.unsigned_abs();
    format!("{}{sign}{:02}:{:02}", utc.trim_end_matches('Z'), minutes / 60, minutes % 60)
}
