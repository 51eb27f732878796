import { useState, type ChangeEvent } from 'react';
import { ApiError } from '../api.js';
import { useKept } from './use-kept.js';

/** The answers shown, and which check gave them (a new round remounts the results). */
export interface Checked<A> {
  round: number;
  answers: A[];
}

/** Where a check was started from, and what went wrong with it. */
export interface CheckProblem {
  from: 'form' | 'text';
  message: string;
}

/**
 * A check page's state: the records pasted or read from a file (`text`, `fileName`), the last
 * answers, what went wrong and whether a check is under way. Text, file name and answers are
 * kept under `key` (`workers.text`) when the analyst opens a listed record and comes back.
 * `run` starts a check; the API's refusal is shown through `withLines` (naming the text's lines).
 *
 * @example const checks = useChecks<WorkerAnswer>('workers', withWorkerLines);
 */
export function useChecks<A>(key: string, withLines: (message: string, lines: readonly number[]) => string) {
  const [text, setText] = useKept(`${key}.text`, () => '');
  const [fileName, setFileName] = useKept<string | null>(`${key}.file`, () => null);
  const [checked, setChecked] = useKept<Checked<A> | null>(`${key}.checked`, () => null);
  const [problem, setProblem] = useState<CheckProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (from: CheckProblem['from'], check: () => Promise<A[]>, lines: readonly number[] = []) => {
    setBusy(true);
    setProblem(null);
    try {
      const answers = await check();
      setChecked((previous) => ({ round: (previous?.round ?? 0) + 1, answers }));
    } catch (error) {
      setProblem({ from, message: error instanceof ApiError ? withLines(error.message, lines) : `the server does not answer: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
    setProblem(null);
  };

  /** Text typed in: no longer a file's, and a problem with the text before it is gone. */
  const type = (value: string) => {
    setText(value);
    setFileName(null);
    if (problem?.from === 'text') setProblem(null);
  };

  return { text, fileName, checked, problem, busy, run, choose, type };
}
