//! Zoom's answers as types, read with serde: the token, a page of users, a created meeting and
//! the two error shapes. Lenient where Zoom is seen to vary: numbers sent as strings, fields
//! missing or null, a user without an id or a list entry that is no user (skipped, not fatal).

use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};

use crate::credentials::Secret;
use crate::text::terminal_safe;
use crate::zoom::client::Token;
use crate::zoom::report::User;

/// `body` as a JSON object of type `T`; `None` for anything else (an array, a page of HTML,
/// garbled JSON).
pub(crate) fn object<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    if body.trim_ascii_start().first() != Some(&b'{') {
        return None;
    }
    serde_json::from_slice(body).ok()
}

/// A field as Zoom may send it: a number, the same number in a string, or something else.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Unsigned(u64),
    Signed(i64),
    Text(String),
    Other(IgnoredAny),
}

impl Scalar {
    fn u64(&self) -> Option<u64> {
        match self {
            Scalar::Unsigned(n) => Some(*n),
            Scalar::Text(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    fn i64(&self) -> Option<i64> {
        match self {
            Scalar::Unsigned(n) => i64::try_from(*n).ok(),
            Scalar::Signed(n) => Some(*n),
            Scalar::Text(s) => s.trim().parse().ok(),
            Scalar::Other(_) => None,
        }
    }

    /// Only a string.
    fn string(&self) -> Option<&str> {
        match self {
            Scalar::Text(s) => Some(s),
            _ => None,
        }
    }

    /// A user's field to show: a string (never carrying an escape sequence to a terminal: the
    /// names come from Zoom's admins) or a number; anything else is empty.
    fn shown(&self) -> String {
        match self {
            Scalar::Text(s) => terminal_safe(s),
            Scalar::Unsigned(n) => n.to_string(),
            Scalar::Signed(n) => n.to_string(),
            Scalar::Other(_) => String::new(),
        }
    }
}

/// An entry of a list that is read only when it has the expected shape.
#[derive(Deserialize)]
#[serde(untagged)]
enum Entry<T> {
    Known(T),
    Other(IgnoredAny),
}

fn string(field: &Option<Scalar>) -> Option<String> {
    field.as_ref().and_then(Scalar::string).map(str::to_owned)
}

fn u64_of(field: &Option<Scalar>) -> Option<u64> {
    field.as_ref().and_then(Scalar::u64)
}

fn shown(field: &Option<Scalar>) -> String {
    field.as_ref().map(Scalar::shown).unwrap_or_default()
}

/// `POST /oauth/token`'s answer.
#[derive(Deserialize)]
pub(crate) struct TokenAnswer {
    access_token: Option<Scalar>,
    token_type: Option<Scalar>,
    expires_in: Option<Scalar>,
    scope: Option<Scalar>,
    api_url: Option<Scalar>,
}

impl TokenAnswer {
    /// The token; `None` without an access token in it.
    pub(crate) fn token(&self) -> Option<Token> {
        let access_token = string(&self.access_token).filter(|t| !t.is_empty())?;
        Some(Token {
            access_token: Secret::new(access_token),
            token_type: string(&self.token_type).unwrap_or_default(),
            expires_in: u64_of(&self.expires_in),
            scope: string(&self.scope).unwrap_or_default(),
            api_url: string(&self.api_url),
        })
    }
}

/// `GET /v2/users`'s answer: one page.
#[derive(Deserialize)]
pub(crate) struct UsersAnswer {
    /// Missing or null on an empty account; anything but a list is not Zoom's answer.
    users: Option<Vec<Entry<UserAnswer>>>,
    total_records: Option<Scalar>,
    next_page_token: Option<Scalar>,
}

impl UsersAnswer {
    pub(crate) fn users(&self) -> Vec<User> {
        let listed = self.users.iter().flatten();
        listed
            .filter_map(|entry| match entry {
                Entry::Known(user) => user.user(),
                Entry::Other(_) => None,
            })
            .collect()
    }

    pub(crate) fn total_records(&self) -> Option<u64> {
        u64_of(&self.total_records)
    }

    /// Empty or absent on the last page.
    pub(crate) fn next_page_token(&self) -> Option<String> {
        string(&self.next_page_token).filter(|t| !t.is_empty())
    }
}

/// One user as Zoom lists it; Zoom's other fields are dropped as the page is read.
#[derive(Deserialize)]
struct UserAnswer {
    id: Option<Scalar>,
    email: Option<Scalar>,
    display_name: Option<Scalar>,
    first_name: Option<Scalar>,
    last_name: Option<Scalar>,
    #[serde(rename = "type")]
    kind: Option<Scalar>,
    role_id: Option<Scalar>,
    pmi: Option<Scalar>,
}

impl UserAnswer {
    /// The user; `None` without an id (skipped rather than failing the page).
    fn user(&self) -> Option<User> {
        let id = shown(&self.id);
        if id.is_empty() {
            return None;
        }
        let mut display_name = shown(&self.display_name);
        if display_name.is_empty() {
            let (first, last) = (shown(&self.first_name), shown(&self.last_name));
            display_name = format!("{first} {last}").trim().to_owned();
        }
        Some(User {
            id,
            email: shown(&self.email),
            display_name,
            user_type: self.kind.as_ref().and_then(Scalar::i64).unwrap_or(0),
            role_id: shown(&self.role_id),
            pmi: u64_of(&self.pmi),
        })
    }
}

/// `POST /v2/users/{host}/meetings`'s answer: only its id matters.
#[derive(Deserialize)]
pub(crate) struct CreatedMeeting {
    id: Option<Scalar>,
}

impl CreatedMeeting {
    pub(crate) fn id(&self) -> Option<u64> {
        u64_of(&self.id)
    }
}

/// An error's body: OAuth's `{reason, error}` or the REST API's `{code, message, errors}`.
#[derive(Deserialize)]
pub(crate) struct ErrorBody {
    error: Option<Scalar>,
    reason: Option<Scalar>,
    code: Option<Scalar>,
    message: Option<Scalar>,
    errors: Option<Entry<Vec<Entry<FieldError>>>>,
}

/// One of a "Validation Failed." answer's `errors[]`.
#[derive(Deserialize)]
struct FieldError {
    message: Option<Scalar>,
}

/// What an error body says, by its shape.
pub(crate) enum ErrorShape {
    /// OAuth's: match on `error`, not on `reason`, whose wording varies.
    OAuth { error: String, reason: String },
    /// The REST API's.
    Api { code: i64, message: String },
    /// Neither.
    Unknown,
}

impl ErrorBody {
    pub(crate) fn shape(&self) -> ErrorShape {
        if let Some(error) = string(&self.error) {
            let reason = string(&self.reason).unwrap_or_default();
            return ErrorShape::OAuth { error, reason };
        }
        let code = self.code.as_ref().and_then(Scalar::i64);
        match (code, string(&self.message)) {
            (Some(code), Some(message)) => ErrorShape::Api {
                code,
                // "Validation Failed." says little; its `errors[].message` say what failed.
                message: match self.field_errors() {
                    Some(details) => format!("{message} ({details})"),
                    None => message,
                },
            },
            _ => ErrorShape::Unknown,
        }
    }

    /// The texts of `errors[].message`, joined.
    fn field_errors(&self) -> Option<String> {
        let Some(Entry::Known(list)) = &self.errors else {
            return None;
        };
        let messages: Vec<String> = list
            .iter()
            .filter_map(|e| match e {
                Entry::Known(e) => string(&e.message),
                Entry::Other(_) => None,
            })
            .map(|m| terminal_safe(&m))
            .collect();
        (!messages.is_empty()).then(|| messages.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_may_come_as_strings_and_fields_may_be_missing_or_null() {
        let read: UsersAnswer = object(
            br#"{"total_records":"3","next_page_token":"","users":[
                {"id":"u1","first_name":"Taro","last_name":"Yamada","type":"2","pmi":"8123456789"},
                {"id":42,"display_name":null,"email":"n@example.com","role_id":0},
                {"email":"no-id@example.com"},
                "not a user"
            ]}"#,
        )
        .unwrap();
        assert_eq!(read.total_records(), Some(3));
        assert_eq!(read.next_page_token(), None, "empty on the last page");
        let users = read.users();
        assert_eq!(users.len(), 2, "no id, or no user at all: skipped");
        assert_eq!(users[0].display_name, "Taro Yamada");
        assert_eq!((users[0].user_type, users[0].pmi), (2, Some(8_123_456_789)));
        assert_eq!(
            (users[1].id.as_str(), users[1].role_id.as_str()),
            ("42", "0")
        );
        let empty: UsersAnswer = object(br#"{"users":null}"#).unwrap();
        assert!(empty.users().is_empty());
    }

    #[test]
    fn only_an_object_is_an_answer() {
        assert!(object::<TokenAnswer>(br#"["tok"]"#).is_none());
        assert!(object::<TokenAnswer>(b"<html>").is_none());
        assert!(object::<UsersAnswer>(br#"{"users":"many"}"#).is_none());
        let token: TokenAnswer = object(br#"{"access_token":""}"#).unwrap();
        assert!(token.token().is_none(), "no access token, no token");
    }

    #[test]
    fn error_bodies_by_shape() {
        let oauth: ErrorBody =
            object(br#"{"reason":"Bad request","error":"invalid_request"}"#).unwrap();
        assert!(
            matches!(oauth.shape(), ErrorShape::OAuth { error, .. } if error == "invalid_request")
        );
        let api: ErrorBody = object(
            br#"{"code":"300","message":"Validation Failed.","errors":[{"field":"topic","message":"Too long"},7]}"#,
        )
        .unwrap();
        assert!(matches!(
            api.shape(),
            ErrorShape::Api { code: 300, message } if message == "Validation Failed. (Too long)"
        ));
        let neither: ErrorBody = object(br#"{"status":"fail"}"#).unwrap();
        assert!(matches!(neither.shape(), ErrorShape::Unknown));
    }
}
