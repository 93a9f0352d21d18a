//! The community tables against a real SQLite file: releases and the audit log cannot be changed,
//! votes are one per member and refused once the vote is closed.
#![allow(clippy::unwrap_used)]

use rolenorm_store::{AccountRole, NewProposal, NewRelease, ProposalStatus, Store, StoreError, Tally, Vote};

async fn setup() -> (tempfile::TempDir, Store, i64, i64) {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).await.unwrap();
    let user = store.create_user("Max", "max@example.org", "$argon2id$x", AccountRole::Maintainer).await.unwrap();
    let proposal = NewProposal {
        author: user.id,
        title: "t".into(),
        rationale: "r".into(),
        changes: "[]".into(),
        base_version: "0.1.0".into(),
        closes_at: None,
    };
    let id = store.create_proposal(proposal).await.unwrap();
    (tmp, store, user.id, id)
}

#[tokio::test]
async fn releases_and_the_audit_log_are_immutable() {
    let (_tmp, store, user, proposal) = setup().await;
    let release = NewRelease {
        version: "0.2.0".into(),
        previous: "0.1.0".into(),
        bump: "minor".into(),
        released_by: user,
        files: "{}".into(),
        changelog: "## 0.2.0".into(),
    };
    store.create_release(release.clone(), vec![proposal], |_, _| Ok(())).await.unwrap();
    for sql in [
        "UPDATE releases SET changelog = 'forged'",
        "DELETE FROM releases",
        "UPDATE audit_log SET detail = 'x'",
        "DELETE FROM audit_log",
    ] {
        let refused = store.interact(move |c| c.execute(sql, [])).await;
        assert!(refused.is_err(), "{sql} was allowed");
    }
    assert_eq!(store.release("0.2.0").await.unwrap().unwrap().changelog, "## 0.2.0");
    let again = store.create_release(NewRelease { previous: "0.2.0".into(), ..release }, vec![], |_, _| Ok(())).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    assert_eq!(store.proposal(proposal).await.unwrap().unwrap().status, ProposalStatus::Released);
}

#[tokio::test]
async fn one_vote_per_member_and_none_after_the_close() {
    let (_tmp, store, user, proposal) = setup().await;
    store.cast_vote(proposal, user, Vote::No).await.unwrap();
    let tally = store.cast_vote(proposal, user, Vote::Yes).await.unwrap();
    assert_eq!(tally, Tally { yes: 1, no: 0, abstain: 0 });
    let (status, _) = store.close_vote(user, proposal, |_| ProposalStatus::Accepted).await.unwrap();
    assert_eq!(status, ProposalStatus::Accepted);
    let late = store.cast_vote(proposal, user, Vote::No).await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");
    assert_eq!(store.tally(proposal).await.unwrap(), Tally { yes: 1, no: 0, abstain: 0 });
    let past = NewProposal {
        author: user,
        title: "t".into(),
        rationale: "r".into(),
        changes: "[]".into(),
        base_version: "0.1.0".into(),
        closes_at: Some(0),
    };
    let expired = store.create_proposal(past).await.unwrap();
    assert!(
        matches!(store.cast_vote(expired, user, Vote::Yes).await, Err(StoreError::Conflict(_))),
        "a vote period that has ended"
    );
}
