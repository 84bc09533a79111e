//! `POST /oauth/token`: Server-to-Server OAuth's token, and its refusals.

use std::sync::atomic::Ordering;

use base64::Engine as _;
use hyper::StatusCode;
use serde_json::json;

use crate::answers::{self, Answer};
use crate::faults::{Endpoint, fault};
use crate::scenario::{
    CLASSIC_SCOPES, DEMO_ACCOUNT_ID, DEMO_CLIENT_SECRET, GRANULAR_SCOPES, NO_DELETE_SCOPES,
    NO_SUB_ACCOUNT_SCOPES, Scenario,
};
use crate::server::{REGIONAL_PREFIX, params};
use crate::state::Shared;

/// The (client id, secret) of a Basic authorization header.
fn basic_auth(auth: &str) -> Option<(String, String)> {
    let encoded = auth
        .strip_prefix("Basic ")
        .or_else(|| auth.strip_prefix("basic "))?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

/// Stricter than Zoom where it keeps our client honest: the client id, secret and scope
/// never go in the parameters, only the grant type and the account id.
pub(crate) async fn token(shared: &Shared, auth: &str, query: &str, body: &[u8]) -> Answer {
    // Zoom takes the two parameters from the query string or a form body.
    let mut all = params(query);
    all.extend(params(&String::from_utf8_lossy(body)));
    let param = |name: &str| all.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    if ["client_id", "client_secret", "scope"]
        .iter()
        .any(|n| param(n).is_some())
    {
        return answers::bad_account();
    }
    let Some((client_id, secret)) = basic_auth(auth) else {
        return answers::invalid_client(StatusCode::UNAUTHORIZED);
    };
    let Some(scenario) = Scenario::from_client_id(&client_id) else {
        return answers::invalid_client(StatusCode::BAD_REQUEST);
    };
    if param("grant_type") != Some("account_credentials") {
        return answers::oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported grant type",
            "unsupported_grant_type",
        );
    }
    let account_id = param("account_id").unwrap_or("");
    if scenario == Scenario::Healthy && secret != DEMO_CLIENT_SECRET {
        return answers::invalid_client(StatusCode::BAD_REQUEST);
    }
    // A fault about the values comes first; any other needs an account id to be reached.
    let fault = fault(scenario, Endpoint::Token);
    let about_the_values = fault.as_ref().is_some_and(|f| f.is_about_the_values());
    let wrong_account =
        account_id.is_empty() || (scenario == Scenario::Healthy && account_id != DEMO_ACCOUNT_ID);
    if wrong_account && !about_the_values {
        return answers::bad_account();
    }
    if let Some(fault) = fault
        && let Some(answer) = fault.answer(shared, scenario, Endpoint::Token).await
    {
        return answer;
    }
    mint(shared, scenario)
}

pub(crate) fn mint(shared: &Shared, scenario: Scenario) -> Answer {
    let access_token = {
        let mut inner = shared.lock();
        inner.serial += 1;
        let nonce = answers::now_unix()
            .unsigned_abs()
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ inner.serial;
        let token = format!(
            "eyJzdiI6IjAwMDAwMiIsImFsZyI6IkhTNTEyIn0.emu{}.{nonce:016x}",
            inner.serial
        );
        inner.tokens.insert(token.clone(), scenario);
        token
    };
    shared.tokens_minted.fetch_add(1, Ordering::SeqCst);
    let scope = match scenario {
        Scenario::ClassicScopes => CLASSIC_SCOPES,
        Scenario::NoDeleteScope => NO_DELETE_SCOPES,
        Scenario::NoSubAccountScopes => NO_SUB_ACCOUNT_SCOPES,
        _ => GRANULAR_SCOPES,
    };
    let api_url = match scenario {
        Scenario::Regional => format!("{}{REGIONAL_PREFIX}", shared.base_url),
        _ => shared.base_url.clone(),
    };
    answers::json_answer(
        StatusCode::OK,
        &json!({
            "access_token": access_token,
            "token_type": "bearer",
            "expires_in": 3599,
            "scope": scope,
            "api_url": api_url,
        }),
    )
}
