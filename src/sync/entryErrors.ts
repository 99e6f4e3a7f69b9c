// Errors the client itself raises while preparing an outbox entry, shaped like a server ConvexError.

/** A failure with the same `{data: {code, message}}` shape as a ConvexError, so it is classified alike. */
export class OutboxFailure extends Error {
  readonly data: { code: string; message: string };

  constructor(code: string, message: string) {
    super(message);
    this.name = "OutboxFailure";
    this.data = { code, message };
  }
}

export function outboxFailure(code: string, message: string): OutboxFailure {
  return new OutboxFailure(code, message);
}
