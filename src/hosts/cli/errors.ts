// A usage or input error: printed as one message, exit code 2, no stack trace.
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
