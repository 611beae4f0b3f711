/**
 * An input's onInput that shows what is typed and keeps it as it is typed (store/drafts.ts): the
 * popup's pasted text, the batch page's URLs, pasted text and other sites.
 */
export function keptInput(show: (value: string) => void, keep: (value: string) => void): (e: Event) => void {
  return (e) => {
    const value = (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value;
    show(value);
    keep(value);
  };
}
