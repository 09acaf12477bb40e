//! Published figures: every quote is in its seed, every value is in its quote, and the known
//! disagreements between sources are all visible.

mod common;

use upr::dataset::{FigureValue, Quantity};
use upr::{Cycle, Dataset};

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_seed_quote_is_verbatim_in_its_seed_and_states_its_value() {
    let Some(seeds) = common::seeds() else { return };
    let data = Dataset::dprk();
    let mut checked = 0;
    for f in &data.figures {
        let source = data
            .source(&f.source)
            .unwrap_or_else(|| panic!("{}: unknown source {}", f.id, f.source));
        let Some(quote) = &f.quote else {
            assert_ne!(
                source.kind,
                upr::SourceKind::Seed,
                "{}: a seed figure needs its quote",
                f.id
            );
            continue;
        };
        let file = source
            .file
            .as_deref()
            .unwrap_or_else(|| panic!("{}: source has no file", f.id));
        let text = std::fs::read_to_string(seeds.join(file.trim_start_matches("seeds/"))).unwrap();
        assert!(
            norm(&text).contains(&norm(quote)),
            "{}: quote not found in {file}: {quote}",
            f.id
        );
        let number = f.value.number().to_string();
        let spelled = [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        ];
        let in_words = usize::try_from(f.value.number())
            .ok()
            .and_then(|n| spelled.get(n))
            .copied();
        let states_it = quote.contains(&number)
            || in_words.is_some_and(|w| quote.to_lowercase().contains(w))
            || (f.value == FigureValue::Count(0) && quote.contains("not accept a single"));
        assert!(
            states_it,
            "{}: the quote does not state {}: {quote}",
            f.id, f.value
        );
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} quotes checked");
}

#[test]
fn the_known_disagreements_are_listed() {
    let data = Dataset::dprk();
    let d = data.disagreements();
    let values = |cycle: Cycle, q: Quantity| -> Vec<String> {
        d.iter()
            .find(|x| x.cycle == cycle && x.quantity == q && x.topic.is_none())
            .map(|x| x.values.iter().map(|v| v.value.to_string()).collect())
            .unwrap_or_default()
    };
    assert_eq!(values(Cycle::SECOND, Quantity::Received), ["268", "269"]);
    assert_eq!(values(Cycle::SECOND, Quantity::Accepted), ["113", "114"]);
    assert_eq!(
        values(Cycle::THIRD, Quantity::RecommendingStates),
        ["87", "88"]
    );
    assert_eq!(values(Cycle::FOURTH, Quantity::Received), ["294", "306"]);
    assert_eq!(values(Cycle::FOURTH, Quantity::NotAccepted), ["88", "144"]);
    // Cycle 1 accepted: 0 in March 2010, 81 (five-way) and 87 (UPR Info) in 2014.
    assert_eq!(values(Cycle::FIRST, Quantity::Accepted), ["0", "81", "87"]);
}
