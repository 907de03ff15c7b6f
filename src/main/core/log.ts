/** The core's only logger: every line goes through the vault's scrubber first, so no secret reaches a log. */
export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export function createLogger(scrub: (text: string) => string, sink: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error));
  return {
    info: (message) => sink(scrub(`[tribune] ${message}`)),
    error: (message, error) => sink(scrub(`[tribune] ERROR ${message}${error === undefined ? '' : ` ${describe(error)}`}`)),
  };
}
