include!("../../../src-tauri/link_args.rs");

fn main() {
    link_args();
    tauri_build::build()
}
