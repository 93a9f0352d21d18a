//! The OpenAPI 3.1 document, generated from the handlers (utoipa) with the analysis schema
//! taken from the library's JSON Schema (schemars), and the offline docs page.

use axum::Router;
use axum::extract::Extension;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use utoipa_swagger_ui::SwaggerUi;

use crate::AppState;
use crate::api;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "rolenorm API",
        description = "Analyse social-media job ads against the rolenorm norm, read the norm, build normed ads, assess a practitioner's work and verify their credentials. \
Every error is an RFC 9457 problem document (`application/problem+json`) with a stable `type`.",
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0"),
    ),
    tags(
        (name = "analysis", description = "Analyse ads and read saved analyses"),
        (name = "norm", description = "The norm: roles, tasks, platforms (with ETag)"),
        (name = "builder", description = "Build a normed job ad"),
        (name = "accounts", description = "Register, log in (session cookie and bearer token), roles"),
        (name = "credentials", description = "Assess a practitioner's work, verify credentials, the status list"),
        (name = "community", description = "Proposals with their impact, moderated debate, votes"),
        (name = "releases", description = "Released norm versions, their changelogs and diffs"),
    )
)]
struct ApiDoc;

/// The API routes with their OpenAPI paths.
pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(api::analyze))
        .routes(routes!(api::get_analysis))
        .routes(routes!(api::norm))
        .routes(routes!(api::roles))
        .routes(routes!(api::role))
        .routes(routes!(api::task))
        .routes(routes!(api::platforms))
        .routes(routes!(api::build))
        .routes(routes!(api::batch))
        .merge(crate::accounts::api_routes(OpenApiRouter::new()))
        .routes(routes!(crate::assess_api::assess_handler))
        .routes(routes!(crate::verification::verify))
        .routes(routes!(crate::verification::status_list))
        .merge(crate::community::api_routes(OpenApiRouter::new()))
}

/// The OpenAPI document as JSON, pretty-printed (what `GET /api/v1/openapi.json` serves and
/// `schema/openapi.json` holds).
pub fn openapi_json() -> String {
    serde_json::to_string_pretty(&document()).unwrap_or_default() + "\n"
}

fn document() -> Value {
    let (_, openapi) = api_router().split_for_parts();
    let mut doc = serde_json::to_value(&openapi).unwrap_or(Value::Null);
    let settings = schemars::generate::SchemaSettings::draft2020_12().with(|s| {
        s.definitions_path = "/components/schemas".into();
    });
    let mut generator = settings.into_generator();
    let library = [
        ("Analysis", generator.subschema_for::<rolenorm_analyze::Analysis>()),
        ("Assessment", generator.subschema_for::<rolenorm_assess::Assessment>()),
        ("SelfAssessment", generator.subschema_for::<rolenorm_assess::SelfAssessment>()),
    ];
    let mut definitions = generator.take_definitions(true);
    for (name, schema) in library {
        if !definitions.contains_key(name) {
            definitions.insert(name.to_owned(), schema.to_value());
        }
    }
    if let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
        for (name, schema) in definitions {
            schemas.insert(name, schema);
        }
    }
    doc
}

/// `GET /api/v1/openapi.json` and the Swagger UI at `/api/v1/docs/` (assets in the binary).
pub fn docs_router() -> Router<AppState> {
    let doc = std::sync::Arc::new(openapi_json());
    Router::new()
        .route("/api/v1/openapi.json", axum::routing::get(serve_doc))
        .layer(Extension(doc))
        .merge(SwaggerUi::new("/api/v1/docs").config(utoipa_swagger_ui::Config::from("/api/v1/openapi.json")))
}

async fn serve_doc(Extension(doc): Extension<std::sync::Arc<String>>) -> Response {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], doc.as_str().to_owned()).into_response()
}
