//! The default rule set's intent, rule by rule, through the library's evaluation.

use hsb::content::continuum::StrategyStatus;
use hsb::content::questions::FieldKind;
use hsb::content::{Content, ContentPaths};
use hsb::engine::{Clarify, Outcome, evaluate};
use hsb::report::View;
use hsb::{content::answer::Answer, record::Record};

fn content() -> Content {
    Content::load(&ContentPaths::default()).expect("the built-in content loads")
}

/// A record built answer by answer, starting from a fully known, unconcerning case.
struct Case {
    content: Content,
    record: Record,
}

impl Case {
    /// Green self-touching at home by a six-year-old, nobody else involved, every factor `no`.
    fn alone() -> Self {
        let mut case = Case {
            content: content(),
            record: Record::default(),
        };
        for (key, value) in [
            ("what_happened.description", "Described in the test."),
            ("what_happened.behaviours", "self_touching"),
            ("developmental.age", "6"),
            ("developmental.traffic_light", "green"),
            ("developmental.sophisticated_understanding", "no"),
            ("developmental.diagnosis_affects_understanding", "no"),
            ("context.setting", "home"),
            ("context.activities", "playing"),
            ("context.adult_conflict", "no"),
            ("others.involved", "no"),
            ("discovery.how", "observed"),
            ("discovery.secrecy", "no"),
            ("pattern.isolated", "yes"),
            ("pattern.escalating", "no"),
            ("pattern.previous_response_ineffective", "not_applicable"),
            ("other_factors.aggression_or_violence", "no"),
            ("other_factors.adult_involvement", "no"),
            ("other_factors.filming", "no"),
            ("other_factors.exploitation", "no"),
        ] {
            case = case.set(key, value);
        }
        case
    }

    /// Mutual, green behaviour between two children of the same age and power.
    fn with_peer() -> Self {
        Case::alone()
            .set("others.involved", "yes")
            .set("others.relationship", "peer")
            .set("others.power_imbalance", "none")
            .set("others.able_to_consent", "yes")
            .set("others.coercion", "no")
            .set("others.perception", "mutual")
    }

    /// Set an answer; lists take comma-separated values.
    fn set(mut self, key: &str, value: &str) -> Self {
        let field = self.content.questions.field(key).expect("a known field");
        let answer = match field.kind {
            FieldKind::Text => Answer::Text(value.to_string()),
            FieldKind::Choice(_) => Answer::Choice(value.to_string()),
            FieldKind::List(_) => Answer::List(value.split(',').map(str::to_string).collect()),
            FieldKind::Number { .. } => Answer::Number(value.parse().expect("a number")),
        };
        self.record.answers.insert(key.to_string(), answer);
        self
    }

    fn unknown(mut self, key: &str) -> Self {
        self.record.answers.remove(key);
        self
    }

    fn outcome(&self) -> Outcome {
        evaluate(&self.content, &self.record)
    }

    /// The result in words, as every report shows it.
    fn view(&self) -> View {
        View::new("test", &self.content, &self.record, &self.outcome())
    }

    fn level(&self) -> String {
        let outcome = self.outcome();
        self.content
            .continuum
            .placement_id(outcome.level)
            .to_string()
    }

    fn strategy(&self) -> StrategyStatus {
        self.outcome().strategy.status
    }

    fn fired(&self) -> Vec<String> {
        self.outcome().fired.into_iter().map(|f| f.id).collect()
    }

    fn clarify_fields(&self) -> Vec<String> {
        self.outcome()
            .clarify
            .into_iter()
            .filter_map(|c| match c {
                Clarify::Answer { field, .. } => Some(field),
                _ => None,
            })
            .collect()
    }
}

// ---- normal --------------------------------------------------------------------------------

#[test]
fn green_behaviour_alone_is_normal_and_certain() {
    let case = Case::alone();
    assert_eq!(case.level(), "normal");
    assert_eq!(case.strategy(), StrategyStatus::NotIndicated);
    assert!(!case.outcome().provisional);
    assert_eq!(case.fired(), vec!["green-mutual"]);
}

#[test]
fn green_mutual_behaviour_between_equals_is_normal() {
    let case = Case::with_peer().set("what_happened.behaviours", "looking,exposing");
    assert_eq!(case.level(), "normal");
    assert!(!case.outcome().provisional);
}

