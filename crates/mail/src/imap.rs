//! IMAP over rust-imap's blocking client, on a stream we set up ourselves: implicit TLS or
//! STARTTLS through rustls (plain only on loopback, checked in [`Account::new`]), then LOGIN,
//! then always the ID command (RFC 2971) before any SELECT — 网易 163/126 refuse SELECT with
//! "Unsafe Login" without it. Mail is read with `BODY.PEEK`, so nothing we read is marked seen:
//! a message that matches no case is never touched.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use rustls::{ClientConnection, StreamOwned};
use rustls_pki_types::ServerName;

use crate::account::{Account, Security};
use crate::error::{Error, Result};
use crate::tls;

/// Connecting and every read or write: a server silent this long is given up on (the tracker
/// tries again at its next poll).
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// What we tell the server in ID. No version of the OS or the user: the name is what 网易 wants.
pub const ID_COMMAND: &str =
    "ID (\"name\" \"ReachRight\" \"version\" \"0.1\" \"vendor\" \"ReachRight\")";

/// The folder answers arrive in.
pub const INBOX: &str = "INBOX";

const SERVER: &str = "IMAP";

/// The connection: plain (loopback only) or rustls.
pub enum Stream {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ClientConnection, TcpStream>>),
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}

fn connect_err(account: &Account, reason: impl std::fmt::Display) -> Error {
    Error::Connect {
        server: SERVER,
        host: account.imap.host.clone(),
        port: account.imap.port,
        reason: reason.to_string(),
    }
}

fn tls_err(account: &Account, reason: impl std::fmt::Display) -> Error {
    Error::Tls {
        server: SERVER,
        host: account.imap.host.clone(),
        port: account.imap.port,
        reason: reason.to_string(),
    }
}

fn protocol(reason: impl std::fmt::Display) -> Error {
    Error::Protocol {
        server: SERVER,
        reason: reason.to_string(),
    }
}

/// TCP to the first address that answers, with timeouts on every read and write.
pub(crate) fn tcp(host: &str, port: u16, err: impl Fn(String) -> Error) -> Result<TcpStream> {
    let addrs: Vec<_> = (host, port)
        .to_socket_addrs()
        .map_err(|e| err(format!("the host name does not resolve: {e}")))?
        .collect();
    let mut last = String::from("no address");
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, TIMEOUT) {
            Ok(s) => {
                s.set_read_timeout(Some(TIMEOUT))
                    .and_then(|()| s.set_write_timeout(Some(TIMEOUT)))
                    .map_err(|e| err(e.to_string()))?;
                return Ok(s);
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(err(last))
}

/// The TLS handshake done now, so a certificate problem is a TLS error, not a read error later.
fn handshake(account: &Account, mut tcp: TcpStream) -> Result<Stream> {
    let name = ServerName::try_from(account.imap.host.clone())
        .map_err(|e| tls_err(account, format!("not a TLS server name: {e}")))?;
    let mut conn =
        ClientConnection::new(tls::client_config()?, name).map_err(|e| tls_err(account, e))?;
    while conn.is_handshaking() {
        conn.complete_io(&mut tcp)
            .map_err(|e| tls_err(account, e))?;
    }
    Ok(Stream::Tls(Box::new(StreamOwned::new(conn, tcp))))
}

/// STARTTLS by hand on the raw socket (rust-imap's own STARTTLS needs its TLS features):
/// greeting, `a0 STARTTLS`, its OK, then the handshake. A server that refuses is an error; we
/// never go on in plain text.
fn starttls(account: &Account, tcp: TcpStream) -> Result<Stream> {
    let mut reader = BufReader::new(tcp.try_clone().map_err(|e| connect_err(account, e))?);
    let mut line = String::new();
    reader
        .read_line(&mut line)
        .map_err(|e| connect_err(account, e))?;
    if !line.starts_with("* OK") && !line.starts_with("* PREAUTH") {
        return Err(protocol(format!("greeting {:?}", line.trim_end())));
    }
    let mut w = &tcp;
    w.write_all(b"a0 STARTTLS\r\n")
        .map_err(|e| connect_err(account, e))?;
    loop {
        line.clear();
        let n = reader
            .read_line(&mut line)
            .map_err(|e| connect_err(account, e))?;
        if n == 0 {
            return Err(tls_err(
                account,
                "the server closed the connection at STARTTLS",
            ));
        }
        if line.starts_with("a0 ") {
            break;
        }
    }
    if !line.starts_with("a0 OK") {
        return Err(tls_err(
            account,
            format!("the server refused STARTTLS ({})", line.trim_end()),
        ));
    }
    // Nothing may be buffered past the OK: a server that sent more is attempting injection.
    if !reader.buffer().is_empty() {
        return Err(tls_err(account, "data after STARTTLS's OK"));
    }
    handshake(account, tcp)
}

/// A logged-in session that has sent ID.
pub struct Imap {
    session: imap::Session<Stream>,
}

/// Connect, secure, log in, send ID. Each step fails with its own error (host, TLS, login).
pub fn connect(account: &Account, password: &str) -> Result<Imap> {
    let socket = tcp(&account.imap.host, account.imap.port, |r| {
        connect_err(account, r)
    })?;
    let (stream, greeted) = match account.security {
        Security::Tls => (handshake(account, socket)?, false),
        Security::Starttls => (starttls(account, socket)?, true),
        Security::Plain => {
            if !account.imap.is_loopback() {
                return Err(Error::PlainNotLoopback {
                    host: account.imap.host.clone(),
                });
            }
            (Stream::Plain(socket), false)
        }
    };
    let mut client = imap::Client::new(stream);
    if !greeted {
        client.read_greeting().map_err(|e| match e {
            imap::Error::Io(io) => tls_or_io(account, io),
            other => protocol(format!("greeting: {other}")),
        })?;
    }
    let mut session = client
        .login(&account.login, password)
        .map_err(|(e, _)| match e {
            imap::Error::No(no) => Error::Login {
                server: SERVER,
                user: account.login.clone(),
                reason: no.information,
            },
            imap::Error::Bad(bad) => Error::Login {
                server: SERVER,
                user: account.login.clone(),
                reason: bad.information,
            },
            imap::Error::Validate(_) => Error::invalid(
                "password",
                "the password contains characters IMAP cannot send (a line break?)",
            ),
            imap::Error::Io(io) => tls_or_io(account, io),
            other => protocol(format!("login: {other}")),
        })?;
    // RFC 2971 ID, always, before any SELECT. A server without ID answers BAD: that is fine.
    match session.run_command_and_check_ok(ID_COMMAND) {
        Ok(()) | Err(imap::Error::Bad(_) | imap::Error::No(_)) => {}
        Err(e) => return Err(protocol(format!("ID: {e}"))),
    }
    Ok(Imap { session })
}

fn tls_or_io(account: &Account, io: std::io::Error) -> Error {
    // rustls reports certificate and protocol failures as InvalidData.
    if io.kind() == std::io::ErrorKind::InvalidData {
        tls_err(account, io)
    } else {
        connect_err(account, io)
    }
}

/// A message's number in its folder, and the folder's UIDVALIDITY it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Folder {
    pub uid_validity: u32,
    pub uid_next: Option<u32>,
    pub exists: u32,
}

