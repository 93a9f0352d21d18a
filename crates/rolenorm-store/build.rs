//! Rebuilds the crate when a migration file is added or changed (they are embedded with
//! `include_dir`).

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
