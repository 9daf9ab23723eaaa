//! A summary as a table for the terminal (80 columns), Markdown, CSV or JSON. Every count passes
//! through [`disclosure::protect`] first; labels are in the user's language, ids in CSV and JSON.

use super::disclosure::{self, Cell, Protected, protect};
use super::{DIMENSIONS, NOBODY_ELSE, NOT_RECORDED, Tally};
use crate::content::Content;
use crate::content::case_record::Terms;
use crate::content::continuum::StrategyStatus;
use crate::report::grid;
use crate::text::messages::Msg;
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Tables for the terminal, 80 columns.
    Table,
    /// Markdown tables, for a report.
    Markdown,
    /// One line per count: table,row,column,count (ids, not labels).
    Csv,
    /// One JSON object with every table (ids, not labels).
    Json,
}

/// One protected table: its id, row ids and labels, column ids and labels, and the counts.
struct Shown {
    id: String,
    heading: String,
    rows: Vec<(String, String)>,
    columns: Vec<(String, String)>,
    protected: Protected,
}

/// The ids a breakdown's values are shown in, known values first in their natural order.
fn order(content: &Content, dimension: &str) -> Vec<String> {
    let levels = || {
        let mut ids: Vec<String> = content
            .continuum
            .levels
            .iter()
            .map(|l| l.id.clone())
            .collect();
        ids.push(crate::content::continuum::NOT_PLACED.to_string());
        ids.push(NOT_RECORDED.to_string());
        ids
    };
    let field = |key: &str| {
        content.questions.field(key).map_or_else(Vec::new, |f| {
            f.kind.choices().iter().map(|c| c.id.clone()).collect()
        })
    };
    match dimension {
        "level" | "practitioner_level" => levels(),
        "strategy_discussion" => StrategyStatus::ALL
            .iter()
            .map(|s| s.id().to_string())
            .collect(),
        "age_band" => ["0-4", "5-9", "10-13", "14-17"].map(String::from).to_vec(),
        "setting" => field("context.setting"),
        "behaviour" => field("what_happened.behaviours"),
        "relationship" => {
            let mut ids = vec![NOBODY_ELSE.to_string()];
            ids.extend(field("others.relationship"));
            ids
        }
        "images_online" => ["images_and_online", "images", "online", "neither"]
            .map(String::from)
            .to_vec(),
        "agency" => Terms::builtin(content.lang())
            .agencies
            .iter()
            .map(|t| t.id.clone())
            .collect(),
        _ => Vec::new(),
    }
}

/// A value's label in the user's language.
fn label(content: &Content, dimension: &str, value: &str) -> String {
    let lang = content.lang();
    let continuum = &content.continuum;
    if value == NOT_RECORDED {
        return Msg::ValueNotRecorded.text(lang).to_string();
    }
    if value == crate::content::answer::UNKNOWN {
        return Msg::NotKnownYet.text(lang).to_string();
    }
    let field_label = |key: &str| {
        content.questions.field(key).map_or_else(
            || value.to_string(),
            |f| f.label_of(value, lang).to_string(),
        )
    };
    match dimension {
        "level" | "practitioner_level" => {
            if value == crate::content::continuum::NOT_PLACED {
                continuum.not_placed.label.clone()
            } else {
                continuum.index_of(value).map_or_else(
                    || value.to_string(),
                    |i| continuum.placement_label(Some(i)).to_string(),
                )
            }
        }
        "strategy_discussion" => StrategyStatus::from_id(value)
            .map_or_else(|| value.to_string(), |s| s.word(lang).to_string()),
        "setting" => field_label("context.setting"),
        "behaviour" => field_label("what_happened.behaviours"),
        "relationship" if value == NOBODY_ELSE => Msg::ValueNobodyElse.text(lang).to_string(),
        "relationship" => field_label("others.relationship"),
        "images_online" => match value {
            "images_and_online" => Msg::ValueImagesAndOnline,
            "images" => Msg::ValueImages,
            "online" => Msg::ValueOnline,
            _ => Msg::ValueNeither,
        }
        .text(lang)
        .to_string(),
        "agency" => Terms::label_of(&Terms::builtin(lang).agencies, value).to_string(),
        _ => value.to_string(),
    }
}

