/** A bilingual name; the reader picks the language. */
export interface LocalisedName {
  zh: string;
  en: string;
}

/** Who was present, from check-in: per institution, per department, and everyone else. */
export interface Attendance {
  institutions: { id: string; name: LocalisedName; people: string[] }[];
  departments: { id: string; name: LocalisedName; people: string[] }[];
  others: string[];
}

/** An action item as published: what, which department owns it, and by when. */
export interface PublishedAction {
  text: string;
  departmentId: string | null;
  departmentName: LocalisedName | null;
  dueDate: Date | null;
}

/** One agenda item's minutes as published. */
export interface PublishedItem {
  agendaItemId: string;
  order: number;
  title: LocalisedName;
  startsAt: Date;
  speakers: string[];
  /** Markdown. */
  notes: string;
  keyPoints: string[];
  decisions: string[];
  actions: PublishedAction[];
}

/** One published version of an event's minutes, frozen when it was published (never recomputed). */
export interface PublishedMinutes {
  eventId: string;
  version: number;
  publishedAt: Date;
  approvedBy: string;
  attendance: Attendance;
  items: PublishedItem[];
}
