import { useState } from 'preact/hooks';

export interface Action {
  readonly busy: boolean;
  readonly error: unknown;
  /** A line saying what the last run did, or how far it has come. */
  readonly status: string;
  readonly setStatus: (status: string) => void;
  run(work: () => Promise<string | void>): Promise<void>;
}

/** One operation a button starts: busy while it runs, then its outcome or its error. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  return {
    busy,
    error,
    status,
    setStatus,
    async run(work) {
      setBusy(true);
      setError(undefined);
      setStatus('');
      try {
        setStatus((await work()) ?? '');
      } catch (failure) {
        setError(failure);
      } finally {
        setBusy(false);
      }
    },
  };
}
