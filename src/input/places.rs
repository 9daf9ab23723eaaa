//! Where things are in a YAML file, from a parser's marks: every key and value (scalar) with its
//! line and column, in document order. Comments are not in it, and a quoted key is found by what
//! it says, so a diagnostic points at the key or value itself and never at a word in a comment.

/// One key or value, where the parser found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    /// 1-based line and column (in characters) of its first character (its quote, if quoted).
    pub line: usize,
    pub column: usize,
    /// A mapping key, rather than a value.
    pub key: bool,
    /// Plain (unquoted) and on one line: a word inside it can be pointed at exactly.
    pub plain: bool,
}

/// Where a collection is, while walking the events: in a mapping, keys and values alternate.
enum Within {
    Mapping { key_next: bool },
    Sequence,
}

/// Every key and value of `text`, or `None` when it does not parse.
pub fn tokens(text: &str) -> Option<Vec<Token>> {
    use saphyr_parser::{Event, Parser, ScalarStyle};
    let mut out = Vec::new();
    let mut stack: Vec<Within> = Vec::new();
    // Whether the next node is a key, and flip the mapping's turn.
    let take_turn = |stack: &mut Vec<Within>| match stack.last_mut() {
        Some(Within::Mapping { key_next }) => {
            let key = *key_next;
            *key_next = !key;
            key
        }
        _ => false,
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = event.ok()?;
        match event {
            Event::Scalar(value, style, ..) => {
                let key = take_turn(&mut stack);
                out.push(Token {
                    plain: style == ScalarStyle::Plain && !value.contains('\n'),
                    text: value.into_owned(),
                    line: span.start.line(),
                    column: span.start.col() + 1,
                    key,
                });
            }
            Event::Alias(_) => {
                take_turn(&mut stack);
            }
            Event::MappingStart(..) => {
                take_turn(&mut stack);
                stack.push(Within::Mapping { key_next: true });
            }
            Event::SequenceStart(..) => {
                take_turn(&mut stack);
                stack.push(Within::Sequence);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    Some(out)
}

/// The place of the last of `anchors`, each found after the one before, in document order:
/// `"key: value"` is a key with that value, `"key:"` a key, and anything else a key or value
/// that is the word, or (in plain text on one line) contains it as a whole word.
pub fn locate(tokens: &[Token], anchors: &[&str]) -> Option<(usize, usize)> {
    let mut at = 0;
    let mut found = None;
    for anchor in anchors {
        let (index, place) = find(tokens, anchor, at)?;
        found = Some(place);
        at = index + 1;
    }
    found
}

/// The index of the token `anchor` matches at or after `from` (its key, for a pair), and the
/// place to point at.
fn find(tokens: &[Token], anchor: &str, from: usize) -> Option<(usize, (usize, usize))> {
    let rest = tokens.get(from..)?;
    let found = |i: usize| {
        let token = tokens.get(from + i)?;
        Some((from + i, (token.line, token.column)))
    };
    if let Some(key) = anchor.strip_suffix(':') {
        let i = rest.iter().position(|t| t.key && t.text == key)?;
        return found(i);
    }
    if let Some((key, value)) = anchor.split_once(": ") {
        let i = rest.windows(2).position(|pair| match pair {
            [k, v] => k.key && k.text == key && !v.key && v.text == value,
            _ => false,
        })?;
        return found(i);
    }
    let i = rest
        .iter()
        .position(|t| t.text == anchor || (t.plain && word_at(&t.text, anchor).is_some()))?;
    let token = rest.get(i)?;
    let offset = if token.text == anchor {
        0
    } else {
        word_at(&token.text, anchor).unwrap_or(0)
    };
    Some((from + i, (token.line, token.column + offset)))
}

/// The character offset of `word` in `text`, as a whole word (not inside a longer identifier).
fn word_at(text: &str, word: &str) -> Option<usize> {
    let byte = find_word(text, word, 0)?;
    Some(text.get(..byte).map_or(0, |s| s.chars().count()))
}

/// The byte offset of `word` at or after byte `from` of `text`, as a whole word (not inside a
/// longer identifier): the same search over a parsed value or, for a file that does not parse,
/// over its text.
pub fn find_word(text: &str, word: &str, from: usize) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    let is_ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut at = from;
    while let Some(rest) = text.get(at..) {
        let start = at + rest.find(word)?;
        let end = start + word.len();
        let before = text.get(..start).and_then(|s| s.chars().next_back());
        let after = text.get(end..).and_then(|s| s.chars().next());
        if !is_ident(before) && !is_ident(after) {
            return Some(start);
        }
        at = end;
    }
    None
}

/// One step of a path into a document: a mapping's key, or a list's position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A key given twice in one mapping: where each is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub first: (usize, usize),
    pub second: (usize, usize),
}

/// Where the walk is: a mapping (whose keys and values alternate) or a list.
struct Frame {
    mapping: bool,
    key_next: bool,
    /// The key whose value comes next, in a mapping; the next position, in a list.
    key: String,
    index: usize,
    /// Whether entering this collection added a step to the path.
    stepped: bool,
    seen: std::collections::HashMap<String, (usize, usize)>,
}

/// Every key of `text`'s mappings in document order, each with the path of the mapping it is
/// in and its place; stops at the first event the parser refuses. `visit` returns `false` to
/// stop early.
fn walk_keys(
    text: &str,
    mut visit: impl FnMut(&[Segment], &str, (usize, usize), &mut Frame) -> bool,
) {
    use saphyr_parser::{Event, Parser};
    let mut path: Vec<Segment> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { return };
        let place = (span.start.line(), span.start.col() + 1);
        let start = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
        match event {
            Event::Scalar(..)
            | Event::Alias(_)
            | Event::MappingStart(..)
            | Event::SequenceStart(..) => {
                let mut stepped = false;
                if let Some(frame) = stack.last_mut() {
                    if frame.mapping && frame.key_next {
                        frame.key_next = false;
                        frame.key = match &event {
                            Event::Scalar(value, ..) => value.to_string(),
                            _ => String::new(),
                        };
                        if let Event::Scalar(value, ..) = &event {
                            let key = value.to_string();
                            if !visit(&path, &key, place, frame) {
                                return;
                            }
                        }
                        if start {
                            // A collection as a key: its insides are not a path anyone names.
                            path.push(Segment::Key(String::new()));
                            stepped = true;
                        }
                    } else if frame.mapping {
                        frame.key_next = true;
                        if start {
                            path.push(Segment::Key(frame.key.clone()));
                            stepped = true;
                        }
                    } else {
                        if start {
                            path.push(Segment::Index(frame.index));
                            stepped = true;
                        }
                        frame.index += 1;
                    }
                }
                if start {
                    stack.push(Frame {
                        mapping: matches!(event, Event::MappingStart(..)),
                        key_next: true,
                        key: String::new(),
                        index: 0,
                        stepped,
                        seen: Default::default(),
                    });
                }
            }
            Event::MappingEnd | Event::SequenceEnd
                if stack.pop().is_some_and(|frame| frame.stepped) =>
            {
                path.pop();
            }
            _ => {}
        }
    }
}