#[test]
fn behaviour_type_alone_never_decides_the_level() {
    let case = Case::with_peer()
        .set("developmental.age", "16")
        .set("others.age", "16")
        .set("what_happened.behaviours", "penetration")
        .set("pattern.isolated", "no");
    assert_eq!(case.level(), "normal");
    assert_eq!(case.strategy(), StrategyStatus::NotIndicated);
}

// ---- violent -------------------------------------------------------------------------------

#[test]
fn aggression_in_contact_behaviour_is_violent_and_requires_a_strategy_discussion() {
    let case = Case::with_peer()
        .set("what_happened.behaviours", "touching_over_clothes")
        .set("other_factors.aggression_or_violence", "yes");
    assert_eq!(case.level(), "violent");
    assert_eq!(case.strategy(), StrategyStatus::Required);
    assert!(case.fired().contains(&"violent-contact".to_string()));
}

#[test]
fn aggression_without_contact_requires_a_strategy_discussion_but_is_not_violent() {
    let case = Case::with_peer()
        .set("what_happened.behaviours", "sexual_language")
        .set("other_factors.aggression_or_violence", "yes");
    assert_ne!(case.level(), "violent");
    assert_eq!(case.strategy(), StrategyStatus::Required);
    assert!(case.fired().contains(&"aggression-or-violence".to_string()));
}

// ---- abusive -------------------------------------------------------------------------------

#[test]
fn contact_with_someone_unable_to_consent_is_abusive_when_it_mattered() {
    let case = Case::with_peer()
        .set("what_happened.behaviours", "touching_under_clothes")
        .set("developmental.traffic_light", "amber")
        .set("others.able_to_consent", "no");
    assert_eq!(case.level(), "abusive");
    // The placement itself requires a strategy discussion.
    assert_eq!(case.strategy(), StrategyStatus::Required);
    // Non-contact behaviour: problematic, unless other abusive features are present.
    let looking = Case::with_peer()
        .set("what_happened.behaviours", "looking")
        .set("developmental.traffic_light", "amber")
        .set("others.able_to_consent", "no");
    assert_eq!(looking.level(), "problematic");
}

#[test]
fn young_childrens_green_mutual_play_is_normal_though_they_cannot_consent() {
    let case = Case::with_peer()
        .set("developmental.age", "4")
        .set("what_happened.behaviours", "looking,touching_under_clothes")
        .set("others.able_to_consent", "no");
    assert_eq!(case.level(), "normal");
    assert_eq!(case.strategy(), StrategyStatus::NotIndicated);
    // A willing playmate is "the other child involved", not "the child harmed".
    assert_eq!(case.outcome().other_role, hsb::engine::OtherRole::Involved);
}

#[test]
fn distress_alone_is_problematic_and_abusive_with_contact() {
    let upset = Case::with_peer().set("others.perception", "distressed");
    assert_eq!(upset.level(), "problematic");
    assert_eq!(upset.strategy(), StrategyStatus::Consider);
    assert_eq!(upset.outcome().other_role, hsb::engine::OtherRole::Harmed);
    assert_eq!(
        Case::with_peer()
            .set("others.perception", "distressed")
            .set("what_happened.behaviours", "touching_over_clothes")
            .level(),
        "abusive"
    );
}

#[test]
fn coercion_is_abusive_and_requires_a_strategy_discussion() {
    let case = Case::with_peer().set("others.coercion", "yes");
    assert_eq!(case.level(), "abusive");
    assert_eq!(case.strategy(), StrategyStatus::Required);
    let reasons = case.outcome().strategy.reasons;
    assert!(reasons.iter().any(|r| r.rule() == "coercion"));
}

#[test]
fn significant_power_difference_is_abusive_only_with_contact() {
    let contact = Case::with_peer()
        .set("others.power_imbalance", "significant")
        .set("what_happened.behaviours", "touching_under_clothes");
    assert_eq!(contact.level(), "abusive");
    let no_contact = Case::with_peer()
        .set("others.power_imbalance", "significant")
        .set("what_happened.behaviours", "sexual_language");
    assert_eq!(no_contact.level(), "problematic");
}

#[test]
fn intrusive_contact_with_a_younger_child_is_abusive() {
    for behaviour in ["penetration", "oral_genital_contact"] {
        let case = Case::with_peer()
            .set("others.relationship", "younger_child")
            .set("what_happened.behaviours", behaviour);
        assert_eq!(case.level(), "abusive", "{behaviour}");
    }
    let touching = Case::with_peer()
        .set("others.relationship", "younger_child")
        .set("what_happened.behaviours", "touching_over_clothes");
    assert_eq!(touching.level(), "normal");
}

