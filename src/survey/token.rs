//! Personal survey links. A token is HMAC-SHA-256(server secret, invitation id), 160 bits,
//! so the same link can be printed again for a mail merge; the database keeps only
//! SHA-256(token), so a copy of the database reveals no working link.

use crate::domain::digest::{from_hex, to_hex};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::Path;

/// Bytes of token: 160 bits, above the 128 the project requires.
const TOKEN_BYTES: usize = 20;

pub struct Secret(Vec<u8>);

impl Secret {
    pub fn new(bytes: Vec<u8>) -> anyhow::Result<Secret> {
        anyhow::ensure!(bytes.len() >= 32, "the survey secret must be at least 32 bytes");
        Ok(Secret(bytes))
    }

    /// From `MAILLAGE_SECRET` if set, else from `path`, created (mode 0600) with 256 random
    /// bits when missing.
    pub fn load(env: Option<String>, path: &Path) -> anyhow::Result<Secret> {
        if let Some(s) = env.filter(|s| !s.is_empty()) {
            return Secret::new(s.into_bytes());
        }
        if let Ok(hex) = std::fs::read_to_string(path) {
            return Secret::new(
                from_hex(hex.trim()).ok_or_else(|| anyhow::anyhow!("{} is not a hex secret", path.display()))?,
            );
        }
        let secret = Secret::random()?;
        write_private(path, &to_hex(&secret.0))?;
        Ok(secret)
    }

    /// 256 fresh random bits (a server that keeps no file: links die with it).
    pub fn random() -> anyhow::Result<Secret> {
        let mut bytes = vec![0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no system randomness: {e}"))?;
        Secret::new(bytes)
    }

    /// What the database keeps of an invitation's first token.
    pub fn token_hash(&self, invitation: i64) -> String {
        self.link_hash(invitation, 0)
    }

    /// An invitation's first token.
    pub fn token(&self, invitation_id: i64) -> String {
        self.link(invitation_id, 0)
    }

    /// What the database keeps of the token of an invitation's link `generation`.
    pub fn link_hash(&self, invitation: i64, generation: i64) -> String {
        hash(&self.link(invitation, generation))
    }

    /// The token of an invitation's link `generation`: 0 for the first, one more each time a
    /// coordinator revokes it and issues another.
    pub fn link(&self, invitation_id: i64, generation: i64) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        if generation == 0 {
            mac.update(format!("maillage-invitation:{invitation_id}").as_bytes());
        } else {
            mac.update(format!("maillage-invitation:{invitation_id}:{generation}").as_bytes());
        }
        to_hex(&mac.finalize().into_bytes()[..TOKEN_BYTES])
    }
}

fn write_private(path: &Path, content: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", path.display()))?;
    f.write_all(content.as_bytes())?;
    Ok(())
}

/// What the database stores for a token.
pub use crate::domain::digest::sha256_hex as hash;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_stable_distinct_160_bit_and_stored_only_as_hashes() {
        let secret = Secret::new(vec![7u8; 32]).unwrap();
        let a = secret.token(1);
        assert_eq!(a, secret.token(1), "the same link can be printed again");
        assert_ne!(a, secret.token(2));
        assert_eq!(a.len(), 40, "160 bits in hex");
        assert_ne!(hash(&a), a);
        assert_eq!(hash(&a).len(), 64);
        let other = Secret::new(vec![8u8; 32]).unwrap();
        assert_ne!(other.token(1), a, "another server secret gives other links");
        assert!(Secret::new(vec![1u8; 16]).is_err());
    }

    #[test]
    fn a_missing_secret_file_is_created_private_and_reused() {
        let dir = std::env::temp_dir().join(format!("maillage-secret-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("maillage.secret");
        let _ = std::fs::remove_file(&path);
        let first = Secret::load(None, &path).unwrap().token(5);
        assert_eq!(Secret::load(None, &path).unwrap().token(5), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
