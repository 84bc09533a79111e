//! Just enough UTC calendar arithmetic for `Retry-After` datetimes and report dates (no date crate needed).
//!
//! Zoom sends a daily-limit reset as an ISO-8601 / RFC 3339 datetime; we read it, compute how
//! far away it is, and print it back in one plain UTC form.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, now (0 if the clock is before 1970).
pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number since 1970-01-01 (inverse of `days_from_civil`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Reads `2024-05-02T00:00:00Z`, `2024-05-02T09:00:00+09:00`, `2024-05-02 00:00:00.123Z`,
/// `2024-05-02T00:00:00+0900` or a datetime without offset (taken as UTC) as Unix seconds.
pub fn parse_datetime(text: &str) -> Option<i64> {
    let text = text.trim();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let separators_ok = text.get(4..5) == Some("-")
        && text.get(7..8) == Some("-")
        && matches!(text.get(10..11), Some("T" | "t" | " "))
        && text.get(13..14) == Some(":")
        && text.get(16..17) == Some(":");
    let in_range = (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    if !separators_ok || !in_range {
        return None;
    }
    let rest = text.get(19..)?;
    // Fractions of a second do not matter for a reset time.
    let rest = rest
        .strip_prefix('.')
        .map_or(rest, |r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
    let offset = parse_offset(rest)?;
    let days = days_from_civil(year, month, day);
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// `Z`, empty, `+09:00`, `-0500` as seconds east of UTC.
fn parse_offset(text: &str) -> Option<i64> {
    if text.is_empty() || text.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = text[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i64 = digits[..2].parse().ok()?;
    let minutes: i64 = digits[2..].parse().ok()?;
    Some(sign * (hours * 3600 + minutes * 60))
}

/// `2024-05-02T00:00:00Z`: what the emulator sends.
pub fn format_rfc3339(unix: i64) -> String {
    let (y, mo, d) = civil_from_days(unix.div_euclid(86_400));
    let secs = unix.rem_euclid(86_400);
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// `2024-05-02 00:00 UTC`: what a person reads in a diagnosis.
pub fn format_human_utc(unix: i64) -> String {
    let (y, mo, d) = civil_from_days(unix.div_euclid(86_400));
    let secs = unix.rem_euclid(86_400);
    format!(
        "{y:04}-{mo:02}-{d:02} {:02}:{:02} UTC",
        secs / 3600,
        secs % 3600 / 60
    )
}

/// `2024-05-02 09:00 JST`: a moment in the user's own time zone (the system's), for a time
/// the user acts on; UTC where the zone cannot be known.
pub fn format_local(unix: i64) -> String {
    match jiff::Timestamp::from_second(unix) {
        Ok(t) => t
            .to_zoned(jiff::tz::TimeZone::system())
            .strftime("%Y-%m-%d %H:%M %Z")
            .to_string(),
        Err(_) => format_human_utc(unix),
    }
}

/// The next 00:00 UTC after `unix` (when Zoom's daily limits reset).
pub fn next_midnight_utc(unix: i64) -> i64 {
    (unix.div_euclid(86_400) + 1) * 86_400
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_offsets() {
        let t = parse_datetime("2024-05-02T00:00:00Z").unwrap();
        assert_eq!(t, 1_714_608_000);
        assert_eq!(format_rfc3339(t), "2024-05-02T00:00:00Z");
        assert_eq!(parse_datetime("2024-05-02T09:00:00+09:00"), Some(t));
        assert_eq!(parse_datetime("2024-05-02 09:00:00.250+0900"), Some(t));
        assert_eq!(parse_datetime("2024-05-02T00:00:00"), Some(t));
        assert_eq!(
            parse_datetime("2000-02-29T12:30:00Z")
                .map(format_rfc3339)
                .as_deref(),
            Some("2000-02-29T12:30:00Z")
        );
        assert_eq!(format_human_utc(t), "2024-05-02 00:00 UTC");
        assert_eq!(next_midnight_utc(t - 1), t);
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