#[test]
fn filming_another_child_is_abusive_and_requires_a_strategy_discussion() {
    let case = Case::with_peer().set("other_factors.filming", "yes");
    assert_eq!(case.level(), "abusive");
    assert_eq!(case.strategy(), StrategyStatus::Required);
    let outcome = case.outcome();
    assert!(
        outcome
            .child_responses
            .iter()
            .any(|r| r.id == "images-do-not-view")
    );
    assert!(
        outcome
            .harmed_child_responses
            .iter()
            .any(|r| r.id == "images-take-down")
    );
}

#[test]
fn filming_with_nobody_else_involved_requires_a_strategy_discussion_without_abusive_placement() {
    let case = Case::alone().set("other_factors.filming", "yes");
    assert_eq!(case.strategy(), StrategyStatus::Required);
    assert_eq!(case.level(), "normal");
}

#[test]
fn adult_involvement_requires_a_strategy_discussion_and_safeguarding_for_the_child() {
    let case = Case::with_peer().set("other_factors.adult_involvement", "yes");
    assert_eq!(case.strategy(), StrategyStatus::Required);
    let view = case.view();
    assert!(
        view.responses
            .child
            .iter()
            .any(|r| r.id == "safeguard-child-adult-involvement" && r.text.contains("exploitation"))
    );
}

// ---- problematic ---------------------------------------------------------------------------

#[test]
fn red_behaviour_is_at_least_problematic() {
    assert_eq!(
        Case::alone()
            .set("developmental.traffic_light", "red")
            .level(),
        "problematic"
    );
}

#[test]
fn repeated_or_escalating_or_persistent_amber_behaviour_is_problematic() {
    let amber = Case::alone().set("developmental.traffic_light", "amber");
    assert_eq!(amber.level(), "inappropriate");
    for (key, value) in [
        ("pattern.isolated", "no"),
        ("pattern.escalating", "yes"),
        ("pattern.previous_response_ineffective", "yes"),
    ] {
        let case = Case::alone()
            .set("developmental.traffic_light", "amber")
            // Earlier responses are asked about only when it is not a one-off.
            .unknown("pattern.isolated")
            .set(key, value);
        assert_eq!(case.level(), "problematic", "{key}: {value}");
    }
}

#[test]
fn after_a_one_off_earlier_incidents_and_responses_do_not_apply() {
    // A one-off has no earlier incidents or responses: they are not asked, and an answer to
    // them (from a file) is set aside rather than counted.
    let case = Case::alone()
        .set("developmental.traffic_light", "amber")
        .set("pattern.previous_response_ineffective", "yes");
    assert_eq!(case.level(), "inappropriate");
    let case = case.set("pattern.isolated", "no");
    assert_eq!(case.level(), "problematic");
}

#[test]
fn repeated_green_behaviour_is_still_green() {
    let case = Case::alone()
        .set("pattern.isolated", "no")
        .set("pattern.previous_incidents", "4");
    assert_eq!(case.level(), "normal");
}

#[test]
fn unclear_consent_some_power_difference_or_unwanted_behaviour_is_problematic() {
    for (key, value) in [
        ("others.able_to_consent", "unclear"),
        ("others.power_imbalance", "some"),
        ("others.perception", "uncomfortable"),
        ("others.perception", "minimising_or_confused"),
    ] {
        assert_eq!(
            Case::with_peer().set(key, value).level(),
            "problematic",
            "{key}: {value}"
        );
    }
}

#[test]
fn sophisticated_sexual_knowledge_is_problematic() {
    let case = Case::alone().set("developmental.sophisticated_understanding", "yes");
    assert_eq!(case.level(), "problematic");
    assert!(
        case.outcome()
            .child_responses
            .iter()
            .any(|r| r.id == "sophisticated-knowledge-source")
    );
}

// ---- inappropriate -------------------------------------------------------------------------

#[test]
fn green_behaviour_is_never_raised_by_its_setting_alone() {
    for setting in ["school", "community", "home"] {
        assert_eq!(
            Case::alone().set("context.setting", setting).level(),
            "normal"
        );
    }
    // With the colour not known, the setting matters: clarify it.
    let case = Case::alone()
        .set("context.setting", "school")
        .unknown("developmental.traffic_light");
    assert!(case.outcome().provisional);
    assert!(
        case.clarify_fields()
            .contains(&"developmental.traffic_light".to_string())
    );
    assert_eq!(
        Case::alone()
            .set("context.setting", "school")
            .set("developmental.traffic_light", "amber")
            .level(),
        "inappropriate"
    );
}

