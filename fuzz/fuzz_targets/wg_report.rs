//! Fuzzes the Working Group reader on arbitrary text (nothing invented, no paragraph twice).
fn main() {
    afl::fuzz!(|data: &[u8]| {
        upr_fuzz::check_wg(data);
    });
}
