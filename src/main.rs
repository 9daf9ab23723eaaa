use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = hsb::cli::Cli::parse();
    let code = match hsb::cli::run(cli) {
        Ok(code) => code,
        Err(hsb::Error::Output(err)) if err.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(err) => {
            eprintln!("{err}");
            err.exit_code()
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}
