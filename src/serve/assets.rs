//! The gallery page, its script and its style, compiled into the binary: the page loads
//! nothing from anywhere else (the Content-Security-Policy says so too).

use axum::http::{HeaderMap, header};
use axum::response::IntoResponse;
use i18n_embed::unic_langid::LanguageIdentifier;

const PAGE: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/app.css");

/// The page in the browser's language (its `Accept-Language`, else the one clipvault was
/// started in): `lang` and `dir` on the root element, every `{{page-...}}` word filled in,
/// and the script's messages as JSON data (not code: the CSP allows no inline script).
pub(super) async fn page(headers: HeaderMap) -> impl IntoResponse {
    let wanted = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(accepted).unwrap_or_default();
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], render(&wanted))
}

fn render(wanted: &[LanguageIdentifier]) -> String {
    let (language, rtl, messages) = crate::i18n::page_messages(wanted);
    let mut page = PAGE.replace("{{lang}}", &language).replace("{{dir}}", if rtl { "rtl" } else { "ltr" });
    for (id, text) in &messages {
        page = page.replace(&format!("{{{{{id}}}}}"), &html_escaped(text));
    }
    let data: serde_json::Map<String, serde_json::Value> =
        messages.into_iter().map(|(id, text)| (id, serde_json::Value::String(text))).collect();
    // `<` escaped, so no message can end the data block early.
    let json = serde_json::Value::Object(data).to_string().replace('<', "\\u003c");
    page.replace("{{messages}}", &json)
}

/// The languages of an `Accept-Language` header, most wanted first (by `q`, then order).
fn accepted(header: &str) -> Vec<LanguageIdentifier> {
    let mut ranked: Vec<(u16, usize, LanguageIdentifier)> = header
        .split(',')
        .enumerate()
        .filter_map(|(n, part)| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim().parse().ok()?;
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            (q > 0.0).then_some(((q * 1000.0) as u16, n, tag))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().map(|(_, _, tag)| tag).collect()
}

fn html_escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub(super) async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], SCRIPT)
}

pub(super) async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE)
}
