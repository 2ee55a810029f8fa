/** How many rows a long table shows at once. */
export const PAGE_SIZE = 50;

/** One page of a list, with what a pager needs to link the others. */
export interface Page<T> {
  items: T[];
  /** 1-based; a page past the end is the last one. */
  page: number;
  pages: number;
  /** Positions (1-based) of the first and last item shown, 0 when there is none. */
  first: number;
  last: number;
  total: number;
  /** The link to another page, keeping the rest of the query. */
  hrefFor(page: number): string;
}

/** The requested page of `items` (clamped to the pages there are), linking pages of `path?query`. */
export function pageOf<T>(items: readonly T[], requested: number, path: string, query: Record<string, unknown>, size = PAGE_SIZE): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(Math.max(1, Math.trunc(requested) || 1), pages);
  const start = (page - 1) * size;
  const shown = items.slice(start, start + size);
  const kept = Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'page');
  return {
    items: shown,
    page,
    pages,
    first: shown.length ? start + 1 : 0,
    last: start + shown.length,
    total: items.length,
    hrefFor: (to) => {
      const search = new URLSearchParams(to > 1 ? [...kept, ['page', String(to)]] : kept).toString();
      return search ? `${path}?${search}` : path;
    },
  };
}
