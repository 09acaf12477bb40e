//! Fuzzes every CSV and JSON reader on arbitrary bytes (strict within lenient, counts reported).
fn main() {
    afl::fuzz!(|data: &[u8]| {
        upr_fuzz::check_bytes(data);
    });
}
