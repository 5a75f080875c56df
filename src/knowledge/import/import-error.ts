// One error type for every importer, so the caller can tell a bad file (shown to the user as is) from a bug.
// The message always starts with the file name: a user importing ten files must see which one failed.

export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly file: string;
  readonly problem: string;
  readonly where?: string;

  constructor(file: string, problem: string, where?: string) {
    super(`${file}: ${where ? `${where}: ` : ''}${problem}`);
    this.file = file;
    this.problem = problem;
    if (where !== undefined) this.where = where;
  }
}
