//! Recipes: short, complete programs for the tasks a newcomer meets first.
//!
//! Every recipe is a doc test that `cargo test` compiles and runs, so each one works with this
//! version of the crate, and its assertions show what it finds. The recipes use the embedded
//! DPRK dataset or small inline samples; to run one on a real file, call the reader's
//! `read_path` instead of `read`. For the ideas behind them (cycles, conventions, response
//! histories), read the [guide](crate::documentation::guide) first.
//!
//! - [The DPRK's acceptance per cycle, under a convention](#the-dprks-acceptance-per-cycle-under-a-convention)
//! - [The picture as of a date](#the-picture-as-of-a-date)
//! - [Reading a UPR Info export leniently, and printing the report](#reading-a-upr-info-export-leniently-and-printing-the-report)
//! - [Reading a Working Group report](#reading-a-working-group-report)
//! - [Converting to upr/1 CSV and JSON](#converting-to-upr1-csv-and-json)
//! - [Classifying a text, with its evidence](#classifying-a-text-with-its-evidence)
//! - [Grouping by the classifier's labels](#grouping-by-the-classifiers-labels)
//! - [Adding your own rules](#adding-your-own-rules)
//! - [Listing disagreements between sources](#listing-disagreements-between-sources)
//! - [Resolving State names](#resolving-state-names)
//!
//! # The DPRK's acceptance per cycle, under a convention
//!
//! A [`Query`] tallies recommendations; [`Dimension::Cycle`] gives one row per cycle, and the
//! [`Convention`] decides the buckets. Here OHCHR's: supported, supported/noted, noted. The
//! embedded dataset holds the recommendations of the DPRK's first two reviews; for the third
//! and fourth it holds the figures sources published (see
//! [the disagreements recipe](#listing-disagreements-between-sources)).
//!
//! ```
//! use upr::{Bucket, Convention, Dataset, Dimension, PartialCounts, Query};
//!
//! let data = Dataset::dprk();
//! let t = Query::new()
//!     .convention(Convention::Ohchr)
//!     .partial(PartialCounts::AsAccepted)
//!     .group_by(Dimension::Cycle)
//!     .tally(&data.recommendations);
//! for row in &t.rows {
//!     // "cycle 1: 167 recommendations, accepted 87/167 = 52.10 %"
//!     let (cycle, n, accepted) = (&row.key[0], row.total, row.accepted);
//!     println!("cycle {cycle}: {n} recommendations, accepted {accepted}");
//!     for (bucket, n) in row.counts.iter() {
//!         println!("  {bucket}: {n}");
//!     }
//! }
//! assert_eq!(t.count(&["1"], Bucket::Supported), 81);
//! assert_eq!(t.count(&["1"], Bucket::SupportedNoted), 6);
//! assert_eq!(t.count(&["2"], Bucket::Supported), 113);
//! assert_eq!(t.row(&["2"]).map(|r| r.accepted.to_string()).as_deref(), Some("114/268 = 42.54 %"));
//! ```
//!
//! Swap the convention for [`Convention::FiveWay`] (the default, NKDB's count) or
//! [`Convention::UprInfo`], or add [`Query::state_under_review`], [`Query::recommending`] and the
//! other filters; [`Tally`] is plain data and serialises with serde.
//!
//! # The picture as of a date
//!
//! Responses are a dated history, so a tally can be taken as of any day: the picture a reader
//! had then. [`Query::timeline`] runs the same query on several dates. The DPRK's first review:
//! at the Working Group (9 December 2009), at the adoption (18 March 2010), and after its
//! position paper (April 2014).
//!
//! ```
//! use chrono::NaiveDate;
//! use upr::{Bucket, Cycle, Dataset, Query};
//!
//! let data = Dataset::dprk();
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
//! let dates = [day(2009, 12, 9), day(2010, 3, 18), day(2014, 4, 30)];
//! let timeline = Query::new().cycle(Cycle::FIRST).timeline(&dates, &data.recommendations);
//! for (date, t) in dates.iter().zip(&timeline) {
//!     let counts: Vec<String> =
//!         t.total().counts.iter().map(|(bucket, n)| format!("{bucket} {n}")).collect();
//!     println!("{date}: {}", counts.join(", "));
//! }
//! let march_2010 = timeline[1].total();
//! assert_eq!(march_2010.count(Bucket::Accepted), 0);
//! assert_eq!(march_2010.count(Bucket::ImmediatelyRejected), 50);
//! assert_eq!(march_2010.count(Bucket::Pending), 117);
//! let april_2014 = timeline[2].total();
//! assert_eq!(april_2014.count(Bucket::Accepted), 81);
//! assert_eq!(april_2014.count(Bucket::Pending), 0);
//! ```
//!
//! One query as of one day is `Query::new().as_of(date)`; a recommendation's own history
//! answers [`ResponseHistory::status_as_of`](crate::ResponseHistory::status_as_of).
//!
//! # Reading a UPR Info export leniently, and printing the report
//!
//! The UPR Info export is Mac OS Roman with CR line ends, one row per recommending State. In
//! lenient mode a reader keeps every row it can and lists each row it skipped or repaired in
//! the [`ReadReport`]; in strict mode (the default) the first such row is an error naming the
//! input and the record. [`merge_joint`](crate::format::upr_info::merge_joint) then joins the
//! rows of one joint recommendation.
//!
//! ```
//! use upr::format::{upr_info, ReadOptions};
//! use upr::{Encoding, Mode, State};
//!
//! // Four rows: a joint recommendation (two rows), an unknown recommender, a State that does not
//! // exist. 0xD5 is a right single quote in Mac OS Roman.
//! let export: &[u8] = b"To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\r\
//! DPR Korea,Asia,,Close all political prison camps,Canada,WEOG,,Noted,5,\"Detention,Torture and other CID treatment\",6\r\
//! DPR Korea,Asia,,Close all political prison camps,Republic of Korea,Asia,,Noted,5,\"Detention,Torture and other CID treatment\",6\r\
//! DPR Korea,Asia,,Ensure women\xd5s rights,&#40;Unknown&#41;,&#40;Unknown&#41;,,Accepted,4,Women's rights,6\r\
//! DPR Korea,Asia,,Invite the Special Rapporteur,Atlantis,WEOG,,Noted,5,Special procedures,6\r";
//!
//! let options = ReadOptions::new()
//!     .with_mode(Mode::Lenient)
//!     .with_encoding(Encoding::MacRoman)
//!     .with_name("sample.csv");
//! let parsed = upr_info::read(export, &options)?;
//! let report = &parsed.report;
//! println!("{}: {} rows read ({})", report.input, report.records, report.encoding);
//! for p in &report.problems {
//!     // "record 4 Skipped: a known State name in From ("Atlantis")"
//!     println!("  {} {:?}: {} ({:?})", p.location, p.action, p.reason, p.found);
//! }
//! assert_eq!(report.records, 3);
//! assert_eq!((report.repaired().count(), report.skipped().count()), (1, 1));
//! assert_eq!(parsed.records[2].text, "Ensure women\u{2019}s rights");
//!
//! let joint = upr_info::merge_joint(&parsed.records);
//! assert_eq!(joint.len(), 2);
//! let (can, kor) = (State::from_alpha3("CAN")?, State::from_alpha3("KOR")?);
//! assert_eq!(joint[0].recommendation.recommending(), [can, kor]);
//!
//! let strict = upr_info::read(export, &options.clone().with_mode(Mode::Strict));
//! assert_eq!(
//!     strict.unwrap_err().to_string(),
//!     r#"sample.csv: record 4: expected a known State name in From, found "Atlantis""#
//! );
//! # Ok::<(), upr::Error>(())
//! ```
//!
//! Every reader in [`format`](mod@crate::format) takes the same [`ReadOptions`] and gives the
//! same kind of report.
//!
//! # Reading a Working Group report
//!
//! A Working Group report lists the recommendations in its section II, under headings that give
//! the State's position at the Working Group. [`read_report`] reads the header (State under
//! review, symbol, date, session) and every recommendation; [`WgReport::to_recommendations`]
//! turns them into [`Recommendation`]s whose first response event is that position. The text
//! below is a shortened A/HRC/13/13.
//!
//! ```
//! use upr::format::{wg_report, ReadOptions};
//! use upr::{ResponseStatus, State, WorkingGroupStatus};
//!
//! let text = "United Nations A/HRC/13/13\n\
//!     Distr.: General 4 January 2010\n\
//!     Human Rights Council Thirteenth session\n\
//!     Report of the Working Group on the Universal Periodic Review*\n\
//!     Democratic People\u{2019}s Republic of Korea\n\
//!     * Previously issued under document symbol A/HRC/WG.6/6/L.12\n\
//!     II. Conclusions and/or recommendations\n\
//!     90. The following recommendations will be examined by the Democratic People\u{2019}s \
//!     Republic of Korea, which will provide responses in due time:\n\
//!     1. Ratify the Convention against Torture (Canada);\n\
//!     2. Extend an invitation to the Special Rapporteur (Republic of Korea, Japan);\n\
//!     91. The following recommendations did not enjoy the support of the Democratic \
//!     People\u{2019}s Republic of Korea:\n\
//!     1. Close all political prison camps (Canada);\n\
//!     92. All conclusions and/or recommendations contained in the present report ...\n";
//!
//! let report = wg_report::read_report(text.as_bytes(), &ReadOptions::new())?;
//! assert_eq!(report.state, Some(State::PRK));
//! assert_eq!(report.session.map(|s| s.number()), Some(6));
//! for r in &report.recommendations {
//!     // "91(1) [not_supported] Close all political prison camps (Canada)"
//!     println!("{} [{}] {} ({})", r.reference, r.status, r.text, r.recommending_raw.join(", "));
//! }
//! assert_eq!(report.recommendations[2].status, WorkingGroupStatus::NotSupported);
//!
//! let recs = report.to_recommendations()?;
//! let (kor, jpn) = (State::resolve("Republic of Korea")?, State::resolve("Japan")?);
//! assert_eq!(recs[1].recommending(), [kor, jpn]);
//! let first_response = recs[2].responses().latest().map(|e| e.status);
//! assert_eq!(first_response, Some(ResponseStatus::RejectedAtWorkingGroup));
//! # Ok::<(), upr::Error>(())
//! ```
//!
//! # Converting to upr/1 CSV and JSON
//!
//! [`format::upr1`](crate::format::upr1) writes recommendations in one versioned schema, as CSV
//! (one row each, the history as a JSON column) or JSON (a document that names its schema), and
//! reads them back to equal values. The columns and keys are documented there.
//!
//! ```
//! use upr::format::{upr1, Context, ReadOptions};
//! use upr::{Cycle, Dataset, Recommendation};
//!
//! let data = Dataset::dprk();
//! let first: Vec<&Recommendation> =
//!     data.recommendations.iter().filter(|r| r.cycle() == Cycle::FIRST).collect();
//!
//! let mut csv = Vec::new();
//! upr1::csv::write_recommendations(&mut csv, first.iter().copied())?;
//! let mut json = Vec::new();
//! upr1::json::write_recommendations(&mut json, first.iter().copied())?;
//!
//! let csv_text = String::from_utf8_lossy(&csv);
//! assert!(csv_text.starts_with("state_under_review,state_under_review_name,recommending,"));
//! assert!(String::from_utf8_lossy(&json).starts_with(r#"{"schema":"upr/1","recommendations":["#));
//!
//! let from_csv = upr1::csv::read_recommendations(&csv[..], &ReadOptions::new(), &Context::new())?;
//! let from_json = upr1::json::read_recommendations(&json[..], &ReadOptions::new(), &Context::new())?;
//! assert!(from_csv.records.iter().eq(first.iter().copied()));
//! assert!(from_json.records.iter().eq(first.iter().copied()));
//!
//! // One flat row per response event, for a spreadsheet.
//! let mut events = Vec::new();
//! upr1::csv::write_rows(&mut events, &upr1::response_event_rows(first.iter().copied()))?;
//! assert_eq!(String::from_utf8_lossy(&events).lines().count(), 1 + 3 * 117 + 2 * 50);
//! # Ok::<(), upr::Error>(())
//! ```
//!
//! To write to a file, use `write_recommendations_path`; `upr::format::upr_info` writes UPR
//! Info's own layout. The [formats page](crate::documentation::formats) has the command-line
//! converter.
//!
//! # Classifying a text, with its evidence
//!
//! The built-in [`Classifier`] gives a text UPR Info's issues and McMahon's action category
//! (1 minimal to 5 specific), and every label says why: the phrase, its byte span in the text,
//! and the rule (file and line) that matched.
//!
//! ```
//! use upr::Classifier;
//!
//! let text = "Abolish the death penalty and ratify the Second Optional Protocol to the ICCPR";
//! let out = Classifier::builtin().classify(text);
//! assert_eq!(out.action_category().map(|a| a.number()), Some(5));
//! for label in &out.issues {
//!     for e in &label.evidence {
//!         // "Death penalty: "death penalty" at 12..25 (data/rules/issues.tsv:45: ...)"
//!         println!("{}: {:?} at {:?} ({})", label.issue, e.phrase, e.span, e.rule);
//!         assert_eq!(&text[e.span.clone()], e.phrase);
//!     }
//! }
//! let issues: Vec<String> = out.issues().map(|i| i.to_string()).collect();
//! assert_eq!(issues, ["Death penalty", "International instruments"]);
//! ```
//!
//! For large batches, [`Classifier::label`] gives the labels without evidence and without
//! allocating. How the rules decide, and how well they agree with human labels: the
//! [classifier page](crate::documentation::classifier).
//!
//! # Grouping by the classifier's labels
//!
//! Tallies by [`Dimension::ActionCategory`], [`Dimension::Issue`] or [`Dimension::IssueFamily`]
//! use a recommendation's human labels by default (the first cycle carries UPR Info's); give the
//! query a labeler to use the classifier's instead, for recommendations nobody labelled.
//!
//! ```
//! use upr::{Classifier, Cycle, Dataset, Dimension, Query};
//!
//! let data = Dataset::dprk();
//! let by_category = Query::new().cycle(Cycle::FIRST).group_by(Dimension::ActionCategory);
//! let human = by_category.tally(&data.recommendations);
//! let machine = by_category.labeler(Classifier::builtin()).tally(&data.recommendations);
//! for row in &machine.rows {
//!     let labelled = human.row(&[row.key[0].as_str()]).map_or(0, |r| r.total);
//!     // "5: 72 recommendations (UPR Info: 64), accepted 17/72 = 23.61 %"
//!     let (category, n, accepted) = (&row.key[0], row.total, row.accepted);
//!     println!("{category}: {n} recommendations (UPR Info: {labelled}), accepted {accepted}");
//! }
//! assert_eq!(human.total().total, machine.total().total);
//! ```
//!
//! Any closure `Fn(&Recommendation) -> Labels` is a [`Labeler`] too.
//!
//! # Adding your own rules
//!
//! The classifier's rules are data: one rule a line, `label<TAB>phrase[<TAB>condition]...`
//! (the format is in [`classify::rules`](crate::classify::rules)). Parse your own, add them to
//! the built-in set, and build a classifier; a bad line is an error naming the file and line.
//!
//! ```
//! use upr::classify::{Classifier, Rules};
//!
//! let text = "End discrimination based on songbun";
//! assert_eq!(Classifier::rules_only().classify(text).issues().count(), 0);
//!
//! let my_rules = "# songbun: the DPRK's classification of citizens by family background\n\
//!                 CP rights - general\tsongbun\n";
//! let mine = Rules::parse(my_rules, "my-rules.tsv")?;
//! let mut rules = Rules::builtin().clone();
//! rules.extend(mine);
//! let classifier = Classifier::new(rules)?;
//! let issues: Vec<String> = classifier.classify(text).issues().map(|i| i.to_string()).collect();
//! assert_eq!(issues, ["CP rights - general"]);
//!
//! let typo = Rules::parse("CP rights - generl\tsongbun\n", "my-rules.tsv").unwrap_err();
//! assert_eq!(
//!     typo.to_string(),
//!     r#"my-rules.tsv: line 1: expected an issue in UPR Info's spelling or an action category 1-5, found "CP rights - generl""#
//! );
//! # Ok::<(), upr::Error>(())
//! ```
//!
//! [`Rules::from_path`](crate::classify::Rules::from_path) reads a file; use `Rules::new()`
//! instead of the built-in set to classify with your rules alone.
//!
//! # Listing disagreements between sources
//!
//! The dataset keeps every figure a source published, with its date and (for the seed texts) the
//! sentence that states it, rather than picking one. [`Dataset::disagreements`] lists each
//! quantity on which figures differ; some differ because they describe different dates, others
//! because the sources count differently.
//!
//! ```
//! use upr::Dataset;
//!
//! let data = Dataset::dprk();
//! for d in data.disagreements() {
//!     let topic = d.topic.as_deref().map(|t| format!(" ({t})")).unwrap_or_default();
//!     println!("cycle {} {}{topic}:", d.cycle, d.quantity);
//!     for v in &d.values {
//!         for f in data.figures.iter().filter(|f| v.figures.contains(&f.id)) {
//!             let who = data.source(&f.source).map_or("?", |s| s.publisher.as_str());
//!             // "  268 as of 2014-10: Korea Economic Institute of America (KEI)"
//!             println!("  {} as of {}: {who}", f.value, f.as_of);
//!             if let Some(quote) = &f.quote {
//!                 println!("    \"{quote}\"");
//!             }
//!         }
//!     }
//! }
//! let received_2 = data
//!     .disagreements()
//!     .into_iter()
//!     .find(|d| d.cycle.number() == 2 && d.quantity.to_string() == "received")
//!     .map(|d| d.values.iter().map(|v| v.value.to_string()).collect::<Vec<_>>());
//! assert_eq!(received_2, Some(vec!["268".to_string(), "269".to_string()]));
//! ```
//!
//! # Resolving State names
//!
//! Sources spell States in many ways. [`State::resolve`] accepts every spelling met in the data
//! (names, UPR Info's short forms, file names, alpha-3 codes; case, accents, punctuation and
//! spaces do not matter) and never guesses: an unknown name is an error.
//!
//! ```
//! use upr::State;
//!
//! for name in [
//!     "Democratic People\u{2019}s Republic of Korea",
//!     "DPR Korea",
//!     "Korea DPR",
//!     "democraticpeoplesrepublicofkorea",
//!     "PRK",
//! ] {
//!     assert_eq!(State::resolve(name)?, State::PRK);
//! }
//! let rok = State::resolve("Republic of Korea")?;
//! assert_eq!((rok.alpha3(), rok.name()), ("KOR", "Republic of Korea"));
//! assert_eq!(rok.regional_group().map(|g| g.to_string()).as_deref(), Some("Asia-Pacific States"));
//! let unknown = State::resolve("Atlantis").unwrap_err();
//! assert_eq!(unknown.to_string(), r#"unknown state name "Atlantis""#);
//! assert_eq!(State::all().len(), 193 + 2);
//! # Ok::<(), upr::Error>(())
//! ```
//!
//! The table behind it is `data/states.tsv`; run-together names such as UHRI's
//! `ChileEstoniaSloveniaTunisiaUruguay` are split by
//! [`split_states`](crate::format::uhri::split_states).

