//! reachright-tracker (being written).
