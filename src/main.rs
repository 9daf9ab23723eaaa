use clap::Parser;
use hsb::lang::Lang;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = hsb::cli::Cli::parse();
    let code = match Lang::from_env(cli.lang) {
        Err(_) => {
            // Which language to speak is what is in doubt, so say it in both.
            for lang in Lang::ALL {
                eprintln!("hsb: {}", hsb::messages::Msg::HsbLangInvalid.text(lang));
            }
            hsb::error::exit::ERROR
        }
        Ok(lang) => match hsb::cli::run(cli, lang) {
            Ok(code) => code,
            Err(hsb::Error::Output(err)) if err.kind() == std::io::ErrorKind::BrokenPipe => 0,
            Err(err) => {
                eprintln!("{}", err.render(lang));
                err.exit_code()
            }
        },
    };
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}
