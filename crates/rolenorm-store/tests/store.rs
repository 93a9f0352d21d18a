//! The store against a real SQLite file in a temporary folder.

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