//!
//! [`Query`]: crate::Query
//! [`read_report`]: crate::format::wg_report::read_report
//! [`WgReport::to_recommendations`]: crate::format::wg_report::WgReport::to_recommendations
//! [`Query::timeline`]: crate::Query::timeline
//! [`Query::state_under_review`]: crate::Query::state_under_review
//! [`Query::recommending`]: crate::Query::recommending
//! [`Tally`]: crate::Tally
//! [`Dimension::Cycle`]: crate::Dimension::Cycle
//! [`Dimension::ActionCategory`]: crate::Dimension::ActionCategory
//! [`Dimension::Issue`]: crate::Dimension::Issue
//! [`Dimension::IssueFamily`]: crate::Dimension::IssueFamily
//! [`Convention`]: crate::Convention
//! [`Convention::FiveWay`]: crate::Convention::FiveWay
//! [`Convention::UprInfo`]: crate::Convention::UprInfo
//! [`ReadReport`]: crate::ReadReport
//! [`ReadOptions`]: crate::ReadOptions
//! [`Recommendation`]: crate::Recommendation
//! [`Classifier`]: crate::Classifier
//! [`Classifier::label`]: crate::Classifier::label
//! [`Labeler`]: crate::Labeler
//! [`Dataset::disagreements`]: crate::Dataset::disagreements
//! [`State::resolve`]: crate::State::resolve
