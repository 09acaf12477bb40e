//! Fuzzes the Working Group reader: on the fuzzer's bytes as text (nothing invented, no
//! paragraph twice, strict within lenient), and on a section II of N recommendations built from
//! them (exactly 90.1 to 90.N come back, in both modes).
fn main() {
    afl::fuzz!(|data: &[u8]| {
        upr_fuzz::check_wg(data);
        upr_fuzz::check_wg_count(data);
    });
}
