// en-GB for day-month order; the browser's own time zone (server-rendered text is corrected on hydration).
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

export const formatDateTime = (value: Date): string => dateTime.format(value);
export const formatDate = (value: Date): string => date.format(value);