// ---- not known never reassures --------------------------------------------------------------

#[test]
fn an_unknown_other_factor_means_consider_a_strategy_discussion_and_clarify_it() {
    for key in [
        "other_factors.filming",
        "other_factors.adult_involvement",
        "other_factors.aggression_or_violence",
    ] {
        let case = Case::with_peer().unknown(key);
        assert_eq!(case.strategy(), StrategyStatus::Consider, "{key}");
        assert!(case.outcome().provisional, "{key}");
        assert!(case.clarify_fields().contains(&key.to_string()), "{key}");
        let reasons = case.view().strategy_discussion.reasons;
        assert!(
            reasons.iter().any(|r| r.text.contains(key)),
            "{key}: {reasons:?}"
        );
    }
}

#[test]
fn unknown_coercion_means_consider_a_strategy_discussion() {
    let case = Case::with_peer().unknown("others.coercion");
    assert_eq!(case.strategy(), StrategyStatus::Consider);
    assert!(
        case.clarify_fields()
            .contains(&"others.coercion".to_string())
    );
}

#[test]
fn unknown_answers_never_lower_the_level() {
    let known = Case::with_peer().set("developmental.traffic_light", "red");
    let with_unknowns = Case::with_peer()
        .set("developmental.traffic_light", "red")
        .unknown("others.perception")
        .unknown("others.power_imbalance");
    assert_eq!(known.level(), "problematic");
    assert_eq!(with_unknowns.level(), "problematic");
    assert!(with_unknowns.outcome().provisional);
}

#[test]
fn an_unknown_traffic_light_makes_the_result_provisional() {
    let case = Case::alone().unknown("developmental.traffic_light");
    assert!(case.outcome().provisional);
    assert!(
        case.clarify_fields()
            .contains(&"developmental.traffic_light".to_string())
    );
}

#[test]
fn details_about_another_child_do_not_apply_when_nobody_else_was_involved() {
    let case = Case::alone();
    let outcome = case.outcome();
    assert!(!outcome.provisional);
    assert!(
        case.clarify_fields()
            .iter()
            .all(|k| !k.starts_with("others."))
    );
    assert!(outcome.harmed_child_responses.is_empty());
    assert_eq!(outcome.other_child, Some(false));
}

#[test]
fn unknown_involvement_keeps_the_other_child_in_view() {
    let case = Case::alone().unknown("others.involved");
    let outcome = case.outcome();
    assert!(outcome.provisional);
    assert_eq!(outcome.other_child, None);
    assert!(!outcome.harmed_child_responses.is_empty());
    assert!(
        case.clarify_fields()
            .contains(&"others.coercion".to_string())
    );
}

#[test]
fn unknowns_that_cannot_raise_anything_do_not_make_the_result_provisional() {
    // Already abusive with a required strategy discussion: unknown coercion changes nothing.
    let case = Case::with_peer()
        .set("what_happened.behaviours", "touching_under_clothes")
        .set("developmental.traffic_light", "amber")
        .set("others.able_to_consent", "no")
        .unknown("others.coercion");
    assert_eq!(case.level(), "abusive");
    assert!(!case.outcome().provisional);
}

// ---- explainable, both children, deterministic ---------------------------------------------

#[test]
fn every_fired_rule_names_the_answers_it_matched() {
    let case = Case::with_peer()
        .set("others.coercion", "yes")
        .set("what_happened.behaviours", "touching_under_clothes")
        .set("others.power_imbalance", "significant");
    for fired in case.outcome().fired {
        assert!(!fired.answers.is_empty(), "{} names no answers", fired.id);
    }
    let power = case
        .outcome()
        .fired
        .into_iter()
        .find(|f| f.id == "power-contact")
        .expect("power-contact fired");
    assert_eq!(
        power.answers,
        vec![
            "what_happened.behaviours",
            "others.relationship",
            "others.power_imbalance"
        ]
    );
}

