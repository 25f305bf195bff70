//! reachright-vault (being written).
