use hsb::text::lang::Lang;
use std::process::ExitCode;

fn main() -> ExitCode {
    let code = match Lang::from_env(Lang::from_args(std::env::args_os())) {
        Err(unknown) => {
            // Which language to speak is what is in doubt, so say it in both.
            for lang in Lang::ALL {
                eprintln!("hsb: {}", hsb::cli::explain(unknown, lang));
            }
            hsb::input::error::exit::ERROR
        }
        Ok(lang) => match hsb::cli::parse(lang).map(|cli| hsb::cli::run(cli, lang)) {
            Err(code) => code,
            Ok(Ok(code)) => code,
            Ok(Err(hsb::Error::Output(err))) if err.kind() == std::io::ErrorKind::BrokenPipe => 0,
            Ok(Err(err)) => {
                eprintln!("{}", err.render(lang));
                err.exit_code()
            }
        },
    };
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}
