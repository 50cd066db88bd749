// Contradictory or unknown inputs to the decision engine; the CLI turns it into a UsageError (exit 2).
// Its own module so that cost-report.ts and recommend.ts can share it without importing each other.
export class DecisionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecisionInputError';
  }
}