#[test]
fn responses_cover_both_children_above_normal() {
    let case = Case::with_peer().set("others.coercion", "yes");
    let outcome = case.outcome();
    assert!(
        outcome
            .child_responses
            .iter()
            .any(|r| r.id == "report-social-services")
    );
    assert!(
        outcome
            .harmed_child_responses
            .iter()
            .any(|r| r.id == "listen-record-account")
    );
    let view = case.view();
    assert!(
        view.responses
            .child
            .iter()
            .all(|r| !r.from.is_empty() && !r.text.is_empty())
    );
}

#[test]
fn evaluation_is_deterministic() {
    let case = Case::with_peer()
        .unknown("others.coercion")
        .set("developmental.traffic_light", "amber");
    assert_eq!(case.outcome(), case.outcome());
}

// ---- the second revision's edge cases -----------------------------------------------------------

/// A fourteen-year-old sent their own image to someone met online.
fn own_image_online() -> Case {
    Case::with_peer()
        .set("developmental.age", "14")
        .set("developmental.traffic_light", "amber")
        .set("what_happened.behaviours", "images")
        .set("what_happened.images_of", "self")
        .set("what_happened.images_shared", "with_unknown_contact")
        .set("others.relationship", "online_contact")
}

#[test]
fn a_child_who_extorts_another_child_met_online_is_not_treated_as_the_one_at_risk() {
    let extorting = Case::with_peer()
        .set("developmental.age", "16")
        .set("what_happened.behaviours", "images")
        .set("what_happened.images_of", "similar_age_child")
        .set("what_happened.images_agreed", "no")
        .set("what_happened.images_shared", "with_others")
        .set("others.relationship", "online_contact")
        .set("others.coercion", "yes")
        .set("others.perception", "distressed")
        .set("other_factors.exploitation", "yes");
    let outcome = extorting.outcome();
    assert_eq!(extorting.level(), "abusive");
    assert_ne!(outcome.other_role, hsb::engine::OtherRole::ActedOnChild);
    assert!(!outcome.harmed_child_responses.is_empty());
    // The child who sent their own image is the one at risk.
    let at_risk = own_image_online().outcome();
    assert_eq!(at_risk.other_role, hsb::engine::OtherRole::ActedOnChild);
    assert_eq!(at_risk.level, None);
    assert!(at_risk.harmed_child_responses.is_empty());
}

#[test]
fn bedtime_alone_does_not_make_young_childrens_mutual_play_abusive() {
    let case = Case::with_peer()
        .set("developmental.age", "4")
        .set("what_happened.behaviours", "touching_under_clothes")
        .set("context.activities", "bedtime_or_sleeping")
        .set("others.relationship", "sibling")
        .set("others.able_to_consent", "no");
    assert_eq!(case.level(), "normal");
}

#[test]
fn a_willing_exchange_needs_both_young_people_to_be_thirteen_or_over() {
    let exchange = |other_age: &str| {
        Case::with_peer()
            .set("developmental.age", "13")
            .set("developmental.traffic_light", "amber")
            .set("what_happened.behaviours", "images")
            .set("what_happened.images_of", "self,similar_age_child")
            .set("what_happened.images_agreed", "yes")
            .set("what_happened.images_shared", "with_other_child")
            .set("what_happened.images_show", "sexual_acts")
            .set("others.age", other_age)
    };
    assert!(
        exchange("13")
            .fired()
            .contains(&"self-images-between-willing-peers".to_string())
    );
    let younger = exchange("12");
    assert!(
        !younger
            .fired()
            .contains(&"self-images-between-willing-peers".to_string())
    );
    // Sexual acts and a child pictured under 13: refer at once.
    assert_eq!(younger.strategy(), StrategyStatus::Required);
}

#[test]
fn photographing_a_younger_child_without_agreement_is_abusive_even_if_not_shared() {
    let case = Case::with_peer()
        .set("developmental.age", "15")
        .set("developmental.traffic_light", "red")
        .set("what_happened.behaviours", "images")
        .set("what_happened.images_of", "younger_child")
        .set("what_happened.images_agreed", "no")
        .set("what_happened.images_shared", "not_shared")
        .set("others.relationship", "younger_child");
    assert_eq!(case.level(), "abusive");
}

#[test]
fn repeated_sexual_remarks_that_frighten_one_child_are_abusive() {
    let case = Case::with_peer()
        .set("developmental.traffic_light", "amber")
        .set("what_happened.behaviours", "sexual_language")
        .set("others.perception", "distressed")
        .set("pattern.isolated", "no")
        .set("pattern.previous_response_ineffective", "yes");
    assert_eq!(case.level(), "abusive");
}
