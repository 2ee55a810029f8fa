import { isDuplicateKeyError } from '../db/index.js';
import { randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.js';
import type { Locale } from '../web/i18n.js';
import type { CategoryDoc } from './category.model.js';
import { deleteStoredCategory, insertCategory, insertDefaultCategories, listStoredCategories, setCategoryNames, setCategoryRetiredAt, type CategoryNames } from './category.store.js';
import { isCategoryUsed, listUsedCategoryKeys } from './suggestion.store.js';
import type { CategoryInput } from './suggestions.schemas.js';

/** A category as pages and other services see it. */
export interface Category {
  key: string;
  name: { zh: string; en: string; ko: string; ja: string };
  order: number;
  retired: boolean;
}


function toCategory(doc: CategoryDoc): Category {
  return {
    key: doc._id,
    name: { zh: doc.nameZh, en: doc.nameEn, ko: doc.nameKo ?? '', ja: doc.nameJa ?? '' },
    order: doc.order ?? 0,
    retired: Boolean(doc.retiredAt),
  };
}

const namesOf = (input: CategoryInput): CategoryNames => ({ nameZh: input.nameZh, nameEn: input.nameEn, nameKo: input.nameKo, nameJa: input.nameJa });

/** Every category in order (retired ones only when asked), seeding the default list on first use. */
export async function listCategories(options: { includeRetired?: boolean } = {}): Promise<Category[]> {
  let docs = await listStoredCategories();
  if (docs.length === 0) {
    await insertDefaultCategories();
    docs = await listStoredCategories();
  }
  return docs
    .map(toCategory)
    .filter((category) => options.includeRetired || !category.retired)
    .sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}

/** A category's name in a language (Korean and Japanese fall back to English). */
export function categoryName(category: Pick<Category, 'name'>, locale: Locale): string {
  return category.name[locale] || category.name.en || category.name.zh;
}

/** A key from the English name (`Green finance` → `green_finance`), or a random one for names without Latin letters. */
function keyFrom(input: CategoryInput): string {
  const slug = input.nameEn.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
  return input.key || (/^[a-z]/.test(slug) ? slug : `category_${randomBytes(3).toString('hex')}`);
}

/** Add a category at the end of the list; a key already used is a ValidationError on `key`. */
export async function createCategory(input: CategoryInput): Promise<Category> {
  const existing = await listCategories({ includeRetired: true });
  const key = keyFrom(input);
  const order = Math.max(-1, ...existing.map((c) => c.order)) + 1;
  try {
    return toCategory(await insertCategory(key, namesOf(input), order));
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new ValidationError({ key: 'suggestions.category.keyTaken' });
    throw error;
  }
}

/** Rename a category (its key, and so every suggestion filed under it, stays). */
export async function renameCategory(key: string, input: CategoryInput): Promise<void> {
  if (!(await setCategoryNames(key, namesOf(input)))) throw new NotFoundError();
}

/** Retire a category (no longer offered) or bring it back. */
export async function setCategoryRetired(key: string, retired: boolean): Promise<void> {
  if (!(await setCategoryRetiredAt(key, retired ? new Date() : null))) throw new NotFoundError();
}

/** Delete a category no suggestion uses; one in use can only be retired (ConflictError). */
export async function deleteCategory(key: string): Promise<void> {
  if (await isCategoryUsed(key)) throw new ConflictError('suggestions.category.inUse');
  if (!(await deleteStoredCategory(key))) throw new NotFoundError();
}

/** Whether a suggestion uses each category, for the admin page (which offers delete only for unused ones). */
export async function categoriesInUse(): Promise<Set<string>> {
  return new Set(await listUsedCategoryKeys());
}
