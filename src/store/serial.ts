/**
 * One queue per store: tasks run one after another, in the order they were queued, each after the
 * previous one settled (a failed task does not stop the queue). A store whose write is "read the
 * whole record, change it, write it back" loses an update when two such writes overlap (the second
 * reads before the first wrote): every read-change-write of a store goes through its queue.
 */
export type Serial = <T>(task: () => Promise<T>) => Promise<T>;

export function serialQueue(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
