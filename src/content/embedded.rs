//! The default files, compiled into the binary so that hsb works from any folder.

/// (name, YAML text with both languages, then as JSON converted at build time with its
/// texts in English, and in Welsh)
pub type File = (&'static str, &'static str, &'static str, &'static str);

pub const QUESTIONS: File = (
    "questions/appendix3.yaml",
    include_str!("../../questions/appendix3.yaml"),
    include_str!(concat!(env!("OUT_DIR"), "/appendix3.en.json")),
    include_str!(concat!(env!("OUT_DIR"), "/appendix3.cy.json")),
);
pub const LEVELS: File = (
    "continuum/levels.yaml",
    include_str!("../../continuum/levels.yaml"),
    include_str!(concat!(env!("OUT_DIR"), "/levels.en.json")),
    include_str!(concat!(env!("OUT_DIR"), "/levels.cy.json")),
);
pub const RULES: File = (
    "continuum/rules.yaml",
    include_str!("../../continuum/rules.yaml"),
    include_str!(concat!(env!("OUT_DIR"), "/rules.en.json")),
    include_str!(concat!(env!("OUT_DIR"), "/rules.cy.json")),
);

/// The build-time JSON of a file in `lang`.
pub fn json(file: File, lang: crate::text::lang::Lang) -> &'static str {
    match lang {
        crate::text::lang::Lang::En => file.2,
        crate::text::lang::Lang::Cy => file.3,
    }
}
/// SHA-256 of LEVELS then RULES, computed at build time.
pub const SHA256: &str = include_str!(concat!(env!("OUT_DIR"), "/rules.sha256"));
