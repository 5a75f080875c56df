// The ImportError a run throws, for tests of bad input: fails the test when it throws nothing or something else.
import { expect } from 'vitest';
import { ImportError } from '../../src/knowledge/import/import-error';

export function failure(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('expected an ImportError');
}
