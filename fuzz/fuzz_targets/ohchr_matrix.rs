//! Fuzzes the OHCHR matrix reader on arbitrary bytes.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        upr_fuzz::check_matrix(data);
    });
}
