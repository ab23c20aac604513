//! What a `Range` header asks of an item of known size (RFC 9110 §14): the whole item, one
//! range, or nothing. Parsing is the `http-range-header` crate's; the policy is here, for both
//! servers: the browser gallery's and the one that hands a video to ffmpeg.

use std::ops::RangeInclusive;

/// The part of an item a request gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part {
    /// No usable `Range` header: all of it, 200.
    Whole,
    /// One satisfiable range: 206 with `Content-Range`.
    Range(RangeInclusive<u64>),
    /// A range past the end, or several ranges (refused: browsers and players ask for one,
    /// and `multipart/byteranges` would only widen what a hostile client can make us do): 416.
    Unsatisfiable,
}

/// Decides what `header` (the `Range` value, if any) asks of `size` bytes. A header that does
/// not parse is ignored, as RFC 9110 §14.2 allows.
pub(crate) fn part(header: Option<&str>, size: u64) -> Part {
    let Some(header) = header else { return Part::Whole };
    let Ok(parsed) = http_range_header::parse_range_header(header) else { return Part::Whole };
    if parsed.len() > 1 {
        return Part::Unsatisfiable;
    }
    match parsed.validate(size) {
        Ok(ranges) => match ranges.into_iter().next() {
            Some(range) => Part::Range(range),
            // Only a suffix range of an empty item validates to nothing: it is all of it.
            None => Part::Whole,
        },
        Err(_) => Part::Unsatisfiable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_of_rfc_9110() {
        assert_eq!(part(None, 1000), Part::Whole);
        assert_eq!(part(Some("bytes=0-99"), 1000), Part::Range(0..=99));
        assert_eq!(part(Some("bytes=900-"), 1000), Part::Range(900..=999));
        assert_eq!(part(Some("bytes=-100"), 1000), Part::Range(900..=999));
        assert_eq!(part(Some("bytes=-5000"), 1000), Part::Range(0..=999));
        assert_eq!(part(Some("bytes=990-5000"), 1000), Part::Range(990..=999));
        assert_eq!(part(Some("bytes=1000-"), 1000), Part::Unsatisfiable);
        assert_eq!(part(Some("bytes=0-1,5-6"), 1000), Part::Unsatisfiable);
        assert_eq!(part(Some("items=0-1"), 1000), Part::Whole);
        assert_eq!(part(Some("bytes=9-2"), 1000), Part::Whole);
        assert_eq!(part(Some("bytes=0-"), 0), Part::Unsatisfiable);
        assert_eq!(part(Some("bytes=-1"), 0), Part::Whole);
    }
}
