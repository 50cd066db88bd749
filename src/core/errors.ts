// Typed errors: one top-level catch (src/cli/main.ts) maps them to exit codes.
// Exit codes (DESIGN.md): 0 answered, 2 bad input or usage, 3 `fit --require-fit`
// and it does not fit, 130 cancelled, 1 anything unexpected.

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input: the message names the flag, file, line or field and what is allowed. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** The user cancelled (Ctrl-C at a prompt). */
export class CancelledError extends CliError {
  constructor(message = 'Cancelled.') {
    super(message, 130);
  }
}

/** A result that should set a non-zero exit code after it has been printed (e.g. --require-fit). */
export class ExitAfterOutput {
  constructor(readonly exitCode: number) {}
}