fn folder_err(folder: &str, e: imap::Error) -> Error {
    Error::Folder {
        folder: folder.into(),
        reason: match e {
            imap::Error::No(no) => no.information,
            imap::Error::Bad(bad) => bad.information,
            other => other.to_string(),
        },
    }
}

impl Imap {
    /// Open a folder read-only (EXAMINE): reading answers changes nothing in the mailbox.
    pub fn examine(&mut self, folder: &str) -> Result<Folder> {
        let m = self
            .session
            .examine(folder)
            .map_err(|e| folder_err(folder, e))?;
        Ok(Folder {
            uid_validity: m.uid_validity.unwrap_or(0),
            uid_next: m.uid_next,
            exists: m.exists,
        })
    }

    /// UIDs above `after` that arrived on or after `since` (an IMAP date, `2-Dec-2026`),
    /// ascending.
    pub fn uids_after(&mut self, after: u32, since: &str) -> Result<Vec<u32>> {
        let query = format!("UID {}:* SINCE {since}", after.saturating_add(1));
        let mut uids: Vec<u32> = self
            .session
            .uid_search(&query)
            .map_err(|e| protocol(format!("search: {e}")))?
            .into_iter()
            // `N:*` always includes the last message, even when its UID is below N.
            .filter(|u| *u > after)
            .collect();
        uids.sort_unstable();
        Ok(uids)
    }

    /// The size and the header block of each UID (for matching before anything large is read).
    pub fn headers(&mut self, uids: &[u32]) -> Result<Vec<(u32, u32, Vec<u8>)>> {
        if uids.is_empty() {
            return Ok(Vec::new());
        }
        let set = uid_set(uids);
        let fetches = self
            .session
            .uid_fetch(&set, "(UID RFC822.SIZE BODY.PEEK[HEADER])")
            .map_err(|e| protocol(format!("fetch headers: {e}")))?;
        Ok(fetches
            .iter()
            .filter_map(|f| Some((f.uid?, f.size.unwrap_or(0), f.header()?.to_vec())))
            .collect())
    }

    /// One whole message, unmarked (PEEK).
    pub fn message(&mut self, uid: u32) -> Result<Option<Vec<u8>>> {
        let fetches = self
            .session
            .uid_fetch(uid.to_string(), "(UID BODY.PEEK[])")
            .map_err(|e| protocol(format!("fetch: {e}")))?;
        Ok(fetches
            .iter()
            .find(|f| f.uid == Some(uid))
            .and_then(|f| f.body().map(<[u8]>::to_vec)))
    }

