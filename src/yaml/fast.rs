//! A fast reader for the plain block YAML that records are usually written in.
//!
//! `hsb test` over thousands of scenarios spends most of its time in the general YAML parser.
//! This reader handles only the simple subset hsb itself writes and most people type: block
//! mappings and sequences, plain and quoted one-line scalars, one-line flow lists of plain words,
//! and `|`/`>` block text. On anything else (anchors, tags, multi-line plain text, escapes,
//! numbers other than plain integers, duplicate keys...) it returns `None`, and the caller uses
//! the full parser, which also produces the error messages. Where it does answer, its answer is
//! the same value the full parser gives; a test holds it to that.

use serde_yaml::{Mapping, Value};

/// Parse `text` if it is within the simple subset; `None` means "use the full parser".
pub fn parse(text: &str) -> Option<Value> {
    let lines: Vec<Line> = text
        .split('\n')
        .map(|raw| raw.strip_suffix('\r').unwrap_or(raw))
        .map(Line::new)
        .collect::<Option<_>>()?;
    let mut reader = Reader {
        lines,
        at: 0,
        depth: 0,
    };
    reader.skip_blank();
    if reader.at >= reader.lines.len() {
        return None;
    }
    let first_indent = reader.lines.get(reader.at)?.indent;
    if first_indent != 0 {
        return None;
    }
    let value = reader.block(0)?;
    reader.skip_blank();
    (reader.at >= reader.lines.len()).then_some(value)
}

struct Line<'a> {
    indent: usize,
    /// The text after the indentation.
    body: &'a str,
    /// Blank or a comment only.
    blank: bool,
}

impl<'a> Line<'a> {
    fn new(raw: &'a str) -> Option<Self> {
        let body = raw.trim_start_matches(' ');
        if body.starts_with('\t') {
            return None;
        }
        let indent = raw.len() - body.len();
        let blank = body.trim_end().is_empty() || body.starts_with('#');
        if !blank && (body.starts_with("---") || body.starts_with("...") || body.starts_with('%')) {
            return None;
        }
        Some(Line {
            indent,
            body,
            blank,
        })
    }
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    at: usize,
    /// Nesting so far; deeper files go to the full parser, whose own limit then applies.
    depth: usize,
}

/// Records nest two levels deep; anything past this is left to the full parser.
const MAX_DEPTH: usize = 16;

impl<'a> Reader<'a> {
    fn skip_blank(&mut self) {
        while self.lines.get(self.at).is_some_and(|l| l.blank) {
            self.at += 1;
        }
    }

    /// The next non-blank line's indentation, if any.
    fn next_indent(&mut self) -> Option<usize> {
        self.skip_blank();
        self.lines.get(self.at).map(|l| l.indent)
    }

    /// A block mapping or sequence whose entries start at `indent`.
    fn block(&mut self, indent: usize) -> Option<Value> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let line = self.lines.get(self.at)?;
        let value = if line.body.starts_with("- ") || line.body.trim_end() == "-" {
            self.sequence(indent)
        } else {
            self.mapping(indent)
        };
        self.depth -= 1;
        value
    }

    fn sequence(&mut self, indent: usize) -> Option<Value> {
        let mut items = Vec::new();
        while self.next_indent() == Some(indent)
            && self
                .lines
                .get(self.at)
                .is_some_and(|l| l.body.starts_with("- "))
        {
            let body = self.lines.get(self.at)?.body;
            let rest = body.strip_prefix("- ")?;
            self.at += 1;
            let item = scalar(rest)?;
            // Nested blocks inside sequence items are left to the full parser.
            if matches!(item, Value::Null) || self.next_indent().is_some_and(|i| i > indent) {
                return None;
            }
            items.push(item);
        }
        self.end_of_block(indent)?;
        Some(Value::Sequence(items))
    }

    fn mapping(&mut self, indent: usize) -> Option<Value> {
        let mut map = Mapping::new();
        while self.next_indent() == Some(indent) {
            let body = self.lines.get(self.at)?.body;
            let (key, rest) = split_key(body)?;
            self.at += 1;
            let rest = rest.trim_start_matches(' ');
            let value = if rest.is_empty() || rest.starts_with('#') {
                match self.next_indent() {
                    Some(deeper) if deeper > indent => self.block(deeper)?,
                    // A sequence may sit at the same indentation as its key.
                    Some(same)
                        if same == indent
                            && self
                                .lines
                                .get(self.at)
                                .is_some_and(|l| l.body.starts_with("- ")) =>
                    {
                        self.sequence(indent)?
                    }
                    _ => Value::Null,
                }
            } else if let Some(header) = block_header(rest) {
                self.block_text(indent, header)?
            } else {
                let value = scalar(rest)?;
                if self.next_indent().is_some_and(|i| i > indent) {
                    // Multi-line plain text or a misplaced block: the full parser decides.
                    return None;
                }
                value
            };
            let key = Value::String(key.to_string());
            if map.contains_key(&key) {
                return None;
            }
            map.insert(key, value);
        }
        self.end_of_block(indent)?;
        Some(Value::Mapping(map))
    }

    /// After a block, the next line must belong to an enclosing block (less indented).
    fn end_of_block(&mut self, indent: usize) -> Option<()> {
        match self.next_indent() {
            Some(next) if next > indent => None,
            _ => Some(()),
        }
    }

    /// `|`, `|-`, `>` or `>-` text under a key at `indent`.
    fn block_text(&mut self, indent: usize, header: BlockHeader) -> Option<Value> {
        let mut content: Vec<&str> = Vec::new();
        let mut text_indent = None;
        while let Some(line) = self.lines.get(self.at) {
            let empty = line.body.trim_end().is_empty();
            if !empty {
                if line.indent <= indent {
                    break;
                }
                match text_indent {
                    None => text_indent = Some(line.indent),
                    // More-indented lines have special folding rules; leave them to the full parser.
                    Some(t) if line.indent != t => return None,
                    Some(_) => {}
                }
                content.push(line.body.trim_end_matches(' '));
            } else {
                // Spaces beyond the text's indentation, or empty lines before the first line of
                // text, are kept by YAML in ways left to the full parser.
                if text_indent.is_none_or(|t| line.indent > t) {
                    return None;
                }
                content.push("");
            }
            self.at += 1;
        }
        // Trailing empty lines are not content; they are dropped by both chomping modes used here.
        while content.last() == Some(&"") {
            content.pop();
        }
        if content.is_empty() {
            return None;
        }
        let mut text = String::new();
        if header.folded {
            let mut previous_empty = false;
            for (i, line) in content.iter().enumerate() {
                if line.is_empty() {
                    text.push('\n');
                    previous_empty = true;
                    continue;
                }
                if i > 0 && !previous_empty {
                    text.push(' ');
                }
                text.push_str(line);
                previous_empty = false;
            }
        } else {
            text = content.join("\n");
        }
        if !header.strip {
            text.push('\n');
        }
        Some(Value::String(text))
    }
}

