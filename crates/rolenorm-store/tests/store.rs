//! The store against a real SQLite file in a temporary folder.
#![allow(clippy::unwrap_used)]

use rolenorm_store::{DATABASE_FILE, Store, latest_schema_version};

#[tokio::test]
async fn first_open_creates_the_folder_in_wal_mode_at_the_latest_version() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nested").join("data");
    let store = Store::open(&dir).await.unwrap();
    assert!(dir.join(DATABASE_FILE).is_file());
    let (mode, version): (String, i64) = store
        .interact(|c| {
            let mode = c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
            let version = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            Ok((mode, version))
        })
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(version as usize, latest_schema_version());
}

#[tokio::test]
async fn saved_analyses_survive_reopening() {
    let tmp = tempfile::tempdir().unwrap();
    let id = {
        let store = Store::open(tmp.path()).await.unwrap();
        store.save_analysis("{\"text\":\"ad\"}", "{\"role\":\"other\"}").await.unwrap()
    };
    let store = Store::open(tmp.path()).await.unwrap();
    let saved = store.analysis(&id).await.unwrap().unwrap();
    assert_eq!(saved.input, "{\"text\":\"ad\"}");
    assert_eq!(saved.analysis, "{\"role\":\"other\"}");
    assert_eq!(store.analysis_count().await.unwrap(), 1);
    assert!(store.analysis("0000").await.unwrap().is_none());
}

#[tokio::test]
async fn an_unusable_folder_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("plain-file");
    std::fs::write(&file, "x").unwrap();
    let error = Store::open(&file.join("data")).await.unwrap_err().to_string();
    assert!(error.contains("plain-file"), "{error}");
}

fn review(role: &str) -> rolenorm_store::NewReview {
    rolenorm_store::NewReview {
        holder_hash: format!("{role}-hash"),
        holder_name: "Alex Example".into(),
        role: role.into(),
        input: "{\"profile\":\"…\"}".into(),
        assessment: "{\"best\":[]}".into(),
    }
}

fn decision(id: &str, reason: &str) -> rolenorm_store::Decision {
    rolenorm_store::Decision { review_id: id.into(), by: "assessor".into(), reason: reason.into() }
}

fn issued(store: &Store, index: i64) -> rolenorm_store::Issued {
    rolenorm_store::Issued {
        id: store.new_credential_id().unwrap(),
        credential: "{\"proof\":{}}".into(),
        status_list: 1,
        status_index: index,
    }
}

#[tokio::test]
async fn a_review_is_decided_once_and_approval_records_its_credential() {
    use rolenorm_store::{Approved, ReviewStatus};
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).await.unwrap();
    let (a, b) = (
        store.submit_review(review("community-manager")).await.unwrap(),
        store.submit_review(review("x")).await.unwrap(),
    );
    assert_eq!(store.reviews(ReviewStatus::Pending, 10).await.unwrap().len(), 2);
    let first = issued(&store, 7);
    assert_eq!(store.approve_review(decision(&a, "evidence holds"), first.clone()).await.unwrap(), Approved::Recorded);
    assert_eq!(store.approve_review(decision(&a, "again"), issued(&store, 8)).await.unwrap(), Approved::NotPending);
    assert!(!store.decline_review(decision(&a, "too late")).await.unwrap(), "a decided review stays decided");
    assert_eq!(store.approve_review(decision(&b, "ok"), issued(&store, 7)).await.unwrap(), Approved::IndexTaken);
    let still = store.review(&b).await.unwrap().unwrap();
    assert_eq!(still.status, ReviewStatus::Pending, "a taken index rolls the approval back");
    assert!(store.decline_review(decision(&b, "no evidence for COM-03")).await.unwrap());
    let declined = store.review(&b).await.unwrap().unwrap();
    assert_eq!((declined.status, declined.reason.as_deref()), (ReviewStatus::Declined, Some("no evidence for COM-03")));
    let approved = store.review(&a).await.unwrap().unwrap();
    assert_eq!(approved.status, ReviewStatus::Approved);
    assert_eq!(approved.decided_by.as_deref(), Some("assessor"));
    let credential = store.credential_of_review(&a).await.unwrap().unwrap();
    assert_eq!((credential.id.as_str(), credential.status_index), (first.id.as_str(), 7));
    assert!(store.reviews(ReviewStatus::Pending, 10).await.unwrap().is_empty());
    assert_eq!(store.review_of_holder("x-hash").await.unwrap().unwrap().id, b);
    assert!(store.review_of_holder("nobody").await.unwrap().is_none());
}

#[tokio::test]
async fn revocation_and_hiding_are_recorded() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).await.unwrap();
    let id = store.submit_review(review("community-manager")).await.unwrap();
    let credential = issued(&store, 42);
    store.approve_review(decision(&id, "ok"), credential.clone()).await.unwrap();
    assert!(store.revoked_indexes(1).await.unwrap().is_empty());
    assert!(store.revoke_credential(&credential.id, "holder").await.unwrap());
    assert!(!store.revoke_credential(&credential.id, "holder").await.unwrap(), "revoked once");
    assert_eq!(store.revoked_indexes(1).await.unwrap(), [42]);
    assert!(store.set_credential_hidden(&credential.id, true).await.unwrap());
    let stored = store.credential(&credential.id).await.unwrap().unwrap();
    assert!(stored.hidden && stored.revoked_at.is_some() && stored.revoked_by.as_deref() == Some("holder"));
    assert!(!store.set_credential_hidden("unknown", true).await.unwrap());
    assert!(store.status_list(1).await.unwrap().is_none());
    store.save_status_list(1, "{\"v\":1}").await.unwrap();
    store.save_status_list(1, "{\"v\":2}").await.unwrap();
    assert_eq!(store.status_list(1).await.unwrap().as_deref(), Some("{\"v\":2}"));
}
