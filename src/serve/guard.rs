//! Who may ask what, checked before any handler runs, and the headers every response
//! carries (including refusals). In order: the Host header must name this server (DNS
//! rebinding); `/unlock` trades the one-time token for the session cookie; everything else
//! needs that cookie; POST and DELETE also need the CSRF token in `X-CSRF-Token`, which every
//! authenticated GET answers with.

use super::{LockReason, Shared};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::{Arc, PoisonError};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// Name of the session cookie.
const COOKIE: &str = "clipvault_session";
/// Header that carries the CSRF token both ways.
pub(super) const CSRF_HEADER: &str = "x-csrf-token";
/// The page's policy: nothing from anywhere but this server, no inline script or style,
/// no framing, no forms posting elsewhere.
pub(super) const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
     media-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

pub(super) async fn guard(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let mut response = check(&shared, request, next).await;
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
    headers.entry(header::CONTENT_SECURITY_POLICY).or_insert(HeaderValue::from_static(PAGE_POLICY));
    response
}

async fn check(shared: &Shared, request: Request, next: Next) -> Response {
    if !host_is_this_server(request.headers(), shared.port) {
        return refuse(StatusCode::FORBIDDEN, "this server answers only to 127.0.0.1 or localhost at its own port");
    }
    let path = request.uri().path();
    if !path.strip_prefix(shared.base.as_str()).is_some_and(|rest| rest.starts_with('/')) {
        return refuse(StatusCode::NOT_FOUND, "no such page");
    }
    if path[shared.base.len()..] == *"/unlock" {
        return unlock(shared, request.uri().query());
    }
    if !has_session_cookie(request.headers(), &shared.session) {
        return refuse(StatusCode::UNAUTHORIZED, "locked: open the link clipvault serve printed");
    }
    // Only the gallery's own requests are activity: a stranger's refused ones, and the page's
    // heartbeat, must not keep the idle lock from firing.
    if path[shared.base.len()..] != *"/api/alive" {
        shared.touch();
    }
    let reads = matches!(*request.method(), Method::GET | Method::HEAD);
    if !reads && !header_equals(request.headers(), CSRF_HEADER, &shared.csrf) {
        return refuse(StatusCode::FORBIDDEN, "missing or wrong X-CSRF-Token");
    }
    let mut response = next.run(request).await;
    if reads && let Ok(value) = HeaderValue::from_str(&shared.csrf) {
        response.headers_mut().insert(CSRF_HEADER, value);
    }
    response
}

/// A refusal: status and one line of text, nothing about the vault.
pub(super) fn refuse(status: StatusCode, why: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], why).into_response()
}

/// `Host` must be `127.0.0.1:PORT` or `localhost:PORT`: a page on another name that
/// rebinds its DNS to 127.0.0.1 sends its own name and is refused.
fn host_is_this_server(headers: &HeaderMap, port: u16) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else { return false };
    host == format!("127.0.0.1:{port}") || host.eq_ignore_ascii_case(&format!("localhost:{port}"))
}

/// The first request with the token gets the cookie and a redirect to the gallery (so the
/// token leaves the address bar and the history); the token is then spent, and a second use
/// of it locks the server: whoever used it first or second, someone else has the link.
fn unlock(shared: &Shared, query: Option<&str>) -> Response {
    let offered =
        query.into_iter().flat_map(|q| q.split('&')).find_map(|pair| pair.strip_prefix("token=")).unwrap_or("");
    let equals = |t: &Zeroizing<String>| bool::from(t.as_bytes().ct_eq(offered.as_bytes()));
    let mut token = shared.unlock_token.lock().unwrap_or_else(PoisonError::into_inner);
    let mut spent = shared.spent_token.lock().unwrap_or_else(PoisonError::into_inner);
    if spent.as_ref().is_some_and(equals) {
        shared.lock(LockReason::LinkReused);
        return refuse(StatusCode::UNAUTHORIZED, "this link was used before: the gallery is locked now");
    }
    if !token.as_ref().is_some_and(equals) {
        return refuse(StatusCode::UNAUTHORIZED, "this link is spent or wrong: run clipvault serve again");
    }
    *spent = token.take();
    shared.touch();
    let cookie = format!("{COOKIE}={}; HttpOnly; SameSite=Strict; Path={}/", shared.session.as_str(), shared.base);
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, format!("{}/", shared.base))
        .header(header::SET_COOKIE, cookie)
        .body(Body::empty())
        .expect("static parts")
}

fn has_session_cookie(headers: &HeaderMap, session: &str) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .any(|value| bool::from(value.as_bytes().ct_eq(session.as_bytes())))
}

fn header_equals(headers: &HeaderMap, name: &str, expected: &str) -> bool {
    headers.get(name).is_some_and(|v| bool::from(v.as_bytes().ct_eq(expected.as_bytes())))
}