#[derive(Clone, Copy)]
struct BlockHeader {
    folded: bool,
    strip: bool,
}

fn block_header(rest: &str) -> Option<BlockHeader> {
    let word = rest.split(" #").next().unwrap_or(rest).trim_end();
    match word {
        "|" => Some(BlockHeader {
            folded: false,
            strip: false,
        }),
        "|-" => Some(BlockHeader {
            folded: false,
            strip: true,
        }),
        ">" => Some(BlockHeader {
            folded: true,
            strip: false,
        }),
        ">-" => Some(BlockHeader {
            folded: true,
            strip: true,
        }),
        _ => None,
    }
}

/// `key: rest`, for a plain key of letters, digits, `_`, `.` and `-`.
fn split_key(body: &str) -> Option<(&str, &str)> {
    let colon = body.find(':')?;
    let key = body.get(..colon)?;
    let rest = body.get(colon + 1..)?;
    let simple = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
        && key
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    // Keys the core schema would read as booleans or null are left to the full parser.
    let special = matches!(
        key,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" | "null" | "Null" | "NULL"
    );
    if !simple || special || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((key, rest))
}

/// A one-line value: quoted text, a flow list of plain words, or a plain scalar.
fn scalar(text: &str) -> Option<Value> {
    let text = text.trim_end();
    if let Some(inner) = text.strip_prefix('\'') {
        return single_quoted(inner);
    }
    if let Some(inner) = text.strip_prefix('"') {
        let end = inner.find('"')?;
        let (content, after) = (inner.get(..end)?, inner.get(end + 1..)?);
        if content.contains('\\') || !is_comment_or_empty(after) {
            return None;
        }
        return Some(Value::String(content.to_string()));
    }
    if let Some(inner) = text.strip_prefix('[') {
        return flow_list(inner);
    }
    if text == "{}" {
        return Some(Value::Mapping(Mapping::new()));
    }
    let plain = strip_comment(text);
    plain_scalar(plain)
}

fn single_quoted(inner: &str) -> Option<Value> {
    let mut out = String::new();
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            if chars.peek().is_some_and(|(_, n)| *n == '\'') {
                chars.next();
                out.push('\'');
                continue;
            }
            return is_comment_or_empty(inner.get(i + 1..)?).then_some(Value::String(out));
        }
        out.push(c);
    }
    None
}

fn flow_list(inner: &str) -> Option<Value> {
    let end = inner.find(']')?;
    let (content, after) = (inner.get(..end)?, inner.get(end + 1..)?);
    if !is_comment_or_empty(after) {
        return None;
    }
    if content.trim().is_empty() {
        return Some(Value::Sequence(Vec::new()));
    }
    content
        .split(',')
        .map(|item| {
            let item = item.trim();
            let word_like = !item.is_empty()
                && item
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
            if !word_like {
                return None;
            }
            plain_scalar(item)
        })
        .collect::<Option<Vec<_>>>()
        .map(Value::Sequence)
}

/// What may follow a closing quote or bracket: nothing, or a space and a comment.
fn is_comment_or_empty(text: &str) -> bool {
    text.trim().is_empty() || (text.starts_with(' ') && text.trim_start().starts_with('#'))
}

