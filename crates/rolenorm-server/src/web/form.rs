//! Reading the practitioner pages' forms: multipart (with an optional file) and URL-encoded.

use std::collections::HashMap;

use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use axum::http::{HeaderMap, StatusCode};

/// Why a form was not read.
#[derive(Debug)]
pub enum Refused {
    /// The body is not a readable form: the status and what is wrong.
    Form(StatusCode, String),
    /// The CSRF token is missing or wrong.
    Csrf,
}

/// The fields of a submitted form, and the uploaded file if one was chosen.
#[derive(Debug, Default)]
pub struct Fields {
    values: HashMap<String, String>,
    /// The uploaded file's name and bytes.
    pub file: Option<(String, Vec<u8>)>,
}

impl Fields {
    /// The value of field `name` ("" when absent).
    pub fn get(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }

    /// A URL-encoded form body (`application/x-www-form-urlencoded`).
    pub fn urlencoded(body: &[u8]) -> Fields {
        let values = form_urlencoded::parse(body).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        Fields { values, file: None }
    }

    /// A multipart form; the field `file` is kept as bytes when a file was chosen.
    pub async fn multipart(mut multipart: Multipart) -> Result<Fields, (StatusCode, String)> {
        let mut fields = Fields::default();
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                Err(error) => {
                    return Err((error.status(), format!("the form could not be read: {}", error.body_text())));
                }
            };
            let name = field.name().unwrap_or("").to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let bytes = field.bytes().await.map_err(|e| (e.status(), format!("field {name}: {}", e.body_text())))?;
            if name == "file" {
                if !bytes.is_empty() {
                    fields.file = Some((file_name.unwrap_or_else(|| "upload".into()), bytes.to_vec()));
                }
            } else {
                fields.values.insert(name, String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        Ok(fields)
    }

    /// A multipart form whose CSRF token matches the browser's cookie.
    pub async fn checked(
        multipart: Result<Multipart, MultipartRejection>,
        headers: &HeaderMap,
    ) -> Result<Fields, Refused> {
        let multipart = multipart.map_err(|_| {
            Refused::Form(StatusCode::BAD_REQUEST, "the form must be sent as multipart/form-data".to_owned())
        })?;
        let fields = Fields::multipart(multipart).await.map_err(|(status, message)| Refused::Form(status, message))?;
        if !super::pages::csrf_ok(headers, fields.get("csrf")) {
            return Err(Refused::Csrf);
        }
        Ok(fields)
    }

    /// The text given: the uploaded file (decoded) if any, else field `field`.
    pub fn text_or_file(&self, field: &str) -> Result<String, String> {
        match &self.file {
            Some((name, bytes)) => rolenorm_text::decode(bytes, None).map_err(|e| format!("file {name}: {e}")),
            None => Ok(self.get(field).to_owned()),
        }
    }
}
