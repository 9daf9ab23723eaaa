//! "Did you mean …?" suggestions for misspelt ids and values.

/// The candidate closest to `input` by edit distance, if it is close enough to be a likely typo.
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input_lower = input.to_lowercase();
    let limit = (input.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|candidate| (distance(&input_lower, &candidate.to_lowercase()), candidate))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, candidate)| candidate)
}

/// A hint sentence: "did you mean `x`?" or, failing that, the allowed values.
pub fn hint<'a, I>(input: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    match closest(input, candidates.clone()) {
        Some(found) => format!("did you mean `{found}`?"),
        None => format!("allowed: {}", join(candidates)),
    }
}

/// Join values as `a`, `b`, `c`.
pub fn join<'a, I>(values: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    values
        .into_iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            let delete = previous[j + 1] + 1;
            let insert = current[j] + 1;
            current.push(substitute.min(delete).min(insert));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_typo() {
        let values = ["sibling", "peer", "younger_child"];
        assert_eq!(closest("youngr_child", values), Some("younger_child"));
        assert_eq!(closest("sibbling", values), Some("sibling"));
    }

    #[test]
    fn does_not_suggest_something_unrelated() {
        assert_eq!(closest("banana", ["sibling", "peer"]), None);
        assert_eq!(
            hint("banana", ["sibling", "peer"]),
            "allowed: `sibling`, `peer`"
        );
    }
}
