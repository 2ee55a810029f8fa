import { isDuplicateKeyError } from '../db/index.js';
import { DEFAULT_CATEGORIES, SuggestionCategory, type CategoryDoc } from './category.model.js';

// The only file that reads or writes suggestion categories.

/** A category's names in the four languages. */
export interface CategoryNames {
  nameZh: string;
  nameEn: string;
  nameKo: string;
  nameJa: string;
}

/** Every stored category, in no particular order. */
export async function listStoredCategories(): Promise<CategoryDoc[]> {
  return SuggestionCategory.find().lean<CategoryDoc[]>();
}

/** Insert the default list; each has a fixed `_id`, so two first users at once insert it once. */
export async function insertDefaultCategories(): Promise<void> {
  try {
    await SuggestionCategory.insertMany(DEFAULT_CATEGORIES, { ordered: false });
  } catch (error) {
    if (!isDuplicateKeyError(error) && !isDuplicateKeyError((error as { writeErrors?: unknown[] }).writeErrors?.[0])) throw error;
  }
}

/** Insert a category under its key; a key already used throws the duplicate-key error. */
export async function insertCategory(key: string, names: CategoryNames, order: number): Promise<CategoryDoc> {
  const created = await SuggestionCategory.create({ _id: key, ...names, order });
  return created.toObject() as CategoryDoc;
}

/** Set a category's names; false when there is no such category. */
export async function setCategoryNames(key: string, names: CategoryNames): Promise<boolean> {
  const { matchedCount } = await SuggestionCategory.updateOne({ _id: key }, { $set: { ...names } });
  return matchedCount > 0;
}

/** Set when a category was retired (null: offered again); false when there is no such category. */
export async function setCategoryRetiredAt(key: string, at: Date | null): Promise<boolean> {
  const { matchedCount } = await SuggestionCategory.updateOne({ _id: key }, { $set: { retiredAt: at } });
  return matchedCount > 0;
}

/** Delete a category; false when there is no such category. */
export async function deleteStoredCategory(key: string): Promise<boolean> {
  const { deletedCount } = await SuggestionCategory.deleteOne({ _id: key });
  return deletedCount > 0;
}
