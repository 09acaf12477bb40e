//! Fuzzes the UPR Info reader on exports built in a known shape (record counts checked).
fn main() {
    afl::fuzz!(|data: &[u8]| {
        upr_fuzz::check_upr_info(data);
    });
}