fn heading(dimension: &str) -> Msg {
    match dimension {
        "level" => Msg::DimLevel,
        "practitioner_level" => Msg::DimPractitionerLevel,
        "strategy_discussion" => Msg::DimStrategyDiscussion,
        "age_band" => Msg::DimAgeBand,
        "setting" => Msg::DimSetting,
        "behaviour" => Msg::DimBehaviour,
        "relationship" => Msg::DimRelationship,
        "images_online" => Msg::DimImagesOnline,
        "agency" => Msg::DimAgency,
        _ => Msg::DimMonth,
    }
}

/// Values seen, in order: known ones first, then any others sorted.
fn ordered<'a>(
    content: &Content,
    dimension: &str,
    seen: impl Iterator<Item = &'a String>,
) -> Vec<String> {
    let seen: Vec<&String> = seen.collect();
    let known = order(content, dimension);
    let mut out: Vec<String> = known.iter().filter(|k| seen.contains(k)).cloned().collect();
    let mut rest: Vec<String> = seen
        .into_iter()
        .filter(|s| !known.contains(s))
        .cloned()
        .collect();
    rest.sort();
    out.extend(rest);
    out
}

fn one_way(content: &Content, tally: &Tally, dimension: &str, min: u64) -> Option<Shown> {
    let counts = tally.by.get(dimension)?;
    let values = ordered(content, dimension, counts.keys());
    let row: Vec<u64> = values
        .iter()
        .map(|v| counts.get(v).copied().unwrap_or(0))
        .collect();
    // A breakdown where a record counts once has the number of records as its total; behaviours
    // (several per record) have none, so each count stands alone.
    let additive = dimension != "behaviour";
    let protected = if additive {
        protect(&[row], min)
    } else {
        let cells: Vec<Cell> = row
            .iter()
            .map(|&n| protect(&[vec![n]], min).grand)
            .collect();
        Protected {
            cells: vec![cells],
            row_totals: vec![Cell::Withheld],
            column_totals: Vec::new(),
            grand: Cell::Withheld,
            secondary: false,
        }
    };
    Some(Shown {
        id: dimension.to_string(),
        heading: heading(dimension).text(content.lang()).to_string(),
        rows: vec![],
        columns: values
            .iter()
            .map(|v| (v.clone(), label(content, dimension, v)))
            .collect(),
        protected,
    })
}

/// Records with images are counted twice: under the behaviour "images", and as "images" plus
/// "images and online". Where either of those is hidden, the behaviour count is withheld too,
/// or subtraction would give it away.
fn link_images(tables: &mut [Shown]) {
    let hidden = |t: &Shown, id: &str| {
        t.columns
            .iter()
            .position(|(c, _)| c == id)
            .and_then(|i| t.protected.cells[0].get(i))
            .is_some_and(|c| c.is_hidden())
    };
    let images_hidden = tables
        .iter()
        .find(|t| t.id == "images_online")
        .is_some_and(|t| hidden(t, "images") || hidden(t, "images_and_online"));
    if !images_hidden {
        return;
    }
    if let Some(t) = tables.iter_mut().find(|t| t.id == "behaviour")
        && let Some(i) = t.columns.iter().position(|(c, _)| c == "images")
        && let Some(cell) = t.protected.cells[0].get_mut(i)
        && !cell.is_hidden()
    {
        *cell = Cell::Withheld;
        t.protected.secondary = true;
    }
}

fn cross(content: &Content, tally: &Tally, min: u64) -> Shown {
    let rows = ordered(content, "level", tally.levels.keys().map(|(h, _)| h));
    let columns = ordered(
        content,
        "practitioner_level",
        tally.levels.keys().map(|(_, p)| p),
    );
    let counts: Vec<Vec<u64>> = rows
        .iter()
        .map(|r| {
            columns
                .iter()
                .map(|c| {
                    tally
                        .levels
                        .get(&(r.clone(), c.clone()))
                        .copied()
                        .unwrap_or(0)
                })
                .collect()
        })
        .collect();
    Shown {
        id: "hsb_against_practitioner".to_string(),
        heading: Msg::DisagreementHeading.text(content.lang()).to_string(),
        rows: rows
            .iter()
            .map(|r| (r.clone(), label(content, "level", r)))
            .collect(),
        columns: columns
            .iter()
            .map(|c| (c.clone(), label(content, "level", c)))
            .collect(),
        protected: protect(&counts, min),
    }
}

