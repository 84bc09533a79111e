//! Times, with jiff: read as Zoom sends them, shown to people in their own time zone with the
//! zone named (`2026-12-05 09:00 JST`), written for programs as RFC 3339 in UTC.
//!
//! One policy for every front end: whatever a person reads (a rate limit's reset, the host's
//! daily limit, a test meeting left in Zoom, the report's date) goes through [`for_people`].

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

/// Now, as Unix seconds (the clock before 1970 reads as 0).
pub fn now_unix() -> i64 {
    Timestamp::now().as_second().max(0)
}

/// Reads `2024-05-02T00:00:00Z`, `2024-05-02T09:00:00+09:00`, `2024-05-02 00:00:00.123Z`,
/// `2024-05-02T00:00:00+0900` or a datetime without offset (taken as UTC) as Unix seconds.
pub fn parse_datetime(text: &str) -> Option<i64> {
    let text = text.trim();
    // jiff reads a missing offset as an error (rightly, in general); Zoom means UTC by it.
    let timestamp = text.parse::<Timestamp>().ok().or_else(|| {
        let civil: DateTime = text.parse().ok()?;
        civil.to_zoned(TimeZone::UTC).ok().map(|z| z.timestamp())
    })?;
    Some(timestamp.as_second())
}

/// `2024-05-02T00:00:00Z`: RFC 3339 in UTC, to the second, for Zoom and for `--json`.
pub fn rfc3339(unix: i64) -> String {
    match Timestamp::from_second(unix) {
        Ok(t) => t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        Err(_) => String::new(),
    }
}

/// `2024-05-02 09:00 JST`: a moment as a person reads it, in this computer's time zone.
pub fn for_people(unix: i64) -> String {
    for_people_in(unix, &TimeZone::system())
}

/// [`for_people`] in a given zone (tests, and the zone-less fallback).
pub fn for_people_in(unix: i64, zone: &TimeZone) -> String {
    match Timestamp::from_second(unix) {
        Ok(t) => t
            .to_zoned(zone.clone())
            .strftime("%Y-%m-%d %H:%M %Z")
            .to_string(),
        Err(_) => unix.to_string(),
    }
}

/// `2024-05-02-090000`: a moment in this computer's time zone, for a file name a person finds
/// by its date (no `:`, which Windows forbids in names).
pub fn for_file_names(unix: i64) -> String {
    for_file_names_in(unix, &TimeZone::system())
}

/// [`for_file_names`] in a given zone (tests).
pub fn for_file_names_in(unix: i64, zone: &TimeZone) -> String {
    match Timestamp::from_second(unix) {
        Ok(t) => t
            .to_zoned(zone.clone())
            .strftime("%Y-%m-%d-%H%M%S")
            .to_string(),
        Err(_) => unix.to_string(),
    }
}

/// The next 00:00 UTC after `unix` (when Zoom's daily limits reset).
pub fn next_midnight_utc(unix: i64) -> i64 {
    (unix.div_euclid(86_400) + 1) * 86_400
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(unix: i64) -> String {
        for_people_in(unix, &TimeZone::UTC)
    }

    #[test]
    fn round_trips_and_offsets() {
        let t = parse_datetime("2024-05-02T00:00:00Z").unwrap();
        assert_eq!(t, 1_714_608_000);
        assert_eq!(rfc3339(t), "2024-05-02T00:00:00Z");
        assert_eq!(parse_datetime("2024-05-02T09:00:00+09:00"), Some(t));
        assert_eq!(parse_datetime("2024-05-02 09:00:00.250+0900"), Some(t));
        assert_eq!(parse_datetime("2024-05-02T00:00:00"), Some(t));
        assert_eq!(
            parse_datetime("2000-02-29T12:30:00Z")
                .map(rfc3339)
                .as_deref(),
            Some("2000-02-29T12:30:00Z")
        );
        assert_eq!(utc(t), "2024-05-02 00:00 UTC");
        assert_eq!(next_midnight_utc(t - 1), t);
        assert_eq!(next_midnight_utc(t), t + 86_400);
    }

    #[test]
    fn people_read_their_own_zone_with_its_name() {
        let t = parse_datetime("2024-05-02T00:00:00Z").unwrap();
        // A POSIX rule, so the test needs no time-zone database on the machine.
        let tokyo = TimeZone::posix("JST-9").unwrap();
        assert_eq!(for_people_in(t, &tokyo), "2024-05-02 09:00 JST");
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(utc(4_102_444_799), "2099-12-31 23:59 UTC");
    }

    #[test]
    fn file_names_read_the_local_date_and_time() {
        let t = parse_datetime("2026-12-05T00:00:12Z").unwrap();
        let tokyo = TimeZone::posix("JST-9").unwrap();
        assert_eq!(for_file_names_in(t, &tokyo), "2026-12-05-090012");
        assert_eq!(for_file_names_in(t, &TimeZone::UTC), "2026-12-05-000012");
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            "",
            "120",
            "2024-13-01T00:00:00Z",
            "2024-05-02X00:00:00Z",
            "2024-05-02T00:00:00+9",
            "日本語日本語日本語日本語",
        ] {
            assert_eq!(parse_datetime(bad), None, "{bad}");
        }
    }
}
