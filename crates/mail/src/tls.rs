//! The TLS settings both servers are checked against: the system's roots, plus — for tests with
//! a throw-away CA — the PEM file named by [`EXTRA_CA_ENV`]. Nothing else reads that variable,
//! and nothing here can turn verification off.

use std::sync::Arc;

use rustls::{ClientConfig, RootCertStore};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;

use crate::error::{Error, Result};

/// A PEM file of extra root certificates trusted for mail servers (in addition to the system's).
pub const EXTRA_CA_ENV: &str = "REACHRIGHT_MAIL_EXTRA_CA";

/// The extra roots, if the variable is set; an unreadable file is an error, not a silent skip.
pub fn extra_roots() -> Result<Vec<CertificateDer<'static>>> {
    let Some(path) = std::env::var_os(EXTRA_CA_ENV) else {
        return Ok(Vec::new());
    };
    let certs: Vec<_> = CertificateDer::pem_file_iter(&path)
        .and_then(|it| it.collect::<std::result::Result<Vec<_>, _>>())
        .map_err(|e| {
            Error::invalid(
                "ca",
                format!(
                    "{EXTRA_CA_ENV} names {}, which holds no readable PEM certificate: {e}",
                    std::path::Path::new(&path).display()
                ),
            )
        })?;
    if certs.is_empty() {
        return Err(Error::invalid(
            "ca",
            format!("{EXTRA_CA_ENV}: no certificate in the file"),
        ));
    }
    Ok(certs)
}

/// The extra roots as PEM bytes (lettre takes PEM).
pub fn extra_roots_pem() -> Result<Option<Vec<u8>>> {
    match std::env::var_os(EXTRA_CA_ENV) {
        None => Ok(None),
        Some(path) => {
            extra_roots()?;
            std::fs::read(&path)
                .map(Some)
                .map_err(|e| Error::invalid("ca", format!("{EXTRA_CA_ENV}: {e}")))
        }
    }
}

/// rustls with ring, the system's roots and the extra ones.
pub fn client_config() -> Result<Arc<ClientConfig>> {
    let mut roots = RootCertStore::empty();
    // A system without a readable store still works with the extra roots (and fails the
    // handshake with a clear "unknown issuer" otherwise).
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    for cert in extra_roots()? {
        roots
            .add(cert)
            .map_err(|e| Error::invalid("ca", format!("{EXTRA_CA_ENV}: {e}")))?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Compose(format!("TLS set-up: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}