/// Agreed and differed among records with a judgement, protected, and the rate when both are
/// shown.
fn agreement(tally: &Tally, agreed: u64, min: u64) -> (Cell, Option<u64>) {
    let p = protect(&[vec![agreed, tally.judged.saturating_sub(agreed)]], min);
    let rate = match (p.cells[0][0], p.cells[0][1]) {
        (Cell::Shown(a), Cell::Shown(_)) if tally.judged > 0 => Some(a * 100 / tally.judged),
        _ => None,
    };
    (p.cells[0][0], rate)
}

pub fn render(
    content: &Content,
    tally: &Tally,
    format: Format,
    dimensions: &[String],
    min: u64,
) -> String {
    let chosen: Vec<&str> = DIMENSIONS
        .iter()
        .copied()
        .filter(|d| dimensions.is_empty() || dimensions.iter().any(|c| c == d))
        .collect();
    let cross = cross(content, tally, min);
    let mut tables: Vec<Shown> = chosen
        .iter()
        .filter_map(|d| {
            if *d == "practitioner_level" {
                // The practitioner's placements are the level-by-level table's column totals:
                // shown from it, so that the two tables hide exactly the same counts.
                Some(Shown {
                    id: d.to_string(),
                    heading: heading(d).text(content.lang()).to_string(),
                    rows: vec![],
                    columns: cross.columns.clone(),
                    protected: Protected {
                        cells: vec![cross.protected.column_totals.clone()],
                        row_totals: vec![cross.protected.grand],
                        column_totals: Vec::new(),
                        grand: cross.protected.grand,
                        secondary: cross.protected.secondary,
                    },
                })
            } else {
                one_way(content, tally, d, min)
            }
        })
        .collect();
    link_images(&mut tables);
    let rules: Vec<(String, Cell, Cell)> = tally
        .rules
        .iter()
        .map(|(id, (fired, differed))| {
            let p = |n: u64| protect(&[vec![n]], min).grand;
            (id.clone(), p(*fired), p(*differed))
        })
        .collect();
    let records = protect(&[vec![tally.records]], min).grand;
    let judged = protect(&[vec![tally.judged]], min).grand;
    let level = agreement(tally, tally.level_agrees, min);
    let strategy = agreement(tally, tally.strategy_agrees, min);
    let parts = Parts {
        content,
        min,
        records,
        judged,
        tables,
        cross,
        rules,
        level,
        strategy,
    };
    match format {
        Format::Table => parts.human(false),
        Format::Markdown => parts.human(true),
        Format::Csv => parts.csv(),
        Format::Json => parts.json(),
    }
}

struct Parts<'a> {
    content: &'a Content,
    min: u64,
    records: Cell,
    judged: Cell,
    tables: Vec<Shown>,
    cross: Shown,
    rules: Vec<(String, Cell, Cell)>,
    level: (Cell, Option<u64>),
    strategy: (Cell, Option<u64>),
}

