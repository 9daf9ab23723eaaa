//! "Did you mean …?" suggestions for misspelt ids and values.

/// The candidate closest to `input` by edit distance (`strsim`'s Damerau–Levenshtein, so that
/// two letters swapped count as one slip), if it is close enough to be a likely typo: one slip
/// in a short word, one in three letters in a longer one.
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input_lower = input.to_lowercase();
    let length = input.chars().count();
    let limit = if length < 6 { 1 } else { length / 3 };
    candidates
        .into_iter()
        .map(|candidate| {
            let distance = strsim::damerau_levenshtein(&input_lower, &candidate.to_lowercase());
            (distance, candidate)
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, candidate)| candidate)
}

/// A hint, to be said in the reader's language: "did you mean `x`?" or, failing that, the
/// allowed values.
pub fn hint_said<'a, I>(input: &str, candidates: I) -> crate::text::messages::Message
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    match closest(input, candidates.clone()) {
        Some(found) => crate::message!(DidYouMean, found = found),
        None => crate::message!(AllowedValues, values = join(candidates)),
    }
}

/// "did you mean `x`?" then the allowed values, or "use one of the allowed values: …".
pub fn hint_with_allowed<'a, I>(input: &str, candidates: I) -> crate::text::messages::Message
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    hint_with_listed(input, candidates.clone(), &join(candidates))
}

/// [`hint_with_allowed`], with what is allowed written out as `listed` (the candidates and
/// more, such as `unknown`, which is never suggested).
pub fn hint_with_listed<'a, I>(
    input: &str,
    candidates: I,
    listed: &str,
) -> crate::text::messages::Message
where
    I: IntoIterator<Item = &'a str>,
{
    match closest(input, candidates) {
        Some(found) => crate::message!(
            HintWithAllowed,
            values = listed;
            said hint = crate::message!(DidYouMean, found = found)
        ),
        None => crate::message!(UseOneOf, values = listed),
    }
}

/// Join values as `a`, `b`, `c`, each once, in the order first given (responses shared by
/// several levels and rules are listed once).
pub fn join<'a, I>(values: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    let mut seen = std::collections::HashSet::new();
    values
        .into_iter()
        .filter(|v| seen.insert(*v))
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_values_are_listed_once_each_in_order() {
        assert_eq!(join(["b", "a", "b", "c", "a"]), "`b`, `a`, `c`");
    }

    #[test]
    fn finds_a_typo() {
        let values = ["sibling", "peer", "younger_child"];
        assert_eq!(closest("youngr_child", values), Some("younger_child"));
        assert_eq!(closest("sibbling", values), Some("sibling"));
    }

    #[test]
    fn swapped_letters_and_short_words() {
        assert_eq!(closest("yse", ["yes", "no"]), Some("yes"));
        assert_eq!(closest("al", ["all", "any", "not"]), Some("all"));
        assert_eq!(
            closest("at_lest", ["at_least", "at_most"]),
            Some("at_least")
        );
        // A short name is not taken for a typo of a short word.
        assert_eq!(closest("Bob", ["yes", "no", "unknown"]), None);
    }

    #[test]
    fn does_not_suggest_something_unrelated() {
        assert_eq!(closest("banana", ["sibling", "peer"]), None);
        assert_eq!(
            hint_said("banana", ["sibling", "peer"]).render(crate::text::lang::Lang::En),
            "allowed: `sibling`, `peer`"
        );
    }
}
