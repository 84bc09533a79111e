//! `GET /v2/users`: the active users of each scenario's account, page by page.

use hyper::StatusCode;
use serde_json::{Value, json};

use crate::answers::{self, Answer};
use crate::faults::{Endpoint, fault};
use crate::scenario::Scenario;
use crate::server::params;
use crate::state::Shared;

/// Page size of the several-pages scenario (Zoom's is up to 300; small shows the paging).
const SMALL_PAGE: usize = 2;
/// Users of the large-account scenario by default.
pub const LARGE_USERS: usize = 8_000;
/// The `next_page_token` of the example in Zoom's OpenAPI spec, which a mock served from the
/// spec gives on every page.
const SPEC_PAGE_TOKEN: &str = "IAfJX3jsOLW7w3dokmFl84zOa0MAVGyMEB2";

pub(crate) async fn users(shared: &Shared, auth: &str, query: &str, regional: bool) -> Answer {
    let Some(scenario) = shared.bearer_scenario(auth, regional) else {
        return answers::invalid_token();
    };
    if let Some(fault) = fault(scenario, Endpoint::Users)
        && let Some(answer) = fault.answer(shared, scenario, Endpoint::Users).await
    {
        return answer;
    }
    list_users(shared, scenario, query)
}

fn list_users(shared: &Shared, scenario: Scenario, query: &str) -> Answer {
    let all = params(query);
    let param = |name: &str| all.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let users = Roster::of(shared, scenario);
    // Zoom answers `status=active` with active users only; anything else would show others.
    if param("status").as_deref() != Some("active") {
        return answers::rest_error(
            StatusCode::BAD_REQUEST,
            300,
            "Only status=active is emulated.",
        );
    }
    let requested: usize = param("page_size")
        .and_then(|p| p.parse().ok())
        .unwrap_or(30);
    let page_size = match scenario {
        Scenario::ManyPages => SMALL_PAGE,
        _ => requested.clamp(1, 300),
    };
    if matches!(scenario, Scenario::RepeatingToken | Scenario::EndlessPages) {
        // Whatever token is sent back, the same example page comes again: with the same token,
        // or with a new one every time.
        let next = match scenario {
            Scenario::EndlessPages => {
                let page = shared.hit(scenario, Endpoint::Users);
                format!("{SPEC_PAGE_TOKEN}{page}")
            }
            _ => SPEC_PAGE_TOKEN.to_owned(),
        };
        return answers::json_answer(
            StatusCode::OK,
            &json!({
                "page_size": page_size,
                "total_records": 4,
                "next_page_token": next,
                "users": demo_users(),
            }),
        );
    }
    let Some(start) = page_start(shared, param("next_page_token")) else {
        return answers::rest_error(
            StatusCode::BAD_REQUEST,
            300,
            "The next page token is invalid or expired.",
        );
    };
    let end = (start + page_size).min(users.len());
    let next_page_token = if end < users.len() {
        page_token(shared, end)
    } else {
        String::new()
    };
    answers::json_answer(
        StatusCode::OK,
        &json!({
            "page_size": page_size,
            "total_records": users.len(),
            "next_page_token": next_page_token,
            "users": users.page(start, end),
        }),
    )
}

/// Where the page a `next_page_token` asks for starts: 0 without one, `None` for a token
/// this emulator did not hand out.
fn page_start(shared: &Shared, token: Option<String>) -> Option<usize> {
    match token.filter(|t| !t.is_empty()) {
        None => Some(0),
        Some(token) => shared.lock().pages.get(&token).copied(),
    }
}

/// A new token for the page that starts at `offset`.
fn page_token(shared: &Shared, offset: usize) -> String {
    let mut inner = shared.lock();
    inner.serial += 1;
    let token = format!("pg{}x{offset}Qw8rT2", inner.serial);
    inner.pages.insert(token.clone(), offset);
    token
}

/// The users of a scenario: listed, or made one page at a time (8,000 JSON values per
/// request would be wasted on a page of 300).
pub(crate) enum Roster {
    Listed(Vec<Value>),
    Generated(usize),
}

impl Roster {
    /// The active users of `scenario`'s account.
    pub(crate) fn of(shared: &Shared, scenario: Scenario) -> Self {
        match scenario {
            Scenario::NoActiveUsers => Roster::Listed(Vec::new()),
            Scenario::ManyPages => Roster::Listed(many_users()),
            Scenario::LargeAccount => Roster::Generated(shared.config.large_users),
            _ => Roster::Listed(scenario_users(scenario)),
        }
    }

    /// The user a meeting call names by id or e-mail, as Zoom takes either.
    pub(crate) fn find(&self, host: &str) -> Option<Value> {
        let named = |u: &Value| u["id"] == host || u["email"] == host;
        match self {
            Roster::Listed(users) => users.iter().find(|u| named(u)).cloned(),
            Roster::Generated(n) => (0..*n).map(|i| large_user(i, *n)).find(named),
        }
    }

    fn len(&self) -> usize {
        match self {
            Roster::Listed(users) => users.len(),
            Roster::Generated(n) => *n,
        }
    }

    fn page(&self, start: usize, end: usize) -> Vec<Value> {
        match self {
            Roster::Listed(users) => users.get(start..end).unwrap_or(&[]).to_vec(),
            Roster::Generated(n) => (start..end.min(*n)).map(|i| large_user(i, *n)).collect(),
        }
    }
}

