/** A failure the user can act on: its message is printed as is, the process exits 1. */
export class ConnectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectError';
  }
}