    /// The folder flagged `\Sent` (RFC 6154), else one of the usual names, else none.
    pub fn sent_folder(&mut self) -> Result<Option<String>> {
        let names = self
            .session
            .list(Some(""), Some("*"))
            .map_err(|e| protocol(format!("list: {e}")))?;
        let flagged = names.iter().find(|n| {
            n.attributes()
                .iter()
                .any(|a| matches!(a, imap_proto::NameAttribute::Sent))
        });
        if let Some(n) = flagged {
            return Ok(Some(n.name().to_string()));
        }
        // 已发送 in IMAP's modified UTF-7 is `&XfJT0ZAB-` (QQ and 网易 use it).
        const USUAL: &[&str] = &[
            "Sent",
            "Sent Messages",
            "Sent Items",
            "&XfJT0ZAB-",
            "INBOX.Sent",
        ];
        Ok(USUAL
            .iter()
            .find(|u| names.iter().any(|n| n.name().eq_ignore_ascii_case(u)))
            .map(|s| (*s).to_string()))
    }

    /// Store a sent message in `folder`, marked seen.
    pub fn append(&mut self, folder: &str, message: &[u8]) -> Result<()> {
        self.session
            .append(folder, message)
            .flag(imap::types::Flag::Seen)
            .finish()
            .map(|_| ())
            .map_err(|e| folder_err(folder, e))
    }

    /// Whether `folder` holds a message with this Message-ID (a send that may not have finished).
    pub fn holds(&mut self, folder: &str, message_id: &str) -> Result<bool> {
        self.examine(folder)?;
        let id = message_id.replace(['"', '\\', '\r', '\n'], "");
        let found = self
            .session
            .uid_search(format!("HEADER Message-ID \"{id}\""))
            .map_err(|e| protocol(format!("search: {e}")))?;
        Ok(!found.is_empty())
    }

    /// Whether the server offers IDLE (RFC 2177): then the tracker hears of new mail at once
    /// instead of at its next poll.
    pub fn can_idle(&mut self) -> Result<bool> {
        Ok(self
            .session
            .capabilities()
            .map_err(|e| protocol(format!("capability: {e}")))?
            .has_str("IDLE"))
    }

    /// Wait in IDLE on the open folder until the server says a message arrived (`true`) or
    /// `limit` passes (`false`; the caller idles again, as RFC 2177 asks at least every 29
    /// minutes). Anything else the server says (flags, expunges, Dovecot's "Still here") waits on.
    pub fn idle(&mut self, limit: Duration) -> Result<bool> {
        use imap::extensions::idle::WaitOutcome;
        use imap::types::UnsolicitedResponse;
        let mut idle = self.session.idle();
        idle.timeout(limit).keepalive(false);
        let outcome = idle
            .wait_while(|r| {
                !matches!(
                    r,
                    UnsolicitedResponse::Exists(_) | UnsolicitedResponse::Bye { .. }
                )
            })
            .map_err(|e| protocol(format!("idle: {e}")))?;
        Ok(outcome == WaitOutcome::MailboxChanged)
    }

    pub fn logout(mut self) {
        let _ = self.session.logout();
    }
}

/// IDLE sets its own read timeout while it waits and then clears it; "cleared" here means our
/// usual [`TIMEOUT`], so no later read (the DONE's answer included) can wait forever on a server
/// that went silent.
impl imap::extensions::idle::SetReadTimeout for Stream {
    fn set_read_timeout(&mut self, timeout: Option<Duration>) -> imap::Result<()> {
        let t = Some(timeout.unwrap_or(TIMEOUT));
        match self {
            Stream::Plain(s) => TcpStream::set_read_timeout(s, t),
            Stream::Tls(s) => TcpStream::set_read_timeout(&s.sock, t),
        }
        .map_err(imap::Error::Io)
    }
}

/// `1,2,5` — UIDs for one FETCH.
fn uid_set(uids: &[u32]) -> String {
    uids.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The IMAP date (`2-Dec-2026`) of a moment, for SEARCH SINCE.
pub fn imap_date(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%-d-%b-%Y").to_string()
}

/// What "test connection" found, step by step.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Checked {
    /// The INBOX's message count.
    pub inbox_messages: u32,
    /// The folder sent mail is filed in (None: not found, nothing is appended).
    pub sent_folder: Option<String>,
}

/// Log in, send ID, open INBOX, find the Sent folder; the first failing step is the error.
pub fn check(account: &Account, password: &str) -> Result<Checked> {
    let mut imap = connect(account, password)?;
    let inbox = imap.examine(INBOX)?;
    let sent_folder = imap.sent_folder()?;
    imap.logout();
    Ok(Checked {
        inbox_messages: inbox.exists,
        sent_folder,
    })
}