/// The `i`th of `n` users of the large account, the same on every run: staff with Japanese
/// and English names, most of them licensed (so a listing cut short would propose one of
/// them), and the owner last.
fn large_user(i: usize, n: usize) -> Value {
    const FAMILY: [&str; 10] = [
        "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
    ];
    const GIVEN: [&str; 8] = ["陽菜", "蓮", "結衣", "湊", "葵", "大翔", "さくら", "悠真"];
    let id = format!("LgUsEr{i:016}");
    if i + 1 == n {
        return user(
            &id,
            "オーナー",
            "本部",
            "本部 オーナー",
            "owner@large-gym.example",
            2,
            "0",
        );
    }
    let kind = if i % 5 == 4 { 1 } else { 2 };
    let email = format!("staff{i:05}@large-gym.example");
    if i % 3 == 0 {
        let first = format!("Coach{i:05}");
        let display = format!("Coach{i:05} Smith");
        user(&id, &first, "Smith", &display, &email, kind, "2")
    } else {
        let (family, given) = (FAMILY[i % FAMILY.len()], GIVEN[(i / 3) % GIVEN.len()]);
        let display = format!("{family} {given} {i:05}");
        user(&id, given, family, &display, &email, kind, "2")
    }
}

/// One active user as Zoom lists it.
fn user(
    id: &str,
    first: &str,
    last: &str,
    display: &str,
    email: &str,
    kind: u8,
    role_id: &str,
) -> Value {
    json!({
        "id": id,
        "first_name": first,
        "last_name": last,
        "display_name": display,
        "email": email,
        "type": kind,
        // Each user's own Personal Meeting ID, made from the id so it stays the same.
        "pmi": 8_100_000_000u64 + id.bytes().fold(0u64, |h, b| (h * 31 + u64::from(b)) % 99_999_999),
        "timezone": "Asia/Tokyo",
        "verified": 1,
        "dept": "",
        "created_at": "2023-04-01T01:23:45Z",
        "user_created_at": "2023-04-01T01:23:45Z",
        "last_login_time": "2024-05-01T00:12:34Z",
        "language": "ja-JP",
        "status": "active",
        "role_id": role_id,
    })
}

/// The users a scenario's account has.
pub(crate) fn scenario_users(scenario: Scenario) -> Vec<Value> {
    match scenario {
        Scenario::NoActiveUsers => Vec::new(),
        Scenario::ManyPages => many_users(),
        Scenario::BasicOwner => {
            let mut users = demo_users();
            for user in &mut users {
                if user["role_id"] == "0" {
                    user["type"] = json!(1);
                }
            }
            users
        }
        _ => demo_users(),
    }
}

/// The demo account: the owner is not listed first, so the proposal has to look for it.
fn demo_users() -> Vec<Value> {
    vec![
        user(
            "z8yBXFqdQ2a7sKTm1LpR4w",
            "Kenji",
            "Suzuki",
            "Kenji Suzuki",
            "kenji.suzuki@demo-gym.example",
            1,
            "2",
        ),
        user(
            "KDcuGIm1QgePTO8WbOqwIQ",
            "太郎",
            "山田",
            "山田 太郎",
            "owner@demo-gym.example",
            2,
            "0",
        ),
        user(
            "Hq3vN9sWTeKx0bYp7LmC2g",
            "Emily",
            "Carter",
            "Emily Carter",
            "emily.carter@demo-gym.example",
            2,
            "1",
        ),
        user(
            "p4RtU6wZQaS1dFgH8jKl0A",
            "花子",
            "佐藤",
            "佐藤 花子 (ヨガ)",
            "yoga@demo-gym.example",
            2,
            "2",
        ),
    ]
}

/// Five users on three pages, no owner: the first licensed one is on page two.
fn many_users() -> Vec<Value> {
    vec![
        user(
            "aA1bB2cC3dD4eE5fF6gG7h",
            "Front",
            "Desk",
            "Front Desk",
            "front@demo-gym.example",
            1,
            "2",
        ),
        user(
            "iI8jJ9kK0lL1mM2nN3oO4p",
            "健",
            "高橋",
            "高橋 健",
            "takahashi@demo-gym.example",
            1,
            "2",
        ),
        user(
            "qQ5rR6sS7tT8uU9vV0wW1x",
            "Studio",
            "Shibuya",
            "Studio Shibuya",
            "shibuya@demo-gym.example",
            2,
            "1",
        ),
        user(
            "yY2zZ3aA4bB5cC6dD7eE8f",
            "美咲",
            "伊藤",
            "伊藤 美咲",
            "ito@demo-gym.example",
            2,
            "2",
        ),
        user(
            "gG9hH0iI1jJ2kK3lL4mM5n",
            "Online",
            "Class",
            "Online Class",
            "online@demo-gym.example",
            1,
            "2",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EmulatorConfig;

    #[test]
    fn a_page_token_leads_to_its_page_and_an_unknown_one_nowhere() {
        let shared = Shared::new(EmulatorConfig::default(), String::new());
        assert_eq!(page_start(&shared, None), Some(0));
        assert_eq!(page_start(&shared, Some(String::new())), Some(0));
        let token = page_token(&shared, 300);
        assert_eq!(page_start(&shared, Some(token.clone())), Some(300));
        assert_ne!(page_token(&shared, 300), token, "every token is new");
        assert_eq!(page_start(&shared, Some(format!("{token}x"))), None);
    }
}