impl Parts<'_> {
    fn say(&self, msg: Msg) -> &'static str {
        msg.text(self.content.lang())
    }

    fn text(&self, cell: Cell) -> String {
        cell.text(self.min)
    }

    fn agreement_line(&self, msg: Msg, (agreed, rate): (Cell, Option<u64>)) -> String {
        let rate = rate.map_or_else(
            || self.say(Msg::RateHidden).to_string(),
            |r| format!("{r}%"),
        );
        msg.fill(
            self.content.lang(),
            &[
                ("agreed", &self.text(agreed)),
                ("judged", &self.text(self.judged)),
                ("rate", &rate),
            ],
        )
    }

    /// Markdown, or tables for the terminal.
    fn human(&self, markdown: bool) -> String {
        let mut out = String::new();
        let title = crate::say!(
            self.content.lang(),
            SummaryTitle,
            count = self.text(self.records)
        );
        if markdown {
            let _ = writeln!(out, "# {title}");
        } else {
            let _ = writeln!(out, "{title}");
        }
        for t in &self.tables {
            section(&mut out, markdown, &t.heading);
            let mut rows: Vec<Vec<String>> = t
                .columns
                .iter()
                .zip(&t.protected.cells[0])
                .map(|((_, label), cell)| vec![label.clone(), self.text(*cell)])
                .collect();
            if t.id != "behaviour" {
                rows.push(vec![
                    self.say(Msg::WordTotal).to_string(),
                    self.text(t.protected.grand),
                ]);
            }
            let header = vec![t.heading.clone(), self.say(Msg::ColumnRecords).to_string()];
            table(&mut out, markdown, header, rows, &[55, 12]);
        }
        self.cross_table(&mut out, markdown);
        section(&mut out, markdown, self.say(Msg::AgreementHeading));
        for line in [
            self.agreement_line(Msg::AgreementLevel, self.level),
            self.agreement_line(Msg::AgreementStrategy, self.strategy),
        ] {
            let _ = writeln!(out, "{}", crate::report::wrap(&line, 80));
            if markdown {
                let _ = writeln!(out);
            }
        }
        self.rules_table(&mut out, markdown);
        let note = crate::say!(
            self.content.lang(),
            SuppressionNote,
            max = (self.min - 1),
            min = self.min
        );
        let _ = writeln!(out, "\n{}", crate::report::wrap(note.trim(), 80));
        out
    }

    /// hsb's level against the practitioner's. In 80 columns the practitioner's levels are
    /// numbered, with a key beneath.
    fn cross_table(&self, out: &mut String, markdown: bool) {
        section(out, markdown, &self.cross.heading);
        let short = |i: usize| (i + 1).to_string();
        let mut header = vec![String::new()];
        if markdown {
            header.extend(self.cross.columns.iter().map(|(_, l)| l.clone()));
        } else {
            header.extend((0..self.cross.columns.len()).map(short));
        }
        header.push(self.say(Msg::WordTotal).to_string());
        let protected = &self.cross.protected;
        let mut rows: Vec<Vec<String>> = self
            .cross
            .rows
            .iter()
            .enumerate()
            .map(|(r, (_, label))| {
                let mut row = vec![label.clone()];
                row.extend(protected.cells[r].iter().map(|c| self.text(*c)));
                row.push(self.text(protected.row_totals[r]));
                row
            })
            .collect();
        let mut totals = vec![self.say(Msg::WordTotal).to_string()];
        totals.extend(protected.column_totals.iter().map(|c| self.text(*c)));
        totals.push(self.text(protected.grand));
        rows.push(totals);
        let mut widths = vec![16];
        widths.extend(std::iter::repeat_n(3, self.cross.columns.len()));
        widths.push(8);
        table(out, markdown, header, rows, &widths);
        if !markdown {
            let key: Vec<String> = self
                .cross
                .columns
                .iter()
                .enumerate()
                .map(|(i, (_, label))| format!("{} {label}", short(i)))
                .collect();
            let _ = writeln!(out, "{}", crate::report::wrap(&key.join(" · "), 80));
        }
    }

    /// How often each rule fired, and how often the practitioner's level differed.
    fn rules_table(&self, out: &mut String, markdown: bool) {
        section(out, markdown, self.say(Msg::RulesHeading));
        let rows = self
            .rules
            .iter()
            .map(|(id, fired, differed)| {
                let id = if markdown {
                    format!("`{id}`")
                } else {
                    id.clone()
                };
                vec![id, self.text(*fired), self.text(*differed)]
            })
            .collect();
        let header = vec![
            self.say(Msg::ColumnRule).to_string(),
            self.say(Msg::ColumnFired).to_string(),
            self.say(Msg::ColumnDiffered).to_string(),
        ];
        table(out, markdown, header, rows, &[44, 9, 16]);
    }

    fn csv(&self) -> String {
        let mut out = String::from("table,row,column,count\n");
        let mut line = |table: &str, row: &str, column: &str, cell: Cell| {
            let _ = writeln!(
                out,
                "{},{},{},{}",
                super::csv_field(table),
                super::csv_field(row),
                super::csv_field(column),
                cell.text(self.min)
            );
        };
        line("records", "", "", self.records);
        for t in &self.tables {
            for ((id, _), cell) in t.columns.iter().zip(&t.protected.cells[0]) {
                line(&t.id, id, "", *cell);
            }
            if t.id != "behaviour" {
                line(&t.id, "total", "", t.protected.grand);
            }
        }
        let c = &self.cross;
        for (r, (row, _)) in c.rows.iter().enumerate() {
            for (k, (column, _)) in c.columns.iter().enumerate() {
                line(&c.id, row, column, c.protected.cells[r][k]);
            }
            line(&c.id, row, "total", c.protected.row_totals[r]);
        }
        for (k, (column, _)) in c.columns.iter().enumerate() {
            line(&c.id, "total", column, c.protected.column_totals[k]);
        }
        line(&c.id, "total", "total", c.protected.grand);
        line("agreement", "level", "agreed", self.level.0);
        line(
            "agreement",
            "strategy_discussion",
            "agreed",
            self.strategy.0,
        );
        line("agreement", "judged", "", self.judged);
        for (id, fired, differed) in &self.rules {
            line("rules", id, "fired", *fired);
            line("rules", id, "practitioner_differed", *differed);
        }
        out
    }

    fn json(&self) -> String {
        use serde_json::{Value, json};
        let j = |c: Cell| disclosure::json(c, self.min);
        let tables: Vec<Value> = self
            .tables
            .iter()
            .map(|t| {
                json!({
                    "id": t.id,
                    "rows": t.columns.iter().zip(&t.protected.cells[0]).map(|((id, _), c)| json!({"value": id, "count": j(*c)})).collect::<Vec<_>>(),
                    "total": if t.id == "behaviour" { Value::Null } else { j(t.protected.grand) },
                })
            })
            .collect();
        let c = &self.cross;
        let value = json!({
            "records": j(self.records),
            "min_cell": self.min,
            "tables": tables,
            "hsb_against_practitioner": {
                "rows": c.rows.iter().map(|(id, _)| id).collect::<Vec<_>>(),
                "columns": c.columns.iter().map(|(id, _)| id).collect::<Vec<_>>(),
                "counts": c.protected.cells.iter().map(|r| r.iter().map(|x| j(*x)).collect::<Vec<_>>()).collect::<Vec<_>>(),
                "row_totals": c.protected.row_totals.iter().map(|x| j(*x)).collect::<Vec<_>>(),
                "column_totals": c.protected.column_totals.iter().map(|x| j(*x)).collect::<Vec<_>>(),
                "total": j(c.protected.grand),
            },
            "agreement": {
                "judged": j(self.judged),
                "level_agreed": j(self.level.0),
                "level_rate_percent": self.level.1,
                "strategy_discussion_agreed": j(self.strategy.0),
                "strategy_discussion_rate_percent": self.strategy.1,
            },
            "rules": self.rules.iter().map(|(id, f, d)| json!({"id": id, "fired": j(*f), "practitioner_differed": j(*d)})).collect::<Vec<_>>(),
        });
        format!("{value}\n")
    }
}

/// A section heading: Markdown `##`, or a blank line and the heading wrapped at 80 columns.
fn section(out: &mut String, markdown: bool, text: &str) {
    if markdown {
        let _ = writeln!(out, "\n## {text}\n");
    } else {
        let _ = writeln!(out, "\n{}", crate::report::wrap(text, 80));
    }
}

/// A table: Markdown, or a grid `widths` wide for the terminal.
fn table(
    out: &mut String,
    markdown: bool,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    widths: &[usize],
) {
    if markdown {
        let line = |cells: &[String]| format!("| {} |", cells.join(" | "));
        let _ = writeln!(out, "{}", line(&header));
        let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
        for row in &rows {
            let _ = writeln!(out, "{}", line(row));
        }
    } else {
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let _ = writeln!(out, "{}", grid(widths, Some(&header), rows, true));
    }
}
