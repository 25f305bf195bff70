//! The loopback helpdesk the two helpdesk fuzz bodies (RT, Zendesk) talk to: it answers each
//! request with the part of the current input its path routes to, as JSON. One server per body
//! and process (each body keeps its own), started on first use.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// What the server answers with: the current input's parts, set by the body before each run.
pub type Parts = Arc<Mutex<Vec<Vec<u8>>>>;

pub struct Loopback {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    pub parts: Parts,
}

/// Start a server whose answer to a request is part `route(path)` (empty when there is none).
pub fn start(route: fn(&str) -> usize) -> Loopback {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let parts: Parts = Arc::new(Mutex::new(Vec::new()));
    let serving = parts.clone();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut head = Vec::new();
            let mut buf = [0u8; 4096];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(k) => head.extend_from_slice(&buf[..k]),
                }
            }
            let head = String::from_utf8_lossy(&head).into_owned();
            let target = head.split_whitespace().nth(1).unwrap_or("");
            let path = target.split('?').next().unwrap_or("");
            let index = route(path);
            let body = serving
                .lock()
                .map(|p| p.get(index).cloned().unwrap_or_default())
                .unwrap_or_default();
            let mut resp = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nETag: \"2\"\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )
            .into_bytes();
            resp.extend_from_slice(&body);
            let _ = stream.write_all(&resp);
        }
    });
    Loopback { base, parts }
}
