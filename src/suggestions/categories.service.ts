import { isDuplicateKeyError } from '../db/index.js';
import { randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.js';
import type { Locale } from '../web/i18n.js';
import { DEFAULT_CATEGORIES, SuggestionCategory, type CategoryDoc } from './category.model.js';
import type { CategoryInput } from './suggestions.schemas.js';
import { Suggestion } from './suggestion.model.js';

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

/** Insert the default list when there is none; each has a fixed `_id`, so two first users at once insert it once. */
async function seedIfEmpty(): Promise<void> {
  try {
    await SuggestionCategory.insertMany(DEFAULT_CATEGORIES, { ordered: false });
  } catch (error) {
    if (!isDuplicateKeyError(error) && !isDuplicateKeyError((error as { writeErrors?: unknown[] }).writeErrors?.[0])) throw error;
  }
}

/** Every category in order (retired ones only when asked), seeding the default list on first use. */
export async function listCategories(options: { includeRetired?: boolean } = {}): Promise<Category[]> {
  let docs = await SuggestionCategory.find().lean<CategoryDoc[]>();
  if (docs.length === 0) {
    await seedIfEmpty();
    docs = await SuggestionCategory.find().lean<CategoryDoc[]>();
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
    const created = await SuggestionCategory.create({ _id: key, nameZh: input.nameZh, nameEn: input.nameEn, nameKo: input.nameKo, nameJa: input.nameJa, order });
    return toCategory(created.toObject() as CategoryDoc);
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new ValidationError({ key: 'suggestions.category.keyTaken' });
    throw error;
  }
}

/** Rename a category (its key, and so every suggestion filed under it, stays). */
export async function renameCategory(key: string, input: CategoryInput): Promise<void> {
  const { matchedCount } = await SuggestionCategory.updateOne({ _id: key }, { $set: { nameZh: input.nameZh, nameEn: input.nameEn, nameKo: input.nameKo, nameJa: input.nameJa } });
  if (matchedCount === 0) throw new NotFoundError();
}

/** Retire a category (no longer offered) or bring it back. */
export async function setCategoryRetired(key: string, retired: boolean): Promise<void> {
  const { matchedCount } = await SuggestionCategory.updateOne({ _id: key }, { $set: { retiredAt: retired ? new Date() : null } });
  if (matchedCount === 0) throw new NotFoundError();
}

/** Delete a category no suggestion uses; one in use can only be retired (ConflictError). */
export async function deleteCategory(key: string): Promise<void> {
  if (await Suggestion.exists({ categoryKey: key })) throw new ConflictError('suggestions.category.inUse');
  const { deletedCount } = await SuggestionCategory.deleteOne({ _id: key });
  if (deletedCount === 0) throw new NotFoundError();
}

/** Whether a suggestion uses each category, for the admin page (which offers delete only for unused ones). */
export async function categoriesInUse(): Promise<Set<string>> {
  return new Set((await Suggestion.distinct('categoryKey')).map(String));
}
