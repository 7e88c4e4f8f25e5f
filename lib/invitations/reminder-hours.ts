/** When an invitation reminder may go: this many hours before the invitation expires (pure data, for forms too). */
export const REMINDER_HOURS = [24, 48, 72] as const;
export type ReminderHours = (typeof REMINDER_HOURS)[number];

export const REMINDER_CHOICES = [
  { value: 0, label: "No reminder" },
  ...REMINDER_HOURS.map((h) => ({ value: h, label: `${h} hours before expiry` })),
];
