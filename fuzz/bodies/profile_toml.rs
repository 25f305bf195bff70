//! Fuzz body: a platform profile as TOML (an imported `.reachright-profile.toml`, or a saved
//! row). Oracle: no panic; a refused file is an error naming what is wrong; an accepted profile
//! written out as TOML reads back valid and equal (what the app saves, it can open again).

use reachright_core::PlatformProfile;

pub fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match PlatformProfile::from_toml(&text) {
        Ok(p) => {
            let toml = p.to_toml();
            let again = PlatformProfile::from_toml(&toml)
                .unwrap_or_else(|e| panic!("an accepted profile's own TOML is refused: {e}"));
            assert_eq!(again, p, "a profile changed through its own TOML");
        }
        Err(e) => assert!(!e.to_string().trim().is_empty(), "an error without words"),
    }
}