fn strip_comment(text: &str) -> &str {
    match text.find(" #") {
        Some(i) => text.get(..i).unwrap_or(text).trim_end(),
        None => text,
    }
}

/// A plain scalar, typed as the YAML 1.2 core schema types it; anything that could be a number
/// other than a plain integer, or that holds YAML indicators, is left to the full parser.
fn plain_scalar(text: &str) -> Option<Value> {
    if text.is_empty() {
        return Some(Value::Null);
    }
    match text {
        "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let first = text.chars().next()?;
    if "[]{}&*!|>'\"%@`#,?:-".contains(first) && !(first == '-' && is_integer(text)) {
        return None;
    }
    if text.contains(": ") || text.ends_with(':') || text.contains(" #") || text.contains('\t') {
        return None;
    }
    if is_integer(text) {
        return text.parse::<i64>().ok().map(|n| Value::Number(n.into()));
    }
    // Anything else starting like a number (floats, octal, hex, leading zeros, dates) is left to
    // the full parser.
    if first.is_ascii_digit() || first == '+' || first == '.' {
        return None;
    }
    Some(Value::String(text.to_string()))
}

/// `0`, or an optional `-` then digits without a leading zero.
fn is_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && digits.len() < 18
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the fast reader answers, it gives what the full parser gives; where the full parser
    /// refuses the text, the fast reader declines it too.
    fn same_as_full_parser(text: &str) {
        let full: Result<Value, _> = serde_yaml::from_str(text);
        match (parse(text), full) {
            (Some(fast), Ok(full)) => assert_eq!(fast, full, "for:\n{text}"),
            (Some(fast), Err(err)) => panic!("fast read {fast:?} where YAML says {err}:\n{text}"),
            (None, _) => {}
        }
    }

    #[test]
    fn agrees_with_the_full_parser_on_tricky_lines() {
        for text in [
            "a: b\n",
            "a: b # comment\n",
            "a: b#c\n",
            "a: 'it''s' # x\n",
            "a: \"quoted\"\n",
            "a: [x, y_z, 3]\n",
            "a: []\n",
            "a: {}\n",
            "a: 12\n",
            "a: -3\n",
            "a: 012\n",
            "a: 1.5\n",
            "a: yes\n",
            "a: no\n",
            "a: true\n",
            "a: ~\n",
            "a:\n",
            "a:\n  b: c\n  d:\n    - e\n    - f\nz: 1\n",
            "a:\n- x\n- y\n",
            "a: >-\n  one\n  two\n\n  three\nb: c\n",
            "a: |\n  one\n  two\n\nb: c\n",
            "a: >\n  one\n  two\n",
            "a: |-\n  one\n    two\n",
            "a: b\n  c\n",
            "a: b: c\n",
            "- a\n- b\n",
            "a: 'x' y\n",
            "a: [x, 'y']\n",
            "a: -\n",
            "a: .inf\n",
            "a: 0x1f\n",
            "a: 2026-11-28\n",
            "a: 'x'#c\n",
            "a: [x]#c\n",
            "a: >-\n  x\n   \n  y\n",
            "a: |\n\n  x\n",
            "b:\n  - 1\n  - two\n",
            "true: x\n",
            "a: x\r\nb: y\r\n",
            "a:    spaced   \n",
            "a: A, B and C (d) [e]\n",
            "a: >-\n  first\nb: c\n",
        ] {
            same_as_full_parser(text);
        }
    }

    #[test]
    fn reads_the_examples_exactly_as_the_full_parser_does() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let files = crate::files::expand(std::slice::from_ref(&dir)).expect("examples");
        // The saved case records in examples/reports and examples/records hold lists of actions,
        // which the fast reader leaves to the full parser (agrees_on_every_yaml_file_in_the_
        // repository still covers them); every teaching scenario must take the fast path.
        for path in files
            .into_iter()
            .filter(|p| !p.starts_with(dir.join("reports")) && !p.starts_with(dir.join("records")))
        {
            let text = std::fs::read_to_string(&path).expect("readable");
            let fast = parse(&text)
                .unwrap_or_else(|| panic!("{} not read by the fast path", path.display()));
            let full: Value = serde_yaml::from_str(&text).expect("valid");
            assert_eq!(fast, full, "{}", path.display());
        }
    }

    #[test]
    fn agrees_on_every_yaml_file_in_the_repository() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dirs = ["examples", "tests", "questions", "continuum"].map(|d| root.join(d));
        for path in crate::files::expand(&dirs).expect("readable folders") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            same_as_full_parser(&text);
        }
    }

    #[test]
    fn leaves_deep_nesting_to_the_full_parser() {
        let mut text = String::new();
        for depth in 0..200 {
            text.push_str(&" ".repeat(depth));
            text.push_str("a:\n");
        }
        assert!(parse(&text).is_none());
    }

    #[test]
    fn leaves_anchors_tags_and_documents_to_the_full_parser() {
        for text in [
            "a: &x b\n",
            "a: !!str 5\n",
            "---\na: b\n",
            "a: *x\n",
            "\ta: b\n",
            "a: 1\na: 2\n",
        ] {
            assert!(parse(text).is_none(), "{text}");
        }
    }
}
