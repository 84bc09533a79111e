//! The bodies Zoom answers with, as the emulator builds them: JSON, OAuth's and REST's error
//! shapes, XML, HTML from a proxy, the rate limits' headers.

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::{Response, StatusCode};
use serde_json::{Value, json};

/// One HTTP answer.
pub(crate) type Answer = Response<Full<Bytes>>;

pub(crate) fn json_answer(status: StatusCode, body: &Value) -> Answer {
    with_type(
        status,
        Bytes::from(body.to_string()),
        "application/json;charset=UTF-8",
    )
}

fn with_type(status: StatusCode, body: Bytes, content_type: &'static str) -> Answer {
    let mut answer = empty(status);
    *answer.body_mut() = Full::new(body);
    answer
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    answer
}

/// An answer with no body at all (204, or a bare 401).
pub(crate) fn empty(status: StatusCode) -> Answer {
    let mut answer = Response::new(Full::new(Bytes::new()));
    *answer.status_mut() = status;
    answer
}

/// OAuth's error shape: `{"reason", "error"}`.
pub(crate) fn oauth_error(status: StatusCode, reason: &str, error: &str) -> Answer {
    json_answer(status, &json!({ "reason": reason, "error": error }))
}

pub(crate) fn invalid_client(status: StatusCode) -> Answer {
    oauth_error(
        status,
        "Invalid client_id or client_secret",
        "invalid_client",
    )
}

pub(crate) fn bad_account() -> Answer {
    oauth_error(StatusCode::BAD_REQUEST, "Bad Request", "invalid_request")
}

/// The REST API's error shape: `{"code", "message"}`.
pub(crate) fn rest_error(status: StatusCode, code: i64, message: &str) -> Answer {
    json_answer(status, &json!({ "code": code, "message": message }))
}

pub(crate) fn invalid_token() -> Answer {
    rest_error(StatusCode::UNAUTHORIZED, 124, "Invalid access token.")
}

pub(crate) fn unavailable() -> Answer {
    rest_error(
        StatusCode::SERVICE_UNAVAILABLE,
        503,
        "Service temporarily unavailable.",
    )
}

/// An error as Zoom sometimes sends it: XML instead of JSON.
pub(crate) fn xml_error(status: StatusCode, code: i64, message: &str) -> Answer {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><result><code>{code}</code><message>{message}</message></result>"
    );
    with_type(status, Bytes::from(body), "application/xml;charset=UTF-8")
}

/// A proxy's or filter's page instead of Zoom's answer.
pub(crate) fn html_page() -> Answer {
    with_type(
        StatusCode::OK,
        Bytes::from_static(
            b"<!DOCTYPE html>\n<html><head><title>Access denied</title></head>\n<body><h1>Access denied</h1><p>This site is blocked by your network administrator.</p></body></html>\n",
        ),
        "text/html; charset=utf-8",
    )
}

/// The per-second limit; with `headers`, the `X-RateLimit-*` and `Retry-After` Zoom sends
/// only sometimes.
pub(crate) fn per_second_limit(headers: bool) -> Answer {
    let mut answer = rest_error(
        StatusCode::TOO_MANY_REQUESTS,
        429,
        "You have reached the maximum per-second rate limit for this API. Try again later.",
    );
    if headers {
        let headers = answer.headers_mut();
        headers.insert("x-ratelimit-category", HeaderValue::from_static("Medium"));
        headers.insert("x-ratelimit-type", HeaderValue::from_static("QPS"));
        headers.insert("retry-after", HeaderValue::from_static("1"));
    }
    answer
}

/// The daily limit, with its reset (00:00 UTC) in `Retry-After`; with `headers`, the
/// `X-RateLimit-*` Zoom sends only sometimes.
pub(crate) fn daily_limit(headers: bool) -> Answer {
    let mut answer = rest_error(
        StatusCode::TOO_MANY_REQUESTS,
        429,
        "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.",
    );
    let midnight = (now_unix().div_euclid(86_400) + 1) * 86_400;
    let reset = jiff::Timestamp::from_second(midnight)
        .map(|t| t.to_string())
        .unwrap_or_default();
    let all = answer.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&reset) {
        all.insert("retry-after", value);
    }
    if headers {
        all.insert("x-ratelimit-category", HeaderValue::from_static("Medium"));
        all.insert("x-ratelimit-type", HeaderValue::from_static("Daily-limit"));
    }
    answer
}

pub(crate) fn now_unix() -> i64 {
    jiff::Timestamp::now().as_second()
}
