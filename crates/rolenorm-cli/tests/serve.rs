//! `rolenorm serve` as a real process: it starts on a fresh data folder, answers, stops cleanly
//! on SIGTERM, keeps every saved analysis across restarts, and survives a kill during a burst
//! of saves with a readable database.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rolenorm-serve-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Starts `rolenorm serve` on a free port; returns the child and its address.
fn start(data: &Path) -> (Child, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rolenorm"))
        .args(["serve", "--addr", "127.0.0.1:0", "--rate-limit", "0", "--data"])
        .arg(data)
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve exited before listening").unwrap();
        if let Some(rest) = line.split("addr=").nth(1) {
            break rest.split_whitespace().next().unwrap().parse().unwrap();
        }
    };
    // Keep draining the log so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, addr)
}

/// One HTTP/1.1 request with `Connection: close`; returns the status and the body.
fn http(addr: SocketAddr, method: &str, path: &str, body: &str) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply)?;
    let status = reply.split_whitespace().nth(1).and_then(|s| s.parse().ok()).ok_or(std::io::ErrorKind::InvalidData)?;
    let body = reply.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_owned();
    Ok((status, body))
}

fn save(addr: SocketAddr, i: usize) -> std::io::Result<String> {
    let body = format!("{{\"id\":\"ad-{i}\",\"text\":\"Du moderierst Kommentare und beantwortest Nachrichten.\"}}");
    let (status, reply) = http(addr, "POST", "/api/v1/analyze?save=true", &body)?;
    if status != 201 {
        return Err(std::io::Error::other(format!("status {status}: {reply}")));
    }
    let value: serde_json::Value = serde_json::from_str(&reply).map_err(std::io::Error::other)?;
    Ok(value["id"].as_str().unwrap().to_owned())
}

fn terminate(child: &Child) {
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
}

#[test]
fn serve_answers_stops_on_sigterm_and_keeps_saved_analyses() {
    let data = temp_dir("restart");
    let (mut child, addr) = start(&data);
    assert_eq!(http(addr, "GET", "/healthz", "").unwrap(), (200, "ok\n".to_owned()));
    let ids: Vec<String> = (0..5).map(|i| save(addr, i).unwrap()).collect();
    let (status, page) = http(addr, "GET", "/", "").unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("<form"));
    terminate(&child);
    assert!(child.wait().unwrap().success(), "SIGTERM is a clean stop");

    let (mut child, addr) = start(&data);
    for id in &ids {
        let (status, _) = http(addr, "GET", &format!("/api/v1/analyses/{id}"), "").unwrap();
        assert_eq!(status, 200, "{id} lost across the restart");
    }
    terminate(&child);
    child.wait().unwrap();
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn a_kill_during_a_burst_of_saves_loses_no_acknowledged_save() {
    let data = temp_dir("kill");
    let (mut child, addr) = start(&data);
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let (acknowledged, stop) = (acknowledged.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut i = w * 100_000;
                while !stop.load(Ordering::Relaxed) {
                    match save(addr, i) {
                        Ok(id) => acknowledged.lock().unwrap().push(id),
                        Err(_) => break,
                    }
                    i += 1;
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(700));
    child.kill().unwrap();
    child.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker.join().unwrap();
    }
    let ids = acknowledged.lock().unwrap().clone();
    assert!(ids.len() > 5, "the burst saved only {} analyses", ids.len());

    let (mut child, addr) = start(&data);
    for id in &ids {
        let (status, _) = http(addr, "GET", &format!("/api/v1/analyses/{id}"), "").unwrap();
        assert_eq!(status, 200, "acknowledged save {id} lost in the kill");
    }
    terminate(&child);
    child.wait().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let check =
        runtime.block_on(async { rolenorm_store::Store::open(&data).await.unwrap().integrity_check().await.unwrap() });
    assert_eq!(check, "ok");
    let _ = std::fs::remove_dir_all(&data);
}
