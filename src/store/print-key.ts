/** Where the checker leaves the result for the printable findings page (browser.storage.local). */
export const PRINT_KEY = 'print';