/// Every key given twice in one mapping, in document order.
pub fn duplicate_keys(text: &str) -> Vec<Duplicate> {
    let mut out = Vec::new();
    walk_keys(text, |_, key, place, frame| {
        match frame.seen.get(key) {
            Some(first) => out.push(Duplicate {
                first: *first,
                second: place,
            }),
            None => {
                frame.seen.insert(key.to_string(), place);
            }
        }
        true
    });
    out
}

/// The place of the key at `path` (the last step a key).
pub fn key_place(text: &str, path: &[Segment]) -> Option<(usize, usize)> {
    let (Segment::Key(wanted), parent) = path.split_last()? else {
        return None;
    };
    let mut found = None;
    walk_keys(text, |at, key, place, _| {
        if at == parent && key == wanted {
            found = Some(place);
            return false;
        }
        true
    });
    found
}

/// The keys of every mapping at `parent`'s place, any list position matching any other (the
/// keys written in every rule, for `rules[3]`).
pub fn keys_beside(text: &str, parent: &[Segment]) -> Vec<String> {
    let same = |at: &[Segment]| {
        at.len() == parent.len()
            && at.iter().zip(parent).all(|pair| match pair {
                (Segment::Index(_), Segment::Index(_)) => true,
                (a, b) => a == b,
            })
    };
    let mut out = Vec::new();
    walk_keys(text, |at, key, _, _| {
        if same(at) && !out.iter().any(|k| k == key) {
            out.push(key.to_string());
        }
        true
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(text: &str, anchors: &[&str]) -> Option<(usize, usize)> {
        locate(&tokens(text).expect("parses"), anchors)
    }

    #[test]
    fn keys_and_values_in_order() {
        let text = "rules:\n  - id: a\n    when: x\n  - id: b\n    when: x\n";
        assert_eq!(place(text, &["id: b", "x"]), Some((5, 11)));
        assert_eq!(place(text, &["id: c"]), None);
        assert_eq!(place(text, &["rules:"]), Some((1, 1)));
    }

    #[test]
    fn a_quoted_key_is_found_by_what_it_says() {
        let text = "answers:\n  \"others.coersion\": yes\n";
        assert_eq!(place(text, &["answers", "others.coersion"]), Some((2, 3)));
    }

    #[test]
    fn a_word_in_a_comment_is_never_the_place() {
        let text = "# age is asked first\nanswers:\n  # the age below\n  age: 4\n";
        assert_eq!(place(text, &["age"]), Some((4, 3)));
    }

    #[test]
    fn duplicate_keys_at_both_places_and_keys_by_path() {
        let text = "rules:\n  - id: a\n    level: x\n    level: y\n  - id: b\n    when: z\n";
        assert_eq!(
            duplicate_keys(text),
            vec![Duplicate {
                first: (3, 5),
                second: (4, 5)
            }]
        );
        let rules = |i| vec![Segment::Key("rules".into()), Segment::Index(i)];
        let mut when = rules(1);
        when.push(Segment::Key("when".into()));
        assert_eq!(key_place(text, &when), Some((6, 5)));
        assert_eq!(keys_beside(text, &rules(7)), vec!["id", "level", "when"]);
        assert!(duplicate_keys("a: {b: 1}\nc: {b: 2}\n").is_empty());
    }

    #[test]
    fn whole_words_inside_plain_text() {
        assert_eq!(place("others.age: 3\nage: 4\n", &["age"]), Some((1, 8)));
        assert_eq!(place("agent: 3\nage: 4\n", &["age"]), Some((2, 1)));
        assert_eq!(place("when: [a, touchng]\n", &["touchng"]), Some((1, 11)));
    }
}
