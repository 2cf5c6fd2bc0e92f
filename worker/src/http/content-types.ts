/** CSV answers (exports, review evidence) say their charset: spreadsheets guess wrong otherwise. */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
